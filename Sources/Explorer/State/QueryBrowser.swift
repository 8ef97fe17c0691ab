import Evaluation
import Foundation
import Inference
import PassageSources

/// What a pane's scores depend on besides the query and passages: its scorer, token limit, reading
/// mode and precision. Panes with equal keys score alike, so the query browser keeps one column of
/// results per key.
public struct ScorerKey: Sendable, Hashable {
    public var scorer: String
    /// The pane's `:maxlen` override; `nil` for the scorer's default.
    public var maxLength: Int?
    /// Truncation, or the pane's `:windows`.
    public var mode: ReadingMode
    /// The pane's `:precision`.
    public var precision: Precision

    public init(scorer: String, maxLength: Int? = nil, mode: ReadingMode = .truncate, precision: Precision = .reference) {
        self.scorer = scorer
        self.maxLength = maxLength
        self.mode = mode
        self.precision = precision
    }
}

extension Pane {
    /// The key of this pane's scores.
    public var scorerKey: ScorerKey { ScorerKey(scorer: scorerName, maxLength: maxLength, mode: effectiveReadingMode,
                                             precision: effectivePrecision) }
}

/// How the query browser orders its rows; `s` cycles through them.
public enum BrowserSort: Sendable, Hashable {
    /// By the compared pane's NDCG@10 minus pane 1's, largest first.
    case difference
    /// By one pane's NDCG@10 (an index into the panes), largest first.
    case pane(Int)
    /// By query id, numbers as numbers.
    case query
}

/// The query browser of a judged set: its queries, each with every pane's NDCG@10 as the
/// background scoring finishes it, sortable, with one selected and one opened in the panes.
///
/// Values are kept per `ScorerKey`, so a pane that changes its model gets a fresh column while
/// the others keep theirs. A value is `Measure.ndcg(cutoff: 10)` of the pane's scores, exactly as
/// `rerank compare` computes it.
public struct QueryBrowser: Sendable {
    /// The measure the browser shows.
    public static let measure = Measure.ndcg(cutoff: 10)

    /// Tells results for this set from those of a set opened before it.
    public let id: Int
    /// What the set is called.
    public let name: String
    /// The queries listed: the set's queries that have candidates, in the set's order.
    public let queries: [JudgedQuery]
    /// The set the queries belong to, to open one as passages (`JudgedSet.passages(of:)`).
    public let set: JudgedSet
    /// NDCG@10 by scorer key and query index.
    public internal(set) var values: [ScorerKey: [Int: Double]] = [:]
    /// Scorer keys that could not score the set, with the reason.
    public internal(set) var failures: [ScorerKey: String] = [:]
    public internal(set) var sort: BrowserSort = .difference
    /// The selected query, an index into `queries`; it stays selected while rows re-sort.
    public internal(set) var selected = 0
    /// First row shown.
    public internal(set) var scrollOffset = 0
    /// The query whose candidates the panes show, when it is one of this set's.
    public internal(set) var opened: Int?
    /// True while the browser covers the panes.
    public internal(set) var isShown = true

    /// A browser of `set`'s queries; `openedQuery` is the id of the query the panes show, if any.
    public init(id: Int, set: JudgedSet, openedQuery: String? = nil) {
        self.id = id
        self.name = set.name
        self.set = set
        self.queries = set.queries.filter { !$0.candidates.isEmpty }
        opened = openedQuery.flatMap { wanted in queries.firstIndex { $0.id == wanted } }
        selected = opened ?? 0
    }

    /// Queries with judgments: the ones scored and averaged.
    public var judgedCount: Int { queries.count(where: \.isJudged) }

    /// The value of a query under a scorer, once scored.
    public func value(query: Int, scorer: ScorerKey) -> Double? {
        values[scorer]?[query]
    }

    /// Takes in a scorer's scores of a query's candidates (in candidate order); ignores scores
    /// that do not fit the query.
    mutating func record(query index: Int, scorer: ScorerKey, scores: [Double]) {
        guard queries.indices.contains(index), queries[index].candidates.count == scores.count else { return }
        let query = queries[index]
        var byDocid: [String: Double] = [:]
        byDocid.reserveCapacity(scores.count)
        for (candidate, score) in zip(query.candidates, scores) where byDocid[candidate.docid] == nil {
            byDocid[candidate.docid] = score
        }
        values[scorer, default: [:]][index] = Self.measure.value(of: RankedGrades(query: query, scores: byDocid))
    }

