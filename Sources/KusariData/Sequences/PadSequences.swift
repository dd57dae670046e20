// Keras' pad_sequences for multivariate sequences, returning the lengths and mask beside the array.
import KusariCore

/// Where padding (or truncation) happens: before the sequence or after it.
public enum PaddingSide: Sendable {
    /// At the start (Keras' default).
    case pre
    /// At the end (what the ICU lab uses; valid steps start at t = 0).
    case post
}

/// A batch of sequences padded to one length: the array, each sequence's valid length, and a 0/1 mask.
public struct PaddedSequences: Sendable {
    /// `(batch, time, features)`, padded with the pad value.
    public let data: NDArray
    /// The valid steps of each sequence after truncation.
    public let lengths: [Int]
    /// `(batch, time)`: 1 at valid steps, 0 at padding.
    public let mask: NDArray
}

/// Pads (and truncates) sequences of feature rows to one length, as Keras' `pad_sequences`, and returns
/// the lengths and mask with the array, so nothing has to recover them from the pad value.
///
/// - Parameters:
///   - sequences: each a row-major `[length × features]` array.
///   - features: values per step.
///   - maxLength: the common length (nil: the longest sequence). Longer sequences are truncated.
///   - padding: where to add pad steps (`.post`: after; Keras defaults to `.pre`).
///   - truncating: which end to cut from a long sequence (`.post` keeps the first `maxLength` steps).
///   - value: the pad value.
///   - dtype: the element type of `data`.
/// - Returns: ``PaddedSequences`` with `data` `(batch, maxLength, features)`.
///
/// ```swift
/// let p = padSequences([[1, 2, 3], [4]], features: 1, padding: .post)
/// p.data      // [[1, 2, 3], [4, 0, 0]] as (2, 3, 1)
/// p.lengths   // [3, 1]
/// ```
public func padSequences(_ sequences: [[Double]], features: Int, maxLength: Int? = nil, padding: PaddingSide = .post,
                         truncating: PaddingSide = .post, value: Double = 0, dtype: DType = .float32) -> PaddedSequences {
    require(features >= 1, "padSequences: features \(features) must be at least 1")
    for (b, s) in sequences.enumerated() {
        require(s.count % features == 0, "padSequences: sequence \(b) has \(s.count) values, not a multiple of \(features) features")
    }
    let time = maxLength ?? (sequences.map { $0.count / features }.max() ?? 0)
    require(time >= 0, "padSequences: maxLength \(time) must not be negative")
    var data = [Double](repeating: value, count: sequences.count * time * features)
    var mask = [Double](repeating: 0, count: sequences.count * time)
    var lengths: [Int] = []
    for (b, s) in sequences.enumerated() {
        let length = s.count / features, kept = min(length, time)
        let first = truncating == .post ? 0 : length - kept             // first kept step of the source
        let offset = padding == .post ? 0 : time - kept                 // where it lands
        for t in 0..<kept {
            for f in 0..<features { data[(b * time + offset + t) * features + f] = s[(first + t) * features + f] }
            mask[b * time + offset + t] = 1
        }
        lengths.append(kept)
    }
    return PaddedSequences(data: NDArray(data, shape: [sequences.count, time, features], dtype: dtype),
                           lengths: lengths, mask: NDArray(mask, shape: [sequences.count, time], dtype: dtype))
}

/// ``padSequences(_:features:maxLength:padding:truncating:value:dtype:)`` for the entities of a dataset.
public func padSequences(_ sequences: [EntitySequence], maxLength: Int? = nil, padding: PaddingSide = .post,
                         truncating: PaddingSide = .post, value: Double = 0, dtype: DType = .float32) -> PaddedSequences {
    let features = sequences.first?.featureCount ?? 1
    for s in sequences {
        require(s.featureCount == features, "padSequences: entity '\(s.id)' has \(s.featureCount) features, the first has \(features)")
    }
    return padSequences(sequences.map(\.values), features: features, maxLength: maxLength, padding: padding,
                        truncating: truncating, value: value, dtype: dtype)
}
