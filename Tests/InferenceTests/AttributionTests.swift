import Foundation
import ModelStore
import Synchronization
import Testing
import TestSupport
@testable import Inference

/// Units of a text, occlusion through the `Scorer` protocol, and BM25's exact term contributions.
@Suite("Attribution")
struct AttributionTests {
    /// Scores a pair by how often the passage holds each query word, plus 0.1 per query word; every
    /// `score(pairs:)` call is counted (and may wait, so cancellation can be tested).
    final class CountingScorer: Scorer {
        let info = ScorerInfo(name: "counting", kind: .crossEncoder, maxLength: nil, summary: "test", scoreName: "count",
                              probabilityName: nil)
        let calls = Mutex<[Int]>([])
        let delay: Duration
        /// Score by the passage's length in UTF-8 bytes instead (cheap for thousands of long variants).
        let byLength: Bool

        init(delay: Duration = .zero, byLength: Bool = false) {
            self.delay = delay
            self.byLength = byLength
        }

        func value(query: String, passage: String) -> Double {
            byLength ? Double(passage.utf8.count) : Self.value(query: query, passage: passage)
        }

        static func value(query: String, passage: String) -> Double {
            let words = passage.lowercased().split(whereSeparator: \.isWhitespace)
            let terms = query.lowercased().split(whereSeparator: \.isWhitespace)
            return terms.reduce(0.0) { sum, term in sum + 0.1 + Double(words.filter { $0.hasPrefix(term) }.count) }
        }

        func score(pairs: [(query: String, passage: String)], maxLength: Int?, mode: ReadingMode,
                   onBatch: (@Sendable (ScoredBatch) -> Void)?) async throws -> [PairScore] {
            calls.withLock { $0.append(pairs.count) }
            if delay > .zero { try await Task.sleep(for: delay) }
            try Task.checkCancellation()
            let scores = pairs.map { PairScore(score: value(query: $0.query, passage: $0.passage)) }
            onBatch?(ScoredBatch(indices: Array(scores.indices), scores: scores, completed: scores.count, total: scores.count))
            return scores
        }

        func score(query: String, passages: [String], maxLength: Int?, mode: ReadingMode,
                   onBatch: (@Sendable (ScoredBatch) -> Void)?) async throws -> [PairScore] {
            try await score(pairs: passages.map { (query, $0) }, maxLength: maxLength, mode: mode, onBatch: onBatch)
        }

        func reading(query: String, passage: String, maxLength: Int?, mode: ReadingMode) -> PassageReading? { nil }
        func windowCapacity(query: String, maxLength: Int?) throws -> Int? { nil }
    }

    private func explain(_ scorer: any Scorer, _ query: String, _ passage: String, unit: TextUnitKind = .sentence,
                         maxLength: Int? = nil, collection: [String] = [], limits: AttributionLimits = AttributionLimits(),
                         progress: (@Sendable (AttributionProgress) -> Void)? = nil) async throws -> Attribution {
        try await scorer.attribution(query: query, passage: passage, unit: unit, maxLength: maxLength, mode: .truncate,
                                     collection: collection, limits: limits, progress: progress)
    }

    /// Rounded to 1e-9, so sums of tenths compare exactly.
    private func rounded(_ value: Double) -> Double { (value * 1e9).rounded() / 1e9 }

    // MARK: units

    @Test("sentences end at . ! ? before whitespace (closing quotes kept) and at line breaks; offsets are Unicode scalars")
    func sentences() {
        let text = "Earth tilts 23.4° — really. Why? He said \"tilt!\" Then\nsummer… comes  "
        let units = TextUnits(text, kind: .sentence).units
        #expect(units.map(\.text) == ["Earth tilts 23.4° — really.", "Why?", "He said \"tilt!\"", "Then", "summer… comes"])
        let scalars = Array(text.unicodeScalars)
        for unit in units {
            #expect(String(String.UnicodeScalarView(scalars[unit.range])) == unit.text)
        }
        #expect(TextUnits("no breaks at all here", kind: .sentence).units.map(\.text) == ["no breaks at all here"])
        #expect(TextUnits("  \n ", kind: .sentence).units.isEmpty)
        #expect(TextUnits("", kind: .word).units.isEmpty)
    }

