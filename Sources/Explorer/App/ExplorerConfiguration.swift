import Foundation

/// How the explorer starts: its first state and the services it uses. `rerank explore` fills it
/// in from the command line; tests can give fakes.
public struct ExplorerConfiguration: Sendable {
    /// The opening state (passages, query, panes, theme name, presentation mode).
    public var state: ExplorerState
    public var themes: ThemeLibrary
    /// Loads a scorer by the name people type; runs off the main actor.
    public var loadScorer: RankingEngine.Loader
    /// The scorers the model picker offers (BM25 is added when missing); runs off the main actor.
    public var listModels: @Sendable () -> [ModelChoice]
    /// A demo to step through with →.
    public var script: DemoScript?
    /// Where input-to-redraw and ranking timings go (`--trace`).
    public var trace: TraceWriter?
    /// Where the session is saved as it changes; `nil` saves nothing.
    public var session: SessionStore<SessionSnapshot>?
    /// Saves the session as soon as the explorer opens, so passages given on the command line or
    /// through standard input survive a quit before any change.
    public var saveAtStart: Bool
    /// Shown in the status bar at the start (a session that was set aside, warnings).
    public var notice: StatusMessage?
    /// The environment the terminal is set up from (`TERM`, `NO_COLOR`).
    public var environment: [String: String]

    public init(state: ExplorerState, themes: ThemeLibrary, loadScorer: @escaping RankingEngine.Loader,
                listModels: @escaping @Sendable () -> [ModelChoice], script: DemoScript? = nil, trace: TraceWriter? = nil,
                session: SessionStore<SessionSnapshot>? = nil, saveAtStart: Bool = false, notice: StatusMessage? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.state = state
        self.themes = themes
        self.loadScorer = loadScorer
        self.listModels = listModels
        self.script = script
        self.trace = trace
        self.session = session
        self.saveAtStart = saveAtStart
        self.notice = notice
        self.environment = environment
    }
}
