import Inference

/// The why view's parts of the detail view: its heading with progress, the query's words as a heat
/// map on a scale of their own, the passage scale's legend, and the units that move the score most.
enum WhyView {
    /// The heading (what is measured, how far it has come), then, once done, the query heat map and legend.
    static func header(_ state: ExplorerState, pane: Pane, unit: TextUnitKind, explanation: Explanation?, width: Int) -> [StyledText] {
        var heading = StyledText("Why", CellStyle(.header, on: .background, .bold))
        let method = pane.info?.kind == .lexical ? "BM25 term contributions" : "occlusion: Δ = score − score without it"
        heading.append(" · \(state.focusedPane + 1) \(pane.displayName) · by \(unit.plural) · \(method) · w: ", CellStyle(.dim))
        heading.append(unit == .sentence ? "words" : "off", CellStyle(.accent))
        var lines = heading.wrapped(width: width)
        guard let explanation else {
            lines.append(StyledText("waiting for the panes to finish…", CellStyle(.dim)))
            lines.append(StyledText())
            return lines
        }
        if let error = explanation.error {
            lines += StyledText(error, CellStyle(.error)).wrapped(width: width)
            lines.append(StyledText())
            return lines
        }
        guard let attribution = explanation.attribution else {
            let progress = explanation.progress.map { "explaining… \($0.completed) of \($0.total) variants scored" } ?? "explaining…"
            lines.append(StyledText(progress, CellStyle(.dim)))
            lines.append(StyledText())
            return lines
        }
        var query = StyledText("query ", CellStyle(.dim))
        query.characters += HeatScale.text(explanation.key.query, units: attribution.queryTerms,
                                           largest: attribution.largestQueryChange).characters
        if attribution.largestQueryChange > 0 {
            query.append("  (its own scale: strongest ±\(ScoreFormat.delta(attribution.largestQueryChange)))", CellStyle(.dim))
        }
        lines += query.wrapped(width: width)
        lines += HeatScale.legend(largest: attribution.largestUnitChange).wrapped(width: width)
        lines += strongest(attribution, width: width)
        lines.append(StyledText())
        return lines
    }

    /// The units that push the score up most, then down most (three each, of those the scale marks), with their Δ.
    static func strongest(_ attribution: Attribution, width: Int) -> [StyledText] {
        let largest = attribution.largestUnitChange
        let ordered = attribution.units.filter { HeatScale.level($0.delta, largest: largest) != 0 }.sorted { $0.delta > $1.delta }
        let up = ordered.prefix { $0.delta > 0 }.prefix(3)
        let down = ordered.reversed().prefix { $0.delta < 0 }.prefix(3)
        guard !up.isEmpty || !down.isEmpty else { return [StyledText("No \(attribution.unitKind.rawValue) moves the score.", CellStyle(.dim))] }
        var lines = [StyledText("Strongest \(attribution.unitKind.plural)", CellStyle(.header, on: .background, .bold))]
        for unit in Array(up) + Array(down) {
            let level = HeatScale.level(unit.delta, largest: largest)
            var line = StyledText(DisplayWidth.padLeft((unit.delta > 0 ? "+" : "−") + ScoreFormat.delta(unit.delta), 8), HeatScale.style(level))
            line.append("  ", CellStyle())
            let room = max(1, width - 10)
            line.append(DisplayWidth.truncate(unit.unit.text.split(whereSeparator: \.isNewline).joined(separator: " "), to: room), CellStyle())
            lines.append(line)
        }
        return lines
    }
}
