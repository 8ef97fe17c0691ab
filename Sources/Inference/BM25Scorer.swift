import Foundation

/// Okapi BM25 over the passages of one request: the collection is exactly the passages given,
/// so document frequencies and the average length come from them.
///
/// For each query term t (after `LexicalAnalyzer`) found in a passage of length dl:
/// `idf(t) · tf·(k1 + 1) / (tf + k1·(1 − b + b·dl/avgdl))`, summed over the query's terms.
/// - idf is Lucene's: `log(1 + (N − df + 0.5)/(df + 0.5))`, always positive, so a passage never
///   loses score for containing a term that most passages share (classic Robertson idf can go negative).
/// - The `(k1 + 1)` factor makes one occurrence in an average-length passage score exactly idf;
///   Lucene ≥ 8 leaves it out, which rescales every score alike and keeps the ranking.
/// - A term repeated in the query counts once per occurrence (as Lucene sums repeated clauses
///   and Anserini weights a term by its query count).
/// - Lengths are exact term counts (Lucene stores them lossily).
/// Defaults k1 = 0.9, b = 0.4 are Anserini's, which made the TREC DL first-stage BM25 runs.
public struct BM25Scorer: Scorer {
    /// Term-frequency saturation.
    public let k1: Double
    /// Length normalisation, 0 (none) to 1 (full).
    public let b: Double
    public let info: ScorerInfo

    public init(k1: Double = 0.9, b: Double = 0.4) {
        self.k1 = k1
        self.b = b
        info = ScorerInfo(name: Scorers.bm25Name, kind: .lexical, maxLength: nil,
                          summary: "Okapi BM25 (k1 \(k1), b \(b)) over the passages given, no stemming; reads whole passages, so windows do not apply",
                          scoreName: "BM25", probabilityName: nil)
    }

    /// Scores all passages at once and reports them in one batch. BM25 reads whole passages, so
    /// `maxLength` and `mode` (windows) are ignored.
    public func score(query: String, passages: [String], maxLength: Int?, mode: ReadingMode,
                      onBatch: (@Sendable (ScoredBatch) -> Void)?) async throws -> [PairScore] {
        try Task.checkCancellation()
        let scores = self.scores(query: query, passages: passages).map { PairScore(score: $0) }
        onBatch?(ScoredBatch(indices: Array(scores.indices), scores: scores, completed: scores.count, total: scores.count))
        return scores
    }

    /// BM25 reads no model tokens.
    public func reading(query: String, passage: String, maxLength: Int?, mode: ReadingMode) -> PassageReading? { nil }

    /// BM25 reads no model tokens, so it has no windows.
    public func windowCapacity(query: String, maxLength: Int?) throws -> Int? { nil }

    /// The BM25 score of each passage for `query`, in input order (0 for a passage without query terms).
    public func scores(query: String, passages: [String]) -> [Double] {
        let statistics = BM25Statistics(query: query, passages: passages)
        return passages.indices.map { passage in
            let saturation = self.saturation(passage, statistics)
            var score = 0.0
            for term in statistics.terms.indices { score += contribution(term, of: passage, statistics, saturation) }
            return score
        }
    }

    /// Each distinct query term's contribution to the BM25 score of every passage, in input order;
    /// a passage's contributions sum to its score in `scores(query:passages:)`.
    public func termContributions(query: String, passages: [String]) -> [[BM25TermContribution]] {
        let statistics = BM25Statistics(query: query, passages: passages)
        return passages.indices.map { passage in
            let saturation = self.saturation(passage, statistics)
            return statistics.terms.indices.map { term in
                BM25TermContribution(term: statistics.terms[term], queryCount: statistics.queryCounts[term],
                                     frequency: statistics.frequency(of: term, in: passage),
                                     contribution: contribution(term, of: passage, statistics, saturation))
            }
        }
    }

    /// `k1 · (1 − b + b·dl/avgdl)` for one passage.
    private func saturation(_ passage: Int, _ statistics: BM25Statistics) -> Double {
        k1 * (1 - b + b * Double(statistics.lengths[passage]) / statistics.averageLength)
    }

    /// One query term's part of one passage's score (0 when the passage lacks it).
    private func contribution(_ term: Int, of passage: Int, _ statistics: BM25Statistics, _ saturation: Double) -> Double {
        let frequency = statistics.frequency(of: term, in: passage)
        guard frequency > 0 else { return 0 }
        let tf = Double(frequency)
        return Double(statistics.queryCounts[term]) * statistics.idf[term] * tf * (k1 + 1) / (tf + saturation)
    }
}

/// One distinct query term's part in a passage's BM25 score.
public struct BM25TermContribution: Sendable, Hashable {
    /// The lowercased term.
    public var term: String
    /// How often the query holds it (each occurrence counts).
    public var queryCount: Int
    /// How often the passage holds it.
    public var frequency: Int
    /// What it adds to the score: `queryCount · idf · tf·(k1 + 1) / (tf + k1·(1 − b + b·dl/avgdl))`.
    public var contribution: Double

