import Foundation
import Testing
import Kusari
@testable import KusariIO

@Suite("Serialization: .npy format")
struct NPYSerializationTests {
    typealias Support = SerializationTestSupport

    static let float32Arrays: [NDArray] = [
        NDArray(scalar: 3.25),                                           // shape ()
        NDArray([Float](), shape: [0]),                                  // empty
        NDArray([Float](), shape: [2, 0, 3]),                            // empty, 3-D
        NDArray([1, -2, 3.5] as [Float]),                                // (3,)
        NDArray((0..<24).map { Float($0) * 0.5 - 3 }, shape: [2, 3, 4]), // (2, 3, 4)
        NDArray([.infinity, -.infinity, .greatestFiniteMagnitude, .leastNonzeroMagnitude] as [Float], shape: [2, 2]),
    ]

    @Test("float32 round trip", arguments: float32Arrays)
    func float32RoundTrip(array: NDArray) throws {
        #expect(try decodeNPY(encodeNPY(.array(array))) == .array(array))
    }

    @Test("float64 round trip", arguments: float32Arrays)
    func float64RoundTrip(array: NDArray) throws {
        let doubles = array.astype(.float64)
        let decoded = try decodeNPY(encodeNPY(.array(doubles)))
        #expect(decoded == .array(doubles))
        #expect(decoded.ndarray.dtype == .float64)
    }

    @Test("float64 keeps full precision, NaN bit patterns and negative zero")
    func float64Precision() throws {
        let values: [Double] = [.pi, 1e-300, -0.0, .nan, 1.0 / 3.0]
        let decoded = try decodeNPY(encodeNPY(.array(NDArray(values)))).ndarray.doubleValues
        #expect(decoded.map(\.bitPattern) == values.map(\.bitPattern))
    }

    @Test("integers round trip as int64, scalars included")
    func integerRoundTrip() throws {
        for value in [NPYValue.integer(-7), .integers([Int.max, Int.min, 0]), .integers([1, 2, 3, 4, 5, 6], shape: [2, 3]),
                      .integers([], shape: [0, 2])] {
            let data = encodeNPY(value)
            #expect(Self.headerText(data).contains("'descr': '<i8'"))
            #expect(try decodeNPY(data) == value)
        }
        #expect(NPYValue.integers([1, 2], shape: [2]).ndarray == NDArray([1.0, 2.0]))
    }

    @Test("header is NumPy's dict literal, padded to a multiple of 64 bytes and ending in a newline")
    func headerLayout() throws {
        for shape in [[], [3], [2, 3], [0, 123_456_789, 123_456_789, 123_456_789, 123_456_789, 123_456_789]] {
            let data = encodeNPY(.array(NDArray.zeros(shape)))
            #expect(Array(data.prefix(8)) == [0x93] + Array("NUMPY".utf8) + [1, 0])
            let headerLength = Int(data[8]) | Int(data[9]) << 8
            #expect((10 + headerLength) % 64 == 0)
            #expect(data[10 + headerLength - 1] == UInt8(ascii: "\n"))
            #expect(data.count == 10 + headerLength + 4 * shape.product)
        }
        // Byte for byte what numpy.save writes for np.zeros((2, 3), dtype='<f4'): a 128-byte preamble.
        let data = encodeNPY(.array(NDArray.zeros([2, 3])))
        let dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"
        #expect(Array(data.prefix(10)) == [0x93] + Array("NUMPY".utf8) + [1, 0, 118, 0])
        #expect(Self.headerText(data) == dict + String(repeating: " ", count: 118 - dict.count - 1) + "\n")
        #expect(data.count == 152)
        #expect(Self.headerText(encodeNPY(.array(NDArray([1.0])))).contains("'descr': '<f8'"))
        #expect(Self.headerText(encodeNPY(.array(NDArray([1.0])))).contains("'shape': (1,)"))
        #expect(Self.headerText(encodeNPY(.array(NDArray(scalar: 1)))).contains("'shape': ()"))
    }

    /// The header text of version 1.0 `.npy` bytes.
    static func headerText(_ data: Data) -> String {
        let length = Int(data[8]) | Int(data[9]) << 8
        return String(decoding: data[10..<10 + length], as: UTF8.self)
    }

    @Test("reads version 2.0 and 3.0 headers, other integer dtypes, and Python 2 style headers")
    func readVariants() throws {
        let body = Data([1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF])
        var v2 = Support.npyPreamble("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", version: (2, 0))
        v2.append(body)
        #expect(try decodeNPY(v2) == .integers([1, -1], shape: [2]))
        var v3 = Support.npyPreamble("{'descr': '<u2', 'fortran_order': False, 'shape': (2, 2), }", version: (3, 0))
        v3.append(body)
        #expect(try decodeNPY(v3) == .integers([1, 0, 65535, 65535], shape: [2, 2]))
        var py2 = Support.npyPreamble("{'descr': '<i2', 'fortran_order': False, 'shape': (1L, 4L), }")
        py2.append(body)
        #expect(try decodeNPY(py2) == .integers([1, 0, -1, -1], shape: [1, 4]))
        var bytes = Support.npyPreamble("{\"shape\": (8,), \"fortran_order\": False, \"descr\": \"|u1\"}")
        bytes.append(body)
        #expect(try decodeNPY(bytes) == .integers([1, 0, 0, 0, 255, 255, 255, 255], shape: [8]))
        // loadNPY converts integers to float64.
        #expect(try decodeNPY(bytes).ndarray == NDArray([1, 0, 0, 0, 255, 255, 255, 255] as [Double]))
    }

