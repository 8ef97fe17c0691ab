import Testing
import Tokenization

/// The Unigram model (Viterbi over piece scores, unknown pieces), the XLM-R template and its truncation,
/// added tokens and offsets, on hand-made vocabularies.
struct UnigramTokenizerTests {
    /// XLM-R's layout: `<s> A </s>` and `<s> A </s> </s> B </s>`, all of token type 0.
    static let template: EncodingTemplate = {
        let begin = EncodingTemplate.Part.special(ids: [0], typeId: 0)
        let end = EncodingTemplate.Part.special(ids: [2], typeId: 0)
        // The layouts are valid, so this never falls back.
        return (try? EncodingTemplate(single: [begin, .first(typeId: 0), end],
                                      pair: [begin, .first(typeId: 0), end, end, .second(typeId: 0), end]))
            ?? .bert(classifier: 0, separator: 2)
    }()

    /// A tokenizer of `vocabulary` (piece, score), behind `<s>`, `<pad>`, `</s>`, `<unk>` (ids 0 to 3, score 0).
    static func tokenizer(_ vocabulary: [(String, Double)], preTokenization: [PreTokenizationStep] = [],
                          addedTokens: [AddedToken] = []) throws -> UnigramTokenizer {
        let all = [("<s>", 0.0), ("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0)] + vocabulary
        return try UnigramTokenizer(pieces: all.map(\.0), scores: all.map(\.1), unknownId: 3, normalization: [],
                                    preTokenization: preTokenization, addedTokens: addedTokens, template: template)
    }

    private func pieces(_ tokenizer: UnigramTokenizer, _ text: String) -> [String] {
        tokenizer.tokenize(text).map(\.piece)
    }

    @Test("Viterbi picks the pieces whose scores sum highest")
    func bestPath() throws {
        let tokenizer = try Self.tokenizer([("a", -1), ("b", -1), ("ab", -1.5), ("abc", -4), ("c", -2)])
        #expect(pieces(tokenizer, "abc") == ["ab", "c"])
        #expect(pieces(tokenizer, "abab") == ["ab", "ab"])
        #expect(tokenizer.tokenize("cab").map(\.offsets) == [0..<1, 1..<3])
    }

    @Test("at equal scores the path found first (from the earliest start) stays")
    func ties() throws {
        #expect(pieces(try Self.tokenizer([("a", -1), ("b", -1), ("ab", -2)]), "ab") == ["ab"])
        #expect(pieces(try Self.tokenizer([("a", -1), ("bc", -1), ("ab", -1), ("c", -1)]), "abc") == ["a", "bc"])
    }

    @Test("a scalar starting no piece of its own length is unknown; consecutive unknowns fuse into one token")
    func unknownScalars() throws {
        let tokenizer = try Self.tokenizer([("a", -1), ("b", -1)])
        let tokens = tokenizer.tokenize("axyzb")
        #expect(tokens.map(\.id) == [4, 3, 5])
        #expect(tokens.map(\.piece) == ["a", "<unk>", "b"])
        #expect(tokens.map(\.offsets) == [0..<1, 1..<4, 4..<5])
        #expect(tokenizer.tokenize("😋👍🏽").map(\.offsets) == [0..<3])
    }

    @Test("a piece starting with an unknown scalar still competes: unknown then piece, or the longer piece")
    func unknownBeforeAPiece() throws {
        let tokenizer = try Self.tokenizer([("xa", -30), ("a", -1)])
        // The unknown score is the lowest score (-30) minus 10: x as unknown then a (-41) loses to xa (-30).
        #expect(pieces(tokenizer, "xa") == ["xa"])
        #expect(pieces(tokenizer, "xxa") == ["<unk>", "xa"])
    }

    @Test("a fused run of unknowns that spells a piece takes that piece's id, as the reference looks it up again")
    func fusedUnknownSpellingAPiece() throws {
        // All scores high: two unknowns (2 × 40) beat the piece xy (50).
        let all = [("<s>", 50.0), ("<pad>", 50.0), ("</s>", 50.0), ("<unk>", 50.0), ("xy", 50.0)]
        let tokenizer = try UnigramTokenizer(pieces: all.map(\.0), scores: all.map(\.1), unknownId: 3, normalization: [],
                                             preTokenization: [], addedTokens: [], template: Self.template)
        #expect(tokenizer.tokenize("xy").map(\.id) == [4])
        #expect(tokenizer.tokenize("xyz").map(\.id) == [3])
    }

    @Test("the unknown piece's own text in the text fuses with unknowns around it")
    func unknownPieceInText() throws {
        let tokens = try Self.tokenizer([("a", -1)]).tokenize("<unk>z")
        #expect(tokens.map(\.id) == [3])
        #expect(tokens.map(\.offsets) == [0..<6])
    }

    @Test("a piece listed twice keeps its last id and score")
    func duplicatePieces() throws {
        let tokenizer = try Self.tokenizer([("a", -1), ("b", -1), ("a", -5), ("aa", -9)])
        #expect(tokenizer.id(of: "a") == 6)
        #expect(pieces(tokenizer, "aa") == ["aa"], "aa (-9) beats a + a at the last score (-10)")
        #expect(tokenizer.piece(for: 4) == "a")
        #expect(tokenizer.piece(for: 99) == "<unk>")
        #expect(tokenizer.vocabularySize == 8)
    }

    @Test("a 200,000-scalar word is split in time proportional to its length")
    func longWord() throws {
        let tokenizer = try Self.tokenizer([("ab", -1), ("a", -2), ("b", -2), ("abababab", -3)])
        let tokens = tokenizer.tokenize(String(repeating: "ab", count: 100_000))
        #expect(tokens.count == 25_000)
        #expect(tokens.last?.offsets == 199_992..<200_000)
    }

    @Test("pair layout <s> A </s> </s> B </s>, all token types 0, the pieces kept and where the passage ends")
    func pairLayout() throws {
        let tokenizer = try Self.tokenizer([("\u{2581}a", -1), ("\u{2581}b", -1)],
                                           preTokenization: [.whitespaceSplit, .metaspace(Metaspace())])
        let pair = tokenizer.encodePair(query: "a", passage: " b a ", maxLength: 512)
        #expect(pair.inputIds == [0, 4, 2, 2, 5, 4, 2])
        #expect(pair.tokenTypeIds == [0, 0, 0, 0, 0, 0, 0])
        #expect(pair.passageTokens.map(\.offsets) == [1..<2, 3..<4])
        #expect(pair.truncation.passageKeptEnd == 5)
        #expect(tokenizer.encodePair(query: "a", passage: "", maxLength: 512).inputIds == [0, 4, 2])
        #expect(tokenizer.encodePair(query: "a", passage: " \t", maxLength: 512).inputIds == [0, 4, 2, 2, 2])
        #expect(tokenizer.encode("b a", maxLength: 3).inputIds == [0, 5, 2])
    }

    @Test("longest_first truncation with four special tokens: the budget is max_length − 4")
    func truncationBudget() throws {
        let tokenizer = try Self.tokenizer([("\u{2581}a", -1)], preTokenization: [.whitespaceSplit, .metaspace(Metaspace())])
        let words = { (count: Int) in Array(repeating: "a", count: count).joined(separator: " ") }
        let both = tokenizer.encodePair(query: words(10), passage: words(10), maxLength: 10)
        #expect(both.inputIds.count == 10)
        #expect((both.queryTokens.count, both.passageTokens.count) == (3, 3))
        #expect(both.truncation.passageKeptEnd == 5)
        let shortQuery = tokenizer.encodePair(query: words(2), passage: words(10), maxLength: 10)
        #expect((shortQuery.queryTokens.count, shortQuery.passageTokens.count) == (2, 4))
        let single = tokenizer.encodePair(query: words(10), passage: "", maxLength: 10)
        #expect(single.queryTokens.count == 8)
        #expect(tokenizer.encodePair(query: words(3), passage: words(3), maxLength: 3).inputIds.count == 10,
                "below the special tokens' count nothing is truncated")
    }

    @Test("added tokens: matched in raw text, the mask taking the white space before it; normalized ones after normalizing")
    func addedTokens() throws {
        let mask = AddedToken(content: "<mask>", id: 6, absorbsSpaceBefore: true)
        let close = AddedToken(content: "</s>", id: 2, absorbsSpaceAfter: true)
        let tokenizer = try Self.tokenizer([("\u{2581}a", -1), ("\u{2581}b", -1), ("<mask>", 0)],
                                           preTokenization: [.whitespaceSplit, .metaspace(Metaspace())],
                                           addedTokens: [mask, close])
        let tokens = tokenizer.tokenize("a  <mask> b</s>  a")
        #expect(tokens.map(\.id) == [4, 6, 5, 2, 4])
        #expect(tokens.map(\.offsets) == [0..<1, 1..<9, 10..<11, 11..<17, 17..<18])
        let upper = AddedToken(content: "A", id: 4, matchesNormalizedText: true)
        let replacing = try UnigramTokenizer(
            pieces: ["<s>", "<pad>", "</s>", "<unk>", "A", "b"], scores: [0, 0, 0, 0, -1, -1], unknownId: 3,
            normalization: [.replace(.literal("x", replacement: "A"))], preTokenization: [], addedTokens: [upper],
            template: Self.template)
        #expect(replacing.tokenize("bxb").map(\.id) == [5, 4, 5])
        #expect(replacing.tokenize("bxb").map(\.offsets) == [0..<1, 1..<2, 2..<3])
    }

    @Test("Replace steps: runs of a character and plain text; the replacement points at the last scalar replaced")
    func replacements() throws {
        let tokenizer = try UnigramTokenizer(
            pieces: ["<s>", "<pad>", "</s>", "<unk>"], scores: [0, 0, 0, 0], unknownId: 3,
            normalization: [.replace(.runs(of: " ", minimumLength: 2, replacement: " ")),
                            .replace(.literal("ab", replacement: "X"))],
            preTokenization: [], addedTokens: [], template: Self.template)
        #expect(tokenizer.normalize("a  b   c d ab") == "a b c d X")
        #expect(tokenizer.tokenize("a  ").map(\.offsets) == [0..<3], "the one space left points at the second")
    }

    @Test("a vocabulary, unknown id, added token or template that cannot work is an error")
    func errors() throws {
        let make = { (pieces: [String], scores: [Double], unknown: Int, added: [AddedToken], template: EncodingTemplate) in
            try UnigramTokenizer(pieces: pieces, scores: scores, unknownId: unknown, normalization: [], preTokenization: [],
                                 addedTokens: added, template: template)
        }
        let xlmr = Self.template
        #expect(throws: TokenizerError.emptyVocabulary) { try make([], [], 0, [], xlmr) }
        let four = ["a", "b", "c", "d"]
        #expect(throws: TokenizerError.scoresDoNotMatchPieces(pieces: 4, scores: 1)) { try make(four, [0], 0, [], xlmr) }
        #expect(throws: TokenizerError.unknownIdOutOfRange(7, vocabularySize: 4)) { try make(four, [0, 0, 0, 0], 7, [], xlmr) }
        #expect(throws: TokenizerError.tokenIdOutOfRange("<mask>", id: 9, vocabularySize: 4)) {
            try make(["a", "b", "c", "d"], [0, 0, 0, 0], 3, [AddedToken(content: "<mask>", id: 9)], xlmr)
        }
        #expect(throws: TokenizerError.tokenIdOutOfRange("of the template", id: 2, vocabularySize: 2)) {
            try make(["a", "b"], [0, 0], 1, [], xlmr)
        }
        #expect(throws: TokenizerError.self) { try EncodingTemplate(single: [.first(typeId: 0), .second(typeId: 0)], pair: []) }
        #expect(throws: TokenizerError.self) {
            try EncodingTemplate(single: [.first(typeId: 0)], pair: [.second(typeId: 0), .first(typeId: 0)])
        }
        #expect(TokenizerError.unknownIdOutOfRange(7, vocabularySize: 4).description.contains("7"))
    }
}
