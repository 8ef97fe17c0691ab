import Synchronization

/// A part of scoring that `rerank bench --profile` times on its own.
public enum EngineStage: String, CaseIterable, Sendable {
    case tokenization
    /// Laying a batch's sequences end to end.
    case packing
    /// A batch waiting for the compute thread (behind another batch).
    case waiting
    case embeddings
    /// The fused Q, K, V projection.
    case qkv = "QKV"
    /// Scores, softmax and context, sequence by sequence and head by head.
    case attention
    /// The attention output projection and the two feed-forward projections.
    case projections
    case gelu = "GELU"
    /// Residual additions and LayerNorms.
    case layerNorm = "LayerNorm"
    /// The classification head or the pooling.
    case head
}

/// Time spent per stage, summed over every batch while profiling is on. Stages are timed on the
/// thread that leads them: a stage split across workers counts once, for its wall time, while
/// batches that run side by side each count theirs, so the total can exceed the wall time.
public final class StageProfile: Sendable {
    /// The profile the engine adds to while `isEnabled`.
    public static let shared = StageProfile()

    private let enabled = Atomic<Bool>(false)
    private let totals = Mutex<[EngineStage: Duration]>([:])

    /// Turns timing on (and clears what was timed before) or off.
    public func setEnabled(_ on: Bool) {
        if on { totals.withLock { $0 = [:] } }
        enabled.store(on, ordering: .relaxed)
    }

    public var isEnabled: Bool { enabled.load(ordering: .relaxed) }

    /// The time per stage so far, in `EngineStage` order, stages never timed left out.
    public var stages: [(stage: EngineStage, time: Duration)] {
        let snapshot = totals.withLock { $0 }
        return EngineStage.allCases.compactMap { stage in snapshot[stage].map { (stage, $0) } }
    }

    /// Runs `body`, adding its wall time to `stage` when profiling is on.
    @inline(__always)
    func time<T>(_ stage: EngineStage, _ body: () throws -> T) rethrows -> T {
        guard isEnabled else { return try body() }
        let start = ContinuousClock.now
        defer { add(ContinuousClock.now - start, to: stage) }
        return try body()
    }

    func add(_ duration: Duration, to stage: EngineStage) {
        totals.withLock { $0[stage, default: .zero] += duration }
    }
}
