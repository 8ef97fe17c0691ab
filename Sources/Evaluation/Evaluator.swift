import Inference

/// Runs a `Scorer` over every query of a judged set and evaluates the resulting run.
public struct Evaluator: Sendable {
    /// Progress: pairs scored so far and pairs in the set.
    public typealias Progress = @Sendable (_ completedPairs: Int, _ totalPairs: Int) -> Void

    public var scorer: any Scorer
    /// Token limit passed to the scorer; `nil` uses its default.
    public var maxLength: Int?
    /// How the scorer reads passages past the limit: cut (the default) or in windows.
    public var mode: ReadingMode

    public init(scorer: any Scorer, maxLength: Int? = nil, mode: ReadingMode = .truncate) {
        self.scorer = scorer
        self.maxLength = maxLength
        self.mode = mode
    }

    /// Scores each query's candidates, query by query, and evaluates the run.
    /// `progress` hears about every batch the scorer finishes and every finished query.
    /// Cancelling the task stops between batches or queries with `CancellationError`.
    public func evaluate(_ set: JudgedSet, progress: Progress? = nil) async throws -> EvaluationReport {
        let scored = try await run(set, progress: progress)
        return EvaluationReport(scorerName: scorer.info.name, run: scored.scores, on: set,
                                pairsScored: scored.pairsScored, seconds: scored.seconds)
    }

    /// Scores each query's candidates, query by query, and returns the run without evaluating it
    /// (to compare it with others, or write it as a TREC run file). Progress and cancellation as
    /// in `evaluate`.
    public func run(_ set: JudgedSet, progress: Progress? = nil) async throws -> ScoredRun {
        let clock = ContinuousClock()
        let start = clock.now
        let total = set.pairCount
        var run = RunScores(minimumCapacity: set.queries.count)
        var completed = 0
        for query in set.queries where !query.candidates.isEmpty {
            try Task.checkCancellation()
            let before = completed
            var onBatch: (@Sendable (ScoredBatch) -> Void)?
            if let progress {
                onBatch = { batch in progress(before + batch.completed, total) }
            }
            let scores = try await scorer.score(query: query.text, passages: query.candidateTexts,
                                                maxLength: maxLength, mode: mode, onBatch: onBatch)
            guard scores.count == query.candidates.count else {
                throw EvaluationError.scoreCountMismatch(scorer: scorer.info.name, queryID: query.id,
                                                         expected: query.candidates.count, received: scores.count)
            }
            var queryScores = [String: Double](minimumCapacity: scores.count)
            for (candidate, score) in zip(query.candidates, scores) {
                queryScores[candidate.docid] = score.score
            }
            run[query.id] = queryScores
            completed += scores.count
            progress?(completed, total)
        }
        return ScoredRun(scores: run, pairsScored: completed, seconds: (clock.now - start).seconds)
    }
}

/// A scorer's run over a judged set and what it cost.
public struct ScoredRun: Sendable, Hashable {
    /// A score per candidate of every query with candidates.
    public var scores: RunScores
    /// (query, passage) pairs scored.
    public var pairsScored: Int
    /// Wall-clock seconds spent scoring.
    public var seconds: Double

    public init(scores: RunScores, pairsScored: Int, seconds: Double) {
        self.scores = scores
        self.pairsScored = pairsScored
        self.seconds = seconds
    }
}
