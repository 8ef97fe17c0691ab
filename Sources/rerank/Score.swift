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
            the passages of the same query). With --query and --passages, prints a ranked table (--json: \
            one JSON line per passage, best first). With --windows, each line also gets "windows" (every \
            window's Unicode-scalar "start" and "end" in the passage, its "tokens" and "score") and \
            "best_window" (the position in "windows" of the window that gave "score").
            """)

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var batchOptions: BatchOptions
    @OptionGroup var windowOptions: WindowOptions

    @Option(help: "JSON Lines file of {\"query\", \"passage\"} objects.")
    var pairs: String?

    @Option(help: "A query to rank --passages for.")
    var query: String?

    @Option(help: "Passages: plain text (one per paragraph), JSON Lines, TSV, or a judged-set folder.")
    var passages: String?

    @Flag(help: "With --query and --passages: one JSON line per passage, best first, instead of a table.")
    var json = false

    func validate() throws {
        switch (pairs, query, passages) {
        case (.some, nil, nil), (nil, .some, .some): break
        default: throw ValidationError("give either --pairs FILE, or --query TEXT with --passages FILE")
        }
        if json, pairs != nil { throw ValidationError("--json goes with --query and --passages (--pairs always writes JSON Lines)") }
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
        let pairs = lines.map { ($0.string("query") ?? "", $0.string("passage") ?? "") }
        let mode = try windowOptions.mode(for: scorer, queries: pairs.map(\.0), maxLength: modelOptions.maxLength)
        let scores = try await scorer.score(pairs: pairs, maxLength: modelOptions.maxLength, mode: mode, onBatch: nil)
        for (line, score) in zip(lines, scores) {
            var object = line.object
            if !score.logits.isEmpty { object["logits"] = score.logits.map(JSONLines.number) }
            object["score"] = JSONLines.number(Float(score.score))
            object.merge(WindowJSON.fields(of: score)) { _, window in window }
            try JSONLines.write(object)
        }
    }

    private func rankPassages(query: String, file: String, with scorer: any Scorer) async throws {
        let collection = try PassageFiles.load(file)
        collection.warnings.forEach(StandardError.print)
        let texts = collection.passages.map(\.text)
        let mode = try windowOptions.mode(for: scorer, queries: [query], maxLength: modelOptions.maxLength)
        let ranked = try await scorer.rank(query: query, passages: texts, maxLength: modelOptions.maxLength, mode: mode)
        guard json else {
            print(RankedTable(info: scorer.info, query: query, passages: texts, ranked: ranked, mode: mode).render())
            return
        }
        for (position, entry) in ranked.enumerated() {
            var object: [String: Any] = ["rank": position + 1, "index": entry.index, "score": JSONLines.number(Float(entry.score.score))]
            object["id"] = collection.passages[entry.index].id
            object["probability"] = entry.score.probability
            if !entry.score.logits.isEmpty { object["logits"] = entry.score.logits.map(JSONLines.number) }
            if let truncation = entry.score.truncation, truncation.isTruncated {
                object["tokens_cut"] = truncation.passageTokensCut + truncation.queryTokensCut
            }
            object.merge(WindowJSON.fields(of: entry.score)) { _, window in window }
            try JSONLines.write(object)
        }
    }
}
