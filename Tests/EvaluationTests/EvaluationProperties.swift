import Evaluation
import PropertyBased
import Testing

/// Invariants of the ranking measures on random runs: they do not depend on the order candidates come
/// in, and equal scores are ordered only by the documented tie rules (`TieBreak`).
@Suite("Evaluation properties")
struct EvaluationProperties {
    /// One candidate of a random run: a score from a few values (so ties are common), a grade
    /// (-1: unjudged) and a sort key that decides where it sits in a shuffled copy of the run.
    struct Candidate: Sendable {
        var docid: String
        var score: Double
        var grade: Int?
        var shuffleKey: Int
    }

    /// Runs of 0 to 30 candidates with docids `d0`, `d1`, … (so `d10` sorts before `d2` by bytes).
    static let runs = zip(Gen.int(in: 0...4), Gen.int(in: -1...3), Gen.int(in: 0...1_000_000))
        .array(of: 0...30)
        .map { drawn in
            drawn.enumerated().map { index, value in
                Candidate(docid: "d\(index)", score: Double(value.0) / 2, grade: value.1 < 0 ? nil : value.1, shuffleKey: value.2)
            }
        }

    /// The query the run answers: the run's judged candidates and `missing` relevant passages it never retrieved.
    static func query(judging run: [Candidate], missing: Int) -> JudgedQuery {
        var grades: [String: Int] = [:]
        for candidate in run { grades[candidate.docid] = candidate.grade }
        for index in 0..<missing { grades["unretrieved\(index)"] = 2 }
        return JudgedQuery(id: "q", text: "query", candidates: [], grades: grades)
    }

    static func shuffled(_ run: [Candidate]) -> [Candidate] {
        run.enumerated().sorted { ($0.element.shuffleKey, $0.offset) < ($1.element.shuffleKey, $1.offset) }.map(\.element)
    }

    @Test("the ranked order of a run does not depend on the order its candidates come in, for either tie rule")
    func orderIgnoresCandidateOrder() async {
        await propertyCheck(count: 300, input: Self.runs) { run in
            let shuffled = Self.shuffled(run)
            for tieBreak in [TieBreak.docidDescending, .docidAscending] {
                let original = RunRanking.order(docids: run.map(\.docid), scores: run.map(\.score), tieBreak: tieBreak).map { run[$0].docid }
                let reordered = RunRanking.order(docids: shuffled.map(\.docid), scores: shuffled.map(\.score), tieBreak: tieBreak)
                    .map { shuffled[$0].docid }
                #expect(original == reordered, "\(tieBreak)")
            }
        }
    }

    @Test("NDCG@10, RR@10 and AP rank equal scores by docid as documented and ignore candidate order")
    func measuresFollowTheTieRules() async {
        await propertyCheck(count: 300, input: Self.runs, Gen.int(in: 0...3)) { run, missing in
            let query = Self.query(judging: run, missing: missing)
            let scores = Dictionary(uniqueKeysWithValues: run.map { ($0.docid, $0.score) })
            let shuffledScores = Dictionary(uniqueKeysWithValues: Self.shuffled(run).map { ($0.docid, $0.score) })
            let values = RunEvaluation.metrics(of: query, scores: scores)
            #expect(values == RunEvaluation.metrics(of: query, scores: shuffledScores))

            // The documented rules, spelled out: score descending; ties by docid bytes descending for
            // NDCG and AP (trec_eval), ascending for RR (MS MARCO's script).
            func grades(docidsAscending: Bool) -> [Int] {
                run.sorted { a, b in
                    if a.score != b.score { return a.score > b.score }
                    return docidsAscending ? a.docid.utf8.lexicographicallyPrecedes(b.docid.utf8) : b.docid.utf8.lexicographicallyPrecedes(a.docid.utf8)
                }.map { $0.grade ?? 0 }
            }
            let judged = Array(query.grades.values)
            let relevant = judged.count { $0 >= RunEvaluation.relevantFrom }
            #expect(values.ndcgAt10 == RankingMetrics.ndcg(rankedGrades: grades(docidsAscending: false), judgedGrades: judged, k: 10))
            #expect(values.averagePrecision == RankingMetrics.averagePrecision(rankedGrades: grades(docidsAscending: false), totalRelevant: relevant))
            #expect(values.reciprocalRankAt10 == RankingMetrics.reciprocalRank(rankedGrades: grades(docidsAscending: true), k: 10))
        }
    }

    @Test("without ties the docids do not matter: renaming every candidate keeps every measure")
    func distinctScoresIgnoreDocids() async {
        await propertyCheck(count: 200, input: Self.runs) { drawn in
            // Distinct scores: the drawn score plus a tiny part that keeps the drawn order among equals.
            let run = drawn.enumerated().map { index, candidate in
                Candidate(docid: candidate.docid, score: candidate.score + Double(index) / 1_000, grade: candidate.grade, shuffleKey: candidate.shuffleKey)
            }
            let renamed = run.map { Candidate(docid: "z-" + String($0.docid.reversed()), score: $0.score, grade: $0.grade, shuffleKey: $0.shuffleKey) }
            let values = RunEvaluation.metrics(of: Self.query(judging: run, missing: 1),
                                               scores: Dictionary(uniqueKeysWithValues: run.map { ($0.docid, $0.score) }))
            let renamedValues = RunEvaluation.metrics(of: Self.query(judging: renamed, missing: 1),
                                                      scores: Dictionary(uniqueKeysWithValues: renamed.map { ($0.docid, $0.score) }))
            #expect(values == renamedValues)
        }
    }
}
