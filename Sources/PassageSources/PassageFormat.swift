/// The shapes of passage file this module reads, and how one is recognised.
public enum PassageFormat: String, Sendable, Hashable, CaseIterable {
    /// One passage per blank-line-separated paragraph.
    case plainText
    /// One JSON object per line with `text` or `passage`, optional `label` and `id`/`docid`.
    case jsonLines
    /// `text`, `id<TAB>text` or `id<TAB>text<TAB>label` per line.
    case tsv

    /// The format named by a file extension, or nil when the extension says nothing (then the
    /// content decides: JSON Lines when every non-blank line is a JSON object, else plain text).
    public static func forExtension(_ pathExtension: String) -> PassageFormat? {
        switch pathExtension.lowercased() {
        case "jsonl", "ndjson": return .jsonLines
        case "tsv": return .tsv
        case "txt", "md", "markdown", "text": return .plainText
        default: return nil
        }
    }
}
