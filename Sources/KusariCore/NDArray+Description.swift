// A NumPy-like printout: nested brackets, long axes abbreviated with "…".

extension NDArray: CustomStringConvertible {
    public var description: String {
        let values = doubleValues
        func format(_ v: Double) -> String {
            if v == v.rounded() && Swift.abs(v) < 1e6 { return String(Int(v)) + "." }
            return shortDecimal(v)
        }
        func render(_ axis: Int, _ offset: Int) -> String {
            if axis == ndim { return format(values[offset]) }
            let extent = shape[axis]
            let stride = shape[(axis + 1)...].reduce(1, *)
            let shown: [Int] = extent > 8 ? Array(0..<3) + [-1] + Array((extent - 3)..<extent) : Array(0..<extent)
            let parts = shown.map { $0 < 0 ? "…" : render(axis + 1, offset + $0 * stride) }
            let separator = axis == ndim - 1 ? ", " : ",\n" + String(repeating: " ", count: axis + 1)
            return "[" + parts.joined(separator: separator) + "]"
        }
        let body = count == 0 ? "[]" : render(0, 0)
        return "NDArray(\(body), shape: \(shape), dtype: \(dtype))"
    }
}

/// Four decimals are plenty for reading (full precision is in `doubleValues`); tiny and huge values
/// keep Swift's shortest exact form.
private func shortDecimal(_ value: Double) -> String {
    let magnitude = Swift.abs(value)
    if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e6) { return "\(value)" }
    return "\((value * 1e4).rounded() / 1e4)"
}
