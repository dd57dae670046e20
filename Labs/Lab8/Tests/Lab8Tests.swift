// Lab 8 grading: a recurrent layer of your own. Run: make lab N=8
import Foundation
import Kusari
import KusariTesting
import Testing
@testable import Lab8

/// tanh(x·Wxᵀ + h·Whᵀ + b) computed with plain loops over Doubles, independently of Kusari's functions.
private func reference(_ x: NDArray, _ h: NDArray?, _ layer: ElmanRNN) -> NDArray {
    let (batch, inSize, hidden) = (x.shape[0], x.shape[1], layer.b.data.count)
    let xv = x.doubleValues, wx = layer.Wx.data.doubleValues, wh = layer.Wh.data.doubleValues
    let bv = layer.b.data.doubleValues, hv = h?.doubleValues
    var out = [Double](repeating: 0, count: batch * hidden)
    for n in 0..<batch {
        for j in 0..<hidden {
            var z = bv[j]
            for i in 0..<inSize { z += xv[n * inSize + i] * wx[j * inSize + i] }
            if let hv { for k in 0..<hidden { z += hv[n * hidden + k] * wh[j * hidden + k] } }
            out[n * hidden + j] = Foundation.tanh(z)
        }
    }
    return NDArray(out, shape: [batch, hidden], dtype: .float64)
}

@Suite("Lab 8: a layer of your own (ElmanRNN)")
struct Lab8Tests {
    let x1 = NDArray.normal([4, 3], dtype: .float64, generator: RandomGenerator(seed: 0))
    let x2 = NDArray.normal([4, 3], dtype: .float64, generator: RandomGenerator(seed: 1))

    @Test("Step 8.1: the parameters are /Wx (H, in), /Wh (H, H), /b (H)")
    func parameters() {
        let layer = ElmanRNN(3, 5, generator: RandomGenerator(seed: 0))
        let found = layer.namedParameters().map { "\($0.path) \($0.parameter.shape)" }
        #expect(found == ["/Wx [5, 3]", "/Wh [5, 5]", "/b [5]"])
        #expect(layer.parameterCount == 5 * 3 + 5 * 5 + 5)
    }

    @Test("Step 8.2: two time steps give tanh(x·Wxᵀ + b), then tanh(x·Wxᵀ + h·Whᵀ + b)")
    func twoSteps() throws {
        let layer = ElmanRNN(3, 5, dtype: .float64, generator: RandomGenerator(seed: 0))
        let h1 = layer(Variable(x1))
        try assertAllClose(h1.data, reference(x1, nil, layer), "first step")
        let h2 = layer(Variable(x2))
        try assertAllClose(h2.data, reference(x2, h1.data, layer), "second step")
    }

    @Test("Step 8.3: resetState() starts a new sequence")
    func reset() throws {
        let layer = ElmanRNN(3, 5, dtype: .float64, generator: RandomGenerator(seed: 0))
        let first = layer(Variable(x1)).data
        _ = layer(Variable(x2))
        layer.resetState()
        #expect(layer.h == nil, "resetState() must forget h")
        try assertAllClose(layer(Variable(x1)).data, first, "after resetState() the first step again")
        #expect(first.shape == [4, 5])
    }

    @Test("Step 8.2: gradients of all parameters over three steps pass checkParameterGradients")
    func gradients() throws {
        let layer = ElmanRNN(3, 5, dtype: .float64, generator: RandomGenerator(seed: 0))
        let steps = [x1, x2, x1]
        #expect(layer(Variable(x1)).shape == [4, 5], "one step maps (batch, in) to (batch, H)")
        try checkParameterGradients(layer) {
            layer.resetState()
            return steps.map { layer(Variable($0)) }.reduce(Variable(NDArray(scalar: 0, dtype: .float64))) { $0 + $1.sum() }
        }
    }
}
