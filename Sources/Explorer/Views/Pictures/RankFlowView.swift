/// The rank flow view (`f`): pane 1's ranking on the left, the compared pane's (the focused pane,
/// or pane 2 while pane 1 is focused) on the right, and between them a braille line from each
/// passage's rank in one to its rank in the other — rising lines in the rank-up colour, falling
/// ones in the rank-down colour, crossings visible, the selected passage's line and rows
/// highlighted. The top ranks that fit are drawn, a row apart or, with room to spare, two or three;
/// lines of passages ranked lower on one side end on the last row, `⋮ N more`.
enum RankFlowView {
    /// Line tags, by priority: the selected passage's line wins a shared cell.
    private enum LineKind: Int {
        case same = 0, down, up, selected

        var style: CellStyle {
            switch self {
            case .same: return CellStyle(.rankSame)
            case .down: return CellStyle(.rankDown)
            case .up: return CellStyle(.rankUp)
            case .selected: return CellStyle(.accent, on: .background, .bold)
            }
        }
    }

    static func draw(_ state: ExplorerState, in rect: Rect, on grid: inout CellGrid) {
        grid.fill(rect, style: CellStyle())
        guard rect.height >= 4, rect.width >= 30 else { return }
        guard let right = state.comparedPane, state.rankings.indices.contains(right) else {
            grid.write("The rank flow compares two panes: add one with +.", column: rect.x + 1, row: rect.y, limit: rect.maxX - 1,
                       style: CellStyle(.dim))
            return
        }
        let leftRanking = state.rankings[0], rightRanking = state.rankings[right]
        grid.draw(title(state, right: right), column: rect.x + 1, row: rect.y, limit: rect.maxX - 1)

        let ranked = max(leftRanking.scoredCount, rightRanking.scoredCount)
        guard leftRanking.scoredCount > 0, rightRanking.scoredCount > 0 else {
            grid.write("No passage is ranked in both panes yet.", column: rect.x + 1, row: rect.y + 2, limit: rect.maxX - 1,
                       style: CellStyle(.dim))
            return
        }
        let chartRows = rect.height - 2
        let shown = ranked <= chartRows ? ranked : chartRows - 1
        let moreRow = ranked > shown ? shown : nil
        // Ranks spread over up to three rows each when there is room, so the slopes read more easily.
        let spacing = moreRow == nil ? max(1, min(3, chartRows / max(1, shown))) : 1
        let middle = max(10, rect.width / 3)
        let labelWidth = (rect.width - middle) / 2
        let chartX = rect.x + labelWidth
        let rightX = chartX + middle
        let digits = String(ranked).count

        let headerStyle = CellStyle(.header, on: .background, .bold)
        let leftName = "1 " + state.panes[0].displayName
        grid.write(DisplayWidth.padLeft(DisplayWidth.truncate(leftName, to: labelWidth - 1), labelWidth - 1), column: rect.x,
                   row: rect.y + 1, style: headerStyle)
        grid.write("\(right + 1) " + state.panes[right].displayName, column: rightX + 1, row: rect.y + 1, limit: rect.maxX - 1,
                   style: headerStyle)

        let top = rect.y + 2
        let terms = QueryTerms(state.query.text)
        drawLabels(state, order: leftRanking.order.prefix(shown), leftSide: true, x: rect.x, width: labelWidth,
                   top: top, spacing: spacing, digits: digits, terms: terms, on: &grid)
        drawLabels(state, order: rightRanking.order.prefix(shown), leftSide: false, x: rightX, width: rect.maxX - rightX,
                   top: top, spacing: spacing, digits: digits, terms: terms, on: &grid)
        if let moreRow {
            let dim = CellStyle(.dim)
            let leftMore = "⋮ \(leftRanking.scoredCount - shown) more "
            grid.write(leftMore, column: chartX - DisplayWidth.of(leftMore), row: top + moreRow, style: dim)
            grid.write(" ⋮ \(rightRanking.scoredCount - shown) more", column: rightX, row: top + moreRow, limit: rect.maxX, style: dim)
        }

        var canvas = BrailleCanvas(columns: middle, rows: moreRow.map { $0 + 1 } ?? (shown - 1) * spacing + 1)
        let lastRow = canvas.rows - 1
        // The selected passage last, so its line is drawn over the others'.
        let passages = leftRanking.order.prefix(leftRanking.scoredCount).sorted { ($0 == state.selection ? 1 : 0) < ($1 == state.selection ? 1 : 0) }
        for id in passages {
            guard let leftRank = leftRanking.ranks[id], let rightRank = rightRanking.ranks[id] else { continue }
            guard leftRank <= shown || rightRank <= shown else { continue }
            let from = min((leftRank - 1) * spacing, lastRow), to = min((rightRank - 1) * spacing, lastRow)
            let kind: LineKind = id == state.selection ? .selected : rightRank < leftRank ? .up : rightRank > leftRank ? .down : .same
            canvas.line(from: (x: 0, y: from * 4 + 1), to: (x: canvas.dotWidth - 1, y: to * 4 + 1), tag: kind.rawValue)
        }
        for row in 0..<canvas.rows {
            for column in 0..<canvas.columns {
                guard let cell = canvas.cell(column: column, row: row) else { continue }
                let style = (LineKind(rawValue: cell.tag) ?? .same).style
                grid.write(String(cell.character), column: chartX + column, row: top + row, style: style)
            }
        }
    }

    /// `Rank flow · 1 cross-encoder → 3 bm25 · τ 0.95 · ∩ 5/5`.
    private static func title(_ state: ExplorerState, right: Int) -> StyledText {
        var line = StyledText("Rank flow", CellStyle(.header, on: .background, .bold))
        line.append(" · 1 \(state.panes[0].displayName) → \(right + 1) \(state.panes[right].displayName)", CellStyle(.dim))
        if let agreement = state.rankings[right].agreement {
            line.append(" · τ " + (agreement.kendallTau.map(ScoreFormat.measure) ?? "–"), CellStyle())
            line.append(" · ∩ \(agreement.overlapAt10)/\(agreement.overlapDepth)", CellStyle())
        }
        return line
    }

    /// One side's rows: the passage's first line and its rank next to the chart (left: `Paris is…  1`, right: `1  Paris is…`).
    private static func drawLabels(_ state: ExplorerState, order: ArraySlice<PassageID>, leftSide: Bool, x: Int, width: Int,
                                   top: Int, spacing: Int, digits: Int, terms: QueryTerms, on grid: inout CellGrid) {
        for (offset, id) in order.enumerated() {
            guard let passage = state.passage(id) else { continue }
            let selected = id == state.selection
            let base = selected ? CellStyle(.selectionText, on: .selection, .bold) : CellStyle()
            let row = top + offset * spacing
            grid.fill(row: row, columns: x..<(x + width), style: base)
            let rank = DisplayWidth.padLeft(String(offset + 1), digits)
            let textWidth = max(0, width - digits - 3)
            let firstLine = PassageText.visiblePrefix(PassageText.firstLine(passage.text), width: textWidth, extra: terms.longest)
            let text = PaneView.highlighted(firstLine, terms: terms, base: base)
            if leftSide {
                grid.draw(text, column: x + 1, row: row, limit: x + 1 + textWidth)
                grid.write(rank, column: x + width - digits - 1, row: row, style: selected ? base : base.with(.dim))
            } else {
                grid.write(rank, column: x + 1, row: row, style: selected ? base : base.with(.dim))
                grid.draw(text, column: x + digits + 2, row: row, limit: x + width - 1)
            }
        }
    }
}