    @Test("removing a unit leaves no doubled space, at the start, the middle and the end")
    func removing() {
        let sentences = TextUnits("A b. C d! E f?", kind: .sentence)
        #expect((0..<3).map(sentences.removing) == ["C d! E f?", "A b. E f?", "A b. C d!"])
        let words = TextUnits(" one  two\nthree ", kind: .word)
        #expect(words.units.map(\.range) == [1..<4, 6..<9, 10..<15])
        #expect((0..<3).map(words.removing) == [" two\nthree ", " one  three ", " one  two"], "whitespace before the first unit stays")
        #expect(words.removing(7) == " one  two\nthree ")
        #expect(TextUnits("alone", kind: .word).removing(0) == "")
    }

    // MARK: occlusion

    @Test("occlusion: Δ is the full score minus the score without the unit, every variant in one scoring call")
    func occlusionByFakeScorer() async throws {
        let scorer = CountingScorer()
        let passage = "Seasons come from tilt. The tilt is 23 degrees. Cats sleep."
        let result = try await explain(scorer, "tilt seasons", passage)
        #expect(result.method == .occlusion)
        #expect(result.score == CountingScorer.value(query: "tilt seasons", passage: passage))
        #expect(result.units.map(\.delta).map(rounded) == [2, 1, 0])
        for (index, unit) in result.units.enumerated() {
            let without = CountingScorer.value(query: "tilt seasons", passage: TextUnits(passage, kind: .sentence).removing(index))
            #expect(unit.scoreWithout == without)
        }
        #expect(result.queryTerms.map(\.unit.text) == ["tilt", "seasons"])
        #expect(result.queryTerms.map(\.delta).map(rounded) == [2.1, 1.1])
        #expect(scorer.calls.withLock { $0 } == [1, 5], "the full pair, then the 3 sentences and 2 query words together")
        #expect(rounded(result.largestUnitChange) == 2 && rounded(result.largestQueryChange) == 2.1)
    }

    @Test("an empty passage has no units; a one-word query is scored with the empty query; a passage without breaks is one unit")
    func edgeCases() async throws {
        let scorer = CountingScorer()
        let empty = try await explain(scorer, "tilt", "")
        #expect(empty.units.isEmpty)
        #expect(empty.queryTerms.count == 1)
        #expect(empty.queryTerms[0].scoreWithout == 0)
        let long = String(repeating: "tilt and more words ", count: 2_000)
        let one = try await explain(scorer, "tilt", long)
        #expect(one.units.count == 1)
        #expect(rounded(one.units[0].delta) == 2_000)
    }

