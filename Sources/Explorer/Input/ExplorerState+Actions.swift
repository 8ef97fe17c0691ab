import Inference

extension ExplorerState {
    /// Runs a list-focus command.
    mutating func perform(_ action: ListAction) -> [Effect] {
        let page = max(1, ExplorerLayout(self).visibleRows - 1)
        switch action {
        case .selectNext: moveSelection(by: 1)
        case .selectPrevious: moveSelection(by: -1)
        case .pageDown: moveSelection(by: page)
        case .pageUp: moveSelection(by: -page)
        case .selectFirst: moveSelection(by: -Int(Int32.max))
        case .selectLast: moveSelection(by: Int(Int32.max))
        case .openDetail: return openDetail()
        case .focusQuery: focus = .query
        case .nextPane: focusPane(focusedPane + 1)
        case .previousPane: focusPane(focusedPane - 1)
        case .addPane: return addPane()
        case .removePane: return removePane()
        case .pickModel: return openModelPicker()
        case .toggleScoreMode:
            if panes.indices.contains(focusedPane) { panes[focusedPane].scoreMode = panes[focusedPane].scoreMode.toggled }
        case .toggleBaseline:
            baseline = baseline.toggled
            status = StatusMessage(baseline == .pane1 ? "movement against pane 1" : "movement against the input order")
        case .cycleTheme: return cycleTheme()
        case .togglePresentation:
            presentation.toggle()
            revealSelection()
        case .toggleHistograms: toggleHistograms()
        case .showRankFlow: showRankFlow()
        case .addPassage: mode = .passageEditor(PassageEditorState(editing: nil, text: ""))
        case .editPassage:
            if let id = selection, let passage = passage(id) {
                mode = .passageEditor(PassageEditorState(editing: id, text: passage.text))
            }
        case .deletePassage: deleteSelectedPassage()
        case .undo: return undo()
        case .openFile: mode = .openFile(LineEditor())
        case .commandLine: mode = .command(LineEditor())
        case .filter: mode = .filter(LineEditor(filter))
        case .help: mode = .help(scroll: 0)
        case .quit: return [.quit]
        case .showQueries: showBrowser()
        case .openQuery, .cycleSort, .showPanes: break   // the query browser's own (see handleBrowserKey)
        }
        return []
    }

    /// `#`: score histograms under the panes, on or off; says so when the screen has no room for them.
    private mutating func toggleHistograms() {
        showsHistograms.toggle()
        revealSelection()
        if !showsHistograms {
            status = StatusMessage("score histograms off")
        } else if ExplorerLayout(self).panes.first?.histogram == nil {
            status = StatusMessage("score histograms need \(ScoreHistogramView.height) more rows under the lists: enlarge the terminal", isError: true)
        } else {
            status = StatusMessage("score histograms on: ▲ marks the selected passage's bin")
        }
    }

    /// Moves the shared selection through the focused pane's rows.
    mutating func moveSelection(by delta: Int) {
        let rows = rows(inPane: focusedPane)
        guard !rows.isEmpty else { return }
        let target: Int
        if let current = selection.flatMap({ rows.firstIndex(of: $0) }) {
            target = min(max(0, current + delta), rows.count - 1)
        } else {
            target = delta >= 0 ? 0 : rows.count - 1
        }
        selection = rows[target]
        revealSelection()
    }

    /// Scrolls every pane so the selection is visible (panes where it is filtered out keep their place).
    mutating func revealSelection() {
        let visible = max(1, ExplorerLayout(self).visibleRows)
        for index in panes.indices {
            let rows = rows(inPane: index)
            var offset = panes[index].scrollOffset
            if let id = selection, let row = rows.firstIndex(of: id) {
                if row < offset { offset = row }
                if row >= offset + visible { offset = row - visible + 1 }
            }
            panes[index].scrollOffset = min(max(0, offset), max(0, rows.count - visible))
        }
    }

    /// Scrolls one pane by `delta` rows without moving the selection.
    mutating func scroll(pane index: Int, by delta: Int) {
        guard panes.indices.contains(index) else { return }
        let visible = max(1, ExplorerLayout(self).visibleRows)
        let limit = max(0, rows(inPane: index).count - visible)
        panes[index].scrollOffset = min(max(0, panes[index].scrollOffset + delta), limit)
    }

