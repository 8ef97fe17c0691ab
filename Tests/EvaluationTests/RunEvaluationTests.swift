import Evaluation
import Foundation
import Testing

@Suite("Evaluating runs")
struct RunEvaluationTests {
    /// t: three candidates, only "a" relevant; m: judged but absent from the run; u: unjudged.
    static let set = JudgedSet(name: "tiny", queries: [
        JudgedQuery(id: "t", text: "ties", candidates: [], grades: ["a": 2, "b": 0, "c": 0]),
        JudgedQuery(id: "m", text: "missing", candidates: [], grades: ["x": 3]),
        JudgedQuery(id: "u", text: "unjudged", candidates: [], grades: [:]),
    ])

    @Test("Ties follow ir-measures: trec_eval order for nDCG and AP, MS MARCO order for RR")
    func tiesAndMeans() {
        // All three score 1.0. trec_eval ranks c, b, a (docid descending): "a" at rank 3 →
        // nDCG = (2/log2(4)) / 2 = 0.5, AP = (1/3) / 1 = 1/3. MS MARCO ranks a, b, c → RR = 1.
        // Query m is judged but not in the run → 0 everywhere; u is unjudged and z unknown → ignored.
        // Means over t and m: nDCG 0.25, RR 0.5, AP 1/6 (what ir_measures.calc_aggregate gives).
        let run: RunScores = ["t": ["a": 1, "b": 1, "c": 1], "u": ["q": 1], "z": ["a": 5]]
        let report = EvaluationReport(scorerName: "test", run: run, on: Self.set, pairsScored: 3, seconds: 0)
        #expect(report.perQuery.map(\.queryID) == ["t", "m"])
        #expect(report.perQuery[0].values == MetricValues(ndcgAt10: 0.5, reciprocalRankAt10: 1, averagePrecision: 1.0 / 3))
        #expect(report.perQuery[1].values == .zero)
        #expect(report.mean == MetricValues(ndcgAt10: 0.25, reciprocalRankAt10: 0.5, averagePrecision: 1.0 / 6))
        #expect(report.setName == "tiny")
    }

    @Test("Unjudged docids in the run count as grade 0")
    func unjudgedDocids() {
        // Ranked: new (unjudged), a (2) → nDCG = (2/log2(3)) / 2 = 0.63093, RR = 1/2, AP = (1/2) / 1.
        let values = RunEvaluation.metrics(of: Self.set.queries[0], scores: ["new": 3, "a": 2])
        #expect(abs(values.ndcgAt10 - 1 / log2(3.0)) < 1e-12)
        #expect(values.reciprocalRankAt10 == 0.5)
        #expect(values.averagePrecision == 0.5)
    }

    @Test("The first-stage report scores candidates 1000 − rank")
    func firstStage() throws {
        let folder = try JudgedSetFolder()
        defer { folder.remove() }
        let report = EvaluationReport.firstStage(of: try JudgedSet(folder: folder.url))
        // q2 (first in the file): d3 graded 0, d1 unjudged → 0. q1: d1 (3) then d2 (unjudged); judged
        // d1 = 3 and d9 = 2: nDCG = 3 / (3 + 2/log2(3)), RR = 1, AP = (1/1) / 2.
        #expect(report.scorerName == EvaluationReport.firstStageName)
        #expect(report.perQuery.map(\.queryID) == ["q2", "q1"])
        #expect(report.perQuery[0].values == .zero)
        #expect(abs(report.perQuery[1].values.ndcgAt10 - 3 / (3 + 2 / log2(3.0))) < 1e-12)
        #expect(report.perQuery[1].values.reciprocalRankAt10 == 1)
        #expect(report.perQuery[1].values.averagePrecision == 0.5)
        #expect(report.pairsScored == 4)
        #expect(report.seconds == 0)
    }
}
