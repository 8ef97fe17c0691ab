/// Little-endian reads from a byte buffer that answer nil instead of reading outside it, for parsing
/// untrusted containers (zip directories, pickles) without unchecked indexing.
struct CheckedBytes {
    let buffer: UnsafeRawBufferPointer

    var count: Int { buffer.count }

    /// The unsigned little-endian integer of `T`'s width at `offset`, or nil when it does not fit.
    func integer<T: FixedWidthInteger & UnsignedInteger>(_ type: T.Type, at offset: Int) -> T? {
        let width = MemoryLayout<T>.size
        guard offset >= 0, offset <= buffer.count - width else { return nil }
        return T(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// `length` bytes from `offset`, or nil when they do not all lie inside the buffer.
    func slice(at offset: Int, length: Int) -> UnsafeRawBufferPointer? {
        guard offset >= 0, length >= 0, offset <= buffer.count, length <= buffer.count - offset else { return nil }
        return UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + length)])
    }

    /// The bytes of `range`, or nil when it does not lie inside the buffer.
    func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer? {
        slice(at: range.lowerBound, length: range.count)
    }
}
