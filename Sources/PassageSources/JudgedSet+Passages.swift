import Evaluation

extension JudgedSet {
    /// One query's candidates as passages in first-stage order, labelled with their grades and
    /// identified by their docids; titled `set · query id`, with the query text as the only query
    /// and the set attached, so the explorer can list the other queries.
    public func passages(of query: JudgedQuery) -> PassageCollection {
        let passages = query.candidates.map { PassageRecord(text: $0.text, label: query.grades[$0.docid], id: $0.docid) }
        return PassageCollection(title: "\(name) · \(query.id)", queries: [query.text], passages: passages,
                                 warnings: warnings, judged: JudgedOrigin(set: self, queryID: query.id))
    }

    /// `passages(of:)` for the first query with candidates; `noPassages` when no query has any.
    public func firstQueryPassages() throws(PassageSourceError) -> PassageCollection {
        guard let first = queries.first(where: { !$0.candidates.isEmpty }) else { throw .noPassages(file: name) }
        return passages(of: first)
    }
}
