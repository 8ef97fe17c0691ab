import Foundation

/// The explorer's main loop, on the main actor: reads input from the terminal, feeds it to the
/// `ExplorerState` reducer, performs the effects it asks for, streams the `RankingEngine`'s results
/// back into the state and redraws after every change.
///
/// Inference never runs on the main actor: the engine scores on its own tasks (the GEMMs on its
/// compute threads, at background priority), model loading, file reading and model listing run
/// detached, and the main actor only applies their results. Typing goes through a ~150 ms
/// debounce; each scoring request carries a new generation, so a newer query cancels the work of
/// an older one.
@MainActor
public final class ExplorerApp {
    var state: ExplorerState
    let configuration: ExplorerConfiguration
    let engine: RankingEngine
    let autosaver: SessionAutosaver<SessionSnapshot>?
    var palette: ResolvedPalette
    var screen: TerminalScreen?
    var quitting = false
    var needsRedraw = false
    private var redrawScheduled = false

    // Scoring: see ExplorerApp+Scoring.swift.
    var generation = 0
    var debouncer = Debouncer<Void>()
    /// The requests of the current generation, by pane.
    var requests: [PaneID: ScoreRequest] = [:]
    /// Panes of the current generation that still show their previous scores for the same query;
    /// they are reset when their first result arrives, so unchanged panes do not flicker.
    var awaitingStart: Set<PaneID> = []
    var timer = RankingTimer()
    var engineCalls: Task<Void, Never>?
    var nextTick: ContinuousClock.Instant?

    /// The passage file being read for `:open`, if any (see `openFile(_:)`).
    var fileLoad: Task<Void, Never>?
    var demo: DemoPlayback?
    /// When a session that could not be saved is tried again, and the failure last shown.
    private var nextSaveRetry = ContinuousClock.now
    private var shownSaveFailure: SessionStoreError?

    /// How often the spinner advances while a pane is scoring.
    static let tickInterval = Duration.milliseconds(100)
    /// How often a session that could not be saved (a full or read-only folder) is tried again.
    static let saveRetryInterval = Duration.seconds(2)
    /// Score groups (scorer, token limit, query) the engine keeps: room for a judged set's queries
    /// under several panes, so a query the browser has scored opens in the panes at once.
    static let cachedScoreGroups = 1024

    public init(configuration: ExplorerConfiguration) {
        self.configuration = configuration
        state = configuration.state
        state.themeNames = configuration.themes.names
        engine = RankingEngine(cacheGroups: Self.cachedScoreGroups, loader: configuration.loadScorer)
        autosaver = configuration.session.map { SessionAutosaver(store: $0) }
        palette = ResolvedPalette(theme: Theme.dark, depth: .monochrome)
        demo = configuration.script.map(DemoPlayback.init(script:))
        if configuration.trace != nil { timer = RankingTimer(openingRankingFrom: RankingTimer.processStart) }
    }

    /// Opens the terminal, runs until the user quits or SIGTERM or SIGHUP asks it to stop, and restores
    /// the terminal however it ends; after such a signal the session is saved and the process dies of it.
    /// Throws `TerminalError` when there is no terminal to run on, and a `SessionStoreError` when
    /// the last save of the session failed.
    public func run() async throws {
        try await TerminalScreen.run(environment: configuration.environment) { screen in
            await self.run(on: screen)
        }
        try autosaver?.flush()
        TerminalRestoration.endIfStopped()
    }

