/// Splits plain text into passages: one per paragraph, paragraphs separated by blank lines.
enum PlainTextReader {
    /// Paragraphs of `text`: lines that hold only whitespace separate paragraphs; inside a paragraph
    /// each line is trimmed and the lines are joined with one space; empty paragraphs are dropped.
    static func paragraphs(in text: String) -> [String] {
        var paragraphs: [String] = []
        var current = ""
        for scalars in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = Substring(scalars).trimmingWhitespace()
            if line.isEmpty {
                if !current.isEmpty { paragraphs.append(current) }
                current = ""
            } else {
                if !current.isEmpty { current.append(" ") }
                current.append(contentsOf: line)
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace (spaces, tabs, `\r`, other Unicode spaces).
    func trimmingWhitespace() -> SubSequence {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
        return self[first...last]
    }
}
