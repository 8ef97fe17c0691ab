extension ExplorerApp {
    /// The query changed: stop the stale work now and score once typing pauses.
    func queryChanged() {
        onEngine { await $0.cancel() }
        debouncer.submit(())
        for unfinished in timer.queryChanged(generation: generation + 1) { configuration.trace?.recordPane(unfinished) }
    }

    /// Asks the engine to rank every pane for the current query, as a new generation (which
    /// cancels the older one); with nothing to score, stops the engine.
    func startScoring() {
        debouncer.cancel()
        let wanted = state.panes.compactMap { state.scoreRequest(for: $0.id) }
        requests = Dictionary(wanted.map { ($0.pane, $0) }, uniquingKeysWith: { first, _ in first })
        awaitingStart = []
        guard !wanted.isEmpty else {
            onEngine { await $0.cancel() }
            return
        }
        generation += 1
        for request in wanted {
            let shown = state.paneIndex(request.pane).flatMap { state.panes[$0].scoredQuery }
            if shown == request.query {
                awaitingStart.insert(request.pane)
            } else {
                perform(state.apply(.scoringStarted(request.pane, query: request.query, total: request.passages.count)))
            }
        }
        let generation = self.generation
        onEngine { await $0.request(generation: generation, wanted) }
        if nextTick == nil { nextTick = .now + Self.tickInterval }
    }

    /// Runs engine calls one after another, in the order they were made.
    func onEngine(_ call: @escaping @Sendable (RankingEngine) async -> Void) {
        let previous = engineCalls
        let engine = self.engine
        engineCalls = Task {
            await previous?.value
            await call(engine)
        }
    }

    /// Feeds the engine's events into the state until the engine shuts down.
    func listen() async {
        for await event in engine.events {
            receive(event)
        }
    }

    private func receive(_ event: EngineEvent) {
        if let timing = timer.observe(event) { configuration.trace?.recordPane(timing) }
        switch event {
        case .loaded(let pane, let info):
            guard let request = requests[pane], let index = state.paneIndex(pane),
                  state.panes[index].scorerName == request.scorerName, state.panes[index].effectivePrecision == request.precision
            else { return }
            perform(state.apply(.scorerReady(pane, info)))
        case .partial(let generation, let pane, let scores, let completed, let total):
            guard let request = current(generation, pane) else { return }
            begin(pane, request)
            perform(state.apply(.batch(pane, query: request.query, scores: scores, completed: completed, total: total)))
        case .finished(let generation, let pane, _):
            guard let request = current(generation, pane) else { return }
            begin(pane, request)
            perform(state.apply(.scoringFinished(pane, query: request.query)))
        case .failed(let generation, let pane, let message):
            guard current(generation, pane) != nil else { return }
            awaitingStart.remove(pane)
            perform(state.apply(.failed(pane, message: message)))
        case .downloading(let scorer, let progress):
            perform(state.apply(.downloading(scorer: scorer, progress)))
        case .setScored(let set, let query, let scorer, let scores):
            perform(state.apply(.setScored(set: set, query: query, scorer: scorer, scores: scores)))
        case .setFailed(let set, let scorer, let message):
            perform(state.apply(.setFailed(set: set, scorer: scorer, message: message)))
        case .explanation(let explanation):
            perform(state.apply(.explanation(explanation)))
        }
        scheduleRedraw()
    }

    /// The request behind an event of the current generation.
    private func current(_ eventGeneration: Int, _ pane: PaneID) -> ScoreRequest? {
        eventGeneration == generation ? requests[pane] : nil
    }

    /// Resets a pane that kept its scores until its first result of this generation.
    private func begin(_ pane: PaneID, _ request: ScoreRequest) {
        guard awaitingStart.remove(pane) != nil else { return }
        perform(state.apply(.scoringStarted(pane, query: request.query, total: request.passages.count)))
    }
}
