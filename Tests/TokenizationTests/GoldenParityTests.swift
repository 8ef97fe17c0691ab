import Foundation
import Testing
import TestSupport
import Tokenization

/// Parity with the reference tokenizer on every line of the golden files.
@Suite(.enabled(if: Fixtures.sharedAvailable))
struct GoldenParityTests {
    @Test("tokens-uncased.jsonl: every pair's input_ids and token_type_ids match")
    func pairsMatchTheReference() throws {
        let tokenizer = try TokenizerFixtures.miniLM.get()
        let lines = try Fixtures.jsonLines(Fixtures.golden.appendingPathComponent("tokens-uncased.jsonl"))
        #expect(lines.count == 8640)
        var mismatches: [String] = []
        for line in lines {
            let query = line["query"] as? String ?? ""
            let passage = line["passage"] as? String ?? ""
            let maxLength = (line["max_length"] as? NSNumber)?.intValue ?? 0
            let encoded = tokenizer.encodePair(query: query, passage: passage, maxLength: maxLength)
            let expectedIds = TokenizerFixtures.ints(line, "input_ids")
            let expectedTypes = TokenizerFixtures.ints(line, "token_type_ids")
            let id = "\(line["id"] ?? line["qid"] ?? "?")/\(line["docid"] ?? "")@\(maxLength)"
            if encoded.inputIds != expectedIds {
                mismatches.append("\(id) input_ids: \(TokenizerFixtures.firstDifference(encoded.inputIds, expectedIds))")
            } else if encoded.tokenTypeIds != expectedTypes {
                mismatches.append("\(id) token_type_ids: \(TokenizerFixtures.firstDifference(encoded.tokenTypeIds, expectedTypes))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.prefix(20).joined(separator: "\n"))")
    }

    @Test("embeddings-all-MiniLM-L6-v2.jsonl: every text's input_ids match")
    func textsMatchTheReference() throws {
        let tokenizer = try TokenizerFixtures.miniLM.get()
        let lines = try Fixtures.jsonLines(Fixtures.golden.appendingPathComponent("embeddings-all-MiniLM-L6-v2.jsonl"))
        #expect(lines.count == 383)
        var mismatches: [String] = []
        for line in lines {
            let text = line["text"] as? String ?? ""
            let maxLength = (line["max_length"] as? NSNumber)?.intValue ?? 0
            let encoded = tokenizer.encode(text, maxLength: maxLength)
            let expected = TokenizerFixtures.ints(line, "input_ids")
            if encoded.inputIds != expected {
                mismatches.append("\(line["id"] ?? "?"): \(TokenizerFixtures.firstDifference(encoded.inputIds, expected))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.prefix(20).joined(separator: "\n"))")
    }
}
