import Foundation
import TextFiles

/// `id` and text records read leniently from TSV (`id<TAB>text`) or JSON Lines (an id under `_id`,
/// `id` or `docid`; a `text`, and for documents a `title`): the shape of BEIR's and MS MARCO's
/// queries and corpus files. A malformed line is skipped and counted; the first few are named.
///
/// Documents join title and text as BEIR's reranker and sentence-transformers do,
/// `(title + " " + text).strip()`; queries take `text` as it is.
struct RecordLines {
    /// One record: an id and its text. A document's title is joined to its text only when the
    /// text is asked for, so the records a pass skips cost no string building.
    struct Record {
        let id: String
        let title: String?
        let body: String

        init(id: String, title: String? = nil, body: String) {
            self.id = id
            self.title = title
            self.body = body
        }

        /// The body, or for a document with a title BEIR's `(title + " " + text).strip()`.
        var text: String {
            guard let title else { return body }
            return String((title + " " + body).trimmingWhitespace())
        }
    }

    private let reader: LineReader
    private let joinsTitle: Bool
    private let decoder = JSONDecoder()
    private(set) var skipped: SkippedLines
    /// Non-blank lines read so far.
    private(set) var lineCount = 0
    /// Hears how far the read has come (at `LineReader`'s pace, and at the end).
    var progress: JudgedSetSource.Progress? {
        get { reader.progress }
        set { reader.progress = newValue }
    }
    /// True for JSON Lines, false for TSV, nil until the first non-blank line decides.
    private var isJSONLines: Bool?
    private var sawContent = false

    /// Opens `url`; JSON Lines when its extension says so (`.jsonl`, `.ndjson`), TSV for `.tsv`,
    /// else decided by the first non-blank line (`{` starts JSON Lines). `joinsTitle`: documents
    /// (title and text joined) rather than queries.
    init(url: URL, name: String, joinsTitle: Bool) throws(PassageSourceError) {
        reader = try LineReader.opening(url, name: name)
        switch PassageFormat.forExtension(url.pathExtension) {
        case .jsonLines?: isJSONLines = true
        case .tsv?: isJSONLines = false
        default: isJSONLines = nil
        }
        self.joinsTitle = joinsTitle
        skipped = SkippedLines(file: name)
    }

    var bytesRead: Int { reader.bytesRead }
    var totalBytes: Int? { reader.totalBytes }
    var warnings: [String] { reader.allWarnings }

    /// The next record whose id is in `wanted` (all when nil; others are checked, then passed
    /// over); nil at the end.
    mutating func next(wanted: Set<String>? = nil) throws(PassageSourceError) -> Record? {
        while true {
            guard let line = try reader.nextLineOrFail() else { return nil }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            lineCount += 1
            let jsonLines = isJSONLines ?? (line.first == "{")
            isJSONLines = jsonLines
            let header = !sawContent
            sawContent = true
            let parsed = jsonLines ? json(line) : tsv(line, mayBeHeader: header)
            switch parsed {
            case .record(let record):
                if wanted?.contains(record.id) ?? true { return record }
            case .header:
                continue
            case .malformed(let reason):
                skipped.skip(line: reader.lineNumber, reason: reason)
            }
        }
    }

    private enum Parsed {
        case record(Record)
        case header
        case malformed(String)
    }

    /// Column names that mark a TSV header line.
    private static let headerNames: Set<String> = ["id", "_id", "docid", "doc_id", "pid", "qid", "query_id", "text",
                                                   "title", "query", "passage"]

    private func tsv(_ line: String, mayBeHeader: Bool) -> Parsed {
        guard let tab = line.firstIndex(of: "\t") else { return .malformed("no tab; expected id<TAB>text") }
        let id = String(line[..<tab].trimmingWhitespace())
        guard !id.isEmpty else { return .malformed("the id before the tab is empty") }
        let text = String(line[line.index(after: tab)...])
        if mayBeHeader, Self.headerNames.contains(id.lowercased()),
           text.split(separator: "\t").allSatisfy({ Self.headerNames.contains($0.lowercased()) }) {
            return .header
        }
        return .record(Record(id: id, body: text))
    }

    private func json(_ line: String) -> Parsed {
        let object: JSONRecord
        do {
            object = try decoder.decode(JSONRecord.self, from: Data(line.utf8))
        } catch {
            return .malformed("not a JSON object")
        }
        guard let id = object.id, !id.isEmpty else { return .malformed("no \"_id\" string or number") }
        if joinsTitle {
            guard object.text != nil || object.title != nil else { return .malformed("no \"text\" or \"title\" string") }
            return .record(Record(id: id, title: object.title ?? "", body: object.text ?? ""))
        }
        guard let text = object.text else { return .malformed("no \"text\" string") }
        return .record(Record(id: id, body: text))
    }
}

/// The keys of a BEIR queries or corpus line; other keys (`metadata`) are ignored.
private struct JSONRecord: Decodable {
    let id: String?
    let title: String?
    let text: String?

    private enum Keys: String, CodingKey {
        case underscoreID = "_id", id, docid, title, text
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        var found: String?
        for key in [Keys.underscoreID, .id, .docid] where found == nil && container.contains(key) {
            if let string = try? container.decode(String.self, forKey: key) {
                found = string
            } else if let number = try? container.decode(Int.self, forKey: key) {
                found = String(number)
            }
        }
        id = found
        title = try? container.decodeIfPresent(String.self, forKey: .title)
        text = try? container.decodeIfPresent(String.self, forKey: .text)
    }
}
