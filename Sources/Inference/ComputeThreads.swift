import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// How the engine's threads share the cores with the rest of the process.
public enum ComputePriority: Sendable, Hashable {
    /// Like any other thread: the right choice for batch work such as `rerank score` or `bench`.
    case normal
    /// Behind the process's other threads (nice +10 on Linux): an interactive front end keeps
    /// reacting at once while the engine uses every core.
    case background

    /// The nice value the engine's threads run at.
    var niceValue: Int32 {
        switch self {
        case .normal: 0
        case .background: 10
        }
    }
}

/// The threads forward passes run on, owned by the engine so their priority can be set.
///
/// A lead thread runs submitted jobs one at a time (two passes never fight over the cores), and
/// helper threads join it for the parallel parts of a job (`forkJoin`). Dispatch's threads are
/// shared with Swift's tasks, so they could not be given a lower priority on their own.
final class ComputeThreads: @unchecked Sendable {
    static let shared = ComputeThreads()

    /// Guards every field below; helpers and the lead thread wait on it.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var leadStarted = false
    private var helperCount = 0
    private var priority = ComputePriority.normal

    /// The parallel region in progress: its lanes, the next lane to hand out, and how many of the
    /// helpers' lanes are still running.
    private var region: (@Sendable (Int) -> Void)?
    private var regionLanes = 0
    private var nextLane = 0
    private var unfinishedLanes = 0
    /// Held for a whole region, so concurrent or nested regions run their lanes inline instead.
    private let regionLock = NSLock()
    private let regionHeld = Atomic<Bool>(false)
    /// Mirrors of the region's progress that threads spin on for a moment before sleeping: waking
    /// a sleeping thread costs more than the short wait between regions (a layer has eight).
    private let regionsStarted = Atomic<Int>(0)
    private let lanesRunning = Atomic<Int>(0)
    private static let spinChecks = 20_000

    /// BLAS itself stays single-threaded: the engine splits the work across these threads.
    init() {
        BLAS.setThreads(1)
    }

    /// Sets the priority of every compute thread, current and future. Lowering it again
    /// (background → normal) needs privileges on Linux and is skipped without them.
    func setPriority(_ newPriority: ComputePriority) {
        condition.withLock { priority = newPriority }
    }

    /// Runs `job` on the lead thread after the jobs submitted before it.
    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.withLock {
            jobs.append(job)
            if !leadStarted {
                leadStarted = true
                startThread(named: "rerank.compute") { $0.runJobs() }
            }
            condition.broadcast()
        }
    }

    /// Runs `body(lane)` for lanes `0..<lanes`: lane 0 on the calling thread, the others on
    /// helpers, and returns when all have finished. When another region is running (or this is
    /// called from inside one) the lanes run one after another on the calling thread.
    func forkJoin(lanes: Int, _ body: @Sendable (Int) -> Void) {
        guard lanes > 1, regionLock.try() else {
            for lane in 0..<max(0, lanes) { body(lane) }
            return
        }
        regionHeld.store(true, ordering: .releasing)
        defer {
            regionHeld.store(false, ordering: .releasing)
            regionLock.unlock()
        }
        withoutActuallyEscaping(body) { body in
            condition.withLock {
                while helperCount < lanes - 1 {
                    helperCount += 1
                    startThread(named: "rerank.worker\(helperCount)") { $0.runHelper() }
                }
                region = body
                regionLanes = lanes
                nextLane = 1
                unfinishedLanes = lanes - 1
                lanesRunning.store(lanes - 1, ordering: .releasing)
                regionsStarted.add(1, ordering: .releasing)
                condition.broadcast()
            }
            body(0)
            Self.spin { lanesRunning.load(ordering: .acquiring) == 0 }
            condition.withLock {
                while unfinishedLanes > 0 { condition.wait() }
                region = nil
            }
        }
    }

    /// True while a parallel region runs: a step started now would run its lanes inline anyway.
    var isForking: Bool { regionHeld.load(ordering: .acquiring) }

    // MARK: the threads

    private func startThread(named name: String, _ loop: @escaping @Sendable (ComputeThreads) -> Void) {
        // Named from inside: on Linux a name set before `start` does not reach the system thread.
        Thread { [self] in
            Thread.current.name = name
            loop(self)
        }.start()
    }

    private func runJobs() {
        var applied = ComputePriority.normal
        while true {
            let (job, wanted): (@Sendable () -> Void, ComputePriority) = condition.withLock {
                while jobs.isEmpty { condition.wait() }
                return (jobs.removeFirst(), priority)
            }
            Self.apply(wanted, over: &applied)
            job()
        }
    }

    private func runHelper() {
        var applied = ComputePriority.normal
        var regionsSeen = 0
        while true {
            Self.spin { regionsStarted.load(ordering: .acquiring) != regionsSeen }
            let (lane, body, wanted): (Int, @Sendable (Int) -> Void, ComputePriority) = condition.withLock {
                while true {
                    if let body = region, nextLane < regionLanes {
                        regionsSeen = regionsStarted.load(ordering: .relaxed)
                        nextLane += 1
                        return (nextLane - 1, body, priority)
                    }
                    condition.wait()
                }
            }
            Self.apply(wanted, over: &applied)
            body(lane)
            condition.withLock {
                unfinishedLanes -= 1
                lanesRunning.store(unfinishedLanes, ordering: .releasing)
                if unfinishedLanes == 0 { condition.broadcast() }
            }
        }
    }

    /// Checks `done` up to `spinChecks` times; the caller then takes the lock (and sleeps if needed).
    private static func spin(until done: () -> Bool) {
        for _ in 0..<spinChecks where done() { return }
    }

    /// Gives the calling thread `wanted`'s nice value when it differs from what it has.
    private static func apply(_ wanted: ComputePriority, over applied: inout ComputePriority) {
        guard wanted != applied else { return }
        #if os(Linux)
        // On Linux the nice value belongs to the thread, and `who == 0` names the calling thread.
        if setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, wanted.niceValue) == 0 { applied = wanted }
        #else
        applied = wanted
        #endif
    }
}
