/// Scores of a run: for each query id, a score for each docid it ranks (higher is better).
public typealias RunScores = [String: [String: Double]]

/// One first-stage candidate of a judged query.
public struct JudgedCandidate: Sendable, Hashable {
    public var docid: String
    public var text: String
    /// Rank given by the first stage (BM25 in TREC DL), 1 = best.
    public var firstStageRank: Int

    public init(docid: String, text: String, firstStageRank: Int) {
        self.docid = docid
        self.text = text
        self.firstStageRank = firstStageRank
    }
}

/// A query of a judged set: its text, its candidates in first-stage order and its relevance grades.
public struct JudgedQuery: Sendable, Hashable {
    public var id: String
    public var text: String
    /// Candidates sorted by first-stage rank (file order among equal ranks).
    public var candidates: [JudgedCandidate]
    /// Relevance grade of every judged docid (TREC DL: 0 to 3); unjudged docids are absent.
    public var grades: [String: Int]

    public init(id: String, text: String, candidates: [JudgedCandidate], grades: [String: Int]) {
        self.id = id
        self.text = text
        self.candidates = candidates
        self.grades = grades
    }

    /// True when the query has at least one judgment, so it counts in the means.
    public var isJudged: Bool { !grades.isEmpty }

    /// The candidates' texts in first-stage order, ready to hand to a `Scorer`.
    public var candidateTexts: [String] { candidates.map(\.text) }
}

/// A judged reranking set (TREC DL style): queries, their first-stage candidates, and qrels.
public struct JudgedSet: Sendable, Hashable {
    /// Name shown in reports: the folder name when loaded from disk.
    public var name: String
    /// Queries in the order of `queries.tsv`.
    public var queries: [JudgedQuery]
    /// Things worth knowing that did not stop loading (invalid UTF-8 replaced, ignored qrels…),
    /// each naming the file and, where there is one, the line.
    public var warnings: [String]

    public init(name: String, queries: [JudgedQuery], warnings: [String] = []) {
        self.name = name
        self.queries = queries
        self.warnings = warnings
    }

    /// Number of (query, candidate) pairs: what a scorer has to score.
    public var pairCount: Int { queries.reduce(0) { $0 + $1.candidates.count } }

    /// The query with this id, if the set has it.
    public func query(id: String) -> JudgedQuery? { queries.first { $0.id == id } }

    /// The first-stage ("input") order as a run: each candidate scored `1000 − firstStageRank`,
    /// as the reference does, so distinct ranks never tie.
    public var firstStageScores: RunScores {
        var run = RunScores(minimumCapacity: queries.count)
        for query in queries {
            var scores = [String: Double](minimumCapacity: query.candidates.count)
            for candidate in query.candidates {
                scores[candidate.docid] = 1000 - Double(candidate.firstStageRank)
            }
            run[query.id] = scores
        }
        return run
    }
}
