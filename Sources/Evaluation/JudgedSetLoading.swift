import Foundation
import TextFiles

extension JudgedSet {
    /// Loads a TREC-DL style folder:
    /// - `queries.tsv`: `qid<TAB>text` (the text is everything after the first tab);
    /// - `passages.tsv`: `docid<TAB>text`;
    /// - `candidates.tsv`: `qid docid rank`, separated by tabs or spaces;
    /// - `qrels.tsv`: `qid docid grade`, or the TREC form `qid iteration docid grade` (see `Qrels`).
    ///
    /// Query order follows `queries.tsv`; candidates are sorted by first-stage rank. Invalid UTF-8 is
    /// replaced with U+FFFD and reported in `warnings`, as are qrels of unknown queries (ignored)
    /// and queries without candidates or judgments. Malformed lines, candidates naming unknown
    /// queries or passages, and duplicate keys throw a `JudgedSetError` naming file and line.
    public init(folder: URL) throws(JudgedSetError) {
        var warnings: [String] = []
        let queriesFile = folder.appendingPathComponent("queries.tsv")
        let queryRows = try Self.keyedTexts(in: queriesFile, key: "query id", warnings: &warnings)
        guard !queryRows.isEmpty else { throw JudgedSetError(file: queriesFile.path, problem: .empty) }
        let passageRows = try Self.keyedTexts(in: folder.appendingPathComponent("passages.tsv"), key: "docid", warnings: &warnings)

        var queryIndex: [String: Int] = [:]
        for (index, row) in queryRows.enumerated() { queryIndex[row.key] = index }
        var passages: [String: String] = [:]
        for row in passageRows { passages[row.key] = row.text }

        let candidates = try Self.candidates(in: folder.appendingPathComponent("candidates.tsv"),
                                             queryIndex: queryIndex, passages: passages, warnings: &warnings)
        let grades = try Self.grades(in: folder.appendingPathComponent("qrels.tsv"),
                                     queryIndex: queryIndex, warnings: &warnings)

        let queries = queryRows.indices.map { index in
            JudgedQuery(id: queryRows[index].key, text: queryRows[index].text,
                        candidates: candidates[index], grades: grades[index])
        }
        Self.noteIncompleteQueries(queries, file: queriesFile.path, warnings: &warnings)
        self.init(name: folder.lastPathComponent, queries: queries, warnings: warnings)
    }

    /// A `key<TAB>text` row of `queries.tsv` or `passages.tsv`.
    private struct KeyedText {
        let key: String
        let text: String
    }

    /// Rows of a `key<TAB>text` file; keys must be non-empty and distinct.
    private static func keyedTexts(in url: URL, key: String, warnings: inout [String]) throws(JudgedSetError) -> [KeyedText] {
        var rows: [KeyedText] = []
        var firstLines: [String: Int] = [:]
        for line in try readLines(url, warnings: &warnings) {
            guard let tab = line.text.firstIndex(of: "\t") else {
                throw JudgedSetError(file: url.path, line: line.number,
                                     problem: .columnCount(found: 1, expected: "2: \(key)<TAB>text"))
            }
            let id = String(line.text[..<tab]).trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else { throw JudgedSetError(file: url.path, line: line.number, problem: .emptyField(key)) }
            if let first = firstLines[id] {
                throw JudgedSetError(file: url.path, line: line.number, problem: .duplicate(key: "\(key) \"\(id)\"", firstLine: first))
            }
            firstLines[id] = line.number
            rows.append(KeyedText(key: id, text: String(line.text[line.text.index(after: tab)...])))
        }
        return rows
    }

    /// Candidates of each query (indexed like `queries.tsv`), sorted by rank, then file order.
    private static func candidates(in url: URL, queryIndex: [String: Int], passages: [String: String],
                                   warnings: inout [String]) throws(JudgedSetError) -> [[JudgedCandidate]] {
        var lists = [[JudgedCandidate]](repeating: [], count: queryIndex.count)
        var firstLines = [[String: Int]](repeating: [:], count: queryIndex.count)
        for line in try readLines(url, warnings: &warnings) {
            let fields = columns(of: line.text)
            guard fields.count == 3 else {
                throw JudgedSetError(file: url.path, line: line.number,
                                     problem: .columnCount(found: fields.count, expected: "3: qid, docid, rank"))
            }
            let qid = String(fields[0]), docid = String(fields[1])
            let rank = try integer(fields[2], column: "rank", file: url.path, line: line.number)
            guard let query = queryIndex[qid] else {
                throw JudgedSetError(file: url.path, line: line.number, problem: .unknownQuery(qid))
            }
            guard let text = passages[docid] else {
                throw JudgedSetError(file: url.path, line: line.number, problem: .unknownPassage(docid))
            }
            if let first = firstLines[query][docid] {
                throw JudgedSetError(file: url.path, line: line.number,
                                     problem: .duplicate(key: "candidate \"\(docid)\" of query \"\(qid)\"", firstLine: first))
            }
            firstLines[query][docid] = line.number
            lists[query].append(JudgedCandidate(docid: docid, text: text, firstStageRank: rank))
        }
        return lists.map { list in
            list.enumerated()
                .sorted { ($0.element.firstStageRank, $0.offset) < ($1.element.firstStageRank, $1.offset) }
                .map(\.element)
        }
    }

