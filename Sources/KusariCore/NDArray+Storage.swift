// Where an NDArray's elements live: one Swift array, of the element type the dtype names.

extension NDArray {
    /// The elements of an array, row-major: exactly one buffer, so the dtype is the case and no second,
    /// empty buffer can drift out of step with it.
    @usableFromInline package enum Storage: Sendable, Equatable {
        case float32([Float])
        case float64([Double])
    }

    /// The element type.
    public var dtype: DType {
        switch storage {
        case .float32: .float32
        case .float64: .float64
        }
    }

    /// The float32 elements (empty for a float64 array). Mutating them in place (`&a.floats`, `a.floats[i]
    /// = …`) needs a float32 array and copies nothing when the buffer is not shared (copy-on-write).
    @usableFromInline package var floats: [Float] {
        get {
            if case .float32(let elements) = storage { return elements }
            return []
        }
        _modify {
            guard case .float32(var elements) = storage else {
                fatalError("NDArray: float32 elements of a \(dtype) array")
            }
            storage = .float32([])      // drop our reference so `elements` is uniquely owned
            defer { storage = .float32(elements) }
            yield &elements
        }
    }

    /// The float64 elements (empty for a float32 array); mutable in place like ``floats``.
    @usableFromInline package var doubles: [Double] {
        get {
            if case .float64(let elements) = storage { return elements }
            return []
        }
        _modify {
            guard case .float64(var elements) = storage else {
                fatalError("NDArray: float64 elements of a \(dtype) array")
            }
            storage = .float64([])
            defer { storage = .float64(elements) }
            yield &elements
        }
    }
}
