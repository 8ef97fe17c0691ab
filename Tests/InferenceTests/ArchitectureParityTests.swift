import Foundation
import ModelStore
import Testing
import TestSupport
import Tokenization
@testable import Inference

/// Every seed architecture, through the one encoder and its head, against transformers' logits.
@Suite("Architectures compute what transformers computes", .enabled(if: Fixtures.sharedAvailable))
struct ArchitectureParityTests {
    /// Scores the reference's token ids and compares every logit of every line.
    private func expectReferenceLogits(_ model: CrossEncoder, fixture: String) async throws {
        let golden = try ArchitectureFixtures.golden(fixture)
        #expect(golden.count == 126)
        let scores = try await model.score(encoded: golden.map(\.encoded))
        var worst: Float = 0, worstID = ""
        for (line, score) in zip(golden, scores) {
            #expect(score.logits.count == line.logits.count, "\(line.id): \(score.logits.count) logits")
            for (ours, reference) in zip(score.logits, line.logits) where abs(ours - reference) > worst {
                (worst, worstID) = (abs(ours - reference), line.id)
            }
        }
        #expect(worst < 1e-4, "\(fixture): largest logit difference \(worst) at \(worstID)")
        print("\(fixture) parity: largest logit difference \(worst)")
    }

    @Test("the reference's token ids give its logits within 1e-4 on every line",
          arguments: ["tiny-electra", "tiny-distilbert", "tiny-bert-cased", "tiny-xlmr"])
    func logitsFromReferenceIds(fixture: String) async throws {
        let folder = try ModelFolder.open(ArchitectureFixtures.folder(fixture))
        let model = try CrossEncoder(folder: folder, tokenizer: ReferenceIdsTokenizer(vocabularySize: folder.config.vocabSize))
        #expect(model.info.summary.hasPrefix(folder.architecture + " · "))
        try await expectReferenceLogits(model, fixture: fixture)
    }

    @Test("text goes to the reference's token ids and logits, from every weights format and tokenizer",
          arguments: ["tiny-electra", "tiny-distilbert", "tiny-bert-cased", "tiny-xlmr",
                      "tiny-bert-cat", "tiny-bert-2label-bin", "tiny-bert-legacy-bin"])
    func textToLogits(fixture: String) async throws {
        try await expectTextToLogits(fixture: fixture)
    }

    /// Tokenizes every golden pair with the folder's own tokenizer, checks the ids, then scores the text.
    private func expectTextToLogits(fixture: String) async throws {
        let model = try CrossEncoder(folder: try ModelFolder.open(ArchitectureFixtures.folder(fixture)))
        let golden = try ArchitectureFixtures.golden(fixture)
        for line in golden {
            let pair = try model.encode(query: line.query, passage: line.passage, maxLength: line.maxLength)
            #expect(pair.inputIds == line.inputIds, "\(fixture) \(line.id) at \(line.maxLength): token ids differ")
            if let types = line.tokenTypeIds { #expect(pair.tokenTypeIds == types, "\(fixture) \(line.id): token types differ") }
        }
        try await expectReferenceLogits(model, fixture: fixture)
        for maxLength in [512, 48] {
            let lines = golden.filter { $0.maxLength == maxLength }
            let scores = try await model.score(pairs: lines.map { ($0.query, $0.passage) }, maxLength: maxLength)
            for (line, score) in zip(lines, scores) {
                #expect(zip(score.logits, line.logits).allSatisfy { abs($0 - $1) < 1e-4 }, "\(fixture) \(line.id): \(score.logits)")
                if line.logits.count == 2 {
                    let relevant = 1 / (1 + exp(Double(line.logits[0]) - Double(line.logits[1])))
                    #expect(abs(score.score - relevant) < 1e-4, "two labels score P(label 1)")
                }
            }
        }
    }

    @Test("XLM-R positions start after the padding id, so 512 of its 514 rows hold tokens")
    func xlmRobertaPositions() throws {
        let folder = try ModelFolder.open(ArchitectureFixtures.folder("tiny-xlmr"))
        let model = try CrossEncoder(folder: folder, tokenizer: ReferenceIdsTokenizer(vocabularySize: folder.config.vocabSize))
        #expect(folder.config.maxPositionEmbeddings == 514)
        #expect(throws: InferenceError.invalidMaxLength(513, limit: 512)) {
            try model.encode(query: "q", passage: "p", maxLength: 513)
        }
        #expect(model.info.maxLength == 512)
    }
}
