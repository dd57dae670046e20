// zlib's raw inflate and CRC-32 (Debian: zlib1g-dev), used by KusariIO to read deflate-compressed .npz
// members with the input bounded by the member's compressed size (see Sources/KusariIO/ZipInflate.swift).
#include <zlib.h>
