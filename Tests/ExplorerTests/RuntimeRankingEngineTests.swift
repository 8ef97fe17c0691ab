import Testing
import Explorer
import Inference
import Synchronization

/// A one-shot signal tasks can wait for.
private final class Signal: Sendable {
    private let state = Mutex<(isOpen: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                if !state.isOpen { state.waiters.append(continuation) }
                return state.isOpen
            }
            if resumeNow { continuation.resume() }
        }
    }
}

/// Where a fake scorer stops until the test lets it go: before the first batch `stopsBefore` picks.
/// `reached` opens when the scorer gets there; opening `release` lets it go on.
private struct Hold: Sendable {
    let stopsBefore: @Sendable (_ query: String, _ batch: Int) -> Bool
    let reached = Signal(), release = Signal()
}

/// What each scoring call of a fake scorer did.
private final class CallLog: Sendable {
    enum Outcome: Equatable, Sendable { case completed, cancelled }
    struct Call: Equatable, Sendable {
        var query: String
        var passages: [String]
        var maxLength: Int?
        var mode = ReadingMode.truncate
        var precision = Precision.fp32
        var batchesReported = 0
        var outcome: Outcome?
    }

    private let calls = Mutex<[Call]>([])

    func start(_ call: Call) -> Int {
        calls.withLock { $0.append(call); return $0.count - 1 }
    }

    func update(_ index: Int, _ change: (inout Call) -> Void) {
        calls.withLock { change(&$0[index]) }
    }

    var all: [Call] { calls.withLock { $0 } }
}

/// A scorer whose score is the passage length (plus the max length, plus a half outside fp32), reported in
/// small batches. Between batches it checks for cancellation; a `Hold` can make a batch wait for the test.
private struct FakeScorer: Scorer {
    let info: ScorerInfo
    let log: CallLog
    var batchSize = 2
    var batchDelay: Duration = .milliseconds(5)
    var reportsBatches = true
    var hold: Hold?

    init(name: String, log: CallLog, precision: Precision = .fp32, hold: Hold? = nil) {
        self.info = ScorerInfo(name: name, kind: .lexical, maxLength: nil, summary: "fake", scoreName: "length", probabilityName: nil,
                               precision: precision)
        self.log = log
        self.hold = hold
    }

    static func score(_ passage: String, maxLength: Int?, precision: Precision = .fp32) -> Double {
        Double(passage.count + (maxLength ?? 0)) + (precision == .fp32 ? 0 : 0.5)
    }

    func score(query: String, passages: [String], maxLength: Int?, mode: ReadingMode,
               onBatch: (@Sendable (ScoredBatch) -> Void)?) async throws -> [PairScore] {
        let call = log.start(CallLog.Call(query: query, passages: passages, maxLength: maxLength, mode: mode, precision: info.precision))
        var results: [PairScore] = []
        var batch = 0
        for start in stride(from: 0, to: passages.count, by: batchSize) {
            if Task.isCancelled {
                log.update(call) { $0.outcome = .cancelled }
                throw CancellationError()
            }
            try? await Task.sleep(for: batchDelay)
            if let hold, hold.stopsBefore(query, batch) {
                hold.reached.open()
                await hold.release.wait()
            }
            let indices = Array(start..<min(start + batchSize, passages.count))
            let scores = indices.map { PairScore(score: Self.score(passages[$0], maxLength: maxLength, precision: info.precision)) }
            results += scores
            if reportsBatches {
                onBatch?(ScoredBatch(indices: indices, scores: scores, completed: results.count, total: passages.count))
                log.update(call) { $0.batchesReported += 1 }
            }
            batch += 1
        }
        log.update(call) { $0.outcome = .completed }
        return results
    }

    func reading(query: String, passage: String, maxLength: Int?, mode: ReadingMode) -> PassageReading? { nil }

    func windowCapacity(query: String, maxLength: Int?) throws -> Int? { nil }
}

private struct UnknownModel: Error, CustomStringConvertible {
    var name: String
    var description: String { "no model named \(name)" }
}

