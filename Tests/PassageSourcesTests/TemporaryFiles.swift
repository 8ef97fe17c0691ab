import Foundation
import TestSupport

/// Writes test inputs into a fresh temporary folder.
struct TemporaryFiles {
    let directory: URL

    init() throws {
        directory = try Fixtures.temporaryDirectory("passage-sources")
    }

    /// Writes `bytes` to `name` in the folder and returns its URL.
    func write(_ name: String, bytes: [UInt8]) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url
    }

    /// Writes `text` as UTF-8 to `name` in the folder and returns its URL.
    func write(_ name: String, _ text: String) throws -> URL {
        try write(name, bytes: Array(text.utf8))
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
