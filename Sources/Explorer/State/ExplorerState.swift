import Evaluation
import Foundation
import Inference
import PassageSources

/// Everything the explorer shows, as a plain value: the query, the passages, the panes and their
/// results, what is selected and which overlay is open.
///
/// The runtime drives it with three calls and never mutates it otherwise:
/// - `handle(_:)` for every `InputEvent` (keys, paste, mouse, resize), returning `Effect`s to perform;
/// - `apply(_:)` for every `EngineUpdate` (scores, readings, model lists, loaded passages);
/// - `ExplorerView.render(_:)` to draw it into a `CellGrid` after either; the backend colours the
///   cells with `ResolvedPalette(theme: library.theme(named: state.themeName), depth:)`.
/// Start with `initialEffects` (load every pane's scorer and score the opening query); save
/// `SessionSnapshot(state)` on `.saveSession`, resume with `init(snapshot:)`.
public struct ExplorerState: Sendable {
    public internal(set) var query: LineEditor
    public internal(set) var history: QueryHistory
    public internal(set) var passages: [ExplorerPassage]
    public internal(set) var panes: [Pane]
    /// Each pane's ranking, parallel to `panes`; kept current by every change to scores or passages.
    public private(set) var rankings: [PaneRanking]
    /// Index into `panes`.
    public internal(set) var focusedPane: Int
    public internal(set) var focus: Focus
    /// The passage highlighted in every pane.
    public internal(set) var selection: PassageID?
    public internal(set) var sortOrder: SortOrder
    public internal(set) var baseline: MovementBaseline
    /// Case-insensitive text a passage must contain to be listed; empty lists all.
    public internal(set) var filter: String {
        didSet { refreshFilterMatches() }
    }
    public internal(set) var mode: Mode
    public internal(set) var undoStack: [PassageEdit]
    public internal(set) var status: StatusMessage?
    public internal(set) var themeName: String
    /// Themes `t` cycles through and `:theme` accepts (the runtime fills it from `ThemeLibrary`).
    public var themeNames: [String]
    /// Roomier layout for talks: large query, chrome hidden (F5).
    public internal(set) var presentation: Bool
    /// A histogram of its scores under each pane's list (`#`).
    public internal(set) var showsHistograms: Bool
    /// Scorers for the model picker; `nil` until the runtime reports `.modelList`.
    public internal(set) var modelChoices: [ModelChoice]?
    /// The detail view's token reading, once the runtime has reported it.
    public internal(set) var detailReading: DetailReading?
    /// The why view's attribution, as far as it has come (see `wantedExplanation`).
    public internal(set) var explanation: Explanation?
    /// What the passages are called (sample title, file name).
    public internal(set) var title: String
    public internal(set) var screenWidth: Int
    public internal(set) var screenHeight: Int
    /// Spinner frame, advanced by `.tick`.
    public internal(set) var spinnerFrame: Int
    /// The query browser of the judged set opened last, if any (shown while `isShown`).
    public internal(set) var browser: QueryBrowser?
    /// All judgments of the judged query whose candidates the passages are: the panes' NDCG@10
    /// then follows trec_eval as the browser and `rerank compare` do (the ideal ranking from every
    /// judged passage, not only the candidates).
    public internal(set) var judgments: JudgedQuery?
    /// The passage file being read for `o` or `:open`, shown on the bottom line; Esc stops it.
    public internal(set) var loading: FileLoading?

    var passageIndex: [PassageID: Int] = [:]
    /// The passages `filter` keeps, searched for once per change of the filter or the passages
    /// rather than on every redraw; nil while nothing is filtered.
    private(set) var filterMatches: Set<PassageID>?
    var nextPassageID = 1
    var nextPaneID = 1
    var nextSetID = 1

    /// The most panes shown side by side.
    public static let maximumPanes = 4
    /// The most passages the explorer holds; files, pastes and sessions beyond it keep their first
    /// passages, with a message. Every ranking, filter and session save goes over the whole list,
    /// so this keeps each of them to a fraction of a second (`rerank score` ranks a whole file).
    public static let maximumPassages = 100_000

