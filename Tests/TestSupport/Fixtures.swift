import Foundation

/// Where the tests find the repository and the read-only material in `../shared` beside it.
public enum Fixtures {
    /// The package root (the folder holding `Package.swift`).
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `../shared` beside the repository, or `$RERANK_SHARED` when set.
    public static let shared: URL = {
        if let custom = ProcessInfo.processInfo.environment["RERANK_SHARED"], !custom.isEmpty {
            return URL(fileURLWithPath: custom)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// True when `../shared` is present; parity tests are enabled only then.
    public static var sharedAvailable: Bool {
        FileManager.default.fileExists(atPath: shared.appendingPathComponent("golden").path)
    }

    public static var golden: URL { shared.appendingPathComponent("golden") }
    public static var models: URL { shared.appendingPathComponent("models") }
    public static var crossEncoder: URL { models.appendingPathComponent("ms-marco-MiniLM-L6-ce-local") }
    /// The second, better locally trained cross-encoder (F16 weights); the explorer's default.
    public static var crossEncoderV2: URL { models.appendingPathComponent("ms-marco-MiniLM-L6-ce-local-v2") }
    public static var biEncoder: URL { models.appendingPathComponent("all-MiniLM-L6-v2") }
    /// The tiny random-weight model of a seed architecture, `../shared/fixtures/models/NAME`.
    public static func architectureFixture(_ name: String) -> URL {
        shared.appendingPathComponent("fixtures/models").appendingPathComponent(name)
    }
    public static var dl19: URL { shared.appendingPathComponent("eval/trec-dl-2019-passage-bm25-top100") }

    /// Reads a JSON Lines file into dictionaries, one per non-empty line.
    public static func jsonLines(_ url: URL) throws -> [[String: Any]] {
        try jsonLines(in: try String(contentsOf: url, encoding: .utf8), source: url.lastPathComponent)
    }

    /// JSON Lines text (a command's output, say) as dictionaries, one per non-empty line.
    public static func jsonLines(in text: String, source: String = "output") throws -> [[String: Any]] {
        try text.split(separator: "\n", omittingEmptySubsequences: true).map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw FixtureError.notAnObject(source)
            }
            return object
        }
    }

    /// A fresh temporary directory, removed by the caller when done.
    public static func temporaryDirectory(_ label: String = "rerank-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Problems with the test fixtures themselves.
public enum FixtureError: Error, CustomStringConvertible {
    case notAnObject(String)
    case missingExecutable(String)
    public var description: String {
        switch self {
        case .notAnObject(let file): return "\(file): a line is not a JSON object"
        case .missingExecutable(let name): return "\(name) is not built; run swift build first"
        }
    }
}
