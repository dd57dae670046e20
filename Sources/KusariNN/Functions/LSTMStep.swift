// One time step of an LSTM layer as one function: the pre-activation z = x·Wᵀ + h·Vᵀ + b and the cell,
// (c, h) = lstm(cPrev, z). It is the fast path of the `LSTM` and `StatelessLSTM` links for every step
// after the first (the first has no h); the composition it replaces is `lstm(cPrev, linearSum(x, W, h,
// V, b))` (lstmStepReference).
//
// What it computes: the same values and gradients as the composition. On one thread they are equal bit
// for bit (the same operations in the same order). Split over several threads, the values stay equal at the
// tested shapes (in general a split can round the last bit differently, lstmStepBlocks says why), while
// ∂x and ∂h are sums of the blocks' terms (LSTMStepBlockProducts.swift), which round differently from one
// product; every gradient upstream inherits that, so with several threads the gradients agree with one
// thread's to float rounding. For a given thread count the numbers are the same on every run.
//
// Why it is fast: the step is split into blocks of units, one per thread of Kusari's pool, and each block
// runs its slice of both products, the cell, and backward its rows of the weight gradients and its terms
// of ∂x and ∂h, without waiting for the others (LSTMStepKernels.swift). A step is one parallel job
// forward instead of three (two split products and the cell kernel) and one backward instead of five, and
// the bias copy and bias gradient, which ran on one thread, are split too. With one thread it saves a
// graph node per step.
//
// Double backprop: `backward` builds the gradient from differentiable functions (linearSum, LSTMGrad,
// matmul, sum), so a graph through it can be differentiated again.
import KusariCore

/// The fused LSTM time step; see ``lstmStep(_:_:_:_:_:_:)``.
///
/// Inputs: cPrev (batch, H), x (batch, in), W (4H, in), hPrev (batch, H), V (4H, H), b (4H).
/// Outputs: c and h (batch, H).
public final class LSTMStepFunction: FunctionNode {
    private var saved: LSTMActivations?

    override public func forward(_ x: [NDArray]) -> [NDArray] {
        let (cPrev, input, w, hPrev, v, b) = (x[0], x[1], x[2], x[3], x[4], x[5])
        require(input.ndim == 2 && w.ndim == 2 && input.shape[1] == w.shape[1] && w.shape[0] % 4 == 0,
                "lstmStep: x \(input.shape) and W \(w.shape) do not fit (need x: (batch, in), W: (4H, in))")
        let hidden = w.shape[0] / 4, batch = input.shape[0]
        require(cPrev.shape == [batch, hidden] && hPrev.shape == [batch, hidden],
                "lstmStep: c \(cPrev.shape) and h \(hPrev.shape) do not fit x \(input.shape) and W \(w.shape) (need (\(batch), \(hidden)))")
        require(v.shape == [4 * hidden, hidden] && b.shape == [4 * hidden],
                "lstmStep: V \(v.shape) and b \(b.shape) do not fit W \(w.shape) (need V: (\(4 * hidden), \(hidden)), b: (\(4 * hidden)))")
        require(x.allSatisfy { $0.dtype == input.dtype }, "lstmStep: the inputs' dtypes differ: \(x.map(\.dtype))")
        let result: (c: NDArray, h: NDArray, saved: LSTMActivations)
        switch input.dtype {
        case .float32: result = lstmStepForward(cPrev: cPrev, x: input, w: w, hPrev: hPrev, v: v, b: b, as: Float.self)
        case .float64: result = lstmStepForward(cPrev: cPrev, x: input, w: w, hPrev: hPrev, v: v, b: b, as: Double.self)
        }
        saved = result.saved
        return [result.c, result.h]
    }

