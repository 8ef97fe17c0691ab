import Inference

/// Scores the requests of many clients together: requests that arrive while the engine is busy wait and then
/// go through the engine as one list of pairs, which it packs into its token-capped batches. A request cancelled
/// before its turn (its client went away) takes no engine time; a running list whose requests are all
/// cancelled stops between batches.
actor PairBatcher {
    /// What a finished list of pairs tells the metrics.
    struct BatchReport: Sendable {
        var requests: Int
        var pairs: Int
        var tokens: Int
    }

    private struct Job {
        let id: Int
        let query: String
        let passages: [String]
        let maxLength: Int?
        let continuation: CheckedContinuation<[PairScore], any Error>
    }

    private let scorer: any Scorer
    private let maxPairs: Int
    private let onBatch: @Sendable (BatchReport) -> Void
    private var waiting: [Job] = []
    private var running: (ids: Set<Int>, task: Task<[PairScore], any Error>)?
    private var cancelledWhileRunning: Set<Int> = []
    private var nextID = 0

    /// `maxPairs` bounds one list (a request larger than that still goes alone); `onBatch` sees each list scored.
    init(scorer: any Scorer, maxPairs: Int = 512, onBatch: @escaping @Sendable (BatchReport) -> Void = { _ in }) {
        self.scorer = scorer
        self.maxPairs = max(1, maxPairs)
        self.onBatch = onBatch
    }

    /// Requests waiting for the engine.
    var queueDepth: Int { waiting.count }

    /// The passages' scores against the query, in input order, once the engine has run them.
    func score(query: String, passages: [String], maxLength: Int?) async throws -> [PairScore] {
        let id = nextID
        nextID += 1
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiting.append(Job(id: id, query: query, passages: passages, maxLength: maxLength, continuation: continuation))
                if running == nil { startNextList() }
            }
        } onCancel: {
            Task { await self.cancel(id) }
        }
    }

    private func cancel(_ id: Int) {
        if let index = waiting.firstIndex(where: { $0.id == id }) {
            waiting.remove(at: index).continuation.resume(throwing: CancellationError())
        } else if let running, running.ids.contains(id) {
            cancelledWhileRunning.insert(id)
            if running.ids.isSubset(of: cancelledWhileRunning) { running.task.cancel() }
        }
    }

    /// Takes the waiting requests (same max length, up to `maxPairs` pairs) and runs them as one list.
    private func startNextList() {
        guard let first = waiting.first else { return }
        var jobs: [Job] = []
        var pairCount = 0
        var rest: [Job] = []
        for job in waiting {
            if job.maxLength == first.maxLength, jobs.isEmpty || pairCount + job.passages.count <= maxPairs {
                jobs.append(job)
                pairCount += job.passages.count
            } else {
                rest.append(job)
            }
        }
        waiting = rest
        let pairs = jobs.flatMap { job in job.passages.map { (query: job.query, passage: $0) } }
        let task = Task { [scorer] in
            try await scorer.score(pairs: pairs, maxLength: first.maxLength, mode: .truncate, onBatch: nil)
        }
        running = (Set(jobs.map(\.id)), task)
        Task { await self.finish(jobs, task.result) }
    }

    private func finish(_ jobs: [Job], _ outcome: Result<[PairScore], any Error>) {
        running = nil
        let expected = jobs.reduce(0) { $0 + $1.passages.count }
        let result = outcome.flatMap { scores in
            scores.count == expected ? .success(scores) : .failure(ServerFailure.scoreCount(expected: expected, got: scores.count))
        }
        var offset = 0
        for job in jobs {
            let cancelled = cancelledWhileRunning.contains(job.id)
            switch result {
            case .success(let scores) where !cancelled:
                job.continuation.resume(returning: Array(scores[offset..<offset + job.passages.count]))
            case .success:
                job.continuation.resume(throwing: CancellationError())
            case .failure(let error):
                job.continuation.resume(throwing: error)
            }
            offset += job.passages.count
        }
        cancelledWhileRunning.subtract(jobs.map(\.id))
        if case .success(let scores) = result {
            onBatch(BatchReport(requests: jobs.count, pairs: scores.count, tokens: scores.readTokens))
        }
        startNextList()
    }
}

extension [PairScore] {
    /// Query and passage tokens the model read for these pairs (none for BM25).
    var readTokens: Int { reduce(0) { $0 + ($1.truncation?.keptTokens ?? 0) } }
}

/// The engine broke its promise of one score per pair.
enum ServerFailure: Error, CustomStringConvertible {
    case scoreCount(expected: Int, got: Int)

    var description: String {
        switch self {
        case .scoreCount(let expected, let got): "the scorer returned \(got) scores for \(expected) pairs"
        }
    }
}
