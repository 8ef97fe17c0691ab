import Evaluation
import Foundation

/// The query browser of a judged set: its queries with each pane's NDCG@10 and the compared
/// pane's difference from pane 1, the means on top and the sort in force marked. Rows fill in as
/// the background scoring finishes them (`…` until then, `–` for a query without judgments,
/// `✗` under a scorer that failed); `▸` marks the query the panes show.
enum QueryBrowserView {
    static func draw(_ state: ExplorerState, on grid: inout CellGrid) {
        guard let browser = state.browser else { return }
        let layout = BrowserLayout(state)
        let columns = Columns(state, browser: browser, width: layout.rows.width)
        drawTitle(state, browser, in: layout.title, on: &grid)
        let common = browser.commonQueries(columns.keys)
        drawLegend(state, browser, in: layout.legend, on: &grid)
        drawComparison(state, browser, columns, common: common, in: layout.comparison, on: &grid)
        drawColumnNames(state, columns, in: layout.columnNames, on: &grid)
        drawMeans(state, browser, columns, common: common, in: layout.means, on: &grid)
        drawRows(state, browser, columns, in: layout.rows, on: &grid)
    }

    /// Column widths shared by the heading lines and the rows.
    private struct Columns {
        static let marker = 3
        static let value = 8
        static let difference = 9
        let id: Int
        let text: Int
        let keys: [ScorerKey]
        let compared: Int?

        init(_ state: ExplorerState, browser: QueryBrowser, width: Int) {
            id = min(12, max(4, browser.queries.map { DisplayWidth.of($0.id) }.max() ?? 4))
            keys = state.scorerKeys
            compared = state.comparedPane
            let values = keys.count * Self.value + (compared == nil ? 0 : Self.difference) + 1
            text = max(0, width - Self.marker - id - 2 - values)
        }

        /// The marker, id and text columns of a line.
        func lead(_ marker: String, _ id: String, _ text: String) -> String {
            DisplayWidth.padRight(marker, Self.marker) + DisplayWidth.padRight(DisplayWidth.truncate(id, to: self.id), self.id)
                + "  " + DisplayWidth.padRight(DisplayWidth.truncate(text, to: self.text), self.text)
        }
    }

    // MARK: - Headings

    private static func drawTitle(_ state: ExplorerState, _ browser: QueryBrowser, in rect: Rect, on grid: inout CellGrid) {
        let base = CellStyle(.queryText, on: .queryBackground)
        grid.fill(rect, style: base)
        let row = rect.y + rect.height / 2
        let sort = sortDescription(state)
        let sortStart = rect.maxX - 1 - DisplayWidth.of(sort)
        grid.write(sort, column: sortStart, row: row, style: base.with(.dim))

        var title = StyledText(" Queries of \(browser.name)", base.with(.queryText, .bold))
        let judged = browser.judgedCount
        let count = browser.queries.count
        title.append(" · \(count) quer\(count == 1 ? "y" : "ies")" + (judged < count ? ", \(judged) judged" : ""), base.with(.dim))
        if !browser.unscored(state.scorerKeys).isEmpty {
            let spinner = PaneView.spinner[state.spinnerFrame % PaneView.spinner.count]
            title.append("  \(spinner) scoring: \(browser.commonQueries(state.scorerKeys).count) of \(judged) done", base.with(.accent))
        }
        grid.draw(title, column: rect.x, row: row, limit: sortStart - 1)
    }

    /// `sorted by Δ 3−1 ▼`, `sorted by pane 2 ▼` or `sorted by query id ▲`.
    static func sortDescription(_ state: ExplorerState) -> String {
        switch state.browserSort {
        case .difference: return "sorted by \(differenceName(state)) ▼"
        case .pane(let index): return "sorted by pane \(index + 1) ▼"
        case .query: return "sorted by query id ▲"
        }
    }

    private static func differenceName(_ state: ExplorerState) -> String {
        state.comparedPane.map { "Δ \($0 + 1)−1" } ?? "Δ"
    }

