// A whole LSTM layer over equal-length sequences through oneDNN's LSTM primitive, the library PyTorch's
// nn.LSTM runs on the CPU (C side: Sources/CDNNLKernels). SequenceLSTM takes this path for float32
// batches whose sequences all have the same length and no recurrent dropout, unless
// `Config.useOneDNN` is false; everything else runs LSTMSequenceFunction, Kusari's own loops.
//
// What it computes: the same LSTM as `SequenceLSTM.referenceCall` (Chainer's equations and parameters),
// to float32 rounding: oneDNN sums the products in its own order, so results are not bit for bit those
// of the reference, and they can change with the thread count. The tests compare the two.
//
// Why: oneDNN computes the input projection of all steps as one product and keeps the weights in a
// packed layout for the whole sequence, with its own threads (OpenMP, `BLAS.threads` of them).
import CDNNLKernels
import KusariCore

/// An LSTM layer over `T` steps of `N` equal-length sequences, as one function through oneDNN.
///
/// Inputs: `x` `(T·N, in)` time-major (row t·N + n is sequence n at step t, as ``pack(_:_:)`` lays out
/// equal lengths), `W` `(4H, in)`, `b` `(4H)` and `V` `(4H, H)` in Chainer's layout (``LSTMFunction``).
/// Outputs: `h` `(T·N, H)`, every step's output in the same rows, and `cLast` `(N, H)`, the last cell
/// state. The state starts at zero:
///
///     zₜ = xₜ·Wᵀ + b + hₜ₋₁·Vᵀ,   cₜ, hₜ = lstm(cₜ₋₁, zₜ)   (h₋₁ = c₋₁ = 0)
///
/// Float32 only. Double backprop is not supported (the backward is oneDNN's kernel, not a graph).
public final class LSTMSequenceOneDNNFunction: FunctionNode {
    /// Whether oneDNN can run an LSTM on this CPU (tried once); `SequenceLSTM` uses its own loops if not.
    public static let isAvailable = kusari_onednn_lstm_available() == 1
    /// The number of time steps T.
    public let steps: Int
    private var state: OpaquePointer?

    /// The function for `steps` time steps.
    public init(steps: Int) {
        self.steps = steps
        super.init()
    }

    deinit { kusari_onednn_lstm_release(state) }

    override public func forward(_ x: [NDArray]) -> [NDArray] {
        let (input, w, b, v) = (x[0], x[1], x[2], x[3])
        require(x.allSatisfy { $0.dtype == .float32 }, "lstmSequenceOneDNN: float32 only, got \(x.map(\.dtype))")
        require(input.ndim == 2 && steps > 0 && input.shape[0] >= steps && input.shape[0] % steps == 0 && input.shape[1] > 0,
                "lstmSequenceOneDNN: x \(input.shape) must be (T·N, in) with T = \(steps), N ≥ 1 and in ≥ 1")
        let (batch, inSize) = (input.shape[0] / steps, input.shape[1])
        require(w.ndim == 2 && w.shape[1] == inSize && w.shape[0] % 4 == 0 && w.shape[0] > 0,
                "lstmSequenceOneDNN: W \(w.shape) does not fit x \(input.shape) (need (4H, \(inSize)))")
        let hidden = w.shape[0] / 4
        require(b.shape == [4 * hidden] && v.shape == [4 * hidden, hidden],
                "lstmSequenceOneDNN: b \(b.shape) and V \(v.shape) do not fit W \(w.shape) (need (\(4 * hidden)) and (\(4 * hidden), \(hidden)))")
        // Uninitialised: oneDNN writes every element.
        var h: [Float] = kernelOutput(steps * batch * hidden), cLast: [Float] = kernelOutput(batch * hidden)
        var message = [CChar](repeating: 0, count: 256)
        let result = input.floats.withUnsafeBufferPointer { xp in
            w.floats.withUnsafeBufferPointer { wp in
                v.floats.withUnsafeBufferPointer { vp in
                    b.floats.withUnsafeBufferPointer { bp in
                        h.withUnsafeMutableBufferPointer { hp in
                            cLast.withUnsafeMutableBufferPointer { cp in
                                kusari_onednn_lstm_forward(steps, batch, inSize, hidden, Int32(BLAS.threads),
                                                           xp.baseAddress, wp.baseAddress, vp.baseAddress,
                                                           bp.baseAddress, hp.baseAddress, cp.baseAddress,
                                                           &message, message.count)
                            }
                        }
                    }
                }
            }
        }
        require(result != nil, messageText(message))
        kusari_onednn_lstm_release(state)
        state = result
        retainOutputs([0])
        return [Float.makeArray(h, shape: [steps * batch, hidden]), Float.makeArray(cLast, shape: [batch, hidden])]
    }

