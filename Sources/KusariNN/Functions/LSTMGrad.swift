// The gradient of the fused LSTM as a function of its own (Chainer's LSTMGrad), so the LSTM can be
// differentiated twice.
import KusariCore

/// (cPrev, x, gc, gh) ↦ (gcPrev, gx): the backward pass of ``LSTMFunction`` (equations there) as a
/// differentiable function.
///
/// Its forward is one fused kernel over the activations the LSTM forward pass saved (or recomputes them
/// when created with `init()`). Its backward, the second derivative of the LSTM, is written with
/// differentiable functions on Variables, so gradients of any order flow through it. With
/// σ′ = σ(1 − σ), A = tanh a, I = σ(i), F = σ(f), O = σ(o), T = tanh c and the upstream gradients
/// ĝcPrev, ĝa, ĝi, ĝf, ĝo, it differentiates
///
///     S = ⟨ĝcPrev, gcPrev⟩ + ⟨ĝx, gx⟩ = ĝc · K + ĝo · gh · T · σ′(o),
///     K = ĝcPrev · F + ĝa · I · (1 − A²) + ĝi · A · σ′(i) + ĝf · cPrev · σ′(f),
///
/// where ĝc = gc + gh · O · (1 − T²) is the total gradient reaching c.
public final class LSTMGrad: FunctionNode {
    private let saved: LSTMActivations?

    /// A gradient node that recomputes the gate activations from its inputs (for direct use and tests;
    /// ``LSTMFunction`` passes the ones its forward pass saved).
    override public init() {
        saved = nil
        super.init()
    }

    init(activations: LSTMActivations?) {
        saved = activations
        super.init()
    }

    override public func forward(_ x: [NDArray]) -> [NDArray] {
        let (cPrev, z, gc, gh) = (x[0], x[1], x[2], x[3])
        require(gc.shape == cPrev.shape && gh.shape == cPrev.shape && gc.dtype == z.dtype && gh.dtype == z.dtype,
                     "lstm (backward): gc \(gc.shape) and gh \(gh.shape) must match c \(cPrev.shape)")
        let activations = saved ?? LSTMActivations.forward(cPrev: cPrev, x: z).activations
        switch z.dtype {
        case .float32: return gradients(cPrev, activations, gc, gh, as: Float.self)
        case .float64: return gradients(cPrev, activations, gc, gh, as: Double.self)
        }
    }

    private func gradients<T: KernelScalar>(_ cPrev: NDArray, _ saved: LSTMActivations, _ gc: NDArray, _ gh: NDArray,
                                        as: T.Type) -> [NDArray] {
        var gcPrev: [T] = kernelOutput(cPrev.count)
        var gx: [T] = kernelOutput(saved.gates.count)
        cPrev.withUnsafeBufferPointer(as: T.self) { cPrev in
            saved.gates.withUnsafeBufferPointer(as: T.self) { gates in
                saved.tanhC.withUnsafeBufferPointer(as: T.self) { tanhC in
                    gc.withUnsafeBufferPointer(as: T.self) { gc in
                        gh.withUnsafeBufferPointer(as: T.self) { gh in
                            gcPrev.withUnsafeMutableBufferPointer { gcPrev in
                                gx.withUnsafeMutableBufferPointer { gx in
                                    // Large batches split over the BLAS thread count (parallelFor).
                                    parallelFor(count: cPrev.count, minimumChunk: lstmParallelChunk) { u in
                                        let lanes = (4 * u.lowerBound)..<(4 * u.upperBound)
                                        T.lstmBackward(
                                            cPrev: .init(rebasing: cPrev[u]), gates: .init(rebasing: gates[lanes]),
                                            tanhC: .init(rebasing: tanhC[u]), gc: .init(rebasing: gc[u]),
                                            gh: .init(rebasing: gh[u]), gcPrev: .init(rebasing: gcPrev[u]),
                                            gx: .init(rebasing: gx[lanes]))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return [T.makeArray(gcPrev, shape: cPrev.shape), T.makeArray(gx, shape: saved.gates.shape)]
    }

    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let (cPrev, x, gc, gh) = (inputs[0], inputs[1], inputs[2], inputs[3])
        let (ggcPrev, ggx) = (gy[0], gy[1])
        let (aRaw, iRaw, fRaw, oRaw) = gateColumns(x)
        let (gga, ggi, ggf, ggo) = gateColumns(ggx)
        let a = tanh(aRaw), i = sigmoid(iRaw), f = sigmoid(fRaw), o = sigmoid(oRaw)
        let t = tanh(a * i + f * cPrev)
        let da = 1 - a * a, di = i * (1 - i), df = f * (1 - f), dO = o * (1 - o), dt = 1 - t * t
        let gcTotal = gc + gh * o * dt
        let k = ggcPrev * f + gga * i * da + ggi * a * di + ggf * cPrev * df
        // ∂S/∂c_new: c_new reaches S through T, in ĝc and in the ĝo term.
        let gcNew = gh * dt * (ggo * dO - 2 * k * o * t)
        let ga = (gcTotal * (ggi * di - 2 * gga * i * a) + gcNew * i) * da
        let gi = (gcTotal * (gga * da + ggi * a * (1 - 2 * i)) + gcNew * a) * di
        let gf = (gcTotal * (ggcPrev + ggf * cPrev * (1 - 2 * f)) + gcNew * cPrev) * df
        let go = (k * gh * dt + ggo * gh * t * (1 - 2 * o)) * dO
        let gcPrevOut = gcTotal * ggf * df + gcNew * f
        let ggh = o * dt * k + ggo * t * dO
        return [gcPrevOut, interleaveGates(ga, gi, gf, go), k, ggh]
    }
}

/// The four gate columns (a, i, f, o) of a `(batch, 4H)` variable in the interleaved layout, each
/// `(batch, H)`, as differentiable slices.
func gateColumns(_ x: Variable) -> (Variable, Variable, Variable, Variable) {
    let (batch, units) = (x.shape[0], x.shape[1] / 4)
    let parts = splitAxis(reshape(x, [batch, units, 4]), sections: 4, axis: 2).map { reshape($0, [batch, units]) }
    return (parts[0], parts[1], parts[2], parts[3])
}

/// The inverse of ``gateColumns(_:)``: four `(batch, H)` variables interleaved into `(batch, 4H)`.
private func interleaveGates(_ a: Variable, _ i: Variable, _ f: Variable, _ o: Variable) -> Variable {
    let (batch, units) = (a.shape[0], a.shape[1])
    let columns = [a, i, f, o].map { reshape($0, [batch, units, 1]) }
    return reshape(concat(columns, axis: 2), [batch, 4 * units])
}
