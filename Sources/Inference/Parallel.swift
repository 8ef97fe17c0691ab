import Foundation
import Synchronization

/// The engine's own parallelism: work split across one worker per core, each calling
/// single-threaded BLAS. OpenBLAS's thread pool handles large GEMMs well but small ones (attention
/// per head) badly, so the engine keeps BLAS at one thread and splits rows, sequences and heads
/// itself, on `ComputeThreads`.
enum Parallel {
    private static let workerCount = Atomic<Int>(ProcessInfo.processInfo.activeProcessorCount)

    static var workers: Int { workerCount.load(ordering: .relaxed) }

    static func setWorkers(_ count: Int) {
        workerCount.store(max(1, count), ordering: .relaxed)
    }

    /// The workers a step may split across: one inside `sideBySide`, where every worker already has
    /// a batch of its own.
    private static var freeWorkers: Int { ComputeThreads.shared.isForking ? 1 : workers }

    /// Runs `body(chunk, range)` for `count` items split into contiguous ranges, at most one per
    /// worker and none smaller than `minimumChunk`.
    static func forEachChunk(of count: Int, minimumChunk: Int = 1, _ body: @Sendable (Range<Int>) -> Void) {
        let chunks = max(1, min(freeWorkers, count / max(1, minimumChunk)))
        guard chunks > 1 else {
            if count > 0 { body(0..<count) }
            return
        }
        ComputeThreads.shared.forkJoin(lanes: chunks) { chunk in
            body((chunk * count / chunks)..<((chunk + 1) * count / chunks))
        }
    }

    /// Runs `body(worker, item)` for items `0..<count`, item `i` on worker `i % workers`, so each
    /// worker can own scratch space: at most `scratchSpaces` workers, the number the caller made
    /// (the worker count may have changed since).
    static func forEachItem(_ count: Int, scratchSpaces: Int, _ body: @Sendable (_ worker: Int, _ item: Int) -> Void) {
        let lanes = max(1, min(freeWorkers, count, scratchSpaces))
        ComputeThreads.shared.forkJoin(lanes: lanes) { worker in
            for item in stride(from: worker, to: count, by: lanes) { body(worker, item) }
        }
    }

    /// Runs `body` on every item at once, one worker each, and returns the results in order; the
    /// steps inside `body` stay on their worker. A single item gets every worker for its steps.
    static func sideBySide<Item: Sendable, Result: Sendable>(_ items: [Item], _ body: @Sendable (Item) throws -> Result) throws -> [Result] {
        guard items.count > 1 else { return try items.map(body) }
        let results = Mutex<[Result?]>(Array(repeating: nil, count: items.count))
        let failure = FirstError()
        ComputeThreads.shared.forkJoin(lanes: items.count) { lane in
            failure.capture {
                let result = try body(items[lane])
                results.withLock { $0[lane] = result }
            }
        }
        try failure.rethrow()
        return results.withLock { $0.compactMap { $0 } }
    }
}