    /// The panes, numbered as the columns, the focused one highlighted.
    private static func drawLegend(_ state: ExplorerState, _ browser: QueryBrowser, in rect: Rect, on grid: inout CellGrid) {
        let base = CellStyle(.header, on: .headerBackground)
        grid.fill(rect, style: base)
        var line = StyledText(" \(QueryBrowser.measure.name) by pane:", base.with(.dim))
        var failure: String?
        for (index, pane) in state.panes.enumerated() {
            let focused = index == state.focusedPane
            line.append("  \(index + 1) \(pane.displayName)", focused ? base.with(.accent, .bold) : base.with(.header, .bold))
            if let limit = pane.maxLength { line.append(" ≤\(limit)", base.with(.truncation)) }
            if let message = browser.failures[pane.scorerKey] {
                line.append(" ✗", base.with(.error, .bold))
                failure = failure ?? message
            }
        }
        if let failure { line.append("  ✗ " + failure, base.with(.error)) }
        grid.draw(line, column: rect.x, row: rect.y, limit: rect.maxX)
    }

    private static func drawColumnNames(_ state: ExplorerState, _ columns: Columns, in rect: Rect, on grid: inout CellGrid) {
        let base = CellStyle(.header, on: .headerBackground)
        grid.fill(rect, style: base)
        let sort = state.browserSort
        let marked = base.with(.accent, .bold)
        var line = StyledText(DisplayWidth.padRight("", Columns.marker), base)
        line.append(DisplayWidth.padRight(sort == .query ? "qid ▲" : "qid", columns.id), sort == .query ? marked : base.with(.dim))
        line.append("  " + DisplayWidth.padRight("query", columns.text), base.with(.dim))
        for index in columns.keys.indices {
            let sorted = sort == .pane(index)
            line.append(DisplayWidth.padLeft((sorted ? "▼" : "") + "\(index + 1)", Columns.value), sorted ? marked : base.with(.dim))
        }
        if columns.compared != nil {
            let sorted = sort == .difference
            line.append(DisplayWidth.padLeft((sorted ? "▼" : "") + differenceName(state), Columns.difference), sorted ? marked : base.with(.dim))
        }
        grid.draw(line, column: rect.x, row: rect.y, limit: rect.maxX)
    }

    /// The compared pane against pane 1 over the queries every pane has scored: mean difference,
    /// wins / ties / losses and the paired t-test, as `rerank compare` gives them for the whole set.
    private static func drawComparison(_ state: ExplorerState, _ browser: QueryBrowser, _ columns: Columns, common: [Int],
                                       in rect: Rect, on grid: inout CellGrid) {
        let base = CellStyle(.header, on: .headerBackground)
        grid.fill(rect, style: base)
        guard let compared = columns.compared, let first = columns.keys.first else {
            grid.write(" one pane: + adds another to compare with", column: rect.x, row: rect.y, limit: rect.maxX, style: base.with(.dim))
            return
        }
        var line = StyledText(" \(differenceName(state)) over \(queriesPhrase(common.count, of: browser.judgedCount)): ", base.with(.dim))
        guard let difference = browser.difference(columns.keys[compared], from: first, over: common) else {
            line.append("…", base.with(.dim))
            grid.draw(line, column: rect.x, row: rect.y, limit: rect.maxX)
            return
        }
        line.append("mean " + String(format: "%+.4f", difference.meanDifference), base.with(differenceRole(difference.meanDifference), .bold))
        let record = difference.record
        line.append(" · \(record.wins) better, \(record.ties) equal, \(record.losses) worse", base)
        if let test = difference.tTest { line.append(" · paired t-test p " + pValue(test.p), base) }
        grid.draw(line, column: rect.x, row: rect.y, limit: rect.maxX)
    }

    /// "43 queries" once every judged query is in, else "27 of 43 queries".
    private static func queriesPhrase(_ count: Int, of judged: Int) -> String {
        (count < judged ? "\(count) of \(judged)" : "\(judged)") + " quer\(judged == 1 ? "y" : "ies")"
    }

