import Foundation

/// The files of a judged set given as a first-stage run to rerank: a TREC run, the queries, the
/// corpus and, to evaluate, the qrels.
public struct RunSetFiles: Sendable, Hashable {
    /// TREC run (`qid Q0 docid rank score tag`).
    public var run: URL
    /// Queries: TSV `qid<TAB>text` or JSON Lines with `_id` and `text`.
    public var queries: URL
    /// Documents: TSV `docid<TAB>text` or JSON Lines with `_id`, `title` and `text`.
    public var corpus: URL
    /// Judgments: TREC qrels or BEIR TSV; nil to rerank without evaluating.
    public var qrels: URL?
    /// What reports call the set.
    public var name: String

    public init(run: URL, queries: URL, corpus: URL, qrels: URL?, name: String? = nil) {
        self.run = run
        self.queries = queries
        self.corpus = corpus
        self.qrels = qrels
        self.name = name ?? run.deletingPathExtension().lastPathComponent
    }

    /// True when `url` is a folder holding BEIR's `corpus.jsonl` and `queries.jsonl`.
    public static func isBEIRFolder(_ url: URL) -> Bool {
        ["corpus.jsonl", "queries.jsonl"].allSatisfy { FileManager.default.fileExists(atPath: url.appendingPathComponent($0).path) }
    }

    /// A BEIR folder (`corpus.jsonl`, `queries.jsonl`, `qrels/SPLIT.tsv`) with a run to rerank;
    /// the set is named `folder · split`.
    public static func beir(folder: URL, run: URL, split: String = "test") -> RunSetFiles {
        RunSetFiles(run: run, queries: folder.appendingPathComponent("queries.jsonl"),
                    corpus: folder.appendingPathComponent("corpus.jsonl"),
                    qrels: folder.appendingPathComponent("qrels").appendingPathComponent("\(split).tsv"),
                    name: "\(folder.lastPathComponent) · \(split)")
    }
}
