import Testing
import Tokenization

/// Token offsets are Unicode-scalar ranges of the original text.
struct OffsetTests {
    let tokenizer: BertTokenizer

    init() throws { tokenizer = try TokenizerFixtures.small() }

    @Test("offsets cover the original characters, accents included")
    func accents() {
        #expect(TokenizerFixtures.spans(tokenizer, "Café, hello") == ["Café", ",", "hello"])
        #expect(TokenizerFixtures.spans(tokenizer, "cafe\u{301}!") == ["cafe", "!"], "a stripped trailing mark is not covered")
    }

    @Test("emoji, ZWJ sequences and removed characters: offsets still index original scalars")
    func emojiAndRemovedCharacters() {
        let tokens = tokenizer.tokenize("😋 a\u{200B}b 👨‍👩‍👧 c")
        #expect(tokens.map(\.piece) == ["[UNK]", "a", "##b", "[UNK]", "c"])
        #expect(tokens.map(\.offsets) == [0..<1, 2..<3, 4..<5, 6..<11, 12..<13])
    }

    @Test("combining marks: a stripped mark after the last kept scalar is not covered")
    func combiningMarks() {
        let tokens = tokenizer.tokenize("x\u{301}\u{323} a")
        #expect(tokens.map(\.offsets) == [0..<1, 4..<5])
    }

    @Test("an expansion (İ → i + dot) maps every output scalar to the same original scalar")
    func expansions() throws {
        let lowerOnly = try TokenizerFixtures.small(BertTextOptions(lowercase: true, stripAccents: false))
        let tokens = lowerOnly.tokenize("İ")
        #expect(tokens.map(\.piece) == ["i", "##̇"])
        #expect(tokens.map(\.offsets) == [0..<1, 0..<1])
    }

    @Test("CJK ideographs are their own words with their own offsets")
    func chinese() {
        let tokens = tokenizer.tokenize("a中b")
        #expect(tokens.map(\.piece) == ["a", "中", "b"])
        #expect(tokens.map(\.offsets) == [0..<1, 1..<2, 2..<3])
    }
}
