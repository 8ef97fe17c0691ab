import Foundation
import Testing
import TestSupport
@testable import Tokenization

/// The `Precompiled` normalizer: decoding SentencePiece's charsmap and applying it as the reference does.
struct PrecompiledCharsmapTests {
    /// A hand-built double array with the rules `a` → `xy`, `c` → nothing and `é` (two UTF-8 bytes) → `e`.
    static let handBuilt: [UInt8] = {
        let leaf: UInt32 = 1 << 8
        let value: UInt32 = 1 << 31
        var units = [UInt32](repeating: 0, count: 0x200)
        units[0x61] = (0x61 ^ 0x100) << 10 | leaf | 0x61   // `a`, whose value sits at 0x100
        units[0x100] = value | 0                          // "xy"
        units[0x63] = (0x63 ^ 0x101) << 10 | leaf | 0x63   // `c`, value at 0x101
        units[0x101] = value | 3                          // ""
        units[0xC3] = (0xC3 ^ 0x100) << 10 | 0xC3          // first byte of `é`; children based at 0x100
        units[0x1A9] = (0x1A9 ^ 0x102) << 10 | leaf | 0xA9 // second byte, value at 0x102
        units[0x102] = value | 4                          // "e"
        let blob: [UInt8] = Array("xy".utf8) + [0, 0] + Array("e".utf8) + [0]
        return serialize(units, blob)
    }()

    static func serialize(_ units: [UInt32], _ blob: [UInt8]) -> [UInt8] {
        let words = [UInt32(units.count * 4)] + units
        return words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } } + blob
    }

    /// The text after the `Precompiled` step alone, and the origin of each output scalar.
    static func apply(_ charsmap: PrecompiledCharsmap, _ text: String) -> (text: String, origins: [Int]) {
        var input = AlignedScalars()
        for (index, scalar) in text.unicodeScalars.enumerated() { input.append(scalar.value, origin: index) }
        var output = AlignedScalars()
        UnigramNormalizer.apply(charsmap, to: input, into: &output)
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: output.values.compactMap(Unicode.Scalar.init))
        return (String(scalars), output.origins)
    }

    @Test("rules replace, expand and remove scalars; a scalar without a rule is kept")
    func handBuiltRules() throws {
        let charsmap = try PrecompiledCharsmap(Self.handBuilt)
        #expect(Self.apply(charsmap, "abc") == ("xyb", [0, 0, 1]))
        #expect(Self.apply(charsmap, "b\u{E9}d").text == "bed")
        #expect(Self.apply(charsmap, "zz\0").text == "zz\0", "a NUL byte ends the search: no rule")
    }

    @Test("a cluster shorter than 6 bytes is replaced whole by the rule matching its start, as the reference does")
    func clusters() throws {
        let charsmap = try PrecompiledCharsmap(Self.handBuilt)
        #expect(Self.apply(charsmap, "a\u{301}b").text == "xyb", "the combining mark goes with the cluster")
        #expect(Self.apply(charsmap, "c\u{301}b").text == "b")
        #expect(Self.apply(charsmap, "b\u{301}").text == "b\u{301}", "no rule for the cluster or its scalars")
        #expect(Self.apply(charsmap, "a\u{301}\u{302}\u{303}").text == "xy\u{301}\u{302}\u{303}",
                "7 bytes: looked up scalar by scalar")
    }

    @Test("origins follow the reference's alignment: a removal is charged to the scalar before it, and lost at the start")
    func removals() throws {
        let charsmap = try PrecompiledCharsmap(Self.handBuilt)
        #expect(Self.apply(charsmap, "bcd") == ("bd", [0, 2]))
        #expect(Self.apply(charsmap, "acb") == ("xyb", [0, 1, 2]), "the inserted y now stands for the removed c")
        #expect(Self.apply(charsmap, "cbd") == ("bd", [0, 1]), "a leading removal shifts later origins back")
    }

    @Test("damaged charsmaps are errors, and leaves pointing outside the data match nothing")
    func damagedData() throws {
        #expect(throws: TokenizerError.self) { try PrecompiledCharsmap([1, 2]) }
        #expect(throws: TokenizerError.self) { try PrecompiledCharsmap([0x10, 0, 0, 0, 1, 2, 3, 4]) }
        #expect(throws: TokenizerError.self) { try PrecompiledCharsmap(Self.serialize([0, 0], [0xFF, 0xFE])) }
        #expect(TokenizerError.invalidCharsmap("x").description.contains("precompiled_charsmap"))
        var units = [UInt32](repeating: 0, count: 0x80)
        units[0x61] = (0x61 ^ 0x7F) << 10 | 1 << 8 | 0x61
        units[0x7F] = 1 << 31 | 1_000                       // beyond the blob
        units[0x62] = (0x62 ^ 0x7E) << 10 | 1 << 8 | 0x62
        units[0x7E] = 1 << 31 | 1                           // inside a two-byte character
        units[0x63] = 0xFFFF << 10 | 0x63                   // children far outside the array
        let charsmap = try PrecompiledCharsmap(Self.serialize(units, Array("é".utf8) + [0]))
        #expect(Self.apply(charsmap, "abc\u{301}d\u{FF}").text == "abc\u{301}d\u{FF}")
    }

    @Test("XLM-R's charsmap (nmt_nfkc): compatibility forms, spaces, controls, composition", .enabled(if: Fixtures.sharedAvailable))
    func xlmRobertaCharsmap() throws {
        let url = Fixtures.architectureFixture("tiny-xlmr").appendingPathComponent("tokenizer.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let steps = try #require((json["normalizer"] as? [String: Any])?["normalizers"] as? [[String: Any]])
        let encoded = try #require(steps.first?["precompiled_charsmap"] as? String)
        let charsmap = try PrecompiledCharsmap([UInt8](try #require(Data(base64Encoded: encoded))))
        #expect(Self.apply(charsmap, "\u{FB01}ne \u{216B} \u{FF21}\u{FF22}").text == "fine XII AB")
        #expect(Self.apply(charsmap, "a\u{3000}b\tc\u{200B}d").text == "a b c d")
        #expect(Self.apply(charsmap, "e\u{301}").text == "\u{E9}", "composed")
        #expect(Self.apply(charsmap, "\u{7}bell").text == "bell")
        #expect(Self.apply(charsmap, "a\r\nb").text == "a b", "CR LF is one cluster and one space")
        #expect(Self.apply(charsmap, "Caf\u{E9} \u{4E2D}").text == "Caf\u{E9} \u{4E2D}")
    }
}
