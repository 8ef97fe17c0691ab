/// Malformed lines a lenient reader skipped: the first few with file, line and reason, and how
/// many in all, so a large input with a few bad lines is still read.
public struct SkippedLines: Sendable, Hashable {
    /// Lines named one by one; the rest are only counted.
    public static let exampleLimit = 10

    /// How messages name the file.
    public let file: String
    public private(set) var count = 0
    /// `file:line: reason; skipped` for the first `exampleLimit` lines.
    public private(set) var examples: [String] = []

    public init(file: String) {
        self.file = file
    }

    mutating func skip(line: Int, reason: String) {
        count += 1
        if examples.count < Self.exampleLimit { examples.append("\(file):\(line): \(reason); skipped") }
    }

    /// The examples, then the count (nothing when no line was skipped).
    public var messages: [String] {
        guard count > 0 else { return [] }
        return examples + ["\(file): \(count) malformed line\(count == 1 ? "" : "s") skipped"]
    }
}