    @Test("a 5,000-word passage at word level goes in chunks with progress; more variants than the limit are refused in one line")
    func boundedWork() async throws {
        let scorer = CountingScorer(byLength: true)
        let passage = (0..<5_000).map { "w\($0)" }.joined(separator: " ")
        let seen = Mutex<[AttributionProgress]>([])
        let result = try await explain(scorer, "tilt", passage, unit: .word, limits: AttributionLimits(maxVariants: 6_000, chunkSize: 1_000)) {
            progress in seen.withLock { $0.append(progress) }
        }
        #expect(result.units.count == 5_000)
        #expect(result.units.allSatisfy { $0.delta == Double($0.unit.text.utf8.count + 1) }, "each word and one space")
        #expect(scorer.calls.withLock { $0 } == [1, 1_000, 1_000, 1_000, 1_000, 1_000, 1])
        let reports = seen.withLock { $0 }
        #expect(reports.last == AttributionProgress(completed: 5_001, total: 5_001))
        #expect(reports.map(\.completed) == reports.map(\.completed).sorted())

        await #expect(throws: InferenceError.tooManyUnits(count: 5_001, limit: 2_000, unit: .word)) {
            _ = try await explain(scorer, "tilt", passage, unit: .word)
        }
        #expect(scorer.calls.withLock { $0.count } == 8, "refused before any variant is scored")
        #expect(InferenceError.tooManyUnits(count: 5_001, limit: 2_000, unit: .word).description
            == "explaining by words would score 5001 variants of the pair, more than the 2000 allowed; explain sentences instead, or a shorter passage")
    }

    @Test("cancelling stops the work between chunks with CancellationError")
    func cancellation() async throws {
        let scorer = CountingScorer(delay: .milliseconds(50))
        let passage = (0..<400).map { "w\($0)" }.joined(separator: " ")
        let task = Task {
            try await explain(scorer, "w1", passage, unit: .word, limits: AttributionLimits(chunkSize: 10))
        }
        try await Task.sleep(for: .milliseconds(120))
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(scorer.calls.withLock { $0.count } < 6, "41 chunks would follow without the cancel")
    }

    // MARK: BM25

    @Test("BM25: per-term contributions sum to the score; query words' Δ are exact; passage units share the score")
    func bm25() async throws {
        let bm25 = BM25Scorer()
        let passages = ["Earth's axis is tilted. Summer is warm.", "The sun heats the Earth unevenly.", "Cats sleep all day.", ""]
        let query = "why does Earth have seasons tilted earth"
        let scores = bm25.scores(query: query, passages: passages)
        let contributions = bm25.termContributions(query: query, passages: passages)
        for (score, terms) in zip(scores, contributions) {
            #expect(abs(terms.reduce(0) { $0 + $1.contribution } - score) < 1e-12)
        }
        #expect(contributions[0].first { $0.term == "earth" }?.queryCount == 2)
        #expect(contributions[0].first { $0.term == "tilted" }?.frequency == 1)

        let result = try await explain(bm25, query, passages[0], collection: passages)
        #expect(result.method == .termContributions)
        #expect(abs(result.score - scores[0]) < 1e-12)
        #expect(abs(result.units.reduce(0) { $0 + $1.delta } - scores[0]) < 1e-12)
        #expect(result.units.allSatisfy { $0.scoreWithout == nil })
        #expect(result.units[1].delta == 0, "no query term in \"Summer is warm.\"")
        let words = TextUnits(query, kind: .word)
        for (index, term) in result.queryTerms.enumerated() {
            let without = bm25.scores(query: words.removing(index), passages: passages)[0]
            #expect(abs((term.scoreWithout ?? .nan) - without) < 1e-12, "\(term.unit.text)")
        }
        let empty = try await explain(bm25, query, "", collection: passages)
        #expect(empty.score == 0 && empty.units.isEmpty)
    }

    // MARK: a real cross-encoder

    @Test("the L6 cross-encoder: units past the cut are not scored, and removing one really leaves the score unchanged",
          .enabled(if: Fixtures.sharedAvailable))
    func beyondTheCut() async throws {
        let model = try CrossEncoder(folder: try ModelFolder.open(Fixtures.crossEncoderV2))
        let query = "why does Earth have seasons"
        let passage = String(repeating: "The axis of Earth is tilted, so the light arrives at a slant in winter. ", count: 12)
        let result = try await explain(model, query, passage, maxLength: 128, limits: AttributionLimits(chunkSize: 8))
        let beyond = result.units.indices.filter { result.units[$0].isBeyondCut }
        #expect(!beyond.isEmpty && beyond.count < result.units.count)
        #expect(beyond.allSatisfy { result.units[$0].delta == 0 })
        let units = TextUnits(passage, kind: .sentence)
        let check = [try #require(beyond.first), try #require(beyond.last), try #require(beyond.first) - 1]
        let rescored = try await model.score(query: query, passages: check.map(units.removing), maxLength: 128, onBatch: nil)
        for (index, score) in zip(check, rescored) {
            #expect(abs((result.units[index].scoreWithout ?? .nan) - score.score) < 1e-4, "sentence \(index)")
        }
    }
}
