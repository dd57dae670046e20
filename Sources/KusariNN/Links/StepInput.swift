// The input check the recurrent links (LSTM, GRU, SimpleRNN) share: they take one time step per call, so
// the mistakes a student makes most (a whole window, the wrong number of features) stop with a message
// that says what the link expects and what to do instead, before any matrix product sees the shapes.
import KusariCore

/// Stops with a message naming `link` when `x` is not one time step `(batch, inSize)`.
///
/// - Parameters:
///   - x: the input of one call.
///   - link: the link's name in the message ("LSTM").
///   - weight: the input weight `(H, in)`, read only once initialized (a lazy link fixes `in` on first use).
func checkStepInput(_ x: Variable, link: String, weight: Parameter) {
    let width = weight.isInitialized ? weight.shape[1] : nil
    let expected = width.map { "(batch, \($0))" } ?? "(batch, in)"
    require(x.ndim != 3, """
        \(link): got an input of shape \(x.shape), which looks like a (batch, time, features) window; \
        a \(link) takes one time step \(expected) per call. Loop over time, calling it with x[0..., t] \
        for t = 0, 1, …, or hand the whole window to runWindow(_:through:) (KusariTraining)
        """)
    require(x.ndim == 2, "\(link): expected one time step of shape \(expected), got \(x.shape)")
    if let width {
        require(x.shape[1] == width, """
            \(link): expected \(width) input features per step, shape (batch, \(width)), got \(x.shape); \
            the layer was built as \(link)(\(width), …)
            """)
    }
}
