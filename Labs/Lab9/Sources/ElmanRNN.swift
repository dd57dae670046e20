// Lab 9, Step 9.0: paste your ElmanRNN from Lab 8 (Labs/Lab8/Sources/ElmanRNN.swift) over this file.
// Until you do, the layer below is the unfinished Lab 8 stub and nothing in this lab trains.
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
        // TODO (Step 9.0 = Lab 8, step 8.1): give each parameter its shape (see the doc comment above) instead of nil.
        Wx = Parameter(LeCunNormal(), shape: nil, dtype: dtype, generator: generator, name: "Wx")
        Wh = Parameter(Orthogonal(), shape: nil, dtype: dtype, generator: generator, name: "Wh")
        b = Parameter(Zero(), shape: nil, dtype: dtype, name: "b")
        super.init()
    }

    /// One time step: x `(batch, in)` → h `(batch, H)`.
    func callAsFunction(_ x: Variable) -> Variable {
        // TODO (Step 9.0 = Lab 8, step 8.2): first stop with a message on a wrong input, as Kusari's layers do:
        //     ShapeCheck.require(x.ndim == 2 && x.shape[1] == Wx.shape[1], "ElmanRNN: expected one time step of shape …")
        // then z = x·Wxᵀ + b (Kusari's `linear(x, W, b)`), plus h·Whᵀ when there is a state `h`;
        // y = tanh(z); remember y as the new state and return it.
        return x
    }

    /// Forgets `h`: the next call starts a new sequence.
    override func resetState() {
        // TODO (Step 9.0 = Lab 8, step 8.3): forget the state.
        super.resetState()
    }
}
