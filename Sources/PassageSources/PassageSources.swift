// The values every passage source produces: a file, a paste, standard input, a sample or a judged set.
import Evaluation
import Foundation

/// One passage as loaded from a file, a paste or standard input.
public struct PassageRecord: Sendable, Hashable, Codable {
    public var text: String
    /// Relevance grade (0–3 in TREC style) when the source carries one.
    public var label: Int?
    /// The source's own id (docid, JSONL `id`), when it has one.
    public var id: String?

    public init(text: String, label: Int? = nil, id: String? = nil) {
        self.text = text
        self.label = label
        self.id = id
    }
}

/// Passages loaded together, the queries that go with them, and what went wrong while reading.
public struct PassageCollection: Sendable, Hashable {
    /// What to call it in the UI (sample title or file name).
    public var title: String
    /// Suggested queries, the default first (a sample's query); may be empty.
    public var queries: [String]
    public var passages: [PassageRecord]
    /// Non-fatal problems, each naming file and line (e.g. invalid UTF-8 replaced).
    public var warnings: [String]
    /// The judged set the passages come from, when the source is one (see `JudgedSet.passages(of:)`).
    public var judged: JudgedOrigin?

    public init(title: String, queries: [String] = [], passages: [PassageRecord], warnings: [String] = [],
                judged: JudgedOrigin? = nil) {
        self.title = title
        self.queries = queries
        self.passages = passages
        self.warnings = warnings
        self.judged = judged
    }
}

/// Where a collection of a judged set's candidates comes from: the whole set (the explorer lists its
/// queries) and the query whose candidates the passages are.
public struct JudgedOrigin: Sendable, Hashable {
    public var set: JudgedSet
    public var queryID: String

    public init(set: JudgedSet, queryID: String) {
        self.set = set
        self.queryID = queryID
    }
}
