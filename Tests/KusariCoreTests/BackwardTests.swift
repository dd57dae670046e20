import Foundation
import Testing
import KusariTesting
import Kusari
import KusariTestFixtures
@testable import KusariCore

/// y = x², counting how often its backward runs.
private final class CountingSquare: FunctionNode {
    var backwardCalls = 0
    override func forward(_ x: [NDArray]) -> [NDArray] { [x[0] * x[0]] }
    override func backward(_ gy: [Variable]) -> [Variable?] {
        backwardCalls += 1
        return [2 * inputs[0] * gy[0]]
    }
}

private struct BodyFailed: Error {}

@Suite("backward semantics, Config scopes, unchain")
struct BackwardTests {
    @Test func diamondVisitsEachFunctionOnce() {
        // a = x², y = a² + a² (DeZero step 16): y = 2x⁴, dy/dx = 8x³.
        let x = FnFixtures.scalar(2)
        let s0 = CountingSquare(), s1 = CountingSquare(), s2 = CountingSquare()
        let a = s0.apply([x])[0]
        let y = s1.apply([a])[0] + s2.apply([a])[0]
        y.backward()
        #expect(x.grad?.data.scalar == 64)
        #expect([s0, s1, s2].map(\.backwardCalls) == [1, 1, 1])
    }

    @Test func branchesOfDifferentDepthMeetBeforeTheSharedFunction() {
        // a = x², y = (a²)² + a: a's creator must wait for the long branch. dy/dx = 8x⁷ + 2x.
        let x = FnFixtures.scalar(2)
        let sq = (0..<3).map { _ in CountingSquare() }
        let a = sq[0].apply([x])[0]
        let c = sq[2].apply([sq[1].apply([a])[0]])[0]
        let y = c + a
        y.backward()
        #expect(x.grad?.data.scalar == 1028)  // 8·2⁷ + 2·2
        #expect(sq.map(\.backwardCalls) == [1, 1, 1])
        #expect(y.generation > c.generation && c.generation > a.generation && a.generation > x.generation)
    }

    @Test func gradientsAccumulateUntilCleared() {
        let x = FnFixtures.scalar(3)
        (x * x).backward()
        #expect(x.grad?.data.scalar == 6)
        (x * x).backward()
        #expect(x.grad?.data.scalar == 12)
        // The same graph again: its root's seed gradient was released, so it is ones again.
        let y = x * x * x
        y.backward()
        y.backward()
        #expect(x.grad?.data.scalar == 66)  // 12 + 27 + 27
        x.clearGrad()
        #expect(x.grad == nil)
        (x * x).backward()
        #expect(x.grad?.data.scalar == 6)
        // An unshared gradient is summed in place: the same variable keeps accumulating.
        let before = ObjectIdentifier(x.grad!)
        (x * x).backward()
        #expect(ObjectIdentifier(x.grad!) == before)
        #expect(x.grad?.data.scalar == 12)
    }

    @Test func retainGradKeepsIntermediateGradients() {
        let x = FnFixtures.scalar(3)
        let a = x * x
        let y = a * 2
        y.backward()
        #expect(a.grad == nil)
        #expect(y.grad == nil)
        #expect(x.grad?.data.scalar == 12)

        x.clearGrad()
        let a2 = x * x
        let y2 = a2 * 2
        y2.backward(retainGrad: true)
        #expect(a2.grad?.data.scalar == 2)
        #expect(y2.grad?.data.scalar == 1)
        #expect(x.grad?.data.scalar == 12)
    }

    @Test func givenSeedGradientIsUsed() {
        let x = Variable(NDArray([1, 2, 3.0]))
        let y = x * x
        y.grad = Variable(NDArray([1, 0, -1.0]), requiresGrad: false)
        y.backward()
        #expect(x.grad?.data.doubleValues == [2, 0, -6])
    }

    @Test func constantsGetNoGradient() {
        let x = FnFixtures.scalar(3)
        let c = Variable(NDArray(scalar: 5, dtype: .float64), requiresGrad: false)
        (x * c).backward()
        #expect(x.grad?.data.scalar == 5)
        #expect(c.grad == nil)
    }

    @Test func doubleBackpropThenPlainBackpropDoesNotAliasGradients() {
        // With enableDoubleBackprop, x and y of x + y may receive the very same gradient variable;
        // a later in-place accumulation into one must not change the other.
        let x = FnFixtures.scalar(1), y = FnFixtures.scalar(2)
        (x + y).backward(enableDoubleBackprop: true)
        #expect(x.grad?.data.scalar == 1 && y.grad?.data.scalar == 1)
        (x + y).backward()
        #expect(x.grad?.data.scalar == 2)
        #expect(y.grad?.data.scalar == 2)
        (x * 3).backward()
        #expect(x.grad?.data.scalar == 5)
        #expect(y.grad?.data.scalar == 2)
    }

    @Test func noGradRecordsNoCreator() {
        let x = FnFixtures.scalar(3)
        let y = noGrad { () -> Variable in
            #expect(Config.enableBackprop == false)
            return x * x
        }
        #expect(Config.enableBackprop == true)
        #expect(y.creator == nil)
        #expect(y.generation == 0)
        #expect(y.data.scalar == 9)
        y.backward()
        #expect(x.grad == nil)
        let z = x * x
        #expect(z.creator != nil)
        #expect(z.creator?.inputs.count == 2)
    }

    @Test func usingConfigSetsAndRestoresTrain() throws {
        #expect(Config.train == true)
        let seen = usingConfig(train: false) { Config.train }
        #expect(seen == false)
        #expect(Config.train == true)
        // Nested scopes, and settings left nil keep their value.
        usingConfig(train: false) {
            usingConfig(enableBackprop: false) {
                #expect(Config.train == false)
                #expect(Config.enableBackprop == false)
            }
            #expect(Config.enableBackprop == true)
        }
        // Restored also when the body throws.
        #expect(throws: BodyFailed.self) {
            try usingConfig(train: false) {
                #expect(Config.train == false)
                throw BodyFailed()
            }
        }
        #expect(Config.train == true)
        #expect(throws: BodyFailed.self) {
            try noGrad { throw BodyFailed() }
        }
        #expect(Config.enableBackprop == true)
    }

    @Test func unchainBackwardCutsTheGraph() {
        let x = FnFixtures.scalar(0.5)
        let a = x * 2
        let b = tanh(a)
        let c = b * 3
        let y = c + 1
        let mul = c.creator
        c.unchainBackward()
        #expect(c.creator == nil)
        #expect(b.creator == nil)
        #expect(a.creator == nil)
        #expect(mul?.inputs.isEmpty == true)
        #expect(y.creator != nil)  // beyond the cut, the graph is intact
        y.backward()
        #expect(c.grad?.data.scalar == 1)  // the walk reached c and stopped there
        #expect(b.grad == nil)
        #expect(x.grad == nil)
        #expect(y.data.scalar == 3 * Foundation.tanh(1.0) + 1)  // values are kept
    }

    @Test func unchainMakesALeaf() {
        let x = FnFixtures.scalar(2)
        let a = x * x
        let y = a * a
        a.unchain()
        #expect(a.creator == nil)
        y.backward()
        #expect(a.grad?.data.scalar == 8)
        #expect(x.grad == nil)
    }
}
