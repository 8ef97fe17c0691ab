/// SentencePiece's compiled normalization rules (the `precompiled_charsmap` of a `Precompiled` normalizer):
/// a Darts double-array trie over UTF-8 byte strings whose leaves point into a blob of NUL-terminated
/// replacement strings.
public struct PrecompiledCharsmap: Sendable, Hashable {
    /// The double array: each unit packs a label byte, a leaf flag and the offset to its children.
    private let units: [UInt32]
    /// The replacement strings, each ended by a NUL byte; a leaf's value is a byte offset into it.
    private let replacements: [UInt8]

    /// Decodes the serialized form: the trie's size in bytes (little-endian UInt32), the trie's units
    /// (little-endian UInt32 each), then the replacement blob, which must be UTF-8.
    public init(_ bytes: [UInt8]) throws {
        guard bytes.count >= 4 else { throw TokenizerError.invalidCharsmap("it is shorter than its 4-byte header") }
        let trieBytes = Int(Self.littleEndianWord(bytes, at: 0))
        let unitCount = trieBytes / 4
        guard unitCount > 0, unitCount <= (bytes.count - 4) / 4 else {
            throw TokenizerError.invalidCharsmap("its header states a trie of \(trieBytes) bytes, but \(bytes.count - 4) bytes follow")
        }
        units = (0..<unitCount).map { Self.littleEndianWord(bytes, at: 4 + 4 * $0) }
        replacements = Array(bytes[(4 + 4 * unitCount)...])
        guard String(validating: replacements, as: UTF8.self) != nil else {
            throw TokenizerError.invalidCharsmap("its replacement strings are not UTF-8")
        }
    }

    /// The replacement for the shortest rule matching a prefix of `key`, as the reference's `transform` finds
    /// it (the first result of a common-prefix search, which stops at a NUL byte); nil when no rule matches.
    func firstReplacement(forPrefixOf key: UnsafeBufferPointer<UInt8>) -> String.UnicodeScalarView? {
        var position = Self.childOffset(units[0])
        for byte in key {
            if byte == 0 { return nil }
            position ^= Int(byte)
            guard position < units.count else { return nil }
            let unit = units[position]
            guard unit & 0x8000_00FF == UInt32(byte) else { return nil }
            position ^= Self.childOffset(unit)
            if (unit >> 8) & 1 == 1 {
                guard position < units.count else { return nil }
                return replacement(at: Int(units[position] & 0x7FFF_FFFF))
            }
        }
        return nil
    }

    /// The NUL-terminated string at byte `offset` of the blob; nil when the offset is not at a character start.
    private func replacement(at offset: Int) -> String.UnicodeScalarView? {
        guard offset <= replacements.count else { return nil }
        let end = replacements[offset...].firstIndex(of: 0) ?? replacements.count
        guard let text = String(validating: replacements[offset..<end], as: UTF8.self) else { return nil }
        return text.unicodeScalars
    }

    /// Where a unit's children start, relative to its own position (Darts' `offset()`).
    private static func childOffset(_ unit: UInt32) -> Int {
        Int(unit >> 10) << Int((unit & (1 << 9)) >> 6)
    }

    private static func littleEndianWord(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}