private let passages: [(id: PassageID, text: String)] = (0..<10).map { (id: PassageID(100 + $0), text: String(repeating: "w", count: $0 + 1)) }

/// One request per pane `(number, scorer, max length)` for `query` over `passages`, read as `mode` says.
private func requests(_ query: String, _ passages: [(id: PassageID, text: String)],
                      _ panes: [(Int, String, Int?)], mode: ReadingMode = .truncate) -> [ScoreRequest] {
    panes.map { pane, scorer, maxLength in
        ScoreRequest(pane: PaneID(pane), scorerName: scorer, maxLength: maxLength, mode: mode, query: query,
                     passageIDs: passages.map(\.id), passages: passages.map(\.text))
    }
}

/// Reads events until `finishedPanes` panes of `generation` have finished or failed.
private func collect(_ iterator: inout AsyncStream<EngineEvent>.Iterator, generation: Int, finishedPanes: Int) async -> [EngineEvent] {
    var events: [EngineEvent] = []
    var done = 0
    while done < finishedPanes, let event = await iterator.next() {
        events.append(event)
        switch event {
        case .finished(generation, _, _), .failed(generation, _, _): done += 1
        default: break
        }
    }
    return events
}

/// Reads events until `count` results or failures of set work have arrived.
private func collectSet(_ iterator: inout AsyncStream<EngineEvent>.Iterator, count: Int) async -> [EngineEvent] {
    var events: [EngineEvent] = []
    var done = 0
    while done < count, let event = await iterator.next() {
        events.append(event)
        switch event {
        case .setScored, .setFailed: done += 1
        default: break
        }
    }
    return events
}

/// The set results among `events`: `query scorer` and the scores.
private func setResults(_ events: [EngineEvent]) -> [(item: String, scores: [Double])] {
    events.compactMap { event in
        guard case .setScored(_, let query, let scorer, let scores) = event else { return nil }
        return ("\(query) \(scorer.scorer)", scores)
    }
}

private func generation(of event: EngineEvent) -> Int? {
    switch event {
    case .loaded, .downloading, .setScored, .setFailed, .explanation: return nil
    case .partial(let generation, _, _, _, _), .finished(let generation, _, _), .failed(let generation, _, _): return generation
    }
}

/// The scores a consumer ends up with for one pane of one generation.
private func scores(in events: [EngineEvent], generation wantedGeneration: Int, pane wantedPane: Int) -> [PassageID: Double] {
    var result: [PassageID: Double] = [:]
    for event in events {
        if case .partial(let generation, let pane, let scores, _, _) = event, generation == wantedGeneration, pane == PaneID(wantedPane) {
            for (id, score) in scores { result[id] = score.score }
        }
    }
    return result
}

private func expectedScores(maxLength: Int?, precision: Precision = .fp32) -> [PassageID: Double] {
    Dictionary(uniqueKeysWithValues: passages.map { ($0.id, FakeScorer.score($0.text, maxLength: maxLength, precision: precision)) })
}

@Suite("Ranking engine", .timeLimit(.minutes(1)))
struct RuntimeRankingEngineTests {
    @Test func newerQueryCancelsTheOlderOneAndOnlyItsResultsArrive() async throws {
        let log = CallLog()
        let hold = Hold { query, batch in query == "old" && batch == 1 }
        let scorer = FakeScorer(name: "slow", log: log, hold: hold)
        let engine = RankingEngine { [scorer] _, _, _ in scorer }
        var iterator = engine.events.makeAsyncIterator()

        await engine.request(generation: 1, requests("old", passages, [(0, "slow", nil)]))
        var before: [EngineEvent] = []
        while let event = await iterator.next() {
            before.append(event)
            if case .partial = event { break }
        }
        await hold.reached.wait()
        await engine.request(generation: 2, requests("new", passages, [(0, "slow", nil)]))
        // The old scorer now reports its second batch, after the newer request: it must be dropped.
        hold.release.open()
        let after = await collect(&iterator, generation: 2, finishedPanes: 1)

        #expect(before.compactMap(generation(of:)) == [1])
        #expect(after.allSatisfy { generation(of: $0) != 1 })
        #expect(scores(in: after, generation: 2, pane: 0) == expectedScores(maxLength: nil))
        let calls = log.all
        try #require(calls.count == 2)
        #expect(calls[0].query == "old" && calls[0].outcome == .cancelled && calls[0].batchesReported == 2)
        #expect(calls[1].query == "new" && calls[1].outcome == .completed)
    }

