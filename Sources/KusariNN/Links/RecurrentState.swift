// The batch rule the stateful recurrent links (LSTM, SimpleRNN, GRU) share, taken from Chainer's L.LSTM:
// a batch as large as the live state updates every row; a smaller batch updates the leading rows and
// keeps the others unchanged (sequences sorted by decreasing length, which end one after another); a
// larger batch is a programmer error.
import KusariCore

/// Splits a state variable `(rows, H)` into the rows a batch of `batch` updates and the rows it keeps
/// (nil when it updates them all). Stops with a message naming `link` and the shapes when the batch is
/// larger than the state.
func leadingRows(of state: Variable, batch: Int, link: String, stateName: String,
                 input: Variable) -> (updated: Variable, kept: Variable?) {
    let rows = state.shape[0]
    require(batch <= rows, """
        \(link): the input batch \(batch) (x \(input.shape)) is larger than the batch of the state \
        (\(stateName) \(state.shape)); call resetState() before a larger batch, or pass at most \(rows) rows
        """)
    if batch == rows { return (state, nil) }
    let parts = splitAxis(state, sizes: [batch, rows - batch], axis: 0)
    return (parts[0], parts[1])
}

/// The new state: the updated leading rows followed by the kept ones.
func joinRows(_ updated: Variable, _ kept: Variable?) -> Variable {
    kept.map { concat([updated, $0], axis: 0) } ?? updated
}

/// Checks a state given to `setState` against the link's state size.
func checkState(_ state: Variable, size: Int, link: String, name: String) {
    require(state.ndim == 2 && state.shape[1] == size,
                 "\(link).setState: \(name) has shape \(state.shape), need (batch, \(size))")
}
