/// Where each part of the screen goes for a state and its terminal size; views draw into these
/// rectangles and mouse clicks are resolved against them.
struct ExplorerLayout {
    /// The smallest terminal the explorer draws in; below it shows "terminal too small".
    static let minimumWidth = 40
    static let minimumHeight = 10

    /// One visible pane's frame.
    struct PaneFrame {
        /// Index into `ExplorerState.panes`.
        var index: Int
        var rect: Rect
        var header: Rect
        var list: Rect
        /// Under the list: the pane's score histogram, when shown and there is room.
        var histogram: Rect?
    }

    let tooSmall: Bool
    let query: Rect
    /// Between the query and the bottom line: the panes, or the detail view.
    let body: Rect
    /// The status bar or prompt line; `nil` in presentation mode without a prompt or error.
    let bottom: Rect?
    let panes: [PaneFrame]
    /// Under the panes, across the screen: the rows their lists leave empty, showing the selected
    /// passage in full (`PassagePreview`); `nil` when the lists need the room.
    let preview: Rect?
    let rowHeight: Int
    /// Columns between two panes (the border sits in their middle).
    let gap: Int

    init(_ state: ExplorerState) {
        let width = state.screenWidth
        let height = state.screenHeight
        tooSmall = width < Self.minimumWidth || height < Self.minimumHeight
        let present = state.presentation
        let queryHeight = present ? 5 : 1
        query = Rect(x: 0, y: 0, width: width, height: queryHeight)
        let needsBottom = !present || state.mode.isPrompt || (state.status?.isError ?? false)
        bottom = needsBottom ? Rect(x: 0, y: height - 1, width: width, height: 1) : nil
        body = Rect(x: 0, y: queryHeight, width: width, height: max(0, height - queryHeight - (needsBottom ? 1 : 0)))

        let headerHeight = (state.hasLabels ? 3 : 2) + (present ? 1 : 0)
        let fullListHeight = max(0, body.height - headerHeight)
        rowHeight = present && fullListHeight >= 20 ? 2 : 1
        gap = present ? 3 : 1

        // The histograms take their rows from the lists' bottom while two rows of passages remain.
        let wantsHistograms = state.showsHistograms && fullListHeight - ScoreHistogramView.height >= 2 * rowHeight
        let histogramHeight = wantsHistograms ? ScoreHistogramView.height : 0
        // Rows the lists leave empty go to the preview when there are enough of them.
        var listHeight = fullListHeight - histogramHeight
        var preview: Rect?
        if state.selection != nil {
            let listed = Self.listedCount(state, upTo: (listHeight - PassagePreview.minimumHeight) / rowHeight + 1)
            let spare = listHeight - listed * rowHeight
            if listed > 0, spare >= PassagePreview.minimumHeight {
                listHeight = listed * rowHeight
                preview = Rect(x: 0, y: body.y + headerHeight + listHeight + histogramHeight, width: width, height: spare)
            }
        }
        self.preview = preview

        let minimumPaneWidth = present ? 30 : 24
        let count = state.panes.count
        let visible = min(count, max(1, (width + gap) / (minimumPaneWidth + gap)))
        let first = max(0, min(state.focusedPane - visible + 1, count - visible))
        var frames: [PaneFrame] = []
        if visible > 0 {
            let available = width - gap * (visible - 1)
            var x = 0
            for slot in 0..<visible {
                let paneWidth = available / visible + (slot >= visible - available % visible ? 1 : 0)
                let rect = Rect(x: x, y: body.y, width: paneWidth, height: min(body.height, headerHeight + listHeight + histogramHeight))
                let list = Rect(x: x, y: body.y + headerHeight, width: paneWidth, height: listHeight)
                frames.append(PaneFrame(
                    index: first + slot, rect: rect,
                    header: Rect(x: x, y: body.y, width: paneWidth, height: min(headerHeight, body.height)),
                    list: list,
                    histogram: wantsHistograms ? Rect(x: x, y: list.maxY, width: paneWidth, height: histogramHeight) : nil))
                x += paneWidth + gap
            }
        }
        panes = frames
    }

    /// Passages each pane shows at once.
    var visibleRows: Int {
        guard let list = panes.first?.list else { return max(0, body.height / rowHeight) }
        return list.height / rowHeight
    }

    var bodyHeight: Int { body.height }

    /// How many passages the lists show (all, or those the filter keeps), counting no further than
    /// `limit`: past it there is no room for the preview, so a long list is not searched to its end.
    private static func listedCount(_ state: ExplorerState, upTo limit: Int) -> Int {
        guard state.isFiltering else { return state.passages.count }
        var count = 0
        for passage in state.passages where state.passesFilter(passage) {
            count += 1
            if count >= limit { break }
        }
        return count
    }

    /// The frame of the visible pane at a cell, if any.
    func pane(atColumn column: Int, row: Int) -> PaneFrame? {
        panes.first { $0.rect.contains(column: column, row: row) }
    }
}

extension Mode {
    /// True for the one-line prompts drawn in the bottom line.
    var isPrompt: Bool {
        switch self {
        case .command, .filter, .openFile: return true
        default: return false
        }
    }
}
