import Testing
import KusariTesting
import Kusari
@testable import KusariCore

@Suite("NDArray creation, dtype, printing, copy-on-write")
struct NDArrayCreationTests {
    @Test func zerosOnesFull() {
        let z = NDArray.zeros([2, 3])
        #expect(z.shape == [2, 3])
        #expect(z.dtype == .float32)
        #expect(z.count == 6)
        #expect(z.doubleValues == [Double](repeating: 0, count: 6))

        let o = NDArray.ones([4], dtype: .float64)
        #expect(o.dtype == .float64)
        #expect(o.doubleValues == [1, 1, 1, 1])

        let f = NDArray.full([2, 2], value: 2.5)
        #expect(f.doubleValues == [2.5, 2.5, 2.5, 2.5])

        let s = NDArray(scalar: 7, dtype: .float64)
        #expect(s.shape == [])
        #expect(s.ndim == 0)
        #expect(s.count == 1)
        #expect(s.scalar == 7)

        let like = NDArray.ones(like: NDArray.zeros([3, 1], dtype: .float64))
        #expect(like.shape == [3, 1] && like.dtype == .float64 && like.doubleValues == [1, 1, 1])
    }

    @Test func arangeAndLinspace() {
        #expect(NDArray.arange(5).doubleValues == [0, 1, 2, 3, 4])
        #expect(NDArray.arange(1, 2, step: 0.25, dtype: .float64).doubleValues == [1, 1.25, 1.5, 1.75])
        #expect(NDArray.arange(5, 0, step: -2).doubleValues == [5, 3, 1])
        #expect(NDArray.arange(3, 3).shape == [0])

        let l = NDArray.linspace(0, 1, count: 5, dtype: .float64)
        #expect(l.shape == [5])
        #expect(l.doubleValues == [0, 0.25, 0.5, 0.75, 1])
        #expect(NDArray.linspace(2, 3, count: 1).doubleValues == [2])
        #expect(NDArray.linspace(2, 3, count: 0).shape == [0])
    }

