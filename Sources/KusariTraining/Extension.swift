import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// Something the ``Trainer`` runs alongside training when its trigger fires: logging, printing,
/// evaluation, snapshots, plots, learning-rate schedules (Chainer's `training.Extension`).
///
/// Implement ``callAsFunction(_:)``; everything else has a default.
public protocol Extension: AnyObject {
    /// The name used when the trainer registers it (and in snapshots).
    var defaultName: String { get }
    /// When it runs if `extend` is given no trigger.
    var defaultTrigger: IntervalTrigger { get }
    /// Higher runs first within an iteration: writers (evaluators) before editors before readers (logs).
    var defaultPriority: Int { get }
    /// Called once before the first iteration.
    func initialize(_ trainer: Trainer) throws
    /// Called after an iteration whenever the trigger fires.
    func callAsFunction(_ trainer: Trainer) throws
    /// Called once when training ends (normally or by an error).
    func finalize(_ trainer: Trainer)
    /// Saves or restores what the extension remembers (for example the log so far) for snapshots
    /// (Chainer's `Extension.serialize`). Default: nothing to save.
    func serialize(_ serializer: any StateSerializer) throws
}

/// Conventional priorities, as in Chainer.
public enum ExtensionPriority {
    /// Extensions that add observations (Evaluator).
    public static let writer = 300
    /// Extensions that change settings (learning-rate shifts).
    public static let editor = 200
    /// Extensions that only read (LogReport, PrintReport, plots, snapshots).
    public static let reader = 100
}

extension Extension {
    public var defaultName: String { String(describing: type(of: self)) }
    public var defaultTrigger: IntervalTrigger { IntervalTrigger(1, .iteration) }
    public var defaultPriority: Int { ExtensionPriority.reader }
    public func initialize(_ trainer: Trainer) throws {}
    public func finalize(_ trainer: Trainer) {}
    public func serialize(_ serializer: any StateSerializer) throws {}
}
