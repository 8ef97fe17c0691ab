import Inference
import Tokenization

/// One pane: a header (model, score mode, reading mode, precision, progress, agreement with pane 1,
/// label measures) over the ranked rows, and under them the score histogram when it is shown.
enum PaneView {
    static let spinner: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func draw(_ state: ExplorerState, frame: ExplorerLayout.PaneFrame, layout: ExplorerLayout, on grid: inout CellGrid) {
        guard state.panes.indices.contains(frame.index) else { return }
        drawHeader(state, frame: frame, on: &grid)
        drawRows(state, frame: frame, layout: layout, on: &grid)
        if let histogram = frame.histogram {
            ScoreHistogramView.draw(state, paneIndex: frame.index, in: histogram, on: &grid)
        }
    }

    // MARK: - Header

    private static func drawHeader(_ state: ExplorerState, frame: ExplorerLayout.PaneFrame, on grid: inout CellGrid) {
        let pane = state.panes[frame.index]
        let ranking = state.rankings[frame.index]
        let header = frame.header
        let base = CellStyle(.header, on: .headerBackground)
        grid.fill(header, style: base)
        let focused = frame.index == state.focusedPane
        let limit = header.maxX - 1

        var title = StyledText(" \(frame.index + 1) \(pane.displayName)", focused ? base.with(.accent, .bold) : base.with(.header, .bold))
        let loading = pane.error != nil ? "not loaded" : pane.download != nil ? "downloading…" : "loading…"
        title.append(" · " + (pane.info?.kind.rawValue ?? loading), base.with(.dim))
        grid.draw(title, column: header.x, row: header.y, limit: limit)

        guard header.height > 1 else { return }
        let width = limit - header.x
        let full = details(state, pane: pane, ranking: ranking, compact: false, base: base)
        let line = full.whole.width <= width ? full.whole : details(state, pane: pane, ranking: ranking, compact: true, base: base).fitted(to: width)
        grid.draw(line, column: header.x, row: header.y + 1, limit: limit)

        guard state.hasLabels, header.height > 2 else { return }
        var measures = StyledText(" NDCG@10 ", base.with(.dim))
        measures.append(ranking.labelMetrics.map { ScoreFormat.measure($0.ndcgAt10) } ?? "–", base)
        measures.append("  MRR@10 ", base.with(.dim))
        measures.append(ranking.labelMetrics.map { ScoreFormat.measure($0.mrrAt10) } ?? "–", base)
        grid.draw(measures, column: header.x, row: header.y + 2, limit: limit)
    }

    /// The header's second line: score name, reading settings (`≤128`, `windows 256/128`, `int8`), the model's
    /// note, progress or error, and agreement with pane 1. `compact` shortens `windows` to `win`; what still
    /// does not fit is left out, agreement first, then the note (the settings, errors and progress stay).
    private static func details(_ state: ExplorerState, pane: Pane, ranking: PaneRanking, compact: Bool, base: CellStyle) -> FittedLine {
        var line = FittedLine()
        line.append(StyledText(" " + ScoreFormat.label(for: pane), base.with(.score)))
        if let maxLength = pane.maxLength { line.append(StyledText(" ≤\(maxLength)", base.with(.truncation))) }
        if case .windows(let length, let stride) = pane.effectiveReadingMode {
            line.append(StyledText(" \(compact ? "win" : "windows") \(length)/\(stride)", base.with(.accent)))
        }
        if pane.effectivePrecision != .reference { line.append(StyledText(" " + pane.effectivePrecision.rawValue, base.with(.accent))) }
        if let note = pane.info?.note { line.append(StyledText(" · " + note, base), .middle) }
        if let error = pane.error {
            line.append(StyledText("  ✗ " + error, base.with(.error)))
        } else if let download = pane.download {
            line.append(StyledText("  ⇣ " + download.summary, base.with(.accent)), .high)
        } else if pane.isScoring {
            let frameIndex = state.spinnerFrame % spinner.count
            line.append(StyledText("  \(spinner[frameIndex]) \(pane.progress.percent)%", base.with(.accent)), .high)
        }
        if let agreement = ranking.agreement {
            var tau = StyledText("  τ ", base.with(.dim))
            tau.append(agreement.kendallTau.map(ScoreFormat.measure) ?? "–", base)
            line.append(tau, .low)
            var overlap = StyledText("  ∩ ", base.with(.dim))
            overlap.append("\(agreement.overlapAt10)/\(agreement.overlapDepth)", base)
            line.append(overlap, .lowest)
        }
        return line
    }

    // MARK: - Rows

    private static func drawRows(_ state: ExplorerState, frame: ExplorerLayout.PaneFrame, layout: ExplorerLayout, on grid: inout CellGrid) {
        let rows = state.rows(inPane: frame.index)
        let list = frame.list
        guard list.height > 0 else { return }
        if rows.isEmpty {
            drawEmpty(state, frame: frame, on: &grid)
            return
        }
        let visible = layout.visibleRows
        let offset = min(max(0, state.panes[frame.index].scrollOffset), max(0, rows.count - visible))
        let columns = RowColumns(passageCount: state.passages.count, paneWidth: list.width)
        let terms = QueryTerms(state.query.text)
        for slot in 0..<visible where offset + slot < rows.count {
            drawRow(rows[offset + slot], state: state, paneIndex: frame.index, columns: columns, terms: terms,
                    x: list.x, y: list.y + slot * layout.rowHeight, width: list.width, on: &grid)
        }
    }

