// Long-format clinical data, grouped: one sequence of timestamped rows per entity (patient, stay,
// encounter), as a pandas frame indexed by (encounterID, time).

/// One entity's time series: rows at increasing times, each with one value per feature (NaN = not
/// measured), plus values that do not change over time (age at entry, sex).
public struct EntitySequence: Sendable, Equatable {
    /// The entity's id as written in the file.
    public var id: String
    /// The time of each row, strictly increasing.
    public var times: [Double]
    /// Row-major values, `times.count × featureCount`; NaN marks a missing value.
    public var values: [Double]
    /// The number of features per row.
    public var featureCount: Int
    /// The entity's static values (one per static column), from its first row.
    public var statics: [Double]

    /// A sequence from its rows. `values` must hold `times.count × featureCount` numbers.
    public init(id: String, times: [Double], values: [Double], featureCount: Int, statics: [Double] = []) {
        precondition(values.count == times.count * featureCount,
                     "EntitySequence '\(id)': \(values.count) values for \(times.count) rows × \(featureCount) features")
        (self.id, self.times, self.values, self.featureCount, self.statics) = (id, times, values, featureCount, statics)
    }

    /// The number of rows (time steps).
    public var length: Int { times.count }

    /// The value of `feature` on row `row`.
    public func value(row: Int, feature: Int) -> Double { values[row * featureCount + feature] }

    /// One feature's values over time.
    public func column(_ feature: Int) -> [Double] { (0..<length).map { value(row: $0, feature: feature) } }

    /// The rows whose time satisfies `keep` (e.g. the first year of follow-up).
    public func rows(where keep: (Double) -> Bool) -> EntitySequence {
        var times: [Double] = [], values: [Double] = []
        for r in 0..<length where keep(self.times[r]) {
            times.append(self.times[r])
            values += self.values[(r * featureCount)..<((r + 1) * featureCount)]
        }
        return EntitySequence(id: id, times: times, values: values, featureCount: featureCount, statics: statics)
    }
}

/// A grouped sequence dataset: entities in file order, with the names of their features and statics.
public struct SequenceDataset: Sendable, Equatable {
    /// The feature names, in the order of each row's values.
    public var featureNames: [String]
    /// The static column names, in the order of each entity's `statics`.
    public var staticNames: [String]
    /// One sequence per entity.
    public var entities: [EntitySequence]

    /// A dataset from its parts.
    public init(featureNames: [String], staticNames: [String] = [], entities: [EntitySequence]) {
        (self.featureNames, self.staticNames, self.entities) = (featureNames, staticNames, entities)
    }

    /// The number of entities.
    public var count: Int { entities.count }

    /// The index of the feature called `name`, if any.
    public func featureIndex(_ name: String) -> Int? { featureNames.firstIndex(of: name) }

    /// The same dataset with `transform` applied to every entity (rethrowing its error).
    public func map(_ transform: some SequenceTransform) throws -> SequenceDataset {
        var copy = self
        copy.entities = try entities.map(transform.apply)
        copy.featureNames = transform.featureNames(featureNames)
        return copy
    }

    /// The entities at `indices` (a split), in that order.
    public func subset(_ indices: [Int]) -> SequenceDataset {
        SequenceDataset(featureNames: featureNames, staticNames: staticNames, entities: indices.map { entities[$0] })
    }
}
