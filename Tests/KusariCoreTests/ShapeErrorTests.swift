import Testing
import Kusari

// Bad input stops the program with a message naming the function and the shapes. Each case runs in a
// child process (a Swift Testing exit test) whose standard error is read back.

/// The standard error of an exit test, as text.
private func standardError(_ result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}

@Suite("Shape errors stop with a clear message")
struct ShapeErrorTests {
    @Test func addIncompatibleShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Variable(NDArray.zeros([2, 3])) + Variable(NDArray.zeros([4]))
        }
        #expect(standardError(result).contains("add: shapes [2, 3] and [4] cannot be broadcast together"),
                "\(standardError(result))")
    }

    @Test func multiplyIncompatibleShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Variable(NDArray.zeros([3, 2])) * Variable(NDArray.zeros([3]))
        }
        #expect(standardError(result).contains("multiply: shapes [3, 2] and [3]"), "\(standardError(result))")
    }

    @Test func matmulInnerExtentsDiffer() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Variable(NDArray.zeros([2, 3])), Variable(NDArray.zeros([2, 3])))
        }
        #expect(standardError(result).contains("matmul: shapes [2, 3] and [2, 3] do not align"), "\(standardError(result))")
    }

    @Test func linearWithAWrongWeight() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = linear(Variable(NDArray.zeros([4, 3])), Variable(NDArray.zeros([2, 5])))
        }
        #expect(standardError(result).contains("linear: x [4, 3] and W [2, 5] do not fit"), "\(standardError(result))")
    }

    @Test func linearWithAWrongBias() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = linear(Variable(NDArray.zeros([4, 3])), Variable(NDArray.zeros([2, 3])), Variable(NDArray.zeros([3])))
        }
        #expect(standardError(result).contains("linear: bias [3] does not match W [2, 3]"), "\(standardError(result))")
    }

    @Test func meanSquaredErrorShapesDiffer() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = meanSquaredError(Variable(NDArray.zeros([4, 1])), Variable(NDArray.zeros([4])))
        }
        #expect(standardError(result).contains("meanSquaredError: prediction [4, 1] and target [4] differ"),
                "\(standardError(result))")
    }

    @Test func concatShapesDiffer() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = concat([Variable(NDArray.zeros([2, 3])), Variable(NDArray.zeros([3, 3]))], axis: 1)
        }
        #expect(standardError(result).contains("concat: shapes [[2, 3], [3, 3]] differ outside axis 1"),
                "\(standardError(result))")
    }

    @Test func reshapeToTheWrongCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = reshape(Variable(NDArray.zeros([2, 3])), [4, -1])
        }
        #expect(standardError(result).contains("reshape: cannot reshape [2, 3] (6 elements) to [4, -1]"),
                "\(standardError(result))")
    }

    @Test func softmaxCrossEntropyWithABadLabel() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = softmaxCrossEntropy(Variable(NDArray.zeros([2, 3])), Variable(NDArray([0, 3] as [Float]), requiresGrad: false))
        }
        #expect(standardError(result).contains("softmaxCrossEntropy: label 3.0 of sample 1 is not a class index in 0..<3"),
                "\(standardError(result))")
    }

    @Test func indexOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Variable(NDArray.zeros([3, 4]))[1, 4]
        }
        #expect(standardError(result).contains("getItem: index 4 out of range for axis 1 of shape [3, 4]"),
                "\(standardError(result))")
    }

    @Test func validShapesDoNotStop() async {
        // The same kind of calls with fitting shapes run to the end: the exit tests above are not vacuous.
        await #expect(processExitsWith: .success) {
            _ = Variable(NDArray.zeros([2, 3])) + Variable(NDArray.zeros([3]))
            _ = matmul(Variable(NDArray.zeros([2, 3])), Variable(NDArray.zeros([3, 2])))
            _ = linear(Variable(NDArray.zeros([4, 3])), Variable(NDArray.zeros([2, 3])))
        }
    }
}
