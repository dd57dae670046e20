import Testing
import Kusari

// A recurrent link takes one time step (batch, in) per call. A window (batch, time, features) or the wrong
// number of features stops with a message naming the link and saying what it expects. Each case runs in
// a child process (a Swift Testing exit test) whose standard error is read back.

private func standardError(_ result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}

@Suite("Recurrent links: wrong inputs stop with a message a student can act on")
struct StepInputTests {
    @Test func lstmGivenAWindow() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = LSTM(1, 4)(Variable(NDArray.zeros([8, 20, 1])))
        }
        let message = standardError(result)
        #expect(message.contains("LSTM: got an input of shape [8, 20, 1], which looks like a (batch, time, features) window"),
                "\(message)")
        #expect(message.contains("one time step (batch, 1) per call") && message.contains("runWindow"), "\(message)")
    }

    @Test func gruGivenTheWrongWidth() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = GRU(3, 4)(Variable(NDArray.zeros([2, 5])))
        }
        #expect(standardError(result).contains("GRU: expected 3 input features per step, shape (batch, 3), got [2, 5]"),
                "\(standardError(result))")
    }

    @Test func simpleRNNGivenOneAxis() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SimpleRNN(1, 4)(Variable(NDArray.zeros([6])))
        }
        #expect(standardError(result).contains("SimpleRNN: expected one time step of shape (batch, 1), got [6]"),
                "\(standardError(result))")
    }

    @Test func lazyLinkAcceptsItsFirstWidthThenChecksIt() {
        let rnn = SimpleRNN(nil, 4)
        #expect(rnn(Variable(NDArray.zeros([2, 3]))).shape == [2, 4])      // fixes in = 3
        #expect(rnn(Variable(NDArray.zeros([2, 3]))).shape == [2, 4])
    }
}
