import Foundation
import TextFiles

/// A sample set as listed in the catalog.
public struct SampleSummary: Sendable, Hashable {
    /// The file name without `.jsonl`, used with `--sample NAME`.
    public var name: String
    public var title: String
    public var description: String
    /// The query typed when the sample opens (empty if the sample has none).
    public var query: String
    public var passageCount: Int
    /// True when at least one passage carries a relevance label.
    public var hasLabels: Bool
}

/// The sample sets shipped in `Samples/`: one `NAME.jsonl` per sample (a metadata line, then one
/// passage per line); the file `Samples/DEFAULT` holds the name of the sample that opens first.
public struct SampleCatalog: Sendable {
    /// The `Samples/` folder read by this catalog.
    public let directory: URL

    /// A catalog of the given folder.
    public init(directory: URL) {
        self.directory = directory
    }

    /// The catalog of the `Samples/` folder that `locator` finds.
    public init(locator: ResourceLocator = .current) throws(PassageSourceError) {
        self.init(directory: try locator.requireSamplesDirectory())
    }

    /// Sample names (file names without `.jsonl`), sorted.
    public func names() throws(PassageSourceError) -> [String] {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .unreadable(file: directory.path, reason: error.localizedDescription)
        }
        return files.filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(".jsonl".count)) }.sorted()
    }

    /// Every sample, loaded and summarised, sorted by name.
    public func list() throws(PassageSourceError) -> [SampleSummary] {
        var summaries: [SampleSummary] = []
        for name in try names() {
            var lines = PassageLines(try LineReader.opening(url(of: name), name: "\(name).jsonl"))
            let contents = try JSONLinesReader.read(&lines)
            summaries.append(SampleSummary(
                name: name,
                title: contents.metadata?.title ?? name,
                description: contents.metadata?.description ?? "",
                query: contents.metadata?.query ?? "",
                passageCount: contents.passages.count,
                hasLabels: contents.passages.contains { $0.label != nil }
            ))
        }
        return summaries
    }

    /// Loads sample `name` (without `.jsonl`).
    public func load(name: String) throws(PassageSourceError) -> PassageCollection {
        let available = try names()
        guard available.contains(name) else { throw .unknownSample(name: name, available: available) }
        return try PassageSources.load(contentsOf: url(of: name), name: "\(name).jsonl")
    }

    /// The sample that opens first: the name in `Samples/DEFAULT` when that sample exists,
    /// else the first sample by name; nil when the folder has no sample.
    public var defaultName: String? {
        let available = (try? names()) ?? []
        let marker = directory.appendingPathComponent("DEFAULT")
        if let named = try? String(contentsOf: marker, encoding: .utf8) {
            let name = String(named.trimmingWhitespace())
            if available.contains(name) { return name }
        }
        return available.first
    }

    private func url(of name: String) -> URL {
        directory.appendingPathComponent("\(name).jsonl")
    }
}
