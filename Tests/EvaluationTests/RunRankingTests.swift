import Evaluation
import Testing

@Suite("Run ranking and tie-breaking")
struct RunRankingTests {
    @Test("Higher scores come first whatever the tie-break")
    func scoreOrder() {
        let order = RunRanking.order(docids: ["a", "b", "c"], scores: [0.1, 0.9, 0.5], tieBreak: .docidDescending)
        #expect(order == [1, 2, 0])
    }

    @Test("trec_eval breaks ties by docid descending, MS MARCO by docid ascending, comparing bytes")
    func ties() {
        // Byte order: "10" < "9" < "a".
        let docids = ["9", "a", "10"]
        let scores = [1.0, 1.0, 1.0]
        #expect(RunRanking.order(docids: docids, scores: scores, tieBreak: .docidDescending) == [1, 0, 2])
        #expect(RunRanking.order(docids: docids, scores: scores, tieBreak: .docidAscending) == [2, 0, 1])
    }

    @Test("NaN scores rank last")
    func notANumber() {
        let order = RunRanking.order(docids: ["a", "b", "c"], scores: [.nan, -.infinity, 2], tieBreak: .docidAscending)
        #expect(order == [2, 1, 0])
    }
}
