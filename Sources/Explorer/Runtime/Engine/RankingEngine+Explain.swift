import Inference

/// Explaining the detail view's passage in the background: the why view's attribution.
extension RankingEngine {
    /// Attributions kept before the cache starts over.
    static let explanationCacheLimit = 64

    /// Explains what `request` names, replacing the explanation under way, and reports
    /// `.explanation` events: progress as batches finish, then the attribution (or why it failed).
    ///
    /// It runs at low priority through the set work's yield mechanism: it waits while a ranking
    /// request is under way and `setWorkPause` after the panes' last activity, stops between batches
    /// when one arrives (starting again once they are quiet), and the query browser's set work waits
    /// for it. A cached attribution is reported at once.
    public func explain(_ request: ExplainRequest) {
        cancelExplain()
        explainGeneration += 1
        explainBusy = true
        let previous = explainLoop
        let generation = explainGeneration
        explainLoop = Task.detached(priority: .utility) { [self] in
            await previous?.value
            await self.runExplanation(request)
            await self.explanationEnded(generation)
        }
    }

    /// Stops the explanation under way (the why view closed).
    public func cancelExplain() {
        explainLoop?.cancel()
        explainWork?.cancel()
        explainBusy = false
    }

    private nonisolated func runExplanation(_ request: ExplainRequest) async {
        let key = request.key
        let gate = self.gate
        if let cached = await cachedExplanation(key) {
            gate.emitAlways(.explanation(Explanation(key: key, attribution: cached)))
            return
        }
        let scorer: any Scorer
        do {
            scorer = try await self.scorer(LoadKey(name: key.scorer.scorer, precision: key.scorer.precision), whenDownloading: nil)
        } catch {
            gate.emitAlways(.explanation(Explanation(key: key, error: "\(error)")))
            return
        }
        while !Task.isCancelled {
            await waitForQuiet(yieldingToExplanations: false)
            guard !Task.isCancelled else { return }
            _ = await interruptSetItem()?.result
            let work = await startExplaining {
                try await scorer.attribution(query: key.query, passage: key.passage, unit: key.unit, maxLength: key.scorer.maxLength,
                                             mode: key.scorer.mode, collection: request.collection, limits: AttributionLimits()) { progress in
                    gate.emitAlways(.explanation(Explanation(key: key, progress: progress)))
                }
            }
            guard let work else { continue }
            let result = await work.result
            await explainingEnded(work)
            switch result {
            case .success(let attribution):
                await remember(attribution, for: key)
                gate.emitAlways(.explanation(Explanation(key: key, attribution: attribution)))
                return
            case .failure(let error) where error is CancellationError:
                continue
            case .failure(let error):
                gate.emitAlways(.explanation(Explanation(key: key, error: "\(error)")))
                return
            }
        }
    }

    /// Stops the set work's item between batches (it resumes after the explanation); returns it so
    /// the explanation can wait for it to stop and never shares the cores with it.
    private func interruptSetItem() -> Task<[PairScore], any Error>? {
        setItemWork?.cancel()
        return setItemWork
    }

    /// Starts the attribution unless a ranking request is under way or the panes were active a
    /// moment ago (then nil: wait and try again).
    private func startExplaining(_ body: @escaping @Sendable () async throws -> Attribution) -> Task<Attribution, any Error>? {
        guard !rankingBusy, (quietFrom ?? .now) <= .now, !Task.isCancelled else { return nil }
        let work = Task.detached(priority: .utility, operation: body)
        explainWork = work
        return work
    }

    private func explainingEnded(_ work: Task<Attribution, any Error>) {
        if explainWork == work { explainWork = nil }
    }

    private func explanationEnded(_ generation: Int) {
        if generation == explainGeneration { explainBusy = false }
    }

    private func cachedExplanation(_ key: ExplainKey) -> Attribution? {
        explanations[key]
    }

    private func remember(_ attribution: Attribution, for key: ExplainKey) {
        if explanations.count >= Self.explanationCacheLimit { explanations.removeAll() }
        explanations[key] = attribution
    }
}
