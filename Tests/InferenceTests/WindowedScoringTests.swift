import Foundation
import ModelStore
import Synchronization
import Testing
import TestSupport
import Tokenization
@testable import Inference

/// Long passages read in windows (MaxP): the passage scores as its best window, and that score is
/// what the engine gives the best window's text read in one piece.
@Suite("Windowed reading (MaxP)", .enabled(if: Fixtures.sharedAvailable))
struct WindowedScoringTests {
    static let seasonsQuery = "why does Earth have seasons"

    /// The passages of `Samples/seasons.jsonl` (its first line describes the sample).
    static func seasons() throws -> [(id: String, text: String)] {
        try Fixtures.jsonLines(Fixtures.repositoryRoot.appendingPathComponent("Samples/seasons.jsonl")).compactMap { line in
            guard let text = line["text"] as? String else { return nil }
            return (line["id"] as? String ?? "", text)
        }
    }

    /// The characters of `span` in `text` (Unicode-scalar offsets).
    static func text(_ span: Range<Int>, of text: String) -> String {
        String(String.UnicodeScalarView(Array(text.unicodeScalars)[span]))
    }

    /// Every windowed score equals the truncate-mode score of its best window's text; with
    /// `everyWindow`, each window's score equals its own text's.
    private func expectWindowsMatchTheirTexts(_ scorer: any Scorer, query: String, passages: [String], mode: ReadingMode,
                                              everyWindow: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let windowed = try await scorer.score(query: query, passages: passages, maxLength: nil, mode: mode, onBatch: nil)
        var texts: [String] = []
        var expected: [Double] = []
        for (passage, score) in zip(passages, windowed) {
            let best = try #require(score.bestWindow, sourceLocation: sourceLocation)
            #expect(score.windows.indices.contains(best), sourceLocation: sourceLocation)
            #expect(score.score == score.windows.map(\.score).max(), sourceLocation: sourceLocation)
            #expect(score.truncation?.passageTokensCut == 0, sourceLocation: sourceLocation)
            let chosen = everyWindow ? Array(score.windows.indices) : [best]
            for index in chosen {
                texts.append(Self.text(score.windows[index].window.span, of: passage))
                expected.append(score.windows[index].score)
            }
        }
        let plain = try await scorer.score(query: query, passages: texts, maxLength: nil, mode: .truncate, onBatch: nil)
        for (index, (reference, value)) in zip(plain, expected).enumerated() {
            #expect(abs(reference.score - value) < 1e-4, "window text \(index): \(reference.score) read alone, \(value) as a window",
                    sourceLocation: sourceLocation)
            #expect(reference.truncation?.isTruncated == false, sourceLocation: sourceLocation)
        }
    }

    @Test("the L6 cross-encoder on Samples/seasons: each passage scores as its best window, and that equals rerank score of the window's text")
    func realCrossEncoderOnSeasons() async throws {
        let model = try CrossEncoder(folder: try ModelFolder.open(Fixtures.crossEncoderV2))
        let passages = try Self.seasons()
        let mode = ReadingMode.windows(length: 256, stride: 128)
        try await expectWindowsMatchTheirTexts(model, query: Self.seasonsQuery, passages: passages.map(\.text), mode: mode)

        let windowed = try await model.score(query: Self.seasonsQuery, passages: passages.map(\.text), maxLength: nil, mode: mode, onBatch: nil)
        let cut = try await model.score(query: Self.seasonsQuery, passages: passages.map(\.text))
        // In three essays the answer comes only after the 512-token cut: a window reaching past the cut
        // wins, and the passage climbs from a low score to a high one.
        let answeredLate: Set = ["seasons-calendar", "seasons-distance", "seasons-gnomon"]
        for ((id, text), (score, truncated)) in zip(passages, zip(windowed, cut)) {
            let last = try #require(score.windows.last)
            #expect(last.window.span.upperBound == model.tokenizer.tokenize(text).last?.offsets.upperBound)
            guard answeredLate.contains(id) else { continue }
            let cutAt = try #require(truncated.truncation).passageKeptEnd
            let best = try #require(score.bestWindow.map { score.windows[$0] })
            #expect(truncated.truncation?.passageTokensCut ?? 0 > 0 && best.window.span.upperBound > cutAt && best.window.span.lowerBound > 0)
            #expect(score.score > truncated.score + 2, "\(id): windows \(score.score), truncated \(truncated.score)")
        }
    }

    @Test("tiny fixture models (WordPiece one and two labels, Unigram): every window's score is its text's", arguments: [
        "tiny-bert-cased", "tiny-bert-2label-bin", "tiny-xlmr",
    ])
    func tinyModels(name: String) async throws {
        let model = try CrossEncoder(folder: try ModelFolder.open(Fixtures.architectureFixture(name)))
        let passages = try Self.seasons().map(\.text).prefix(3) + ["Short passage about the tilt of the axis."]
        try await expectWindowsMatchTheirTexts(model, query: Self.seasonsQuery, passages: Array(passages),
                                               mode: .windows(length: 48, stride: 24), everyWindow: true)
    }

    @Test("a passage shorter than a window is one window scoring exactly as truncation; so are empty passages")
    func shortAndEmptyPassages() async throws {
        let model = try CrossEncoder(folder: try ModelFolder.open(Fixtures.architectureFixture("tiny-bert-cased")))
        let passages = ["The tilt of the axis makes the seasons.", "", "   "]
        let windowed = try await model.score(query: "seasons", passages: passages, maxLength: nil,
                                             mode: .windows(length: 64, stride: 32), onBatch: nil)
        let cut = try await model.score(query: "seasons", passages: passages)
        for (score, plain) in zip(windowed, cut) {
            #expect(score.windows.count == 1 && score.bestWindow == 0 && score.windowLabel == nil)
            #expect(score.score == plain.score && score.logits == plain.logits)
        }
        #expect(windowed[1].windows[0].window == PassageWindow(tokens: 0..<0, span: 0..<0))
    }

    @Test("a one-token query reads every window with the whole query")
    func oneTokenQuery() async throws {
        let model = try CrossEncoder(folder: try ModelFolder.open(Fixtures.architectureFixture("tiny-bert-cased")))
        let passage = try #require(Self.seasons().first).text
        let encoding = try model.encodeWindows(query: "tilt", passage: passage, length: 100, stride: 50)
        #expect(encoding.encodings.allSatisfy { $0.queryTokens.count == 1 && $0.truncation.queryTokensCut == 0 })
        try await expectWindowsMatchTheirTexts(model, query: "tilt", passages: [passage], mode: .windows(length: 100, stride: 50))
    }

    @Test("a 5,000-word passage: bounded windows in the same packed batches, reported once when its last window is scored")
    func longPassageBoundedWork() async throws {
        let model = try CrossEncoder(folder: try ModelFolder.open(Fixtures.architectureFixture("tiny-bert-cased")), batchSize: 8)
        let words = ["the", "axis", "tilts", "so", "sunlight", "falls", "at", "a", "steeper", "angle"]
        let passage = (0..<5_000).map { words[$0 % words.count] }.joined(separator: " ")
        let encoding = try model.encodeWindows(query: "seasons", passage: passage, length: 256, stride: 128)
        let tokens = encoding.passageTokens
        #expect(encoding.windows.count <= tokens / 120 + 1, "\(encoding.windows.count) windows for \(tokens) tokens")
        #expect(encoding.encodings.allSatisfy { $0.inputIds.count <= 512 })

        let batches = Mutex<[ScoredBatch]>([])
        let clock = ContinuousClock()
        let start = clock.now
        let scores = try await model.score(query: "seasons", passages: [passage, "a short one"], maxLength: nil,
                                           mode: .windows(length: 256, stride: 128)) { batch in batches.withLock { $0.append(batch) } }
        print("5,000 words: \(encoding.windows.count) windows of \(tokens) tokens scored in \(clock.now - start)")
        #expect(scores[0].windows.count == encoding.windows.count)
        let reported = batches.withLock { $0 }
        #expect(reported.flatMap(\.indices).sorted() == [0, 1])
        #expect(reported.last?.completed == 2 && reported.allSatisfy { $0.total == 2 })
    }

    @Test("cancelling stops windowed work between batches")
    func cancellation() async throws {
        let model = try CrossEncoder(folder: try ModelFolder.open(Fixtures.architectureFixture("tiny-bert-cased")), batchSize: 4)
        let passage = Array(repeating: "the axis tilts towards the sun", count: 800).joined(separator: " ")
        // The short passage's one window is in the first batch; its report cancels the rest.
        let task = Task {
            try await model.score(query: "seasons", passages: ["short", passage], maxLength: nil, mode: .windows(length: 256, stride: 128)) { _ in
                withUnsafeCurrentTask { $0?.cancel() }
            }
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test("the bi-encoder reads windows alone: a passage's cosine is its best window's, which is the window text's")
    func biEncoderWindows() async throws {
        let model = try BiEncoder(folder: try ModelFolder.open(Fixtures.biEncoder))
        let passages = try Self.seasons().map(\.text).prefix(3) + ["Seasons come from the tilt of the axis."]
        try await expectWindowsMatchTheirTexts(model, query: Self.seasonsQuery, passages: Array(passages),
                                               mode: .windows(length: 128, stride: 64), everyWindow: true)
        let short = try await model.score(query: "tilt", passages: ["Seasons come from the tilt of the axis."], maxLength: nil,
                                          mode: .windows(length: 128, stride: 64), onBatch: nil)
        let plain = try await model.score(query: "tilt", passages: ["Seasons come from the tilt of the axis."])
        #expect(short[0].score == plain[0].score && short[0].windows.count == 1)
    }

    @Test("reading in windows: every token is read and the windows are listed")
    func readingInWindows() throws {
        let model = try CrossEncoder(folder: try ModelFolder.open(Fixtures.crossEncoderV2))
        let passage = try #require(Self.seasons().first).text
        let cut = try #require(model.reading(query: Self.seasonsQuery, passage: passage, maxLength: nil, mode: .truncate))
        #expect(cut.keptCount < cut.tokens.count && cut.windows.isEmpty)
        let windowed = try #require(model.reading(query: Self.seasonsQuery, passage: passage, maxLength: nil,
                                                  mode: .windows(length: 256, stride: 128)))
        #expect(windowed.keptCount == windowed.tokens.count && windowed.keptEnd == passage.unicodeScalars.count)
        #expect(windowed.windows.count > 1 && windowed.windows.last?.tokens.upperBound == windowed.tokens.count)
    }

    @Test("windows must fit beside the whole query: the limit is the max length less the query and special tokens")
    func windowsMustFit() throws {
        let crossEncoder = try CrossEncoder(folder: try ModelFolder.open(Fixtures.crossEncoderV2))
        let query = Self.seasonsQuery
        let capacity = try #require(try crossEncoder.windowCapacity(query: query, maxLength: nil))
        #expect(capacity == 512 - 3 - crossEncoder.tokenizer.tokenize(query).count)
        try crossEncoder.checkWindows(.windows(length: capacity, stride: 128), queries: [query], maxLength: nil)
        #expect(throws: InferenceError.windowTooLong(length: capacity + 1, capacity: capacity, maxLength: 512, query: query)) {
            try crossEncoder.checkWindows(.windows(length: capacity + 1, stride: 128), queries: ["short", query], maxLength: nil)
        }
        let queryTokens = crossEncoder.tokenizer.tokenize(query).count
        #expect(throws: InferenceError.windowTooLong(length: 200, capacity: 128 - 3 - queryTokens, maxLength: 128, query: query)) {
            try crossEncoder.checkWindows(.windows(length: 200, stride: 100), queries: [query], maxLength: 128)
        }
        let biEncoder = try BiEncoder(folder: try ModelFolder.open(Fixtures.biEncoder))
        #expect(try biEncoder.windowCapacity(query: query, maxLength: nil) == 256 - 2)
        #expect(throws: InferenceError.windowTooLong(length: 300, capacity: 254, maxLength: 256, query: nil)) {
            try biEncoder.checkWindows(.windows(length: 300, stride: 100), queries: [query], maxLength: nil)
        }
        try BM25Scorer().checkWindows(.windows(length: 100_000, stride: 1), queries: [query], maxLength: nil)
        let message = InferenceError.windowTooLong(length: 600, capacity: 503, maxLength: 512, query: query).description
        #expect(message == "a window of 600 passage tokens does not fit max length 512 beside the query \"\(query)\" and the special tokens: use LEN ≤ 503")
    }
}

