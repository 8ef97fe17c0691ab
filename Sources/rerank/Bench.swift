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
            and prints the speed ratios. --rounds N runs ours, the floor and the peers N times, interleaved, \
            and reports each one's fastest run.
            """)

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var batchOptions: BatchOptions

    @Option(help: "The judged set's folder.")
    var eval: String

    @Option(help: "Score only the first N pairs (0: all).")
    var limit: Int = 0

    @Option(help: "Take only each query's first N candidates (0: all), as `scripts/load-test` sends them.")
    var perQuery: Int = 0

    @Flag(help: "Print one JSON line per engine instead of a table.")
    var json = false

    @Flag(help: "Also print where the time goes, stage by stage (tokenization, embeddings, QKV, attention, …).")
    var profile = false

    @Flag(help: "Also time single-precision GEMMs of the model's shapes and print the floor they set: the docs/sec of a pass that did nothing but its arithmetic at that speed.")
    var floor = false

    @Option(help: "Run everything (ours, the floor, the peers) this many times, interleaved, and report each one's fastest run: on a machine shared with other work, the slower runs are the disturbed ones.")
    var rounds: Int = 1

    @Option(help: "Also score the pairs stretched to each of these token counts (comma-separated, e.g. 64,128,256,512: each passage repeated and cut there) and print how time grows with length.")
    var lengths: String?

    @Option(help: "Peer engines to run after ours, comma-separated (torch, onnx, onnx-int8).")
    var peers: String?

    @Option(help: "The peer script (default: EVAL/../../bench/peers.py).")
    var peersScript: String?

    @Option(help: "The Python that has the peers' packages (default: $RERANK_PEERS_PYTHON or python3).")
    var python: String?

    func validate() throws {
        guard rounds >= 1 else { throw ValidationError("--rounds takes a count of at least 1, not \(rounds)") }
    }

    func run() async throws {
        let set = try JudgedSet(folder: URL(fileURLWithPath: eval))
        var pairs = set.queries.flatMap { query in
            query.candidates.prefix(perQuery > 0 ? perQuery : query.candidates.count).map { (query: query.text, passage: $0.text) }
        }
        if limit > 0 { pairs = Array(pairs.prefix(limit)) }
        let scorer = try await modelOptions.loadScorer(batchSize: batchOptions.batchSize)
        let cost = floor ? try Self.forwardCost(of: scorer) : nil
        let runPeers = try await peerRunner(pairs: pairs.count)
        // Each round runs ours, the floor's GEMMs and the peers, so all of them meet the same spells of a busy
        // machine; the last round's peers run once ours is printed, so our figures appear before the peers start.
        var runs: [BenchMeasurement] = [], gemmRates: [GEMMRate] = [], peerRuns: [PeerResult] = []
        for round in 1...rounds {
            runs.append(try await BenchMeasurement.measure(scorer, pairs: pairs, maxLength: modelOptions.maxLength, profile: profile))
            if let cost { gemmRates.append(cost.gemmRate()) }
            if round < rounds, let runPeers { peerRuns += try runPeers() }
        }
        guard let result = runs.max(by: { $0.docsPerSecond < $1.docsPerSecond }) else { return }
        try report(result, of: scorer.info, runs: runs)
        if profile { try report(stages: result.stages, seconds: result.seconds) }
        if let cost, let rate = gemmRates.max(by: { $0.flopsPerSecond < $1.flopsPerSecond }) { try reportFloor(cost: cost, rate: rate, lengths: result.lengths, docsPerSecond: result.docsPerSecond) }
        if let lengths { try await reportScaling(of: scorer, pairs: pairs, lengths: try Self.tokenCounts(lengths)) }
        fflush(nil)
        if let runPeers {
            peerRuns += try runPeers()
            var engines: [String] = [], fastest: [String: PeerResult] = [:]
            for peer in peerRuns {
                if fastest[peer.engine] == nil { engines.append(peer.engine) }
                if peer.docsPerSecond > fastest[peer.engine]?.docsPerSecond ?? 0 { fastest[peer.engine] = peer }
            }
            for peer in engines.compactMap({ fastest[$0] }) { try report(peer, against: result) }
        }
    }

    /// Runs the peers named by --peers on the first `pairs` pairs (nil without --peers).
    private func peerRunner(pairs: Int) async throws -> (() throws -> [PeerResult])? {
        guard let peers else { return nil }
        let folder = try await modelOptions.engine.locator().resolveOrDownload(modelOptions.model)
        let runner = PeerRunner(script: peersScript.map(URL.init(fileURLWithPath:)) ?? PeerRunner.defaultScript(eval: eval),
                                python: python ?? ProcessInfo.processInfo.environment["RERANK_PEERS_PYTHON"] ?? "python3")
        let threads = modelOptions.engine.threads ?? ProcessInfo.processInfo.activeProcessorCount
        let maxLength = modelOptions.maxLength ?? folder.maxLength
        return { try runner.run(engines: peers, model: folder.url, eval: eval, limit: pairs, threads: threads, maxLength: maxLength) }
    }

    /// The fastest of `runs`, and with several rounds every run's docs/sec.
    private func report(_ result: BenchMeasurement, of scorer: ScorerInfo, runs: [BenchMeasurement]) throws {
        let eachRun = runs.map(\.docsPerSecond)
        if json {
            var line: [String: Any] = ["engine": "rerank", "model": modelOptions.model, "precision": scorer.precision.rawValue,
                                       "kernels": EngineKernels.description(for: scorer.precision), "pairs": result.pairs,
                                       "seconds": result.seconds, "docs_per_sec": result.docsPerSecond,
                                       "tokens_per_sec": result.tokensPerSecond, "padding_ratio": result.paddingRatio]
            line["note"] = scorer.note
            if runs.count > 1 { line["runs_docs_per_sec"] = eachRun }
            try JSONLines.write(line)
        } else {
            print("""
                rerank · \(scorer.nameWithNote) · \(scorer.precision.rawValue) (\(EngineKernels.description(for: scorer.precision))) · \(result.pairs) pairs
                  seconds        \(String(format: "%.2f", result.seconds))
                  docs/sec       \(String(format: "%.1f", result.docsPerSecond))
                  tokens/sec     \(String(format: "%.0f", result.tokensPerSecond))
                  padding ratio  \(String(format: "%.3f", result.paddingRatio))
                """)
            if runs.count > 1 {
                print("  rounds         \(eachRun.map { String(format: "%.1f", $0) }.joined(separator: ", ")) docs/sec (the fastest above)")
            }
        }
    }

    /// Seconds and share per stage. Batches that run side by side, one per core, each count their
    /// own time, so the shares are of the time all stages took together rather than of the wall time.
    private func report(stages: [(stage: EngineStage, time: Duration)], seconds: Double) throws {
        let rows = stages.map { ($0.stage.rawValue, $0.time.seconds) }
        let total = rows.reduce(0) { $0 + $1.1 }
        if json {
            try JSONLines.write(["profile": Dictionary(uniqueKeysWithValues: rows.map { ($0.0, $0.1) }), "seconds": seconds])
            return
        }
        print("  profile (time per stage, summed over the batches that ran side by side)")
        for (name, stageSeconds) in rows {
            let share = total > 0 ? 100 * stageSeconds / total : 0
            print("    \(name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(String(format: "%7.3f s  %5.1f %%", stageSeconds, share))")
        }
    }

    private static func tokenCounts(_ list: String) throws -> [Int] {
        try list.split(separator: ",").map { item in
            guard let count = Int(item.trimmingCharacters(in: .whitespaces)), count >= 8 else {
                throw ValidationError("--lengths takes token counts of at least 8, comma-separated (64,128,256,512); '\(item)' is not one")
            }
            return count
        }
    }

    /// Throughput with every pair exactly `length` tokens long: each passage repeated past the limit and cut
    /// there, so attention's share shows where its quadratic cost starts to matter.
    private func reportScaling(of scorer: any Scorer, pairs: [(query: String, passage: String)], lengths: [Int]) async throws {
        if !json { print("  length scaling (every pair cut at exactly that many tokens)") }
        for length in lengths {
            let stretched = pairs.map { pair in
                (query: pair.query, passage: Array(repeating: pair.passage, count: 8 * length / max(1, pair.passage.count) + 1)
                    .joined(separator: " "))
            }
            let result = try await BenchMeasurement.measure(scorer, pairs: stretched, maxLength: length, profile: true)
            let total = result.stages.reduce(0) { $0 + $1.time.seconds }
            let attention = result.stages.first { $0.stage == .attention }?.time.seconds ?? 0
            let share = total > 0 ? attention / total : 0
            if json {
                try JSONLines.write(["length": length, "docs_per_sec": result.docsPerSecond, "tokens_per_sec": result.tokensPerSecond,
                                     "attention_share": share])
            } else {
                print(String(format: "    %4d tokens  %7.1f docs/sec  %7.0f tokens/sec  attention %4.1f %%",
                             length, result.docsPerSecond, result.tokensPerSecond, 100 * share))
            }
        }
    }

    private static func forwardCost(of scorer: any Scorer) throws -> ForwardCost {
        switch scorer {
        case let model as CrossEncoder: return model.forwardCost
        case let model as BiEncoder: return model.forwardCost
        default: throw ValidationError("--floor needs a transformer model; \(scorer.info.name) does no matrix products")
        }
    }

    /// The fp32 floor: the pairs' arithmetic, as the reference computes it, at the GEMM speed (`rate`) this machine
    /// reaches on the model's shapes; and, when the engine computes less than that, the rate of the part it computes.
    private func reportFloor(cost: ForwardCost, rate: GEMMRate, lengths: [Int], docsPerSecond: Double) throws {
        let flops = lengths.reduce(0) { $0 + cost.flops(length: $1) }
        let computed = lengths.reduce(0) { $0 + cost.computedFlops(length: $1) }
        let floorDocsPerSecond = Double(lengths.count) / (flops / rate.flopsPerSecond)
        let share = docsPerSecond / floorDocsPerSecond, computedShare = share * computed / flops
        if json {
            try JSONLines.write(["floor_docs_per_sec": floorDocsPerSecond, "gemm_gflops": rate.flopsPerSecond / 1e9,
                                 "gemm_library": rate.library, "work_gflop": flops / 1e9, "share_of_floor": share,
                                 "computed_gflop": computed / 1e9, "computed_share_of_gemm_rate": computedShare])
        } else {
            print(String(format: "  floor          %.1f docs/sec (%.1f GFLOP of work at %.1f GFLOP/s, ", floorDocsPerSecond, flops / 1e9,
                         rate.flopsPerSecond / 1e9) + rate.library + " on the model's shapes)")
            print(String(format: "  rerank is at   %.1f %% of the floor", 100 * share))
            if computed < flops {
                print(String(format: "  rerank skips   %.1f %% of that work (the last layer's rows no score reads); "
                             + "it runs the %.1f GFLOP it does at %.1f %% of the GEMM speed", 100 * (1 - computed / flops), computed / 1e9,
                             100 * computedShare))
            }
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
    /// Tokens the model read, pair by pair.
    let lengths: [Int]
    let paddedTokens: Int
    /// Wall time per stage, when profiled.
    var stages: [(stage: EngineStage, time: Duration)] = []

    var docsPerSecond: Double { Double(pairs) / seconds }
    var tokens: Int { lengths.reduce(0, +) }
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
        let lengths = try pairs.map { try scorer.tokenCount(query: $0.query, passage: $0.passage, maxLength: maxLength) }
        return BenchMeasurement(pairs: pairs.count, seconds: seconds, lengths: lengths, paddedTokens: 0, stages: stages)
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
