import Foundation
import Pictures

/// An SVG bar chart of per-query differences: one panel per system against the first, each bar a
/// query's difference on one measure, sorted from the largest gain to the largest loss, green
/// above zero and red below. Drawn large enough to read on a slide; every bar carries a tooltip
/// with its query. All panels share one vertical scale, so their bars compare directly.
public struct DifferenceChart: Sendable {
    public var comparison: SetComparison
    /// Position of the charted measure in `comparison.measures`.
    public var measure: Int

    public init(comparison: SetComparison, measure: Int = 0) {
        self.comparison = comparison
        self.measure = measure
    }

    private let width = 1200.0
    private let panelHeight = 420.0
    private let left = 110.0
    private let right = 30.0
    private let plotTop = 96.0
    private let plotHeight = 270.0

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        let systems = Array(comparison.systems.indices.dropFirst())
        var document = SVGDocument(width: width, height: max(Double(systems.count), 1) * panelHeight)
        if systems.isEmpty || measure >= comparison.measures.count {
            document.text("Nothing to compare: give two systems or more.", x: left, y: 60, size: 24)
        }
        let scale = niceScale()
        for (panel, system) in systems.enumerated() where measure < comparison.measures.count {
            self.panel(system: system, top: Double(panel) * panelHeight, scale: scale, on: &document)
        }
        return document.rendered()
    }

    /// One panel: title, summary line, axis with ticks, bars, and the x-axis caption.
    private func panel(system: Int, top: Double, scale: Double, on document: inout SVGDocument) {
        let name = comparison.measures[measure].name
        let rows = QueryOrder.byDifference(system: system, measure: measure).sorted(comparison.queries)
        let summary = comparison.summary(system: system, measure: measure)
        document.text("\(comparison.systems[system]) − \(comparison.systems[0]) · \(name)", x: left, y: top + 38, size: 28, weight: "bold")
        document.text(summaryLine(summary), x: left, y: top + 72, size: 20, fill: "#444444")

        let plotWidth = width - left - right
        let zero = top + plotTop + plotHeight / 2
        let unit = plotHeight / 2 / scale
        for tick in [-scale, -scale / 2, 0, scale / 2, scale] {
            let y = zero - tick * unit
            document.line(x1: left, y1: y, x2: width - right, y2: y, stroke: tick == 0 ? "#333333" : "#dddddd", width: tick == 0 ? 2 : 1)
            document.text(signed(tick), x: left - 12, y: y + 7, size: 20, anchor: "end", fill: "#444444")
        }
        let slot = plotWidth / Double(max(rows.count, 1))
        let barWidth = max(slot * 0.8, 1)
        for (index, row) in rows.enumerated() {
            let difference = row.difference(system: system, measure: measure)
            let x = left + Double(index) * slot + (slot - barWidth) / 2
            let length = abs(difference) * unit
            let tooltip = "\(row.queryID) · \(row.queryText): \(String(format: "%+.4f", difference))"
            if abs(difference) <= WinsTiesLosses.tolerance {
                document.rect(x: x, y: zero - 2, width: barWidth, height: 4, fill: "#9e9e9e", tooltip: tooltip)
            } else {
                document.rect(x: x, y: difference > 0 ? zero - length : zero, width: barWidth, height: length,
                              fill: difference > 0 ? "#2e7d32" : "#c62828", tooltip: tooltip)
            }
        }
        document.text("\(rows.count) queries, sorted by difference", x: left + plotWidth / 2,
                      y: top + plotTop + plotHeight + 38, size: 20, anchor: "middle", fill: "#444444")
    }

    private func summaryLine(_ summary: SystemSummary) -> String {
        guard let versus = summary.versusFirst else { return "" }
        var line = "mean Δ \(signed(versus.meanDifference)) · \(versus.record.wins) better, "
            + "\(versus.record.ties) equal, \(versus.record.losses) worse"
        let corrected = comparison.isCorrected ? " (Bonferroni ×\(versus.comparisons))" : ""
        if let t = versus.tTestP, let r = versus.randomizationP {
            line += " · p \(pValue(t)) t-test, \(pValue(r)) randomization\(corrected)"
        }
        return line
    }

    /// The largest |difference| of any panel, rounded up to 0.1, 0.25, 0.5 or 1 (at least 0.1).
    private func niceScale() -> Double {
        var largest = 0.0
        for row in comparison.queries where measure < comparison.measures.count {
            for system in comparison.systems.indices.dropFirst() {
                largest = max(largest, abs(row.difference(system: system, measure: measure)))
            }
        }
        return [0.1, 0.25, 0.5, 1].first { largest <= $0 } ?? (largest * 10).rounded(.up) / 10
    }

    private func signed(_ value: Double) -> String {
        value == 0 ? "0" : String(format: "%+.2f", value)
    }

    /// "< 0.001" or "= 0.012", to follow a "p".
    private func pValue(_ p: Double) -> String {
        p < 0.001 ? "< 0.001" : String(format: "= %.3f", p)
    }
}
