import Testing
import Tokenization

/// `BertPreTokenizer` rules: whitespace separates words, each punctuation character is a word.
struct PreTokenizerTests {
    let tokenizer: BertTokenizer

    init() throws { tokenizer = try TokenizerFixtures.small() }

    @Test("ASCII punctuation and symbols are isolated (33–47, 58–64, 91–96, 123–126)")
    func asciiPunctuation() {
        #expect(TokenizerFixtures.spans(tokenizer, "a.b,c!") == ["a", ".", "b", ",", "c", "!"])
        for symbol in ["$", "+", "<", "=", "^", "`", "|", "~", "#", "@", "&", "%"] {
            #expect(TokenizerFixtures.spans(tokenizer, "a\(symbol)b") == ["a", symbol, "b"], "\(symbol)")
        }
    }

    @Test("Unicode punctuation (P*) is isolated; other symbols stay inside words")
    func unicodePunctuation() {
        #expect(TokenizerFixtures.spans(tokenizer, "a—b") == ["a", "—", "b"])
        #expect(TokenizerFixtures.spans(tokenizer, "“a”") == ["“", "a", "”"])
        #expect(TokenizerFixtures.spans(tokenizer, "¿a") == ["¿", "a"])
        #expect(TokenizerFixtures.spans(tokenizer, "a€b") == ["a€b"])
        #expect(TokenizerFixtures.spans(tokenizer, "a≈b") == ["a≈b"])
    }

    @Test("punctuation follows the reference's older Unicode tables")
    func referencePunctuationTables() {
        #expect(TokenizerFixtures.spans(tokenizer, "a\u{166D}b").count == 3, "U+166D was punctuation in the reference's Unicode version")
        #expect(TokenizerFixtures.spans(tokenizer, "a\u{2E43}b").count == 1, "U+2E43 is newer than the reference's tables")
    }

    @Test("whitespace separates words and is dropped")
    func whitespace() throws {
        #expect(TokenizerFixtures.spans(tokenizer, "  a \t b\n\nc  ") == ["a", "b", "c"])
        let raw = try TokenizerFixtures.small(BertTextOptions(cleanText: false))
        #expect(TokenizerFixtures.spans(raw, "a\u{85}b\u{2028}c") == ["a", "b", "c"], "without clean_text, Unicode White_Space still splits")
    }
}
