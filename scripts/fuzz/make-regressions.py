#!/usr/bin/env python3
"""Writes the minimal hostile .npy/.npz inputs of Tests/KusariIOTests/Fixtures/fuzz-regressions.

Each file reproduces one fault class found by fuzzing (issue 15); the ones named ok-*.npz are valid for
NumPy and must load, all others must be refused with a SerializationError. Run once with python3 (standard
library only); the files are committed, so the tests do not need Python.
"""
import struct, sys, zlib, zipfile, io, os

out = sys.argv[1] if len(sys.argv) > 1 else "Tests/KusariIOTests/Fixtures/fuzz-regressions"
os.makedirs(out, exist_ok=True)

def npy(descr="<f8", shape=(2,), payload=None):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, repr(tuple(shape)))
    pad = 64 - (10 + len(header) + 1) % 64
    header = header + " " * (pad % 64) + "\n"
    data = payload if payload is not None else struct.pack("<2d", 1.5, -2.0)
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + data

def npz(members, compression=zipfile.ZIP_STORED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, compress_type=compression)
    return bytearray(buffer.getvalue())

def eocd(b):
    return b.rfind(b"PK\x05\x06")

def central(b, k=0):
    pos = -1
    for _ in range(k + 1):
        pos = b.find(b"PK\x01\x02", pos + 1)
    return pos

def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(bytes(data))

three = [("a.npy", npy()), ("b.npy", npy()), ("c.npy", npy())]

# 1. Central-directory offset past the end of the data (trapped in ZIPFoundation's MemoryFile).
b = npz(three); e = eocd(b); struct.pack_into("<I", b, e + 16, len(b) + 100)
write("directory-offset-past-end.npz", b)

# 2. ZIP64 compressed size >= 2^63 (trapped converting to Int64/off_t).
b = npz([("a.npy", npy())]); c = central(b)
struct.pack_into("<I", b, c + 20, 0xFFFFFFFF)
name_len, extra_len, comment_len = struct.unpack_from("<HHH", b, c + 28)
extra = struct.pack("<HHQ", 1, 8, 1 << 63)
b[c + 46 + name_len:c + 46 + name_len] = extra
struct.pack_into("<H", b, c + 30, len(extra))
e = eocd(b); struct.pack_into("<I", b, e + 12, struct.unpack_from("<I", b, e + 12)[0] + len(extra))
write("zip64-size-2pow63.npz", b)

# 3. ZIP64 uncompressed size 2^40 on a stored member (hung reading).
b = npz([("a.npy", npy())]); c = central(b)
struct.pack_into("<I", b, c + 24, 0xFFFFFFFF)
name_len = struct.unpack_from("<H", b, c + 28)[0]
extra = struct.pack("<HHQ", 1, 8, 1 << 40)
b[c + 46 + name_len:c + 46 + name_len] = extra
struct.pack_into("<H", b, c + 30, len(extra))
e = eocd(b); struct.pack_into("<I", b, e + 12, struct.unpack_from("<I", b, e + 12)[0] + len(extra))
write("zip64-stored-size-2pow40.npz", b)

# 4. A deflate stream that needs more input than the member has (hung at end of file).
payload = npy(shape=(64,), payload=struct.pack("<64d", *range(64)))
b = npz([("a.npy", payload)], zipfile.ZIP_DEFLATED)
c = central(b); size = struct.unpack_from("<I", b, c + 20)[0]
local = struct.unpack_from("<I", b, c + 42)[0]
start = local + 30 + struct.unpack_from("<HH", b, local + 26)[0] + struct.unpack_from("<HH", b, local + 26)[1]
keep = size // 2
del b[start + keep:start + size]
struct.pack_into("<I", b, c - (size - keep) + 20, keep)  # central entry moved back by the cut
struct.pack_into("<I", b, local + 18, keep)
e = eocd(b); struct.pack_into("<I", b, e + 16, c - (size - keep))
write("deflate-needs-more-input.npz", b)

# 5. End record promises three members; the second central entry's signature is damaged (Kusari read 1).
b = npz(three); c = central(b, 1); b[c:c + 4] = b"PK\x09\x09"
write("second-entry-damaged.npz", b)

# 6. End record promises 3 members, the directory holds 2 (one entry removed, counts kept).
b = npz(three); c1, c2 = central(b, 1), central(b, 2)
del b[c1:c2]
e = eocd(b)
struct.pack_into("<I", b, e + 12, struct.unpack_from("<I", b, e + 12)[0] - (c2 - c1))
write("fewer-entries-than-promised.npz", b)

# 7. A directory entry among the members (Kusari skipped it silently).
write("directory-member.npz", npz([("a.npy", npy()), ("sub/", b""), ("b.npy", npy())]))

# 8. Members typed as a symbolic link / directory by their external attributes: NumPy reads all 3.
b = npz(three)
struct.pack_into("<I", b, central(b, 1) + 38, 0o120777 << 16)
struct.pack_into("<I", b, central(b, 2) + 38, (0o040755 << 16) | 0x10)
write("ok-members-with-odd-attributes.npz", b)

# 9. An .npy header nested 60,000 levels deep (stack overflow in the recursive literal parser).
deep = "{'descr': '<f8', 'fortran_order': False, 'shape': " + "(" * 60000 + "2," + ")" * 60000 + ", }\n"
write("header-nested-60000.npy", b"\x93NUMPY\x02\x00" + struct.pack("<I", len(deep)) + deep.encode())

# 10. Nested 3,000 deep inside a header that is under NumPy's 10,000-byte limit.
deep = "{'descr': '<f8', 'fortran_order': False, 'shape': " + "(" * 3000 + "2," + ")" * 3000 + ", }\n"
write("header-nested-3000.npy", b"\x93NUMPY\x01\x00" + struct.pack("<H", len(deep)) + deep.encode())

# 11. A shape whose byte count overflows 64 bits, and one far larger than the file.
write("shape-overflow.npy", npy(shape=(2**62, 2**62), payload=b""))
write("shape-huge.npy", npy(shape=(10**12,), payload=b"\0" * 16))

# 12. A valid deflate archive (numpy.savez_compressed) that must load.
write("ok-deflate.npz", npz(three, zipfile.ZIP_DEFLATED))

# 13. Overlapping members: b.npy's local header and data lie inside a.npy's stored data, so the same
# bytes would be read twice (a small file inflating to many copies of one large member).
inner = npy()
b_local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0x21, zlib.crc32(inner), len(inner), len(inner),
                      5, 0) + b"b.npy" + inner
a_data = b_local
a_local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0x21, zlib.crc32(a_data), len(a_data),
                      len(a_data), 5, 0) + b"a.npy"
def central_entry(name, data, offset):
    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 0, 0, 0x21, zlib.crc32(data), len(data),
                       len(data), len(name), 0, 0, 0, 0, 0, offset) + name
body = a_local + a_data
directory = central_entry(b"a.npy", a_data, 0) + central_entry(b"b.npy", inner, len(a_local))
end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 2, 2, len(directory), len(body), 0)
write("overlapping-members.npz", body + directory + end)
