import Inference
import Pictures

/// The current comparison as an SVG picture for slides (`:export FILE.svg`): the panes side by
/// side, each a column of its top passages (rank, score, start of the passage, `✂ N` or the winning
/// window where the model did not read it in one piece), and between
/// adjacent panes a line from each passage's rank in one to its rank in the next — green where it
/// rises, red where it falls, grey where it stays. The selected passage's lines are drawn thicker.
enum ComparisonPicture {
    /// The most passages drawn per pane.
    static let maximumRows = 50
    private static let margin = 32.0
    private static let columnWidth = 420.0
    private static let flowWidth = 140.0
    private static let rowHeight = 26.0
    private static let headerHeight = 150.0
    /// Characters of a passage's first line shown in a row.
    private static let passageCharacters = 30

    static func svg(_ state: ExplorerState) -> String {
        let rows = min(maximumRows, state.rankings.map(\.scoredCount).max() ?? 0)
        let columns = Double(max(1, state.panes.count))
        let width = margin * 2 + columns * columnWidth + (columns - 1) * flowWidth
        let height = headerHeight + Double(max(rows, 1)) * rowHeight + margin
        var document = SVGDocument(width: width, height: height)
        document.text("Query: " + state.query.text, x: margin, y: margin + 10, size: 24, weight: "bold")
        let scored = state.rankings.first?.scoredCount ?? 0
        document.text("\(state.passages.count) passages" + (state.title.isEmpty ? "" : " · " + state.title)
                      + (rows < scored ? " · top \(rows) shown" : ""), x: margin, y: margin + 40, size: 15, fill: "#444444")
        for index in state.panes.indices {
            drawColumn(state, pane: index, rows: rows, x: columnX(index), on: &document)
        }
        for index in state.panes.indices.dropLast() {
            drawFlow(state, from: index, rows: rows, on: &document)
        }
        if rows == 0 {
            document.text("No passage is ranked yet.", x: margin, y: headerHeight + 20, size: 16, fill: "#666666")
        }
        return document.rendered()
    }

    private static func columnX(_ pane: Int) -> Double {
        margin + Double(pane) * (columnWidth + flowWidth)
    }

    /// The baseline of the row of rank `rank` (1-based).
    private static func rowY(_ rank: Int) -> Double {
        headerHeight + Double(rank - 1) * rowHeight + 18
    }

    private static func drawColumn(_ state: ExplorerState, pane index: Int, rows: Int, x: Double, on document: inout SVGDocument) {
        let pane = state.panes[index]
        let ranking = state.rankings[index]
        document.text("\(index + 1) \(pane.displayName)", x: x, y: 100, size: 17, weight: "bold")
        var details = [ScoreFormat.label(for: pane)]
        if let kind = pane.info?.kind.rawValue { details.insert(kind, at: 0) }
        if case .windows(let length, let stride) = pane.effectiveReadingMode { details.append("windows \(length)/\(stride)") }
        if pane.effectivePrecision != .reference { details.append(pane.effectivePrecision.rawValue) }
        if let agreement = ranking.agreement {
            details.append("τ " + (agreement.kendallTau.map(ScoreFormat.measure) ?? "–") + " ∩ \(agreement.overlapAt10)/\(agreement.overlapDepth)")
        }
        if let metrics = ranking.labelMetrics { details.append("NDCG@10 " + ScoreFormat.measure(metrics.ndcgAt10)) }
        document.text(details.joined(separator: " · "), x: x, y: 122, size: 13, fill: "#555555")

        for (offset, id) in ranking.order.prefix(min(rows, ranking.scoredCount)).enumerated() {
            guard let passage = state.passage(id) else { continue }
            let y = rowY(offset + 1)
            if id == state.selection {
                document.rect(x: x - 4, y: y - 18, width: columnWidth + 8, height: rowHeight - 2, fill: "#fff3c4", cornerRadius: 3)
            }
            let score = pane.scores[id].map { ScoreFormat.score($0, mode: pane.scoreMode) } ?? "–"
            let firstLine = String(PassageText.firstLine(passage.text))
            document.text("\(offset + 1)", x: x + 30, y: y, size: 14, weight: "bold", anchor: "end")
            document.text(score, x: x + 100, y: y, size: 14, anchor: "end", fill: "#1f5f99")
            document.text(DisplayWidth.truncate(firstLine, to: passageCharacters), x: x + 112, y: y, size: 14,
                          tooltip: DisplayWidth.truncate(firstLine, to: 300))
            if let reading = readingNote(pane.scores[id]) {
                document.text(reading.text, x: x + columnWidth, y: y, size: 12, anchor: "end", fill: "#b35900", tooltip: reading.tooltip)
            }
        }
    }

    /// Where the model read the passage: `w2/3` (the window that won), `✂ 95` (tokens cut), or nothing.
    private static func readingNote(_ score: PairScore?) -> (text: String, tooltip: String)? {
        if let window = score?.windowLabel { return (window, "read in windows; window \(window) gave the score") }
        guard let truncation = score?.truncation, truncation.isTruncated else { return nil }
        let cut = truncation.passageTokensCut + truncation.queryTokensCut
        return ("✂\(cut)", "the model's token limit cut \(cut) of \(truncation.passageTokens + truncation.queryTokens) tokens")
    }

    /// Lines from each passage's rank in pane `index` to its rank in the next pane, for passages both show.
    private static func drawFlow(_ state: ExplorerState, from index: Int, rows: Int, on document: inout SVGDocument) {
        let left = state.rankings[index], right = state.rankings[index + 1]
        let startX = columnX(index) + columnWidth + 6, endX = columnX(index + 1) - 10
        for id in left.order.prefix(min(rows, left.scoredCount)) {
            guard let from = left.ranks[id], let to = right.ranks[id], to <= rows else { continue }
            let colour = to < from ? "#2e7d32" : to > from ? "#c62828" : "#9e9e9e"
            let selected = id == state.selection
            let title = state.passage(id).map { DisplayWidth.truncate(String(PassageText.firstLine($0.text)), to: 80) } ?? ""
            document.line(x1: startX, y1: rowY(from) - 5, x2: endX, y2: rowY(to) - 5, stroke: colour, width: selected ? 4 : 2,
                          opacity: selected ? 1 : 0.7, tooltip: "\(title): rank \(from) → \(to)")
        }
    }
}
