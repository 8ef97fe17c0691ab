import Testing
import Tokenization

/// `BertNormalizer` rules, seen through `normalize(_:)`.
struct NormalizerTests {
    let uncased: BertTokenizer
    let cased: BertTokenizer

    init() throws {
        uncased = try TokenizerFixtures.small()
        cased = try TokenizerFixtures.small(BertTextOptions(lowercase: false))
    }

    private func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    @Test("clean_text drops NUL, U+FFFD, controls and format characters, and maps whitespace to spaces")
    func cleanText() {
        #expect(uncased.normalize("a\u{0}b\u{FFFD}c\u{7}d") == "abcd")
        #expect(uncased.normalize("zero\u{200B}width soft\u{AD}hyphen bom\u{FEFF}x") == "zerowidth softhyphen bomx")
        #expect(uncased.normalize("tab\tnew\nline\r\u{3000}\u{A0}end") == "tab new line   end")
        #expect(uncased.normalize("vertical\u{B}form\u{C}nel\u{85}") == "verticalformnel", "controls that are also whitespace are dropped")
        #expect(uncased.normalize("private\u{E000}use") == "privateuse")
    }

    @Test("clean_text keeps unassigned scalars and format characters newer than the reference's tables")
    func cleanTextKeepsWhatTheReferenceDoesNotKnow() {
        #expect(scalars(uncased.normalize("a\u{378}b")) == [0x61, 0x378, 0x62])
        #expect(scalars(uncased.normalize("a\u{890}b")) == [0x61, 0x890, 0x62])
    }

    @Test("handle_chinese_chars puts spaces around ideographs in the reference's ranges only")
    func chineseCharacters() {
        #expect(uncased.normalize("a中b") == "a 中 b")
        #expect(uncased.normalize("北京") == " 北  京 ")
        #expect(scalars(uncased.normalize("\u{2B820}")) == [0x2B820], "U+2B820–2B91F lie outside the reference's ranges")
        #expect(scalars(uncased.normalize("\u{2B81F}")) == [0x20, 0x2B81F, 0x20])
        #expect(scalars(uncased.normalize("\u{F900}")) == [0x20, 0x8C48, 0x20], "compatibility ideographs decompose when stripping accents")
        #expect(scalars(cased.normalize("\u{F900}")) == [0x20, 0xF900, 0x20])
        #expect(uncased.normalize("ｱｲｳ") == "ｱｲｳ", "kana are not ideographs")
    }

    @Test("strip_accents decomposes (NFD) and drops non-spacing marks; nil follows lowercase")
    func stripAccents() throws {
        #expect(uncased.normalize("Café naïve Ångström") == "cafe naive angstrom")
        #expect(uncased.normalize("e\u{301}") == "e")
        #expect(cased.normalize("Café") == "Café", "cased: stripAccents nil follows lowercase = false")
        let stripOnly = try TokenizerFixtures.small(BertTextOptions(lowercase: false, stripAccents: true))
        #expect(stripOnly.normalize("Café") == "Cafe")
        let lowerOnly = try TokenizerFixtures.small(BertTextOptions(lowercase: true, stripAccents: false))
        #expect(scalars(lowerOnly.normalize("Café")) == scalars("café"))
    }

    @Test("strip_accents turns Hangul syllables into their jamo, as the reference does")
    func hangulDecomposes() {
        #expect(scalars(uncased.normalize("한")) == [0x1112, 0x1161, 0x11AB])
        #expect(scalars(uncased.normalize("가")) == [0x1100, 0x1161])
    }

    @Test("strip_accents keeps marks newer than the reference's tables and orders marks by combining class")
    func marksAndOrdering() throws {
        #expect(scalars(uncased.normalize("a\u{7FD}")) == [0x61, 0x7FD])
        let stripOnly = try TokenizerFixtures.small(BertTextOptions(lowercase: false, stripAccents: true))
        #expect(scalars(stripOnly.normalize("x\u{1D16D}\u{1D165}")) == [0x78, 0x1D165, 0x1D16D])
    }

    @Test("lowercase is the full per-character mapping, without final-sigma context")
    func lowercase() throws {
        let lowerOnly = try TokenizerFixtures.small(BertTextOptions(lowercase: true, stripAccents: false))
        #expect(scalars(lowerOnly.normalize("İ")) == [0x69, 0x307], "İ lower-cases to i + combining dot")
        #expect(uncased.normalize("İstanbul") == "istanbul", "the dot is a mark, stripped first")
        #expect(uncased.normalize("ΣΊΣΥΦΟΣ") == "σισυφοσ", "Σ is σ even at the end of a word")
        #expect(uncased.normalize("STRASSE straße") == "strasse straße")
        #expect(uncased.normalize("Ⅻ ＡＢＣ ǅ") == "ⅻ ａｂｃ ǆ")
        #expect(cased.normalize("İstanbul ΣΑΣ") == "İstanbul ΣΑΣ")
    }
}
