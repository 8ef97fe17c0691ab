import Inference
import PassageSources

/// The part of the explorer that survives a quit: saved as JSON in the session file, given back by
/// `rerank --resume`. Fields added after version 1 decode with defaults when missing.
public struct SessionSnapshot: Codable, Sendable, Hashable {
    public static let currentVersion = 1

    /// A pane as saved: its scorer, token limit, reading mode, precision and score mode.
    public struct PaneSnapshot: Codable, Sendable, Hashable {
        public var scorer: String
        public var maxLength: Int?
        /// Missing in sessions saved before windows existed: those panes truncate.
        public var readingMode: ReadingMode
        /// Missing in sessions saved before precisions existed: those panes run in fp32.
        public var precision: Precision
        public var scoreMode: ScoreMode

        public init(scorer: String, maxLength: Int? = nil, readingMode: ReadingMode = .truncate,
                    precision: Precision = .reference, scoreMode: ScoreMode = .raw) {
            self.scorer = scorer
            self.maxLength = maxLength
            self.readingMode = readingMode
            self.precision = precision
            self.scoreMode = scoreMode
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            scorer = try container.decode(String.self, forKey: .scorer)
            maxLength = try container.decodeIfPresent(Int.self, forKey: .maxLength)
            readingMode = try container.decodeIfPresent(ReadingMode.self, forKey: .readingMode) ?? .truncate
            precision = try container.decodeIfPresent(Precision.self, forKey: .precision) ?? .reference
            scoreMode = try container.decode(ScoreMode.self, forKey: .scoreMode)
        }
    }

    public var version: Int
    public var query: String
    public var history: [String]
    public var title: String
    public var passages: [PassageRecord]
    public var panes: [PaneSnapshot]
    public var theme: String
    public var sortOrder: SortOrder
    public var baseline: MovementBaseline

    public init(version: Int = SessionSnapshot.currentVersion, query: String, history: [String], title: String,
                passages: [PassageRecord], panes: [PaneSnapshot], theme: String,
                sortOrder: SortOrder = .score, baseline: MovementBaseline = .pane1) {
        self.version = version
        self.query = query
        self.history = history
        self.title = title
        self.passages = passages
        self.panes = panes
        self.theme = theme
        self.sortOrder = sortOrder
        self.baseline = baseline
    }

    /// The saved part of a state.
    public init(_ state: ExplorerState) {
        self.init(settingsOf: state)
        passages = state.passages.map(\.record)
    }

    /// The saved part of a state but its passages, which `ExplorerState.Checkpoint` compares on their own.
    init(settingsOf state: ExplorerState) {
        self.init(query: state.query.text, history: state.history.entries, title: state.title,
                  passages: [],
                  panes: state.panes.map {
                      PaneSnapshot(scorer: $0.scorerName, maxLength: $0.maxLength, readingMode: $0.readingMode,
                                   precision: $0.precision, scoreMode: $0.scoreMode)
                  },
                  theme: state.themeName, sortOrder: state.sortOrder, baseline: state.baseline)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        query = try container.decodeIfPresent(String.self, forKey: .query) ?? ""
        history = try container.decodeIfPresent([String].self, forKey: .history) ?? []
        title = try container.decodeIfPresent(String.self, forKey: .title) ?? ""
        passages = try container.decode([PassageRecord].self, forKey: .passages)
        panes = try container.decodeIfPresent([PaneSnapshot].self, forKey: .panes) ?? []
        theme = try container.decodeIfPresent(String.self, forKey: .theme) ?? "dark"
        sortOrder = try container.decodeIfPresent(SortOrder.self, forKey: .sortOrder) ?? .score
        baseline = try container.decodeIfPresent(MovementBaseline.self, forKey: .baseline) ?? .pane1
    }
}

extension ExplorerState {
    /// A state resumed from a saved session; perform `initialEffects` next.
    public init(snapshot: SessionSnapshot, themeNames: [String] = ["dark"], presentation: Bool = false,
                width: Int = 80, height: Int = 24) {
        self.init(passages: snapshot.passages, query: snapshot.query, history: snapshot.history,
                  scorers: snapshot.panes.map(\.scorer), title: snapshot.title, themeName: snapshot.theme,
                  themeNames: themeNames, presentation: presentation, width: width, height: height)
        for (index, saved) in zip(panes.indices, snapshot.panes) {
            panes[index].maxLength = saved.maxLength
            panes[index].readingMode = saved.readingMode
            panes[index].precision = saved.precision
            panes[index].scoreMode = saved.scoreMode
        }
        sortOrder = snapshot.sortOrder
        baseline = snapshot.baseline
    }
}
