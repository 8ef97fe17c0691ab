import Testing
import Tokenization

/// WordPiece rules: greedy longest match first, `##` continuations, unknown words.
struct WordPieceTests {
    let tokenizer: BertTokenizer

    init() throws { tokenizer = try TokenizerFixtures.small() }

    @Test("greedy longest-match-first with ## continuations")
    func greedyLongestMatch() {
        #expect(TokenizerFixtures.pieces(tokenizer, "playing played") == ["play", "##ing", "play", "##ed"])
        #expect(TokenizerFixtures.pieces(tokenizer, "unwantable") == ["un", "##want", "##able"])
        #expect(TokenizerFixtures.pieces(tokenizer, "abc") == ["a", "##b", "##c"])
    }

    @Test("a word that cannot be matched to the end is one [UNK] covering the whole word")
    func unknownWord() {
        let tokens = tokenizer.tokenize("hello playz world")
        #expect(tokens.map(\.piece) == ["hello", "[UNK]", "world"])
        #expect(tokens[1].offsets == 6..<11)
        #expect(tokens[1].id == 1)
    }

    @Test("a word of more than 100 scalars is [UNK]; 100 is still split")
    func longWords() {
        let hundred = String(repeating: "x", count: 100)
        #expect(tokenizer.tokenize(hundred).count == 100)
        let long = tokenizer.tokenize("a " + hundred + "x b")
        #expect(long.map(\.piece) == ["a", "[UNK]", "b"])
        #expect(long[1].offsets == 2..<103)
    }

    @Test("the limit counts normalized scalars, so removed characters do not count")
    func longWordLimitAfterNormalization() {
        let hundred = String(repeating: "x", count: 100) + "\u{200B}"
        #expect(tokenizer.tokenize(hundred).count == 100)
    }

    @Test("vocabulary entries match scalar by scalar, not by canonical equivalence")
    func scalarExactMatching() throws {
        let cased = try TokenizerFixtures.small(BertTextOptions(lowercase: false))
        #expect(TokenizerFixtures.pieces(cased, "café") == ["café"])
        #expect(TokenizerFixtures.pieces(cased, "cafe\u{301}") == ["[UNK]"])
        #expect(cased.id(of: "cafe\u{301}") == nil)
        #expect(cased.id(of: "café") == 17)
    }

    @Test("special tokens written in the text are matched verbatim before normalization")
    func addedTokens() {
        let tokens = tokenizer.tokenize("hello [SEP] world a[MASK]b")
        #expect(tokens.map(\.piece) == ["hello", "[SEP]", "world", "a", "[MASK]", "b"])
        #expect(tokens[1].offsets == 6..<11)
        #expect(tokens[4].id == 4)
        #expect(TokenizerFixtures.pieces(tokenizer, "[sep]") == ["[UNK]", "[UNK]", "[UNK]"], "matching is case-sensitive")
    }

    @Test("an explicit added-token list replaces the default one")
    func explicitAddedTokens() throws {
        let plain = try BertTokenizer(vocabulary: TokenizerFixtures.smallVocabulary, options: BertTextOptions(),
                                      specialTokens: SpecialTokens(), addedTokens: ["[SEP]"])
        #expect(TokenizerFixtures.pieces(plain, "[SEP][MASK]") == ["[SEP]", "[UNK]", "[UNK]", "[UNK]"])
        #expect(plain.addedTokens == ["[SEP]"])
        #expect(throws: TokenizerError.missingSpecialToken("[NEW]")) {
            try BertTokenizer(vocabulary: TokenizerFixtures.smallVocabulary, options: BertTextOptions(),
                              specialTokens: SpecialTokens(), addedTokens: ["[NEW]"])
        }
    }
}
