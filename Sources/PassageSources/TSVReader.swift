/// Reads tab-separated passages. Each non-blank line is split on every tab:
/// one column is the text; two are `id<TAB>text`; three are `id<TAB>text<TAB>label`
/// (an empty label means unlabelled). A first line whose columns are all header names
/// (`id`, `docid`, `pid`, `text`, `passage`, `label`) and that names the text column is skipped.
enum TSVReader {
    private static let headerNames: Set<String> = ["id", "docid", "pid", "text", "passage", "label"]

    static func read(_ lines: inout PassageLines) throws(PassageSourceError) -> [PassageRecord] {
        var passages: [PassageRecord] = []
        var isFirstLine = true
        while case let (lineNumber, line)? = try lines.next() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            // A tab is a character of its own, so splitting the bytes cuts where splitting the characters would, faster.
            let columns = line.utf8.split(separator: 0x09, omittingEmptySubsequences: false).map { Substring($0) }
            let mayBeHeader = isFirstLine
            isFirstLine = false
            if mayBeHeader && isHeader(columns) { continue }
            passages.append(try record(from: columns, file: lines.name, line: lineNumber))
        }
        return passages
    }

    private static func isHeader(_ columns: [Substring]) -> Bool {
        let names = columns.map { $0.trimmingWhitespace().lowercased() }
        return names.allSatisfy(headerNames.contains) && (names.contains("text") || names.contains("passage"))
    }

    private static func record(from columns: [Substring], file: String, line: Int) throws(PassageSourceError) -> PassageRecord {
        let trimmed = columns.map { String($0.trimmingWhitespace()) }
        let record: PassageRecord
        switch trimmed.count {
        case 1:
            record = PassageRecord(text: trimmed[0])
        case 2:
            record = PassageRecord(text: trimmed[1], id: trimmed[0].isEmpty ? nil : trimmed[0])
        case 3:
            record = PassageRecord(
                text: trimmed[1],
                label: try label(trimmed[2], file: file, line: line),
                id: trimmed[0].isEmpty ? nil : trimmed[0]
            )
        default:
            throw .tooManyColumns(file: file, line: line, count: trimmed.count)
        }
        guard !record.text.isEmpty else { throw .emptyText(file: file, line: line) }
        return record
    }

    private static func label(_ column: String, file: String, line: Int) throws(PassageSourceError) -> Int? {
        if column.isEmpty { return nil }
        guard let value = Int(column) else { throw .badLabel(file: file, line: line, value: column) }
        return value
    }
}
