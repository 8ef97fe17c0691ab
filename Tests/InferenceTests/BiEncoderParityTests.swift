import Foundation
import ModelStore
import Synchronization
import Testing
import TestSupport
@testable import Inference

@Suite("Bi-encoder parity with sentence-transformers", .enabled(if: Fixtures.sharedAvailable))
struct BiEncoderParityTests {
    @Test("all golden embeddings within 1e-4 per component, same token ids")
    func goldenEmbeddings() async throws {
        let model = try BiEncoder(folder: try ModelFolder.open(Fixtures.biEncoder))
        let golden = try Fixtures.jsonLines(Fixtures.golden.appendingPathComponent("embeddings-all-MiniLM-L6-v2.jsonl"))
        #expect(golden.count == 383)
        let texts = try golden.map { try #require($0["text"] as? String) }
        for (line, text) in zip(golden, texts) {
            let ids = try #require(line["input_ids"] as? [Int]).map(Int32.init)
            #expect(try model.encode(text, maxLength: 256).inputIds == ids, "token ids differ for \(line["id"] ?? text)")
        }
        let embeddings = try await model.embed(texts, maxLength: 256)
        var worst: Float = 0
        for (line, embedding) in zip(golden, embeddings) {
            let expected = try #require(line["embedding"] as? [Double]).map(Float.init)
            #expect(expected.count == embedding.count)
            for (a, b) in zip(expected, embedding) { worst = max(worst, abs(a - b)) }
        }
        #expect(worst < 1e-4, "largest component difference \(worst)")
        print("bi-encoder parity: largest component difference \(worst)")
    }

    @Test("cosine ranks the Berlin passage first, as the model card's check does")
    func modelCardCheck() async throws {
        let model = try BiEncoder(folder: try ModelFolder.open(Fixtures.biEncoder))
        let scores = try await model.score(query: "How many people live in Berlin?", passages: [
            "Berlin has a population of 3,520,031 registered inhabitants in an area of 891.82 square kilometers.",
            "New York City is famous for the Metropolitan Museum of Art.",
        ])
        #expect(abs(scores[0].score - 0.7670) < 1e-4)
        #expect(abs(scores[1].score - 0.1529) < 1e-4)
    }

    @Test("a cross-encoder folder is refused as a bi-encoder")
    func wrongKind() throws {
        #expect(throws: InferenceError.self) { try BiEncoder(folder: try ModelFolder.open(Fixtures.crossEncoder)) }
    }

    @Test("passages embedded before a cancellation are not embedded again")
    func cancelledWorkStaysCached() async throws {
        let model = try BiEncoder(folder: try ModelFolder.open(Fixtures.biEncoder), batchSize: 4)
        let passages = (0..<40).map { "passage number \($0) about fleas and their life cycle" }
        let cancelled = Task {
            try await model.embed(passages) { _, _ in withUnsafeCurrentTask { $0?.cancel() } }
        }
        await #expect(throws: CancellationError.self) { try await cancelled.value }

        let firstReport = Mutex<Int?>(nil)
        let embeddings = try await model.embed(passages) { completed, _ in
            firstReport.withLock { $0 = $0 ?? completed }
        }
        #expect(embeddings.count == passages.count)
        // The batch finished before the cancellation comes back from the cache, all at once.
        #expect(try #require(firstReport.withLock { $0 }) >= 4)
    }
}
