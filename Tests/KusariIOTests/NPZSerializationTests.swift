import Foundation
import Testing
import Kusari
@testable import KusariIO

// The NumPy fixtures in Tests/KusariTests/Fixtures/ were written with NumPy 2.4 by this command
// (run inside that directory):
//
//   python3 -c "import numpy as np; a = {'l1/W': (np.arange(6, dtype='<f4') / 4).reshape(2, 3), \
//     'l1/b': np.array([0.5, -1.5, 1e300]), 't': np.int64(7), 'steps': np.array([1, -2, 3], dtype='<i4'), \
//     'mask': np.array([True, False]), 'pixels': np.array([0, 255], dtype='u1'), \
//     'empty': np.zeros((0, 3), dtype='<f4'), 'scalar': np.float32(2.5)}; \
//     np.savez('numpy_savez.npz', **a); np.savez_compressed('numpy_savez_compressed.npz', **a); \
//     np.save('numpy_float64.npy', np.array([[1.0, -2.0], [3.5, 1e-300]]))"

@Suite("Serialization: .npz archives")
struct NPZSerializationTests {
    typealias Support = SerializationTestSupport

    static let sample = NPZArchive([
        "l1/W": .array(NDArray((0..<6).map { Float($0) / 4 }, shape: [2, 3])),
        "l1/b": .array(NDArray([0.5, -1.5, 1e300] as [Double])),
        "predictor/l2/W": .array(NDArray([Float](), shape: [0, 3])),
        "scalar": .array(NDArray(scalar: 2.5)),
        "updater/t": .integer(1200),
        "iterator/order": .integers([3, 1, 2, 0]),
    ])

    @Test("NumPy's savez and savez_compressed archives load with the right values",
          arguments: ["numpy_savez.npz", "numpy_savez_compressed.npz"])
    func numpyFixtures(file: String) throws {
        let archive = try NPZArchive(contentsOf: Support.fixture(file))
        #expect(archive.keys == ["empty", "l1/W", "l1/b", "mask", "pixels", "scalar", "steps", "t"])
        #expect(try archive.array("l1/W") == NDArray([0, 0.25, 0.5, 0.75, 1, 1.25] as [Float], shape: [2, 3]))
        #expect(try archive.array("l1/b") == NDArray([0.5, -1.5, 1e300] as [Double]))
        #expect(try archive.array("empty") == NDArray([Float](), shape: [0, 3]))
        #expect(try archive.array("scalar") == NDArray([2.5] as [Float], shape: []))
        #expect(try archive.integer("t") == 7)
        #expect(archive["t"]?.shape == [])
        #expect(archive["steps"] == .integers([1, -2, 3]))
        #expect(archive["mask"] == .integers([1, 0]))
        #expect(archive["pixels"] == .integers([0, 255]))
        // The convenience loader converts integer members to float64.
        let arrays = try loadNPZ(from: Support.fixture(file))
        #expect(arrays["steps"] == NDArray([1, -2, 3] as [Double]))
        #expect(arrays["l1/W"]?.dtype == .float32)
    }

    @Test("write and read back a file: floats keep their dtype, integers stay integers")
    func fileRoundTrip() throws {
        let directory = try Support.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("snapshot.npz")
        try Self.sample.write(to: url)
        let loaded = try NPZArchive(contentsOf: url)
        #expect(loaded.members == Self.sample.members)
        #expect(loaded.name == "snapshot.npz")
        #expect(try loaded.integer("updater/t") == 1200)
        #expect(try loaded.integers("iterator/order") == [3, 1, 2, 0])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["snapshot.npz"])
        // The file is exactly what encoded() produces: deterministic, whatever the time of writing.
        #expect(try Data(contentsOf: url) == Self.sample.encoded())
        #expect(try Self.sample.encoded() == Self.sample.encoded())
    }

    @Test("saveNPZ / loadNPZ convenience functions")
    func convenience() throws {
        let directory = try Support.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("model.npz")
        let arrays = ["l1/W": NDArray.ones([2, 2]), "l1/b": NDArray.zeros([2], dtype: .float64)]
        try saveNPZ(arrays, to: url)
        #expect(try loadNPZ(from: url) == arrays)
        try saveNPZ([:], to: url)  // replacing with an empty archive
        #expect(try loadNPZ(from: url).isEmpty)
    }

