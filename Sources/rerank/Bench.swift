import ArgumentParser
import Evaluation
import Foundation
import Inference
import ModelStore

/// `rerank bench`: throughput on a judged set's candidate pairs, optionally beside the peer engines.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score the first N candidate pairs of a judged set and report throughput.",
        discussion: """
            Reports pairs, seconds, docs/sec, tokens/sec and the padding ratio (padded tokens over all \
            tokens computed; the engine packs sequences, so it pads nothing). Tokenization is timed \
            with the model. --peers torch,onnx,onnx-int8 then runs the peer baselines \
            (peers.py, beside the set in ../../bench/ unless --peers-script says where) on the same pairs \
            and prints the speed ratios.
            """)

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var batchOptions: BatchOptions

    @Option(help: "The judged set's folder.")
    var eval: String

    @Option(help: "Score only the first N pairs (0: all).")
    var limit: Int = 0

    @Flag(help: "Print one JSON line per engine instead of a table.")
    var json = false

    @Flag(help: "Also print where the time goes, stage by stage (tokenization, embeddings, QKV, attention, …).")
    var profile = false

    @Option(help: "Peer engines to run after ours, comma-separated (torch, onnx, onnx-int8).")
    var peers: String?

    @Option(help: "The peer script (default: EVAL/../../bench/peers.py).")
    var peersScript: String?

    @Option(help: "The Python that has the peers' packages (default: $RERANK_PEERS_PYTHON or python3).")
    var python: String?

    func run() async throws {
        let set = try JudgedSet(folder: URL(fileURLWithPath: eval))
        var pairs = set.queries.flatMap { query in query.candidates.map { (query: query.text, passage: $0.text) } }
        if limit > 0 { pairs = Array(pairs.prefix(limit)) }
        let scorer = try await modelOptions.loadScorer(batchSize: batchOptions.batchSize)
        let result = try await BenchMeasurement.measure(scorer, pairs: pairs, maxLength: modelOptions.maxLength, profile: profile)
        try report(result, of: scorer.info)
        if profile { try report(stages: result.stages, seconds: result.seconds) }
        fflush(nil) // our figures appear before the peers start
        if let peers {
            let folder = try await modelOptions.locator().resolveOrDownload(modelOptions.model)
            let runner = PeerRunner(script: peersScript.map(URL.init(fileURLWithPath:)) ?? PeerRunner.defaultScript(eval: eval),
                                    python: python ?? ProcessInfo.processInfo.environment["RERANK_PEERS_PYTHON"] ?? "python3")
            for peer in try runner.run(engines: peers, model: folder.url, eval: eval, limit: pairs.count,
                                       threads: modelOptions.threads ?? ProcessInfo.processInfo.activeProcessorCount,
                                       maxLength: modelOptions.maxLength ?? folder.maxLength) {
                try report(peer, against: result)
            }
        }
    }

    private func report(_ result: BenchMeasurement, of scorer: ScorerInfo) throws {
        if json {
            var line: [String: Any] = ["engine": "rerank", "model": modelOptions.model, "precision": scorer.precision.rawValue,
                                       "kernels": EngineKernels.description(for: scorer.precision), "pairs": result.pairs,
                                       "seconds": result.seconds, "docs_per_sec": result.docsPerSecond,
                                       "tokens_per_sec": result.tokensPerSecond, "padding_ratio": result.paddingRatio]
            line["note"] = scorer.note
            try JSONLines.write(line)
        } else {
            print("""
                rerank · \(scorer.nameWithNote) · \(scorer.precision.rawValue) (\(EngineKernels.description(for: scorer.precision))) · \(result.pairs) pairs
                  seconds        \(String(format: "%.2f", result.seconds))
                  docs/sec       \(String(format: "%.1f", result.docsPerSecond))
                  tokens/sec     \(String(format: "%.0f", result.tokensPerSecond))
                  padding ratio  \(String(format: "%.3f", result.paddingRatio))
                """)
        }
    }

    /// Seconds and share per stage; what no stage covers (scheduling, result handling) is "other".
    private func report(stages: [(stage: EngineStage, time: Duration)], seconds: Double) throws {
        let timed = stages.map { ($0.stage.rawValue, $0.time.seconds) }
        let rows = timed + [("other", max(0, seconds - timed.reduce(0) { $0 + $1.1 }))]
        if json {
            try JSONLines.write(["profile": Dictionary(uniqueKeysWithValues: rows.map { ($0.0, $0.1) }), "seconds": seconds])
            return
        }
        print("  profile (wall time per stage)")
        for (name, stageSeconds) in rows {
            let share = seconds > 0 ? 100 * stageSeconds / seconds : 0
            print("    \(name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(String(format: "%7.3f s  %5.1f %%", stageSeconds, share))")
        }
    }

    private func report(_ peer: PeerResult, against ours: BenchMeasurement) throws {
        let ratio = ours.docsPerSecond / peer.docsPerSecond
        if json {
            try JSONLines.write(["engine": peer.engine, "pairs": peer.pairs, "seconds": peer.seconds,
                                 "docs_per_sec": peer.docsPerSecond, "rerank_speedup": ratio])
        } else {
            print("  vs \(peer.engine): \(String(format: "%.1f", peer.docsPerSecond)) docs/sec in \(String(format: "%.2f", peer.seconds)) s → rerank is \(String(format: "%.2f", ratio))× as fast")
        }
    }
}

/// One timed run of a scorer over pairs.
struct BenchMeasurement {
    let pairs: Int
    let seconds: Double
    let tokens: Int
    let paddedTokens: Int
    /// Wall time per stage, when profiled.
    var stages: [(stage: EngineStage, time: Duration)] = []

    var docsPerSecond: Double { Double(pairs) / seconds }
    var tokensPerSecond: Double { Double(tokens) / seconds }
    var paddingRatio: Double { tokens + paddedTokens > 0 ? Double(paddedTokens) / Double(tokens + paddedTokens) : 0 }

    static func measure(_ scorer: any Scorer, pairs: [(query: String, passage: String)], maxLength: Int?,
                        profile: Bool = false) async throws -> BenchMeasurement {
        _ = try await scorer.score(pairs: Array(pairs.prefix(8)), maxLength: maxLength, mode: .truncate, onBatch: nil) // warm-up
        StageProfile.shared.setEnabled(profile)
        defer { StageProfile.shared.setEnabled(false) }
        let start = Date()
        _ = try await scorer.score(pairs: pairs, maxLength: maxLength, mode: .truncate, onBatch: nil)
        let seconds = Date().timeIntervalSince(start)
        let stages = StageProfile.shared.stages
        let tokens = try pairs.reduce(0) { total, pair in
            total + (try scorer.tokenCount(query: pair.query, passage: pair.passage, maxLength: maxLength))
        }
        return BenchMeasurement(pairs: pairs.count, seconds: seconds, tokens: tokens, paddedTokens: 0, stages: stages)
    }
}

extension Scorer {
    /// Tokens the model reads for one pair (0 for BM25, which reads words).
    func tokenCount(query: String, passage: String, maxLength: Int?) throws -> Int {
        switch self {
        case let model as CrossEncoder: return try model.encode(query: query, passage: passage, maxLength: maxLength).inputIds.count
        case let model as BiEncoder: return try model.encode(passage, maxLength: maxLength).inputIds.count
        default: return 0
        }
    }
}
