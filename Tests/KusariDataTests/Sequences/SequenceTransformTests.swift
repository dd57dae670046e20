import Foundation
import Testing
import Kusari

@Suite("Sequences: transforms and padding")
struct SequenceTransformTests {
    let nan = Double.nan
    /// Two features at times 0, 1, 3, 4.
    var sequence: EntitySequence {
        EntitySequence(id: "p", times: [0, 1, 3, 4], values: [nan, 10, 2, nan, nan, nan, 6, 40], featureCount: 2)
    }

    func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { ($0.isNaN && $1.isNaN) || abs($0 - $1) < 1e-12 }
    }

    @Test func forwardFillThenConstant() throws {
        #expect(same(try ForwardFill(then: 0).apply(sequence).values, [0, 10, 2, 10, 2, 10, 6, 40]))
        #expect(same(try ForwardFill(then: nil).apply(sequence).values, [nan, 10, 2, 10, 2, 10, 6, 40]))
    }

    @Test func interpolationIsLinearInTime() throws {
        // Feature 1: 10 at t=0, 40 at t=4 → 17.5 at t=1, 32.5 at t=3. Feature 0 holds 2 before t=1.
        #expect(same(try LinearInterpolationInTime().apply(sequence).values, [2, 10, 2, 17.5, 2 + 8.0 / 3, 32.5, 6, 40]))
    }

    @Test func resampleWithIndicatorsAndStaleness() throws {
        let s = EntitySequence(id: "p", times: [0, 0.5, 2.25], values: [1, 2, 3], featureCount: 1)
        let r = try ResampleToGrid(step: 1, missingIndicators: true, timeSinceLast: true).apply(s)
        #expect(r.times == [0, 1, 2])
        // Hour 0 keeps its last value (2), hour 1 is empty, hour 2 has 3; staleness at each hour's end.
        #expect(same(r.values, [2, 0, 0.5, nan, 1, 1.5, 3, 0, 0.75]))
        #expect(ResampleToGrid(step: 1, missingIndicators: true, timeSinceLast: true).featureNames(["hr"])
                == ["hr", "hr_missing", "hr_since"])
    }

    @Test func standardizerUsesTrainingStatisticsOnly() throws {
        let train = SequenceDataset(featureNames: ["x"], entities: [
            EntitySequence(id: "a", times: [0, 1], values: [1, 3], featureCount: 1),
            EntitySequence(id: "b", times: [0], values: [nan], featureCount: 1)])
        let z = SequenceStandardizer(fittedOn: train)
        #expect(z.mean == [2] && z.scale == [1])
        let other = EntitySequence(id: "c", times: [0, 1], values: [5, nan], featureCount: 1)
        #expect(same(try z.apply(other).values, [3, nan]))
    }

    @Test func logTransformRejectsNonPositive() throws {
        let s = EntitySequence(id: "p", times: [0, 1], values: [Foundation.M_E, nan], featureCount: 1)
        #expect(same(try LogTransform(features: [0]).apply(s).values, [1, nan]))
        let bad = EntitySequence(id: "q", times: [0], values: [0], featureCount: 1)
        #expect(throws: SequenceTransformError.self) { try LogTransform(features: [0]).apply(bad) }
    }

    @Test func padSequencesKerasSemantics() {
        let seqs: [[Double]] = [[1, 2, 3], [4]]
        let post = padSequences(seqs, features: 1, padding: .post, dtype: .float64)
        #expect(post.data.shape == [2, 3, 1])
        #expect(post.data.doubleValues == [1, 2, 3, 4, 0, 0])
        #expect(post.lengths == [3, 1])
        #expect(post.mask.doubleValues == [1, 1, 1, 1, 0, 0])
        let pre = padSequences(seqs, features: 1, padding: .pre, value: -1, dtype: .float64)
        #expect(pre.data.doubleValues == [1, 2, 3, -1, -1, 4])
        #expect(pre.mask.doubleValues == [1, 1, 1, 0, 0, 1])
        let cutEnd = padSequences(seqs, features: 1, maxLength: 2, truncating: .post, dtype: .float64)
        #expect(cutEnd.data.doubleValues == [1, 2, 4, 0] && cutEnd.lengths == [2, 1])
        let cutStart = padSequences(seqs, features: 1, maxLength: 2, truncating: .pre, dtype: .float64)
        #expect(cutStart.data.doubleValues == [2, 3, 4, 0])
    }

    @Test func syntheticCohortIsSeededAndShaped() {
        let a = SyntheticICUCohort(count: 200, seed: 5), b = SyntheticICUCohort(count: 200, seed: 5)
        #expect(a.labels == b.labels && a.trueLogits == b.trueLogits)
        #expect(a.stays.entities.map(\.times) == b.stays.entities.map(\.times))
        #expect(same(a.stays.entities[7].values, b.stays.entities[7].values))
        let mortality = Double(a.labels.reduce(0, +)) / 200
        #expect(mortality > 0.04 && mortality < 0.3)
        // Every stay starts with all six variables measured, then has gaps.
        let first = a.stays.entities[0]
        #expect((0..<6).allSatisfy { !first.value(row: 0, feature: $0).isNaN })
        let missing = a.stays.entities.flatMap(\.values).filter(\.isNaN).count
        #expect(missing > 0)
        // Sicker patients die more often: the true logit separates the classes.
        #expect(rocAUC(scores: a.trueLogits, labels: a.labels) > 0.8)
    }
}
