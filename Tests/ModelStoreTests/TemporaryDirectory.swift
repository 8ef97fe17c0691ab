import Foundation
import TestSupport

/// A fresh temporary directory, removed when the test that made it ends (suites hold one per test instance).
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = try Fixtures.temporaryDirectory("model-store-test")
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// `url/path`, with its parent folders created.
    func file(_ path: String) throws -> URL {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        return file
    }
}
