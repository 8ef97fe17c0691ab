/// The file formats `:export` writes, chosen by the file's extension.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    case markdown, json

    /// `md`/`markdown` or `json` (any case); `nil` for anything else.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "md", "markdown": self = .markdown
        case "json": self = .json
        default: return nil
        }
    }
}