    /// The gradients as differentiable functions (the composition's backward), for double backprop.
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let (cPrev, x, w, hPrev, v, b) = (inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], inputs[5])
        let z = linearSum(x, w, hPrev, v, b)
        let cell = LSTMGrad(activations: saved).apply([cPrev, z, gy[0], gy[1]])
        let gz = cell[1]
        return [cPrev.requiresGrad ? cell[0] : nil, x.requiresGrad ? matmul(gz, w) : nil,
                w.requiresGrad ? matmul(gz, x, transA: true) : nil, hPrev.requiresGrad ? matmul(gz, v) : nil,
                v.requiresGrad ? matmul(gz, hPrev, transA: true) : nil, b.requiresGrad ? sum(gz, axes: [0]) : nil]
    }

    /// Without a graph: the cell's backward, the weight gradients block by block (added straight into
    /// W's, V's and b's gradients) and ∂x = ∂z·W and ∂h = ∂z·V as sums of the blocks' terms, all in one
    /// parallel job (LSTMStepKernels.swift, LSTMStepBlockProducts.swift).
    override public func backwardAccumulate(_ gy: [Variable], into gradients: inout InputGradients) {
        guard !gradients.buildingGraph, let saved else { return super.backwardAccumulate(gy, into: &gradients) }
        let (cPrev, x, w, hPrev, v) = (inputs[0], inputs[1], inputs[2], inputs[3], inputs[4])
        // The inputs whose gradient is a product ∂z·M, and their M; x before h, the order in which the
        // composition adds them (it matters when x and hPrev are one variable, as in a decoder fed its
        // own initial h).
        let products = [(1, w), (3, v)].filter { inputs[$0.0].requiresGrad }
        func cellBackward(_ weights: inout [NDArray]) -> (gcPrev: NDArray, gz: NDArray, inputGradients: [NDArray]) {
            let matrices = products.map { $0.1.data }
            switch x.dtype {
            case .float32:
                return lstmStepBackward(cPrev: cPrev.data, x: x.data, hPrev: hPrev.data, saved: saved, gc: gy[0].data,
                                        gh: gy[1].data, weightGradients: &weights, inputProducts: matrices, as: Float.self)
            case .float64:
                return lstmStepBackward(cPrev: cPrev.data, x: x.data, hPrev: hPrev.data, saved: saved, gc: gy[0].data,
                                        gh: gy[1].data, weightGradients: &weights, inputProducts: matrices, as: Double.self)
            }
        }
        var cell: (gcPrev: NDArray, gz: NDArray, inputGradients: [NDArray])?
        let inPlace = gradients.accumulateInPlace(toInputs: [2, 4, 5]) { weights in cell = cellBackward(&weights) }
        var none: [NDArray] = []
        let (gcPrev, gzData, inputGradients) = cell ?? cellBackward(&none)
        if !inPlace {
            let gz = Variable(gzData, requiresGrad: false)
            accumulateWeightGradient(gz, x, input: 2, into: &gradients)
            accumulateWeightGradient(gz, hPrev, input: 4, into: &gradients)
            accumulateBiasGradient(gz, input: 5, into: &gradients)
        }
        if cPrev.requiresGrad { gradients.add(Variable(gcPrev, requiresGrad: false), toInput: 0) }
        for ((index, _), gradient) in zip(products, inputGradients) {
            gradients.add(Variable(gradient, requiresGrad: false), toInput: index)
        }
    }
}

/// One LSTM time step, fused: `(c, h) = lstm(cPrev, x·Wᵀ + h·Vᵀ + b)` in Chainer's gate layout.
///
/// - Parameters:
///   - cPrev: the previous cell state, (batch, H).
///   - x: the input, (batch, in).
///   - W: the input weight, (4H, in).
///   - hPrev: the previous output, (batch, H).
///   - V: the recurrent weight, (4H, H).
///   - b: the bias, (4H).
/// - Returns: the new cell state and output, (batch, H) each. Equal bit for bit to
///   ``lstmStepReference(_:_:_:_:_:_:)`` on one thread; split over `BLAS.threads` by blocks of units.
public func lstmStep(_ cPrev: Variable, _ x: Variable, _ W: Variable, _ hPrev: Variable, _ V: Variable,
                     _ b: Variable) -> (c: Variable, h: Variable) {
    let y = LSTMStepFunction().apply([cPrev, x, W, hPrev, V, b])
    return (y[0], y[1])
}

/// The composition ``lstmStep(_:_:_:_:_:_:)`` fuses: `lstm(cPrev, linearSum(x, W, hPrev, V, b))`.
public func lstmStepReference(_ cPrev: Variable, _ x: Variable, _ W: Variable, _ hPrev: Variable, _ V: Variable,
                              _ b: Variable) -> (c: Variable, h: Variable) {
    lstm(cPrev, linearSum(x, W, hPrev, V, b))
}