    @Test("a file written by numpy.save loads with the right values")
    func numpyFixture() throws {
        // Fixture written by NumPy 2.4 (see NPZArchiveTests for the full command):
        //   np.save('numpy_float64.npy', np.array([[1.0, -2.0], [3.5, 1e-300]]))
        let array = try loadNPY(from: Support.fixture("numpy_float64.npy"))
        #expect(array == NDArray([1.0, -2.0, 3.5, 1e-300], shape: [2, 2]))
    }

    @Test("saveNPY and loadNPY round trip through a file")
    func fileRoundTrip() throws {
        let directory = try Support.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("x.npy")
        let array = NDArray((0..<12).map { Float($0) }, shape: [3, 4])
        try saveNPY(array, to: url)
        #expect(try loadNPY(from: url) == array)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["x.npy"])
    }

    @Test("truncated data names the source, the shape, the dtype and both sizes")
    func truncated() {
        let data = encodeNPY(.array(NDArray.zeros([100, 2])))
        let message = Support.errorMessage { _ = try decodeNPY(data.prefix(128 + 312), name: "w.npy") }
        #expect(message == "w.npy is truncated: header says shape (100, 2) float32 = 800 bytes, found 312")
        let cut = Support.errorMessage { _ = try decodeNPY(data.prefix(30), name: "w.npy") }
        #expect(cut.contains("w.npy") && cut.contains("header is cut short"))
        let extra = Support.errorMessage { _ = try decodeNPY(data + Data([1, 2, 3]), name: "w.npy") }
        #expect(extra.contains("3 unexpected bytes"))
    }

    @Test("rejected headers and dtypes explain what is wrong",
          arguments: [
            ("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", "Fortran (column-major) order, shape (2, 3)"),
            ("{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }", "dtype '>f8': big-endian"),
            ("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", "dtype '|O': object arrays"),
            ("{'descr': [('x', '<f4'), ('y', '<i4')], 'fortran_order': False, 'shape': (2,), }", "structured"),
            ("{'descr': '<c16', 'fortran_order': False, 'shape': (2,), }", "complex"),
            ("{'descr': '<U5', 'fortran_order': False, 'shape': (2,), }", "string arrays"),
            ("{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }", "only float32"),
            ("{'descr': '<f4', 'shape': (2,), }", "expected keys 'descr', 'fortran_order', 'shape'"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", "non-negative"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': [2], }", "'shape' must be a tuple"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (2,, }", "malformed .npy header"),
            ("['descr']", "expected a dict literal"),
          ])
    func rejectedHeaders(header: String, expected: String) {
        var data = Support.npyPreamble(header)
        data.append(Data(count: 64))
        let message = Support.errorMessage { _ = try decodeNPY(data, name: "bad.npy") }
        #expect(message.hasPrefix("bad.npy "))
        #expect(message.contains(expected), "\(message)")
    }

    @Test("wrong magic, versions and file errors are reported")
    func notNPY() throws {
        let zip = Support.errorMessage { _ = try decodeNPY(Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0]), name: "a.npy") }
        #expect(zip.contains("a.npy is not an .npy array") && zip.contains("zip archive"))
        #expect(Support.errorMessage { _ = try decodeNPY(Data()) }.contains("npy data is not an .npy array"))
        var future = Support.npyPreamble("{'descr': '<f4', 'fortran_order': False, 'shape': (), }")
        future[6] = 4
        #expect(Support.errorMessage { _ = try decodeNPY(future) }.contains("version 4.0"))
        let missing = URL(fileURLWithPath: "/nonexistent-kusari-dir/w.npy")
        #expect(Support.errorMessage { _ = try loadNPY(from: missing) }
                == "cannot read /nonexistent-kusari-dir/w.npy: No such file or directory")
    }

    @Test("Python literal parser handles the header subset")
    func pythonLiterals() throws {
        #expect(try PythonLiteral.parse("(3,)") == .tuple([.int(3)]))
        #expect(try PythonLiteral.parse("()") == .tuple([]))
        #expect(try PythonLiteral.parse("(3)") == .int(3))
        #expect(try PythonLiteral.parse(" {'a': [None, True], \"b\\\"\": -2} ")
                == .dict([(.string("a"), .list([.none, .bool(true)])), (.string("b\""), .int(-2))]))
        #expect(throws: PythonLiteralError.self) { try PythonLiteral.parse("{'a': 1") }
        #expect(throws: PythonLiteralError.self) { try PythonLiteral.parse("(1, 2) x") }
        #expect(throws: PythonLiteralError.self) { try PythonLiteral.parse("'open") }
    }
}
