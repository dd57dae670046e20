// Lab 5 grading: no-grad mode. Run: make lab N=5
import Foundation
import Testing
import struct KusariCore.NDArray
import func KusariTesting.assertAllClose
@testable import Lab5

private struct Boom: Error {}

@Suite("Lab 5: no-grad mode")
struct Lab5Tests {
    @Test("Step 5.1: noGrad switches backprop off inside the block and restores it after, also on throw")
    func switchAndRestore() {
        #expect(Config.enableBackprop, "backprop is on by default")
        #expect(noGrad { Config.enableBackprop } == false, "inside noGrad, Config.enableBackprop must be false")
        #expect(Config.enableBackprop, "after noGrad, backprop must be on again")
        #expect(throws: Boom.self) { try noGrad { () throws -> Void in throw Boom() } }
        #expect(Config.enableBackprop, "after a noGrad block that threw, backprop must be on again")
    }

    @Test("Step 5.2: inside noGrad, functions record no graph; outside they do")
    func nothingRecorded() {
        let x = Variable(2.0)
        let f = Square()
        let y = noGrad { f(x) }
        #expect(y.creator == nil, "a Variable made inside noGrad has no creator")
        #expect(f.inputs.isEmpty, "a Function called inside noGrad keeps no inputs (so they can be freed)")
        #expect(y.data.scalar == 4, "noGrad still computes the value")
        let z = Lab5.square(x)
        #expect(z.creator != nil, "outside noGrad the graph is recorded again")
    }
}
