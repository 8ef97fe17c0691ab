import Foundation

/// A fresh temporary folder for one test's input files, removed when the value is released.
public final class TemporaryFiles {
    public let directory: URL

    public init(_ label: String = "rerank-test") throws {
        directory = try Fixtures.temporaryDirectory(label)
    }

    deinit { remove() }

    /// `directory/path`, with its parent folders created.
    public func file(_ path: String) throws -> URL {
        let url = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        return url
    }

    /// Writes `bytes` to `name` in the folder and returns its URL.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> URL {
        let url = try file(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// Writes `text` as UTF-8 to `name` in the folder and returns its URL.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> URL {
        try write(name, bytes: Array(text.utf8))
    }

    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
