import Inference
import Synchronization

/// Owns the loaded scorers and ranks the passages for every pane in the background.
///
/// It takes the state's `ScoreRequest`s and reports by the state's `PaneID`s and `PassageID`s.
/// Each `request` cancels the previous one. Cached scores are reported at once; the missing
/// passages are then scored batch by batch, and every batch is streamed through `events`. Panes
/// start in order (BM25 first, then as requested) and each starts once the one before it has
/// shown its first batch (or has begun to download its model); from then on their batches take
/// turns on the engine's compute thread, so every pane shows a ranking soon and none waits for
/// another to finish. Loading happens off the actor, so a slow model load never holds up a newer
/// request. A scorer is loaded once per (name, precision): two panes may show one model in two
/// precisions side by side. In its spare time it explains the detail view's passage (`explain(_:)`,
/// RankingEngine+Explain.swift) and scores a judged set for the query browser (`scoreSet(_:)`,
/// RankingEngine+Set.swift); both always give way to a request, and the set work to an explanation.
public actor RankingEngine {
    /// Loads a scorer by the name people type (`bm25`, a model name or a path) with its dense layers in a precision
    /// (BM25 ignores it); when it downloads the model first, it reports how far the download has come through the
    /// handler it is given.
    public typealias Loader = @Sendable (String, Precision, _ downloading: @escaping @Sendable (ModelDownload) -> Void) async throws
        -> any Scorer

    /// What a scorer is loaded by.
    struct LoadKey: Hashable, Sendable {
        var name: String
        var precision: Precision
    }

    /// Every event, in order; consume it from one task.
    public nonisolated let events: AsyncStream<EngineEvent>

    private let loader: Loader
    let gate: EventGate
    private var loads: [LoadKey: Task<any Scorer, any Error>] = [:]
    private var loaded: [LoadKey: any Scorer] = [:]
    /// Scorers whose model is downloading, and what to call when a download starts (letting the next pane start).
    private var downloading: Set<LoadKey> = []
    private var downloadWatchers: [LoadKey: [@Sendable () -> Void]] = [:]
    var cache: ScoreCache
    /// The scorer each pane was last told about.
    private var announced: [PaneID: ScorerInfo] = [:]
    /// The work of the newest request.
    var current: Task<Void, Never>?
    /// True from a request until its work has ended (finished, or stopped after a cancel).
    var rankingBusy = false
    /// When the panes last asked for work, cancelled it, or saw it end: set work waits for a quiet
    /// moment after it (see `setWorkPause`), so it never takes the cores between keystrokes.
    var lastPaneActivity: ContinuousClock.Instant?
    /// The set work's loop, and the item it is scoring (see RankingEngine+Set.swift).
    var setLoop: Task<Void, Never>?
    var setItemWork: Task<[PairScore], any Error>?
    /// The explanation under way: its loop, the attribution it is computing, and whether it still
    /// wants the cores (see RankingEngine+Explain.swift).
    var explainLoop: Task<Void, Never>?
    var explainWork: Task<Attribution, any Error>?
    var explainBusy = false
    var explainGeneration = 0
    /// Attributions computed, by what they explain.
    var explanations: [ExplainKey: Attribution] = [:]

    public init(cacheGroups: Int = 64, loader: @escaping Loader) {
        let (stream, continuation) = AsyncStream<EngineEvent>.makeStream()
        self.events = stream
        self.gate = EventGate(continuation: continuation)
        self.loader = loader
        self.cache = ScoreCache(capacity: cacheGroups)
    }

    /// Ranks the passages of each request (one per pane, scored in this order), replacing any
    /// earlier request. A request whose generation is older than the current one is ignored. When
    /// this returns, no event of an older generation will be delivered any more.
    public func request(generation: Int, _ requests: [ScoreRequest]) {
        guard gate.open(generation) else { return }
        current?.cancel()
        let previous = current
        // Set work and explanations give way: the item being scored stops between batches before this
        // request scores; an explanation stops too and starts again once the panes are quiet.
        let interrupted = setItemWork
        interrupted?.cancel()
        explainWork?.cancel()
        rankingBusy = true
        lastPaneActivity = .now
        let job = RankJob(generation: generation, started: .now)
        current = Task.detached(priority: .userInitiated) { [self] in
            await self.run(job, requests: requests, after: previous, interrupting: interrupted)
            await self.rankingEnded(generation)
        }
    }

    /// The work of a request has ended; set work may go on unless a newer request is under way.
    private func rankingEnded(_ generation: Int) {
        if gate.isCurrent(generation) { rankingBusy = false }
        lastPaneActivity = .now
    }

    /// Stops the current request's work between batches (the next request waits for it to stop,
    /// so two requests never share the cores), and the set work's item, which waits for quiet.
    public func cancel() {
        current?.cancel()
        setItemWork?.cancel()
        explainWork?.cancel()
        lastPaneActivity = .now
    }

    /// Stops all work and ends `events`.
    public func shutdown() {
        cancel()
        setLoop?.cancel()
        setItemWork?.cancel()
        cancelExplain()
        gate.finish()
    }

    /// The scorer loaded by this name in this precision, loading it once if needed (for detail views and readings).
    public func scorer(named name: String, precision: Precision) async throws -> any Scorer {
        try await scorer(LoadKey(name: name, precision: precision), whenDownloading: nil)
    }

    /// The scorer by this key; `whenDownloading` is called once if its model turns out to need a download.
    func scorer(_ key: LoadKey, whenDownloading: (@Sendable () -> Void)?) async throws -> any Scorer {
        if let scorer = loaded[key] { return scorer }
        if let whenDownloading {
            if downloading.contains(key) { whenDownloading() } else { downloadWatchers[key, default: []].append(whenDownloading) }
        }
        let load: Task<any Scorer, any Error>
        if let running = loads[key] {
            load = running
        } else {
            let loader = self.loader
            let gate = self.gate
            load = Task.detached(priority: .userInitiated) {
                try await loader(key.name, key.precision) { progress in
                    gate.emitAlways(.downloading(scorer: key.name, progress: progress))
                    Task { await self.downloadStarted(key) }
                }
            }
            loads[key] = load
        }
        defer {
            downloading.remove(key)
            downloadWatchers[key] = nil
        }
        do {
            let scorer = try await load.value
            loaded[key] = scorer
            return scorer
        } catch {
            loads[key] = nil
            throw error
        }
    }

    /// A scorer's model began to download: panes waiting for it to start no longer hold up the next ones.
    private func downloadStarted(_ key: LoadKey) {
        guard loaded[key] == nil, loads[key] != nil, downloading.insert(key).inserted else { return }
        downloadWatchers.removeValue(forKey: key)?.forEach { $0() }
    }

    // MARK: the work of one request

    private struct RankJob: Sendable {
        var generation: Int
        var started: ContinuousClock.Instant

        var seconds: Double {
            started.duration(to: .now).seconds
        }
    }

    /// A pane's passages that are not cached yet.
    private struct PendingPane: Sendable {
        var pane: PaneID
        var key: ScoreCache.Key
        var missing: [(id: PassageID, text: String)]
        var cachedCount: Int
        /// Passages in the pane's request.
        var total: Int

        var isLexical: Bool { key.scorer.lowercased() == Scorers.bm25Name }

        var loadKey: LoadKey { LoadKey(name: key.scorer, precision: key.precision) }
    }

    private nonisolated func run(_ job: RankJob, requests: [ScoreRequest], after previous: Task<Void, Never>?,
                                 interrupting setItem: Task<[PairScore], any Error>?) async {
        var pending: [PendingPane] = []
        for request in requests {
            let key = ScoreCache.Key(scorer: request.scorerName, precision: request.precision, maxLength: request.maxLength,
                                     mode: request.mode, query: request.query)
            let waiting = PendingPane(pane: request.pane, key: key, missing: Array(zip(request.passageIDs, request.passages)),
                                      cachedCount: 0, total: request.passages.count)
            if let rest = await takeCached(job, waiting) { pending.append(rest) }
        }
        // Let the cancelled request stop before scoring, so two requests never share the cores;
        // what it scored meanwhile (the same query in another layout, say) is in the cache now.
        await previous?.value
        _ = await setItem?.result
        // BM25 ranks a hundred passages in about a millisecond: it goes first, so its pane never
        // waits for the neural ones.
        let lexicalFirst = pending.filter(\.isLexical) + pending.filter { !$0.isLexical }
        await withTaskGroup(of: Void.self) { group in
            for pane in lexicalFirst {
                guard !Task.isCancelled else { return }
                guard let rest = await takeCached(job, pane) else { continue }
                let (firstResult, signal) = AsyncStream<Void>.makeStream()
                group.addTask { await self.score(job, rest, firstResult: signal) }
                for await _ in firstResult {}
            }
        }
    }

    /// Emits the cached scores among a pane's missing passages (and `finished` when nothing is
    /// missing any more); returns what still needs scoring.
    private func takeCached(_ job: RankJob, _ pane: PendingPane) -> PendingPane? {
        if let scorer = loaded[pane.loadKey] { announce(scorer.info, pane: pane.pane, generation: job.generation) }
        let cached = cache.scores(for: pane.key)
        var found: [PassageID: PairScore] = [:]
        var missing: [(id: PassageID, text: String)] = []
        for passage in pane.missing {
            if let score = cached[passage.text] { found[passage.id] = score } else { missing.append(passage) }
        }
        let completed = pane.cachedCount + found.count
        if !found.isEmpty {
            gate.emit(.partial(generation: job.generation, pane: pane.pane, scores: found,
                               completed: completed, total: pane.total), generation: job.generation)
        }
        guard missing.isEmpty else {
            return PendingPane(pane: pane.pane, key: pane.key, missing: missing, cachedCount: completed, total: pane.total)
        }
        gate.emit(.finished(generation: job.generation, pane: pane.pane, seconds: job.seconds), generation: job.generation)
        return nil
    }

    /// Scores a pane's missing passages; finishes `firstResult` once the pane has shown a first
    /// batch or has stopped.
    private nonisolated func score(_ job: RankJob, _ pane: PendingPane, firstResult: AsyncStream<Void>.Continuation) async {
        defer { firstResult.finish() }
        let scorer: any Scorer
        do {
            // A model that downloads first lets the next pane start meanwhile.
            scorer = try await self.scorer(pane.loadKey, whenDownloading: { firstResult.finish() })
        } catch {
            gate.emit(.failed(generation: job.generation, pane: pane.pane, message: "\(error)"), generation: job.generation)
            return
        }
        await announce(scorer.info, pane: pane.pane, generation: job.generation)
        guard !Task.isCancelled else { return }

        let reported = ReportedScores()
        let gate = self.gate
        let total = pane.total
        // A batch of the chunk that starts at `offset` in the pane's missing passages.
        let onBatch: @Sendable (ScoredBatch, Int) -> Void = { batch, offset in
            let indices = batch.indices.map { $0 + offset }
            var scores: [PassageID: PairScore] = [:]
            scores.reserveCapacity(indices.count)
            for (index, score) in zip(indices, batch.scores) where pane.missing.indices.contains(index) {
                scores[pane.missing[index].id] = score
            }
            reported.add(indices: indices, scores: batch.scores)
            gate.emit(.partial(generation: job.generation, pane: pane.pane, scores: scores,
                               completed: pane.cachedCount + offset + batch.completed, total: total), generation: job.generation)
            firstResult.finish()
        }
        // BM25 needs the whole collection for its statistics; a model scores each passage alone.
        let chunkSize = pane.isLexical ? max(1, pane.missing.count) : Self.modelChunk
        do {
            var scores: [PairScore] = []
            scores.reserveCapacity(pane.missing.count)
            for offset in stride(from: 0, to: pane.missing.count, by: chunkSize) {
                try Task.checkCancellation()
                let chunk = pane.missing[offset..<min(offset + chunkSize, pane.missing.count)]
                scores += try await scorer.score(query: pane.key.query, passages: chunk.map(\.text),
                                                 maxLength: pane.key.maxLength, mode: pane.key.mode) { onBatch($0, offset) }
            }
            let all = Array(zip(scores.indices, scores))
            await store(all, of: pane)
            let unreported = reported.missing(from: all)
            if !unreported.isEmpty {
                let byID = Dictionary(unreported.map { (pane.missing[$0.0].id, $0.1) }, uniquingKeysWith: { first, _ in first })
                gate.emit(.partial(generation: job.generation, pane: pane.pane, scores: byID,
                                   completed: total, total: total), generation: job.generation)
            }
            gate.emit(.finished(generation: job.generation, pane: pane.pane, seconds: job.seconds), generation: job.generation)
        } catch is CancellationError {
            await store(reported.all, of: pane)
        } catch {
            await store(reported.all, of: pane)
            gate.emit(.failed(generation: job.generation, pane: pane.pane, message: "\(error)"), generation: job.generation)
        }
    }

    /// Passages a model is handed at once: it tokenizes all it is given before its first batch, so a
    /// pane of a hundred thousand passages starts ranking as soon as a small one and never holds
    /// every passage's tokens at once; cancelling stops it between batches as before.
    public static let modelChunk = 2_048

    private func store(_ scores: [(Int, PairScore)], of pane: PendingPane) {
        let valid = scores.filter { pane.missing.indices.contains($0.0) }
        cache.store(valid.map { (text: pane.missing[$0.0].text, score: $0.1) }, for: pane.key)
    }

    private func announce(_ info: ScorerInfo, pane: PaneID, generation: Int) {
        guard announced[pane] != info else { return }
        if gate.emit(.loaded(pane: pane, info: info), generation: generation) { announced[pane] = info }
    }
}

/// The scores a scorer has already streamed, so cancelled work still fills the cache.
final class ReportedScores: Sendable {
    private let scores = Mutex<[Int: PairScore]>([:])

    func add(indices: [Int], scores batch: [PairScore]) {
        scores.withLock { scores in
            for (index, score) in zip(indices, batch) { scores[index] = score }
        }
    }

    var all: [(Int, PairScore)] {
        scores.withLock { Array($0) }
    }

    /// The results of `all` that were never streamed.
    func missing(from all: [(Int, PairScore)]) -> [(Int, PairScore)] {
        scores.withLock { reported in all.filter { reported[$0.0] == nil } }
    }
}
