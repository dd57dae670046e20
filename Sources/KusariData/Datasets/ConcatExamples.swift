import KusariCore

/// Stacks a list of examples into a batch: component `k` of the result is component `k` of every example
/// stacked along a new leading axis, so components of shape `s` become `(examples.count, s…)`.
///
/// Kusari's version of Chainer's `concat_examples` (without padding). All examples must have the same
/// number of components, and each component the same shape and dtype in every example.
///
/// ```swift
/// let batch = concatExamples([[x0, t0], [x1, t1], [x2, t2]])   // x_i: (20), t_i: ()
/// // batch[0]: (3, 20), batch[1]: (3)
/// ```
public func concatExamples(_ examples: [Example]) -> [NDArray] {
    require(!examples.isEmpty, "concatExamples: no examples to stack")
    let components = examples[0].count
    require(examples.allSatisfy { $0.count == components },
                 "concatExamples: examples have different numbers of components \(Set(examples.map(\.count)).sorted())")
    return (0..<components).map { k in NDArray.stackedAlongNewAxis(examples.map { $0[k] }) }
}
