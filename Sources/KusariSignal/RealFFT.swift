// The discrete Fourier transform of real signals through FFTW (Debian: libfftw3-dev).
import Foundation
import CFFTW
import KusariCore

/// FFTW's planner is not thread-safe; executing a finished plan is. Every plan is made under this lock.
private let plannerLock = NSLock()

/// The Fourier transform of real signals along the last axis: ``realFFT()`` and ``realFFTMagnitude()``.
extension NDArray {
    /// The DFT of every row along the last axis, for real input (NumPy's `rfft`):
    ///
    ///     X[k] = Σₙ x[n]·e^(−2πi·k·n/N),   k = 0 … N/2
    ///
    /// For `(…, N)` input, `real` and `imaginary` are `(…, N/2 + 1)`: the other half of the spectrum is
    /// the complex conjugate of this one (X[N − k] = X̄[k]), so it carries nothing new. Computed in double
    /// precision (float32 input is widened, the result narrowed back) with an `FFTW_ESTIMATE` plan.
    public func realFFT() -> (real: NDArray, imaginary: NDArray) {
        require(ndim >= 1 && shape[ndim - 1] > 0, "realFFT: need a non-empty last axis, got shape \(shape)")
        let n = shape[ndim - 1]
        let bins = n / 2 + 1
        let rows = count / n
        let input = doubleValues
        var real = [Double](repeating: 0, count: rows * bins)
        var imaginary = [Double](repeating: 0, count: rows * bins)
        let signal = fftw_alloc_real(n)
        let spectrum = fftw_alloc_complex(bins)
        defer {
            fftw_free(signal)
            fftw_free(spectrum)
        }
        plannerLock.lock()
        let plan = fftw_plan_dft_r2c_1d(Int32(n), signal, spectrum, UInt32(FFTW_ESTIMATE))
        plannerLock.unlock()
        defer {
            plannerLock.lock()
            fftw_destroy_plan(plan)
            plannerLock.unlock()
        }
        guard let signal, let spectrum else { fatalError("realFFT: FFTW could not allocate \(n) samples") }
        for row in 0..<rows {
            for i in 0..<n { signal[i] = input[row * n + i] }
            fftw_execute(plan)
            for k in 0..<bins {
                real[row * bins + k] = spectrum[k].0
                imaginary[row * bins + k] = spectrum[k].1
            }
        }
        let outShape = Array(shape.dropLast()) + [bins]
        return (NDArray(real, shape: outShape, dtype: dtype), NDArray(imaginary, shape: outShape, dtype: dtype))
    }

    /// |X[k]| of ``realFFT()``: the amplitude spectrum along the last axis, `(…, N/2 + 1)`.
    public func realFFTMagnitude() -> NDArray {
        let (re, im) = realFFT()
        return (re * re + im * im).sqrt()
    }
}
