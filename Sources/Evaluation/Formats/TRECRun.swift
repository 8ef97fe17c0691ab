import Foundation
import TextFiles

/// One line of a TREC run: a document a system retrieved for a query.
public struct RunEntry: Sendable, Hashable {
    public var docid: String
    /// The rank column as written (trec_eval ignores it and ranks by score).
    public var rank: Int
    public var score: Double

    public init(docid: String, rank: Int, score: Double) {
        self.docid = docid
        self.rank = rank
        self.score = score
    }
}

/// A TREC run file, `qid Q0 docid rank score tag` per line (fields separated by spaces or tabs),
/// as trec_eval, ir_measures, ranx and Pyserini read and write it.
public struct TRECRun: Sendable, Hashable {
    /// Query ids in the order they first appear.
    public var queryIDs: [String]
    /// Each query's entries in file order.
    public var entries: [String: [RunEntry]]
    /// The tag (sixth column) of the first line; nil for an empty run.
    public var tag: String?
    /// Lines whose invalid UTF-8 was replaced, by file and line.
    public var warnings: [String]

    public init(queryIDs: [String], entries: [String: [RunEntry]], tag: String?, warnings: [String] = []) {
        self.queryIDs = queryIDs
        self.entries = entries
        self.tag = tag
        self.warnings = warnings
    }

    /// A run of `scores`, queries in `queryOrder` (then any others by id), each ranked by score
    /// as trec_eval ranks it (equal scores by docid, descending), ranks numbered from 1.
    public init(scores: RunScores, queryOrder: [String], tag: String) {
        let known = Set(queryOrder)
        let order = queryOrder.filter { scores[$0] != nil } + scores.keys.filter { !known.contains($0) }.sorted()
        var entries: [String: [RunEntry]] = [:]
        for qid in order {
            let documents = Array(scores[qid] ?? [:])
            let docids = documents.map(\.key), values = documents.map(\.value)
            entries[qid] = RunRanking.order(docids: docids, scores: values, tieBreak: .docidDescending)
                .enumerated().map { RunEntry(docid: docids[$0.element], rank: $0.offset + 1, score: values[$0.element]) }
        }
        self.init(queryIDs: order, entries: entries, tag: tag)
    }

    /// Reads a run file line by line (blank lines are skipped). A line without six fields, a rank
    /// that is not an integer, a score that is not a number, or a docid given twice for a query
    /// throws a `JudgedSetError` naming the file and line.
    public init(contentsOf url: URL, name: String? = nil) throws(JudgedSetError) {
        let file = name ?? url.relativePath
        let reader = try LineReader.opening(url, name: file)
        var queryIDs: [String] = []
        var entries: [String: [RunEntry]] = [:]
        var firstLines: [String: [String: Int]] = [:]
        var tag: String?
        while let text = try reader.nextLineOrFail() {
            let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard !fields.isEmpty else { continue }
            let line = reader.lineNumber
            guard fields.count == 6 else {
                throw JudgedSetError(file: file, line: line, problem: .columnCount(
                    found: fields.count, expected: "6: qid Q0 docid rank score tag"))
            }
            let qid = String(fields[0]), docid = String(fields[2])
            guard let rank = Int(fields[3]) else {
                throw JudgedSetError(file: file, line: line, problem: .notAnInteger(column: "rank", value: String(fields[3])))
            }
            guard let score = Double(fields[4]) else {
                throw JudgedSetError(file: file, line: line, problem: .notANumber(column: "score", value: String(fields[4])))
            }
            if let first = firstLines[qid]?[docid] {
                throw JudgedSetError(file: file, line: line, problem: .duplicate(
                    key: "document \"\(docid)\" of query \"\(qid)\"", firstLine: first))
            }
            if entries[qid] == nil { queryIDs.append(qid) }
            firstLines[qid, default: [:]][docid] = line
            entries[qid, default: []].append(RunEntry(docid: docid, rank: rank, score: score))
            if tag == nil { tag = String(fields[5]) }
        }
        self.init(queryIDs: queryIDs, entries: entries, tag: tag, warnings: reader.allWarnings)
    }

    /// Every query's documents, `top` at most, as trec_eval ranks them: by score, descending,
    /// equal scores by docid, descending.
    public func ranked(_ queryID: String, top: Int? = nil) -> [RunEntry] {
        let list = entries[queryID] ?? []
        let order = RunRanking.order(docids: list.map(\.docid), scores: list.map(\.score), tieBreak: .docidDescending)
        return order.prefix(top ?? order.count).map { list[$0] }
    }

    /// The run as scores per docid.
    public var scores: RunScores {
        entries.mapValues { list in Dictionary(list.map { ($0.docid, $0.score) }, uniquingKeysWith: { first, _ in first }) }
    }

    /// The file's text: one `qid Q0 docid rank score tag` line per entry, queries in `queryIDs`
    /// order, entries in their order; scores in Swift's shortest round-trip form, so reading the
    /// text back gives the same numbers.
    public func text() throws(RunWriteError) -> String {
        var lines: [String] = []
        let tag = self.tag ?? "rerank"
        try Self.checkField(tag, what: "tag")
        for qid in queryIDs {
            try Self.checkField(qid, what: "query id")
            for entry in entries[qid] ?? [] {
                try Self.checkField(entry.docid, what: "docid")
                lines.append("\(qid) Q0 \(entry.docid) \(entry.rank) \(entry.score) \(tag)")
            }
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// Writes `text()` to `url`.
    public func write(to url: URL) throws(RunWriteError) {
        let contents = try text()
        do {
            try Data(contents.utf8).write(to: url)
        } catch {
            throw RunWriteError(file: url.relativePath, problem: (error as NSError).localizedDescription)
        }
    }

    private static func checkField(_ value: String, what: String) throws(RunWriteError) {
        guard !value.isEmpty, !value.contains(where: \.isWhitespace) else {
            throw RunWriteError(file: nil, problem: "the \(what) \"\(value)\" is empty or holds white space, "
                + "which a TREC run file cannot hold")
        }
    }
}

/// Why a TREC run file could not be written.
public struct RunWriteError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file, when the problem is writing it.
    public var file: String?
    public var problem: String

    public init(file: String?, problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String {
        file.map { "\($0): cannot write the run (\(problem))" } ?? "cannot write the run: \(problem)"
    }
}
