import Testing
import Kusari
import KusariTesting

/// The stateful contract of LSTM, SimpleRNN and GRU: reset, chunks, truncated BPTT, batch rules.
@Suite("Recurrent state")
struct RecurrentStateTests {
    /// Three stateful links of each kind with identical parameters (same seed).
    static func makeLinks(seed: UInt64) -> [any Layer] {
        [LSTM(3, 4, dtype: .float64, generator: RandomGenerator(seed: seed)),
         SimpleRNN(3, 4, dtype: .float64, generator: RandomGenerator(seed: seed)),
         GRU(3, 4, dtype: .float64, generator: RandomGenerator(seed: seed))]
    }

    /// The state rows of a link: (c, h) for an LSTM, h otherwise.
    static func state(_ link: any Layer) -> [Variable?] {
        switch link {
        case let l as LSTM: [l.c, l.h]
        case let l as SimpleRNN: [l.h]
        case let l as GRU: [l.h]
        default: []
        }
    }

    @Test func resetStateStartsAfresh() throws {
        let xs = randomSequence(steps: 3, batch: 2, size: 3, seed: 1)
        for (used, fresh) in zip(Self.makeLinks(seed: 5), Self.makeLinks(seed: 5)) {
            _ = used(xs[0])
            _ = used(xs[1])
            used.resetState()
            #expect(Self.state(used).allSatisfy { $0 == nil })
            try assertAllClose(used(xs[2]).data, fresh(xs[2]).data, atol: 0, "\(type(of: used)) after reset")
        }
    }

    @Test func twoChunksEqualOnePass() throws {
        let xs = randomSequence(steps: 5, batch: 2, size: 3, seed: 2)
        for (whole, chunked) in zip(Self.makeLinks(seed: 6), Self.makeLinks(seed: 6)) {
            let expected = xs.map { whole($0).data }
            var outputs = xs[..<3].map { chunked($0) }
            outputs.last!.unchainBackward()      // the graph is cut between the chunks; the values carry over
            outputs += xs[3...].map { chunked($0) }
            for (y, e) in zip(outputs, expected) { try assertAllClose(y.data, e, atol: 0, "\(type(of: whole))") }
        }
    }