    @Test func workDoneBeforeCancellationIsReusedForTheSameQuery() async throws {
        let log = CallLog()
        let hold = Hold { _, batch in batch == 1 && log.all.count == 1 }
        let scorer = FakeScorer(name: "a", log: log, hold: hold)
        let engine = RankingEngine { [scorer] _, _, _ in scorer }
        var iterator = engine.events.makeAsyncIterator()
        await engine.request(generation: 1, requests("q", passages, [(0, "a", nil)]))
        await hold.reached.wait()
        // A pane is added while pane 0 is scoring: the same query is requested again.
        await engine.request(generation: 2, requests("q", passages, [(0, "a", nil), (1, "a", 8)]))
        hold.release.open()
        let events = await collect(&iterator, generation: 2, finishedPanes: 2)

        let calls = log.all
        try #require(calls.count == 3)
        #expect(calls[0].outcome == .cancelled && calls[0].batchesReported == 2)
        #expect(calls[1].passages == passages.suffix(6).map(\.text))
        let firstOfPane0 = events.first { if case .partial(2, PaneID(0), _, _, _) = $0 { true } else { false } }
        if case .partial(_, _, let scores, 4, 10) = firstOfPane0 { #expect(scores.count == 4) } else { Issue.record("no reused partial: \(events)") }
        #expect(scores(in: events, generation: 2, pane: 0) == expectedScores(maxLength: nil))
        #expect(scores(in: events, generation: 2, pane: 1) == expectedScores(maxLength: 8))
    }

    @Test func eachPaneStreamsInOrderAndStartsAfterThePreviousPanesFirstBatch() async throws {
        let log = CallLog()
        let engine = RankingEngine { name, _, _ in FakeScorer(name: name, log: log) }
        var iterator = engine.events.makeAsyncIterator()
        await engine.request(generation: 7, requests("q", passages, [(0, "a", nil), (1, "b", 16)]))
        let events = await collect(&iterator, generation: 7, finishedPanes: 2)

        var trail: [(pane: Int, text: String)] = []
        for event in events {
            switch event {
            case .loaded(let pane, let info): trail.append((pane.rawValue, "loaded \(info.name)"))
            case .partial(_, let pane, let scores, let completed, let total): trail.append((pane.rawValue, "+\(scores.count) \(completed)/\(total)"))
            case .finished(_, let pane, let seconds): trail.append((pane.rawValue, "finished")); #expect(seconds >= 0)
            case .failed(_, let pane, let message): trail.append((pane.rawValue, "failed \(message)"))
            case .downloading(let scorer, _): Issue.record("\(scorer) should not download")
            case .setScored, .setFailed, .explanation: Issue.record("no set work or explanation was asked for")
            }
        }
        let batches = (1...5).map { "+2 \($0 * 2)/10" }
        #expect(trail.filter { $0.pane == 0 }.map(\.text) == ["loaded a"] + batches + ["finished"])
        #expect(trail.filter { $0.pane == 1 }.map(\.text) == ["loaded b"] + batches + ["finished"])
        // Pane 1 starts once pane 0 has shown its first batch.
        let firstOfPane1 = try #require(trail.firstIndex { $0.pane == 1 })
        #expect(trail.prefix(firstOfPane1).map(\.text) == ["loaded a", "+2 2/10"])
        #expect(scores(in: events, generation: 7, pane: 1) == expectedScores(maxLength: 16))
    }

    @Test func cachedScoresArriveAtOnceAndOnlyMissingPassagesAreScored() async throws {
        let log = CallLog()
        let engine = RankingEngine { name, _, _ in FakeScorer(name: name, log: log) }
        var iterator = engine.events.makeAsyncIterator()
        let pane: [(Int, String, Int?)] = [(0, "a", 64)]
        await engine.request(generation: 1, requests("q", Array(passages.prefix(6)), pane))
        _ = await collect(&iterator, generation: 1, finishedPanes: 1)

        // Same query, same passages: everything comes from the cache, without scoring.
        await engine.request(generation: 2, requests("q", Array(passages.prefix(6)), pane))
        let repeated = await collect(&iterator, generation: 2, finishedPanes: 1)
        #expect(log.all.count == 1)
        guard case .partial(2, PaneID(0), let cached, 6, 6) = repeated.first else {
            Issue.record("expected one cached partial first, got \(repeated)")
            return
        }
        #expect(cached.count == 6)

        // Four more passages: the six cached arrive first, only the four new ones are scored.
        await engine.request(generation: 3, requests("q", passages, pane))
        let grown = await collect(&iterator, generation: 3, finishedPanes: 1)
        #expect(log.all.last?.passages == passages.suffix(4).map(\.text))
        if case .partial(3, PaneID(0), let first, 6, 10) = grown.first { #expect(first.count == 6) } else { Issue.record("no cached partial: \(grown)") }
        #expect(scores(in: grown, generation: 3, pane: 0) == expectedScores(maxLength: 64))

        // Another max length is another cache entry.
        await engine.request(generation: 4, requests("q", passages, [(0, "a", 32)]))
        _ = await collect(&iterator, generation: 4, finishedPanes: 1)
        #expect(log.all.count == 3 && log.all.last?.passages.count == 10)

        // So is another reading mode, which the scorer is asked for.
        let windows = ReadingMode.windows(length: 256, stride: 128)
        await engine.request(generation: 5, requests("q", passages, [(0, "a", 32)], mode: windows))
        _ = await collect(&iterator, generation: 5, finishedPanes: 1)
        #expect(log.all.count == 4 && log.all.last?.passages.count == 10 && log.all.last?.mode == windows)
        await engine.request(generation: 6, requests("q", passages, [(0, "a", 32)], mode: windows))
        _ = await collect(&iterator, generation: 6, finishedPanes: 1)
        #expect(log.all.count == 4)
    }

    @Test("one model in two precisions is two scorers, loaded once each and cached apart; a precision the CPU lacks fails its pane alone")
    func precisionsAreSeparateScorersAndCacheEntries() async throws {
        let log = CallLog()
        let loads = Mutex<[String]>([])
        let unavailable = InferenceError.kernelUnavailable("this CPU's oneDNN kernels (up to AVX2) have no bf16 matrix product")
        let engine = RankingEngine { name, precision, _ in
            loads.withLock { $0.append("\(name) \(precision.rawValue)") }
            guard precision != .bf16 else { throw unavailable }
            return FakeScorer(name: name, log: log, precision: precision)
        }
        func request(_ precisions: [Precision]) -> [ScoreRequest] {
            precisions.enumerated().map { pane, precision in
                ScoreRequest(pane: PaneID(pane), scorerName: "a", maxLength: nil, precision: precision, query: "q",
                             passageIDs: passages.map(\.id), passages: passages.map(\.text))
            }
        }
        var iterator = engine.events.makeAsyncIterator()

        await engine.request(generation: 1, request([.fp32, .int8]))
        let first = await collect(&iterator, generation: 1, finishedPanes: 2)
        #expect(scores(in: first, generation: 1, pane: 0) == expectedScores(maxLength: nil))
        #expect(scores(in: first, generation: 1, pane: 1) == expectedScores(maxLength: nil, precision: .int8))
        let announced = first.compactMap { event -> String? in
            if case .loaded(let pane, let info) = event { return "\(pane.rawValue) \(info.precision.rawValue)" }
            return nil
        }
        #expect(Set(announced) == ["0 fp32", "1 int8"])
        #expect(loads.withLock { $0 } == ["a fp32", "a int8"])
        #expect(log.all.map(\.precision) == [.fp32, .int8])

        // Asked again, both panes come from the cache: nothing is loaded or scored again.
        await engine.request(generation: 2, request([.fp32, .int8]))
        let again = await collect(&iterator, generation: 2, finishedPanes: 2)
        #expect(scores(in: again, generation: 2, pane: 1) == expectedScores(maxLength: nil, precision: .int8))
        #expect(log.all.count == 2 && loads.withLock { $0.count } == 2)
        let int8 = try await engine.scorer(named: "a", precision: .int8)
        #expect(int8.info.precision == .int8 && loads.withLock { $0.count } == 2)

        // bf16 cannot run here: pane 1 fails with the engine's message, pane 0 still ranks.
        await engine.request(generation: 3, request([.fp32, .bf16]))
        let mixed = await collect(&iterator, generation: 3, finishedPanes: 2)
        let failures = mixed.compactMap { event -> String? in
            if case .failed(3, PaneID(1), let message) = event { return message }
            return nil
        }
        #expect(failures == [unavailable.description])
        #expect(unavailable.description.hasSuffix("have no bf16 matrix product; use another --precision (fp32 always runs)"))
        #expect(scores(in: mixed, generation: 3, pane: 0) == expectedScores(maxLength: nil))
    }

    @Test func loadFailureIsReportedAndOtherPanesStillRank() async throws {
        let log = CallLog()
        let engine = RankingEngine { name, _, _ in
            guard name != "missing" else { throw UnknownModel(name: name) }
            return FakeScorer(name: name, log: log)
        }
        var iterator = engine.events.makeAsyncIterator()
        await engine.request(generation: 1, requests("q", passages, [(0, "missing", nil), (1, "a", nil)]))
        let events = await collect(&iterator, generation: 1, finishedPanes: 2)
        guard case .failed(1, PaneID(0), let message) = events.first else {
            Issue.record("expected a failure first, got \(events)")
            return
        }
        #expect(message == "no model named missing")
        #expect(scores(in: events, generation: 1, pane: 1) == expectedScores(maxLength: nil))
    }

    @Test("a model pane of many passages is handed them a chunk at a time and streams them all; BM25 gets them at once")
    func manyPassagesAreScoredInChunks() async throws {
        let log = CallLog()
        let engine = RankingEngine { name, _, _ in
            var scorer = FakeScorer(name: name, log: log)
            scorer.batchSize = 512
            scorer.batchDelay = .zero
            return scorer
        }
        var iterator = engine.events.makeAsyncIterator()
        let count = RankingEngine.modelChunk * 2 + 100
        let many = (0..<count).map { (id: PassageID(1_000 + $0), text: String(repeating: "w", count: $0 % 50 + 1)) }
        await engine.request(generation: 1, requests("q", many, [(0, "model", nil)]))
        let events = await collect(&iterator, generation: 1, finishedPanes: 1)
        #expect(log.all.map(\.passages.count) == [RankingEngine.modelChunk, RankingEngine.modelChunk, 100])
        #expect(log.all.flatMap(\.passages) == many.map(\.text))
        let expected = Dictionary(uniqueKeysWithValues: many.map { ($0.id, FakeScorer.score($0.text, maxLength: nil)) })
        #expect(scores(in: events, generation: 1, pane: 0) == expected)
        let completed = events.compactMap { event -> Int? in
            if case .partial(1, _, _, let completed, let total) = event, total == count { return completed }
            return nil
        }
        #expect(completed.last == count && zip(completed, completed.dropFirst()).allSatisfy { $0 < $1 })

        await engine.request(generation: 2, requests("another", many, [(1, "bm25", nil)]))
        _ = await collect(&iterator, generation: 2, finishedPanes: 1)
        #expect(log.all.last?.passages.count == count && log.all.count == 4)
    }

    @Test func scoresReturnedWithoutBatchReportsAreStillStreamed() async throws {
        let log = CallLog()
        var scorer = FakeScorer(name: "quiet", log: log)
        scorer.reportsBatches = false
        let engine = RankingEngine { [scorer] _, _, _ in scorer }
        var iterator = engine.events.makeAsyncIterator()
        await engine.request(generation: 1, requests("q", passages, [(0, "quiet", nil)]))
        let events = await collect(&iterator, generation: 1, finishedPanes: 1)
        #expect(scores(in: events, generation: 1, pane: 0) == expectedScores(maxLength: nil))
    }

    @Test func olderGenerationRequestIsIgnored() async throws {
        let log = CallLog()
        let engine = RankingEngine { name, _, _ in FakeScorer(name: name, log: log) }
        var iterator = engine.events.makeAsyncIterator()
        await engine.request(generation: 5, requests("new", passages, [(0, "a", nil)]))
        await engine.request(generation: 4, requests("stale", passages, [(0, "a", nil)]))
        let events = await collect(&iterator, generation: 5, finishedPanes: 1)
        #expect(events.allSatisfy { generation(of: $0) != 4 })
        #expect(log.all.map(\.query) == ["new"])
    }

    @Test func aDownloadingModelReportsProgressAndTheNextPaneRanksMeanwhile() async throws {
        let log = CallLog()
        let release = Signal()
        let engine = RankingEngine { name, _, downloading in
            if name == "org/remote" {
                downloading(ModelDownload(completedBytes: 10, totalBytes: 100, file: "model.safetensors"))
                await release.wait()
            }
            return FakeScorer(name: name, log: log)
        }
        var iterator = engine.events.makeAsyncIterator()
        await engine.request(generation: 1, requests("q", passages, [(0, "org/remote", nil), (1, "a", nil)]))
        var sawDownload = false, otherFinished = false
        while !(sawDownload && otherFinished), let event = await iterator.next() {
            switch event {
            case .downloading(let scorer, let progress): sawDownload = scorer == "org/remote" && progress.percent == 10
            case .finished(1, PaneID(1), _): otherFinished = true
            default: break
            }
        }
        #expect(sawDownload && otherFinished)
        release.open()
        let rest = await collect(&iterator, generation: 1, finishedPanes: 1)
        #expect(scores(in: rest, generation: 1, pane: 0) == expectedScores(maxLength: nil))
    }

    // MARK: set work for the query browser

    @Test func setWorkReportsEveryItemAndCachesItForThePanes() async throws {
        let log = CallLog()
        let engine = RankingEngine { name, _, _ in FakeScorer(name: name, log: log) }
        var iterator = engine.events.makeAsyncIterator()
        let texts = passages.map(\.text)
        await engine.scoreSet([
            SetScoreItem(set: 3, query: 0, scorer: ScorerKey(scorer: "a"), queryText: "first", passages: Array(texts.prefix(4))),
            SetScoreItem(set: 3, query: 0, scorer: ScorerKey(scorer: "b", maxLength: 8), queryText: "first", passages: Array(texts.prefix(4))),
            SetScoreItem(set: 3, query: 1, scorer: ScorerKey(scorer: "a"), queryText: "second", passages: texts),
        ])
        let results = setResults(await collectSet(&iterator, count: 3))
        #expect(results.map(\.item) == ["0 a", "0 b", "1 a"])
        #expect(results[1].scores == texts.prefix(4).map { FakeScorer.score($0, maxLength: 8) })
        #expect(results[2].scores == texts.map { FakeScorer.score($0, maxLength: nil) })

        // Opening the second query in a pane finds every score cached: nothing more is scored.
        await engine.request(generation: 1, requests("second", passages, [(0, "a", nil)]))
        let opened = await collect(&iterator, generation: 1, finishedPanes: 1)
        #expect(log.all.count == 3)
        #expect(scores(in: opened, generation: 1, pane: 0) == expectedScores(maxLength: nil))
    }

    @Test func aRankingRequestInterruptsTheSetItemWhichResumesAfterIt() async throws {
        let log = CallLog()
        let hold = Hold { query, batch in query == "set query" && batch == 1 }
        let scorer = FakeScorer(name: "a", log: log, hold: hold)
        let engine = RankingEngine { [scorer] _, _, _ in scorer }
        var iterator = engine.events.makeAsyncIterator()
        await engine.scoreSet([SetScoreItem(set: 1, query: 0, scorer: ScorerKey(scorer: "a"), queryText: "set query",
                                            passages: passages.map(\.text))])
        await hold.reached.wait()
        await engine.request(generation: 1, requests("typed query", passages, [(0, "a", nil)]))
        hold.release.open()
        let events = await collectSet(&iterator, count: 1)

        let finished = try #require(events.firstIndex { if case .finished(1, _, _) = $0 { true } else { false } })
        let result = try #require(events.firstIndex { if case .setScored = $0 { true } else { false } })
        #expect(finished < result, "the request finishes first: \(events)")
        #expect(setResults(events).first?.scores == passages.map { FakeScorer.score($0.text, maxLength: nil) })
        let calls = log.all
        try #require(calls.count == 3)
        #expect(calls[0].query == "set query" && calls[0].outcome == .cancelled && calls[0].batchesReported == 2)
        #expect(calls[1].query == "typed query" && calls[1].outcome == .completed)
        #expect(calls[2].query == "set query" && calls[2].passages == passages.suffix(6).map(\.text), "only what was not scored before")
    }

    @Test func aQueryChangeStopsTheSetItemWhichWaitsForThePanesToBeQuiet() async throws {
        let log = CallLog()
        let hold = Hold { _, batch in batch == 1 && log.all.count == 1 }
        let scorer = FakeScorer(name: "a", log: log, hold: hold)
        let engine = RankingEngine { [scorer] _, _, _ in scorer }
        var iterator = engine.events.makeAsyncIterator()
        await engine.scoreSet([SetScoreItem(set: 1, query: 0, scorer: ScorerKey(scorer: "a"), queryText: "q",
                                            passages: passages.map(\.text))])
        await hold.reached.wait()
        let typed = ContinuousClock.now
        await engine.cancel()   // what a keystroke does before the debounced request
        hold.release.open()
        let results = setResults(await collectSet(&iterator, count: 1))

        #expect(typed.duration(to: .now) >= RankingEngine.setWorkPause)
        #expect(results.first?.scores == passages.map { FakeScorer.score($0.text, maxLength: nil) })
        let calls = log.all
        try #require(calls.count == 2)
        #expect(calls[0].outcome == .cancelled && calls[0].batchesReported == 2)
        #expect(calls[1].passages == passages.suffix(6).map(\.text) && calls[1].outcome == .completed)
    }

    @Test func aScorerThatFailsIsReportedOnceAndItsOtherItemsSkipped() async throws {
        let log = CallLog()
        let engine = RankingEngine { name, _, _ in
            guard name != "missing" else { throw UnknownModel(name: name) }
            return FakeScorer(name: name, log: log)
        }
        var iterator = engine.events.makeAsyncIterator()
        let texts = passages.map(\.text)
        await engine.scoreSet([
            SetScoreItem(set: 1, query: 0, scorer: ScorerKey(scorer: "missing"), queryText: "q", passages: texts),
            SetScoreItem(set: 1, query: 0, scorer: ScorerKey(scorer: "a"), queryText: "q", passages: texts),
            SetScoreItem(set: 1, query: 1, scorer: ScorerKey(scorer: "missing"), queryText: "r", passages: texts),
            SetScoreItem(set: 1, query: 1, scorer: ScorerKey(scorer: "a"), queryText: "r", passages: texts),
        ])
        let events = await collectSet(&iterator, count: 3)
        guard case .setFailed(1, ScorerKey(scorer: "missing"), let message) = events.first else {
            Issue.record("expected the failure first: \(events)")
            return
        }
        #expect(message == "no model named missing")
        #expect(setResults(events).map(\.item) == ["0 a", "1 a"])
        #expect(log.all.map(\.query) == ["q", "r"])
    }
}
