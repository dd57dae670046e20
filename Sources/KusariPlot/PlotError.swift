import Foundation
import KusariCore

/// An error raised while saving a ``Figure``.
///
/// Every case names what went wrong and what to do about it, so `print(error)` is enough to fix the call.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The destination cannot be used: not a file URL, a forbidden character, a non-`png` extension, or a
    /// folder that cannot be created.
    case invalidPath(String, reason: String)
    /// A series has a different number of x and y values.
    case mismatchedLengths(series: String, xCount: Int, yCount: Int)
    /// A figure, panel or style setting is out of range (for example a zero width or an unknown colour).
    case invalidSetting(String)
    /// The data file or the script could not be written.
    case cannotWrite(String, reason: String)
    /// gnuplot ran but did not write the PNG. Its own error message was printed on standard error; run the
    /// script by hand (`cd folder && gnuplot name.gp`) to see it again.
    case gnuplotFailed(script: String, status: Int)

    /// A one-sentence explanation of the error.
    public var description: String {
        switch self {
        case let .invalidPath(path, reason):
            return "Cannot save a figure to \(path): \(reason)."
        case let .mismatchedLengths(series, xCount, yCount):
            return "Series \(series) has \(xCount) x values but \(yCount) y values; give both the same length."
        case let .invalidSetting(message):
            return "Invalid plot setting: \(message)."
        case let .cannotWrite(path, reason):
            return "Cannot write \(path): \(reason)."
        case let .gnuplotFailed(script, status):
            let folder = (script as NSString).deletingLastPathComponent
            let name = (script as NSString).lastPathComponent
            return "gnuplot did not write the PNG for \(script) (status \(status)); "
                + "see gnuplot's message above, or run `cd \(folder) && gnuplot \(name)`."
        }
    }

    /// The same text as ``description``, for `localizedDescription`.
    public var errorDescription: String? { description }
}
