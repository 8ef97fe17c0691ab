import Foundation
import TextFiles

/// One object of a JSON Lines input, with the line it came from.
struct JSONLine {
    let number: Int
    var object: [String: Any]

    func string(_ key: String) -> String? { object[key] as? String }
}

/// Reads JSON Lines inputs (`{"query","passage"}` pairs or `{"text"}` texts) and writes result lines.
enum JSONLines {
    /// Every non-blank line as an object holding `requiredKeys` as strings; warnings (invalid
    /// UTF-8 replaced) go to standard error. Errors name the file and the line.
    static func read(_ path: String, requiredKeys: [String]) throws -> [JSONLine] {
        let file = try TextFile(contentsOf: URL(fileURLWithPath: path), name: path)
        file.warnings.forEach(StandardError.print)
        var lines: [JSONLine] = []
        for (index, text) in file.lines.enumerated() where !text.allSatisfy(\.isWhitespace) {
            let number = index + 1
            let parsed: Any
            do {
                parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
            } catch {
                throw InputError.notJSON(file: path, line: number)
            }
            guard let object = parsed as? [String: Any] else { throw InputError.notAnObject(file: path, line: number) }
            for key in requiredKeys where !(object[key] is String) {
                throw InputError.missingKey(file: path, line: number, key: key, required: requiredKeys)
            }
            lines.append(JSONLine(number: number, object: object))
        }
        guard !lines.isEmpty else { throw InputError.empty(file: path) }
        return lines
    }

    /// Writes one object as a line on standard output (keys sorted, slashes unescaped).
    static func write(_ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        StandardStreams.write(data + Data("\n".utf8), to: .standardOutput)
    }

    /// A Float as JSON shows it: its shortest exact decimal, not the Double widening's digits.
    static func number(_ value: Float) -> Double { Double("\(value)") ?? Double(value) }
}

/// Problems in a command's input files.
enum InputError: Error, CustomStringConvertible {
    case notJSON(file: String, line: Int)
    case notAnObject(file: String, line: Int)
    case missingKey(file: String, line: Int, key: String, required: [String])
    case empty(file: String)

    var description: String {
        switch self {
        case .notJSON(let file, let line):
            return "\(file):\(line): not valid JSON; each line must be one JSON object"
        case .notAnObject(let file, let line):
            return "\(file):\(line): not a JSON object; each line must be {…}"
        case .missingKey(let file, let line, let key, let required):
            let keys = required.map { "\"\($0)\"" }.joined(separator: " and ")
            return "\(file):\(line): no string \"\(key)\"; each line needs \(keys)"
        case .empty(let file):
            return "\(file): no input lines; the file is empty"
        }
    }
}

/// Messages for people, on standard error.
enum StandardError {
    static func print(_ message: String) {
        StandardStreams.write(Data((message + "\n").utf8), to: .standardError)
    }
}

/// Writing to the standard streams without Foundation's trapping `write(_:)`: when the reader of standard output has
/// gone away (`rerank score … --json | head`), the command ends quietly; a closed standard error loses the message.
enum StandardStreams {
    static func write(_ data: Data, to handle: FileHandle) {
        do {
            try handle.write(contentsOf: data)
        } catch {
            if handle === FileHandle.standardOutput { exit(0) }
        }
    }
}
