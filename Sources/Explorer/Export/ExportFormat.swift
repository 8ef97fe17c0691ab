/// The file formats `:export` writes, chosen by the file's extension.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    /// A table per pane (`.md`), the whole comparison as data (`.json`), or a picture for slides (`.svg`).
    case markdown, json, svg

    /// `md`/`markdown`, `json` or `svg` (any case); `nil` for anything else.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "md", "markdown": self = .markdown
        case "json": self = .json
        case "svg": self = .svg
        default: return nil
        }
    }
}