    @Test func seededUniformIsReproducibleWithTheRightMoments() {
        let a = NDArray.uniform([10_000], low: -1, high: 3, dtype: .float64, generator: RandomGenerator(seed: 7))
        let b = NDArray.uniform([10_000], low: -1, high: 3, dtype: .float64, generator: RandomGenerator(seed: 7))
        let c = NDArray.uniform([10_000], low: -1, high: 3, dtype: .float64, generator: RandomGenerator(seed: 8))
        #expect(a == b)
        #expect(a != c)
        let v = a.doubleValues
        #expect(v.allSatisfy { $0 >= -1 && $0 < 3 })
        let mean = v.reduce(0, +) / Double(v.count)
        let variance = v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count)
        #expect(abs(mean - 1) < 0.05)               // (low + high) / 2
        #expect(abs(variance - 16.0 / 12) < 0.05)   // (high − low)² / 12
    }

    @Test func seededNormalIsReproducibleWithTheRightMoments() {
        let a = NDArray.normal([100, 100], mean: 2, std: 3, dtype: .float64, generator: RandomGenerator(seed: 1))
        let b = NDArray.normal([100, 100], mean: 2, std: 3, dtype: .float64, generator: RandomGenerator(seed: 1))
        #expect(a == b)
        #expect(a.shape == [100, 100])
        let v = a.doubleValues
        let mean = v.reduce(0, +) / Double(v.count)
        let std = (v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count)).squareRoot()
        #expect(abs(mean - 2) < 0.1)
        #expect(abs(std - 3) < 0.1)
        // About 68 % of the samples lie within one standard deviation.
        let inside = Double(v.filter { abs($0 - 2) < 3 }.count) / Double(v.count)
        #expect(abs(inside - 0.6827) < 0.02)

        let f = NDArray.normal([3], generator: RandomGenerator(seed: 1))
        #expect(f.dtype == .float32)
    }

    @Test func astypeConvertsBothWays() {
        let d = NDArray([0.1, 2.5, -3.0], shape: [3])
        let f = d.astype(.float32)
        #expect(f.dtype == .float32)
        #expect(f.shape == [3])
        #expect(f.floatValues == [Float(0.1), 2.5, -3])
        let back = f.astype(.float64)
        #expect(back.dtype == .float64)
        #expect(back.doubleValues == [Double(Float(0.1)), 2.5, -3])
        #expect(d.astype(.float64) == d)
        #expect(NDArray([1, 2, 3, 4.0], shape: [2, 2]).astype(.float32).shape == [2, 2])
    }

    @Test func descriptionIsReadable() {
        let m = NDArray([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
        #expect(m.description == "NDArray([[1., 2., 3.],\n [4., 5., 6.]], shape: [2, 3], dtype: float32)")
        #expect(NDArray(scalar: 0.5, dtype: .float64).description == "NDArray(0.5, shape: [], dtype: float64)")
        #expect(NDArray([1.0 / 3], shape: [1]).description == "NDArray([0.3333], shape: [1], dtype: float64)")
        #expect(NDArray.arange(20).description
                == "NDArray([0., 1., 2., …, 17., 18., 19.], shape: [20], dtype: float32)")
        #expect(NDArray.zeros([0, 2]).description == "NDArray([], shape: [0, 2], dtype: float32)")
        let v = Variable(NDArray([1, 2], shape: [2], dtype: .float32), name: "w")
        #expect(v.description == "Variable(w: [1., 2.], shape: [2], dtype: float32)")
    }

    @Test func copyOnWriteLeavesTheOriginal() {
        let original = NDArray([1, 2, 3, 4] as [Float], shape: [2, 2])
        var copy = original
        copy += NDArray.ones([2, 2])
        #expect(original.doubleValues == [1, 2, 3, 4])
        #expect(copy.doubleValues == [2, 3, 4, 5])

        var viaPointer = original
        viaPointer.withUnsafeMutableBufferPointer(as: Float.self) { $0[0] = 99 }
        #expect(viaPointer.doubleValues == [99, 2, 3, 4])
        #expect(original.doubleValues == [1, 2, 3, 4])

        // A reshaped array shares storage until written, then separates.
        var reshaped = original.reshaped([4])
        reshaped.withUnsafeMutableBufferPointer(as: Float.self) { $0[3] = -1 }
        #expect(reshaped.doubleValues == [1, 2, 3, -1])
        #expect(original.doubleValues == [1, 2, 3, 4])

        // A variable's data is a value too: changing it leaves the array it was built from.
        let v = Variable(original)
        v.data += original
        #expect(original.doubleValues == [1, 2, 3, 4])
        #expect(v.data.doubleValues == [2, 4, 6, 8])
    }

    @Test func elementAccessAndEquality() {
        let a = NDArray([1, 2, 3, 4, 5, 6.0], shape: [2, 3])
        #expect(a.element(at: [1, 2]) == 6)
        #expect(a.element(at: [-1, -3]) == 4)
        #expect(a == NDArray([1, 2, 3, 4, 5, 6.0], shape: [2, 3]))
        #expect(a != NDArray([1, 2, 3, 4, 5, 6.0], shape: [3, 2]))
        #expect(a != a.astype(.float32))
        #expect(a.isFinite)
        #expect(!(a / 0).isFinite)
    }
}

@Suite("RandomGenerator")
struct RandomGeneratorTests {
    @Test func sameSeedSameStream() {
        let g1 = RandomGenerator(seed: 123), g2 = RandomGenerator(seed: 123), g3 = RandomGenerator(seed: 124)
        let s1 = (0..<100).map { _ in g1.next() }
        let s2 = (0..<100).map { _ in g2.next() }
        let s3 = (0..<100).map { _ in g3.next() }
        #expect(s1 == s2)
        #expect(s1 != s3)
        #expect(Set(s1).count == 100)
        let n1 = (0..<7).map { _ in g1.nextNormal() }, n2 = (0..<7).map { _ in g2.nextNormal() }
        #expect(n1 == n2)
    }

    @Test func uniformAndIntRanges() {
        let g = RandomGenerator(seed: 5)
        let u = (0..<2_000).map { _ in g.nextUniform() }
        #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
        let ints = (0..<2_000).map { _ in g.nextInt(below: 6) }
        #expect(Set(ints) == Set(0..<6))
        // Each face of a die comes up about 1/6 of the time.
        for face in 0..<6 {
            let share = Double(ints.filter { $0 == face }.count) / 2_000
            #expect(abs(share - 1.0 / 6) < 0.04, "face \(face): \(share)")
        }
    }

    @Test func permutationIsAPermutation() {
        let g = RandomGenerator(seed: 9)
        for n in [0, 1, 2, 10, 100] {
            let p = g.permutation(n)
            #expect(p.count == n)
            #expect(p.sorted() == Array(0..<n))
        }
        let p100 = RandomGenerator(seed: 9).permutation(100)
        #expect(p100 != Array(0..<100))                           // it shuffles
        #expect(RandomGenerator(seed: 9).permutation(100) == p100) // reproducibly
    }
}
