/// A hash table from sequences of scalar values to vocabulary ids, looked up without building Strings.
///
/// Keys compare scalar by scalar, as Rust compares strings (Swift's `String ==` would also match
/// canonically equivalent spellings, which the reference does not). Each slot holds a fingerprint
/// of the key's hash beside the key's place in one pool, so most probes touch a single cache line.
struct ScalarKeyedTable: Sendable {
    /// 0 for an empty slot, else the hash fingerprint (high 32 bits) and the key's pool offset (low 32 bits).
    private var slots: [UInt64]
    /// At each key's offset: its id (bit pattern), its length, then its scalars. Offset 0 is unused.
    private var pool: [UInt32] = [0]
    private let slotShift: UInt64
    /// The length of the longest key, which bounds how long a match can be.
    private(set) var longestKey = 0

    /// A table of `entries`; a key given twice keeps its last id.
    init(_ entries: [(key: [UInt32], id: Int32)]) {
        var bits: UInt64 = 4
        while (1 << bits) < entries.count * 2 { bits += 1 }
        slots = [UInt64](repeating: 0, count: 1 << Int(bits))
        slotShift = 64 - bits
        for entry in entries { insert(entry.key, id: entry.id) }
    }

    /// The id stored for the scalars `text[range]`, if any.
    @inline(__always)
    func id(of text: UnsafeBufferPointer<UInt32>, _ range: Range<Int>) -> Int32? {
        guard let offset = poolOffset(of: text, range) else { return nil }
        return Int32(bitPattern: pool[offset])
    }

    private func poolOffset(of text: UnsafeBufferPointer<UInt32>, _ range: Range<Int>) -> Int? {
        let length = range.count
        guard length <= longestKey else { return nil }
        let hash = hash(text, range)
        let fingerprint = hash & 0xFFFF_FFFF_0000_0000
        var slot = slotIndex(hash)
        while true {
            let content = slots[slot]
            if content == 0 { return nil }
            if content & 0xFFFF_FFFF_0000_0000 == fingerprint {
                let offset = Int(content & 0xFFFF_FFFF)
                if Int(pool[offset + 1]) == length && keyEquals(at: offset + 2, text, range) { return offset }
            }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    @inline(__always)
    private func keyEquals(at start: Int, _ text: UnsafeBufferPointer<UInt32>, _ range: Range<Int>) -> Bool {
        for offset in 0..<range.count where pool[start + offset] != text[range.lowerBound + offset] {
            return false
        }
        return true
    }

    private mutating func insert(_ key: [UInt32], id: Int32) {
        key.withUnsafeBufferPointer { buffer in
            let range = 0..<key.count
            if let existing = poolOffset(of: buffer, range) {
                pool[existing] = UInt32(bitPattern: id)
                return
            }
            let hash = hash(buffer, range)
            var slot = slotIndex(hash)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(pool.count)
            pool.append(UInt32(bitPattern: id))
            pool.append(UInt32(key.count))
            pool.append(contentsOf: key)
            longestKey = max(longestKey, key.count)
        }
    }

    /// FNV-1a over the scalar values.
    @inline(__always)
    private func hash(_ text: UnsafeBufferPointer<UInt32>, _ range: Range<Int>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for position in range {
            hash = (hash ^ UInt64(text[position])) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The home slot: the top bits of the hash after a multiplicative mix.
    @inline(__always)
    private func slotIndex(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> slotShift)
    }
}