    /// The (judged query, scorer) pairs still to score, queries in the set's order, skipping failed scorers.
    func unscored(_ keys: [ScorerKey]) -> [(query: Int, scorer: ScorerKey)] {
        let live = unique(keys).filter { failures[$0] == nil }
        var work: [(query: Int, scorer: ScorerKey)] = []
        for (index, query) in queries.enumerated() where query.isJudged {
            for key in live where values[key]?[index] == nil { work.append((index, key)) }
        }
        return work
    }

    /// The judged queries every working scorer of `keys` has scored (all of them once the set is
    /// done): the queries the means and the difference are taken over, so the columns compare.
    func commonQueries(_ keys: [ScorerKey]) -> [Int] {
        let live = unique(keys).filter { failures[$0] == nil }
        return queries.indices.filter { index in
            queries[index].isJudged && live.allSatisfy { values[$0]?[index] != nil }
        }
    }

    /// One comparison row per query, systems parallel to `keys`; NaN where no value is known yet
    /// (and for unjudged queries), so those rows sort last.
    func rows(_ keys: [ScorerKey]) -> [QueryComparison] {
        queries.indices.map { index in
            QueryComparison(queryID: queries[index].id, queryText: queries[index].text,
                            values: keys.map { [value(query: index, scorer: $0) ?? .nan] })
        }
    }

    /// The sort in force with `paneCount` panes: the chosen one, or pane 1's values when the chosen
    /// one needs a pane that is not there (a difference needs a `compared` pane).
    func effectiveSort(paneCount: Int, compared: Int?) -> BrowserSort {
        switch sort {
        case .query: return .query
        case .pane(let index) where index >= 0 && index < paneCount: return sort
        case .difference where compared != nil: return .difference
        default: return paneCount > 0 ? .pane(0) : .query
        }
    }

    /// Query indices in display order for the panes' `keys`; `compared` is the pane whose
    /// difference from pane 1 is shown.
    func order(_ keys: [ScorerKey], compared: Int?) -> [Int] {
        let queryOrder: QueryOrder
        switch effectiveSort(paneCount: keys.count, compared: compared) {
        case .query: queryOrder = .byQuery
        case .pane(let index): queryOrder = .byValue(system: index, measure: 0)
        case .difference: queryOrder = .byDifference(system: compared ?? 0, measure: 0)
        }
        let position = Dictionary(queries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        return queryOrder.sorted(rows(keys)).compactMap { position[$0.queryID] }
    }

    /// A scorer's mean over `queries` (nil when it has no value for one of them, or none are given).
    func mean(_ key: ScorerKey, over queries: [Int]) -> Double? {
        let scored = queries.compactMap { values[key]?[$0] }
        guard !scored.isEmpty, scored.count == queries.count else { return nil }
        return MeanInterval(values: scored).mean
    }

    /// `key` against `baseline` over `queries`: mean difference, wins / ties / losses and the
    /// paired t-test, as `rerank compare` reports them once every query is in.
    func difference(_ key: ScorerKey, from baseline: ScorerKey, over queries: [Int]) -> PaneDifference? {
        let after = queries.compactMap { values[key]?[$0] }
        let before = queries.compactMap { values[baseline]?[$0] }
        guard !queries.isEmpty, after.count == queries.count, before.count == queries.count else { return nil }
        let mean = zip(after, before).reduce(0) { $0 + $1.0 - $1.1 } / Double(queries.count)
        return PaneDifference(count: queries.count, meanDifference: mean,
                              record: WinsTiesLosses(baseline: before, treatment: after),
                              tTest: PairedTTest(baseline: before, treatment: after))
    }

    private func unique(_ keys: [ScorerKey]) -> [ScorerKey] {
        var seen = Set<ScorerKey>()
        return keys.filter { seen.insert($0).inserted }
    }
}

/// One pane against pane 1 over the queries both have scored.
struct PaneDifference: Sendable, Hashable {
    /// Queries compared.
    var count: Int
    var meanDifference: Double
    var record: WinsTiesLosses
    /// Nil with fewer than two queries.
    var tTest: PairedTTest?
}
