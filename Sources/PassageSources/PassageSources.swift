// The values every passage source produces: a file, a paste, standard input, a sample or a judged set.
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

    public init(title: String, queries: [String] = [], passages: [PassageRecord], warnings: [String] = []) {
        self.title = title
        self.queries = queries
        self.passages = passages
        self.warnings = warnings
    }
}
