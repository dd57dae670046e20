import Testing

/// Groups the tests of `Sources/Kusari/Datasets` so `swift test --filter Datasets` selects them.
@Suite enum Datasets {}
