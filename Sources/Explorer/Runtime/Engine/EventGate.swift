import Synchronization

/// Delivers engine events only while their generation is the newest one.
///
/// Checking the generation and yielding happen under one lock, so once a newer generation is
/// opened no event of an older one can reach the consumer, even from a batch finishing on
/// another thread at that moment.
final class EventGate: Sendable {
    private let generation = Mutex(Int.min)
    private let continuation: AsyncStream<EngineEvent>.Continuation

    init(continuation: AsyncStream<EngineEvent>.Continuation) {
        self.continuation = continuation
    }

    /// Makes `newGeneration` the current one; false when it is older than the current one.
    func open(_ newGeneration: Int) -> Bool {
        generation.withLock { current in
            guard newGeneration >= current else { return false }
            current = newGeneration
            return true
        }
    }

    /// True when `someGeneration` is the current one.
    func isCurrent(_ someGeneration: Int) -> Bool {
        generation.withLock { $0 == someGeneration }
    }

    /// Yields the event when `eventGeneration` is still current; returns whether it did.
    @discardableResult
    func emit(_ event: EngineEvent, generation eventGeneration: Int) -> Bool {
        generation.withLock { current in
            guard eventGeneration == current else { return false }
            continuation.yield(event)
            return true
        }
    }

    /// Yields an event that belongs to no generation (download progress, the set work's results).
    func emitAlways(_ event: EngineEvent) {
        continuation.yield(event)
    }

    func finish() {
        continuation.finish()
    }
}
