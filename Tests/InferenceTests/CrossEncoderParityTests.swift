import Foundation
import Synchronization
import ModelStore
import Testing
import TestSupport
import Tokenization
@testable import Inference

/// One line of the golden cross-encoder file.
private struct GoldenPair {
    let id: String
    let qid: String?
    let query: String
    let passage: String
    let maxLength: Int
    let inputIds: [Int32]
    let logits: [Float]

    init(_ line: [String: Any]) throws {
        id = (line["id"] as? String) ?? "\(line["qid"] ?? "?")/\(line["docid"] ?? "?")"
        qid = line["qid"] as? String
        query = try #require(line["query"] as? String)
        passage = try #require(line["passage"] as? String)
        maxLength = try #require(line["max_length"] as? Int)
        inputIds = try #require(line["input_ids"] as? [Int]).map(Int32.init)
        logits = try #require(line["logits"] as? [Double]).map(Float.init)
    }
}

@Suite("Cross-encoder parity with transformers", .enabled(if: Fixtures.sharedAvailable))
struct CrossEncoderParityTests {
    @Test("all 4,340 golden pairs: same token ids, logits within 1e-4, DL19 rankings identical",
          arguments: [Fixtures.crossEncoder, Fixtures.crossEncoderV2])
    func goldenLogits(folder: URL) async throws {
        let model = try CrossEncoder(folder: try ModelFolder.open(folder))
        let golden = try Fixtures.jsonLines(Fixtures.golden.appendingPathComponent("logits-\(folder.lastPathComponent).jsonl"))
            .map(GoldenPair.init)
        #expect(golden.count == 4_340)

        let encoded = try golden.map { try model.encode(query: $0.query, passage: $0.passage, maxLength: $0.maxLength) }
        let idMismatches = zip(golden, encoded).filter { $0.inputIds != $1.inputIds }.map(\.0.id)
        #expect(idMismatches.isEmpty, "token ids differ for \(idMismatches.prefix(5))")

        let scores = try await model.score(encoded: encoded)
        var worst: Float = 0, worstID = ""
        for (line, score) in zip(golden, scores) {
            let difference = abs(score.logits[0] - line.logits[0])
            if difference > worst { (worst, worstID) = (difference, line.id) }
        }
        #expect(worst < 1e-4, "largest logit difference \(worst) at \(worstID)")
        print("\(folder.lastPathComponent) parity: largest logit difference \(worst) at \(worstID)")

        let byQuery = Dictionary(grouping: zip(golden, scores).filter { $0.0.qid != nil && $0.0.maxLength == 512 }) { $0.0.qid! }
        #expect(byQuery.count == 43)
        for (qid, rows) in byQuery {
            let ours = Ranking.order(rows.map(\.1.score))
            let reference = rows.map { Double($0.0.logits[0]) }
            for (position, index) in ours.enumerated() {
                for later in ours[(position + 1)...] {
                    #expect(reference[index] >= reference[later] - 1e-4,
                            "query \(qid): \(rows[index].0.id) ranked above \(rows[later].0.id)")
                }
            }
        }
    }

    @Test("one-label scores are the logit with its sigmoid; two-label scores are P(label 1)")
    func scoreSemantics() {
        let one = ClassificationHead.score(logits: [2])
        #expect(one.score == 2)
        #expect(abs(one.probability - 1 / (1 + exp(-2.0))) < 1e-12)
        let two = ClassificationHead.score(logits: [1, 3])
        #expect(abs(two.score - 1 / (1 + exp(-2.0))) < 1e-12)
        #expect(two.probability == two.score)
    }

    @Test("the truncation report says how much of a long passage was cut")
    func truncationReport() async throws {
        let model = try CrossEncoder(folder: try ModelFolder.open(Fixtures.crossEncoder))
        let passage = Array(repeating: "the flea life cycle lasts weeks", count: 200).joined(separator: " ")
        let scores = try await model.score(query: "flea", passages: [passage, "short"], maxLength: 64, onBatch: nil)
        let report = try #require(scores[0].truncation)
        #expect(report.isTruncated)
        #expect(report.passageTokens - report.passageTokensCut == 64 - 3 - report.queryTokens)
        #expect(report.passageKeptEnd < passage.unicodeScalars.count)
        #expect(scores[1].truncation?.isTruncated == false)
    }

    @Test("batches stream back with their positions, and cancelling stops the work")
    func streamingAndCancellation() async throws {
        let model = try CrossEncoder(folder: try ModelFolder.open(Fixtures.crossEncoder), batchSize: 4)
        let passages = (0..<40).map { "passage number \($0) about fleas and their life cycle" }
        let seen = Mutex<Set<Int>>([])
        let scores = try await model.score(query: "flea", passages: passages, maxLength: nil) { batch in
            seen.withLock { $0.formUnion(batch.indices) }
        }
        #expect(seen.withLock { $0 } == Set(passages.indices))
        #expect(scores.count == passages.count)

        let task = Task {
            try await model.score(query: "flea", passages: passages + passages + passages, maxLength: nil) { _ in
                withUnsafeCurrentTask { $0?.cancel() }
            }
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test("a max length beyond the model's positions is refused with a message")
    func maxLengthOutOfRange() throws {
        let model = try CrossEncoder(folder: try ModelFolder.open(Fixtures.crossEncoder))
        #expect(throws: InferenceError.invalidMaxLength(1_000, limit: 512)) {
            try model.encode(query: "q", passage: "p", maxLength: 1_000)
        }
    }
}
