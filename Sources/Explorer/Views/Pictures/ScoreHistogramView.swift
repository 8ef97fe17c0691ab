import Inference

/// A small histogram of a pane's scores under its list (`#` toggles it): bars of block characters
/// ▁▂▃▄▅▆▇█, the selected passage's bin in the accent colour and marked `▲` with its score on the
/// axis, which gives the lowest and highest score.
enum ScoreHistogramView {
    /// Rows it takes: three of bars and the axis.
    static let height = 4
    private static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func draw(_ state: ExplorerState, paneIndex: Int, in rect: Rect, on grid: inout CellGrid) {
        guard state.panes.indices.contains(paneIndex), rect.height >= 2, rect.width > 4 else { return }
        grid.fill(rect, style: CellStyle())
        let pane = state.panes[paneIndex]
        let values = pane.scores.values.map { displayed($0, mode: pane.scoreMode) }
        let columns = rect.width - 2
        guard !values.isEmpty else {
            grid.write(pane.isScoring ? "scoring…" : "no scores yet", column: rect.x + 1, row: rect.y + rect.height / 2,
                       limit: rect.maxX - 1, style: CellStyle(.dim))
            return
        }
        let marked = state.selection.flatMap { pane.scores[$0] }.map { displayed($0, mode: pane.scoreMode) }
        let histogram = ScoreHistogram(values, bins: ScoreHistogram.binCount(scores: values.count, columns: columns), marked: marked)
        let rows = rect.height - 1
        let bins = histogram.counts.count
        for (bin, count) in histogram.counts.enumerated() {
            let span = columnSpan(bin: bin, bins: bins, columns: columns)
            // Bins three or more columns wide keep a gap on their right, so neighbours read as separate bars.
            let barColumns = span.count >= 3 ? span.dropLast() : span[...]
            let level = histogram.level(of: count, rows: rows)
            let style = bin == histogram.marked ? CellStyle(.accent, on: .background, .bold) : CellStyle(.score)
            for row in 0..<rows {
                let eighths = min(8, max(0, level - (rows - 1 - row) * 8))
                guard eighths > 0 else { continue }
                for column in barColumns {
                    grid.write(String(blocks[eighths]), column: rect.x + 1 + column, row: rect.y + row, style: style)
                }
            }
        }
        drawAxis(histogram, pane: pane, selected: marked, columns: columns, x: rect.x + 1, row: rect.maxY - 1, limit: rect.maxX - 1,
                 on: &grid)
    }

    /// Under the selected passage's bin `▲` and its score; the lowest score at the left and the
    /// highest at the right where they do not run into it.
    private static func drawAxis(_ histogram: ScoreHistogram, pane: Pane, selected: Double?, columns: Int, x: Int, row: Int,
                                 limit: Int, on grid: inout CellGrid) {
        var taken: Range<Int> = 0..<0
        if let marked = histogram.marked, let selected {
            let span = columnSpan(bin: marked, bins: histogram.counts.count, columns: columns)
            let barWidth = span.count >= 3 ? span.count - 1 : span.count
            let centre = span.lowerBound + (barWidth - 1) / 2
            let value = label(selected, pane: pane)
            let width = DisplayWidth.of(value) + 1
            // The score on the marker's right, or on its left when it would run off the pane.
            let fitsRight = centre + width <= columns
            let start = fitsRight ? centre : max(0, centre - width + 1)
            taken = start..<(start + width)
            let style = CellStyle(.accent, on: .background, .bold)
            grid.write(fitsRight ? "▲" + value : value + "▲", column: x + start, row: row, limit: limit, style: style)
        }
        let dim = CellStyle(.dim)
        let low = label(histogram.lowest, pane: pane)
        let lowSpan = 0..<(DisplayWidth.of(low) + 1)
        if !lowSpan.overlaps(taken) { grid.write(low, column: x, row: row, limit: limit, style: dim) }
        let high = label(histogram.highest, pane: pane)
        let highWidth = DisplayWidth.of(high)
        let highSpan = (columns - highWidth - 1)..<columns
        if !highSpan.overlaps(taken), !highSpan.overlaps(lowSpan) {
            grid.write(high, column: x + columns - highWidth, row: row, limit: limit, style: dim)
        }
    }

    /// The columns of one bin when `bins` share `columns` as evenly as they can.
    private static func columnSpan(bin: Int, bins: Int, columns: Int) -> Range<Int> {
        (bin * columns / bins)..<((bin + 1) * columns / bins)
    }

    /// The value the pane shows: the probability when asked for and available, else the score.
    private static func displayed(_ score: PairScore, mode: ScoreMode) -> Double {
        mode == .probability ? score.probability ?? score.score : score.score
    }

    private static func label(_ value: Double, pane: Pane) -> String {
        ScoreFormat.score(PairScore(score: value, probability: pane.scoreMode == .probability ? value : nil), mode: pane.scoreMode)
    }
}
