import Testing
import Kusari
@testable import KusariData

extension Datasets {
    @Suite struct WindowsTests {
        @Test func noisySineGives180WindowsOf20() {
            let series = NDArray((0..<200).map { Double($0) }, shape: [200], dtype: .float32)
            let (x, t) = windows(series, length: 20)
            #expect(x.shape == [180, 20])
            #expect(t.shape == [180])
            #expect(x[0].doubleValues == (0..<20).map { Double($0) })
            #expect(t[0].scalar == 20)
            #expect(x[179].doubleValues == (179..<199).map { Double($0) })
            #expect(t[179].scalar == 199)
            #expect(x.dtype == .float32)
        }

        @Test func targetIsHorizonStepsAfterTheLastInput() {
            let series = NDArray([10, 11, 12, 13, 14, 15] as [Double], shape: [6])
            let (x1, t1) = windows(series, length: 3, horizon: 1)
            #expect(x1.doubleValues == [10, 11, 12, 11, 12, 13, 12, 13, 14])
            #expect(t1.doubleValues == [13, 14, 15])
            let (x2, t2) = windows(series, length: 3, horizon: 2)
            #expect(x2.shape == [2, 3])
            #expect(t2.doubleValues == [14, 15])
        }

        @Test func multivariateWindowsKeepTheFeatureAxis() {
            let series = NDArray((0..<20).map { Double($0) }, shape: [10, 2])
            let (x, t) = windows(series, length: 4)
            #expect(x.shape == [6, 4, 2])
            #expect(t.shape == [6, 2])
            #expect(x[1].doubleValues == [2, 3, 4, 5, 6, 7, 8, 9])
            #expect(t[1].doubleValues == [10, 11])
            let (x1, t1) = windows(NDArray((0..<200).map { Double($0) }, shape: [200, 1]), length: 20)
            #expect(x1.shape == [180, 20, 1] && t1.shape == [180, 1])
        }

        @Test func splitIsOrderedLikeTrainTestSplitWithoutShuffle() {
            let series = NDArray((0..<200).map { Double($0) }, shape: [200, 1])
            let (x, t) = windows(series, length: 20)
            let data = TupleDataset(x, t)
            let (train, validation) = splitDataset(data, trainFraction: 0.8)
            #expect(train.count == 144 && validation.count == 36)
            #expect(validation[0][1].doubleValues == [164])   // example 144's target: point 144 + 20
            let (a, b) = splitDataset(data, firstCount: 144)
            #expect(a.range == 0..<144 && b.range == 144..<180)
            let hundred = TupleDataset(NDArray.zeros([100]))
            #expect(splitDataset(hundred, trainFraction: 0.29).0.count == 29)
            #expect(splitDataset(hundred, trainFraction: 0.295).0.count == 29)
        }

        @Test func tupleDatasetExamplesAndBatches() {
            let x = NDArray((0..<12).map { Double($0) }, shape: [4, 3])
            let t = NDArray([100, 101, 102, 103] as [Double], shape: [4])
            let data = TupleDataset(x, t)
            #expect(data.count == 4)
            #expect(data[2] == [x[2], t[2]])
            let batch = data.batch(at: [3, 0])
            #expect(batch[0].shape == [2, 3] && batch[0].doubleValues == [9, 10, 11, 0, 1, 2])
            #expect(batch[1].doubleValues == [103, 100])
            let sub = SubDataset(data, range: 1..<4)
            #expect(sub.batch(at: [0, 2]) == data.batch(at: [1, 3]))
            #expect(sub[1] == data[2])
        }

        @Test func concatExamplesStacksEachComponent() {
            let examples: [Example] = (0..<3).map { i in
                [NDArray([Double(i), Double(i) + 0.5], shape: [2]), NDArray(scalar: Double(i) * 10)]
            }
            let batch = concatExamples(examples)
            #expect(batch.count == 2)
            #expect(batch[0].shape == [3, 2] && batch[0].doubleValues == [0, 0.5, 1, 1.5, 2, 2.5])
            #expect(batch[1].shape == [3] && batch[1].doubleValues == [0, 10, 20])
            // The default Dataset.batch(at:) goes through concatExamples and agrees with TupleDataset's.
            struct Plain: Dataset {
                let inner: TupleDataset
                var count: Int { inner.count }
                subscript(index: Int) -> Example { inner[index] }
            }
            let data = TupleDataset(NDArray.arange(0, 10).reshaped([5, 2]), NDArray.arange(0, 5))
            #expect(Plain(inner: data).batch(at: [4, 1, 1]) == data.batch(at: [4, 1, 1]))
        }
    }
}
