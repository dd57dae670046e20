import Foundation
// Transforms of long-format sequences: each maps one entity's rows to new rows, entity by entity, so
// nothing leaks from one patient to the next.

/// A step of sequence preprocessing (fill, interpolate, resample, normalise, log). Apply it to a whole
/// dataset with ``SequenceDataset/map(_:)``.
public protocol SequenceTransform: Sendable {
    /// The transformed sequence. Throws ``SequenceTransformError`` for values it cannot take.
    func apply(_ sequence: EntitySequence) throws -> EntitySequence
    /// The feature names after the transform (unchanged unless it adds features).
    func featureNames(_ names: [String]) -> [String]
}

extension SequenceTransform {
    /// Unchanged names.
    public func featureNames(_ names: [String]) -> [String] { names }
}

/// A value a transform cannot take: names the entity, row, feature and value.
public struct SequenceTransformError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The message.
    public let description: String
}

/// Forward fill within each entity, then a constant for what is still missing (the lab's
/// `groupby(level=0).ffill().fillna(0)`): a missing value takes the last measured value of the same
/// feature in the same entity; values before the first measurement take `fillValue` (nil leaves them NaN).
public struct ForwardFill: SequenceTransform {
    /// The value for gaps before the first measurement (0 after z-scoring means "the cohort mean").
    public let fillValue: Double?

    /// A forward fill that ends with `fillValue`.
    public init(then fillValue: Double? = 0) { self.fillValue = fillValue }

    public func apply(_ s: EntitySequence) throws -> EntitySequence {
        var out = s
        for f in 0..<s.featureCount {
            var last = fillValue ?? .nan
            for r in 0..<s.length {
                let k = r * s.featureCount + f
                if s.values[k].isNaN { out.values[k] = last } else { last = s.values[k] }
            }
        }
        return out
    }
}

/// Linear interpolation in time within each entity: a missing value between two measurements of the
/// same feature at times t₀ < t < t₁ becomes v₀ + (v₁ − v₀)(t − t₀)/(t₁ − t₀). Before the first and after
/// the last measurement the nearest measured value is held; a feature never measured stays NaN.
public struct LinearInterpolationInTime: SequenceTransform {
    /// The transform.
    public init() {}

    public func apply(_ s: EntitySequence) throws -> EntitySequence {
        var out = s
        for f in 0..<s.featureCount {
            let measured = (0..<s.length).filter { !s.value(row: $0, feature: f).isNaN }
            guard let first = measured.first, let lastRow = measured.last else { continue }
            var next = 0
            for r in 0..<s.length where s.value(row: r, feature: f).isNaN {
                let k = r * s.featureCount + f
                if r < first { out.values[k] = s.value(row: first, feature: f); continue }
                if r > lastRow { out.values[k] = s.value(row: lastRow, feature: f); continue }
                while measured[next + 1] < r { next += 1 }
                let (r0, r1) = (measured[next], measured[next + 1])
                let (t0, t1) = (s.times[r0], s.times[r1])
                let (v0, v1) = (s.value(row: r0, feature: f), s.value(row: r1, feature: f))
                out.values[k] = v0 + (v1 - v0) * (s.times[r] - t0) / (t1 - t0)
            }
        }
        return out
    }
}

/// The natural logarithm of chosen features (for skewed labs such as bilirubin): x ↦ ln(x + offset).
/// Missing values stay missing; a value with x + offset ≤ 0 throws, naming entity, time and feature.
public struct LogTransform: SequenceTransform {
    /// The indices of the features to transform.
    public let features: [Int]
    /// Added before the logarithm (e.g. 1 for counts that may be 0).
    public let offset: Double

    /// ln(x + offset) for the features at `features`.
    public init(features: [Int], offset: Double = 0) { (self.features, self.offset) = (features, offset) }

    public func apply(_ s: EntitySequence) throws -> EntitySequence {
        var out = s
        for f in features {
            for r in 0..<s.length {
                let k = r * s.featureCount + f
                let v = s.values[k]
                if v.isNaN { continue }
                guard v + offset > 0 else {
                    throw SequenceTransformError(description: "LogTransform: entity '\(s.id)' at time \(s.times[r]), feature \(f): \(v) + \(offset) is not positive")
                }
                out.values[k] = Foundation.log(v + offset)
            }
        }
        return out
    }
}
