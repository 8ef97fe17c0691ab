import Foundation
import TextFiles

/// One relevance judgment: a grade for a document of a query.
public struct Judgment: Sendable, Hashable {
    public var queryID: String
    public var docid: String
    public var grade: Int

    public init(queryID: String, docid: String, grade: Int) {
        self.queryID = queryID
        self.docid = docid
        self.grade = grade
    }
}

/// Relevance judgments from a qrels file in any of the shapes in use, fields separated by tabs or
/// spaces: TREC `qid iteration docid grade`, three columns `qid docid grade`, or BEIR's
/// `query-id corpus-id score` TSV, whose header line is recognised and skipped.
public struct Qrels: Sendable, Hashable {
    /// Query ids in the order they first appear.
    public var queryIDs: [String]
    /// The grade of every judged document of every query.
    public var grades: [String: [String: Int]]
    /// Lines whose invalid UTF-8 was replaced, by file and line.
    public var warnings: [String]

    public init(queryIDs: [String], grades: [String: [String: Int]], warnings: [String] = []) {
        self.queryIDs = queryIDs
        self.grades = grades
        self.warnings = warnings
    }

    /// Reads a qrels file line by line. A malformed line, a grade that is not an integer or a
    /// document judged twice for a query throws a `JudgedSetError` naming the file and line.
    public init(contentsOf url: URL, name: String? = nil) throws(JudgedSetError) {
        let file = name ?? url.relativePath
        let reader = try LineReader.opening(url, name: file)
        var queryIDs: [String] = []
        var grades: [String: [String: Int]] = [:]
        var firstLines: [String: [String: Int]] = [:]
        var sawContent = false
        while let text = try reader.nextLineOrFail() {
            let line = reader.lineNumber
            let mayBeHeader = !sawContent
            sawContent = sawContent || !text.allSatisfy { $0 == " " || $0 == "\t" }
            guard let judgment = try Self.judgment(in: Substring(text), file: file, line: line, mayBeHeader: mayBeHeader) else {
                continue
            }
            if let first = firstLines[judgment.queryID]?[judgment.docid] {
                throw JudgedSetError(file: file, line: line, problem: .duplicate(
                    key: "judgment of \"\(judgment.docid)\" for query \"\(judgment.queryID)\"", firstLine: first))
            }
            if grades[judgment.queryID] == nil { queryIDs.append(judgment.queryID) }
            firstLines[judgment.queryID, default: [:]][judgment.docid] = line
            grades[judgment.queryID, default: [:]][judgment.docid] = judgment.grade
        }
        guard !queryIDs.isEmpty else { throw JudgedSetError(file: file, problem: .empty) }
        self.init(queryIDs: queryIDs, grades: grades, warnings: reader.allWarnings)
    }

    /// The judgment on one line; nil for a blank line, or for a header line when `mayBeHeader`
    /// (the file's first non-blank line) and every field is a column name such as `query-id`.
    static func judgment(in text: Substring, file: String, line: Int, mayBeHeader: Bool) throws(JudgedSetError) -> Judgment? {
        let fields = text.split(whereSeparator: { $0 == "\t" || $0 == " " })
        if fields.isEmpty { return nil }
        if mayBeHeader, fields.allSatisfy({ headerNames.contains($0.lowercased()) }) { return nil }
        guard fields.count == 3 || fields.count == 4 else {
            throw JudgedSetError(file: file, line: line, problem: .columnCount(
                found: fields.count, expected: "3 (qid, docid, grade) or 4 (qid, iteration, docid, grade)"))
        }
        let grade = fields[fields.count - 1]
        guard let value = Int(grade) else {
            throw JudgedSetError(file: file, line: line, problem: .notAnInteger(column: "grade", value: String(grade)))
        }
        return Judgment(queryID: String(fields[0]), docid: String(fields[fields.count - 2]), grade: value)
    }

    /// Column names of qrels header lines (BEIR writes `query-id corpus-id score`).
    private static let headerNames: Set<String> = [
        "query-id", "corpus-id", "score", "qid", "docid", "doc-id", "query_id", "corpus_id", "doc_id",
        "iteration", "q0", "grade", "relevance", "rel", "label",
    ]
}