    /// Column widths shared by every row of a pane.
    private struct RowColumns {
        let rank: Int
        let movement: Int
        let score = 6
        /// Whether there is room for the kept-fraction bar beside `✂ N`.
        let showsBar: Bool

        init(passageCount: Int, paneWidth: Int) {
            let digits = String(max(1, passageCount)).count
            rank = max(2, digits)
            movement = 1 + digits
            showsBar = paneWidth >= 36
        }
    }

    private static func drawRow(_ id: PassageID, state: ExplorerState, paneIndex: Int, columns: RowColumns, terms: QueryTerms,
                                x: Int, y: Int, width: Int, on grid: inout CellGrid) {
        guard let passage = state.passage(id) else { return }
        let pane = state.panes[paneIndex]
        let selected = id == state.selection
        let emphasis: CellAttributes = selected && paneIndex == state.focusedPane && state.focus == .lists ? .bold : []
        let base = selected ? CellStyle(.selectionText, on: .selection, emphasis) : CellStyle(.text, on: .background)
        grid.fill(row: y, columns: x..<(x + width), style: base)
        let end = x + width

        var prefix = StyledText(" ", base)   // keeps the rank off the border
        let rank = state.rankings[paneIndex].ranks[id]
        prefix.append(DisplayWidth.padLeft(rank.map(String.init) ?? "·", columns.rank), rank == nil ? base.with(.dim) : base)
        prefix.append(" ", base)
        let (movementText, movementRole) = movementLabel(state.movement(of: id, inPane: paneIndex))
        prefix.append(DisplayWidth.padRight(movementText, columns.movement), selected ? base : base.with(movementRole))
        prefix.append(" ", base)
        let score = pane.scores[id]
        let scoreText = score.map { ScoreFormat.score($0, mode: pane.scoreMode) } ?? (pane.isScoring ? "…" : "·")
        prefix.append(DisplayWidth.padLeft(scoreText, columns.score), score == nil ? base.with(.dim) : (selected ? base : base.with(.score)))
        prefix.append(" ", base)
        let textStart = grid.draw(prefix, column: x, row: y, limit: end)

        var textLimit = end - 1
        if let indicator = readingIndicator(score, showsBar: columns.showsBar, base: base, selected: selected) {
            let indicatorStart = end - indicator.width - 1
            if indicatorStart > textStart + 4 {
                grid.draw(indicator, column: indicatorStart, row: y, limit: end)
                textLimit = indicatorStart - 1
            }
        }
        let shown = PassageText.visiblePrefix(PassageText.firstLine(passage.text), width: textLimit - textStart, extra: terms.longest)
        let line = highlighted(shown, terms: terms, base: base)
        grid.draw(line, column: textStart, row: y, limit: textLimit)
    }

    /// Where the model read: `w3/5` (the window that won) for a passage read in windows, `✂ 137` for a cut one.
    private static func readingIndicator(_ score: PairScore?, showsBar: Bool, base: CellStyle, selected: Bool) -> StyledText? {
        if let label = score?.windowLabel { return StyledText(label, selected ? base : base.with(.accent)) }
        if let truncation = score?.truncation, truncation.isTruncated {
            return truncationIndicator(truncation, showsBar: showsBar, base: base)
        }
        return nil
    }

    /// `✂ 137` and, when there is room, a three-cell bar of the fraction of the passage kept.
    private static func truncationIndicator(_ truncation: TruncationReport, showsBar: Bool, base: CellStyle) -> StyledText {
        let cut = truncation.passageTokensCut + truncation.queryTokensCut
        var indicator = StyledText("✂\(cut)", base.with(.truncation))
        guard showsBar, truncation.passageTokens > 0 else { return indicator }
        let kept = Double(truncation.passageTokens - truncation.passageTokensCut) / Double(truncation.passageTokens)
        let filled = min(3, max(0, Int((kept * 3).rounded())))
        indicator.append(" ", base)
        indicator.append(String(repeating: "▰", count: filled), base.with(.keptBar))
        indicator.append(String(repeating: "▱", count: 3 - filled), base.with(.cutText))
        return indicator
    }

    private static func movementLabel(_ movement: Movement?) -> (String, ColorRole) {
        switch movement {
        case .up(let steps): return ("↑\(steps)", .rankUp)
        case .down(let steps): return ("↓\(steps)", .rankDown)
        case .same: return ("=", .rankSame)
        case .new: return ("•", .accent)
        case nil: return ("", .dim)
        }
    }

    /// The text with the query's terms in the match role.
    static func highlighted<S: StringProtocol>(_ text: S, terms: QueryTerms, base: CellStyle) -> StyledText {
        let characters = Array(text)
        let marks = terms.matches(in: characters)
        var line = StyledText()
        line.characters.reserveCapacity(characters.count)
        let matchStyle = base.with(.match, .bold)
        for (character, marked) in zip(characters, marks) {
            line.characters.append(StyledCharacter(character: character, style: marked ? matchStyle : base))
        }
        return line
    }

    private static func drawEmpty(_ state: ExplorerState, frame: ExplorerLayout.PaneFrame, on grid: inout CellGrid) {
        let lines: [String]
        if state.passages.isEmpty {
            guard frame.index == state.focusedPane || frame.rect.x == 0 else { return }
            lines = ["No passages yet.", "Paste text, or press", "o to open a file,", "a to write one."]
        } else {
            lines = ["No passage contains “\(state.filter)”."]
        }
        let style = CellStyle(.dim)
        for (offset, line) in lines.enumerated() where offset < frame.list.height {
            grid.write(line, column: frame.list.x + 1, row: frame.list.y + offset, limit: frame.list.maxX - 1, style: style)
        }
    }
}