/// `ReadingMode`: parsing, checking and saving.
struct ReadingModeTests {
    @Test("LEN:STRIDE parses; LEN ≥ 1, STRIDE ≥ 1 and STRIDE ≤ LEN are required, each with its reason")
    func parsing() throws {
        #expect(try ReadingMode.windows(parsing: "256:128") == .windows(length: 256, stride: 128))
        #expect(try ReadingMode.windows(parsing: "7:7") == .windows(length: 7, stride: 7))
        let cases: [(String, String)] = [
            ("0:1", "LEN is 0"), ("4:0", "STRIDE is 0"), ("128:256", "STRIDE 256 is larger than LEN 128"),
            ("256", "expected LEN:STRIDE"), ("a:b", "expected LEN:STRIDE"), ("1:2:3", "expected LEN:STRIDE"), ("-5:1", "LEN is -5"),
        ]
        for (text, reason) in cases {
            do {
                _ = try ReadingMode.windows(parsing: text)
                Issue.record("\(text) was accepted")
            } catch {
                #expect(error.description.contains(reason), "\(text): \(error)")
            }
        }
        #expect(ReadingMode.windows(length: 256, stride: 128).description == "windows 256/128")
        #expect(ReadingMode.truncate.description == "truncate")
    }

    @Test("saved as one string and checked when read back")
    func coding() throws {
        let modes: [ReadingMode] = [.truncate, .windows(length: 256, stride: 128)]
        let data = try JSONEncoder().encode(modes)
        #expect(String(decoding: data, as: UTF8.self) == #"["truncate","256:128"]"#)
        #expect(try JSONDecoder().decode([ReadingMode].self, from: data) == modes)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ReadingMode].self, from: Data(#"["10:20"]"#.utf8)) }
    }
}

