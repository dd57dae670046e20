import KusariCore
import Testing

/// The serializer visitor on its own: one `serialize` method saves and restores, children prefix keys,
/// and the reader checks every value.
@Suite("State serializer")
struct StateSerializerTests {
    /// A component with every kind of value, serialized the way Kusari's components are.
    final class Component {
        var count = 0
        var rate = 0.0
        var flag = false
        var weights = NDArray([0.0, 0.0], shape: [2], dtype: .float64)
        var best: Double?
        var child = Child()

        final class Child {
            var steps = 0
            func serialize(_ serializer: any StateSerializer) throws {
                try serializer.serialize("steps", &steps)
            }
        }

        func serialize(_ serializer: any StateSerializer) throws {
            var count = self.count, rate = self.rate, flag = self.flag, weights = self.weights, best = self.best
            try serializer.serialize("count", &count)
            try serializer.serialize("rate", &rate)
            try serializer.serialize("flag", &flag)
            try serializer.serialize("weights", &weights, shape: [2])
            try serializer.serialize("best", &best)
            try child.serialize(serializer["child"])
            (self.count, self.rate, self.flag, self.weights, self.best) = (count, rate, flag, weights, best)
        }
    }

    func filled() -> Component {
        let c = Component()
        c.count = 42
        c.rate = 0.1
        c.flag = true
        c.weights = NDArray([1.5, -2.25], shape: [2], dtype: .float64)
        c.best = 3.5
        c.child.steps = 7
        return c
    }

    func entries(_ component: Component, under prefix: String = "") throws -> [String: SavedValue] {
        let writer = StateWriter()
        try component.serialize(prefix.isEmpty ? writer : writer[prefix])
        return writer.entries
    }

    @Test func writesTypedEntriesUnderChildPrefixes() throws {
        let saved = try entries(filled(), under: "updater")
        #expect(saved == [
            "updater/count": .integer(42), "updater/rate": .number(0.1), "updater/flag": .integer(1),
            "updater/weights": .array(NDArray([1.5, -2.25], shape: [2], dtype: .float64)),
            "updater/best": .number(3.5), "updater/child/steps": .integer(7),
        ])
        let nothing = Component()
        #expect(try entries(nothing)["best"] == nil)            // nil optionals are not written
    }

    @Test func readingRestoresEveryValue() throws {
        let saved = try entries(filled(), under: "/part/")       // slashes at the ends are dropped
        #expect(saved["part/child/steps"] == .integer(7))
        let restored = Component()
        try restored.serialize(StateReader(saved)["part"])
        #expect(try entries(restored) == entries(filled()))
        #expect(StateReader(saved)["part"].savedKeys == ["best", "child/steps", "count", "flag", "rate", "weights"])
    }

    @Test("counters saved as float64 whole numbers (older snapshots) are read as integers")
    func float64CountersAreAccepted() throws {
        let old = try entries(filled()).mapValues { SavedValue.array($0.ndarray) }
        #expect(old["count"] == .number(42))
        let restored = Component()
        try restored.serialize(StateReader(old))
        #expect(try entries(restored) == entries(filled()))
        let arrays = old.mapValues(\.ndarray)
        let fromArrays = Component()
        try fromArrays.serialize(StateReader(arrays: arrays))
        #expect(fromArrays.count == 42 && fromArrays.flag)
    }

    @Test("hostile values are refused with the full key and what was wrong; nothing changes", arguments: [
        ("count", .number(.nan), "'p/count' = nan is not a finite number"),
        ("count", .number(.infinity), "'p/count' = inf is not a finite number"),
        ("count", .number(2.5), "'p/count' = 2.5 is not a whole number"),
        ("count", .number(1e300), "'p/count' = 1e+300 is out of range (beyond ±2^53)"),
        ("count", .number(-1), "'p/count' = -1 is out of range (0...9007199254740992)"),
        ("count", .integer(-1), "'p/count' = -1 is out of range (0...9007199254740992)"),
        ("count", .integers([1, 2], shape: [2]), "'p/count' should be one integer, but has shape [2]"),
        ("count", .array(NDArray.zeros([1, 3])), "'p/count' should be one number, but has shape [1, 3]"),
        ("count", nil, "the saved state has no 'p/count'"),
        ("rate", .number(.nan), "'p/rate' = nan is not a finite number"),
        ("rate", nil, "the saved state has no 'p/rate'"),
        ("flag", .integer(2), "'p/flag' = 2 is out of range (0...1)"),
        ("weights", .array(NDArray.zeros([3])), "'p/weights' has shape [3], expected [2]"),
        ("best", .number(-.infinity), "'p/best' = -inf is not a finite number"),
        ("child/steps", .number(0.5), "'p/child/steps' = 0.5 is not a whole number"),
    ] as [(String, SavedValue?, String)])
    func hostileValues(key: String, value: SavedValue?, message: String) throws {
        var saved = try entries(filled(), under: "p")
        saved["p/" + key] = value
        let component = Component()
        #expect(throws: StateError(message)) { try component.serialize(StateReader(saved)["p"]) }
        #expect(component.count == 0 && component.rate == 0 && !component.flag)
    }

    @Test("keys starting with a slash (an earlier optimizer layout) are read without it")
    func leadingSlashKeys() throws {
        let reader = StateReader(["/l1/W/t": .integer(3), "t": .integer(1)])
        #expect(reader.savedKeys == ["l1/W/t", "t"])
        var t = 0
        try reader["/l1/W"].serialize("t", &t)
        #expect(t == 3)
        // When the bare key exists too, the slashed one stays as it is (and is not silently merged).
        #expect(StateReader(["/a": .integer(1), "a": .integer(2)]).savedKeys == ["/a", "a"])
    }
}
