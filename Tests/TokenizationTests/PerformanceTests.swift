import Foundation
import Testing
import TestSupport
import Tokenization

/// Tokenizing speed on the DL19 pairs. It prints the time and asserts nothing about it:
/// run `swift test -c release --filter PerformanceTests` for a meaningful number.
@Suite(.enabled(if: Fixtures.sharedAvailable))
struct PerformanceTests {
    @Test("encodePair over the 4,300 DL19 pairs at max_length 512")
    func dl19Pairs() throws {
        let tokenizer = try TokenizerFixtures.miniLM.get()
        let lines = try Fixtures.jsonLines(Fixtures.golden.appendingPathComponent("tokens-uncased.jsonl"))
        let pairs = lines.compactMap { line -> (String, String)? in
            guard line["qid"] != nil, (line["max_length"] as? NSNumber)?.intValue == 512,
                  let query = line["query"] as? String, let passage = line["passage"] as? String else { return nil }
            return (query, passage)
        }
        #expect(pairs.count == 4300)
        let rounds = Int(ProcessInfo.processInfo.environment["TOKENIZATION_BENCHMARK_ROUNDS"] ?? "") ?? 3
        var tokens = 0
        var times: [Duration] = []
        for _ in 0..<rounds {
            tokens = 0
            times.append(ContinuousClock().measure {
                for (query, passage) in pairs {
                    tokens += tokenizer.encodePair(query: query, passage: passage, maxLength: 512).inputIds.count
                }
            })
        }
        let characters = pairs.reduce(0) { $0 + $1.1.unicodeScalars.count }
        print("Tokenization: \(pairs.count) DL19 pairs (mean passage \(characters / max(pairs.count, 1)) scalars, \(tokens) tokens) "
              + "encoded at max_length 512; best of \(rounds): \(times.min() ?? .zero)")
    }
}
