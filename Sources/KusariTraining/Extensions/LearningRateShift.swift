import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// Multiplies the optimizer's learning rate by `rate` at each trigger (Chainer's `ExponentialShift`),
/// optionally never going below/above `target`.
///
/// ```swift
/// trainer.extend(ExponentialShift(rate: 0.5, optimizer: optimizer), trigger: (10, .epoch))
/// ```
public final class ExponentialShift: Extension {
    /// The factor applied to the learning rate at each trigger (e.g. 0.5 halves it).
    public let rate: Double
    /// The bound the learning rate never passes (a floor when `rate < 1`, a ceiling otherwise), or nil.
    public let target: Double?
    private let optimizer: Optimizer
    private var initial: Double?
    private var shifts = 0

    /// Sets the learning rate to `initial · rateⁿ` after n triggers, clipped at `target`.
    /// - Parameters:
    ///   - rate: the factor per trigger.
    ///   - optimizer: the optimizer whose ``/KusariNN/Optimizer/lr`` is changed.
    ///   - initial: the starting learning rate (default: the optimizer's `lr` when training starts).
    ///   - target: the bound the learning rate stops at, or nil.
    public init(rate: Double, optimizer: Optimizer, initial: Double? = nil, target: Double? = nil) {
        self.rate = rate
        self.optimizer = optimizer
        self.initial = initial
        self.target = target
    }

    public var defaultTrigger: IntervalTrigger { IntervalTrigger(1, .epoch) }
    public var defaultPriority: Int { ExtensionPriority.editor }

    public func initialize(_ trainer: Trainer) throws {
        if initial == nil { initial = optimizer.lr }
        apply()
    }

    public func callAsFunction(_ trainer: Trainer) throws {
        shifts += 1
        apply()
    }

    private func apply() {
        var value = (initial ?? optimizer.lr) * Double.pow(rate, Double(shifts))
        if let target { value = rate < 1 ? max(value, target) : min(value, target) }
        optimizer.lr = value
    }

    /// Saves or restores the number of shifts (`shifts`, an integer) and the initial learning rate
    /// (`initial`); restoring sets the optimizer's learning rate accordingly.
    public func serialize(_ serializer: any StateSerializer) throws {
        var shifts: Int? = self.shifts
        var initial: Double? = self.initial ?? optimizer.lr
        try serializer.serialize("shifts", &shifts)
        try serializer.serialize("initial", &initial)
        guard serializer.isReading else { return }
        self.initial = initial ?? self.initial
        self.shifts = shifts ?? 0
        apply()
    }
}

/// Moves the learning rate linearly from `from` to `to` between iterations `start` and `end`
/// (Chainer's `LinearShift`); before `start` it is `from`, after `end` it is `to`.
public final class LinearShift: Extension {
    /// The learning rate up to iteration `start`.
    public let from: Double
    /// The learning rate from iteration `end` on.
    public let to: Double
    /// The iteration where the ramp begins.
    public let start: Int
    /// The iteration where the ramp ends.
    public let end: Int
    private let optimizer: Optimizer

    /// Ramps `optimizer`'s learning rate linearly, lr = from + (to − from)·(i − start)/(end − start), over
    /// `iterations`.
    public init(from: Double, to: Double, iterations: ClosedRange<Int>, optimizer: Optimizer) {
        self.from = from
        self.to = to
        self.start = iterations.lowerBound
        self.end = iterations.upperBound
        self.optimizer = optimizer
    }

    public var defaultTrigger: IntervalTrigger { IntervalTrigger(1, .iteration) }
    public var defaultPriority: Int { ExtensionPriority.editor }

    public func initialize(_ trainer: Trainer) throws { set(iteration: trainer.updater.iteration) }
    public func callAsFunction(_ trainer: Trainer) throws { set(iteration: trainer.updater.iteration) }

    private func set(iteration: Int) {
        let fraction = end > start ? Double(min(max(iteration - start, 0), end - start)) / Double(end - start)
                                   : (iteration >= end ? 1 : 0)
        optimizer.lr = from + (to - from) * fraction
    }
}