    public init(term: String, queryCount: Int, frequency: Int, contribution: Double) {
        self.term = term
        self.queryCount = queryCount
        self.frequency = frequency
        self.contribution = contribution
    }
}

/// The counts BM25 needs for one query over the passages of a request.
private struct BM25Statistics {
    /// Distinct query terms, in the order they first occur.
    var terms: [String] = []
    var queryCounts: [Int] = []
    /// Frequencies of the query terms only, passage-major: `[passage * terms.count + term]`.
    var frequencies: [Int]
    var lengths: [Int]
    var idf: [Double]
    var averageLength: Double

    init(query: String, passages: [String]) {
        var termIndex: [String: Int] = [:]
        var terms: [String] = []
        var queryCounts: [Int] = []
        LexicalAnalyzer.forEachTerm(in: query) { term, _ in
            if let index = termIndex[term] {
                queryCounts[index] += 1
            } else {
                termIndex[term] = terms.count
                terms.append(term)
                queryCounts.append(1)
            }
        }
        let termCount = terms.count
        var frequencies = [Int](repeating: 0, count: passages.count * termCount)
        var lengths = [Int](repeating: 0, count: passages.count)
        var documentFrequencies = [Int](repeating: 0, count: termCount)
        for (passage, text) in passages.enumerated() {
            let row = passage * termCount
            var length = 0
            LexicalAnalyzer.forEachTerm(in: text) { term, _ in
                length += 1
                if let index = termIndex[term] { frequencies[row + index] += 1 }
            }
            lengths[passage] = length
            for index in 0..<termCount where frequencies[row + index] > 0 { documentFrequencies[index] += 1 }
        }
        let collectionSize = Double(passages.count)
        self.terms = terms
        self.queryCounts = queryCounts
        self.frequencies = frequencies
        self.lengths = lengths
        idf = documentFrequencies.map { log(1 + (collectionSize - Double($0) + 0.5) / (Double($0) + 0.5)) }
        let totalLength = lengths.reduce(0, +)
        averageLength = totalLength > 0 ? Double(totalLength) / collectionSize : 1
    }

    func frequency(of term: Int, in passage: Int) -> Int {
        frequencies[passage * terms.count + term]
    }
}

/// A term found by `LexicalAnalyzer` and where it sits in the original text.
public struct LexicalTerm: Sendable, Hashable {
    /// The lowercased term.
    public var text: String
    /// Unicode-scalar offsets of the term in the analysed text (before lowercasing).
    public var range: Range<Int>

    public init(text: String, range: Range<Int>) {
        self.text = text
        self.range = range
    }
}

/// The text analysis BM25 uses, the same for queries and passages:
/// - a term is a maximal run of characters (grapheme clusters) that are letters or numbers
///   (`Character.isLetter`: Unicode Alphabetic; `Character.isNumber`: any Unicode numeric type);
///   every other character separates terms, so runs of CJK ideographs stay one term;
/// - each term is lowercased with `String.lowercased()` (Unicode default case mapping, no locale);
/// - no stemming, no stop words.
public enum LexicalAnalyzer {
    /// The terms of `text` with their Unicode-scalar ranges, in text order (for highlighting).
    public static func terms(in text: String) -> [LexicalTerm] {
        var terms: [LexicalTerm] = []
        forEachTerm(in: text) { term, range in terms.append(LexicalTerm(text: term, range: range)) }
        return terms
    }

    /// Calls `body` with each lowercased term of `text` and its Unicode-scalar range, in text order.
    static func forEachTerm(in text: String, _ body: (String, Range<Int>) -> Void) {
        let handledAsASCII = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
            forEachASCIITerm(in: bytes, body)
            return true
        }
        if handledAsASCII != true { forEachUnicodeTerm(in: text, body) }
    }

    /// The general path: character by character, with Unicode properties and case mapping.
    private static func forEachUnicodeTerm(in text: String, _ body: (String, Range<Int>) -> Void) {
        var current = ""
        var start = 0
        var offset = 0
        for character in text {
            if character.isLetter || character.isNumber {
                if current.isEmpty { start = offset }
                current.append(character)
            } else if !current.isEmpty {
                body(current.lowercased(), start..<offset)
                current.removeAll(keepingCapacity: true)
            }
            offset += character.unicodeScalars.count
        }
        if !current.isEmpty { body(current.lowercased(), start..<offset) }
    }

    /// The same analysis for pure ASCII text, byte by byte (a byte is a scalar and a character;
    /// the Unicode path would classify and lowercase ASCII identically).
    private static func forEachASCIITerm(in bytes: UnsafeBufferPointer<UInt8>, _ body: (String, Range<Int>) -> Void) {
        var start: Int?
        for offset in 0...bytes.count {
            let byte = offset < bytes.count ? bytes[offset] : 0
            let isTermByte = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            if isTermByte {
                if start == nil { start = offset }
            } else if let first = start {
                let term = String(unsafeUninitializedCapacity: offset - first) { buffer in
                    for index in first..<offset {
                        let byte = bytes[index]
                        buffer[index - first] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    }
                    return offset - first
                }
                body(term, first..<offset)
                start = nil
            }
        }
    }
}
