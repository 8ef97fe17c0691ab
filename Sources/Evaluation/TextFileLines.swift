import Foundation

/// One non-blank line of a text file and its 1-based line number.
struct NumberedLine {
    let number: Int
    let text: String
}

/// Reads a text file as numbered lines, decoding UTF-8 leniently: invalid bytes become U+FFFD
/// (as Python's `errors="replace"`) and a warning names the file and lines where that happened.
/// `\n` ends a line; a trailing `\r` and a leading byte-order mark are dropped; blank lines are skipped.
enum TextFileLines {
    /// How many offending line numbers one warning lists before summarising the rest.
    private static let listedLines = 10

    static func read(_ url: URL, warnings: inout [String]) throws(JudgedSetError) -> [NumberedLine] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw JudgedSetError(file: url.path, problem: exists ? .unreadable(error.localizedDescription) : .missingFile)
        }
        var invalidLines: [Int] = []
        let lines = data.withUnsafeBytes { raw in split(raw, invalidLines: &invalidLines) }
        if !invalidLines.isEmpty {
            warnings.append(invalidUTF8Warning(file: url.path, lines: invalidLines))
        }
        return lines
    }

    private static func split(_ bytes: UnsafeRawBufferPointer, invalidLines: inout [Int]) -> [NumberedLine] {
        var lines: [NumberedLine] = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var number = 0
        while start < bytes.count {
            number += 1
            let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            var end = newline
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let content = bytes[start..<end]
            start = newline + 1
            if content.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
            if let text = String(validating: content, as: UTF8.self) {
                lines.append(NumberedLine(number: number, text: text))
            } else {
                invalidLines.append(number)
                lines.append(NumberedLine(number: number, text: String(decoding: content, as: UTF8.self)))
            }
        }
        return lines
    }

    private static func invalidUTF8Warning(file: String, lines: [Int]) -> String {
        let listed = lines.prefix(listedLines).map(String.init).joined(separator: ", ")
        let more = lines.count > listedLines ? " and \(lines.count - listedLines) more" : ""
        let noun = lines.count == 1 ? "line" : "lines"
        return "\(file): invalid UTF-8 on \(noun) \(listed)\(more); the bad bytes were replaced with U+FFFD"
    }
}
