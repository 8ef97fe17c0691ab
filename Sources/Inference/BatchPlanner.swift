/// Groups sequences into batches: sorted by length (shortest first, so the first results come
/// soon), at most `maxSequences` a batch and at most `tokenBudget` tokens a batch. The budget
/// starts at `firstTokenBudget` and doubles batch by batch, so a ranking's first partial result
/// arrives quickly while later batches are large enough for full GEMM speed.
struct BatchPlanner: Sendable {
    var maxSequences: Int
    var tokenBudget: Int
    var firstTokenBudget: Int

    static let tokenBudget = 8_192
    /// About four short passages with a short query: the first partial ranking shows ~40 ms after
    /// scoring starts (MiniLM-L6 on two cores).
    static let firstTokenBudget = 192

    init(maxSequences: Int, tokenBudget: Int = BatchPlanner.tokenBudget, firstTokenBudget: Int = BatchPlanner.firstTokenBudget) {
        self.maxSequences = maxSequences
        self.tokenBudget = tokenBudget
        self.firstTokenBudget = min(firstTokenBudget, tokenBudget)
    }

    /// Batches of positions in `lengths`; each position appears exactly once.
    func plan(lengths: [Int]) -> [[Int]] {
        let order = lengths.indices.sorted { lengths[$0] != lengths[$1] ? lengths[$0] < lengths[$1] : $0 < $1 }
        var batches: [[Int]] = []
        var current: [Int] = []
        var tokens = 0
        var budget = firstTokenBudget
        for index in order {
            if !current.isEmpty, current.count >= maxSequences || tokens + lengths[index] > budget {
                batches.append(current)
                current = []
                tokens = 0
                budget = min(budget * 2, tokenBudget)
            }
            current.append(index)
            tokens += lengths[index]
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}

/// Runs an encoder over sequences batch by batch, reporting each batch, checking cancellation.
enum BatchRunner {
    /// Batches up to this many tokens (a query being embedded) run on the calling task: they take
    /// a millisecond or two, so they should not wait behind another pane's batch on the compute
    /// thread.
    static let inlineTokenLimit = 32

    /// Computes one result per sequence with `compute`, in input order. Each batch runs on the
    /// engine's compute thread (tiny ones inline); `compute` gets a check that says whether the
    /// task was cancelled.
    static func run<Result: Sendable>(
        sequences: [(ids: [Int32], types: [Int32]?)],
        planner: BatchPlanner,
        compute: @escaping @Sendable (PackedBatch, _ isCancelled: @Sendable () -> Bool) throws -> [Result],
        onBatch: (_ indices: [Int], _ results: [Result], _ completed: Int) -> Void
    ) async throws -> [Result] {
        var results = [Result?](repeating: nil, count: sequences.count)
        var completed = 0
        for indices in planner.plan(lengths: sequences.map(\.ids.count)) {
            try Task.checkCancellation()
            let packed = StageProfile.shared.time(.packing) {
                var batch = PackedBatch()
                for index in indices { batch.append(ids: sequences[index].ids, types: sequences[index].types) }
                return batch
            }
            let batchResults = packed.tokenCount <= inlineTokenLimit
                ? try compute(packed, { Task.isCancelled })
                : try await ComputeQueue.run { isCancelled in try compute(packed, isCancelled) }
            for (index, result) in zip(indices, batchResults) { results[index] = result }
            completed += indices.count
            onBatch(indices, batchResults, completed)
        }
        return results.compactMap { $0 }
    }
}
