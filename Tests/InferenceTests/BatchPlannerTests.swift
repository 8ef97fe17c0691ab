import Testing
@testable import Inference

@Suite("Length-sorted batches")
struct BatchPlannerTests {
    @Test("every sequence lands in exactly one batch, shortest first, within the limits")
    func planCoversAll() {
        let lengths = (0..<500).map { ($0 * 7919) % 509 + 3 }
        let planner = BatchPlanner(maxSequences: 32, tokenBudget: 2_048, firstTokenBudget: 2_048, lanes: 1)
        let batches = planner.plan(lengths: lengths).flatMap { $0 }
        #expect(batches.flatMap { $0 }.sorted() == Array(lengths.indices))
        for batch in batches {
            #expect(batch.count <= 32)
            #expect(batch.count == 1 || batch.map { lengths[$0] }.reduce(0, +) <= 2_048)
        }
        let order = batches.flatMap { $0 }.map { lengths[$0] }
        #expect(order == order.sorted())
    }

    @Test("a sequence longer than the budget gets a batch of its own")
    func oversized() {
        let batches = BatchPlanner(maxSequences: 8, tokenBudget: 100, lanes: 1).plan(lengths: [50, 500, 60])
        #expect(batches == [[[0]], [[2]], [[1]]])
    }

    @Test("the first batch is small and the budget doubles up to the limit")
    func rampUp() {
        let planner = BatchPlanner(maxSequences: 1_000, tokenBudget: 800, firstTokenBudget: 100, lanes: 1)
        let rounds = planner.plan(lengths: Array(repeating: 10, count: 200))
        #expect(rounds.map { $0.map(\.count) } == [[10], [20], [40], [80], [50]])
    }

    @Test("after the first batch, batches come in rounds of one per lane, the budget doubling per round")
    func roundsPerLane() {
        let planner = BatchPlanner(maxSequences: 1_000, tokenBudget: 800, firstTokenBudget: 100, lanes: 2)
        let rounds = planner.plan(lengths: Array(repeating: 10, count: 300))
        #expect(rounds.map { $0.map(\.count) } == [[10], [20, 20], [40, 40], [80, 80], [5, 5]])
        #expect(rounds.flatMap { $0 }.flatMap { $0 }.sorted() == Array(0..<300))
    }

    @Test("batches of one round carry about the same tokens: within the longest sequence of the round")
    func balancedRounds() {
        let lengths = (0..<700).map { ($0 * 7919) % 509 + 3 }
        let rounds = BatchPlanner(maxSequences: 64, tokenBudget: 8_192, lanes: 2).plan(lengths: lengths)
        #expect(rounds.flatMap { $0 }.flatMap { $0 }.sorted() == Array(lengths.indices))
        for round in rounds where round.count == 2 {
            let tokens = round.map { $0.reduce(0) { $0 + lengths[$1] } }
            let longest = round.flatMap { $0 }.map { lengths[$0] }.max() ?? 0
            #expect(abs(tokens[0] - tokens[1]) <= longest)
            #expect(round.allSatisfy { $0.count <= 64 })
        }
    }

    @Test("batches side by side give the results each gives alone, in order, and the first error")
    func sideBySide() throws {
        let squares = try Parallel.sideBySide(Array(0..<2)) { $0 * $0 }
        #expect(squares == [0, 1])
        struct Odd: Error {}
        #expect(throws: Odd.self) { try Parallel.sideBySide([2, 3]) { if $0 % 2 == 1 { throw Odd() }; return $0 } }
    }

    @Test("packing concatenates ids and records where each sequence starts")
    func packing() {
        var batch = PackedBatch()
        batch.append(ids: [101, 7, 102], types: nil)
        batch.append(ids: [101, 8, 9, 102], types: [0, 0, 1, 1])
        #expect(batch.sequenceCount == 2)
        #expect(batch.range(of: 1) == 3..<7)
        #expect(batch.typeIds == [0, 0, 0, 0, 0, 1, 1])
    }
}
