import Foundation
import TextFiles

/// Reads JSON Lines passages: one object per line with `text` (or `passage`), an optional whole-number
/// `label` and an optional `id` (or `docid`). Blank lines are skipped. The first non-blank line may
/// instead be sample metadata (an object with a `sample` key and no text), see `SampleMetadata`.
enum JSONLinesReader {
    /// What one JSON Lines file holds.
    struct Contents {
        var metadata: SampleMetadata?
        var passages: [PassageRecord]
    }

    static func read(_ file: TextFile) throws(PassageSourceError) -> Contents {
        let decoder = JSONDecoder()
        var contents = Contents(metadata: nil, passages: [])
        var isFirstObject = true
        for (index, line) in file.lines.enumerated() where !line.allSatisfy(\.isWhitespace) {
            let lineNumber = index + 1
            let fields = try parseObject(line, decoder: decoder, file: file.name, line: lineNumber)
            let mayBeMetadata = isFirstObject
            isFirstObject = false
            if mayBeMetadata, let title = fields["sample"]?.string, text(in: fields) == nil {
                contents.metadata = metadata(title: title, fields: fields)
                continue
            }
            guard let text = text(in: fields) else {
                throw .missingText(file: file.name, line: lineNumber)
            }
            let label = try label(in: fields, file: file.name, line: lineNumber)
            contents.passages.append(PassageRecord(text: text, label: label, id: id(in: fields)))
        }
        return contents
    }

    /// True when the file has at least one non-blank line and every non-blank line is a JSON object.
    static func looksLikeJSONLines(_ file: TextFile) -> Bool {
        let decoder = JSONDecoder()
        var sawObject = false
        for line in file.lines where !line.allSatisfy(\.isWhitespace) {
            guard (try? decoder.decode([String: JSONValue].self, from: Data(line.utf8))) != nil else { return false }
            sawObject = true
        }
        return sawObject
    }

    private static func parseObject(
        _ line: Substring, decoder: JSONDecoder, file: String, line lineNumber: Int
    ) throws(PassageSourceError) -> [String: JSONValue] {
        let value: JSONValue
        do {
            value = try decoder.decode(JSONValue.self, from: Data(line.utf8))
        } catch {
            throw .notJSON(file: file, line: lineNumber, detail: "the line starts \(excerpt(of: line))")
        }
        guard case .object(let fields) = value else {
            throw .notJSON(file: file, line: lineNumber, detail: "found \(value.typeDescription), not an object")
        }
        return fields
    }

    private static func text(in fields: [String: JSONValue]) -> String? {
        fields["text"]?.string ?? fields["passage"]?.string
    }

    private static func id(in fields: [String: JSONValue]) -> String? {
        for key in ["id", "docid"] {
            switch fields[key] {
            case .string(let value): return value
            case .integer(let value): return String(value)
            case .number(let value): return String(value)
            default: continue
            }
        }
        return nil
    }

    private static func label(in fields: [String: JSONValue], file: String, line: Int) throws(PassageSourceError) -> Int? {
        switch fields["label"] {
        case nil, .null?:
            return nil
        case .integer(let value)?:
            return value
        case .number(let value)? where value.rounded() == value && abs(value) < 1e15:
            return Int(value)
        case .string(let value)? where Int(value) != nil:
            return Int(value)
        case let other?:
            throw .badLabel(file: file, line: line, value: other.literal)
        }
    }

    private static func metadata(title: String, fields: [String: JSONValue]) -> SampleMetadata {
        var others: [String] = []
        if case .array(let values)? = fields["queries"] {
            others = values.compactMap(\.string)
        }
        return SampleMetadata(
            title: title,
            query: fields["query"]?.string,
            otherQueries: others,
            description: fields["description"]?.string
        )
    }

    private static func excerpt(of line: Substring) -> String {
        let trimmed = line.trimmingWhitespace()
        let head = trimmed.prefix(24)
        return "\"\(head)\(head.count < trimmed.count ? "…" : "")\""
    }
}
