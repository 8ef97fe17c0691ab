import Foundation
import Testing
import TestSupport
import Tokenization

/// Long passages read in overlapping windows: where the windows lie and how each is laid out.
struct WindowEncodingTests {
    let small: BertTokenizer

    init() throws { small = try TokenizerFixtures.small() }

    /// The windows' token ranges cover every token, hold at most `length` tokens, start at most
    /// `stride` after the one before and no later than it ends.
    private func expectCoverage(_ encoding: WindowedEncoding<EncodedPair>, length: Int, stride: Int,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        let ranges = encoding.windows.map(\.tokens)
        #expect(ranges.first?.lowerBound == 0, sourceLocation: sourceLocation)
        #expect(ranges.last?.upperBound == encoding.passageTokens, sourceLocation: sourceLocation)
        for range in ranges { #expect(range.count <= length && (range.count >= 1 || encoding.passageTokens == 0), sourceLocation: sourceLocation) }
        for (previous, next) in zip(ranges, ranges.dropFirst()) {
            #expect(next.lowerBound > previous.lowerBound && next.lowerBound - previous.lowerBound <= stride, sourceLocation: sourceLocation)
            #expect(next.lowerBound <= previous.upperBound, "a gap between \(previous) and \(next)", sourceLocation: sourceLocation)
        }
    }

    @Test("windows cover the passage and respect LEN and STRIDE, for every length and stride")
    func coverage() {
        // Words of one, two and three tokens: "a", "play ##ing", "un ##want ##able".
        let words = ["a", "playing", "b", "unwantable", "c", "played", "hello", "world", "."]
        let passage = (0..<40).map { words[$0 % words.count] }.joined(separator: " ")
        let total = small.tokenize(passage).count
        for length in [1, 2, 3, 5, 8, 13, 64, total, total + 5] {
            for stride in Set([1, 2, max(1, length / 2), length]) where stride <= length {
                let encoding = small.encodePairWindows(query: "hello", passage: passage, maxLength: 512, length: length, stride: stride)
                #expect(encoding.passageTokens == total)
                expectCoverage(encoding, length: length, stride: stride)
                #expect(encoding.encodings.allSatisfy { $0.truncation.passageTokensCut == 0 && $0.truncation.queryTokensCut == 0 })
            }
        }
    }

    @Test("windows start and end between words when a boundary is in reach; a word longer than a window is cut between its tokens")
    func wordBoundaries() {
        let passage = "playing unwantable played playing unwantable a b playing"
        let tokens = small.tokenize(passage)
        let encoding = small.encodePairWindows(query: "hello", passage: passage, maxLength: 512, length: 4, stride: 3)
        expectCoverage(encoding, length: 4, stride: 3)
        let wordStarts = Set(tokens.indices.filter { !tokens[$0].piece.hasPrefix("##") } + [tokens.count])
        for window in encoding.windows {
            #expect(wordStarts.contains(window.tokens.lowerBound) && wordStarts.contains(window.tokens.upperBound), "\(window.tokens)")
        }
        // "unwantable" is three tokens: windows of two must cut it.
        let cut = small.encodePairWindows(query: "hello", passage: "unwantable", maxLength: 512, length: 2, stride: 1)
        #expect(cut.windows.map(\.tokens) == [0..<2, 1..<3])
    }

    @Test("each window's characters tokenize on their own to exactly the window's tokens (MiniLM vocabulary, a Samples/seasons essay)")
    func windowTextsTokenizeAlike() throws {
        let tokenizer = try TokenizerFixtures.miniLM.get()
        let sample = Fixtures.repositoryRoot.appendingPathComponent("Samples/seasons.jsonl")
        let passage = try #require(try Fixtures.jsonLines(sample).compactMap { $0["text"] as? String }.max { $0.count < $1.count })
        let tokens = tokenizer.tokenize(passage)
        let scalars = Array(passage.unicodeScalars)
        let encoding = tokenizer.encodePairWindows(query: "why does Earth have seasons", passage: passage, maxLength: 512, length: 256, stride: 128)
        #expect(encoding.windows.count > 2)
        expectCoverage(encoding, length: 256, stride: 128)
        for (window, pair) in zip(encoding.windows, encoding.encodings) {
            let text = String(String.UnicodeScalarView(scalars[window.span]))
            #expect(tokenizer.tokenize(text).map(\.id) == tokens[window.tokens].map(\.id))
            #expect(pair.passageTokens.map(\.offsets) == tokens[window.tokens].map(\.offsets))
            #expect(tokenizer.encodePair(query: "why does Earth have seasons", passage: text, maxLength: 512).inputIds == pair.inputIds)
        }
    }

    @Test("a passage that fits one window is one window encoded exactly as a plain pair")
    func shortPassage() {
        let passage = "hello world playing"
        let encoding = small.encodePairWindows(query: "a b", passage: passage, maxLength: 512, length: 8, stride: 4)
        #expect(encoding.windows == [PassageWindow(tokens: 0..<4, span: 0..<19)])
        #expect(encoding.encodings == [small.encodePair(query: "a b", passage: passage, maxLength: 512)])
        #expect(encoding.truncation(readingWindow: 0) == small.encodePair(query: "a b", passage: passage, maxLength: 512).truncation)
    }

    @Test("an empty passage is one empty window with the query alone; a blank one an empty second segment")
    func emptyAndBlankPassages() {
        for passage in ["", "   "] {
            let encoding = small.encodePairWindows(query: "hello", passage: passage, maxLength: 512, length: 4, stride: 2)
            #expect(encoding.windows == [PassageWindow(tokens: 0..<0, span: 0..<0)])
            #expect(encoding.encodings == [small.encodePair(query: "hello", passage: passage, maxLength: 512)])
        }
        let text = small.encodeWindows("", maxLength: 16, length: 4, stride: 2)
        #expect(text.windows.count == 1 && text.encodings == [small.encode("", maxLength: 16)])
    }

    @Test("beside a long query a window shrinks to the room the whole query leaves, so no passage token is ever cut")
    func longQuery() {
        let query = Array(repeating: "a", count: 20).joined(separator: " ")
        let passage = Array(repeating: "b", count: 50).joined(separator: " ")
        // Budget 32 − 3 = 29: the whole query (20) leaves windows 9 tokens, fewer than LEN 16.
        let encoding = small.encodePairWindows(query: query, passage: passage, maxLength: 32, length: 16, stride: 8)
        expectCoverage(encoding, length: 9, stride: 8)
        for pair in encoding.encodings {
            #expect(pair.inputIds.count <= 32)
            #expect(pair.truncation.passageTokensCut == 0 && pair.truncation.queryTokensCut == 0)
        }
        // A query that leaves no room is cut by longest_first against one window (40 → 15 beside 14); the windows still read everything.
        let longer = Array(repeating: "a", count: 40).joined(separator: " ")
        let shared = small.encodePairWindows(query: longer, passage: passage, maxLength: 32, length: 16, stride: 8)
        expectCoverage(shared, length: 16, stride: 8)
        #expect(shared.encodings.allSatisfy { $0.inputIds.count <= 32 && $0.truncation.passageTokensCut == 0 })
        #expect(shared.windows.allSatisfy { $0.tokens.count <= 14 })
        #expect(shared.truncation(readingWindow: 0).queryTokensCut == 25)
        #expect(shared.truncation(readingWindow: 0).passageTokensCut == 0)
    }

    @Test("single texts (bi-encoders): windows fit the limit beside the special tokens; a short text encodes as encode does")
    func singleTexts() {
        let passage = Array(repeating: "hello world", count: 30).joined(separator: " ")
        let encoding = small.encodeWindows(passage, maxLength: 12, length: 50, stride: 5)
        #expect(encoding.windows.allSatisfy { $0.tokens.count <= 10 })
        #expect(encoding.encodings.allSatisfy { $0.inputIds.count <= 12 && $0.truncation.passageTokensCut == 0 })
        #expect(encoding.windows.last?.tokens.upperBound == 60)
        let short = small.encodeWindows("hello world", maxLength: 12, length: 50, stride: 5)
        #expect(short.encodings == [small.encode("hello world", maxLength: 12)])
    }

    @Test("a 5,000-word passage gives a bounded number of windows")
    func boundedWork() {
        let passage = Array(repeating: "playing", count: 5_000).joined(separator: " ")
        let encoding = small.encodePairWindows(query: "a", passage: passage, maxLength: 512, length: 256, stride: 128)
        // 10,000 tokens in words of two: starts move 127 or 128 tokens at a time.
        #expect(encoding.passageTokens == 10_000)
        #expect(encoding.windows.count <= 10_000 / 127 + 1)
        expectCoverage(encoding, length: 256, stride: 128)
    }
}
