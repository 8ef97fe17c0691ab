import Testing
import Tokenization

/// `[CLS] query [SEP] passage [SEP]` layout and `longest_first` truncation.
struct PairEncodingTests {
    let tokenizer: BertTokenizer

    init() throws { tokenizer = try TokenizerFixtures.small() }

    /// A text of `count` one-token words.
    private func words(_ count: Int) -> String {
        Array(repeating: "a", count: count).joined(separator: " ")
    }

    @Test("layout and token types: 0 for [CLS] query [SEP], 1 for passage [SEP]")
    func layout() {
        let pair = tokenizer.encodePair(query: "hello", passage: "play world", maxLength: 512)
        #expect(pair.inputIds == [2, 19, 3, 5, 20, 3])
        #expect(pair.tokenTypeIds == [0, 0, 0, 1, 1, 1])
        #expect(pair.queryTokens.map(\.piece) == ["hello"])
        #expect(pair.passageTokens.map(\.piece) == ["play", "world"])
        #expect(!pair.truncation.isTruncated)
        #expect(pair.truncation.passageKeptEnd == 10)
    }

    @Test("an empty passage encodes the query alone; a whitespace passage gives an empty second segment")
    func emptyAndBlankPassages() {
        let empty = tokenizer.encodePair(query: "hello", passage: "", maxLength: 512)
        #expect(empty.inputIds == [2, 19, 3])
        #expect(empty.tokenTypeIds == [0, 0, 0])
        #expect(empty.truncation == TruncationReport(queryTokens: 1, passageTokens: 0, queryTokensCut: 0, passageTokensCut: 0, passageKeptEnd: 0))
        let blank = tokenizer.encodePair(query: "hello", passage: "  ", maxLength: 512)
        #expect(blank.inputIds == [2, 19, 3, 3])
        #expect(blank.tokenTypeIds == [0, 0, 0, 1])
        #expect(blank.truncation.passageKeptEnd == 2)
    }

    @Test("an empty passage leaves the query a budget of max_length − 2")
    func emptyPassageBudget() {
        let empty = tokenizer.encodePair(query: words(10), passage: "", maxLength: 6)
        #expect(empty.inputIds.count == 6)
        #expect(empty.truncation.queryTokensCut == 6)
        let blank = tokenizer.encodePair(query: words(10), passage: " ", maxLength: 6)
        #expect(blank.inputIds == [2, 11, 11, 11, 3, 3])
    }

    @Test("longest_first kept lengths match the reference's own cases (budget 7)",
          arguments: [
              (0, 0, 0, 0), (0, 2, 0, 2), (0, 4, 0, 4), (0, 8, 0, 7),
              (2, 0, 2, 0), (2, 2, 2, 2), (2, 4, 2, 4), (2, 8, 2, 5),
              (4, 0, 4, 0), (4, 2, 4, 2), (4, 4, 3, 4), (4, 8, 3, 4),
              (8, 0, 7, 0), (8, 2, 5, 2), (8, 4, 4, 3), (8, 8, 3, 4),
          ])
    func longestFirst(query: Int, passage: Int, keptQuery: Int, keptPassage: Int) {
        let pair = tokenizer.encodePair(query: words(query), passage: passage == 0 ? " " : words(passage), maxLength: 10)
        #expect(pair.queryTokens.count == keptQuery)
        #expect(pair.passageTokens.count == keptPassage)
        #expect(pair.inputIds.count == keptQuery + keptPassage + 3)
        #expect(pair.truncation.queryTokensCut == query - keptQuery)
        #expect(pair.truncation.passageTokensCut == passage - keptPassage)
    }

    @Test("a query longer than the budget is cut to half of it (max_length 24)")
    func longQueryAtTinyBudget() {
        let pair = tokenizer.encodePair(query: words(30), passage: words(100), maxLength: 24)
        #expect(pair.queryTokens.count == 10)
        #expect(pair.passageTokens.count == 11)
        #expect(pair.inputIds.count == 24)
        let shortPassage = tokenizer.encodePair(query: words(30), passage: words(4), maxLength: 24)
        #expect(shortPassage.queryTokens.count == 17)
        #expect(shortPassage.passageTokens.count == 4)
    }

    @Test("max_length below the special tokens truncates nothing; exactly 3 keeps only them")
    func degenerateMaxLengths() {
        #expect(tokenizer.encodePair(query: words(3), passage: words(5), maxLength: 2).inputIds.count == 11)
        let three = tokenizer.encodePair(query: words(3), passage: words(5), maxLength: 3)
        #expect(three.inputIds == [2, 3, 3])
        #expect(three.tokenTypeIds == [0, 0, 1])
        #expect(three.truncation.passageKeptEnd == 0)
        #expect(tokenizer.encode(words(5), maxLength: 1).inputIds.count == 7)
        #expect(tokenizer.encode(words(5), maxLength: 2).inputIds == [2, 3])
    }

    @Test("passageKeptEnd is where the last kept passage token ends in the original passage")
    func passageKeptEnd() {
        let pair = tokenizer.encodePair(query: "a", passage: "Café, b c", maxLength: 6)
        #expect(pair.passageTokens.map(\.piece) == ["cafe", ","])
        #expect(pair.truncation.passageKeptEnd == 5)
        #expect(pair.truncation == TruncationReport(queryTokens: 1, passageTokens: 4, queryTokensCut: 0, passageTokensCut: 2, passageKeptEnd: 5))
        #expect(pair.truncation.isTruncated)
        let whole = tokenizer.encodePair(query: "a", passage: "Café 😋", maxLength: 64)
        #expect(whole.truncation.passageKeptEnd == 6, "the passage's scalar count when nothing was cut")
    }

    @Test("encode: [CLS] text [SEP], cut on the right, reported as the passage")
    func singleText() {
        let text = tokenizer.encode("play world hello", maxLength: 4)
        #expect(text.inputIds == [2, 5, 20, 3])
        #expect(text.tokens.map(\.piece) == ["play", "world"])
        #expect(text.truncation == TruncationReport(queryTokens: 0, passageTokens: 3, queryTokensCut: 0, passageTokensCut: 1, passageKeptEnd: 10))
        let whole = tokenizer.encode("play", maxLength: 256)
        #expect(whole.inputIds == [2, 5, 3])
        #expect(whole.truncation.passageKeptEnd == 4)
        #expect(tokenizer.encode("", maxLength: 256).inputIds == [2, 3])
    }
}
