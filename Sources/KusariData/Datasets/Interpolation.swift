import KusariCore

/// Fills missing values (NaN) by linear interpolation between the nearest known values on either side;
/// leading and trailing gaps take the nearest known value.
///
/// The same result as pandas' `Series.interpolate(method="linear", limit_direction="both")`: points are
/// taken as equally spaced (the index is ignored), and a series with no known value is returned as is.
///
/// ```swift
/// interpolateMissing([.nan, 1, .nan, .nan, 4, .nan])   // [1, 1, 2, 3, 4, 4]
/// ```
public func interpolateMissing(_ values: [Double]) -> [Double] {
    let known = values.indices.filter { !values[$0].isNaN }
    guard let first = known.first, let last = known.last else { return values }
    var out = values
    for i in 0..<first { out[i] = values[first] }
    for i in (last + 1)..<values.count { out[i] = values[last] }
    for (a, b) in zip(known, known.dropFirst()) where b > a + 1 {
        let step = (values[b] - values[a]) / Double(b - a)
        for i in (a + 1)..<b { out[i] = values[a] + step * Double(i - a) }
    }
    return out
}

/// ``interpolateMissing(_:)-([Double])`` applied along the first (time) axis of each column of `series`
/// (shape `(n)` or `(n, features)`), keeping its dtype.
public func interpolateMissing(_ series: NDArray) -> NDArray {
    require(series.ndim == 1 || series.ndim == 2,
                 "interpolateMissing: expected a series of shape (n) or (n, features), got \(series.shape)")
    let n = series.shape[0]
    let features = series.ndim == 1 ? 1 : series.shape[1]
    var values = series.doubleValues
    for f in 0..<features {
        let column = interpolateMissing((0..<n).map { values[$0 * features + f] })
        for i in 0..<n { values[i * features + f] = column[i] }
    }
    return NDArray(values, shape: series.shape, dtype: series.dtype)
}
