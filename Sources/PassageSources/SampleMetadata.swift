/// The first line of a sample file: what the sample is called, its queries and what it shows.
///
/// Written as `{"sample": "Title", "query": "default query", "queries": ["more", "queries"],
/// "description": "one line"}`; any JSON Lines file may start with such a line.
public struct SampleMetadata: Sendable, Hashable {
    /// The title shown in the UI.
    public var title: String
    /// The query typed when the sample opens.
    public var query: String?
    /// Further prepared queries.
    public var otherQueries: [String]
    /// One line on what the sample demonstrates.
    public var description: String?

    public init(title: String, query: String? = nil, otherQueries: [String] = [], description: String? = nil) {
        self.title = title
        self.query = query
        self.otherQueries = otherQueries
        self.description = description
    }

    /// The default query first, then the others, without repeats.
    public var queries: [String] {
        var seen = Set<String>()
        return ([query].compactMap { $0 } + otherQueries).filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
