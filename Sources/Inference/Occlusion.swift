extension Scorer {
    /// Occlusion for any scorer: the full pair, then every passage unit and query word removed in turn,
    /// all variants scored through `score(pairs:)` (one packed call per `limits.chunkSize` variants).
    /// Read with truncation, units wholly past the cut are not scored again: the model never read
    /// them, so removing them leaves what it reads unchanged (their delta is 0).
    public func occlusion(query: String, passage: String, unit: TextUnitKind, maxLength: Int?, mode: ReadingMode,
                          limits: AttributionLimits,
                          progress: (@Sendable (AttributionProgress) -> Void)?) async throws -> Attribution {
        let passageUnits = TextUnits(passage, kind: unit)
        let queryWords = TextUnits(query, kind: .word)
        let whole = try await score(pairs: [(query, passage)], maxLength: maxLength, mode: mode, onBatch: nil).first
        let full = whole?.score ?? 0
        let readEnd = Self.readEnd(of: whole, mode: mode)
        let scored = passageUnits.units.indices.filter { index in readEnd.map { passageUnits.units[index].range.lowerBound < $0 } ?? true }
        var variants = scored.map { (query: query, passage: passageUnits.removing($0)) }
        variants += queryWords.units.indices.map { (query: queryWords.removing($0), passage: passage) }
        guard variants.count <= limits.maxVariants else {
            throw InferenceError.tooManyUnits(count: variants.count, limit: limits.maxVariants, unit: unit)
        }
        let scores = try await scoreInChunks(variants, maxLength: maxLength, mode: mode, limits: limits, progress: progress)

        var without = [Double?](repeating: nil, count: passageUnits.units.count)
        for (index, score) in zip(scored, scores) { without[index] = score }
        let units = zip(passageUnits.units, without).map { unit, score in
            UnitAttribution(unit: unit, scoreWithout: score ?? full, delta: full - (score ?? full), isBeyondCut: score == nil)
        }
        let queryTerms = zip(queryWords.units, scores.dropFirst(scored.count)).map { word, score in
            UnitAttribution(unit: word, scoreWithout: score, delta: full - score)
        }
        return Attribution(method: .occlusion, score: full, unitKind: unit, units: units, queryTerms: queryTerms)
    }

    /// Where the read part of the passage ends when truncation cut it and left the query whole (then
    /// removing text past it cannot change what is read); `nil` when everything is read.
    private static func readEnd(of full: PairScore?, mode: ReadingMode) -> Int? {
        guard mode == .truncate, let cut = full?.truncation, cut.passageTokensCut > 0, cut.queryTokensCut == 0 else { return nil }
        return cut.passageKeptEnd
    }

    /// Scores the pairs `limits.chunkSize` at a time, reporting progress after each batch and
    /// stopping between chunks when the task is cancelled.
    private func scoreInChunks(_ pairs: [(query: String, passage: String)], maxLength: Int?, mode: ReadingMode,
                               limits: AttributionLimits,
                               progress: (@Sendable (AttributionProgress) -> Void)?) async throws -> [Double] {
        var scores: [Double] = []
        scores.reserveCapacity(pairs.count)
        let total = pairs.count
        progress?(AttributionProgress(completed: 0, total: total))
        for start in stride(from: 0, to: total, by: limits.chunkSize) {
            try Task.checkCancellation()
            let done = start
            let chunk = Array(pairs[start..<min(total, start + limits.chunkSize)])
            let chunkScores = try await score(pairs: chunk, maxLength: maxLength, mode: mode) { batch in
                progress?(AttributionProgress(completed: done + batch.completed, total: total))
            }
            scores += chunkScores.map(\.score)
        }
        return scores
    }
}
