/// A hash table from sequences of scalar values to vocabulary ids, looked up without building Strings.
///
/// Keys compare scalar by scalar, as Rust compares strings (Swift's `String ==` would also match
/// canonically equivalent spellings, which the reference does not).
struct ScalarKeyedTable: Sendable {
    /// Slot → entry index + 1; 0 marks an empty slot.
    private var slots: [Int32]
    private var keyBounds: [Int32] = [0]
    private var keyScalars: [UInt32] = []
    private var ids: [Int32] = []
    private let slotShift: UInt64
    /// The length of the longest key, which bounds how long a match can be.
    private(set) var longestKey = 0

    /// A table for `keys`; a key given twice keeps its last id.
    init(_ entries: [(key: [UInt32], id: Int32)]) {
        var bits: UInt64 = 4
        while (1 << bits) < entries.count * 2 { bits += 1 }
        slots = [Int32](repeating: 0, count: 1 << Int(bits))
        slotShift = 64 - bits
        for entry in entries { insert(entry.key, id: entry.id) }
    }

    /// The id stored for the scalars `text[range]`, if any.
    @inline(__always)
    func id(of text: UnsafeBufferPointer<UInt32>, _ range: Range<Int>) -> Int32? {
        entry(of: text, range).map { ids[$0] }
    }

    private func entry(of text: UnsafeBufferPointer<UInt32>, _ range: Range<Int>) -> Int? {
        let length = range.count
        guard length <= longestKey else { return nil }
        var slot = slotIndex(hash(text, range))
        while true {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { return nil }
            let start = Int(keyBounds[entry])
            if Int(keyBounds[entry + 1]) - start == length {
                var equal = true
                for offset in 0..<length where keyScalars[start + offset] != text[range.lowerBound + offset] {
                    equal = false
                    break
                }
                if equal { return entry }
            }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    private mutating func insert(_ key: [UInt32], id: Int32) {
        key.withUnsafeBufferPointer { buffer in
            let range = 0..<key.count
            if let existing = entry(of: buffer, range) {
                ids[existing] = id
                return
            }
            var slot = slotIndex(hash(buffer, range))
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(ids.count + 1)
            keyScalars.append(contentsOf: key)
            keyBounds.append(Int32(keyScalars.count))
            ids.append(id)
            longestKey = max(longestKey, key.count)
        }
    }

    @inline(__always)
    private func hash(_ text: UnsafeBufferPointer<UInt32>, _ range: Range<Int>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for position in range {
            hash = (hash ^ UInt64(text[position])) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    @inline(__always)
    private func slotIndex(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> slotShift)
    }
}
