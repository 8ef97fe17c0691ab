import ArgumentParser
import Evaluation
import Foundation
import PassageSources

/// Where the judged set comes from: a judged-set folder, a TREC run with its queries, corpus and
/// qrels, or a BEIR folder with a run; and how much of each query's candidate list is reranked.
/// Commands that need a set call `requireASet()` in their `validate()`; `rerank explore` takes it
/// when given (`explorerSource(files:)`).
struct SetSourceOptions: ParsableArguments {
    @Option(help: "A judged set folder (queries.tsv, candidates.tsv, passages.tsv, qrels.tsv).")
    var eval: String?

    @Option(help: "A TREC run to rerank (qid Q0 docid rank score tag), e.g. a Pyserini BM25 run.")
    var run: String?

    @Option(help: "The run's queries: TSV (qid<TAB>text) or JSON Lines (_id, text).")
    var queries: String?

    @Option(help: ArgumentHelp("The run's documents: TSV (docid<TAB>text) or JSON Lines (_id, title, text).",
                               discussion: "Read in one pass keeping only the documents the run needs; title and text are joined with a space, as BEIR does."))
    var corpus: String?

    @Option(help: "Judgments: TREC qrels (qid 0 docid grade) or BEIR TSV (query-id corpus-id score, with a header).")
    var qrels: String?

    @Option(help: "A BEIR folder (corpus.jsonl, queries.jsonl, qrels/SPLIT.tsv); give the run to rerank with --run.")
    var beir: String?

    @Option(help: "The BEIR qrels split.")
    var split = "test"

    @Option(help: "Candidates reranked per query: the run's or candidates.tsv's first N.")
    var topK = 100

    @Flag(help: ArgumentHelp("Add each judged positive (grade ≥ 1) the first stage missed to its query's candidates.",
                             discussion: "sentence-transformers' CrossEncoderRerankingEvaluator convention (always_rerank_positives=True)."))
    var rerankPositives = false

    func validate() throws {
        let runFiles = [queries, corpus, qrels].contains { $0 != nil }
        if eval != nil {
            guard run == nil, beir == nil, !runFiles else { throw ValidationError(Self.usage) }
        } else if beir != nil {
            guard run != nil, !runFiles else { throw ValidationError(Self.usage) }
        } else if runFiles {
            guard run != nil, queries != nil, corpus != nil else { throw ValidationError(Self.usage) }
        }
        guard topK >= 1 else { throw ValidationError("--top-k must be at least 1") }
    }

    /// True when the options name a set, or a file of one.
    var namesASet: Bool {
        [eval, run, queries, corpus, qrels, beir].contains { $0 != nil }
    }

    /// Refuses options that name no set, for the commands that need one.
    func requireASet() throws {
        guard namesASet else { throw ValidationError(Self.usage) }
    }

    /// The set `rerank explore` opens, or nil when neither these options nor its FILES name one
    /// (then the FILES are passages). The one FILE may be the set: a judged-set folder stands for
    /// `--eval`, a BEIR folder for `--beir` with the run from `--run`.
    func explorerSource(files: [String]) throws -> JudgedSetSource? {
        if files.count == 1 {
            let folder = URL(fileURLWithPath: files[0])
            if let run, beir == nil, eval == nil, [queries, corpus, qrels].allSatisfy({ $0 == nil }), RunSetFiles.isBEIRFolder(folder) {
                return .run(.beir(folder: folder, run: URL(fileURLWithPath: run), split: split))
            }
            if !namesASet, JudgedSetFolder.isJudgedSet(folder) { return .folder(folder) }
        }
        guard namesASet else { return nil }
        guard files.isEmpty else {
            throw ValidationError("give passage FILES or a judged set (\(Self.usage)), not both")
        }
        return try source(needsJudgments: false)
    }

    private static let usage = "give the set as --eval DIR, or --run FILE --queries FILE --corpus FILE --qrels FILE, "
        + "or --beir DIR --run FILE"

    /// The source the options name; `needsJudgments` refuses a run given without qrels.
    func source(needsJudgments: Bool) throws -> JudgedSetSource {
        if let eval { return .folder(URL(fileURLWithPath: eval)) }
        guard let run else { throw ValidationError(Self.usage) }
        let runURL = URL(fileURLWithPath: run)
        if let beir { return .run(.beir(folder: URL(fileURLWithPath: beir), run: runURL, split: split)) }
        guard let queries, let corpus else { throw ValidationError(Self.usage) }
        if needsJudgments && qrels == nil { throw ValidationError("--run needs --qrels to evaluate: " + Self.usage) }
        return .run(RunSetFiles(run: runURL, queries: URL(fileURLWithPath: queries), corpus: URL(fileURLWithPath: corpus),
                                qrels: qrels.map { URL(fileURLWithPath: $0) }))
    }

    /// Loads the set with a progress bar for the corpus pass, and prints its warnings on standard error.
    func load(needsJudgments: Bool) throws -> LoadedJudgedSet {
        let loaded = try load(try source(needsJudgments: needsJudgments))
        loaded.set.warnings.forEach(StandardError.print)
        return loaded
    }

    /// Loads `source` with these options' top-k and positives, with a progress bar for the corpus
    /// pass; the warnings stay in the set.
    func load(_ source: JudgedSetSource) throws -> LoadedJudgedSet {
        let bar = ProgressBar(label: "reading corpus", unit: "MB")
        var barShown = false
        let loaded = try source.load(topK: topK, rerankPositives: rerankPositives) { read, total in
            barShown = true
            let megabytes = max((total + 999_999) / 1_000_000, 1)
            bar.update(read >= total ? megabytes : read / 1_000_000, of: megabytes)
        }
        if barShown { bar.finish() }
        return loaded
    }
}
