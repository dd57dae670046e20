import Testing
import KusariTesting
import Kusari
import KusariTestFixtures
@testable import KusariCore
@testable import KusariNN

/// lstmStep(cPrev, x, W, hPrev, V, b) = lstm(cPrev, linearSum(x, W, hPrev, V, b)), the fused LSTM time
/// step computed by blocks of units on Kusari's pool.
@Suite("Functions: lstmStep", .serialized)
struct LSTMStepTests {
    /// Inputs for (batch, in, H): cPrev, x, W, hPrev, V, b.
    private func inputs(batch: Int, inSize: Int, hidden: Int, seed: UInt64, dtype: DType) -> [NDArray] {
        [FnFixtures.normal([batch, hidden], seed: seed), FnFixtures.normal([batch, inSize], seed: seed + 1),
         FnFixtures.normal([4 * hidden, inSize], seed: seed + 2, std: 0.3), FnFixtures.normal([batch, hidden], seed: seed + 3),
         FnFixtures.normal([4 * hidden, hidden], seed: seed + 4, std: 0.3), FnFixtures.normal([4 * hidden], seed: seed + 5)]
            .map { $0.astype(dtype) }
    }

    /// Two steps sharing W, V and b (so the second adds into existing gradients), reduced with fixed
    /// weights; returns the outputs and every input's gradient. The inputs listed in `constants` (0…5:
    /// cPrev, x, W, hPrev, V, b of the first step) want no gradient.
    private func twoSteps(_ arrays: [NDArray], fused: Bool, constants: Set<Int> = []) -> [NDArray] {
        let v = arrays.enumerated().map { i, a in Variable(a, requiresGrad: !constants.contains(i)) }
        let step = fused ? lstmStep : lstmStepReference
        let first = step(v[0], v[1], v[2], v[3], v[4], v[5])
        let second = step(first.c, v[1] * 0.5, v[2], first.h, v[4], v[5])
        let weightC = Variable(FnFixtures.normal(first.c.shape, seed: 90).astype(first.c.dtype), requiresGrad: false)
        let weightH = Variable(FnFixtures.normal(first.h.shape, seed: 91).astype(first.h.dtype), requiresGrad: false)
        sum(second.c * weightC + second.h * weightH + first.h).backward()
        return [second.c.data, second.h.data] + v.compactMap { $0.grad?.data }
    }

    /// Which inputs are constants: none, a frozen W, constant data x (the usual case: only ∂h is a
    /// product), and x and hPrev both (no product at the first step).
    private let constantSets: [Set<Int>] = [[], [2], [1], [1, 3]]

    /// (6, 5, 59) with three threads leaves the last block of units empty (lstmStepBlocks); there the split
    /// forward is not bit for bit (OpenBLAS picks another kernel for blocks that small, see lstmStepBlocks),
    /// so its values are compared within rounding. The two shapes with a large threshold are not split
    /// (one block on any thread count).
    @Test("one thread: equal to the composition bit for bit; 2 and 3: values bit for bit, gradients within rounding",
          arguments: [(64, 32, 128, 0, true), (5, 3, 37, 0, true), (5, 3, 37, 1 << 40, true), (8, 4, 40, 1 << 19, true),
                      (6, 5, 59, 0, false)])
    func matchesComposition(batch: Int, inSize: Int, hidden: Int, threshold: Int, exactValues: Bool) throws {
        ThreadSettings.acquire()
        defer { ThreadSettings.release() }
        BLAS.minimumParallelProduct = threshold
        for dtype in [DType.float32, .float64] {
            let arrays = inputs(batch: batch, inSize: inSize, hidden: hidden, seed: 70, dtype: dtype)
            BLAS.threads = 1
            let references = constantSets.map { twoSteps(arrays, fused: false, constants: $0) }
            #expect(references[0].count == 8)
            for (constants, reference) in zip(constantSets, references) {
                #expect(twoSteps(arrays, fused: true, constants: constants) == reference,
                        "\(dtype), one thread, (\(batch), \(inSize), \(hidden)), constants \(constants.sorted())")
            }
            // Split: ∂x and ∂h are sums of the blocks' terms (LSTMStepBlockProducts.swift), a different
            // order of the same sum, and every gradient upstream of them inherits the rounding.
            let tolerance = dtype == .float32 ? 1e-5 : 1e-12
            for threads in [2, 3] {
                BLAS.threads = threads
                let oneBlock = lstmStepBlocks(batch: batch, inSize: inSize, hidden: hidden).count == 1
                for (constants, expected) in zip(constantSets, references) {
                    let fused = twoSteps(arrays, fused: true, constants: constants)
                    let what = "\(dtype), \(threads) threads, constants \(constants.sorted())"
                    #expect(fused.count == expected.count)
                    if oneBlock {
                        #expect(fused == expected, "one block: \(what)")
                    } else {
                        if exactValues { #expect(Array(fused.prefix(2)) == Array(expected.prefix(2)), "values, \(what)") }
                        for (a, b) in zip(fused, expected) { try assertAllClose(a, b, atol: tolerance, rtol: tolerance * 10) }
                    }
                }
                #expect(twoSteps(arrays, fused: true) == twoSteps(arrays, fused: true), "repeatable, \(threads) threads")
            }
        }
    }

