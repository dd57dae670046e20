import Testing

extension Tag {
    /// Tests that pin an implementation detail for speed rather than a result: an update or a sum happens
    /// in the same buffer (no copy-on-write copy), a gradient variable is reused. A refactoring may change
    /// them deliberately; run them alone with `swift test --filter` on the suite or skip them by tag.
    @Tag static var performanceContract: Self
}
