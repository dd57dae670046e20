import Foundation
import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

@Suite("Functions: exp, log, sin, cos")
struct MathTests {
    let x = FnFixtures.normal([2, 3], seed: 21)
    let positive = FnFixtures.uniform([2, 3], seed: 22, low: 0.2, high: 3)

    @Test func forwardValues() throws {
        let v = Variable([0.5, 1, 2.0])
        try assertAllClose(exp(v).data, NDArray([0.5, 1, 2.0].map { Foundation.exp($0) }))
        try assertAllClose(log(v).data, NDArray([0.5, 1, 2.0].map { Foundation.log($0) }))
        try assertAllClose(sin(v).data, NDArray([0.5, 1, 2.0].map { Foundation.sin($0) }))
        try assertAllClose(cos(v).data, NDArray([0.5, 1, 2.0].map { Foundation.cos($0) }))
    }

    @Test func expGradient() throws {
        try FnFixtures.check("exp", [x]) { exp($0[0]) }
    }

    @Test func logGradient() throws {
        try FnFixtures.check("log", [positive]) { log($0[0]) }
    }

    @Test func sinGradient() throws {
        try FnFixtures.check("sin", [x]) { sin($0[0]) }
    }

    @Test func cosGradient() throws {
        try FnFixtures.check("cos", [x]) { cos($0[0]) }
    }

    @Test func composition() throws {
        // log(1 + exp(x)) · sin(x) / cos(x)²: several functions in one graph.
        try FnFixtures.check("composition", [x]) { v in
            let x = v[0]
            return log(1 + exp(x)) * sin(x) / (cos(x) * cos(x) + 1)
        }
    }

    @Test func derivativesAtAPoint() {
        // d/dx sin x = cos x, d/dx eˣ = eˣ, d/dx ln x = 1/x at x = 0.7.
        for (f, expected) in [(sin, Foundation.cos(0.7)), (exp, Foundation.exp(0.7)), (log, 1 / 0.7),
                              (cos, -Foundation.sin(0.7))] as [((Variable) -> Variable, Double)] {
            let v = FnFixtures.scalar(0.7)
            f(v).backward()
            #expect(abs(v.grad!.data.scalar - expected) < 1e-12)
        }
    }
}
