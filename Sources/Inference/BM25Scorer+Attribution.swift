extension BM25Scorer {
    /// BM25's exact per-term contributions, with the statistics of `collection` (the passage is added
    /// when missing; the passage alone when empty). A query word's delta is what its terms add, so
    /// `scoreWithout` is exactly the score of the query without it; a passage unit's delta is its share
    /// of the contributions (each term's split evenly over its occurrences), so the units' deltas sum
    /// to the score and they have no `scoreWithout`. Nothing is scored again, so `limits` and
    /// `progress` go unused.
    public func attribution(query: String, passage: String, unit: TextUnitKind, maxLength: Int?, mode: ReadingMode,
                            collection: [String], limits: AttributionLimits,
                            progress: (@Sendable (AttributionProgress) -> Void)?) async throws -> Attribution {
        try Task.checkCancellation()
        var passages = collection
        let position: Int
        if let found = passages.firstIndex(of: passage) {
            position = found
        } else {
            position = passages.count
            passages.append(passage)
        }
        let contributions = termContributions(query: query, passages: passages)[position]
        let byTerm = Dictionary(contributions.map { ($0.term, $0) }, uniquingKeysWith: { first, _ in first })
        let score = contributions.reduce(0) { $0 + $1.contribution }

        let units = TextUnits(passage, kind: unit).units
        var deltas = [Double](repeating: 0, count: units.count)
        var current = 0
        for term in LexicalAnalyzer.terms(in: passage) {
            guard let found = byTerm[term.text], found.frequency > 0 else { continue }
            while current < units.count, units[current].range.upperBound <= term.range.lowerBound { current += 1 }
            guard current < units.count else { break }
            deltas[current] += found.contribution / Double(found.frequency)
        }
        let queryTerms = TextUnits(query, kind: .word).units.map { word in
            let delta = LexicalAnalyzer.terms(in: word.text).reduce(0.0) { sum, term in
                sum + (byTerm[term.text].map { $0.contribution / Double($0.queryCount) } ?? 0)
            }
            return UnitAttribution(unit: word, scoreWithout: score - delta, delta: delta)
        }
        return Attribution(method: .termContributions, score: score, unitKind: unit,
                           units: zip(units, deltas).map { UnitAttribution(unit: $0, scoreWithout: nil, delta: $1) },
                           queryTerms: queryTerms)
    }
}
