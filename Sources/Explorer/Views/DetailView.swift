import Inference

/// The detail view (Enter): the whole passage with the part the focused pane's model never read
/// dimmed after a ✂ (or, read in windows, the window that won highlighted), its WordPiece tokens
/// (`[UNK]` marked), every window's score, and its score and rank in every pane. With the why view
/// on (`w`), the passage and the query are a heat map of what moves the focused pane's score.
enum DetailView {
    static func draw(_ state: ExplorerState, detail: DetailState, in rect: Rect, on grid: inout CellGrid) {
        grid.fill(rect, style: CellStyle())
        let content = lines(state, detail: detail, width: contentWidth(rect))
        let scroll = min(max(0, detail.scroll), max(0, content.count - rect.height))
        // Where the view is in a longer text, at the top right; the first line stops short of it.
        let position = content.count > rect.height && rect.height > 0
            ? "\(scroll + 1)–\(min(content.count, scroll + rect.height)) of \(content.count)" : ""
        let positionStart = rect.maxX - DisplayWidth.of(position) - 1
        for row in 0..<rect.height where scroll + row < content.count {
            let limit = row == 0 && !position.isEmpty ? positionStart - 1 : rect.maxX - 2
            grid.draw(content[scroll + row], column: rect.x + 2, row: rect.y + row, limit: limit)
        }
        if !position.isEmpty {
            grid.write(position, column: positionStart, row: rect.y, style: CellStyle(.dim))
        }
    }

    /// Lines the detail view has at the current size (for clamping its scroll).
    static func lineCount(_ state: ExplorerState) -> Int {
        guard case .detail(let detail) = state.mode else { return 0 }
        return lines(state, detail: detail, width: contentWidth(ExplorerLayout(state).body)).count
    }

    private static func contentWidth(_ rect: Rect) -> Int { max(1, rect.width - 4) }

    /// The most characters of a passage the detail view lays out on every redraw (about 300 lines of 80
    /// columns; a model reads a small part of that); the rest is named, not drawn.
    static let shownCharacters = 25_000

    static func lines(_ state: ExplorerState, detail: DetailState, width: Int) -> [StyledText] {
        guard let passage = state.passage(detail.passage) else {
            return [StyledText("This passage was deleted.", CellStyle(.dim))]
        }
        let pane = state.panes.indices.contains(state.focusedPane) ? state.panes[state.focusedPane] : nil
        let reading = state.detailReading.flatMap { found -> DetailReading? in
            guard let pane, found.answers(pane: pane, passage: passage.id, query: state.scoringQuery) else { return nil }
            return found
        }
        var result: [StyledText] = [title(state, passage: passage), StyledText()]
        let score = pane?.scores[passage.id]
        let keptEnd = cutOffset(reading: reading?.reading, score: score)
        let bestWindow = score?.bestWindow.flatMap { score?.windows.indices.contains($0) == true ? score?.windows[$0].window : nil }
        if let unit = detail.why, let pane {
            let explanation = state.shownExplanation
            result += WhyView.header(state, pane: pane, unit: unit, explanation: explanation, width: width)
            if let attribution = explanation?.attribution {
                result += HeatScale.text(passage.text, units: attribution.units, largest: attribution.largestUnitChange, cutAt: keptEnd)
                    .wrapped(width: width)
                result.append(StyledText())
                result += scoreLines(state, passage: passage.id)
                return result
            }
        }
        let marked = MarkedPassage.styled(passage.text, terms: QueryTerms(state.query.text),
                                          reading: MarkedPassage.Reading(keptEnd: keptEnd, window: bestWindow?.span),
                                          limit: Self.shownCharacters)
        result += marked.text.wrapped(width: width)
        if !marked.complete {
            result.append(StyledText("… the first \(Self.shownCharacters) of \(passage.text.count) characters are shown", CellStyle(.dim)))
        }
        result.append(StyledText())
        result += tokenLines(state: state, pane: pane, reading: reading, window: bestWindow?.tokens, width: width)
        result.append(StyledText())
        if let pane, let score, score.bestWindow != nil {
            result += windowLines(state, pane: pane, score: score)
            result.append(StyledText())
        }
        result += scoreLines(state, passage: passage.id)
        return result
    }

    private static func title(_ state: ExplorerState, passage: ExplorerPassage) -> StyledText {
        let position = (state.passageIndex[passage.id] ?? 0) + 1
        var line = StyledText("Passage \(position) of \(state.passages.count)", CellStyle(.header, on: .background, .bold))
        if let label = passage.record.label { line.append(" · label \(label)", CellStyle(.accent)) }
        if let id = passage.record.id { line.append(" · \(id)", CellStyle(.dim)) }
        return line
    }

    /// Unicode-scalar offset where the model stopped reading, or `nil` when it read everything.
    private static func cutOffset(reading: PassageReading?, score: PairScore?) -> Int? {
        if let reading {
            return reading.keptCount < reading.tokens.count ? reading.keptEnd : nil
        }
        if let truncation = score?.truncation, truncation.passageTokensCut > 0 { return truncation.passageKeptEnd }
        return nil
    }

