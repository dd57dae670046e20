import Testing
import Kusari

/// The simulator against IBM's flow, recomputed independently in Python (the same three Gauss–Seidel
/// Euler lines in a plain loop, h = 0.008 from (2, 3, 4), repr() of each float):
///
///     x, y, z = 2., 3., 4.
///     for i in range(n):
///         x = x + h*s*(y-x); y = y + h*(x*(r-z)-y); z = z + h*(x*y-b*z)
@Suite("Datasets: LorenzBearing")
struct LorenzBearingTests {
    @Test func healthyRunReproducesTheFlowExactly() {
        let run = LorenzBearing.healthy.simulate(samples: LorenzBearing.samplesPerRun)
        #expect(run.shape == [3000, 3])
        let v = run.doubleValues
        #expect(Array(v[0..<3]) == [2.08, 3.37536, 3.9708326570666665])
        #expect(Array(v[3..<6]) == [2.1836288, 3.76812337480039, 3.951947022167916])
        #expect(Array(v[6..<9]) == [2.310388365984031, 4.182461122398394, 3.944943695175292])
        #expect(Array(v[12..<15]) == [2.633136620634776, 5.092033545214009, 3.974720055573168])
        // The last sample of a run: 3,000 steps of a chaotic system agree only if every operation does.
        #expect(Array(v[8997..<9000]) == [5.315225794932749, 9.749396734071917, 12.015918949480085])
    }

    @Test func brokenRunReproducesTheFlowExactly() {
        let v = LorenzBearing.broken.simulate(samples: 3000).doubleValues
        #expect(Array(v[0..<3]) == [2.24, 5.198080000000001, 3.794482926933333])
        #expect(Array(v[3..<6]) == [2.9499392, 8.08768514936087, 3.702026970730504])
        #expect(Array(v[8997..<9000]) == [-27.616498135923656, -54.30431600033765, 87.24668611962868])
    }

    @Test func observationNoiseIsSeededAndSizedPerAxis() throws {
        let clean = LorenzBearing.healthy.simulate(samples: 5000)
        let a = LorenzBearing.healthy.simulate(samples: 5000, observationNoise: 0.02, generator: RandomGenerator(seed: 4))
        let b = LorenzBearing.healthy.simulate(samples: 5000, observationNoise: 0.02, generator: RandomGenerator(seed: 4))
        #expect(a == b)
        let noise = (a - clean).doubleValues, signal = clean.doubleValues
        for axis in 0..<3 {
            let n = stride(from: axis, to: noise.count, by: 3).map { noise[$0] }
            let s = stride(from: axis, to: signal.count, by: 3).map { signal[$0] }
            let ratio = standardDeviation(n) / standardDeviation(s)
            #expect(abs(ratio - 0.02) < 0.002, "axis \(axis): noise/signal = \(ratio)")
        }
    }

    private func standardDeviation(_ v: [Double]) -> Double {
        let m = v.reduce(0, +) / Double(v.count)
        return (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count)).squareRoot()
    }
}
