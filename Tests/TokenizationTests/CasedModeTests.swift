import Testing
import Tokenization

/// Cased models (`lowercase` false): case and accents are kept.
struct CasedModeTests {
    let tokenizer: BertTokenizer

    init() throws { tokenizer = try TokenizerFixtures.small(BertTextOptions(lowercase: false)) }

    @Test("case and accents are kept, so only exact vocabulary entries match")
    func keepsCaseAndAccents() {
        #expect(TokenizerFixtures.pieces(tokenizer, "Café café cafe") == ["Café", "café", "cafe"])
        #expect(TokenizerFixtures.pieces(tokenizer, "Hello") == ["[UNK]"])
        #expect(TokenizerFixtures.pieces(tokenizer, "hello") == ["hello"])
    }

    @Test("the other rules still apply: cleaning, CJK spacing and punctuation")
    func otherRules() {
        #expect(TokenizerFixtures.pieces(tokenizer, "a\u{0}b中.") == ["a", "##b", "中", "."])
    }

    @Test("final sigma is not special")
    func sigma() {
        #expect(TokenizerFixtures.pieces(tokenizer, "σ ς") == ["σ", "ς"])
    }
}
