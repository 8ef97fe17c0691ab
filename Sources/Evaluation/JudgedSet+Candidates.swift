extension JudgedSet {
    /// The set with each query's candidates cut to the first `k` in first-stage order.
    public func keepingTop(_ k: Int) -> JudgedSet {
        var copy = self
        for index in copy.queries.indices {
            copy.queries[index].candidates = Array(copy.queries[index].candidates.prefix(max(k, 0)))
        }
        return copy
    }

    /// Judged positives (grade ≥ 1) of each query that are not among its candidates.
    public var positivesOutsideCandidates: Set<String> {
        var docids = Set<String>()
        for query in queries {
            let candidates = Set(query.candidates.map(\.docid))
            for (docid, grade) in query.grades where grade >= 1 && !candidates.contains(docid) { docids.insert(docid) }
        }
        return docids
    }

    /// The set with every judged positive (grade ≥ 1) that the first stage missed appended to its
    /// query's candidates, as sentence-transformers' `CrossEncoderRerankingEvaluator` does with
    /// `always_rerank_positives=True` (its default): then every relevant passage can be ranked and
    /// a perfect reranker scores 1 on every measure. Appended positives follow the candidates in
    /// the first-stage order, by docid; those without a text in `texts` stay out and are counted.
    public func addingPositives(texts: [String: String]) -> (set: JudgedSet, added: PositivesAdded) {
        var copy = self
        var report = PositivesAdded(added: 0, withoutText: 0)
        for index in copy.queries.indices {
            let query = copy.queries[index]
            let candidates = Set(query.candidates.map(\.docid))
            var nextRank = (query.candidates.map(\.firstStageRank).max() ?? 0) + 1
            let missing = query.grades.filter { $0.value >= 1 && !candidates.contains($0.key) }.keys.sorted()
            for docid in missing {
                guard let text = texts[docid] else {
                    report.withoutText += 1
                    continue
                }
                copy.queries[index].candidates.append(JudgedCandidate(docid: docid, text: text, firstStageRank: nextRank))
                nextRank += 1
                report.added += 1
            }
        }
        return (copy, report)
    }
}

/// What `JudgedSet.addingPositives(texts:)` did.
public struct PositivesAdded: Sendable, Hashable, Codable {
    /// How output names the convention.
    public static let convention = "positives always reranked (sentence-transformers CrossEncoderRerankingEvaluator, "
        + "always_rerank_positives=True)"

    /// Positives appended to candidate lists.
    public var added: Int
    /// Positives left out because no text for them was found.
    public var withoutText: Int

    public init(added: Int, withoutText: Int) {
        self.added = added
        self.withoutText = withoutText
    }

    /// One line for people: the convention and what it changed.
    public var summary: String {
        var line = "\(Self.convention): \(added) judged positive\(added == 1 ? "" : "s") outside the candidates added"
        if withoutText > 0 { line += ", \(withoutText) left out for want of a text" }
        return line
    }
}
