import Testing
import Kusari
import KusariDistributed

@Suite struct GradientBucketsTests {
    let arrays = [
        NDArray((0..<6).map { Float($0) }, shape: [2, 3]),
        NDArray([10.0, 11.0], shape: [2]),
        NDArray((0..<4).map { Float($0) + 100 }, shape: [4]),
        NDArray([Float(7)], shape: []),
    ]

    @Test func layoutGroupsByDTypeAndRespectsCapacity() {
        let buckets = GradientBuckets(layoutOf: arrays, capacity: 8)
        // Floats: 6 + 4 would exceed 8, so the second float array opens bucket 1; the scalar joins it.
        #expect(buckets.slots.map(\.bucket) == [0, 0, 1, 1])
        #expect(buckets.slots.map(\.offset) == [0, 0, 0, 4])
        #expect(buckets.bucketCount == 3)
        #expect(buckets.elementCount == 13)
        #expect(GradientBuckets(layoutOf: arrays).bucketCount == 2)   // default: one per dtype
    }

    @Test func packThenUnpackRestoresEveryArray() {
        var buckets = GradientBuckets(layoutOf: arrays, capacity: 8)
        for (i, a) in arrays.enumerated() { buckets.pack(a, at: i) }
        for (i, a) in arrays.enumerated() {
            var out = NDArray.zeros(a.shape, dtype: a.dtype)
            buckets.unpack(at: i, into: &out)
            #expect(out == a)
        }
    }

    @Test func reducingTheBucketsChangesTheUnpackedArrays() {
        var buckets = GradientBuckets(layoutOf: arrays)
        for (i, a) in arrays.enumerated() { buckets.pack(a, at: i) }
        buckets.forEachBucket(float: { b in for i in b.indices { b[i] *= 2 } }, double: { b in for i in b.indices { b[i] += 1 } })
        var first = NDArray.zeros([2, 3])
        buckets.unpack(at: 0, into: &first)
        #expect(first.floatValues == [0, 2, 4, 6, 8, 10])
        var second = NDArray.zeros([2], dtype: .float64)
        buckets.unpack(at: 1, into: &second)
        #expect(second.doubleValues == [11, 12])
    }

    @Test func fitsOnlyTheSameShapesAndDTypes() {
        let buckets = GradientBuckets(layoutOf: arrays)
        #expect(buckets.fits(arrays))
        #expect(!buckets.fits(Array(arrays.dropLast())))
        var changed = arrays
        changed[1] = NDArray([10, 11] as [Float])
        #expect(!buckets.fits(changed))
    }

    @Test func findsTheFirstNonFiniteSlot() {
        var buckets = GradientBuckets(layoutOf: arrays)
        for (i, a) in arrays.enumerated() { buckets.pack(a, at: i) }
        #expect(buckets.firstNonFiniteSlot() == nil)
        buckets.pack(NDArray([1, .nan, 3, 4] as [Float]), at: 2)
        #expect(buckets.firstNonFiniteSlot() == 2)
    }
}
