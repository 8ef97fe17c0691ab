import Synchronization

/// Where forward passes run: the engine's lead compute thread, one pass at a time, off Swift's
/// cooperative threads, so inference never starves other tasks and two passes never fight over
/// the cores.
enum ComputeQueue {
    /// Runs `work` on the compute thread and waits for it. Cancelling the calling task flips the
    /// flag that `work` receives as `isCancelled`, so it can stop early (the encoder checks
    /// between layers).
    static func run<T: Sendable>(_ work: @escaping @Sendable (_ isCancelled: @Sendable () -> Bool) throws -> T) async throws -> T {
        let cancelled = CancellationFlag()
        let submitted = ContinuousClock.now
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                ComputeThreads.shared.submit {
                    if StageProfile.shared.isEnabled { StageProfile.shared.add(ContinuousClock.now - submitted, to: .waiting) }
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
