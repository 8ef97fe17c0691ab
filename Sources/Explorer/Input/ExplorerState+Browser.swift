import Evaluation
import Foundation

extension ExplorerState {
    /// Opens the query browser on a judged set, replacing any earlier one; `opened` is the id of the
    /// query whose candidates the panes already show. The set is scored in the background next
    /// (the `.scoreSet` follow-up).
    mutating func openBrowser(on set: JudgedSet, opened: String? = nil) {
        browser = QueryBrowser(id: nextSetID, set: set, openedQuery: opened)
        nextSetID += 1
        revealBrowserSelection()
    }

    /// Keys in the query browser (`KeyBindings.browser`): move, open, sort, compare another pane;
    /// the pane, model, theme and prompt keys act as in the lists.
    mutating func handleBrowserKey(_ event: InputEvent) -> [Effect] {
        guard let action = KeyBindings.browserAction(for: event) else { return [] }
        let page = max(1, BrowserLayout(self).visibleRows - 1)
        switch action {
        case .selectNext: moveBrowserSelection(by: 1)
        case .selectPrevious: moveBrowserSelection(by: -1)
        case .pageDown: moveBrowserSelection(by: page)
        case .pageUp: moveBrowserSelection(by: -page)
        case .selectFirst: moveBrowserSelection(by: -Int(Int32.max))
        case .selectLast: moveBrowserSelection(by: Int(Int32.max))
        case .openQuery: return openSelectedQuery()
        case .cycleSort: cycleBrowserSort()
        case .showPanes:
            browser?.isShown = false
            focus = .lists
            revealSelection()
        default:
            let effects = perform(action)
            revealBrowserSelection()
            return effects
        }
        return []
    }

    /// `b` in the lists: back to the query browser, the query the panes show selected.
    mutating func showBrowser() {
        guard var shown = browser else {
            status = StatusMessage("no judged set is open; o opens a judged-set folder", isError: true)
            return
        }
        shown.isShown = true
        if let opened = shown.opened { shown.selected = opened }
        browser = shown
        revealBrowserSelection()
    }

    /// Enter in the browser: the selected query's candidates replace the passages (labelled with
    /// their grades), its text the query, and every pane ranks them; the browser steps aside.
    mutating func openSelectedQuery() -> [Effect] {
        guard var shown = browser, shown.queries.indices.contains(shown.selected) else { return [] }
        let judged = shown.queries[shown.selected]
        let collection = shown.set.passages(of: judged)
        shown.opened = shown.selected
        shown.isShown = false
        browser = shown
        passages = collection.passages.map { makePassage($0) }
        judgments = judged
        title = collection.title
        undoStack = []
        filter = ""
        detailReading = nil
        for index in panes.indices {
            panes[index].clearResults()
            panes[index].scrollOffset = 0
        }
        query.set(judged.text)
        history.record(judged.text)
        focus = .lists
        passagesChanged()
        // Nothing selected yet, so every pane shows its top; j or k selects from the focused pane's top.
        selection = nil
        return scoreAll(debounce: false)
    }

    /// Moves the browser's selection through the rows in display order.
    mutating func moveBrowserSelection(by delta: Int) {
        guard let current = browser else { return }
        let order = browserOrder
        guard !order.isEmpty else { return }
        let position = order.firstIndex(of: current.selected) ?? 0
        browser?.selected = order[min(max(0, position + delta), order.count - 1)]
        revealBrowserSelection()
    }

    /// Scrolls the browser so the selected query is visible.
    mutating func revealBrowserSelection() {
        guard let current = browser else { return }
        let visible = max(1, BrowserLayout(self).visibleRows)
        let order = browserOrder
        var offset = current.scrollOffset
        if let row = order.firstIndex(of: current.selected) {
            if row < offset { offset = row }
            if row >= offset + visible { offset = row - visible + 1 }
        }
        browser?.scrollOffset = min(max(0, offset), max(0, order.count - visible))
    }

    /// Scrolls the browser by `delta` rows without moving the selection (the mouse wheel).
    mutating func scrollBrowser(by delta: Int) {
        guard let current = browser else { return }
        let limit = max(0, current.queries.count - max(1, BrowserLayout(self).visibleRows))
        browser?.scrollOffset = min(max(0, current.scrollOffset + delta), limit)
    }

    /// The sort in force: the one chosen, or the nearest the panes allow (no difference with one pane).
    public var browserSort: BrowserSort {
        browser?.effectiveSort(paneCount: panes.count, compared: comparedPane) ?? .query
    }

    /// `s` in the browser: Δ, then each pane's NDCG@10, then query id, and round again.
    mutating func cycleBrowserSort() {
        guard browser != nil else { return }
        let sorts = (comparedPane == nil ? [] : [BrowserSort.difference]) + panes.indices.map(BrowserSort.pane) + [.query]
        let next = sorts.firstIndex(of: browserSort).map { sorts[($0 + 1) % sorts.count] } ?? sorts[0]
        browser?.sort = next
        revealBrowserSelection()
    }
}