    /// - Parameters:
    ///   - passages: the first `maximumPassages` are kept (the CLI says so with `passageLimitNote`).
    ///   - scorers: one pane per name (at most four); the CLI passes `--model`s or the defaults.
    ///     None gives one BM25 pane, so there is always a pane.
    ///   - themeNames: the themes available; `themeName` should be one of them.
    ///   - readingMode: how every pane reads long passages at first (`--windows`); BM25 panes read them whole.
    ///   - precision: the number format of every model pane at first (`--precision`); BM25 has none.
    ///   - judged: the judged set the passages come from (a collection's `judged`): the explorer
    ///     opens on its query browser, and the panes' measures use the query's judgments.
    public init(passages: [PassageRecord] = [], query: String = "", history: [String] = [],
                scorers: [String] = [], title: String = "", themeName: String = "dark",
                themeNames: [String] = ["dark"], presentation: Bool = false, readingMode: ReadingMode = .truncate,
                precision: Precision = .reference, width: Int = 80, height: Int = 24, judged: JudgedOrigin? = nil) {
        self.query = LineEditor(query)
        self.history = QueryHistory(entries: history)
        self.passages = []
        self.panes = []
        self.rankings = []
        self.focusedPane = 0
        self.focus = .query
        self.selection = nil
        self.sortOrder = .score
        self.baseline = .pane1
        self.filter = ""
        self.mode = .normal
        self.undoStack = []
        self.status = nil
        self.themeName = themeName
        self.themeNames = themeNames
        self.presentation = presentation
        self.showsHistograms = false
        self.modelChoices = nil
        self.detailReading = nil
        self.title = title
        self.screenWidth = max(0, width)
        self.screenHeight = max(0, height)
        self.spinnerFrame = 0
        self.browser = nil
        self.judgments = nil
        self.loading = nil
        for name in (scorers.isEmpty ? [Scorers.bm25Name] : scorers).prefix(Self.maximumPanes) {
            var pane = makePane(scorerName: name)
            if !pane.isLexical {
                pane.readingMode = readingMode
                pane.precision = precision
            }
            panes.append(pane)
        }
        for record in passages.prefix(Self.maximumPassages) { self.passages.append(makePassage(record)) }
        if let judged {
            openBrowser(on: judged.set, opened: judged.queryID)
            judgments = judged.set.query(id: judged.queryID)
        }
        passagesChanged()
        selection = self.passages.first?.id
    }

    /// The effects to perform once at start: load every pane's scorer, score the query, and score
    /// the judged set for the query browser when there is one.
    public var initialEffects: [Effect] {
        panes.map { Effect.loadScorer($0.id, name: $0.scorerName, precision: $0.effectivePrecision) } + scoreAll(debounce: false)
            + (browser == nil ? [] : [.scoreSet])
    }

    /// True while a pane scores or the query browser's set is being scored (the spinner turns).
    public var isBusy: Bool {
        panes.contains(where: \.isScoring) || !(browser?.unscored(scorerKeys).isEmpty ?? true)
    }

    /// True while the query browser covers the panes.
    public var showsBrowser: Bool { browser?.isShown ?? false }

    /// Every pane's scorer key, in pane order: the query browser's columns.
    public var scorerKeys: [ScorerKey] { panes.map(\.scorerKey) }

    /// The pane whose difference from pane 1 the query browser shows: the focused pane, or pane 2
    /// while pane 1 is focused; nil with one pane.
    public var comparedPane: Int? {
        guard panes.count > 1 else { return nil }
        return focusedPane > 0 && focusedPane < panes.count ? focusedPane : 1
    }

    /// The query browser's rows in display order (indices into its queries).
    public var browserOrder: [Int] {
        browser?.order(scorerKeys, compared: comparedPane) ?? []
    }

    /// The query browser's work still to do, for the engine: every judged query each pane's scorer
    /// has not scored yet, in the set's order.
    public func setScoreItems() -> [SetScoreItem] {
        guard let browser else { return [] }
        return browser.unscored(scorerKeys).map { query, scorer in
            let judged = browser.queries[query]
            return SetScoreItem(set: browser.id, query: query, scorer: scorer,
                                queryText: judged.text.trimmingCharacters(in: .whitespaces), passages: judged.candidateTexts)
        }
    }

    /// The query as scorers see it: the query line without surrounding spaces.
    public var scoringQuery: String { query.text.trimmingCharacters(in: .whitespaces) }

    /// The request for scoring a pane now, or `nil` when there is nothing to score
    /// (no such pane, an empty query or no passages).
    public func scoreRequest(for pane: PaneID) -> ScoreRequest? {
        guard let index = paneIndex(pane) else { return nil }
        let text = scoringQuery
        guard !text.isEmpty, !passages.isEmpty else { return nil }
        return ScoreRequest(pane: pane, scorerName: panes[index].scorerName, maxLength: panes[index].maxLength,
                            mode: panes[index].effectiveReadingMode, precision: panes[index].effectivePrecision, query: text,
                            passageIDs: passages.map(\.id), passages: passages.map(\.text))
    }

    /// The request behind a `.loadReading` effect, or `nil` when the pane or passage is gone.
    public func readingRequest(pane: PaneID, passage: PassageID) -> ReadingRequest? {
        guard let index = paneIndex(pane), let found = self.passage(passage) else { return nil }
        return ReadingRequest(pane: pane, passage: passage, scorerName: panes[index].scorerName,
                              maxLength: panes[index].maxLength, mode: panes[index].effectiveReadingMode,
                              precision: panes[index].effectivePrecision, query: scoringQuery, text: found.text)
    }

    /// The passage with this id, if it still exists.
    public func passage(_ id: PassageID) -> ExplorerPassage? {
        passageIndex[id].map { passages[$0] }
    }

    /// The index in `panes` of a pane id.
    public func paneIndex(_ id: PaneID) -> Int? {
        panes.firstIndex { $0.id == id }
    }

    /// True when any passage carries a relevance label, or the passages are a judged query's.
    public var hasLabels: Bool { judgments?.isJudged == true || passages.contains { $0.record.label != nil } }