/// `WindowCollector`: windows finish in any order; a passage is complete with its last window.
struct WindowCollectorTests {
    @Test func passagesCompleteWithTheirLastWindow() {
        var collector = WindowCollector<Int>(windowCounts: [3, 1, 2])
        #expect(collector.owners.map(\.passage) == [0, 0, 0, 1, 2, 2])
        #expect(collector.add([5, 3], [50, 30]) == [1])
        #expect(collector.add([0, 2, 4], [0, 20, 40]) == [2])
        #expect(collector.add([1, 1, 99], [10, 11, 0]) == [0])
        #expect(collector.results(of: 0) == [0, 10, 20])
        #expect(collector.results(of: 2) == [40, 50])
        #expect(collector.results(of: 7).isEmpty)
    }

    @Test("MaxP keeps the first of equal best windows, every window's score, and what the best window cut")
    func bestWindow() {
        let windows = (0..<3).map { PassageWindow(tokens: ($0 * 2)..<($0 * 2 + 4), span: ($0 * 10)..<($0 * 10 + 20)) }
        let scores = [1.0, 3.0, 3.0].map { PairScore(score: $0, probability: $0 / 10, logits: [Float($0)]) }
        let best = PairScore.best(of: scores, windows: windows) { index in
            TruncationReport(queryTokens: 4, passageTokens: 8, queryTokensCut: index, passageTokensCut: 0, passageKeptEnd: 40)
        }
        #expect(best.score == 3 && best.bestWindow == 1 && best.logits == [3] && best.probability == 0.3)
        #expect(best.truncation?.queryTokensCut == 1)
        #expect(best.windows.map(\.score) == [1, 3, 3] && best.windows.map(\.window) == windows)
        #expect(best.windowLabel == "w2/3")
    }
}
