import ArgumentParser
import Evaluation
import Foundation
import Inference

/// `rerank eval`: NDCG@10, MRR@10 and MAP of a model reranking a judged set.
struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rerank a judged set's candidates and report NDCG@10, MRR@10 and MAP.",
        discussion: """
            The set is a TREC-DL style folder (queries.tsv, candidates.tsv, passages.tsv, qrels.tsv). \
            NDCG@10 uses the grades as gains; MRR@10 and MAP count grade ≥ 2 as relevant; unjudged \
            candidates count as grade 0 (trec_eval practice). --model input keeps the candidates' \
            first-stage order, the baseline every model should beat. With --precision bf16 or int8 the \
            model also runs in fp32, and the report sets the two side by side with the largest score \
            difference of any pair: the measured cost of the faster path.
            """)

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var windowOptions: WindowOptions

    @Option(help: "The judged set's folder.")
    var eval: String

    @Flag(help: "Print one JSON line instead of a table.")
    var json = false

    func run() async throws {
        let set = try JudgedSet(folder: URL(fileURLWithPath: eval))
        set.warnings.forEach(StandardError.print)
        let report: EvaluationReport
        let model = modelOptions.model
        var scorerInfo: ScorerInfo?
        var mode = ReadingMode.truncate
        if model == EvaluationReport.firstStageName {
            report = EvaluationReport.firstStage(of: set)
        } else if modelOptions.engine.precision != .reference {
            try await reportPrecisionCost(on: set)
            return
        } else {
            let scorer = try await modelOptions.loadScorer()
            scorerInfo = scorer.info
            mode = try windowOptions.mode(for: scorer, queries: set.queries.map(\.text), maxLength: modelOptions.maxLength)
            let bar = ProgressBar(label: "eval \(model)")
            report = try await Evaluator(scorer: scorer, maxLength: modelOptions.maxLength, mode: mode)
                .evaluate(set) { bar.update($0, of: $1) }
            bar.finish()
        }
        if json {
            var line: [String: Any] = [
                "ndcg@10": report.mean.ndcgAt10, "mrr@10": report.mean.reciprocalRankAt10, "map": report.mean.averagePrecision,
                "model": model, "set": set.name, "queries": report.perQuery.count, "pairs": report.pairsScored,
                "seconds": report.seconds,
            ]
            line["note"] = scorerInfo?.note
            if case .windows(let length, let stride) = mode { line["windows"] = "\(length):\(stride)" }
            try JSONLines.write(line)
        } else {
            print("""
                \(set.name) · \(scorerInfo?.nameWithNote ?? model)\(mode == .truncate ? "" : " · \(mode)") · \(report.perQuery.count) queries, \(report.pairsScored) pairs, \(String(format: "%.1f", report.seconds)) s
                  NDCG@10  \(String(format: "%.4f", report.mean.ndcgAt10))
                  MRR@10   \(String(format: "%.4f", report.mean.reciprocalRankAt10))
                  MAP      \(String(format: "%.4f", report.mean.averagePrecision))
                """)
        }
    }

    /// Runs the model in fp32 and in the requested precision and prints both, with the difference.
    private func reportPrecisionCost(on set: JudgedSet) async throws {
        var runs: [ScoredRun] = []
        var info: ScorerInfo?
        for precision in [Precision.reference, modelOptions.engine.precision] {
            var options = modelOptions
            options.engine.precision = precision
            let scorer = try await options.loadScorer()
            info = scorer.info
            let mode = try windowOptions.mode(for: scorer, queries: set.queries.map(\.text), maxLength: modelOptions.maxLength)
            let bar = ProgressBar(label: "eval \(modelOptions.model) \(precision.rawValue)")
            runs.append(try await Evaluator(scorer: scorer, maxLength: modelOptions.maxLength, mode: mode).run(set) { bar.update($0, of: $1) })
            bar.finish()
        }
        let cost = PrecisionCost(reference: runs[0], candidate: runs[1], scorerName: modelOptions.model, on: set)
        let precision = modelOptions.engine.precision.rawValue, scoreName = info?.scoreName ?? "score"
        if json {
            func metrics(_ report: EvaluationReport) -> [String: Any] {
                ["ndcg@10": report.mean.ndcgAt10, "mrr@10": report.mean.reciprocalRankAt10, "map": report.mean.averagePrecision,
                 "seconds": report.seconds]
            }
            var line: [String: Any] = ["model": modelOptions.model, "set": set.name, "queries": cost.queries,
                                       "pairs": cost.candidate.pairsScored, "precision": precision,
                                       "kernels": EngineKernels.description(for: modelOptions.engine.precision),
                                       "fp32": metrics(cost.reference), precision: metrics(cost.candidate),
                                       "largest_score_difference": cost.largestScoreDifference, "score": scoreName,
                                       "identical_rankings": cost.identicalRankings]
            line["note"] = info?.note
            try JSONLines.write(line)
            return
        }
        func row(_ name: String, _ value: (MetricValues) -> Double) -> String {
            let reference = value(cost.reference.mean), candidate = value(cost.candidate.mean)
            return "  \(name.padding(toLength: 9, withPad: " ", startingAt: 0))"
                + String(format: "%.4f   %.4f   %+.4f", reference, candidate, candidate - reference)
        }
        print("""
            \(set.name) · \(info?.nameWithNote ?? modelOptions.model) · \(precision) (\(EngineKernels.description(for: modelOptions.engine.precision))) against fp32 · \(cost.queries) queries, \(cost.candidate.pairsScored) pairs
                       fp32     \(precision.padding(toLength: 8, withPad: " ", startingAt: 0)) difference
            \(row("NDCG@10", \.ndcgAt10))
            \(row("MRR@10", \.reciprocalRankAt10))
            \(row("MAP", \.averagePrecision))
              seconds  \(String(format: "%6.1f   %6.1f   %.2f× as fast", cost.reference.seconds, cost.candidate.seconds, cost.reference.seconds / max(cost.candidate.seconds, 1e-9)))
              largest \(scoreName) difference \(String(format: "%.4f", cost.largestScoreDifference)); rankings identical on \(cost.identicalRankings) of \(cost.queries) queries
            """)
    }
}