    /// The passages a pane lists, in display order: sorted by `sortOrder`, narrowed by `filter`.
    public func rows(inPane index: Int) -> [PassageID] {
        guard rankings.indices.contains(index) else { return [] }
        let ordered: [PassageID]
        switch sortOrder {
        case .score: ordered = rankings[index].order
        case .pane1: ordered = rankings[0].order
        case .input: ordered = passages.map(\.id)
        }
        guard let filterMatches else { return ordered }
        return ordered.filter(filterMatches.contains)
    }

    /// True while `filter` narrows the lists.
    var isFiltering: Bool { filterMatches != nil }

    /// Whether the lists show a passage under the current filter.
    func passesFilter(_ passage: ExplorerPassage) -> Bool {
        filterMatches?.contains(passage.id) ?? true
    }

    private mutating func refreshFilterMatches() {
        let needle = filter.trimmingCharacters(in: .whitespaces)
        guard !needle.isEmpty else {
            filterMatches = nil
            return
        }
        filterMatches = Set(passages.lazy
            .filter { $0.text.range(of: needle, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
            .map(\.id))
    }

    /// How a passage moved in a pane against the baseline (pane 1's ranks, or the input order for
    /// pane 1 and with `baseline == .input`); `nil` when it is not ranked in the pane.
    public func movement(of id: PassageID, inPane index: Int) -> Movement? {
        guard rankings.indices.contains(index), let rank = rankings[index].ranks[id] else { return nil }
        let reference: Int?
        if baseline == .input || index == 0 {
            reference = passageIndex[id].map { $0 + 1 }
        } else {
            reference = rankings[0].ranks[id]
        }
        guard let reference else { return .new }
        if rank < reference { return .up(reference - rank) }
        if rank > reference { return .down(rank - reference) }
        return .same
    }

    // MARK: - Internal bookkeeping

    mutating func makePane(scorerName: String) -> Pane {
        defer { nextPaneID += 1 }
        return Pane(id: PaneID(nextPaneID), scorerName: scorerName)
    }

    mutating func makePassage(_ record: PassageRecord) -> ExplorerPassage {
        defer { nextPassageID += 1 }
        return ExplorerPassage(id: PassageID(nextPassageID), record: record)
    }

    /// Rebuilds the id index and every ranking after the passage list changed.
    mutating func passagesChanged() {
        passageIndex = Dictionary(uniqueKeysWithValues: passages.enumerated().map { ($1.id, $0) })
        let alive = Set(passageIndex.keys)
        for index in panes.indices where panes[index].scores.keys.contains(where: { !alive.contains($0) }) {
            panes[index].scores = panes[index].scores.filter { alive.contains($0.key) }
        }
        if let selected = selection, passageIndex[selected] == nil { selection = passages.first?.id }
        if selection == nil { selection = passages.first?.id }
        refreshFilterMatches()
        refreshRankings()
    }

    /// Recomputes every pane's ranking (pane 1 first, the others against it).
    mutating func refreshRankings() {
        var result: [PaneRanking] = []
        result.reserveCapacity(panes.count)
        for (index, pane) in panes.enumerated() {
            let reference = index == 0 ? nil : (scores: panes[0].scores, ranking: result[0])
            result.append(PaneRanking.make(passages: passages, scores: pane.scores, reference: reference, judgments: judgments))
        }
        rankings = result
    }

    /// Recomputes one pane's ranking after its scores changed, and when it is pane 1 the others'
    /// agreement with it: a batch of scores costs one ranking, not one per pane.
    mutating func refreshRanking(ofPane index: Int) {
        guard rankings.count == panes.count, panes.indices.contains(index) else { return refreshRankings() }
        let reference = index == 0 ? nil : (scores: panes[0].scores, ranking: rankings[0])
        rankings[index] = PaneRanking.make(passages: passages, scores: panes[index].scores, reference: reference, judgments: judgments)
        guard index == 0 else { return }
        for other in panes.indices.dropFirst() {
            rankings[other].compare(scores: panes[other].scores, with: (scores: panes[0].scores, ranking: rankings[0]))
        }
    }

    /// Scores every pane.
    func scoreAll(debounce: Bool) -> [Effect] {
        panes.map { Effect.score($0.id, debounce: debounce) }
    }
}

/// A passage's rank in a pane against the baseline: ↑3, ↓2, = or new.
public enum Movement: Sendable, Hashable {
    case up(Int), down(Int), same, new
}

/// How one pane's scorer reads one passage for one query, for the detail view.
public struct DetailReading: Sendable, Hashable {
    public var pane: PaneID
    public var passage: PassageID
    public var query: String
    /// The pane's `:maxlen` and reading mode when it was read: a reading for others is stale.
    public var maxLength: Int?
    public var mode: ReadingMode
    /// `nil` when the scorer reads no tokens (BM25).
    public var reading: PassageReading?

    /// True when this is how `pane` reads `passage` for `query` now.
    func answers(pane current: Pane, passage wanted: PassageID, query wantedQuery: String) -> Bool {
        pane == current.id && passage == wanted && query == wantedQuery && maxLength == current.maxLength
            && mode == current.effectiveReadingMode
    }
}
