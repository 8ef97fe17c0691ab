import Foundation
import Inference
import Testing

/// Collects the batches a scorer reports.
private final class BatchLog: @unchecked Sendable {
    private let lock = NSLock()
    private var batches: [ScoredBatch] = []

    func record(_ batch: ScoredBatch) { lock.withLock { batches.append(batch) } }
    var all: [ScoredBatch] { lock.withLock { batches } }
}

@Suite("BM25 scorer")
struct BM25ScorerTests {
    /// Lengths 2, 4 and 2 terms: avgdl = 8/3. "cat" and "dog" are each in one passage of three,
    /// so idf = ln(1 + (3 − 1 + 0.5)/(1 + 0.5)) = ln(8/3) = 0.980829.
    static let passages = ["Cat, cat!", "dog food and water", "a bird"]
    static let idf = log(8.0 / 3)

    @Test("Scores match the formula worked by hand")
    func handComputed() async throws {
        // Passage 0: tf(cat) = 2, dl = 2: k1·(1 − b + b·dl/avgdl) = 0.9·(0.6 + 0.4·0.75) = 0.81
        //   → idf · 2·1.9 / (2 + 0.81) = 0.980829 · 1.352313 = 1.326388
        // Passage 1: tf(dog) = 1, dl = 4: 0.9·(0.6 + 0.4·1.5) = 1.08 → idf · 1.9 / 2.08 = 0.895950
        // Passage 2: no query term → 0.
        let scores = try await BM25Scorer().score(query: "cat DOG", passages: Self.passages)
        #expect(scores.count == 3)
        #expect(abs(scores[0].score - Self.idf * 3.8 / 2.81) < 1e-9)
        #expect(abs(scores[1].score - Self.idf * 1.9 / 2.08) < 1e-9)
        #expect(scores[2].score == 0)
        #expect(scores.allSatisfy { $0.probability == nil && $0.truncation == nil && $0.logits.isEmpty })
    }

    @Test("A repeated query term counts once per occurrence")
    func repeatedQueryTerms() {
        let once = BM25Scorer().scores(query: "cat dog", passages: Self.passages)
        let twice = BM25Scorer().scores(query: "cat cat dog", passages: Self.passages)
        #expect(abs(twice[0] - 2 * once[0]) < 1e-12)
        #expect(abs(twice[1] - once[1]) < 1e-12)
    }

    @Test("k1 and b are configurable")
    func parameters() {
        // b = 0: no length normalisation; k1 = 1.2: passage 1 → idf · 1·2.2 / (1 + 1.2) = idf.
        let scores = BM25Scorer(k1: 1.2, b: 0).scores(query: "dog", passages: Self.passages)
        #expect(abs(scores[1] - Self.idf) < 1e-12)
    }

    @Test("More matches in a shorter passage rank higher")
    func rankingSanity() async throws {
        let passages = [
            "nothing relevant here at all",
            "the solar system has eight planets and many moons orbiting the planets",
            "planets planets planets",
            "planets",
        ]
        let ranked = try await BM25Scorer().rank(query: "Planets", passages: passages)
        #expect(ranked.map(\.index) == [2, 3, 1, 0])
        #expect(ranked.last?.score.score == 0)
    }

    @Test("Empty queries, empty passages and empty lists do not crash")
    func emptyInputs() async throws {
        let scorer = BM25Scorer()
        #expect(try await scorer.score(query: "cat", passages: []).isEmpty)
        #expect(try await scorer.score(query: "", passages: Self.passages).map(\.score) == [0, 0, 0])
        #expect(try await scorer.score(query: "?!", passages: Self.passages).map(\.score) == [0, 0, 0])
        #expect(try await scorer.score(query: "cat", passages: ["", "  "]).map(\.score) == [0, 0])
        let mixed = try await scorer.score(query: "cat", passages: ["", "cat"]).map(\.score)
        #expect(mixed[0] == 0 && mixed[1] > 0 && mixed[1].isFinite)
    }

