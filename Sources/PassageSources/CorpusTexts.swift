import Foundation

/// The texts a run needs from a corpus, read in one streaming pass that keeps only the wanted
/// documents, so a corpus of millions of lines costs the memory of the few thousand it uses.
public struct CorpusTexts: Sendable {
    /// Text of every wanted docid found (the first line wins when a docid repeats).
    public var texts: [String: String]
    /// Non-blank lines read.
    public var lineCount: Int
    /// Malformed lines skipped (each of the first few is also in `warnings`, with the count).
    public var skipped: SkippedLines
    /// For people: skipped lines (the first few, then the count) and invalid UTF-8 replaced.
    public var warnings: [String]

    /// Reads `url` (TSV or JSON Lines, see `RecordLines`), keeping the documents in `wanted`;
    /// `progress` hears how far the read has come (see `LineReader.progress`).
    public init(url: URL, name: String? = nil, keeping wanted: Set<String>,
                progress: JudgedSetSource.Progress? = nil) throws(PassageSourceError) {
        var lines = try RecordLines(url: url, name: name ?? url.relativePath, joinsTitle: true)
        lines.progress = progress
        var texts: [String: String] = [:]
        while let record = try lines.next(wanted: wanted) {
            if texts[record.id] == nil { texts[record.id] = record.text }
        }
        self.texts = texts
        lineCount = lines.lineCount
        skipped = lines.skipped
        warnings = lines.warnings + lines.skipped.messages
    }
}
