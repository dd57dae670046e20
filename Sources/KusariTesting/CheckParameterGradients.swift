import KusariCore
import KusariNN

/// Checks the gradients `backward()` gives a link's parameters against central differences: the way to
/// test your own layer (its parameters are not inputs, so ``checkBackward(_:function:inputs:gradOutputs:skipInputs:eps:atol:rtol:)``
/// cannot see them).
///
/// `loss` must build a scalar from the link afresh each time it is called (reset any recurrent state
/// inside it) and should use a float64 link (`dtype: .float64`), so the differences are accurate.
/// Every parameter element is perturbed by ±ε in turn; the message of a failure names the parameter's path.
///
/// ```swift
/// let layer = MyLayer(3, 2, dtype: .float64)
/// try checkParameterGradients(layer) { layer(x).sum() }
/// ```
public func checkParameterGradients(_ link: Link, eps: Double = 1e-6, atol: Double = 1e-8, rtol: Double = 1e-5,
                                    loss: () -> Variable) throws {
    link.clearGrads()
    loss().backward()
    for (path, p) in link.namedParameters() {
        let analytic = p.grad?.data ?? NDArray.zeros(like: p.data)
        let original = p.data
        var values = original.doubleValues
        var numerical = [Double](repeating: 0, count: values.count)
        for j in values.indices {
            let v = values[j]
            values[j] = v + eps
            p.data = NDArray(values, shape: original.shape, dtype: original.dtype)
            let plus = noGrad { loss().data.scalar }
            values[j] = v - eps
            p.data = NDArray(values, shape: original.shape, dtype: original.dtype)
            let minus = noGrad { loss().data.scalar }
            values[j] = v
            numerical[j] = (plus - minus) / (2 * eps)
        }
        p.data = original
        try assertAllClose(analytic.astype(.float64), NDArray(numerical, shape: original.shape), atol: atol, rtol: rtol,
                           "gradient of \(path)")
    }
    link.clearGrads()
}