    /// Each pane's mean over the queries every pane has scored, and the compared pane's mean difference.
    private static func drawMeans(_ state: ExplorerState, _ browser: QueryBrowser, _ columns: Columns, common: [Int],
                                  in rect: Rect, on grid: inout CellGrid) {
        let base = CellStyle(.header, on: .headerBackground, .bold)
        grid.fill(rect, style: base)
        var line = StyledText(columns.lead("", "mean", queriesPhrase(common.count, of: browser.judgedCount)), base)
        for key in columns.keys {
            let mean = browser.mean(key, over: common).map(measure) ?? (browser.failures[key] == nil ? "…" : "✗")
            line.append(DisplayWidth.padLeft(mean, Columns.value), base)
        }
        if let compared = columns.compared, let first = columns.keys.first {
            let difference = browser.difference(columns.keys[compared], from: first, over: common)?.meanDifference
            line.append(DisplayWidth.padLeft(difference.map { String(format: "%+.4f", $0) } ?? "…", Columns.difference),
                        base.with(differenceRole(difference), .bold))
        }
        grid.draw(line, column: rect.x, row: rect.y, limit: rect.maxX)
    }

    // MARK: - Rows

    private static func drawRows(_ state: ExplorerState, _ browser: QueryBrowser, _ columns: Columns, in rect: Rect,
                                 on grid: inout CellGrid) {
        guard rect.height > 0 else { return }
        guard !browser.queries.isEmpty else {
            grid.write("No query of this set has candidates.", column: rect.x + 2, row: rect.y, limit: rect.maxX, style: CellStyle(.dim))
            return
        }
        let order = state.browserOrder
        let offset = min(max(0, browser.scrollOffset), max(0, order.count - rect.height))
        for slot in 0..<rect.height where offset + slot < order.count {
            drawRow(order[offset + slot], state: state, browser: browser, columns: columns,
                    x: rect.x, y: rect.y + slot, width: rect.width, on: &grid)
        }
    }

    private static func drawRow(_ index: Int, state: ExplorerState, browser: QueryBrowser, columns: Columns,
                                x: Int, y: Int, width: Int, on grid: inout CellGrid) {
        let query = browser.queries[index]
        let selected = index == browser.selected
        let base = selected ? CellStyle(.selectionText, on: .selection, .bold) : CellStyle(.text, on: .background)
        grid.fill(row: y, columns: x..<(x + width), style: base)
        var line = StyledText(columns.lead(index == browser.opened ? " ▸ " : "", query.id, query.text), base)
        var values: [Double?] = []
        for key in columns.keys {
            let value = browser.value(query: index, scorer: key)
            values.append(value)
            let (text, role): (String, ColorRole)
            if !query.isJudged {
                (text, role) = ("–", .dim)
            } else if let value {
                (text, role) = (measure(value), .score)
            } else if browser.failures[key] != nil {
                (text, role) = ("✗", .error)
            } else {
                (text, role) = ("…", .dim)
            }
            line.append(DisplayWidth.padLeft(text, Columns.value), selected ? base : base.with(role))
        }
        if let compared = columns.compared, let baseline = values.first ?? nil, let other = values[compared] {
            let difference = other - baseline
            line.append(DisplayWidth.padLeft(String(format: "%+.4f", difference), Columns.difference),
                        selected ? base : base.with(differenceRole(difference)))
        } else if columns.compared != nil {
            line.append(DisplayWidth.padLeft(query.isJudged ? "…" : "–", Columns.difference), selected ? base : base.with(.dim))
        }
        grid.draw(line, column: x, row: y, limit: x + width)
    }

    // MARK: - Formats

    /// A measure with four decimals, as `rerank compare` prints it.
    private static func measure(_ value: Double) -> String {
        String(format: "%.4f", value)
    }

    /// Green for a gain, red for a loss, the "same" colour for a tie (within rounding).
    private static func differenceRole(_ difference: Double?) -> ColorRole {
        guard let difference else { return .dim }
        if abs(difference) <= WinsTiesLosses.tolerance { return .rankSame }
        return difference > 0 ? .rankUp : .rankDown
    }

    /// "< 0.001" or "= 0.012", to follow a "p".
    private static func pValue(_ p: Double) -> String {
        p < 0.001 ? "< 0.001" : String(format: "= %.3f", p)
    }
}
