import ArgumentParser
import Evaluation
import Foundation

/// `rerank rerank-run`: reranks a set's candidates with one model and writes the result as a TREC
/// run file, for trec_eval, ir_measures or ranx.
struct RerankRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rerank-run",
        abstract: "Rerank a run's (or a judged set's) top candidates and write a TREC run file.",
        discussion: """
            Each query's first --top-k candidates are scored and written best first as \
            `qid Q0 docid rank score tag`, ranked as trec_eval ranks them (equal scores by docid, \
            descending). Qrels are not needed. --model input writes the first-stage order, scored 1000 − rank.
            """)

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var batchOptions: BatchOptions
    @OptionGroup var source: SetSourceOptions

    @Option(name: .shortAndLong, help: "The run file to write.")
    var output: String

    @Option(help: "The run's tag, the sixth column (default: the model's name, white space replaced).")
    var tag: String?

    func validate() throws {
        try source.requireASet()
    }

    func run() async throws {
        let set = try source.load(needsJudgments: false).set
        let model = modelOptions.model
        let scores: RunScores
        if model == EvaluationReport.firstStageName {
            scores = set.firstStageScores
        } else {
            let scorer = try await modelOptions.loadScorer(batchSize: batchOptions.batchSize)
            let bar = ProgressBar(label: "scoring with \(model)")
            scores = try await Evaluator(scorer: scorer, maxLength: modelOptions.maxLength).run(set) { bar.update($0, of: $1) }.scores
            bar.finish()
        }
        let runTag = tag ?? URL(fileURLWithPath: model).lastPathComponent
        let run = TRECRun(scores: scores, queryOrder: set.queries.map(\.id),
                          tag: String(runTag.map { $0.isWhitespace ? "_" : $0 }))
        try run.write(to: URL(fileURLWithPath: output))
        let lines = run.entries.values.reduce(0) { $0 + $1.count }
        StandardError.print("wrote \(lines) lines for \(run.queryIDs.count) queries to \(output)")
    }
}
