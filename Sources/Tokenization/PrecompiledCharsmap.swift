/// SentencePiece's compiled normalization rules (the `precompiled_charsmap` of a `Precompiled` normalizer):
/// a Darts double-array trie over UTF-8 byte strings whose leaves point into a blob of NUL-terminated
/// replacement strings.
public struct PrecompiledCharsmap: Sendable, Hashable {
    /// The double array: each unit packs a label byte, a leaf flag and the offset to its children.
    private let units: [UInt32]
    /// The replacement strings, each ended by a NUL byte; a leaf's value is a byte offset into it.
    private let replacements: [UInt8]
    /// For each ASCII scalar: the scalar values of its replacement, or nil when no rule matches it.
    private let asciiReplacements: [[UInt32]?]

    /// Decodes the serialized form: the trie's size in bytes (little-endian UInt32), the trie's units
    /// (little-endian UInt32 each), then the replacement blob, which must be UTF-8.
    public init(_ bytes: [UInt8]) throws {
        guard bytes.count >= 4 else { throw TokenizerError.invalidCharsmap("it is shorter than its 4-byte header") }
        let trieBytes = Int(Self.littleEndianWord(bytes, at: 0))
        let unitCount = trieBytes / 4
        guard unitCount > 0, unitCount <= (bytes.count - 4) / 4 else {
            throw TokenizerError.invalidCharsmap("its header states a trie of \(trieBytes) bytes, but \(bytes.count - 4) bytes follow")
        }
        let units = (0..<unitCount).map { Self.littleEndianWord(bytes, at: 4 + 4 * $0) }
        let replacements = Array(bytes[(4 + 4 * unitCount)...])
        guard String(validating: replacements, as: UTF8.self) != nil else {
            throw TokenizerError.invalidCharsmap("its replacement strings are not UTF-8")
        }
        self.units = units
        self.replacements = replacements
        asciiReplacements = (0..<128).map { (byte: UInt8) in
            var values: [UInt32] = []
            let found = [byte].withUnsafeBufferPointer {
                Self.firstReplacement(forPrefixOf: $0, units: units, replacements: replacements, into: &values)
            }
            return found ? values : nil
        }
    }

    /// The replacement of one ASCII scalar (below 0x80), or nil when no rule matches it.
    @inline(__always)
    func asciiReplacement(_ value: UInt32) -> [UInt32]? {
        asciiReplacements[Int(value)]
    }

    /// Appends to `values` the scalars of the replacement for the shortest rule matching a prefix of `key`, as
    /// the reference's `transform` finds it (the first result of a common-prefix search, which stops at a NUL
    /// byte); false, appending nothing, when no rule matches.
    func firstReplacement(forPrefixOf key: UnsafeBufferPointer<UInt8>, into values: inout [UInt32]) -> Bool {
        Self.firstReplacement(forPrefixOf: key, units: units, replacements: replacements, into: &values)
    }

    private static func firstReplacement(forPrefixOf key: UnsafeBufferPointer<UInt8>, units: [UInt32], replacements: [UInt8],
                                         into values: inout [UInt32]) -> Bool {
        var position = childOffset(units[0])
        for byte in key {
            if byte == 0 { return false }
            position ^= Int(byte)
            guard position < units.count else { return false }
            let unit = units[position]
            guard unit & 0x8000_00FF == UInt32(byte) else { return false }
            position ^= childOffset(unit)
            if (unit >> 8) & 1 == 1 {
                guard position < units.count else { return false }
                return appendReplacement(at: Int(units[position] & 0x7FFF_FFFF), of: replacements, to: &values)
            }
        }
        return false
    }

    /// Appends the scalars of the NUL-terminated string at byte `offset` of the blob; false when the offset is
    /// not at a character start.
    private static func appendReplacement(at offset: Int, of replacements: [UInt8], to values: inout [UInt32]) -> Bool {
        guard offset <= replacements.count else { return false }
        guard offset == replacements.count || replacements[offset] & 0xC0 != 0x80 else { return false }
        var index = offset
        while index < replacements.count, replacements[index] != 0 {
            let lead = UInt32(replacements[index])
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            var value = length == 1 ? lead : lead & (0x7F >> UInt32(length))
            for continuation in replacements[(index + 1)..<min(index + length, replacements.count)] {
                value = value << 6 | UInt32(continuation & 0x3F)
            }
            values.append(value)
            index += length
        }
        return true
    }

    /// Where a unit's children start, relative to its own position (Darts' `offset()`).
    private static func childOffset(_ unit: UInt32) -> Int {
        Int(unit >> 10) << Int((unit & (1 << 9)) >> 6)
    }

    private static func littleEndianWord(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}
