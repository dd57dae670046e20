import Testing
import Kusari

/// The README's first example, verbatim, must keep compiling and must actually fit the line.
@Test func readmeExampleFitsTheLine() {
    let generator = RandomGenerator(seed: 0)
    let x = Variable(NDArray.uniform([100, 1], generator: generator))
    let t = Variable(5 + 2 * x.data + NDArray.uniform([100, 1], generator: generator))  // y ≈ 2x + 5

    let model = Linear(1, 1, generator: generator)   // y = x·Wᵀ + b
    let lr = 0.1
    for i in 0..<1000 {
        let loss = meanSquaredError(model(x), t)      // the graph is recorded as this line runs
        model.clearGrads()
        loss.backward()                               // walks the graph back: fills W.grad and b.grad
        for p in model.parameters() {
            if let g = p.grad { p.data = p.data - lr * g.data }   // plain gradient descent
        }
        if i % 250 == 0 { print(i, loss.data.scalar) }
    }
    print("W =", model.W.data.scalar, "b =", model.b?.data.scalar ?? 0)   // W ≈ 2, b ≈ 5.5
    #expect(abs(model.W.data.scalar - 2) < 0.1)
    #expect(abs((model.b?.data.scalar ?? 0) - 5.5) < 0.1)
}
