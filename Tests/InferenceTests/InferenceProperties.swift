import Foundation
import ModelStore
import PropertyBased
import Testing
import TestSupport
@testable import Inference

/// Invariants on random requests: every fixture's tokenizer keeps the tokenizer invariants; what the
/// score cache relies on, a pair's score not depending on what else is in its batch, on the order of the
/// request or on how many lanes run batches side by side; BM25 scores not depending on the order of the
/// passages. Uses the tiny fixture models (fast).
@Suite("Inference properties", .serialized, .enabled(if: Fixtures.sharedAvailable))
struct InferenceProperties {
    static let words = [
        "booster", "doses", "vaccine", "immunity", "fades", "over", "time", "the", "a", "of", "why", "are",
        "needed", "antibodies", "café", "İstanbul", "中文", "😋", "—", "42", ",", ".", "Protection", "WANES",
    ]
    static let texts = Gen<String?>.element(of: words).compactMap { $0 }.array(of: 1...24).map { $0.joined(separator: " ") }

    /// A request: pairs over a few queries, each with a sort key for the shuffled copy.
    static let requests = zip(Gen.int(in: 0...2), texts, Gen.int(in: 0...1_000_000)).array(of: 1...12)

    /// How a request is run: sequences per batch and lanes (threads running batches side by side).
    static let runs = zip(Gen<Int?>.element(of: [1, 2, 3, 8]).compactMap { $0 }, Gen.int(in: 1...2))

    static let queries = ["why are booster doses needed", "immunity fades", "中文 café"]

    /// The request's positions in shuffled order.
    static func shuffledOrder(_ keys: [Int]) -> [Int] {
        keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
    }

    /// Runs `body` with `lanes` engine workers, then puts one per core back.
    static func withLanes<Result>(_ lanes: Int, _ body: () async throws -> Result) async rethrows -> Result {
        Parallel.setWorkers(lanes)
        defer { Parallel.setWorkers(ProcessInfo.processInfo.activeProcessorCount) }
        return try await body()
    }

    /// Same score within float rounding: a packed batch computes every sequence on its own, but BLAS
    /// sums a product in another order for another batch shape (seen: 1e-7 apart, never more).
    static func expectSame(_ actual: Double, _ expected: Double, _ what: String) {
        #expect(abs(actual - expected) <= 1e-5 * max(1, abs(expected)), "\(what): \(actual) here, \(expected) scored alone")
    }

    @Test("every fixture's own tokenizer keeps offsets monotone and truncates longest first within the budget",
          arguments: ["tiny-bert-cased", "tiny-xlmr", "tiny-distilbert", "tiny-bert-2label-bin"])
    func tokenizerInvariants(fixture: String) async throws {
        let tokenizer = try Tokenizers.load(try ModelFolder.open(ArchitectureFixtures.folder(fixture)))
        let texts = Gen<String?>.element(of: Self.words + [" ", "\n", "\u{200B}", "cafe\u{301}", "▁", "x\u{301}\u{323}"])
            .compactMap { $0 }.array(of: 0...30).map { $0.joined() }
        await propertyCheck(count: 150, input: texts, texts, Gen.int(in: 4...40)) { query, passage, maxLength in
            TokenizerInvariants.expectMonotoneOffsets(tokenizer.tokenize(passage), in: passage)
            TokenizerInvariants.expectPairTruncation(tokenizer, query: query, passage: passage, maxLength: maxLength)
            TokenizerInvariants.expectSingleTruncation(tokenizer, text: passage, maxLength: maxLength)
        }
    }

    @Test("BM25 scores do not depend on the order of the passages")
    func bm25IgnoresPassageOrder() async {
        let scorer = BM25Scorer()
        await propertyCheck(count: 300, input: Self.texts, zip(Self.texts, Gen.int(in: 0...1_000_000)).array(of: 1...20)) { query, drawn in
            let passages = drawn.map(\.0)
            let order = Self.shuffledOrder(drawn.map(\.1))
            let scores = scorer.scores(query: query, passages: passages)
            let shuffled = scorer.scores(query: query, passages: order.map { passages[$0] })
            for (position, original) in order.enumerated() {
                #expect(shuffled[position] == scores[original], "passage \(original) scores \(shuffled[position]) at position \(position), \(scores[original]) in order")
            }
        }
    }

    @Test("a cross-encoder's score of a pair does not depend on its batch, the request order or the lanes",
          arguments: ["tiny-bert-cased", "tiny-xlmr", "tiny-distilbert"])
    func crossEncoderBatchIndependence(fixture: String) async throws {
        let folder = try ModelFolder.open(ArchitectureFixtures.folder(fixture))
        let alone = try CrossEncoder(folder: folder, batchSize: 1)
        let batched = try Dictionary(uniqueKeysWithValues: [1, 2, 3, 8].map { ($0, try CrossEncoder(folder: folder, batchSize: $0)) })
        await propertyCheck(count: 40, input: Self.requests, Self.runs) { request, run in
            let pairs = request.map { (query: Self.queries[$0.0], passage: $0.1) }
            let order = Self.shuffledOrder(request.map(\.2))
            let model = try #require(batched[run.0])
            let reference = try await Self.withLanes(1) { try await alone.score(pairs: pairs, maxLength: 64, mode: .truncate, onBatch: nil) }
            let scores = try await Self.withLanes(run.1) {
                try await model.score(pairs: order.map { pairs[$0] }, maxLength: 64, mode: .truncate, onBatch: nil)
            }
            for (position, original) in order.enumerated() {
                Self.expectSame(scores[position].score, reference[original].score,
                                "\(fixture) pair \(original) in batches of \(run.0) on \(run.1) lanes")
            }
        }
    }

    @Test("a bi-encoder's score of a passage does not depend on its batch, the request order or the lanes")
    func biEncoderBatchIndependence() async throws {
        // The tiny cased BERT read as a bi-encoder: the same encoder, mean-pooled (its head is ignored).
        let files = try TemporaryFiles("bi-encoder-fixture")
        let copy = try ArchitectureFixtures.copy("tiny-bert-cased", into: files.directory, config: ["architectures": ["BertModel"]])
        let folder = try ModelFolder.open(copy)
        await propertyCheck(count: 25, input: Self.requests, Self.runs) { request, run in
            let passages = request.map(\.1)
            let order = Self.shuffledOrder(request.map(\.2))
            // A fresh model each time, so its embedding cache cannot hide a difference.
            let alone = try BiEncoder(folder: folder, batchSize: 1), model = try BiEncoder(folder: folder, batchSize: run.0)
            let reference = try await Self.withLanes(1) { try await alone.score(query: Self.queries[0], passages: passages) }
            let scores = try await Self.withLanes(run.1) { try await model.score(query: Self.queries[0], passages: order.map { passages[$0] }) }
            for (position, original) in order.enumerated() {
                Self.expectSame(scores[position].score, reference[original].score, "passage \(original) in batches of \(run.0) on \(run.1) lanes")
            }
        }
    }
}
