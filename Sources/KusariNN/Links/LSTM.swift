import KusariCore

/// A fully connected LSTM layer that keeps its cell state `c` and output `h` between calls (Chainer's
/// `L.LSTM`): call it once per time step, and ``resetState()`` at the start of each sequence.
///
///     z  = upward(xₜ) + lateral(hₜ₋₁)      xₜ: (batch, in)  →  z: (batch, 4H), no lateral term at t = 1
///     cₜ = tanh(a)·σ(i) + σ(f)·cₜ₋₁         (a, i, f, o interleaved in z; c₀ = 0, see ``LSTMFunction``)
///     hₜ = σ(o)·tanh(cₜ)                    returned, (batch, H)
///
/// Parameters, initialization and the `init` arguments are those of ``StatelessLSTM``: `upward/W`
/// `(4H, in)`, `upward/b` `(4H)` (forget-gate entries start at 1) and `lateral/W` `(4H, H)`. It runs the
/// fused ``linearSum(_:_:_:_:_:)`` and ``lstm(_:_:)``, tested against their plain compositions
/// ``linearSumReference(_:_:_:_:_:)`` and ``lstmReference(_:_:)``.
///
/// State rules (Chainer's):
/// - the first call after ``resetState()`` (or creation) sets the batch size of the state;
/// - a smaller batch updates only the leading rows of `c` and `h`; the remaining rows are kept unchanged
///   (feed sequences sorted by decreasing length, each row finishing in turn); the call returns the
///   `(batch, H)` output of the rows it updated;
/// - a larger batch than the live state stops with a message (reset first);
/// - `c` and `h` carry the graph of every step since the last reset: for truncated backpropagation
///   through time, call `loss.unchainBackward()` (or `h.unchainBackward()`) after each update.
///
/// ```swift
/// final class Model: Chain {
///     let lstm = LSTM(1, 20)
///     let out = Linear(20, 1)
///     func callAsFunction(_ x: Variable) -> Variable { out(lstm(x)) }
/// }
/// let model = Model()
/// model.resetState()
/// for x in sequence { prediction = model(x) }      // x: (batch, 1)
/// ```
public final class LSTM: StatelessLSTM, Layer {
    /// The cell state `(batch, H)` after the last call (nil after a reset).
    public private(set) var c: Variable?
    /// The output `(batch, H)` of the last call, fed back at the next one (nil after a reset).
    public private(set) var h: Variable?

    /// One time step: updates `c` and `h` from `x` `(batch, in)` and returns the new output `(batch, H)`.
    public func callAsFunction(_ x: Variable) -> Variable {
        checkStepInput(x, link: "LSTM", weight: upward.W)
        let batch = x.shape[0]
        guard let c, let h else {
            let y = lstm(zeroState(batch: batch, like: x), upward(x))
            (self.c, self.h) = (y.c, y.h)
            return y.h
        }
        let (hUpdated, hKept) = leadingRows(of: h, batch: batch, link: "LSTM", stateName: "h", input: x)
        let (cUpdated, cKept) = leadingRows(of: c, batch: batch, link: "LSTM", stateName: "c", input: x)
        let y = step(c: cUpdated, h: hUpdated, x: x)
        self.c = joinRows(y.c, cKept)
        self.h = joinRows(y.h, hKept)
        return y.h
    }

    /// Replaces the state, e.g. to start from a saved or detached state. `c` and `h` are `(batch, H)`.
    public func setState(c: Variable, h: Variable) {
        checkState(c, size: stateSize, link: "LSTM", name: "c")
        checkState(h, size: stateSize, link: "LSTM", name: "h")
        require(c.shape == h.shape, "LSTM.setState: c \(c.shape) and h \(h.shape) differ")
        (self.c, self.h) = (c, h)
    }

    /// Forgets `c` and `h`: the next call starts a new sequence from c = 0 and no lateral term.
    override public func resetState() {
        (c, h) = (nil, nil)
        super.resetState()
    }
}
