import Testing
@testable import Inference

@Suite("Length-sorted batches")
struct BatchPlannerTests {
    @Test("every sequence lands in exactly one batch, shortest first, within the limits")
    func planCoversAll() {
        let lengths = (0..<500).map { ($0 * 7919) % 509 + 3 }
        let planner = BatchPlanner(maxSequences: 32, tokenBudget: 2_048, firstTokenBudget: 2_048)
        let batches = planner.plan(lengths: lengths)
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
        let batches = BatchPlanner(maxSequences: 8, tokenBudget: 100).plan(lengths: [50, 500, 60])
        #expect(batches == [[0], [2], [1]])
    }

    @Test("the first batch is small and the budget doubles up to the limit")
    func rampUp() {
        let planner = BatchPlanner(maxSequences: 1_000, tokenBudget: 800, firstTokenBudget: 100)
        let batches = planner.plan(lengths: Array(repeating: 10, count: 200))
        #expect(batches.map(\.count) == [10, 20, 40, 80, 50])
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
