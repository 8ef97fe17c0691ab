import Evaluation
import Foundation
import TextFiles

/// Where a judged set comes from: a judged-set folder, or a run to rerank with its queries,
/// corpus and qrels (BEIR folders included). One loader for `rerank compare`, `rerank rerank-run`
/// and anything else that reranks a set.
public enum JudgedSetSource: Sendable, Hashable {
    /// A TREC-DL style folder (see `JudgedSet(folder:)`).
    case folder(URL)
    /// A run file with the files that give it texts and judgments.
    case run(RunSetFiles)

    /// Progress of the corpus pass: bytes read and the file's size.
    public typealias Progress = LineReader.Progress

    /// Loads the set with each query's first `topK` candidates (all when nil) and, when
    /// `rerankPositives`, the judged positives the first stage missed (see
    /// `JudgedSet.addingPositives(texts:)`). Lines skipped, texts not found and the like are in
    /// the set's warnings.
    public func load(topK: Int?, rerankPositives: Bool = false,
                     progress: Progress? = nil) throws(PassageSourceError) -> LoadedJudgedSet {
        switch self {
        case .folder(let url):
            var set: JudgedSet
            do {
                set = try JudgedSet(folder: url)
            } catch {
                throw .judgedSetFile(error)
            }
            if let topK { set = set.keepingTop(topK) }
            guard rerankPositives else { return LoadedJudgedSet(set: set, positives: nil) }
            let wanted = set.positivesOutsideCandidates
            let passages = url.appendingPathComponent("passages.tsv")
            let corpus = try CorpusTexts(url: passages, name: passages.path, keeping: wanted, progress: progress)
            set.warnings += corpus.warnings
            let (withPositives, added) = set.addingPositives(texts: corpus.texts)
            return LoadedJudgedSet(set: withPositives, positives: added)
        case .run(let files):
            return try RunSetLoader(files: files, topK: topK, rerankPositives: rerankPositives).load(progress: progress)
        }
    }
}

/// A judged set as loaded, and what adding the missed positives did when it was asked for.
public struct LoadedJudgedSet: Sendable {
    public var set: JudgedSet
    /// Nil unless positives were added.
    public var positives: PositivesAdded?

    public init(set: JudgedSet, positives: PositivesAdded?) {
        self.set = set
        self.positives = positives
    }
}
