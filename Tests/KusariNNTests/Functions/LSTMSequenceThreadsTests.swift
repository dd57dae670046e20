import Testing
import Kusari
import KusariTestFixtures

/// The fused recurrence of `SequenceLSTM` split into blocks of units on Kusari's pool: the same numbers,
/// bit for bit, for one, two and three threads, with the split forced at these small sizes.
@Suite("Functions: the fused LSTM recurrence on 1 to 3 threads", .serialized)
struct LSTMSequenceThreadsTests {
    /// Unequal lengths, so the number of running sequences shrinks from 6 to 2 over the steps.
    let lengths = [4, 7, 1, 7, 3, 2]
    /// 50 units: three blocks (16, 16, 18 units) on three threads, two (32, 18) on two.
    let hidden = 50
    let x = FnFixtures.normal([6, 8, 5], seed: 81)

    /// A link with fixed parameters and dropout generator (input and recurrent dropout on).
    func link(_ dtype: DType) -> SequenceLSTM {
        SequenceLSTM(5, hidden, dropout: 0.2, recurrentDropout: 0.3, dtype: dtype,
                     generator: RandomGenerator(seed: 82), dropoutGenerator: RandomGenerator(seed: 83))
    }

    /// The outputs (packed h, last h and c) and every gradient (∂L/∂x, then the parameters') of one
    /// forward and backward pass through the fused recurrence (or the per-step reference) on `threads`.
    func run(_ dtype: DType, threads: Int, reference: Bool = false) -> [NDArray] {
        BLAS.threads = threads
        let lstm = link(dtype)
        let input = Variable(x.astype(dtype))
        let out = reference ? lstm.referenceCall(input, lengths: lengths) : lstm(input, lengths: lengths)
        let weights = Variable(FnFixtures.normal([6, hidden], seed: 84).astype(dtype), requiresGrad: false)
        let lastC = out.lastC ?? out.lastH
        (sum(sin(out.packed)) + sum(out.lastH * weights) + sum(lastC * lastC)).backward()
        let gradients = [input.grad?.data] + lstm.namedParameters().map { $0.parameter.grad?.data }
        return [out.packed.data, out.lastH.data, lastC.data] + gradients.compactMap { $0 }
    }

    /// Runs `body` with every product split (threshold 0), restoring the thread settings afterwards.
    func withSplitProducts(_ body: () -> Void) {
        ThreadSettings.acquire()
        defer { ThreadSettings.release() }
        BLAS.minimumParallelProduct = 0
        body()
    }

    @Test("outputs and gradients are equal bit for bit on 1, 2 and 3 threads (float32 and float64)",
          arguments: [DType.float32, .float64])
    func sameNumbersForAnyThreadCount(dtype: DType) {
        withSplitProducts {
            let one = run(dtype, threads: 1)
            #expect(one.count == 7, "outputs, ∂L/∂x and the three parameters' gradients")
            for threads in [2, 3] {
                let split = run(dtype, threads: threads)
                #expect(split.count == one.count)
                for (i, (a, b)) in zip(split, one).enumerated() {
                    #expect(a == b, "\(dtype), \(threads) threads: array \(i) differs from one thread's")
                }
            }
        }
    }

    @Test("split over two threads, the forward still equals the per-step composition bit for bit (float32)")
    func splitForwardMatchesTheReference() {
        withSplitProducts {
            let fused = run(.float32, threads: 2), reference = run(.float32, threads: 2, reference: true)
            for i in 0..<3 { #expect(fused[i] == reference[i], "output \(i)") }
        }
    }
}
