import Evaluation
import Inference

/// A pane's ranking of the passages and how it compares with pane 1 and with the labels.
public struct PaneRanking: Sendable, Hashable {
    /// Scored passages best first (ties keep input order), then unscored ones in input order.
    public var order: [PassageID]
    /// 1-based rank of every scored passage.
    public var ranks: [PassageID: Int]
    public var scoredCount: Int
    /// Agreement with pane 1 over the passages both have scored; `nil` for pane 1 itself.
    public var agreement: Agreement?
    /// NDCG@10 and MRR@10 when passages carry relevance labels and some are scored.
    public var labelMetrics: LabelMetrics?

    /// Kendall τ-b and overlap@10 against pane 1.
    public struct Agreement: Sendable, Hashable {
        /// `nil` when fewer than two passages are scored in both panes or one is all ties.
        public var kendallTau: Double?
        /// Passages in both top-10 lists.
        public var overlapAt10: Int
        /// The size of the smaller top list compared (10, or fewer passages).
        public var overlapDepth: Int
    }

    /// Measures against the passages' relevance labels.
    public struct LabelMetrics: Sendable, Hashable {
        public var ndcgAt10: Double
        public var mrrAt10: Double
    }

    /// The ranking of `passages` by a pane's scores, compared with `reference` (pane 1's scores and
    /// ranking) when given; label measures from `judgments` when the passages are a judged query's.
    static func make(passages: [ExplorerPassage], scores: [PassageID: PairScore],
                     reference: (scores: [PassageID: PairScore], ranking: PaneRanking)?,
                     judgments: JudgedQuery? = nil) -> PaneRanking {
        var scoredIDs: [PassageID] = []
        var scoreValues: [Double] = []
        var unscored: [PassageID] = []
        scoredIDs.reserveCapacity(scores.count)
        scoreValues.reserveCapacity(scores.count)
        for passage in passages {
            if let score = scores[passage.id] {
                scoredIDs.append(passage.id)
                scoreValues.append(score.score)
            } else {
                unscored.append(passage.id)
            }
        }
        let ordered = Ranking.order(scoreValues).map { scoredIDs[$0] }
        var ranks: [PassageID: Int] = [:]
        ranks.reserveCapacity(ordered.count)
        for (position, id) in ordered.enumerated() { ranks[id] = position + 1 }

        var ranking = PaneRanking(order: ordered + unscored, ranks: ranks, scoredCount: ordered.count,
                                  agreement: nil, labelMetrics: nil)
        if let reference { ranking.compare(scores: scores, with: reference) }
        if let judgments {
            ranking.labelMetrics = labelMetrics(judgments, passages: passages, scores: scores)
        } else {
            ranking.labelMetrics = labelMetrics(ordered: ordered, passages: passages)
        }
        return ranking
    }

    /// Sets `agreement` with pane 1 (`reference`: its scores and ranking); `scores` are this pane's.
    mutating func compare(scores: [PassageID: PairScore], with reference: (scores: [PassageID: PairScore], ranking: PaneRanking)) {
        agreement = Self.agreement(ordered: Array(order.prefix(scoredCount)), scores: scores, reference: reference)
    }

    private static func agreement(ordered: [PassageID], scores: [PassageID: PairScore],
                                  reference: (scores: [PassageID: PairScore], ranking: PaneRanking)) -> Agreement? {
        var mine: [Double] = []
        var theirs: [Double] = []
        var common = Set<PassageID>()
        for id in ordered {
            guard let other = reference.scores[id], let own = scores[id] else { continue }
            mine.append(own.score)
            theirs.append(other.score)
            common.insert(id)
        }
        guard !common.isEmpty else { return nil }
        let ownTop = ordered.filter(common.contains)
        let referenceTop = reference.ranking.order.prefix(reference.ranking.scoredCount).filter(common.contains)
        let depth = min(10, common.count)
        return Agreement(kendallTau: RankComparison.kendallTauB(mine, theirs),
                         overlapAt10: RankComparison.overlap(ownTop, referenceTop, k: depth),
                         overlapDepth: depth)
    }

    /// NDCG@10 and MRR@10 of the scored passages against every judgment of their query: NDCG@10
    /// as trec_eval computes it (the query browser's value), MRR@10 with the rule below. Passages
    /// are matched to judgments by their id (a passage added by hand counts as unjudged).
    private static func labelMetrics(_ judgments: JudgedQuery, passages: [ExplorerPassage],
                                     scores: [PassageID: PairScore]) -> LabelMetrics? {
        var byDocid: [String: Double] = [:]
        for passage in passages {
            guard let score = scores[passage.id] else { continue }
            let key = passage.record.id ?? passage.id.description
            if byDocid[key] == nil { byDocid[key] = score.score }
        }
        guard judgments.isJudged, !byDocid.isEmpty else { return nil }
        let ranking = RankedGrades(query: judgments, scores: byDocid)
        let relevantFrom = (ranking.judgedGrades.max() ?? 0) >= 2 ? 2 : 1
        return LabelMetrics(ndcgAt10: QueryBrowser.measure.value(of: ranking),
                            mrrAt10: RankingMetrics.reciprocalRank(rankedGrades: ranking.marcoOrder, k: 10, relevantFrom: relevantFrom))
    }

    /// NDCG@10 and MRR@10 over the scored passages; a passage counts as relevant for MRR from
    /// grade 2 when grades go above 1 (TREC DL style), else from grade 1.
    private static func labelMetrics(ordered: [PassageID], passages: [ExplorerPassage]) -> LabelMetrics? {
        var labels: [PassageID: Int] = [:]
        for passage in passages {
            if let label = passage.record.label { labels[passage.id] = label }
        }
        guard !labels.isEmpty, !ordered.isEmpty else { return nil }
        let rankedGrades = ordered.map { labels[$0] ?? 0 }
        let judged = Array(labels.values)
        let relevantFrom = (judged.max() ?? 0) >= 2 ? 2 : 1
        return LabelMetrics(
            ndcgAt10: RankingMetrics.ndcg(rankedGrades: rankedGrades, judgedGrades: judged, k: 10),
            mrrAt10: RankingMetrics.reciprocalRank(rankedGrades: rankedGrades, k: 10, relevantFrom: relevantFrom))
    }
}
