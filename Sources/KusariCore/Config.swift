/// Kusari's global switches, scoped with task-local values so they are restored on exit, also when the
/// body throws, and never leak between concurrent tasks.
///
/// - `enableBackprop`: when false, functions compute their outputs without recording the graph
///   (``noGrad(_:)``), which saves memory in evaluation.
/// - `train`: training (true) or test mode (false), read by layers that behave differently in test.
/// - `useOneDNN`: whether `SequenceLSTM` may hand equal-length float32 batches to oneDNN.
public enum Config {
    /// Whether functions record the graph for `backward()` (default true); false inside ``noGrad(_:)``.
    @TaskLocal public static var enableBackprop = true
    /// Training mode (true, the default) or test mode (false), for layers that behave differently in test.
    @TaskLocal public static var train = true
    /// Whether `SequenceLSTM` runs float32 batches of equal-length sequences without recurrent dropout
    /// through oneDNN's LSTM primitive (true, the default, as PyTorch's nn.LSTM on the CPU) or through
    /// Kusari's own loops (false), which match `referenceCall` bit for bit.
    @TaskLocal public static var useOneDNN = true
}

/// Runs `body` without recording the computational graph (PyTorch's `torch.no_grad()`, Chainer's
/// `chainer.no_backprop_mode()`).
public func noGrad<R>(_ body: () throws -> R) rethrows -> R {
    try Config.$enableBackprop.withValue(false, operation: body)
}

/// Runs `body` with the given configuration (Chainer's `chainer.using_config`); settings left nil keep
/// their current value. `usingConfig(train: false) { … }` is test mode.
public func usingConfig<R>(train: Bool? = nil, enableBackprop: Bool? = nil, _ body: () throws -> R) rethrows -> R {
    try Config.$train.withValue(train ?? Config.train) {
        try Config.$enableBackprop.withValue(enableBackprop ?? Config.enableBackprop, operation: body)
    }
}
