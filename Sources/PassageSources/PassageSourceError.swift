import Evaluation

/// Why passages could not be read; each message names the file (and line) and says what to do.
public enum PassageSourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file or folder could not be opened or read.
    case unreadable(file: String, reason: String)
    /// The source held no passage at all.
    case noPassages(file: String)
    /// A JSON Lines line that does not parse as a JSON object.
    case notJSON(file: String, line: Int, detail: String)
    /// A JSON Lines object without a string `text` or `passage`.
    case missingText(file: String, line: Int)
    /// A `label` (JSON Lines or TSV third column) that is not a whole number.
    case badLabel(file: String, line: Int, value: String)
    /// A TSV line whose text column is empty.
    case emptyText(file: String, line: Int)
    /// A TSV line with more columns than `id<TAB>text<TAB>label`.
    case tooManyColumns(file: String, line: Int, count: Int)
    /// A judged-set folder asked for a query id it does not contain.
    case unknownQuery(folder: String, query: String)
    /// The judged-set reader has not been connected (see `JudgedSetFolder.reader`).
    case judgedSetUnreadable(folder: String, reason: String)
    /// A judged set's file (folder, run, qrels) is missing or malformed.
    case judgedSetFile(JudgedSetError)
    /// A BEIR folder opened without the first-stage run whose candidates are to be reranked.
    case beirFolderWithoutRun(folder: String)
    /// A file shares nothing with the others of a set (no query of the run, no document…).
    case noOverlap(file: String, detail: String)
    /// No sample with this name in the samples folder.
    case unknownSample(name: String, available: [String])
    /// The `Samples/` (or `Themes/`) folder was not found anywhere it is looked for.
    case resourcesNotFound(message: String)
    /// The task reading the file was cancelled (the explorer's Esc or another `:open`).
    case cancelled(file: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read (\(reason)); check the path and its permissions"
        case .noPassages(let file):
            return "\(file): no passages found; give plain text (paragraphs separated by blank lines), "
                + "JSON Lines with a \"text\" key, or TSV"
        case .notJSON(let file, let line, let detail):
            return "\(file):\(line): not JSON (\(detail)); each line must be one JSON object such as {\"text\": \"…\"}"
        case .missingText(let file, let line):
            return "\(file):\(line): no \"text\" or \"passage\" key; add the passage text under \"text\""
        case .badLabel(let file, let line, let value):
            return "\(file):\(line): label \(value) is not a whole number; use a relevance grade such as 0, 1, 2 or 3"
        case .emptyText(let file, let line):
            return "\(file):\(line): the text column is empty; add the passage text or remove the line"
        case .tooManyColumns(let file, let line, let count):
            return "\(file):\(line): \(count) tab-separated columns; expected text, id<TAB>text, or id<TAB>text<TAB>label"
        case .unknownQuery(let folder, let query):
            return "\(folder): no query with id \(query) in queries.tsv; pick one of the ids listed there"
        case .judgedSetUnreadable(let folder, let reason):
            return "\(folder): cannot open as a judged set (\(reason))"
        case .judgedSetFile(let error):
            return error.description
        case .beirFolderWithoutRun(let folder):
            return "\(folder): a BEIR folder has no candidates of its own; give a first-stage run to rerank: "
                + "rerank explore \(folder) --run FILE"
        case .noOverlap(let file, let detail):
            return "\(file): \(detail)"
        case .unknownSample(let name, let available):
            return "no sample named \"\(name)\"; available: \(available.joined(separator: ", "))"
        case .resourcesNotFound(let message):
            return message
        case .cancelled(let file):
            return "\(file): reading stopped before the end; open it again to read it whole"
        }
    }
}
