import Foundation
import ModelStore
import Testing
import TestSupport
@testable import Inference

/// A cross-encoder's pass computes only each sequence's first row in its last layer (`EncoderOutput.firstTokens`):
/// those rows must be the ones the whole pass gives, and the floor must count what was skipped.
@Suite("The first-token pass keeps the whole pass's first rows", .enabled(if: Fixtures.sharedAvailable))
struct EncoderOutputTests {
    /// The largest |Δ| between each sequence's first row of the whole pass and the first-token pass's row.
    private static func largestDifference(folder: URL, precision: Precision, sequences: [(ids: [Int32], types: [Int32]?)]) throws -> Float {
        let opened = try ModelFolder.open(folder)
        let model = try TransformerModel(folder: opened, tokenizer: ReferenceIdsTokenizer(vocabularySize: opened.config.vocabSize),
                                         precision: precision)
        var batch = PackedBatch()
        for sequence in sequences { batch.append(ids: sequence.ids, types: sequence.types) }
        let workspaces = EncoderWorkspaces(shape: model.encoder.shape)
        let whole = try model.encoder.encode(batch, output: .everyToken, workspaces: workspaces)
        let first = try model.encoder.encode(batch, output: .firstTokens, workspaces: workspaces)
        let h = model.encoder.shape.hidden
        #expect(first.count == sequences.count * h)
        var largest: Float = 0
        for sequence in 0..<sequences.count {
            let wholeRow = whole.readOnly + batch.range(of: sequence).lowerBound * h, firstRow = first.readOnly + sequence * h
            for j in 0..<h { largest = max(largest, abs(wholeRow[j] - firstRow[j])) }
        }
        return largest
    }

    @Test("every seed architecture, in every precision this CPU runs: first rows within 1e-5 of the whole pass's",
          arguments: ["tiny-electra", "tiny-distilbert", "tiny-bert-cased", "tiny-xlmr", "tiny-bert-cat"])
    func architectures(fixture: String) throws {
        let sequences = try ArchitectureFixtures.golden(fixture).map { (ids: $0.inputIds, types: $0.tokenTypeIds) }
        for precision in Precision.runnableHere {
            let largest = try Self.largestDifference(folder: ArchitectureFixtures.folder(fixture), precision: precision, sequences: sequences)
            #expect(largest <= 1e-5, "\(fixture) \(precision): largest difference \(largest)")
        }
    }

    @Test("the L6 cross-encoder on 64 golden pairs, in every precision this CPU runs: first rows within 1e-5")
    func realModel() throws {
        let lines = Array(try Fixtures.jsonLines(Fixtures.golden.appendingPathComponent("logits-ms-marco-MiniLM-L6-ce-local-v2.jsonl")).prefix(64))
        let sequences = try lines.map { line -> (ids: [Int32], types: [Int32]?) in
            (try #require(line["input_ids"] as? [Int]).map(Int32.init), try #require(line["token_type_ids"] as? [Int]).map(Int32.init))
        }
        for precision in Precision.runnableHere {
            let largest = try Self.largestDifference(folder: Fixtures.crossEncoderV2, precision: precision, sequences: sequences)
            #expect(largest <= 1e-5, "L6 \(precision): largest difference \(largest)")
            print("L6 \(precision): first-token pass within \(largest) of the whole pass")
        }
    }

    @Test("the floor counts the whole forward; the cross-encoder computes it less the last layer's other rows")
    func forwardCost() throws {
        let shape = try BertShape(try ModelFolder.open(Fixtures.crossEncoderV2).config) // 6 layers, hidden 384, inner 1536
        let whole = ForwardCost(shape: shape, output: .everyToken), first = ForwardCost(shape: shape, output: .firstTokens)
        // Per layer over 100 tokens: 2·100·(4·384² + 2·384·1536) dense + 4·100²·384 attention = 369,254,400.
        #expect(whole.flops(length: 100) == 6 * 369_254_400)
        #expect(whole.computedFlops(length: 100) == whole.flops(length: 100))
        #expect(first.flops(length: 100) == whole.flops(length: 100))
        // Skipped: 99 rows' output projection and feed-forward, 2·(384² + 2·384·1536) each, and their attention, 4·100·384.
        #expect(first.flops(length: 100) - first.computedFlops(length: 100) == 99 * (2 * (147_456 + 1_179_648) + 153_600))
    }
}
