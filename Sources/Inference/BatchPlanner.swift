/// Groups sequences into batches: sorted by length (shortest first, so the first results come
/// soon), at most `maxSequences` a batch and at most `tokenBudget` tokens a batch. The budget
/// starts at `firstTokenBudget` and doubles round by round, so a ranking's first partial result
/// arrives quickly while later batches are large enough for full GEMM speed.
///
/// A round is the batches that run at the same time, one per lane (core): the first batch runs
/// alone, split across the lanes, so the first partial ranking comes soon; after it, `lanes`
/// batches of the same budget and similar lengths run side by side, each on one core. Two
/// single-threaded batches finish sooner than the same two split across both cores one after the
/// other, because every split product and attention step waits for its slowest half.
struct BatchPlanner: Sendable {
    var maxSequences: Int
    var tokenBudget: Int
    var firstTokenBudget: Int
    /// Batches per round after the first.
    var lanes: Int

    static let tokenBudget = 8_192
    /// About four short passages with a short query: the first partial ranking shows ~40 ms after
    /// scoring starts (MiniLM-L6 on two cores).
    static let firstTokenBudget = 192

    init(maxSequences: Int, tokenBudget: Int = BatchPlanner.tokenBudget, firstTokenBudget: Int = BatchPlanner.firstTokenBudget,
         lanes: Int = Parallel.workers) {
        self.maxSequences = maxSequences
        self.tokenBudget = tokenBudget
        self.firstTokenBudget = min(firstTokenBudget, tokenBudget)
        self.lanes = max(1, lanes)
    }

    /// Rounds of batches of positions in `lengths`; each position appears exactly once. A round's
    /// sequences are dealt to its batches in turn, so batches that run side by side carry about the
    /// same tokens and lengths and finish together.
    func plan(lengths: [Int]) -> [[[Int]]] {
        let order = lengths.indices.sorted { lengths[$0] != lengths[$1] ? lengths[$0] < lengths[$1] : $0 < $1 }
        var rounds: [[[Int]]] = []
        var next = order.startIndex
        var budget = firstTokenBudget
        while next < order.endIndex {
            let width = rounds.isEmpty ? 1 : lanes
            let first = next
            var tokens = 0
            while next < order.endIndex, next - first < width * maxSequences {
                let length = lengths[order[next]]
                if next > first, tokens + length > width * budget { break }
                tokens += length
                next += 1
            }
            let taken = order[first..<next]
            let batches = min(width, taken.count)
            rounds.append((0..<batches).map { batch in
                stride(from: first + batch, to: next, by: batches).map { order[$0] }
            })
            budget = min(budget * 2, tokenBudget)
        }
        return rounds
    }
}

/// Runs an encoder over sequences batch by batch, reporting each batch, checking cancellation.
enum BatchRunner {
    /// Batches up to this many tokens (a query being embedded) run on the calling task: they take
    /// a millisecond or two, so they should not wait behind another pane's batch on the compute
    /// thread.
    static let inlineTokenLimit = 32

    /// Computes one result per sequence with `compute`, in input order. Each round of batches runs
    /// on the engine's compute threads (a tiny lone batch inline); `compute` gets a check that says
    /// whether the task was cancelled.
    static func run<Result: Sendable>(
        sequences: [(ids: [Int32], types: [Int32]?)],
        planner: BatchPlanner,
        compute: @escaping @Sendable (PackedBatch, _ isCancelled: @Sendable () -> Bool) throws -> [Result],
        onBatch: (_ indices: [Int], _ results: [Result], _ completed: Int) -> Void
    ) async throws -> [Result] {
        var results = [Result?](repeating: nil, count: sequences.count)
        var completed = 0
        for round in planner.plan(lengths: sequences.map(\.ids.count)) {
            try Task.checkCancellation()
            let packed = StageProfile.shared.time(.packing) {
                round.map { indices in
                    var batch = PackedBatch()
                    for index in indices { batch.append(ids: sequences[index].ids, types: sequences[index].types) }
                    return batch
                }
            }
            let roundResults = packed.count == 1 && packed[0].tokenCount <= inlineTokenLimit
                ? [try compute(packed[0], { Task.isCancelled })]
                : try await ComputeQueue.run { isCancelled in
                    try Parallel.sideBySide(packed) { batch in try compute(batch, isCancelled) }
                }
            for (indices, batchResults) in zip(round, roundResults) {
                for (index, result) in zip(indices, batchResults) { results[index] = result }
                completed += indices.count
                onBatch(indices, batchResults, completed)
            }
        }
        return results.compactMap { $0 }
    }
}
