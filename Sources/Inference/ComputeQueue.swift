import Dispatch
import Synchronization

/// Where forward passes run: one serial queue for the process, off Swift's cooperative threads,
/// so inference never starves other tasks and two passes never fight over the cores.
enum ComputeQueue {
    /// BLAS itself stays single-threaded: `Parallel` spreads the work (see there).
    private static let queue: DispatchQueue = {
        BLAS.setThreads(1)
        return DispatchQueue(label: "rerank.inference", qos: .userInitiated)
    }()

    /// Runs `work` on the queue and waits for it. Cancelling the calling task flips the flag that
    /// `work` receives as `isCancelled`, so it can stop early (the encoder checks between layers).
    static func run<T: Sendable>(_ work: @escaping @Sendable (_ isCancelled: @Sendable () -> Bool) throws -> T) async throws -> T {
        let cancelled = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                queue.async {
                    continuation.resume(with: Result { try work { cancelled.isSet } })
                }
            }
        } onCancel: {
            cancelled.set()
        }
    }
}

/// A flag set once from any thread.
private final class CancellationFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set() { value.store(true, ordering: .relaxed) }
}
