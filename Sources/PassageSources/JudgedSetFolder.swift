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

    /// The candidates of one query (the first query with candidates when `queryID` is nil), as
    /// `JudgedSet.passages(of:)` gives them: titled `folder · query id`, grades as labels.
    public func collection(forQuery queryID: String? = nil) throws(PassageSourceError) -> PassageCollection {
        guard let queryID else {
            do {
                return try judgedSet.firstQueryPassages()
            } catch {
                throw .noPassages(file: url.relativePath)
            }
        }
        guard let picked = judgedSet.query(id: queryID) else { throw .unknownQuery(folder: url.relativePath, query: queryID) }
        guard !picked.candidates.isEmpty else { throw .noPassages(file: url.relativePath) }
        return judgedSet.passages(of: picked)
    }
}
