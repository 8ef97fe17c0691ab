/// How passages with equal scores are ordered when a run is ranked for evaluation.
///
/// ir-measures (the reference) does not use one rule for all measures: nDCG and AP come from
/// pytrec_eval, whose trec_eval core sorts equal scores by docid in *descending* byte order, while
/// RR@k comes from the MS MARCO MRR script, which sorts them by docid in *ascending* order.
public enum TieBreak: Sendable, Hashable {
    /// trec_eval / pytrec_eval: equal scores by docid, descending (`strcmp` order, reversed).
    case docidDescending
    /// MS MARCO `msmarco_eval` as ir-measures runs it for `RR@k`: equal scores by docid, ascending.
    case docidAscending
}

/// Orders a run's passages for evaluation, the way the reference evaluators do.
public enum RunRanking {
    /// Positions in `docids` best first: by score descending, equal scores by `tieBreak` comparing
    /// the docids' UTF-8 bytes. NaN scores rank after every number. `scores` is parallel to `docids`.
    public static func order(docids: [String], scores: [Double], tieBreak: TieBreak) -> [Int] {
        let count = min(docids.count, scores.count)
        return (0..<count).sorted { first, second in
            let a = scores[first].isNaN ? -Double.infinity : scores[first]
            let b = scores[second].isNaN ? -Double.infinity : scores[second]
            if a != b { return a > b }
            if scores[first].isNaN != scores[second].isNaN { return scores[second].isNaN }
            switch tieBreak {
            case .docidDescending: return docids[second].utf8.lexicographicallyPrecedes(docids[first].utf8)
            case .docidAscending: return docids[first].utf8.lexicographicallyPrecedes(docids[second].utf8)
            }
        }
    }
}
