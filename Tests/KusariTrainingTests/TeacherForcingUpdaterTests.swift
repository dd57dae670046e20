import Foundation
import Kusari
import Testing

extension Training {
    @Suite struct TeacherForcingUpdaterTests {
        typealias F = TrainingFixtures

        func make(supportLength: Int?, optimizer: Optimizer = Adam(alpha: 0.01))
            -> (TeacherForcingUpdater, F.Accumulator, SequenceIterator) {
            let model = F.Accumulator(seed: 31)
            let iterator = SequenceIterator(F.sineSeries(40), batchSize: 3, sequenceLength: 5,
                                            supportLength: supportLength, generator: RandomGenerator(seed: 32))
            let updater = TeacherForcingUpdater(iterator: iterator, optimizer: optimizer.setup(model), predictor: model)
            return (updater, model, iterator)
        }

        @Test func laterStepsGetThePreviousPrediction() throws {
            let (updater, model, iterator) = make(supportLength: 2)
            try updater.update()
            let steps = iterator.steps(at: iterator.offsets)
            #expect(model.inputs.count == 5)
            for i in 0..<2 { #expect(model.inputs[i].data == steps[i][0], "step \(i) is teacher-forced") }
            for i in 2..<5 {
                #expect(model.inputs[i] === model.outputs[i - 1], "step \(i) is fed the prediction of step \(i - 1)")
                #expect(model.inputs[i].data != steps[i][0])
            }
        }

        @Test(arguments: [nil, 5])
        func withFullSupportEveryStepIsTeacherForced(supportLength: Int?) throws {
            let (updater, model, iterator) = make(supportLength: supportLength)
            for _ in 0..<2 {
                model.forgetRecords()
                try updater.update()
                let steps = iterator.steps(at: iterator.offsets)
                #expect(model.inputs.map(\.data) == steps.map { $0[0] })
            }
        }

        @Test func stateIsResetAtTheStartOfEverySequence() throws {
            let (updater, model, _) = make(supportLength: 3)
            for _ in 0..<3 { try updater.update() }
            #expect(model.resets == 3 && model.resetPositions == [0, 5, 10])
            #expect(model.incoming.enumerated().allSatisfy { ($1 == nil) == [0, 5, 10].contains($0) })
        }

        @Test func reportsTheMeanStepLossAndDescendsTheSummedLoss() throws {
            let lr = 0.1
            let (updater, model, iterator) = make(supportLength: 2, optimizer: SGD(lr: lr))
            let twin = F.Accumulator(seed: 31)                  // same weights, run by hand
            let reporter = Reporter()
            try reporter.scope { try updater.update() }

            let steps = iterator.steps(at: iterator.offsets)
            var total: Variable?
            var stepLosses: [Double] = []
            var previous: Variable?
            twin.resetState()
            for (i, step) in steps.enumerated() {
                let y = twin(i < 2 ? Variable(step[0], requiresGrad: false) : previous!)
                let l = meanSquaredError(y, Variable(step[1], requiresGrad: false))
                stepLosses.append(l.data.scalar)
                total = total.map { $0 + l } ?? l
                previous = y
            }
            let reported = try #require(reporter.observation["main/loss"])
            let mean = stepLosses.reduce(0, +) / 5
            #expect(abs(reported - mean) <= 1e-6 * mean)
            #expect(reported != stepLosses.last)

            try #require(total).backward()
            for (trained, start) in zip(model.parameters(), twin.parameters()) {
                let expected = zip(start.data.doubleValues, start.grad!.data.doubleValues).map { $0 - lr * $1 }
                let actual = trained.data.doubleValues
                #expect(zip(actual, expected).allSatisfy { abs($0 - $1) <= 1e-6 }, "SGD step on the summed loss")
            }
        }
    }
}
