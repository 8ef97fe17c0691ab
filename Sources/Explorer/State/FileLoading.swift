/// A passage file the runtime is reading for `o` or `:open`, and how far it has come: the bottom
/// line shows it until the passages arrive (`.passagesLoaded`), the read fails (`.loadFailed`) or
/// Esc stops it.
public struct FileLoading: Sendable, Hashable {
    /// The path as typed.
    public var path: String
    public var bytesRead: Int
    /// The file's size; nil until the runtime's first report.
    public var totalBytes: Int?

    public init(path: String, bytesRead: Int = 0, totalBytes: Int? = nil) {
        self.path = path
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
    }

    /// Whole percent read, 0–100; nil while the size is unknown.
    public var percent: Int? {
        guard let totalBytes else { return nil }
        return totalBytes > 0 ? min(100, max(0, bytesRead * 100 / totalBytes)) : 100
    }

    /// `reading big.tsv · 37 % · 74 MB of 200 MB · Esc stops`, or `reading big.tsv… · Esc stops` before the first report.
    public var summary: String {
        guard let totalBytes, let percent else { return "reading \(path)… · Esc stops" }
        return "reading \(path) · \(percent) % · \(ModelDownload.size(Int64(bytesRead))) of \(ModelDownload.size(Int64(totalBytes)))"
            + " · Esc stops"
    }
}