    override public func backward(_ gy: [Variable]) -> [Variable?] {
        require(!Config.enableBackprop,
                "lstmSequenceOneDNN: the oneDNN LSTM cannot be differentiated twice; use SequenceLSTM.referenceCall(_:lengths:) for double backprop")
        guard let state else { fatalError("lstmSequenceOneDNN: backward before forward") }
        let (input, w, v) = (inputs[0].data, inputs[1].data, inputs[3].data)
        let h = output(0).data
        // Uninitialised: the C side writes every element (oneDNN adds into its own zeroed buffers).
        var gx: [Float] = kernelOutput(inputs[0].requiresGrad ? input.count : 0)
        var gw: [Float] = kernelOutput(w.count), gv: [Float] = kernelOutput(v.count)
        var gb: [Float] = kernelOutput(w.shape[0])
        let wantsX = !gx.isEmpty
        var message = [CChar](repeating: 0, count: 256)
        let status = input.floats.withUnsafeBufferPointer { xp in
            h.floats.withUnsafeBufferPointer { hp in
                gy[0].data.floats.withUnsafeBufferPointer { ghp in
                    gy[1].data.floats.withUnsafeBufferPointer { gcp in
                        gx.withUnsafeMutableBufferPointer { gxp in
                            gw.withUnsafeMutableBufferPointer { gwp in
                                gv.withUnsafeMutableBufferPointer { gvp in
                                    gb.withUnsafeMutableBufferPointer { gbp in
                                        kusari_onednn_lstm_backward(state, Int32(BLAS.threads), xp.baseAddress,
                                                                    hp.baseAddress, ghp.baseAddress, gcp.baseAddress,
                                                                    wantsX ? gxp.baseAddress : nil, gwp.baseAddress,
                                                                    gvp.baseAddress, gbp.baseAddress, &message, message.count)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        require(status == 0, messageText(message))
        func grad(_ values: [Float], _ shape: [Int], _ index: Int) -> Variable? {
            inputs[index].requiresGrad ? Variable(Float.makeArray(values, shape: shape), requiresGrad: false) : nil
        }
        return [grad(gx, input.shape, 0), grad(gw, w.shape, 1), grad(gb, [w.shape[0]], 2), grad(gv, v.shape, 3)]
    }
}

/// Runs ``LSTMSequenceOneDNNFunction``: an LSTM layer over `steps` steps of equal-length sequences packed
/// time-major in `x` `(T·N, in)`, with Chainer-layout parameters `W` `(4H, in)`, `b` `(4H)`, `V` `(4H, H)`.
/// Returns every step's `h` `(T·N, H)` and the last cell state `cLast` `(N, H)`.
public func lstmSequenceOneDNN(_ x: Variable, _ W: Variable, _ b: Variable, _ V: Variable,
                               steps: Int) -> (h: Variable, cLast: Variable) {
    let y = LSTMSequenceOneDNNFunction(steps: steps).apply([x, W, b, V])
    return (y[0], y[1])
}

/// The C side's error message: the bytes of `buffer` up to its terminating zero, as UTF-8.
private func messageText(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