    mutating func focusPane(_ index: Int) {
        guard !panes.isEmpty else { return }
        focusedPane = (index % panes.count + panes.count) % panes.count
        focus = .lists
    }

    private mutating func openDetail() -> [Effect] {
        guard let id = selection, passage(id) != nil else { return [] }
        mode = .detail(DetailState(passage: id))
        return readingEffects(for: id)
    }

    /// Asks for the focused pane's reading of a passage unless it is already at hand.
    func readingEffects(for passage: PassageID) -> [Effect] {
        guard panes.indices.contains(focusedPane) else { return [] }
        let pane = panes[focusedPane]
        if let reading = detailReading, reading.answers(pane: pane, passage: passage, query: scoringQuery) {
            return []
        }
        return [.loadReading(pane.id, passage)]
    }

    private mutating func addPane() -> [Effect] {
        guard panes.count < Self.maximumPanes else {
            status = StatusMessage("at most \(Self.maximumPanes) panes", isError: true)
            return []
        }
        let name = nameForNewPane()
        let pane = makePane(scorerName: name)
        panes.append(pane)
        focusedPane = panes.count - 1
        refreshRankings()
        revealSelection()
        let effects: [Effect] = [.loadScorer(pane.id, name: name, precision: pane.effectivePrecision), .score(pane.id, debounce: false)]
        return modelChoices == nil ? effects + [.loadModelList] : effects
    }

    /// A scorer no pane shows yet (from the model list, else BM25), else the focused pane's.
    private func nameForNewPane() -> String {
        let inUse = Set(panes.map(\.scorerName))
        if let unused = modelChoices?.first(where: { !inUse.contains($0.name) }) { return unused.name }
        if !inUse.contains(Scorers.bm25Name) || !panes.indices.contains(focusedPane) { return Scorers.bm25Name }
        return panes[focusedPane].scorerName
    }

    private mutating func removePane() -> [Effect] {
        guard panes.count > 1, panes.indices.contains(focusedPane) else {
            status = StatusMessage("the last pane stays", isError: true)
            return []
        }
        let removed = panes.remove(at: focusedPane)
        focusedPane = min(focusedPane, panes.count - 1)
        refreshRankings()
        revealSelection()
        return [.cancelScoring(removed.id)]
    }

    /// Binds a pane to another scorer and scores with it.
    mutating func setScorer(pane index: Int, name: String) -> [Effect] {
        guard panes.indices.contains(index) else { return [] }
        panes[index].scorerName = name
        return reloadScorer(pane: index)
    }

    /// Loads the pane's scorer afresh (another model or precision) and scores with it once loaded.
    mutating func reloadScorer(pane index: Int) -> [Effect] {
        guard panes.indices.contains(index) else { return [] }
        browser?.failures[panes[index].scorerKey] = nil   // another model or precision retries it on the set
        panes[index].info = nil
        panes[index].download = nil
        panes[index].clearResults()
        refreshRankings()
        let pane = panes[index]
        return [.cancelScoring(pane.id), .loadScorer(pane.id, name: pane.scorerName, precision: pane.effectivePrecision),
                .score(pane.id, debounce: false)]
    }

    private mutating func openModelPicker() -> [Effect] {
        guard panes.indices.contains(focusedPane) else { return [] }
        let current = modelChoices?.firstIndex { $0.name == panes[focusedPane].scorerName } ?? 0
        mode = .modelPicker(ModelPickerState(pane: panes[focusedPane].id, highlighted: current))
        return modelChoices == nil ? [.loadModelList] : []
    }

    private mutating func cycleTheme() -> [Effect] {
        guard !themeNames.isEmpty else { return [] }
        let next = themeNames.firstIndex(of: themeName).map { (themeNames.index(after: $0)) % themeNames.count } ?? 0
        return setTheme(themeNames[next])
    }

    mutating func setTheme(_ name: String) -> [Effect] {
        themeName = name
        status = StatusMessage("theme \(name)")
        return [.setTheme(name)]
    }
}
