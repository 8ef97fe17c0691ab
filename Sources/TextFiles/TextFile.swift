import Foundation

/// A text file read leniently: bytes decoded as UTF-8 with every invalid sequence replaced by U+FFFD,
/// and a warning naming each line that had invalid bytes.
///
/// The replacement follows the Unicode "maximal subpart" practice, the same policy as Python's
/// `bytes.decode("utf-8", errors="replace")`: a truncated multi-byte sequence becomes one U+FFFD,
/// while each byte of an overlong form, an encoded surrogate or a code point above U+10FFFF becomes
/// its own U+FFFD. A leading byte-order mark (EF BB BF) is dropped.
public struct TextFile: Sendable, Hashable {
    /// How messages name this file: the path as given, or a label such as `stdin`.
    public let name: String
    /// The decoded text, line endings as in the file.
    public let text: String
    /// One message per line that had invalid UTF-8, e.g. `notes.txt:12: invalid UTF-8 replaced with U+FFFD`.
    public let warnings: [String]

    /// Reads and decodes the file at `url`; `name` defaults to the path as given.
    public init(contentsOf url: URL, name: String? = nil) throws(TextFileError) {
        let displayName = name ?? url.relativePath
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TextFileError(file: displayName, reason: Self.reason(for: error, at: url))
        }
        self.init(bytes: data, name: displayName)
    }

    /// Decodes bytes already in memory (standard input, a pasted buffer).
    public init(bytes: some Collection<UInt8>, name: String) {
        let body = Self.droppingByteOrderMark(bytes)
        self.name = name
        if let valid = String(validating: body, as: UTF8.self) {
            self.text = valid
            self.warnings = []
            return
        }
        var lines: [String] = []
        var warnings: [String] = []
        for (index, line) in body.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if let valid = String(validating: line, as: UTF8.self) {
                lines.append(valid)
            } else {
                lines.append(String(decoding: line, as: UTF8.self))
                warnings.append("\(name):\(index + 1): invalid UTF-8 replaced with U+FFFD")
            }
        }
        self.text = lines.joined(separator: "\n")
        self.warnings = warnings
    }

    /// The lines of the text, split on `\n` with a trailing `\r` removed, numbered from 1 by position.
    public var lines: [Substring] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { scalars in
            let line = Substring(scalars)
            return line.unicodeScalars.last == "\r" ? Substring(line.unicodeScalars.dropLast()) : line
        }
    }

    /// The lines that hold more than spaces and tabs, with their 1-based line numbers.
    public var contentLines: [(number: Int, text: Substring)] {
        lines.enumerated().compactMap { index, line in
            line.allSatisfy { $0 == " " || $0 == "\t" } ? nil : (index + 1, line)
        }
    }

    private static func droppingByteOrderMark<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bytes.SubSequence {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
    }

    private static func reason(for error: any Error, at url: URL) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            return "no such file"
        }
        if isDirectory.boolValue {
            return "it is a folder"
        }
        return (error as NSError).localizedDescription
    }
}

/// A file that could not be read at all (missing, a folder, no permission).
public struct TextFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// How messages name the file.
    public let file: String
    /// Why, in a few words (`no such file`, `it is a folder`, …).
    public let reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): cannot read (\(reason))" }
}
