/// Full canonical decomposition (the "D" of NFD) of one scalar, as the reference's NFD computes it.
enum CanonicalDecomposition {
    private static let hangulSyllables: ClosedRange<UInt32> = 0xAC00...0xD7A3
    private static let leadingConsonantBase: UInt32 = 0x1100
    private static let vowelBase: UInt32 = 0x1161
    private static let trailingConsonantBase: UInt32 = 0x11A7
    private static let trailingConsonantCount: UInt32 = 28
    private static let syllablesPerLeadingConsonant: UInt32 = 21 * 28

    /// Calls `body` with each scalar of the decomposition of `value`, in order
    /// (with `value` itself when it does not decompose).
    @inline(__always)
    static func forEach(of value: UInt32, _ body: (UInt32) -> Void) {
        if value < 0xC0 {
            body(value)
        } else if hangulSyllables.contains(value) {
            let index = value - hangulSyllables.lowerBound
            body(leadingConsonantBase + index / syllablesPerLeadingConsonant)
            body(vowelBase + (index % syllablesPerLeadingConsonant) / trailingConsonantCount)
            let trailing = index % trailingConsonantCount
            if trailing != 0 { body(trailingConsonantBase + trailing) }
        } else if let entry = tableIndex(of: value) {
            let start = Int(ReferenceUnicodeData.decompositionOffsets[entry])
            let end = Int(ReferenceUnicodeData.decompositionOffsets[entry + 1])
            for position in start..<end { body(ReferenceUnicodeData.decompositionScalars[position]) }
        } else {
            body(value)
        }
    }

    private static func tableIndex(of value: UInt32) -> Int? {
        let keys = ReferenceUnicodeData.decompositionKeys
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == value ? low : nil
    }
}
