// Lab 13 grading: anomaly detection on a simulated bearing. Run: make lab N=13
import Foundation
import Kusari
import KusariTesting
import Testing
@testable import Lab13

@Suite("Lab 13: anomaly detection on a bearing")
struct Lab13Tests {
    @Test("Step 13.1: slidingWindows cuts (samples − length) / stride + 1 windows, every stride samples")
    func windowsWithStride() throws {
        // By hand: samples 0 … 9 on two channels (row k = [k, 10 + k]), windows of 4 every 3:
        // (10 − 4) / 3 + 1 = 3 windows starting at rows 0, 3 and 6; row 9 is left over.
        let run = NDArray((0..<10).flatMap { [Double($0), Double(10 + $0)] }, shape: [10, 2], dtype: .float64)
        let w = slidingWindows(run, length: 4, stride: 3)
        try #require(w.shape == [3, 4, 2], "windows of 4 every 3 from 10 samples: want shape [3, 4, 2], got \(w.shape)")
        let starts = [0, 3, 6]
        let expected = starts.flatMap { s in (s..<s + 4).flatMap { [Double($0), Double(10 + $0)] } }
        try assertAllClose(w, NDArray(expected, shape: [3, 4, 2], dtype: .float64), "windows of 4 every 3")
        // The tutorial's counts (lab page, exercise 2): 24,000 samples, windows of 100 every 20 → 1,196;
        // every 50 → 479; windows that do not overlap (stride = length) → 240.
        let long = NDArray.zeros([24_000, 3], dtype: .float64)
        #expect(slidingWindows(long, length: 100, stride: 20).shape == [1_196, 100, 3])
        #expect(slidingWindows(long, length: 100, stride: 50).shape == [479, 100, 3])
        #expect(slidingWindows(long, length: 100, stride: 100).shape == [240, 100, 3])
        #expect(slidingWindows(NDArray.zeros([99, 3], dtype: .float64), length: 100, stride: 20).shape[0] == 0,
                "a run shorter than one window gives no window")
    }

    @Test("Step 13.2: minMaxScaled maps each channel of each window onto [0, 1] on its own")
    func scaling() throws {
        // By hand: one window of 3 samples, channel 0 = [2, 4, 6] → [0, 0.5, 1], channel 1 = [30, 10, 20] →
        // [1, 0, 0.5], channel 2 constant [5, 5, 5] → 0 (nothing to scale). A second window [−1, 1, 0] on
        // every channel → [0, 1, 0.5]: its scale is its own, not the first window's.
        let w = NDArray([2, 30, 5, 4, 10, 5, 6, 20, 5,
                         -1, -1, -1, 1, 1, 1, 0, 0, 0], shape: [2, 3, 3], dtype: .float64)
        let want = NDArray([0, 1, 0, 0.5, 0, 0, 1, 0.5, 0,
                            0, 0, 0, 1, 1, 1, 0.5, 0.5, 0.5], shape: [2, 3, 3], dtype: .float64)
        try assertAllClose(minMaxScaled(w), want, "min–max scaled windows")
    }

    @Test("Step 13.3: z = μ + exp(½ lnσ²)·ε and KL(N(μ, σ²) ‖ N(0, I)) match Kusari and pass checkBackward")
    func variational() throws {
        let g = RandomGenerator(seed: 7)
        let mean = NDArray.normal([4, 3], dtype: .float64, generator: g)
        let lnVar = NDArray.normal([4, 3], dtype: .float64, generator: g) * 0.5
        // Kusari's gaussian(_:_:generator:) draws ε = NDArray.normal(shape, generator:): the same seed gives the same ε.
        let epsilon = NDArray.normal([4, 3], dtype: .float64, generator: RandomGenerator(seed: 8))
        let want = gaussian(Variable(mean), Variable(lnVar), generator: RandomGenerator(seed: 8))
        try assertAllClose(reparameterize(Variable(mean), Variable(lnVar), epsilon: epsilon).data, want.data,
                           "z against Kusari's gaussian")
        try checkBackward("reparameterize", function: { reparameterize($0[0], $0[1], epsilon: epsilon) }, inputs: [mean, lnVar])
        // By hand: μ = 1, lnσ² = 0 → ½(1 + 1 − 0 − 1) = 0.5; μ = 0, lnσ² = ln 2 → ½(2 − ln 2 − 1) = 0.153426;
        // μ = 0, lnσ² = 0 (the prior itself) → 0.
        let byHand = klDivergence(Variable(NDArray([1, 0, 0], shape: [3], dtype: .float64)),
                                  Variable(NDArray([0, Foundation.log(2.0), 0], shape: [3], dtype: .float64)))
        try assertAllClose(byHand.data, NDArray(scalar: 0.5 + 0.5 * (1 - Foundation.log(2.0)), dtype: .float64), "KL by hand")
        try assertAllClose(klDivergence(Variable(mean), Variable(lnVar)).data,
                           gaussianKLDivergence(Variable(mean), Variable(lnVar)).data, "KL against Kusari's gaussianKLDivergence")
        try checkBackward("klDivergence", function: { klDivergence($0[0], $0[1]) }, inputs: [mean, lnVar])
    }

    @Test("Step 13.4: reconstruction-error scores, a quantile threshold and F1")
    func scoring() throws {
        let model = LSTMAutoencoder(features: 3, hiddenSize: 4, generator: RandomGenerator(seed: 1))
        let windows = NDArray.uniform([5, 6, 3], dtype: .float64, generator: RandomGenerator(seed: 2))
        let scores = reconstructionScores(model, windows)
        let want = model.reconstructionError(windows.astype(.float32)).doubleValues
        #expect(scores.count == 5 && zip(scores, want).allSatisfy { abs($0 - $1) < 1e-6 },
                "scores: got \(scores), Kusari's reconstructionError gives \(want)")
        // By hand: the 0.5-quantile of 1, 2, 3, 4 is 2.5 (position 1.5); the 0.9-quantile of 0 … 10 is 9.
        #expect(abs(quantile([4, 1, 3, 2], 0.5) - 2.5) < 1e-12, "0.5-quantile of 1…4: got \(quantile([4, 1, 3, 2], 0.5))")
        #expect(abs(quantile((0...10).map(Double.init), 0.9) - 9) < 1e-12)
        let g = RandomGenerator(seed: 3)
        let random = (0..<37).map { _ in g.nextUniform() }
        #expect(abs(quantile(random, 0.99) - quantileThreshold(random, quantile: 0.99)) < 1e-12,
                "against Kusari's quantileThreshold")
        // By hand: scores 0.9, 0.8, 0.3, 0.7, 0.1, labels anomalous, normal, anomalous, anomalous, normal,
        // threshold 0.5: flagged 0.9 (TP), 0.8 (FP), 0.7 (TP); missed 0.3 (FN). P = 2/3, R = 2/3, F1 = 2/3.
        let labels = [true, false, true, true, false]
        #expect(abs(f1Score(scores: [0.9, 0.8, 0.3, 0.7, 0.1], labels: labels, threshold: 0.5) - 2.0 / 3) < 1e-12)
        #expect(f1Score(scores: [0.9, 0.8, 0.3, 0.7, 0.1], labels: labels, threshold: 1) == 0, "nothing flagged: F1 0")
        let quality = detectionQuality(scores: scores, labels: [true, false, true, false, true], threshold: quantile(scores, 0.5))
        #expect(abs(f1Score(scores: scores, labels: [true, false, true, false, true], threshold: quantile(scores, 0.5))
                    - quality.f1) < 1e-12, "against Kusari's detectionQuality")
    }

    @Test("Step 13.5: an LSTM autoencoder trained on healthy windows scores the faulty bearing above the healthy one")
    func training() throws {
        let start = Date()
        let data = BearingWindows()
        try #require(data.train.shape == [300, 20, 3] && data.faultTest.shape == [200, 20, 3],
                     "Steps 13.1 and 13.2 first: want 300 training and 200 faulty windows (20, 3), got \(data.train.shape) and \(data.faultTest.shape)")
        let model = LSTMAutoencoder(features: 3, hiddenSize: 8, generator: RandomGenerator(seed: 1))
        /// The test windows' scores (healthy first, then faulty) and their AUC.
        func testScores() -> (scores: [Double], auc: Double) {
            let healthy = reconstructionScores(model, data.healthyTest), fault = reconstructionScores(model, data.faultTest)
            return (healthy + fault, rocAUC(scores: healthy + fault, labels: healthy.map { _ in 0 } + fault.map { _ in 1 }))
        }
        let untrained = testScores().auc
        let losses = try trainAutoencoder(model, on: data.train, epochs: 5, generator: RandomGenerator(seed: 2))
        let (scores, auc) = testScores()
        let threshold = quantile(reconstructionScores(model, data.validation), 0.99)
        let anomalous = (0..<scores.count).map { $0 >= data.healthyTest.shape[0] }
        let quality = detectionQuality(scores: scores, labels: anomalous, threshold: threshold)
        print("Lab 13: epoch losses \(losses.map { String(format: "%.4f", $0) }); test AUC healthy vs broken: untrained "
              + "\(String(format: "%.3f", untrained)), trained \(String(format: "%.3f", auc)); threshold "
              + "\(String(format: "%.4f", threshold)): precision \(String(format: "%.2f", quality.precision)), recall \(String(format: "%.2f", quality.recall)), F1 "
              + "\(String(format: "%.2f", quality.f1)) (\(String(format: "%.1f", Date().timeIntervalSince(start))) s)")
        #expect(losses.count == 5, "one mean loss per epoch, got \(losses)")
        #expect(losses.count == 5 && losses[4] < losses[0] / 2, "the loss should fall at least twofold, got \(losses)")
        #expect(auc > 0.7, "the faulty windows should score above the healthy ones: AUC \(auc), want > 0.7")
    }
}