    /// Grades of each query (indexed like `queries.tsv`); qrels of unknown queries are counted and skipped.
    private static func grades(in url: URL, queryIndex: [String: Int],
                               warnings: inout [String]) throws(JudgedSetError) -> [[String: Int]] {
        var grades = [[String: Int]](repeating: [:], count: queryIndex.count)
        var firstLines = [[String: Int]](repeating: [:], count: queryIndex.count)
        var ignoredLines: [Int] = []
        for (position, line) in try readLines(url, warnings: &warnings).enumerated() {
            guard let judgment = try Qrels.judgment(in: line.text, file: url.path, line: line.number,
                                                    mayBeHeader: position == 0) else { continue }
            guard let query = queryIndex[judgment.queryID] else {
                ignoredLines.append(line.number)
                continue
            }
            if let first = firstLines[query][judgment.docid] {
                throw JudgedSetError(file: url.path, line: line.number, problem: .duplicate(
                    key: "judgment of \"\(judgment.docid)\" for query \"\(judgment.queryID)\"", firstLine: first))
            }
            firstLines[query][judgment.docid] = line.number
            grades[query][judgment.docid] = judgment.grade
        }
        if let first = ignoredLines.first {
            let count = ignoredLines.count
            warnings.append("\(url.path): \(count) line\(count == 1 ? "" : "s") (first: line \(first)) judge queries "
                + "that are not in queries.tsv; they are ignored")
        }
        return grades
    }

    /// Warns about queries that have no candidates, or no judgments (left out of the means).
    private static func noteIncompleteQueries(_ queries: [JudgedQuery], file: String, warnings: inout [String]) {
        let withoutCandidates = queries.filter(\.candidates.isEmpty).map(\.id)
        if !withoutCandidates.isEmpty {
            warnings.append("\(file): \(listing(withoutCandidates)) no candidates in candidates.tsv")
        }
        let unjudged = queries.filter { !$0.isJudged }.map(\.id)
        if !unjudged.isEmpty {
            warnings.append("\(file): \(listing(unjudged)) no judgments in qrels.tsv and count in no mean")
        }
    }

    /// "query 7 has" / "3 queries (1, 2, 3) have", listing at most ten ids; `noun` and `plural`
    /// name other things ("document", "documents").
    public static func listing(_ ids: [String], noun: String = "query", plural: String = "queries") -> String {
        if ids.count == 1 { return "\(noun) \(ids[0]) has" }
        let shown = ids.prefix(10).joined(separator: ", ") + (ids.count > 10 ? ", …" : "")
        return "\(ids.count) \(plural) (\(shown)) have"
    }

    /// Fields separated by runs of tabs or spaces.
    private static func columns(of text: Substring) -> [Substring] {
        text.split(whereSeparator: { $0 == "\t" || $0 == " " })
    }

    private static func integer(_ field: Substring, column: String, file: String, line: Int) throws(JudgedSetError) -> Int {
        guard let value = Int(field) else {
            throw JudgedSetError(file: file, line: line, problem: .notAnInteger(column: column, value: String(field)))
        }
        return value
    }

    /// The non-blank lines of a file, decoded leniently; invalid UTF-8 is reported in `warnings`.
    private static func readLines(_ url: URL, warnings: inout [String]) throws(JudgedSetError) -> [(number: Int, text: Substring)] {
        let file: TextFile
        do {
            file = try TextFile(contentsOf: url, name: url.path)
        } catch {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw JudgedSetError(file: url.path, problem: exists ? .unreadable(error.reason) : .missingFile)
        }
        warnings += file.warnings
        return file.contentLines
    }
}