    private func run(on screen: TerminalScreen) async {
        self.screen = screen
        palette = ResolvedPalette(theme: theme(named: state.themeName), depth: screen.colorDepth)
        perform(state.handle(.resize(width: screen.width, height: screen.height)))
        if let notice = configuration.notice { perform(state.apply(.status(notice))) }
        perform(state.initialEffects)
        if configuration.saveAtStart { autosaver?.submit(SessionSnapshot(state)) }
        let listener = Task { await self.listen() }
        redraw()
        while !quitting && !screen.isDisconnected && TerminalRestoration.stopSignal == nil {
            let events = await screen.nextEvents(maxWait: waitUntilNextTimer())
            let received = ContinuousClock.now
            for event in events where !quitting { handle(event) }
            fireTimers()
            checkSessionSaving()
            guard !quitting else { break }
            if !events.isEmpty || needsRedraw { redraw() }
            if let trace = configuration.trace, !events.isEmpty {
                let milliseconds = received.duration(to: .now).milliseconds
                for event in events { trace.recordInput(event, millisecondsToRedraw: milliseconds) }
            }
        }
        listener.cancel()
        fileLoad?.cancel()
        await engine.shutdown()
        configuration.trace?.close()
    }

    // MARK: input

    private func handle(_ event: InputEvent) {
        if event == .key(.right), demo != nil, demoKeyAdvances {
            advanceDemo()
            return
        }
        if event == .control("z"), let screen {
            screen.suspend()
            return
        }
        perform(state.handle(event))
    }

    /// → advances the script when it would not move a cursor: in the lists, or at the end of the query.
    private var demoKeyAdvances: Bool {
        state.mode == .normal && (state.focus == .lists || state.query.cursor == state.query.characters.count)
    }

    private func advanceDemo() {
        guard var playback = demo else { return }
        defer { demo = playback }
        guard let move = playback.player.advance() else {
            perform(state.apply(.status(StatusMessage("the script is over (\(playback.player.script.entries.count) steps)"))))
            return
        }
        if case .query = move.step {
            playback.type(move.typing, at: .now)
        } else {
            perform(state.perform(move.step))
        }
    }

    // MARK: timers

    /// How long the loop may wait for input before a timer is due.
    private func waitUntilNextTimer() -> Duration {
        let deadlines = [debouncer.deadline, nextTick, demo?.deadline].compactMap { $0 }
        guard let first = deadlines.min() else { return .seconds(1) }
        return max(.zero, ContinuousClock.now.duration(to: first))
    }

    private func fireTimers() {
        let now = ContinuousClock.now
        if debouncer.take(at: now) != nil { startScoring() }
        if let tick = nextTick, tick <= now {
            if state.isBusy {
                perform(state.apply(.tick))
                needsRedraw = true
                nextTick = now + Self.tickInterval
            } else {
                nextTick = nil
            }
        }
        if let frame = demo?.takeFrame(at: now) {
            perform(state.replaceQuery(with: frame))
            needsRedraw = true
        }
    }

    /// Shows a failed save once (the work stays in memory), tries it again every few seconds, and
    /// says so when the session is on disk again.
    private func checkSessionSaving() {
        guard let autosaver, let store = configuration.session else { return }
        if autosaver.takeRecovery() {
            shownSaveFailure = nil
            perform(state.apply(.status(StatusMessage("the session is saved again in \(store.fileURL.path)"))))
            needsRedraw = true
        }
        if let failure = autosaver.takeError(), failure != shownSaveFailure {
            shownSaveFailure = failure
            perform(state.apply(.status(StatusMessage(failure.description + " Your work is kept and saved once it can be.", isError: true))))
            needsRedraw = true
        }
        let now = ContinuousClock.now
        if autosaver.hasFailedSave, now >= nextSaveRetry {
            nextSaveRetry = now + Self.saveRetryInterval
            autosaver.retryFailedSave()
        }
    }

    // MARK: drawing

    func redraw() {
        needsRedraw = false
        screen?.draw(ExplorerView.render(state), palette: palette)
    }

    /// Redraws once the main actor is free, so a burst of results is drawn once.
    func scheduleRedraw() {
        needsRedraw = true
        guard !redrawScheduled else { return }
        redrawScheduled = true
        Task {
            await Task.yield()
            redrawScheduled = false
            if needsRedraw, !quitting { redraw() }
        }
    }

    func theme(named name: String) -> Theme {
        configuration.themes.theme(named: name) ?? Theme.dark
    }
}
