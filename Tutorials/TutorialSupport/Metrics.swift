import Foundation

/// Writes a tutorial's `metrics.json`: the settings used and the numbers obtained, as pretty-printed
/// JSON with sorted keys (so reruns diff cleanly). Values are numbers, strings, arrays and nested objects.
public func writeMetrics(_ metrics: [String: Any], to folder: URL) throws {
    guard JSONSerialization.isValidJSONObject(metrics) else {
        throw CocoaError(.propertyListWriteInvalid, userInfo: [NSDebugDescriptionErrorKey: "metrics are not valid JSON"])
    }
    let data = try JSONSerialization.data(withJSONObject: metrics, options: [.prettyPrinted, .sortedKeys])
    try data.write(to: folder.appending(path: "metrics.json"), options: .atomic)
}

/// Seconds taken by `body`, with its result.
public func timed<R>(_ body: () throws -> R) rethrows -> (result: R, seconds: Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try body()
    return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

/// Root mean square of `values`.
public func rootMeanSquare(_ values: [Double]) -> Double {
    values.isEmpty ? 0 : (values.map { $0 * $0 }.reduce(0, +) / Double(values.count)).squareRoot()
}
