import Evaluation
import Foundation

/// `rerank compare`'s output: tables for people, or one JSON object for scripts.
struct ComparisonReport {
    let comparison: SetComparison
    /// Each system's note (e.g. "locally trained"), parallel to the systems.
    let notes: [String?]
    let pairs: Int
    let topK: Int
    let positives: PositivesAdded?

    // MARK: Text

    /// The header, the per-query table (when asked for) and one summary table per measure.
    func text(perQuery: Bool) -> String {
        var lines = header()
        if perQuery { lines += [""] + queryTable() }
        for measure in comparison.measures.indices { lines += [""] + summaryTable(measure: measure) }
        lines += [""] + footnotes()
        return lines.joined(separator: "\n")
    }

    /// Letters that stand for the systems in the tables: A, B, C…
    private func letter(_ system: Int) -> String {
        system < 26 ? String(UnicodeScalar(UInt8(65 + system))) : "S\(system + 1)"
    }

    private func header() -> [String] {
        var lines = ["\(comparison.setName) · \(comparison.queries.count) judged queries · \(Self.grouped(pairs)) pairs "
            + "(up to \(topK) candidates a query)"]
        for (system, name) in comparison.systems.enumerated() {
            var label = name
            if name == EvaluationReport.firstStageName { label += " (first-stage order)" }
            if let note = notes[safe: system] ?? nil { label += " (\(note))" }
            lines.append("  \(letter(system))  \(label)\(system == 0 ? "   ← baseline" : "")")
        }
        if let positives { lines.append(positives.summary) }
        return lines
    }

    private func queryTable() -> [String] {
        let systems = comparison.systems.indices
        var measureRow = ["query"], letterRow = [""]
        for measure in comparison.measures {
            measureRow += [measure.name] + Array(repeating: "", count: systems.count - 1)
            letterRow += systems.map(letter)
        }
        var rows = [measureRow, letterRow]
        for row in comparison.queries {
            rows.append([row.queryID] + comparison.measures.indices.flatMap { measure in
                systems.map { Self.decimal(row.value(system: $0, measure: measure)) }
            })
        }
        return ["Per query", Models.table(rows)]
    }

    private func summaryTable(measure: Int) -> [String] {
        let corrected = comparison.isCorrected ? "*" : ""
        var rows = [[comparison.measures[measure].name, "mean", "95% CI", "Δ vs A", "W / T / L",
                     "t-test p\(corrected)", "randomization p\(corrected)"]]
        for system in comparison.systems.indices {
            let summary = comparison.summary(system: system, measure: measure)
            var row = ["\(letter(system)) \(comparison.systems[system])", Self.decimal(summary.mean.mean), interval(summary.mean)]
            if let versus = summary.versusFirst {
                row += [Self.signed(versus.meanDifference), "\(versus.record.wins) / \(versus.record.ties) / \(versus.record.losses)",
                        Self.pValue(versus.tTestP), Self.pValue(versus.randomizationP)]
            } else {
                row += ["", "", "", ""]
            }
            rows.append(row)
        }
        return [Models.table(rows)]
    }

    private func footnotes() -> [String] {
        let settings = comparison.settings
        let exact = comparison.summaries.first?.dropFirst().first?.versusFirst?.randomization?.isExact ?? false
        let draws = exact ? "all 2^\(comparison.queries.count) sign assignments (exact)"
            : "\(Self.grouped(settings.permutations)) random sign flips, seed \(settings.seed)"
        var lines = ["W / T / L: queries where the model beats, ties or loses to A. p-values are two-sided and paired by "
            + "query; randomization test: \(draws)."]
        if comparison.isCorrected {
            lines.append("* Bonferroni-corrected for \(comparison.comparisons) comparisons with A: p × \(comparison.comparisons), at most 1.")
        }
        return lines
    }

    private func interval(_ mean: MeanInterval) -> String {
        guard mean.margin != nil else { return "—" }
        return "[\(Self.decimal(mean.lower)), \(Self.decimal(mean.upper))]"
    }

    static func decimal(_ value: Double) -> String { String(format: "%.4f", value) }

    /// A count with thousands separated by commas: 10,000.
    static func grouped(_ value: Int) -> String {
        var digits = String(value.magnitude)
        var index = digits.endIndex
        while digits.distance(from: digits.startIndex, to: index) > 3 {
            index = digits.index(index, offsetBy: -3)
            digits.insert(",", at: index)
        }
        return (value < 0 ? "-" : "") + digits
    }

    static func signed(_ value: Double) -> String { String(format: "%+.4f", value) }

    static func pValue(_ p: Double?) -> String {
        guard let p else { return "—" }
        return p < 0.0001 ? "<0.0001" : String(format: "%.4f", p)
    }

    // MARK: JSON

    /// Everything as one JSON object: the systems, every query's values and each measure's summary.
    func json() -> [String: Any] {
        let systems = comparison.systems
        let keys = comparison.measures.map(\.key)
        var object: [String: Any] = [
            "set": comparison.setName,
            "systems": systems.enumerated().map { system, name -> [String: Any] in
                var entry: [String: Any] = ["name": name]
                entry["note"] = notes[safe: system] ?? nil
                return entry
            },
            "measures": keys,
            "pairs": pairs,
            "top_k": topK,
            "queries": comparison.queries.map { row -> [String: Any] in
                var entry: [String: Any] = ["qid": row.queryID, "query": row.queryText]
                for (measure, key) in keys.enumerated() {
                    entry[key] = Dictionary(uniqueKeysWithValues: systems.indices.map { (systems[$0], row.value(system: $0, measure: measure)) })
                }
                return entry
            },
            "summary": Dictionary(uniqueKeysWithValues: keys.enumerated().map { measure, key in
                (key, Dictionary(uniqueKeysWithValues: systems.indices.map { (systems[$0], summaryJSON(system: $0, measure: measure)) }))
            }),
            "significance": [
                "confidence": comparison.settings.confidence,
                "permutations": comparison.settings.permutations,
                "seed": comparison.settings.seed,
                "baseline": systems.first ?? "",
                "bonferroni_comparisons": comparison.isCorrected ? comparison.comparisons : 1,
            ] as [String: Any],
        ]
        if let positives {
            object["positives"] = ["convention": PositivesAdded.convention, "added": positives.added,
                                   "without_text": positives.withoutText] as [String: Any]
        }
        return object
    }

    private func summaryJSON(system: Int, measure: Int) -> [String: Any] {
        let summary = comparison.summary(system: system, measure: measure)
        var entry: [String: Any] = ["mean": summary.mean.mean]
        entry["ci_low"] = summary.mean.margin.map { _ in summary.mean.lower } ?? NSNull()
        entry["ci_high"] = summary.mean.margin.map { _ in summary.mean.upper } ?? NSNull()
        if let versus = summary.versusFirst {
            entry["delta"] = versus.meanDifference
            entry["wins"] = versus.record.wins
            entry["ties"] = versus.record.ties
            entry["losses"] = versus.record.losses
            entry["t_test_p"] = versus.tTestP ?? NSNull()
            entry["randomization_p"] = versus.randomizationP ?? NSNull()
            entry["t_test_p_uncorrected"] = versus.tTest?.p ?? NSNull()
            entry["randomization_p_uncorrected"] = versus.randomization?.p ?? NSNull()
            entry["randomization_exact"] = versus.randomization?.isExact ?? false
        }
        return entry
    }
}

extension Array {
    /// The element at `index`, or nil past the ends.
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
