import Foundation

/// One judged query under every compared system (a model, or `input` for the first-stage order):
/// a row of `rerank compare` and of a query browser, which can build rows as queries finish.
public struct QueryComparison: Sendable, Hashable, Codable {
    public var queryID: String
    public var queryText: String
    /// `values[system][measure]`, parallel to the comparison's systems and measures.
    public var values: [[Double]]

    public init(queryID: String, queryText: String, values: [[Double]]) {
        self.queryID = queryID
        self.queryText = queryText
        self.values = values
    }

    /// Evaluates each system's scores of `query` (a score per docid, one dictionary per system).
    public init(query: JudgedQuery, scores: [[String: Double]], measures: [Measure]) {
        let values = scores.map { systemScores in
            let ranking = RankedGrades(query: query, scores: systemScores)
            return measures.map { $0.value(of: ranking) }
        }
        self.init(queryID: query.id, queryText: query.text, values: values)
    }

    /// The system's value of the measure (both are positions in the comparison's lists).
    public func value(system: Int, measure: Int) -> Double {
        values[system][measure]
    }

    /// The system's value minus the first system's.
    public func difference(system: Int, measure: Int) -> Double {
        values[system][measure] - values[0][measure]
    }
}

/// How to order the rows of a comparison.
public enum QueryOrder: Sendable, Hashable {
    /// By query id, numbers in ids compared as numbers.
    case byQuery
    /// By a system's difference from the first system on a measure, largest first.
    case byDifference(system: Int, measure: Int)
    /// By a system's value of a measure, largest first.
    case byValue(system: Int, measure: Int)

    /// `rows` in this order; equal keys keep their order. A NaN value (one not known yet, such as
    /// a query a browser has not scored) sorts after every number.
    public func sorted(_ rows: [QueryComparison]) -> [QueryComparison] {
        let keyed = rows.enumerated().map { (offset: $0.offset, row: $0.element) }
        return keyed.sorted { first, second in
            switch self {
            case .byQuery:
                let order = first.row.queryID.compare(second.row.queryID, options: .numeric)
                return order == .orderedSame ? first.offset < second.offset : order == .orderedAscending
            case .byDifference(let system, let measure):
                return Self.descending(first.row.difference(system: system, measure: measure), first.offset,
                                       second.row.difference(system: system, measure: measure), second.offset)
            case .byValue(let system, let measure):
                return Self.descending(first.row.value(system: system, measure: measure), first.offset,
                                       second.row.value(system: system, measure: measure), second.offset)
            }
        }.map(\.row)
    }

    private static func descending(_ a: Double, _ aOffset: Int, _ b: Double, _ bOffset: Int) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN == b.isNaN ? aOffset < bOffset : b.isNaN }
        return a != b ? a > b : aOffset < bOffset
    }
}
