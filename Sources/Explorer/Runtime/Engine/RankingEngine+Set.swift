import Inference

/// Scoring a judged set in the background for the query browser, in the engine's spare time.
extension RankingEngine {
    /// How long set work waits after the panes' last request, cancel or finish: while someone
    /// types, the next request finds the cores free.
    public static let setWorkPause = Duration.milliseconds(400)

    /// Scores each item (one query of a judged set with one scorer) in the order given, replacing
    /// the set work given before, and reports `.setScored` or `.setFailed` for each; after a
    /// scorer fails, its other items are skipped.
    ///
    /// Ranking requests come first: set work waits while one is under way (and `setWorkPause`
    /// after the panes' last activity), and the item being scored when one arrives, or when the
    /// query changes, stops between batches (what it scored stays cached) and resumes after it.
    /// Every item's scores are cached, so opening a scored query in the panes shows its rankings
    /// at once, and an item the panes have already ranked costs nothing.
    public func scoreSet(_ items: [SetScoreItem]) {
        setLoop?.cancel()
        setItemWork?.cancel()
        let previous = setLoop
        setLoop = Task.detached(priority: .utility) { [self] in
            await previous?.value
            await self.runSet(items)
        }
    }

    private enum SetOutcome {
        case done, failed, interrupted
    }

    private nonisolated func runSet(_ items: [SetScoreItem]) async {
        var failed = Set<ScorerKey>()
        for item in items where !failed.contains(item.scorer) {
            var outcome = SetOutcome.interrupted
            while outcome == .interrupted {
                await waitForQuiet(yieldingToExplanations: true)
                guard !Task.isCancelled else { return }
                outcome = await score(item)
            }
            if outcome == .failed { failed.insert(item.scorer) }
        }
    }

    /// Returns once no ranking request is under way and the panes have been quiet for
    /// `setWorkPause` (or when the waiting task is cancelled); with `yieldingToExplanations`, also
    /// once no explanation wants the cores.
    func waitForQuiet(yieldingToExplanations: Bool) async {
        while !Task.isCancelled {
            if rankingBusy, let running = current {
                await running.value
            } else if yieldingToExplanations, explainBusy, let explaining = explainLoop {
                await explaining.value
            } else if let quietFrom = quietFrom, quietFrom > .now {
                try? await Task.sleep(until: quietFrom, clock: .continuous)
            } else {
                return
            }
        }
    }

    /// When set work may go on after the panes' last activity; nil when they have been idle.
    var quietFrom: ContinuousClock.Instant? {
        lastPaneActivity.map { $0 + Self.setWorkPause }
    }

    private nonisolated func score(_ item: SetScoreItem) async -> SetOutcome {
        let key = ScoreCache.Key(scorer: item.scorer.scorer, precision: item.scorer.precision, maxLength: item.scorer.maxLength,
                                 mode: item.scorer.mode, query: item.queryText)
        var known = await cachedScores(key)
        var seen = Set<String>()
        let missing = item.passages.filter { known[$0] == nil && seen.insert($0).inserted }
        guard !missing.isEmpty else { return report(item, known) }
        let scorer: any Scorer
        do {
            scorer = try await self.scorer(LoadKey(name: item.scorer.scorer, precision: item.scorer.precision), whenDownloading: nil)
        } catch {
            return fail(item, "\(error)")
        }
        let reported = ReportedScores()
        let work = await startItem {
            try await scorer.score(query: item.queryText, passages: missing, maxLength: item.scorer.maxLength, mode: item.scorer.mode) { batch in
                reported.add(indices: batch.indices, scores: batch.scores)
            }
        }
        guard let work else { return .interrupted }
        let result = await work.result
        await itemEnded(work)
        switch result {
        case .success(let scores):
            guard scores.count == missing.count else {
                return fail(item, "\(item.scorer.scorer) gave \(scores.count) scores for \(missing.count) passages")
            }
            let scored = Array(zip(missing, scores))
            await store(scored, key)
            for (text, score) in scored { known[text] = score }
            return report(item, known)
        case .failure(let error):
            let partial = reported.all.filter { missing.indices.contains($0.0) }.map { (missing[$0.0], $0.1) }
            await store(partial, key)
            return error is CancellationError ? .interrupted : fail(item, "\(error)")
        }
    }

    /// Starts scoring an item unless a request is under way or the panes were active a moment ago
    /// (then nil: wait and try again).
    private func startItem(_ body: @escaping @Sendable () async throws -> [PairScore]) -> Task<[PairScore], any Error>? {
        guard !rankingBusy, !explainBusy, (quietFrom ?? .now) <= .now else { return nil }
        let work = Task.detached(priority: .utility, operation: body)
        setItemWork = work
        return work
    }

    private func itemEnded(_ work: Task<[PairScore], any Error>) {
        if setItemWork == work { setItemWork = nil }
    }

    private func cachedScores(_ key: ScoreCache.Key) -> [String: PairScore] {
        cache.scores(for: key)
    }

    private func store(_ scores: [(String, PairScore)], _ key: ScoreCache.Key) {
        cache.store(scores.map { (text: $0.0, score: $0.1) }, for: key)
    }

    private nonisolated func report(_ item: SetScoreItem, _ known: [String: PairScore]) -> SetOutcome {
        let scores = item.passages.compactMap { known[$0]?.score }
        guard scores.count == item.passages.count else { return fail(item, "\(item.scorer.scorer) left passages unscored") }
        gate.emitAlways(.setScored(set: item.set, query: item.query, scorer: item.scorer, scores: scores))
        return .done
    }

    private nonisolated func fail(_ item: SetScoreItem, _ message: String) -> SetOutcome {
        gate.emitAlways(.setFailed(set: item.set, scorer: item.scorer, message: message))
        return .failed
    }
}
