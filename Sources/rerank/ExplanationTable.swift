import Inference

/// An attribution printed for people: the full score, then each unit's characters, score without it,
/// Δ and text, and the same for the query's words.
struct ExplanationTable {
    let attribution: Attribution
    let index: Int
    let id: String?
    var width = 100

    /// The lines above every passage: the scorer, the query and how the units are measured.
    static func header(info: ScorerInfo, query: String, unit: TextUnitKind) -> String {
        let method = info.kind == .lexical ? "exact term contributions" : "occlusion"
        return "\(info.name) · \(info.kind.rawValue) · score: \(info.scoreName) · \(method) by \(unit.plural)\nquery: \(query)"
    }

    func render() -> String {
        var lines = ["", "passage \(index + 1)\(id.map { " (\($0))" } ?? "") · score \(RankedTable.format(attribution.score, digits: 4))"]
        lines += table(attribution.units, heading: attribution.unitKind.rawValue)
        lines += table(attribution.queryTerms, heading: "query word")
        return lines.joined(separator: "\n")
    }

    private func table(_ units: [UnitAttribution], heading: String) -> [String] {
        guard !units.isEmpty else { return ["  (no \(heading)s)"] }
        let spans = units.map { "\($0.unit.range.lowerBound)–\($0.unit.range.upperBound)" }
        let spanWidth = max(10, spans.map(\.count).max() ?? 0)
        var lines = ["  \("characters".padding(toLength: spanWidth, withPad: " ", startingAt: 0))  \("without".leftPadded(to: 9))  \("Δ".leftPadded(to: 9))  \(heading)"]
        for (unit, span) in zip(units, spans) {
            let without = unit.scoreWithout.map { RankedTable.format($0, digits: 4) } ?? "–"
            let delta = (unit.delta > 0 ? "+" : "") + RankedTable.format(unit.delta, digits: 4)
            let prefix = "  \(span.padding(toLength: spanWidth, withPad: " ", startingAt: 0))  \(without.leftPadded(to: 9))  \(delta.leftPadded(to: 9))  "
            let mark = unit.isBeyondCut ? "✂ " : ""
            lines.append(prefix + Self.fitted(mark + unit.unit.text, room: max(20, width - prefix.count)))
        }
        return lines
    }

    /// The text on one line, cut with an ellipsis to `room` characters.
    private static func fitted(_ text: String, room: Int) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count <= room ? line : String(line.prefix(room - 1)) + "…"
    }
}
