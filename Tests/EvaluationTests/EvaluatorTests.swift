import Evaluation
import Foundation
import Inference
import Testing

/// A scorer whose behaviour each test supplies.
private struct StubScorer: Scorer {
    typealias Body = @Sendable (_ passages: [String], _ onBatch: (@Sendable (ScoredBatch) -> Void)?) async throws -> [PairScore]

    let info: ScorerInfo
    let body: Body

    init(name: String, body: @escaping Body) {
        info = ScorerInfo(name: name, kind: .lexical, maxLength: nil, summary: "test", scoreName: "test", probabilityName: nil)
        self.body = body
    }

    func score(query: String, passages: [String], maxLength: Int?, mode: ReadingMode,
               onBatch: (@Sendable (ScoredBatch) -> Void)?) async throws -> [PairScore] {
        try await body(passages, onBatch)
    }

    func reading(query: String, passage: String, maxLength: Int?, mode: ReadingMode) -> PassageReading? { nil }

    func windowCapacity(query: String, maxLength: Int?) throws -> Int? { nil }

    /// Scores a passage by its length and reports one batch per passage.
    static let length = StubScorer(name: "length") { passages, onBatch in
        var scores: [PairScore] = []
        for (index, passage) in passages.enumerated() {
            scores.append(PairScore(score: Double(passage.count)))
            onBatch?(ScoredBatch(indices: [index], scores: [scores[index]], completed: index + 1, total: passages.count))
        }
        return scores
    }

    /// Waits long enough to be cancelled.
    static let slow = StubScorer(name: "slow") { passages, _ in
        try await Task.sleep(for: .seconds(60))
        return passages.map { _ in PairScore(score: 0) }
    }

    /// Returns one score too few.
    static let short = StubScorer(name: "short") { passages, _ in
        passages.dropLast().map { _ in PairScore(score: 0) }
    }
}

/// Collects progress reports from any thread.
private final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [[Int]] = []

    func record(_ completed: Int, _ total: Int) { lock.withLock { entries.append([completed, total]) } }
    var all: [[Int]] { lock.withLock { entries } }
}

@Suite("Evaluator")
struct EvaluatorTests {
    @Test("Scores every query, reports progress and evaluates the run")
    func evaluatesScorer() async throws {
        let folder = try JudgedSetFolder([
            "passages.tsv": "d1\tthe longest passage\nd2\tshort\nd3\tmid size\n",
        ])
        defer { folder.remove() }
        let set = try JudgedSet(folder: folder.url)
        let log = ProgressLog()
        let report = try await Evaluator(scorer: StubScorer.length).evaluate(set) { log.record($0, $1) }

        // q2 (d3, d1) then q1 (d1, d2): one report per passage and one per finished query.
        #expect(log.all == [[1, 4], [2, 4], [2, 4], [3, 4], [4, 4], [4, 4]])
        #expect(report.scorerName == "length")
        #expect(report.pairsScored == 4)
        #expect(report.seconds >= 0)
        // By length q1 ranks d1 (grade 3) first, exactly as the first stage does.
        #expect(report.perQuery == EvaluationReport.firstStage(of: set).perQuery)
    }

    @Test("Cancelling stops the evaluation with CancellationError")
    func cancellation() async throws {
        let folder = try JudgedSetFolder()
        defer { folder.remove() }
        let set = try JudgedSet(folder: folder.url)
        let task = Task { try await Evaluator(scorer: StubScorer.slow).evaluate(set) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test("A scorer returning the wrong number of scores is a typed error")
    func scoreCountMismatch() async throws {
        let folder = try JudgedSetFolder()
        defer { folder.remove() }
        let set = try JudgedSet(folder: folder.url)
        await #expect(throws: EvaluationError.scoreCountMismatch(scorer: "short", queryID: "q2", expected: 2, received: 1)) {
            try await Evaluator(scorer: StubScorer.short).evaluate(set)
        }
    }
}
