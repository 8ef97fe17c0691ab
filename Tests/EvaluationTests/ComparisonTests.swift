import Evaluation
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Comparing systems on a set")
struct ComparisonTests {
    /// Three judged queries and one without judgments; "a" is the relevant passage of each.
    static let set = JudgedSet(name: "tiny", queries: ["q1", "q2", "q3", "u"].map { id in
        JudgedQuery(id: id, text: "query <\(id)> & more", candidates: [
            JudgedCandidate(docid: "a", text: "A", firstStageRank: 2),
            JudgedCandidate(docid: "b", text: "B", firstStageRank: 1),
        ], grades: id == "u" ? [:] : ["a": 2, "b": 0])
    })

    /// first: "a" second everywhere; better: "a" first on q1 and q2; worse: "a" second on q1, first on q3.
    static let runs: [RunScores] = [
        ["q1": ["a": 1, "b": 2], "q2": ["a": 1, "b": 2], "q3": ["a": 1, "b": 2]],
        ["q1": ["a": 3, "b": 2], "q2": ["a": 3, "b": 2], "q3": ["a": 1, "b": 2]],
        ["q1": ["a": 1, "b": 2], "q2": ["a": 1, "b": 2]],
    ]

    @Test("Rows hold every judged query's value per system and measure")
    func rows() {
        let comparison = SetComparison(set: Self.set, systems: ["first", "better", "partial"], runs: Self.runs)
        #expect(comparison.queries.map(\.queryID) == ["q1", "q2", "q3"])
        #expect(comparison.measures.map(\.name) == ["NDCG@10", "MRR@10", "MAP"])
        let secondPlace = 1 / log2(3.0)
        #expect(abs(comparison.queries[0].value(system: 0, measure: 0) - secondPlace) < 1e-12)
        #expect(comparison.queries[0].value(system: 1, measure: 0) == 1)
        #expect(comparison.queries[0].value(system: 1, measure: 1) == 1)
        #expect(comparison.queries[0].value(system: 0, measure: 2) == 0.5)
        // q3 is missing from the third run: 0 everywhere, as in RunEvaluation.
        #expect(comparison.queries[2].values[2] == [0, 0, 0])
        #expect(abs(comparison.queries[0].difference(system: 1, measure: 0) - (1 - secondPlace)) < 1e-12)
    }

    @Test("Summaries: means, records against the first system, Bonferroni factor")
    func summaries() throws {
        let comparison = SetComparison(set: Self.set, systems: ["first", "better", "partial"], runs: Self.runs)
        #expect(comparison.isCorrected && comparison.comparisons == 2)
        let first = comparison.summary(system: 0, measure: 1)
        #expect(first.versusFirst == nil)
        #expect(first.mean.mean == 0.5)
        let better = try #require(comparison.summary(system: 1, measure: 1).versusFirst)
        #expect(better.record == WinsTiesLosses(wins: 2, ties: 1, losses: 0))
        #expect(abs(better.meanDifference - 1.0 / 3) < 1e-12)
        #expect(better.comparisons == 2)
        // Exact randomization over 2^3 assignments: |Σ±d| ≥ 1 for 4 of 8 → 0.5, doubled by Bonferroni.
        #expect(better.randomization?.isExact == true)
        #expect(better.randomization?.p == 0.5)
        #expect(better.randomizationP == 1)
        let partial = try #require(comparison.summary(system: 2, measure: 1).versusFirst)
        #expect(partial.record == WinsTiesLosses(wins: 0, ties: 2, losses: 1))

        let pair = SetComparison(set: Self.set, systems: ["first", "better"], runs: Array(Self.runs.prefix(2)))
        #expect(!pair.isCorrected)
        #expect(pair.summary(system: 1, measure: 1).versusFirst?.randomizationP == 0.5)
    }

    @Test("Other cut-offs are named and computed")
    func cutoffs() {
        let measures: [Measure] = [.ndcg(cutoff: 1), .reciprocalRank(cutoff: 1), .averagePrecision]
        #expect(measures.map(\.key) == ["ndcg@1", "mrr@1", "map"])
        let comparison = SetComparison(set: Self.set, systems: ["first", "better"], runs: Array(Self.runs.prefix(2)), measures: measures)
        #expect(comparison.queries[0].values == [[0, 0, 0.5], [1, 1, 1]])
    }

    @Test("Rows sort by difference, by value and by query id (numbers as numbers)")
    func ordering() {
        let rows = [
            QueryComparison(queryID: "q10", queryText: "", values: [[0.5], [0.9]]),
            QueryComparison(queryID: "q9", queryText: "", values: [[0.5], [0.1]]),
            QueryComparison(queryID: "q2", queryText: "", values: [[0.2], [0.9]]),
        ]
        #expect(QueryOrder.byDifference(system: 1, measure: 0).sorted(rows).map(\.queryID) == ["q2", "q10", "q9"])
        #expect(QueryOrder.byValue(system: 0, measure: 0).sorted(rows).map(\.queryID) == ["q10", "q9", "q2"])
        #expect(QueryOrder.byQuery.sorted(rows).map(\.queryID) == ["q2", "q9", "q10"])
    }

    @Test("Values not known yet (NaN) sort after every number, in their own order")
    func orderingWithUnknownValues() {
        let rows = [
            QueryComparison(queryID: "q1", queryText: "", values: [[0.5], [.nan]]),
            QueryComparison(queryID: "q2", queryText: "", values: [[0.2], [0.1]]),
            QueryComparison(queryID: "q3", queryText: "", values: [[.nan], [0.9]]),
            QueryComparison(queryID: "q4", queryText: "", values: [[0.1], [0.9]]),
        ]
        #expect(QueryOrder.byDifference(system: 1, measure: 0).sorted(rows).map(\.queryID) == ["q4", "q2", "q1", "q3"])
        #expect(QueryOrder.byValue(system: 1, measure: 0).sorted(rows).map(\.queryID) == ["q3", "q4", "q2", "q1"])
        #expect(QueryOrder.byValue(system: 0, measure: 0).sorted(rows).map(\.queryID) == ["q1", "q2", "q4", "q3"])
    }

    @Test("The SVG chart is well-formed XML with one bar per query and panel, coloured by sign")
    func chart() throws {
        let comparison = SetComparison(set: Self.set, systems: ["first", "better", "partial"], runs: Self.runs)
        let svg = DifferenceChart(comparison: comparison).svg()
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(parser.parserError.map(String.init(describing:)) ?? "")")
        #expect(svg.components(separatedBy: "<title>").count - 1 == 6)
        #expect(svg.contains("better − first · NDCG@10"))
        #expect(svg.contains("partial − first · NDCG@10"))
        #expect(svg.contains("fill=\"#2e7d32\""))
        #expect(svg.contains("fill=\"#c62828\""))
        #expect(svg.contains("query &lt;q1&gt; &amp; more"))
        #expect(svg.contains("Bonferroni ×2"))
    }
}