    @Test("members are stored uncompressed as key.npy, in sorted key order")
    func layout() throws {
        let data = try NPZArchive(["b": .integer(1), "a/x": .array(NDArray.zeros([2]))]).encoded()
        #expect(Array(data.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])  // a local file header first
        #expect(data[8] == 0 && data[9] == 0)                       // compression method 0: stored
        let first = try #require(data.range(of: Data("a/x.npy".utf8)))
        let second = try #require(data.range(of: Data("b.npy".utf8)))
        #expect(first.lowerBound < second.lowerBound)
        #expect(data.range(of: Data([0x93] + Array("NUMPY".utf8))) != nil)  // raw .npy bytes inside
    }

    @Test("a member cut short names the archive, the member, and the sizes")
    func truncatedMember() throws {
        let npy = encodeNPY(.array(NDArray.zeros([100, 2])))
        let zip = try zipStored([("l1/W.npy", npy.prefix(128 + 312))], name: "test")
        let message = Support.errorMessage { _ = try NPZArchive(data: zip, name: "weights.npz") }
        #expect(message == "weights.npz: member 'l1/W.npy' is truncated: header says shape (100, 2) float32 = 800 bytes, found 312")

        let directory = try Support.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("weights.npz")
        try writeAtomically(zip, to: url)
        #expect(Support.errorMessage { _ = try loadNPZ(from: url) } == message)
    }

    @Test("damaged archives are reported as corrupt")
    func corrupt() throws {
        let notZip = Support.errorMessage { _ = try NPZArchive(data: Data("hello".utf8), name: "x.npz") }
        #expect(notZip == "x.npz is corrupt: not a zip archive "
                + "(no end-of-central-directory record: not an .npz, or truncated)")

        var data = try NPZArchive(["a": .array(NDArray.zeros([8]))]).encoded()
        let npyStart = try #require(data.range(of: Data([0x93] + Array("NUMPY".utf8)))).lowerBound
        data[npyStart + 128 + 5] ^= 0xFF  // flip bits inside the float data (after the 128-byte preamble)
        let crc = Support.errorMessage { _ = try NPZArchive(data: data, name: "x.npz") }
        #expect(crc == "x.npz: member 'a.npy' is corrupt: CRC-32 checksum mismatch")

        let good = try NPZArchive(["a": .array(NDArray.zeros([8]))]).encoded()
        let cut = Support.errorMessage { _ = try NPZArchive(data: good.prefix(good.count / 2), name: "x.npz") }
        #expect(cut.hasPrefix("x.npz is corrupt: not a zip archive"))

        let notNPY = try zipStored([("readme.txt", Data("hi".utf8))], name: "test")
        let member = Support.errorMessage { _ = try NPZArchive(data: notNPY, name: "x.npz") }
        #expect(member.hasPrefix("x.npz: member 'readme.txt' is not an .npy array"))
    }

    @Test("missing members, wrong types and bad keys are explained")
    func lookups() throws {
        var archive = Self.sample
        archive.name = "snap.npz"
        #expect(Support.errorMessage { _ = try archive.array("l3/W") }.hasPrefix(
            "snap.npz has no member 'l3/W' (it has 'iterator/order', 'l1/W',"))
        #expect(Support.errorMessage { _ = try archive.integers("l1/W") }
                == "snap.npz: member 'l1/W' holds float32 data of shape (2, 3), not integers")
        #expect(Support.errorMessage { _ = try archive.integer("iterator/order") }
                == "snap.npz: member 'iterator/order' holds 4 integers (shape (4,)), not one")
        #expect(try archive.array("updater/t") == NDArray(scalar: 1200, dtype: .float64))
        #expect(Support.errorMessage { _ = try NPZArchive(["": .integer(1)]).encoded() }
                == "invalid .npz key '': keys must not be empty")
        #expect(Support.errorMessage { _ = try NPZArchive().array("W") } == "npz archive has no member 'W' (it is empty)")
        #expect(Support.errorMessage { _ = try loadNPZ(from: URL(fileURLWithPath: "/nonexistent-kusari-dir/w.npz")) }
                == "cannot read /nonexistent-kusari-dir/w.npz: No such file or directory")
    }
}
