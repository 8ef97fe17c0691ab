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
            first-stage order, the baseline every model should beat.
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
}
