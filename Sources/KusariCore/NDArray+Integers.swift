// Arrays from integers: `NDArray([1, 2, 3], shape: [3])` would otherwise be ambiguous between the
// `[Float]` and `[Double]` initializers. The rule, as Docs/Autodiff.md states it: integers and `[Float]`
// give float32 (Kusari's default dtype); `[Double]`, including a literal such as `[1.0, 2.0]`, gives float64.

extension NDArray {
    /// An array of `dtype` (float32 by default) from integer `values` in row-major order; `shape` defaults
    /// to a vector. `NDArray([1, 2, 3, 4], shape: [2, 2])` is the float32 matrix [[1, 2], [3, 4]].
    public init(_ values: [Int], shape: [Int]? = nil, dtype: DType = .float32) {
        self.init(values.map { Double($0) }, shape: shape, dtype: dtype)
    }
}