    /// The tokens, with those the model never read dimmed after a ✂ and those of `window` (the window that won) highlighted.
    private static func tokenLines(state: ExplorerState, pane: Pane?, reading: DetailReading?, window: Range<Int>?,
                                   width: Int) -> [StyledText] {
        let heading = CellStyle(.header, on: .background, .bold)
        guard let pane else { return [] }
        var header = StyledText("Tokens", heading)
        let name = " · \(state.focusedPane + 1) \(pane.displayName)"
        guard let reading else {
            header.append(name + " · reading…", CellStyle(.dim))
            return header.wrapped(width: width)
        }
        guard let tokens = reading.reading else {
            header.append(name + " reads whole words, not WordPiece tokens", CellStyle(.dim))
            return header.wrapped(width: width)
        }
        let total = tokens.tokens.count
        let kept = min(tokens.keptCount, total)
        if !tokens.windows.isEmpty, case .windows(let length, let stride) = pane.effectiveReadingMode {
            let count = tokens.windows.count
            header.append(name + " reads all \(total) in \(count) window\(count == 1 ? "" : "s") of up to \(length), \(stride) apart",
                          CellStyle(.dim))
        } else {
            header.append(name + " reads \(kept) of \(total)", CellStyle(.dim))
        }
        if kept < total {
            header.append(" · ✂ \(total - kept) cut at character \(tokens.keptEnd)", CellStyle(.truncation))
        }
        if let limit = pane.effectiveMaxLength { header.append(" · max length \(limit)", CellStyle(.dim)) }

        var text = StyledText()
        for (index, token) in tokens.tokens.enumerated() {
            if index == kept { text.append("✂ ", CellStyle(.truncation, on: .background, .bold)) }
            let style: CellStyle
            if index >= kept {
                style = CellStyle(.cutText, on: .background, .dim)
            } else if token.piece == "[UNK]" {
                style = CellStyle(.unknownToken, on: .background, .bold)
            } else {
                style = window?.contains(index) == true ? MarkedPassage.windowStyle : CellStyle()
            }
            text.append(token.piece, style)
            text.append(" ", window?.contains(index + 1) == true && window?.contains(index) == true ? MarkedPassage.windowStyle : CellStyle())
        }
        return header.wrapped(width: width) + text.wrapped(width: width)
    }

    /// Every window the focused pane read, in passage order: its characters, tokens and score, the best marked.
    private static func windowLines(_ state: ExplorerState, pane: Pane, score: PairScore) -> [StyledText] {
        let heading = CellStyle(.header, on: .background, .bold)
        var lines = [StyledText("Windows", heading)]
        lines[0].append(" · \(state.focusedPane + 1) \(pane.displayName) · best \(score.windowLabel ?? "w1/1")", CellStyle(.dim))
        let number = score.windows.count
        let spans = score.windows.map { "characters \($0.window.span.lowerBound)–\($0.window.span.upperBound)" }
        let spanWidth = spans.map(DisplayWidth.of).max() ?? 0
        for (index, (window, span)) in zip(score.windows, spans).enumerated() {
            let best = index == score.bestWindow
            let style = best ? CellStyle(.accent, on: .background, .bold) : CellStyle()
            var line = StyledText(DisplayWidth.padLeft("w\(index + 1)", 2 + String(number).count), style)
            line.append("  " + DisplayWidth.padRight(span, spanWidth), best ? style : CellStyle(.dim))
            line.append("  " + DisplayWidth.padLeft("\(window.window.tokens.count) tokens", 10), best ? style : CellStyle(.dim))
            let value = ScoreFormat.score(PairScore(score: window.score, probability: window.probability), mode: pane.scoreMode)
            line.append("  " + DisplayWidth.padLeft(value, 7), best ? style : CellStyle(.score))
            if best { line.append("  ◀ best", style) }
            lines.append(line)
        }
        return lines
    }

    private static func scoreLines(_ state: ExplorerState, passage: PassageID) -> [StyledText] {
        var lines = [StyledText("Scores", CellStyle(.header, on: .background, .bold))]
        let nameWidth = min(28, state.panes.map { DisplayWidth.of($0.displayName) }.max() ?? 0)
        let labelWidth = state.panes.map { DisplayWidth.of(ScoreFormat.label(for: $0)) }.max() ?? 0
        for (index, pane) in state.panes.enumerated() {
            var line = StyledText(" \(index + 1) ", CellStyle(index == state.focusedPane ? .accent : .dim))
            line.append(DisplayWidth.padRight(DisplayWidth.truncate(pane.displayName, to: nameWidth), nameWidth), CellStyle())
            let ranking = state.rankings[index]
            if let score = pane.scores[passage] {
                line.append("  " + DisplayWidth.padLeft(ScoreFormat.score(score, mode: pane.scoreMode), 7), CellStyle(.score))
                line.append(" " + DisplayWidth.padRight(ScoreFormat.label(for: pane), labelWidth), CellStyle(.dim))
                line.append("  rank \(ranking.ranks[passage] ?? 0) of \(ranking.scoredCount)", CellStyle())
                if pane.effectivePrecision != .reference { line.append("  " + pane.effectivePrecision.rawValue, CellStyle(.accent)) }
                if let window = score.windowLabel { line.append("  " + window, CellStyle(.accent)) }
                if let truncation = score.truncation, truncation.isTruncated {
                    line.append("  ✂ \(truncation.passageTokensCut + truncation.queryTokensCut) cut", CellStyle(.truncation))
                }
            } else {
                line.append(pane.isScoring ? "  scoring…" : "  not scored", CellStyle(.dim))
            }
            lines.append(line)
        }
        return lines
    }
}
