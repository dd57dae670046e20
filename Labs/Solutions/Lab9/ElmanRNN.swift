// Lab 9 (solution), Step 9.0: the ElmanRNN of Lab 8, pasted unchanged.
import Kusari

/// A recurrent layer called once per time step, keeping its output between calls:
///
///     hₜ = tanh(xₜ·Wxᵀ + hₜ₋₁·Whᵀ + b)      xₜ: (batch, in) → hₜ: (batch, H); no recurrent term after a reset
///
/// Parameters: `Wx` (H, in), `Wh` (H, H), `b` (H). Kusari's own `SimpleRNN` is this layer built from two
/// `Linear` links.
final class ElmanRNN: Link, Layer {
    let Wx: Parameter
    let Wh: Parameter
    let b: Parameter
    /// The output of the last call, fed back at the next one (nil after a reset).
    private(set) var h: Variable?

    init(_ inSize: Int, _ hiddenSize: Int, dtype: DType = .float32, generator: RandomGenerator = .shared) {
        Wx = Parameter(LeCunNormal(), shape: [hiddenSize, inSize], dtype: dtype, generator: generator, name: "Wx")
        Wh = Parameter(Orthogonal(), shape: [hiddenSize, hiddenSize], dtype: dtype, generator: generator, name: "Wh")
        b = Parameter(Zero(), shape: [hiddenSize], dtype: dtype, name: "b")
        super.init()
    }

    /// One time step: x `(batch, in)` → h `(batch, H)`.
    func callAsFunction(_ x: Variable) -> Variable {
        ShapeCheck.require(x.ndim == 2 && x.shape[1] == Wx.shape[1],
                "ElmanRNN: expected one time step of shape (batch, \(Wx.shape[1])), got \(x.shape)")
        var z = linear(x, Wx, b)
        if let h { z = z + linear(h, Wh) }
        let y = tanh(z)
        h = y
        return y
    }

    /// Forgets `h`: the next call starts a new sequence.
    override func resetState() {
        h = nil
        super.resetState()
    }
}
