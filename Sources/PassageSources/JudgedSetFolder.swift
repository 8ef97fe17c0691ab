import Foundation

/// One query of a judged set: its id and its text.
public struct JudgedQuery: Sendable, Hashable {
    public var id: String
    public var text: String

    public init(id: String, text: String) {
        self.id = id
        self.text = text
    }
}

/// What this module needs from a loaded judged set (TREC-style folder with `queries.tsv`,
/// `candidates.tsv`, `passages.tsv` and `qrels.tsv`). `Evaluation.JudgedSet` provides it; tests
/// may supply their own.
public protocol JudgedSetContents: Sendable {
    /// The queries, in file order.
    var judgedQueries: [JudgedQuery] { get }
    /// The candidate passages of query `id` in candidate order, each with its `id` (docid) and its
    /// grade as `label` when judged (nil when unjudged); nil when the set has no such query.
    func candidatePassages(forQuery id: String) -> [PassageRecord]?
}

/// A judged-set folder opened for browsing: pick one of its queries to get that query's candidates.
public struct JudgedSetFolder: Sendable {
    /// The folder as given.
    public let url: URL
    private let contents: any JudgedSetContents

    /// The files that make a folder a judged set (`qrels.tsv` is optional: without it nothing is labelled).
    public static let requiredFiles = ["queries.tsv", "candidates.tsv", "passages.tsv"]

    /// True when `url` is a folder holding every file in `requiredFiles`.
    public static func isJudgedSet(_ url: URL) -> Bool {
        requiredFiles.allSatisfy { FileManager.default.fileExists(atPath: url.appendingPathComponent($0).path) }
    }

    /// Opens the folder with the connected judged-set reader (see `readContents(of:)`).
    public init(url: URL) throws(PassageSourceError) {
        try self.init(url: url, contents: Self.readContents(of: url))
    }

    /// Wraps contents that were loaded elsewhere.
    public init(url: URL, contents: any JudgedSetContents) {
        self.url = url
        self.contents = contents
    }

    /// The queries to choose from, in file order.
    public var queries: [JudgedQuery] { contents.judgedQueries }

    /// The candidates of one query (the first query when `queryID` is nil), titled
    /// `folder · query id`, with the query text as the collection's only query.
    public func collection(forQuery queryID: String? = nil) throws(PassageSourceError) -> PassageCollection {
        let picked: JudgedQuery
        if let queryID {
            guard let match = queries.first(where: { $0.id == queryID }) else {
                throw .unknownQuery(folder: url.relativePath, query: queryID)
            }
            picked = match
        } else {
            guard let first = queries.first else { throw .noPassages(file: url.relativePath) }
            picked = first
        }
        guard let passages = contents.candidatePassages(forQuery: picked.id), !passages.isEmpty else {
            throw .noPassages(file: url.relativePath)
        }
        return PassageCollection(title: "\(url.lastPathComponent) · \(picked.id)", queries: [picked.text], passages: passages)
    }
}

// MARK: - SEAM(JudgedSet): connect to Evaluation.JudgedSet when merging.
extension JudgedSetFolder {
    /// Reads a judged-set folder. SEAM: this module does not parse judged-set TSV itself; when
    /// `Evaluation.JudgedSet` lands, make it conform to `JudgedSetContents` and load it here
    /// (mapping its loading errors to `PassageSourceError.judgedSetUnsupported(folder:reason:)`).
    static func readContents(of url: URL) throws(PassageSourceError) -> any JudgedSetContents {
        throw .judgedSetUnsupported(folder: url.relativePath, reason: "the judged-set reader is not connected in this build")
    }
}
