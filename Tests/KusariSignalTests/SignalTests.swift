import Foundation
import Testing
import Kusari
import KusariSignal
import KusariTesting

/// FFTW's real FFT against the DFT sum written out; LAPACK's eigen-decomposition and the PCA built on it
/// against decompositions known in closed form.
@Suite("KusariSignal: real FFT, symmetric eigen-decomposition, PCA")
struct SignalTests {
    /// X[k] = Σₙ x[n]·e^(−2πikn/N), directly.
    func directDFT(_ x: [Double]) -> (re: [Double], im: [Double]) {
        let n = x.count
        var re = [Double](), im = [Double]()
        for k in 0...(n / 2) {
            var (r, i) = (0.0, 0.0)
            for (t, v) in x.enumerated() {
                let angle = -2 * Double.pi * Double(k * t) / Double(n)
                r += v * cos(angle)
                i += v * sin(angle)
            }
            re.append(r)
            im.append(i)
        }
        return (re, im)
    }

    @Test(arguments: [1, 2, 7, 16, 100])
    func realFFTMatchesTheDirectSum(length: Int) throws {
        let signal = NDArray.normal([3, length], dtype: .float64, generator: RandomGenerator(seed: UInt64(length)))
        let (re, im) = signal.realFFT()
        #expect(re.shape == [3, length / 2 + 1] && im.shape == re.shape)
        let values = signal.doubleValues
        var expectedRe = [Double](), expectedIm = [Double]()
        for row in 0..<3 {
            let (r, i) = directDFT(Array(values[(row * length)..<((row + 1) * length)]))
            expectedRe += r
            expectedIm += i
        }
        try assertAllClose(re, NDArray(expectedRe, shape: re.shape), atol: 1e-10)
        try assertAllClose(im, NDArray(expectedIm, shape: im.shape), atol: 1e-10)
        let magnitude = signal.realFFTMagnitude().doubleValues
        for (m, (r, i)) in zip(magnitude, zip(expectedRe, expectedIm)) { #expect(abs(m - hypot(r, i)) < 1e-10) }
    }

    @Test func realFFTOfACosineHasOnePeak() {
        // cos(2π·5n/64): magnitude N/2 = 32 at k = 5, zero elsewhere.
        let x = NDArray((0..<64).map { cos(2 * Double.pi * 5 * Double($0) / 64) }, shape: [64])
        let m = x.astype(.float32).realFFTMagnitude().doubleValues
        #expect(abs(m[5] - 32) < 1e-4)
        #expect(m.enumerated().filter { $0.offset != 5 }.allSatisfy { $0.element < 1e-4 })
    }

    @Test func eigenOfAKnownSymmetricMatrix() throws {
        // [[2, 1, 0], [1, 2, 0], [0, 0, 5]]: eigenvalues 5, 3, 1 with vectors e₃, (1, 1, 0)/√2, (1, −1, 0)/√2.
        let a = NDArray([2.0, 1, 0, 1, 2, 0, 0, 0, 5], shape: [3, 3])
        let (values, vectors) = try symmetricEigen(a)
        try assertAllClose(values, NDArray([5.0, 3, 1]), atol: 1e-12)
        let v = vectors.doubleValues, r = 1 / 2.0.squareRoot()
        let expected: [[Double]] = [[0, 0, 1], [r, r, 0], [r, -r, 0]]
        for j in 0..<3 {
            // Each column equals the expected unit vector up to sign: |⟨v, e⟩| = 1.
            let column = (0..<3).map { v[$0 * 3 + j] }
            let dot = zip(column, expected[j]).map { $0 * $1 }.reduce(0, +)
            #expect(abs(abs(dot) - 1) < 1e-12, "column \(j): \(column)")
        }
        #expect(throws: LinearAlgebraError.self) { try symmetricEigen(NDArray([1.0, 2, 3], shape: [1, 3])) }
        #expect(throws: LinearAlgebraError.self) { try symmetricEigen(NDArray([Double.nan], shape: [1, 1])) }
    }

    @Test func pcaRecoversAPlaneAndScoresPointsOffIt() throws {
        // Points on the plane z = 0 spanned by (1, 1, 0) (variance 4·…) and (1, −1, 0), plus a mean.
        let g = RandomGenerator(seed: 7)
        var rows = [Double]()
        for _ in 0..<5000 {
            let (a, b) = (3 * g.nextNormal(), g.nextNormal())
            rows += [1 + a + b, 2 + a - b, -1]
        }
        let data = NDArray(rows, shape: [5000, 3])
        let pca = try PrincipalComponents(fitting: data, components: 2)
        try assertAllClose(pca.mean, data.mean(axes: [0]), atol: 1e-12)
        // The first component is ±(1, 1, 0)/√2; its variance is 2·9 = 18 in expectation.
        let c = pca.components.doubleValues
        #expect(abs(abs(c[0]) - 0.5.squareRoot()) < 0.02 && abs(c[0] - c[1]) < 0.03 && abs(c[2]) < 1e-9, "\(c)")
        #expect(abs(pca.explainedVariance.doubleValues[0] - 18) < 1.5)
        // Points on the plane reconstruct exactly; a point 2 off the plane has error 2²/3 per feature.
        let test = NDArray([4.0, 0, -1, 4, 0, 1], shape: [2, 3])
        let errors = pca.reconstructionError(test).doubleValues
        #expect(errors[0] < 1e-20)
        #expect(abs(errors[1] - 4.0 / 3) < 1e-9)
        #expect(throws: LinearAlgebraError.self) { try PrincipalComponents(fitting: data, components: 4) }
    }
}
