/// Splits plain text into passages: one per paragraph, paragraphs separated by blank lines.
/// Lines that hold only whitespace separate paragraphs; inside a paragraph each line is trimmed and
/// the lines are joined with one space; empty paragraphs are dropped.
enum PlainTextReader {
    /// The paragraphs of text already in memory (a paste).
    static func paragraphs(in text: String) -> [String] {
        var builder = ParagraphBuilder()
        var paragraphs: [String] = []
        for scalars in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            if let paragraph = builder.add(Substring(scalars)) { paragraphs.append(paragraph) }
        }
        if let last = builder.finish() { paragraphs.append(last) }
        return paragraphs
    }

    /// The paragraphs of a source read line by line.
    static func read(_ lines: inout PassageLines) throws(PassageSourceError) -> [PassageRecord] {
        var builder = ParagraphBuilder()
        var passages: [PassageRecord] = []
        while let line = try lines.next() {
            if let paragraph = builder.add(line.text) { passages.append(PassageRecord(text: paragraph)) }
        }
        if let last = builder.finish() { passages.append(PassageRecord(text: last)) }
        return passages
    }
}

/// Joins lines into paragraphs as they come.
private struct ParagraphBuilder {
    private var current = ""

    /// Takes the next line; returns the paragraph a blank line ends, if any.
    mutating func add(_ line: some StringProtocol) -> String? {
        let trimmed = line.trimmingWhitespace()
        guard !trimmed.isEmpty else { return finish() }
        if !current.isEmpty { current.append(" ") }
        current.append(contentsOf: trimmed)
        return nil
    }

    /// The paragraph under way at the end of the text, if any.
    mutating func finish() -> String? {
        defer { current = "" }
        return current.isEmpty ? nil : current
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