    @Test("random shapes, split: within float32 rounding of one thread (the last bit can differ, see lstmStepBlocks)")
    func randomShapesAgreeWithOneThread() throws {
        ThreadSettings.acquire()
        defer { ThreadSettings.release() }
        BLAS.minimumParallelProduct = 0
        let generator = RandomGenerator(seed: 95)
        for trial in 0..<8 {
            let batch = 1 + Int(generator.nextUniform() * 40), inSize = 1 + Int(generator.nextUniform() * 60)
            let hidden = 32 + Int(generator.nextUniform() * 60)
            let arrays = inputs(batch: batch, inSize: inSize, hidden: hidden, seed: 100 + UInt64(trial), dtype: .float32)
            BLAS.threads = 1
            let one = twoSteps(arrays, fused: true)
            BLAS.threads = 2
            let two = twoSteps(arrays, fused: true)
            #expect(one.count == two.count)
            for (a, b) in zip(two, one) { try assertAllClose(a, b, atol: 1e-5, rtol: 1e-4) }
        }
    }

    @Test("x and hPrev one variable (a decoder fed its own h): one thread, bit for bit the composition")
    func inputAndStateOneVariable() {
        ThreadSettings.acquire()
        defer { ThreadSettings.release() }
        BLAS.threads = 1
        for dtype in [DType.float32, .float64] {
            let arrays = inputs(batch: 6, inSize: 24, hidden: 24, seed: 120, dtype: dtype)
            // s is x and hPrev of the first step and x of the second, so its gradient is a sum whose
            // order (x's term before h's, as the composition adds them) shows in the last bits.
            func run(_ step: (Variable, Variable, Variable, Variable, Variable, Variable) -> (c: Variable, h: Variable)) -> [NDArray] {
                let v = arrays.map { Variable($0) }
                let s = v[3]
                let first = step(v[0], s, v[2], s, v[4], v[5])
                let second = step(first.c, s, v[2], first.h, v[4], v[5])
                let weights = Variable(FnFixtures.normal(second.h.shape, seed: 121).astype(dtype), requiresGrad: false)
                sum(second.h * weights + second.c).backward()
                return [second.c.data, second.h.data] + v.compactMap { $0.grad?.data }
            }
            #expect(run(lstmStep) == run(lstmStepReference), "\(dtype)")
        }
    }

    @Test func gradientsFirstAndSecondOrder() throws {
        let arrays = inputs(batch: 3, inSize: 2, hidden: 4, seed: 80, dtype: .float64)
        try FnFixtures.check("lstmStep (c)", arrays) { v in lstmStep(v[0], v[1], v[2], v[3], v[4], v[5]).c }
        try FnFixtures.check("lstmStep (h)", arrays) { v in lstmStep(v[0], v[1], v[2], v[3], v[4], v[5]).h }
    }

    @Test func shapeMismatchesAreNamed() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let c = Variable(NDArray.zeros([3, 4])), x = Variable(NDArray.zeros([3, 2]))
            let w = Variable(NDArray.zeros([16, 2])), v = Variable(NDArray.zeros([16, 4]))
            _ = lstmStep(c, x, w, Variable(NDArray.zeros([3, 5])), v, Variable(NDArray.zeros([16])))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("lstmStep: c [3, 4] and h [3, 5] do not fit x [3, 2] and W [16, 2]"), "\(message)")
    }

    @Test func theLSTMLinkUsesTheFusedStepAndMatchesTheComposition() throws {
        let lstm = LSTM(3, 5, dtype: .float64, generator: RandomGenerator(seed: 86))
        let xs = (0..<4).map { Variable(FnFixtures.normal([2, 3], seed: 87 + UInt64($0)), requiresGrad: false) }
        var h: Variable?
        for x in xs { h = lstm(x) }
        let output = try #require(h)
        #expect(output.creator is LSTMStepFunction)
        sum(output).backward()
        let (W, b, V) = (Variable(lstm.upward.W.data), Variable(lstm.upward.b!.data), Variable(lstm.lateral.W.data))
        var state = lstm(zeroCell: 2, xs[0], W, b)
        for x in xs.dropFirst() { state = lstmStepReference(state.c, x, W, state.h, V, b) }
        sum(state.h).backward()
        for (p, r) in [(lstm.upward.W, W), (lstm.upward.b!, b), (lstm.lateral.W, V)] {
            #expect(try #require(p.grad).data == (try #require(r.grad)).data)
        }
    }
}

private extension LSTM {
    /// The first step of the composition: lstm(0, x·Wᵀ + b).
    func callAsFunction(zeroCell batch: Int, _ x: Variable, _ W: Variable, _ b: Variable) -> (c: Variable, h: Variable) {
        KusariNN.lstm(Variable(NDArray.zeros([batch, stateSize], dtype: .float64), requiresGrad: false), linear(x, W, b))
    }
}
