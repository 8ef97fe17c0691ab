import ArgumentParser
import Foundation
import Inference
import PassageSources

/// `rerank score`: scores pairs from a file, or ranks passages for one query.
struct Score: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score {\"query\",\"passage\"} lines, or rank a file of passages for --query.",
        discussion: """
            With --pairs, each line gets "logits" (raw model outputs; cross-encoders) and "score" (the \
            ranking score: the logit, P(label 1) for two-label heads, cosine for bi-encoders, BM25 over \
            the passages of the same query). With --query and --passages, prints a ranked table.
            """)

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var batchOptions: BatchOptions

    @Option(help: "JSON Lines file of {\"query\", \"passage\"} objects.")
    var pairs: String?

    @Option(help: "A query to rank --passages for.")
    var query: String?

    @Option(help: "Passages: plain text (one per paragraph), JSON Lines, TSV, or a judged-set folder.")
    var passages: String?

    func validate() throws {
        switch (pairs, query, passages) {
        case (.some, nil, nil), (nil, .some, .some): return
        default: throw ValidationError("give either --pairs FILE, or --query TEXT with --passages FILE")
        }
    }

    func run() async throws {
        let scorer = try await modelOptions.loadScorer(batchSize: batchOptions.batchSize)
        if let pairs {
            try await scorePairs(pairs, with: scorer)
        } else if let query, let passages {
            try await rankPassages(query: query, file: passages, with: scorer)
        }
    }

    private func scorePairs(_ path: String, with scorer: any Scorer) async throws {
        let lines = try JSONLines.read(path, requiredKeys: ["query", "passage"])
        let scores = try await PairScoring.score(lines.map { ($0.string("query") ?? "", $0.string("passage") ?? "") },
                                                 with: scorer, maxLength: modelOptions.maxLength)
        for (line, score) in zip(lines, scores) {
            var object = line.object
            if !score.logits.isEmpty { object["logits"] = score.logits.map(JSONLines.number) }
            object["score"] = JSONLines.number(Float(score.score))
            try JSONLines.write(object)
        }
    }

    private func rankPassages(query: String, file: String, with scorer: any Scorer) async throws {
        let collection = try PassageSources.load(contentsOf: URL(fileURLWithPath: file))
        collection.warnings.forEach(StandardError.print)
        let texts = collection.passages.map(\.text)
        let ranked = try await scorer.rank(query: query, passages: texts, maxLength: modelOptions.maxLength)
        print(RankedTable(info: scorer.info, query: query, passages: texts, ranked: ranked).render())
    }
}

/// Scores arbitrary (query, passage) pairs with any scorer: cross-encoders in one batched call,
/// other scorers query by query (BM25's collection is the passages of that query).
enum PairScoring {
    static func score(_ pairs: [(query: String, passage: String)], with scorer: any Scorer,
                      maxLength: Int?) async throws -> [PairScore] {
        if let crossEncoder = scorer as? CrossEncoder {
            return try await crossEncoder.score(pairs: pairs, maxLength: maxLength)
        }
        var results = [PairScore?](repeating: nil, count: pairs.count)
        let groups = Dictionary(grouping: pairs.indices, by: { pairs[$0].query })
        for (query, indices) in groups.sorted(by: { $0.value[0] < $1.value[0] }) {
            let scores = try await scorer.score(query: query, passages: indices.map { pairs[$0].passage },
                                                maxLength: maxLength, onBatch: nil)
            for (index, score) in zip(indices, scores) { results[index] = score }
        }
        return results.compactMap { $0 }
    }
}