    @Test("Reports everything in one batch and describes itself")
    func batchAndInfo() async throws {
        let log = BatchLog()
        let scorer = BM25Scorer()
        _ = try await scorer.score(query: "cat", passages: Self.passages, maxLength: 12) { log.record($0) }
        #expect(log.all.count == 1)
        #expect(log.all.first?.indices == [0, 1, 2])
        #expect(log.all.first?.completed == 3 && log.all.first?.total == 3)
        #expect(scorer.info.name == "bm25")
        #expect(scorer.info.kind == .lexical)
        #expect(scorer.info.maxLength == nil)
        #expect(scorer.info.scoreName == "BM25")
        #expect(scorer.info.probabilityName == nil)
        #expect(scorer.reading(query: "cat", passage: "cat", maxLength: nil, mode: .truncate) == nil)
    }

    @Test("BM25 reads whole passages: windows change nothing, and its info says so")
    func windowsDoNotApply() async throws {
        let scorer = BM25Scorer()
        let cut = try await scorer.score(query: "cat", passages: Self.passages, maxLength: nil, mode: .truncate, onBatch: nil)
        let windowed = try await scorer.score(query: "cat", passages: Self.passages, maxLength: nil,
                                              mode: .windows(length: 2, stride: 1), onBatch: nil)
        #expect(windowed == cut)
        #expect(windowed.allSatisfy { $0.windows.isEmpty && $0.bestWindow == nil })
        #expect(scorer.info.summary.contains("windows do not apply"))
        #expect(try scorer.windowCapacity(query: "cat", maxLength: nil) == nil)
    }

    @Test("A cancelled task stops before scoring")
    func cancellation() async {
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await BM25Scorer().score(query: "cat", passages: Self.passages)
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}

@Suite("Lexical analyzer")
struct LexicalAnalyzerTests {
    @Test("Splits on anything but letters and digits, lowercases, and gives scalar ranges")
    func termsAndRanges() {
        let terms = LexicalAnalyzer.terms(in: "Hello, WÖRLD 42!x")
        #expect(terms.map(\.text) == ["hello", "wörld", "42", "x"])
        #expect(terms.map(\.range) == [0..<5, 7..<12, 13..<15, 16..<17])
    }

    @Test("Ranges count Unicode scalars, so combining marks and emoji shift them correctly")
    func unicodeScalarOffsets() {
        // "e\u{301}" is one character of two scalars; the emoji is one scalar and separates terms.
        let terms = LexicalAnalyzer.terms(in: "Cafe\u{301}🙂naïve ÉCOLE 東京")
        #expect(terms.map(\.text) == ["cafe\u{301}", "naïve", "école", "東京"])
        #expect(terms.map(\.range) == [0..<5, 6..<11, 12..<17, 18..<20])
    }

    @Test("Pure ASCII text is analysed exactly like the same text in a non-ASCII string")
    func asciiMatchesUnicodePath() {
        // Every ASCII character, each between two letters; the "é" suffix forces the Unicode path.
        let ascii = (0..<128).map { "a\(Character(Unicode.Scalar(UInt8($0))))Z" }.joined()
        let asciiTerms = LexicalAnalyzer.terms(in: ascii)
        let unicodeTerms = LexicalAnalyzer.terms(in: ascii + " é")
        #expect(asciiTerms + [LexicalTerm(text: "é", range: 385..<386)] == unicodeTerms)
        #expect(LexicalAnalyzer.terms(in: "Hello_World x^2").map(\.text) == ["hello", "world", "x", "2"])
    }

    @Test("Empty and separator-only texts have no terms")
    func noTerms() {
        #expect(LexicalAnalyzer.terms(in: "").isEmpty)
        #expect(LexicalAnalyzer.terms(in: " ,.;!? \t\n").isEmpty)
    }
}
