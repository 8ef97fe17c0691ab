import Foundation

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
        let height = max(Double(systems.count), 1) * panelHeight
        var parts = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(format(width))\" height=\"\(format(height))\" "
                + "viewBox=\"0 0 \(format(width)) \(format(height))\" font-family=\"Helvetica, Arial, sans-serif\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
        ]
        if systems.isEmpty || measure >= comparison.measures.count {
            parts.append(text("Nothing to compare: give two systems or more.", x: left, y: 60, size: 24))
        }
        let scale = niceScale()
        for (panel, system) in systems.enumerated() where measure < comparison.measures.count {
            parts += self.panel(system: system, top: Double(panel) * panelHeight, scale: scale)
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }

    /// One panel: title, summary line, axis with ticks, bars, and the x-axis caption.
    private func panel(system: Int, top: Double, scale: Double) -> [String] {
        let name = comparison.measures[measure].name
        let rows = QueryOrder.byDifference(system: system, measure: measure).sorted(comparison.queries)
        let summary = comparison.summary(system: system, measure: measure)
        var parts = [text("\(comparison.systems[system]) − \(comparison.systems[0]) · \(name)",
                          x: left, y: top + 38, size: 28, weight: "bold")]
        parts.append(text(summaryLine(summary), x: left, y: top + 72, size: 20, fill: "#444444"))

        let plotWidth = width - left - right
        let zero = top + plotTop + plotHeight / 2
        let unit = plotHeight / 2 / scale
        for tick in [-scale, -scale / 2, 0, scale / 2, scale] {
            let y = zero - tick * unit
            parts.append("<line x1=\"\(format(left))\" y1=\"\(format(y))\" x2=\"\(format(width - right))\" y2=\"\(format(y))\" "
                + "stroke=\"\(tick == 0 ? "#333333" : "#dddddd")\" stroke-width=\"\(tick == 0 ? 2 : 1)\"/>")
            parts.append(text(signed(tick), x: left - 12, y: y + 7, size: 20, anchor: "end", fill: "#444444"))
        }
        let slot = plotWidth / Double(max(rows.count, 1))
        let barWidth = max(slot * 0.8, 1)
        for (index, row) in rows.enumerated() {
            let difference = row.difference(system: system, measure: measure)
            let x = left + Double(index) * slot + (slot - barWidth) / 2
            let length = abs(difference) * unit
            let tooltip = "<title>\(escaped("\(row.queryID) · \(row.queryText): \(String(format: "%+.4f", difference))"))</title>"
            if abs(difference) <= WinsTiesLosses.tolerance {
                parts.append("<rect x=\"\(format(x))\" y=\"\(format(zero - 2))\" width=\"\(format(barWidth))\" height=\"4\" "
                    + "fill=\"#9e9e9e\">\(tooltip)</rect>")
            } else {
                let y = difference > 0 ? zero - length : zero
                parts.append("<rect x=\"\(format(x))\" y=\"\(format(y))\" width=\"\(format(barWidth))\" height=\"\(format(length))\" "
                    + "fill=\"\(difference > 0 ? "#2e7d32" : "#c62828")\">\(tooltip)</rect>")
            }
        }
        parts.append(text("\(rows.count) queries, sorted by difference", x: left + plotWidth / 2,
                          y: top + plotTop + plotHeight + 38, size: 20, anchor: "middle", fill: "#444444"))
        return parts
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

    private func text(_ content: String, x: Double, y: Double, size: Int, weight: String = "normal",
                      anchor: String = "start", fill: String = "#111111") -> String {
        "<text x=\"\(format(x))\" y=\"\(format(y))\" font-size=\"\(size)\" font-weight=\"\(weight)\" "
            + "text-anchor=\"\(anchor)\" fill=\"\(fill)\">\(escaped(content))</text>"
    }

    private func format(_ value: Double) -> String { String(format: "%.1f", value) }

    private func signed(_ value: Double) -> String {
        value == 0 ? "0" : String(format: "%+.2f", value)
    }

    /// "< 0.001" or "= 0.012", to follow a "p".
    private func pValue(_ p: Double) -> String {
        p < 0.001 ? "< 0.001" : String(format: "= %.3f", p)
    }

    /// `value` as XML character data: markup characters escaped, control characters XML forbids dropped.
    private func escaped(_ value: String) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(" ")
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
