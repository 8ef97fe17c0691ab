import Foundation
import Synchronization
import Testing
@testable import Inference
#if canImport(Glibc)
import Glibc
#endif

@Suite("Compute threads")
struct ComputeThreadsTests {
    @Test("a region runs every lane once, lane 0 on the caller and the others beside it")
    func forkJoinRunsEachLaneOnce() {
        let threads = ComputeThreads()
        let runs = Mutex<[Int: Int]>([:])
        let callerLaneOnCaller = Mutex(false)
        let caller = pthread_self()
        for _ in 0..<50 {
            threads.forkJoin(lanes: 3) { lane in
                runs.withLock { $0[lane, default: 0] += 1 }
                if lane == 0, pthread_equal(pthread_self(), caller) != 0 { callerLaneOnCaller.withLock { $0 = true } }
            }
        }
        #expect(runs.withLock { $0 } == [0: 50, 1: 50, 2: 50])
        #expect(callerLaneOnCaller.withLock { $0 })
    }

    @Test("a region started inside a region runs its lanes inline instead of waiting forever")
    func nestedRegionsRunInline() {
        let threads = ComputeThreads()
        let inner = Mutex(0)
        threads.forkJoin(lanes: 2) { _ in
            threads.forkJoin(lanes: 4) { _ in inner.withLock { $0 += 1 } }
        }
        #expect(inner.withLock { $0 } == 8)
    }

    @Test("jobs run one at a time in the order they were submitted")
    func jobsRunInOrder() async {
        let threads = ComputeThreads()
        let order = Mutex<[Int]>([])
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            for job in 0..<20 {
                threads.submit {
                    order.withLock { $0.append(job) }
                    if job == 19 { done.resume() }
                }
            }
        }
        #expect(order.withLock { $0 } == Array(0..<20))
    }

    #if os(Linux)
    @Test("background priority runs jobs and helper lanes at nice 10")
    func backgroundPriorityLowersTheThreads() async {
        let threads = ComputeThreads()
        threads.setPriority(.background)
        let niceValues = Mutex<[Int32]>([])
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            threads.submit {
                threads.forkJoin(lanes: 2) { _ in
                    let value = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
                    niceValues.withLock { $0.append(value) }
                }
                done.resume()
            }
        }
        #expect(niceValues.withLock { $0 } == [10, 10])
    }
    #endif
}
