import Explorer
import Inference
import Synchronization
import Testing

/// A cross-encoder stand-in whose score counts the query's words in the passage; it logs each call's
/// pair count and outcome, and a call of more than one pair can be held until the test lets it go.
private final class HeldScorer: Scorer {
    let info = ScorerInfo(name: "held", kind: .crossEncoder, maxLength: nil, summary: "test", scoreName: "count", probabilityName: nil)
    let log = Mutex<[(pairs: Int, completed: Bool)]>([])
    let held = Mutex<Bool>(true)
    let waiting = Mutex<Bool>(false)

    func score(query: String, passages: [String], maxLength: Int?, mode: ReadingMode,
               onBatch: (@Sendable (ScoredBatch) -> Void)?) async throws -> [PairScore] {
        let call = log.withLock { $0.append((passages.count, false)); return $0.count - 1 }
        while passages.count > 1, held.withLock({ $0 }), !Task.isCancelled {
            waiting.withLock { $0 = true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        try Task.checkCancellation()
        let words = query.split(separator: " ")
        let scores = passages.map { passage in PairScore(score: Double(words.filter { passage.contains($0) }.count)) }
        onBatch?(ScoredBatch(indices: Array(scores.indices), scores: scores, completed: scores.count, total: scores.count))
        log.withLock { $0[call].completed = true }
        return scores
    }

    func reading(query: String, passage: String, maxLength: Int?, mode: ReadingMode) -> PassageReading? { nil }
    func windowCapacity(query: String, maxLength: Int?) throws -> Int? { nil }

    func waitUntilHeld() async {
        while !waiting.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(2)) }
    }

    func release() { held.withLock { $0 = false } }
}

private let passage = "Seasons come from tilt. Cats sleep. Tilt again."

private func request(unit: TextUnitKind = .sentence) -> ExplainRequest {
    ExplainRequest(key: ExplainKey(scorer: ScorerKey(scorer: "held"), query: "tilt Seasons", passage: passage, unit: unit),
                   collection: [passage])
}

/// Reads events until an explanation with an attribution or an error arrives; returns every explanation seen.
private func explanations(_ iterator: inout AsyncStream<EngineEvent>.Iterator) async -> [Explanation] {
    var seen: [Explanation] = []
    while let event = await iterator.next() {
        guard case .explanation(let explanation) = event else { continue }
        seen.append(explanation)
        if explanation.attribution != nil || explanation.error != nil { break }
    }
    return seen
}

@Suite("Ranking engine: explanations", .timeLimit(.minutes(1)))
struct RuntimeExplainTests {
    @Test func anExplanationReportsProgressThenItsAttributionAndIsCachedByItsKey() async throws {
        let scorer = HeldScorer()
        scorer.release()
        let engine = RankingEngine { _, _, _ in scorer }
        var iterator = engine.events.makeAsyncIterator()
        await engine.explain(request())
        let seen = await explanations(&iterator)
        let attribution = try #require(seen.last?.attribution)
        #expect(seen.dropLast().allSatisfy { $0.progress != nil && $0.key == request().key })
        #expect(attribution.units.map(\.delta) == [2, 0, 0], "only the first sentence holds \"Seasons\"")
        let calls = scorer.log.withLock { $0.count }
        await engine.explain(request())
        #expect(await explanations(&iterator) == [Explanation(key: request().key, attribution: attribution)])
        #expect(scorer.log.withLock { $0.count } == calls, "the second time comes from the cache")
    }

    @Test func cancellingStopsTheAttributionBetweenBatchesAndNothingArrives() async throws {
        let scorer = HeldScorer()
        let engine = RankingEngine { _, _, _ in scorer }
        var iterator = engine.events.makeAsyncIterator()
        await engine.explain(request())
        await scorer.waitUntilHeld()
        await engine.cancelExplain()
        scorer.release()
        await engine.explain(request(unit: .word))
        let seen = await explanations(&iterator)
        #expect(seen.last?.key.unit == .word && seen.last?.attribution != nil)
        #expect(!seen.contains { $0.key.unit == .sentence && $0.attribution != nil }, "the cancelled sentences never arrive")
        let log = scorer.log.withLock { $0 }
        #expect(log.contains { $0.pairs > 1 && !$0.completed }, "the held call stopped: \(log)")
    }

    @Test func aRankingRequestInterruptsTheExplanationWhichResumesOnceThePanesAreQuiet() async throws {
        let scorer = HeldScorer()
        let engine = RankingEngine { _, _, _ in scorer }
        var iterator = engine.events.makeAsyncIterator()
        await engine.explain(request())
        await scorer.waitUntilHeld()
        let typed = ContinuousClock.now
        await engine.request(generation: 1, [ScoreRequest(pane: PaneID(0), scorerName: "held", maxLength: nil, query: "tilt",
                                                          passageIDs: [PassageID(1)], passages: [passage])])
        scorer.release()
        var order: [String] = []
        while let event = await iterator.next() {
            switch event {
            case .finished: order.append("panes")
            case .explanation(let explanation) where explanation.attribution != nil: order.append("explanation")
            default: continue
            }
            if order.contains("explanation") { break }
        }
        #expect(order == ["panes", "explanation"])
        #expect(typed.duration(to: .now) >= RankingEngine.setWorkPause)
        let log = scorer.log.withLock { $0 }
        #expect(log.contains { $0.pairs > 1 && !$0.completed } && log.last?.completed == true, "\(log)")
    }
}
