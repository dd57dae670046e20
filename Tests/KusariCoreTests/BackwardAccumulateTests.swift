import Testing
import Kusari
@testable import KusariCore

/// (a, b) ↦ a·b, whose backward gives no gradient for b (nil): "no gradient for this input".
private final class ScaleByConstant: FunctionNode {
    override func forward(_ x: [NDArray]) -> [NDArray] { [x[0] * x[1]] }
    override func backward(_ gy: [Variable]) -> [Variable?] { [gy[0] * inputs[1], nil] }
}

/// y = 3x with an override that adds its gradient into the existing one in place when allowed.
private final class TripleInPlace: FunctionNode {
    var inPlaceAdds = 0
    override func forward(_ x: [NDArray]) -> [NDArray] { [3 * x[0]] }
    override func backward(_ gy: [Variable]) -> [Variable?] { [3 * gy[0]] }
    override func backwardAccumulate(_ gy: [Variable], into gradients: inout InputGradients) {
        let g = gy[0].data
        if gradients.accumulateInPlace(toInput: 0, add: { $0 += 3 * g }, make: { 3 * g }) {
            inPlaceAdds += 1
        } else {
            gradients.add(backward(gy)[0], toInput: 0)
        }
    }
}

/// Variable.backward hands each function the gradients its inputs hold (FunctionNode.backwardAccumulate,
/// InputGradients) and writes the sums back.
@Suite("backwardAccumulate and InputGradients")
struct BackwardAccumulateTests {
    @Test func nilMeansNoGradientAndKeepsWhatTheInputHolds() {
        let a = Variable(NDArray([1, 2.0]))
        let b = Variable(NDArray([3, 4.0]))
        b.grad = Variable(NDArray([10, 20.0]), requiresGrad: false)
        sum(ScaleByConstant().apply([a, b])[0]).backward()
        #expect(a.grad?.data.doubleValues == [3, 4])
        #expect(b.grad?.data.doubleValues == [10, 20])      // untouched: the function gave none
    }

    @Test func aRepeatedInputReceivesBothContributions() {
        let x = Variable(NDArray([1, 2, 3.0]))
        sum(x * x).backward()
        #expect(x.grad?.data.doubleValues == [2, 4, 6])
    }

    @Test func anOverrideAccumulatesInPlaceAndMatchesBackward() throws {
        let x = Variable(NDArray([1, 2.0]))
        let f = TripleInPlace(), g = TripleInPlace()
        let y = f.apply([x])[0] + g.apply([x])[0]
        sum(y).backward()
        #expect(x.grad?.data.doubleValues == [6, 6])
        #expect(f.inPlaceAdds + g.inPlaceAdds == 2)
        // While recording a graph the in-place path declines and the differentiable sum is built.
        let z = Variable(NDArray([1, 2.0]))
        let h = TripleInPlace(), k = TripleInPlace()
        sum(h.apply([z])[0] + k.apply([z])[0]).backward(enableDoubleBackprop: true)
        #expect(z.grad?.data.doubleValues == [6, 6])
        #expect(h.inPlaceAdds + k.inPlaceAdds == 0)
    }
}
