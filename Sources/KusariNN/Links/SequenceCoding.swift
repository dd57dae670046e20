// The two loops the sequence autoencoders share: reading a window into a final LSTM state, and
// unrolling a decoder LSTM for a number of steps with one input repeated at every step.
import KusariCore

extension StatelessLSTM {
    /// Reads `x` `(batch, time, features)` step by step from zero state and returns the final cell
    /// state and output, each `(batch, H)`.
    func readSequence(_ x: Variable, link: String) -> (c: Variable, h: Variable) {
        require(x.ndim == 3 && x.shape[1] > 0,
                "\(link): x must be (batch, time, features) with time > 0, got \(x.shape)")
        var state: (c: Variable, h: Variable)?
        for xt in separate(x, axis: 1) { state = self(c: state?.c, h: state?.h, x: xt) }
        guard let state else { fatalError("\(link): unreachable, time > 0 was checked") }
        return state
    }

    /// Runs `steps` steps with `input` `(batch, in)` fed at every step (the vector repeated over time,
    /// as ``repeatOverTime(_:steps:)`` would lay it out), starting from `c`, `h` (nil: zeros). Returns
    /// the outputs, one `(batch, H)` per step.
    func unroll(repeating input: Variable, steps: Int, c: Variable? = nil, h: Variable? = nil) -> [Variable] {
        var state: (c: Variable?, h: Variable?) = (c, h)
        var outputs: [Variable] = []
        outputs.reserveCapacity(steps)
        for _ in 0..<steps {
            let y = self(c: state.c, h: state.h, x: input)
            state = (y.c, y.h)
            outputs.append(y.h)
        }
        return outputs
    }
}

extension Linear {
    /// This layer applied at every step: `(batch, H)` outputs of `T` steps → `(batch, T, out)`, as one
    /// matrix product over the `(batch·T, H)` stack.
    func timeDistributed(_ steps: [Variable]) -> Variable {
        let stacked = stackOverTime(steps)                       // (batch, T, H)
        let (batch, time) = (stacked.shape[0], stacked.shape[1])
        return reshape(self(reshape(stacked, [batch * time, -1])), [batch, time, outSize])
    }
}
