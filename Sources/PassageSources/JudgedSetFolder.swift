import Evaluation
import Foundation

/// A judged-set folder opened for browsing: pick one of its queries to get that query's candidates,
/// labelled with their relevance grades.
public struct JudgedSetFolder: Sendable {
    /// The folder as given.
    public let url: URL
    public let judgedSet: JudgedSet

    /// The files that make a folder a judged set.
    public static let requiredFiles = ["queries.tsv", "candidates.tsv", "passages.tsv", "qrels.tsv"]

    /// True when `url` is a folder holding every file in `requiredFiles`.
    public static func isJudgedSet(_ url: URL) -> Bool {
        requiredFiles.allSatisfy { FileManager.default.fileExists(atPath: url.appendingPathComponent($0).path) }
    }

    /// Reads the folder with the evaluation's judged-set loader.
    public init(url: URL) throws(PassageSourceError) {
        do {
            self.init(url: url, set: try JudgedSet(folder: url))
        } catch {
            throw .judgedSetUnreadable(folder: url.relativePath, reason: error.description)
        }
    }

    /// Wraps a set that was loaded elsewhere.
    public init(url: URL, set: JudgedSet) {
        self.url = url
        self.judgedSet = set
    }

    /// The queries to choose from, in file order.
    public var queries: [JudgedQuery] { judgedSet.queries }

    /// The candidates of one query (the first query when `queryID` is nil), titled
    /// `folder · query id`, with the query text as the collection's only query and grades as labels.
    public func collection(forQuery queryID: String? = nil) throws(PassageSourceError) -> PassageCollection {
        let picked: JudgedQuery
        if let queryID {
            guard let match = judgedSet.query(id: queryID) else { throw .unknownQuery(folder: url.relativePath, query: queryID) }
            picked = match
        } else {
            guard let first = queries.first(where: { !$0.candidates.isEmpty }) else { throw .noPassages(file: url.relativePath) }
            picked = first
        }
        guard !picked.candidates.isEmpty else { throw .noPassages(file: url.relativePath) }
        let passages = picked.candidates.map { PassageRecord(text: $0.text, label: picked.grades[$0.docid], id: $0.docid) }
        return PassageCollection(title: "\(url.lastPathComponent) · \(picked.id)", queries: [picked.text],
                                 passages: passages, warnings: judgedSet.warnings)
    }
}
