import Foundation
import TestSupport

/// A throwaway judged set folder written from strings, for loader tests.
struct JudgedSetFolder {
    let url: URL

    static let validFiles: [String: String] = [
        "queries.tsv": "q2\tsecond query\nq1\tfirst query\n",
        "passages.tsv": "d1\tpassage one\nd2\tpassage two\nd3\tpassage three\n",
        "candidates.tsv": "q1\td2\t2\nq1\td1\t1\nq2\td3\t1\nq2\td1\t2\n",
        "qrels.tsv": "q1\td1\t3\nq1\td9\t2\nq2\td3\t0\n",
    ]

    /// Writes `validFiles` with `overrides` applied (raw bytes win over strings).
    init(_ overrides: [String: String] = [:], bytes: [String: [UInt8]] = [:]) throws {
        url = try Fixtures.temporaryDirectory("judged-set")
        for (name, text) in Self.validFiles.merging(overrides, uniquingKeysWith: { $1 }) {
            try Data(text.utf8).write(to: file(name))
        }
        for (name, content) in bytes {
            try Data(content).write(to: file(name))
        }
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
