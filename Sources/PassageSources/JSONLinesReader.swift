import Foundation

/// Reads JSON Lines passages: one object per line with `text` (or `passage`), an optional whole-number
/// `label` and an optional `id` (or `docid`). Blank lines are skipped. The first non-blank line may
/// instead be sample metadata (an object with a `sample` key and no text), see `SampleMetadata`.
enum JSONLinesReader {
    /// What one JSON Lines file holds.
    struct Contents {
        var metadata: SampleMetadata?
        var passages: [PassageRecord]
    }

    /// Reads a source known to be JSON Lines: the first malformed line is the error.
    static func read(_ lines: inout PassageLines) throws(PassageSourceError) -> Contents {
        let decoder = JSONDecoder()
        var contents = Contents(metadata: nil, passages: [])
        var isFirstObject = true
        while case let (lineNumber, line)? = try lines.next() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            let fields = try parseObject(line, decoder: decoder, file: lines.name, line: lineNumber)
            try add(fields, isFirstObject: &isFirstObject, to: &contents, file: lines.name, line: lineNumber)
        }
        return contents
    }

    /// Reads a source of unknown format as JSON Lines if it is: nil when some non-blank line is not
    /// a JSON object, or no line is (then it is plain text). Only when every line is an object is an
    /// object without text or with a bad label the error, the first one found.
    static func readIfJSONLines(_ lines: inout PassageLines) throws(PassageSourceError) -> Contents? {
        let decoder = JSONDecoder()
        var contents = Contents(metadata: nil, passages: [])
        var isFirstObject = true
        var firstProblem: PassageSourceError?
        while case let (lineNumber, line)? = try lines.next() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            guard let fields = try? parseObject(line, decoder: decoder, file: lines.name, line: lineNumber) else { return nil }
            guard firstProblem == nil else { continue }
            do {
                try add(fields, isFirstObject: &isFirstObject, to: &contents, file: lines.name, line: lineNumber)
            } catch {
                firstProblem = error
                contents.passages = []
            }
        }
        if let firstProblem { throw firstProblem }
        return isFirstObject ? nil : contents
    }

    /// Takes one object: the sample metadata when it is the first and has no text, else a passage.
    private static func add(_ fields: [String: JSONValue], isFirstObject: inout Bool, to contents: inout Contents,
                            file: String, line lineNumber: Int) throws(PassageSourceError) {
        let mayBeMetadata = isFirstObject
        isFirstObject = false
        if mayBeMetadata, let title = fields["sample"]?.string, text(in: fields) == nil {
            contents.metadata = metadata(title: title, fields: fields)
            return
        }
        guard let text = text(in: fields) else {
            throw .missingText(file: file, line: lineNumber)
        }
        let label = try label(in: fields, file: file, line: lineNumber)
        contents.passages.append(PassageRecord(text: text, label: label, id: id(in: fields)))
    }

    /// The line's object; a line that is not one names what it is instead, or how it starts.
    private static func parseObject(
        _ line: String, decoder: JSONDecoder, file: String, line lineNumber: Int
    ) throws(PassageSourceError) -> [String: JSONValue] {
        let data = Data(line.utf8)
        if let fields = try? decoder.decode([String: JSONValue].self, from: data) { return fields }
        let value: JSONValue
        do {
            value = try decoder.decode(JSONValue.self, from: data)
        } catch {
            throw .notJSON(file: file, line: lineNumber, detail: "the line starts \(excerpt(of: line))")
        }
        throw .notJSON(file: file, line: lineNumber, detail: "found \(value.typeDescription), not an object")
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

    private static func excerpt(of line: String) -> String {
        let trimmed = line.trimmingWhitespace()
        let head = trimmed.prefix(24)
        return "\"\(head)\(head.count < trimmed.count ? "…" : "")\""
    }
}
