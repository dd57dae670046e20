import Kusari
import Testing
@testable import Starter

@Test func fitLineRecoversSlopeAndIntercept() throws {
    let x = NDArray.uniform([50, 1], generator: RandomGenerator(seed: 1))
    let fit = try fitLine(x: x, t: 3 * x - 1, steps: 2000, lr: 0.2)   // noise-free: exact answer
    #expect(abs(fit.w - 3) < 1e-2)
    #expect(abs(fit.b + 1) < 1e-2)
}
