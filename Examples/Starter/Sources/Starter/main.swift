// Starter: the smallest complete program using Kusari as a dependency.
// Run it with `swift run -c release starter` (or `swift run` while editing).
import Kusari

let generator = RandomGenerator(seed: 0)
let x = NDArray.uniform([100, 1], generator: generator)
let t = 2 * x + 5 + NDArray.uniform([100, 1], low: -0.1, high: 0.1, generator: generator)   // t ≈ 2x + 5

let fit = try fitLine(x: x, t: t)
print("w =", fit.w, "b =", fit.b, "loss =", fit.loss)    // w ≈ 2, b ≈ 5
