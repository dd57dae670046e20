// Getting a member's bytes out of a zip archive whose structure ``ZipDirectory`` has checked.
//
// Stored members are a slice of the file. Deflate members are inflated with zlib, giving it exactly the
// member's compressed bytes and an output buffer of exactly its declared size: a stream that wants more
// input, or would produce more output, stops with an error instead of reading on (ZIPFoundation's Linux
// inflate loop keeps asking for input past the member and never ends at end of file).
import CInflate

extension ZipMember {
    /// The member's uncompressed bytes, checked against its size and CRC-32.
    /// - Parameter source: names the member in errors, e.g. `"model.npz: member 'l1/W.npy'"`.
    func extract(from file: [UInt8], source: String) throws(SerializationError) -> [UInt8] {
        let compressed = file[dataRange]
        let bytes: [UInt8]
        if method == 0 {
            bytes = Array(compressed)
        } else {
            bytes = try inflateRaw(compressed, expectedSize: uncompressedSize, source: source)
        }
        let checksum = bytes.withUnsafeBufferPointer { buffer in
            UInt32(truncatingIfNeeded: crc32_z(0, buffer.baseAddress, buffer.count))
        }
        guard checksum == crc32 else {
            throw .corruptArchive(source: source, detail: "CRC-32 checksum mismatch")
        }
        return bytes
    }
}

/// Inflates the raw deflate stream `input`, which must decode to exactly `expectedSize` bytes and end
/// within `input`.
private func inflateRaw(_ input: ArraySlice<UInt8>, expectedSize: Int, source: String)
    throws(SerializationError) -> [UInt8] {
    func damaged(_ detail: String) -> SerializationError { .corruptArchive(source: source, detail: detail) }
    guard input.count <= Int(UInt32.max), expectedSize <= Int(UInt32.max) else {
        throw damaged("members over 4 GiB are not supported")
    }
    // One byte more than declared, so a stream that produces too much is caught, and never an empty buffer.
    var output = [UInt8](repeating: 0, count: expectedSize + 1)
    var stream = z_stream()
    guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
        throw damaged("zlib could not start inflating")
    }
    defer { inflateEnd(&stream) }
    // One call with all the input: zlib either finishes the stream (Z_STREAM_END) or stops because the
    // input or the output buffer ran out; it never asks for more.
    let (status, produced) = input.withUnsafeBufferPointer { inBuffer in
        output.withUnsafeMutableBufferPointer { outBuffer -> (Int32, Int) in
            stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
            stream.avail_in = UInt32(inBuffer.count)
            stream.next_out = outBuffer.baseAddress
            stream.avail_out = UInt32(outBuffer.count)
            let status = inflate(&stream, Z_FINISH)
            return (status, outBuffer.count - Int(stream.avail_out))
        }
    }
    switch status {
    case Z_STREAM_END where produced == expectedSize:
        output.removeLast()
        return output
    case _ where produced > expectedSize:
        throw damaged("it inflates to more than the \(expectedSize) bytes the directory says")
    case Z_STREAM_END:
        throw damaged("it inflates to \(produced) bytes, but the directory says \(expectedSize)")
    case Z_OK, Z_BUF_ERROR:
        throw damaged("its deflate stream is cut short: it needs more than its \(input.count) compressed bytes")
    default:
        let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
        throw damaged("invalid deflate data (\(message))")
    }
}
