import Foundation

/// How much of a pane's model has arrived while it downloads from the Hugging Face Hub.
public struct ModelDownload: Sendable, Hashable {
    /// Bytes in the cache so far, of all the model's files.
    public var completedBytes: Int64
    public var totalBytes: Int64
    /// The file arriving now.
    public var file: String

    public init(completedBytes: Int64, totalBytes: Int64, file: String) {
        self.completedBytes = completedBytes
        self.totalBytes = totalBytes
        self.file = file
    }

    /// Whole percent done, 0–100.
    public var percent: Int {
        totalBytes > 0 ? Int(min(100, max(0, completedBytes * 100 / totalBytes))) : 0
    }

    /// `45% of 1.1 GB`.
    public var summary: String {
        "\(percent)% of \(Self.size(totalBytes))"
    }

    /// A size in the Hub's units (powers of 1000).
    static func size(_ bytes: Int64) -> String {
        let value = Double(bytes)
        switch value {
        case ..<1_000: return "\(bytes) B"
        case ..<1_000_000: return "\(Int(value / 1_000)) kB"
        case ..<1_000_000_000: return "\(Int(value / 1_000_000)) MB"
        default: return String(format: "%.1f GB", value / 1_000_000_000)
        }
    }
}
