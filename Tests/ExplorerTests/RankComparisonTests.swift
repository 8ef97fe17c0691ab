import Explorer
import PassageSources
import PropertyBased
import Testing

/// Kendall τ-b, overlap@10 and how panes are compared with pane 1.
@Suite struct RankComparisonTests {
    @Test func kendallTauOfIdenticalAndReversedOrders() {
        #expect(RankComparison.kendallTauB([1, 2, 3, 4], [10, 20, 30, 40]) == 1)
        #expect(RankComparison.kendallTauB([1, 2, 3, 4], [4, 3, 2, 1]) == -1)
    }

    @Test func kendallTauBCorrectsForTies() throws {
        // Five concordant pairs, one tied in y: 5 / √(6 · 5).
        let tau = try #require(RankComparison.kendallTauB([1, 2, 3, 4], [1, 2, 2, 3]))
        #expect(abs(tau - 5 / (30.0).squareRoot()) < 1e-12)
        // One swap among four: (5 − 1) / 6.
        let swapped = try #require(RankComparison.kendallTauB([1, 2, 3, 4], [1, 3, 2, 4]))
        #expect(abs(swapped - 4.0 / 6.0) < 1e-12)
    }

    @Test func kendallTauIsUndefinedForTooFewOrAllTiedValues() {
        #expect(RankComparison.kendallTauB([1], [1]) == nil)
        #expect(RankComparison.kendallTauB([1, 2, 3], [5, 5, 5]) == nil)
    }

    /// Kendall τ-b counted over every pair, the definition the merge-sort method must agree with.
    static func pairCountTau(_ x: [Double], _ y: [Double]) -> Double? {
        let count = min(x.count, y.count)
        guard count >= 2 else { return nil }
        var concordant = 0, discordant = 0, tiedX = 0, tiedY = 0
        for i in 0..<(count - 1) {
            for j in (i + 1)..<count {
                if x[i] == x[j] { tiedX += 1 }
                if y[i] == y[j] { tiedY += 1 }
                guard x[i] != x[j], y[i] != y[j] else { continue }
                if (x[i] < x[j]) == (y[i] < y[j]) { concordant += 1 } else { discordant += 1 }
            }
        }
        let pairs = count * (count - 1) / 2
        let denominator = (Double(pairs - tiedX) * Double(pairs - tiedY)).squareRoot()
        return denominator > 0 ? Double(concordant - discordant) / denominator : nil
    }

    @Test("τ-b by merge sort equals the count over every pair, with ties in either list or both")
    func kendallTauMatchesThePairCount() async {
        // Few distinct values, so ties of every kind are common.
        let values = Gen.int(in: -3...3).map { Double($0) }.array(of: 0...40)
        await propertyCheck(count: 500, input: values, values) { x, y in
            let fast = RankComparison.kendallTauB(x, y)
            let slow = Self.pairCountTau(x, y)
            #expect((fast == nil) == (slow == nil))
            if let fast, let slow { #expect(abs(fast - slow) < 1e-12) }
        }
    }

    @Test("τ-b of two hundred thousand pairs takes no quadratic time")
    func kendallTauOfManyPairs() throws {
        let count = 200_000
        let x = (0..<count).map { Double($0) }
        let y = (0..<count).map { Double(($0 * 7_919) % count) }
        let started = ContinuousClock.now
        let tau = try #require(RankComparison.kendallTauB(x, x))
        #expect(tau == 1)
        _ = RankComparison.kendallTauB(x, y)
        #expect(started.duration(to: .now) < .seconds(10), "20 billion pair comparisons would take minutes")
    }

    @Test func overlapCountsSharedTopItems() {
        #expect(RankComparison.overlap([1, 2, 3, 4], [4, 3, 9, 8], k: 2) == 0)
        #expect(RankComparison.overlap([1, 2, 3, 4], [4, 3, 2, 1], k: 3) == 2)
        #expect(RankComparison.overlap(Array(1...20), Array((1...20).reversed()), k: 10) == 0)
    }

    @Test func panesAreComparedOverPassagesBothHaveScored() throws {
        var state = Scenario.state(scorers: [Scenario.crossEncoder, Scenario.bm25])
        Scenario.score(&state, pane: 0, [5, 4, 3, 2, 1])
        let pane = state.panes[1].id
        let query = state.scoringQuery
        _ = state.apply(.scoringStarted(pane, query: query, total: 5))
        _ = state.apply(.batch(pane, query: query, scores: [
            state.passages[0].id: .init(score: 1), state.passages[1].id: .init(score: 3), state.passages[2].id: .init(score: 2),
        ], completed: 3, total: 5))
        let agreement = try #require(state.rankings[1].agreement)
        // Over passages 1–3: pane 1 says 1 > 2 > 3, pane 2 says 2 > 3 > 1: one concordant, two discordant.
        #expect(abs((agreement.kendallTau ?? 0) - (-1.0 / 3.0)) < 1e-12)
        #expect(agreement.overlapAt10 == 3 && agreement.overlapDepth == 3)
        #expect(state.rankings[1].scoredCount == 3)
        #expect(state.rankings[1].order.suffix(2) == [state.passages[3].id, state.passages[4].id])
        #expect(state.rankings[0].agreement == nil)
    }

    @Test func movementComparesWithPaneOneOrTheInputOrder() {
        let state = Scenario.ranked()
        // Pane 1 against input: France (4th given) is ranked 2nd.
        #expect(state.movement(of: state.passages[3].id, inPane: 0) == .up(2))
        #expect(state.movement(of: state.passages[1].id, inPane: 0) == .down(2))
        #expect(state.movement(of: state.passages[0].id, inPane: 0) == .same)
        // BM25 ties Eiffel and Lyon at 0; input order breaks the tie, so both keep pane 1's ranks.
        #expect(state.movement(of: state.passages[2].id, inPane: 2) == .same)
    }

    @Test func labelledPassagesGetMeasures() throws {
        let labelled = Scenario.passages.enumerated().map { index, record in
            PassageRecord(text: record.text, label: index == 0 ? 3 : (index == 3 ? 1 : 0))
        }
        var state = Scenario.state(passages: labelled)
        Scenario.score(&state, pane: 0, [8.2, -3.1, -6.0, 1.5, -0.4])
        #expect(state.rankings[0].labelMetrics != nil)
        #expect(state.rankings[1].labelMetrics == nil, "nothing scored in pane 2 yet")
        #expect(screen(state).contains("NDCG@10"))
        #expect(screen(state).contains("MRR@10"))
    }
}
