import Testing
import Kusari
import KusariSignal

// The example of Sources/KusariSignal/KusariSignal.docc/KusariSignal.md, as printed there. If it stops
// compiling or passing, fix the page too.
@Suite("KusariSignal catalog example")
struct SignalCatalogExampleTests {
    @Test func overview() throws {
        let n = NDArray.arange(64, dtype: .float64)         // sample index 0 … 63
        let signal = (n * (2 * Double.pi * 8 / 64)).sin()   // 8 cycles in 64 samples, shape [64]
        let spectrum = signal.realFFTMagnitude()            // |X[k]|, shape [33]: the peak is at k = 8

        let healthy = NDArray.normal([200, 5], generator: RandomGenerator(seed: 0))   // (n, d)
        let pca = try PrincipalComponents(fitting: healthy, components: 2)
        let scores = pca.reconstructionError(healthy)        // (n): small for rows like the training rows

        #expect(spectrum.shape == [33])
        let magnitudes = spectrum.doubleValues
        #expect(magnitudes.indices.max { magnitudes[$0] < magnitudes[$1] } == 8)
        #expect(abs(magnitudes[8] - 32) < 1e-9)             // N/2 for a unit sine on a whole number of cycles
        #expect(scores.shape == [200])
        // Two of five directions kept: the error is the variance left in the other three, spread over 5 features.
        #expect(scores.doubleValues.allSatisfy { $0.isFinite && $0 >= 0 })
        #expect(scores.mean().scalar < 1)
    }
}