    @Test func unchainBackwardTruncatesBackpropagation() throws {
        let chunk1 = randomSequence(steps: 3, batch: 2, size: 3, seed: 3)
        let chunk2 = randomSequence(steps: 3, batch: 2, size: 3, seed: 4)
        let links = Self.makeLinks(seed: 7), references = Self.makeLinks(seed: 7)
        for (link, reference) in zip(links, references) {
            let name = "\(type(of: link))"
            link.resetState()
            let loss1 = chunk1.enumerated().map { weighted(link($0.element), seed: UInt64($0.offset)) }.reduce(
                Variable(NDArray(scalar: 0, dtype: .float64)), +)
            loss1.backward()
            let chunk1Grads = chunk1.map { $0.grad!.data }
            loss1.unchainBackward()   // as a truncated-BPTT updater does after each update
            let detached = Self.state(link).map { Variable($0!.data) }

            link.clearGrads()
            let loss2 = chunk2.enumerated().map { weighted(link($0.element), seed: UInt64(10 + $0.offset)) }.reduce(
                Variable(NDArray(scalar: 0, dtype: .float64)), +)
            loss2.backward()
            for (x, g) in zip(chunk1, chunk1Grads) { #expect(x.grad!.data == g, "\(name): chunk 1 inputs untouched") }
            for s in detached { #expect(s.grad == nil) }

            // The same chunk from a fresh graph that starts at the detached state.
            switch reference {
            case let l as LSTM: l.setState(c: detached[0], h: detached[1])
            case let l as SimpleRNN: l.setState(h: detached[0])
            case let l as GRU: l.setState(h: detached[0])
            default: Issue.record("unexpected link")
            }
            let lossRef = chunk2.enumerated().map { weighted(reference($0.element), seed: UInt64(10 + $0.offset)) }
                .reduce(Variable(NDArray(scalar: 0, dtype: .float64)), +)
            lossRef.backward()
            for ((path, p), q) in zip(link.namedParameters(), reference.parameters()) {
                try assertAllClose(p.grad!.data, q.grad!.data, atol: 1e-14, "\(name) \(path)")
            }
        }
    }

    @Test func smallerBatchUpdatesLeadingRows() throws {
        let xs = randomSequence(steps: 2, batch: 3, size: 3, seed: 8)
        for (link, twin) in zip(Self.makeLinks(seed: 9), Self.makeLinks(seed: 9)) {
            let name = "\(type(of: link))"
            _ = link(xs[0])
            let before = Self.state(link).map { $0!.data }
            let y = link(xs[1][0..<2])
            #expect(y.shape == [2, 4])
            // Rows 0–1 advance as in a link holding just those rows; row 2 is kept unchanged.
            switch twin {
            case let l as LSTM: l.setState(c: Variable(before[0][0..<2]), h: Variable(before[1][0..<2]))
            case let l as SimpleRNN: l.setState(h: Variable(before[0][0..<2]))
            case let l as GRU: l.setState(h: Variable(before[0][0..<2]))
            default: Issue.record("unexpected link")
            }
            try assertAllClose(y.data, twin(xs[1][0..<2]).data, atol: 0, "\(name) updated rows")
            for (after, (old, twinState)) in zip(Self.state(link), zip(before, Self.state(twin))) {
                #expect(after!.shape == [3, 4])
                try assertAllClose(after!.data[0..<2], twinState!.data, atol: 0, "\(name) state rows 0–1")
                try assertAllClose(after!.data[2..<3], old[2..<3], atol: 0, "\(name) state row 2 kept")
            }
            // Gradients flow through the split and join.
            weighted(Self.state(link).last!!, seed: 1).backward()
            #expect(link.parameters().allSatisfy { $0.grad != nil })
        }
    }

    @Test func largerBatchThanTheStateIsAnError() async {
        await #expect(processExitsWith: .failure) {
            let link = LSTM(3, 2)
            _ = link(Variable(NDArray.zeros([2, 3])))
            _ = link(Variable(NDArray.zeros([3, 3])))
        }
        await #expect(processExitsWith: .failure) {
            let link = SimpleRNN(3, 2)
            _ = link(Variable(NDArray.zeros([2, 3])))
            _ = link(Variable(NDArray.zeros([3, 3])))
        }
        await #expect(processExitsWith: .failure) {
            let link = GRU(3, 2)
            _ = link(Variable(NDArray.zeros([2, 3])))
            _ = link(Variable(NDArray.zeros([3, 3])))
        }
    }

    @Test func resetStateRecursesThroughChains() {
        final class Model: Chain {
            let rnn = SimpleRNN(1, 3)
            let lstm = LSTM(3, 2)
            func callAsFunction(_ x: Variable) -> Variable { lstm(rnn(x)) }
        }
        let model = Model()
        _ = model(Variable(NDArray.zeros([2, 1])))
        #expect(model.rnn.h != nil && model.lstm.c != nil)
        model.resetState()
        #expect(model.rnn.h == nil && model.lstm.c == nil && model.lstm.h == nil)
        #expect(model.namedParameters().map(\.path)
                == ["/rnn/upward/W", "/rnn/upward/b", "/rnn/lateral/W", "/lstm/upward/W", "/lstm/upward/b", "/lstm/lateral/W"])
        // The links are Layers, so they stack in a Sequential, whose resetState reaches them too.
        let gru = GRU(4, 3)
        let stack = Sequential(Linear(2, 4), gru, Activation(relu), Linear(3, 1))
        #expect(stack(Variable(NDArray.zeros([5, 2]))).shape == [5, 1])
        #expect(gru.h?.shape == [5, 3])
        stack.resetState()
        #expect(gru.h == nil)
    }
}
