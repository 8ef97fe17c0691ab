import Foundation

/// A fresh temporary folder that a file-shaped target writes its input into, removed when the run ends.
///
/// Each run gets its own (the tests run targets side by side), so nothing is shared and nothing piles up.
struct ScratchFolder: Sendable {
    let url: URL

    /// Runs `body` with a new empty folder under the temporary directory, then removes the folder.
    static func using<Result>(_ body: (ScratchFolder) throws -> Result) throws -> Result {
        let scratch = ScratchFolder(url: FileManager.default.temporaryDirectory
            .appendingPathComponent("rerank-fuzz-\(UUID().uuidString)"))
        try FileManager.default.createDirectory(at: scratch.url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch.url) }
        return try body(scratch)
    }

    /// Writes each file (path relative to the folder → bytes), making subfolders as needed; answers the folder.
    func fill(_ files: [(String, [UInt8])]) throws -> URL {
        for (path, bytes) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: file)
        }
        return url
    }

    /// Writes `bytes` as the file `name` and answers its path.
    func file(_ name: String, _ bytes: [UInt8]) throws -> URL {
        try fill([(name, bytes)]).appendingPathComponent(name)
    }

    /// The input cut at NUL bytes into the files `names`, in order; inputs with fewer parts leave the last files
    /// out, so missing files are fuzzed too. Parts past the last name join the last file.
    func split(_ bytes: [UInt8], into names: [String]) throws -> URL {
        let parts = bytes.split(separator: 0, maxSplits: max(names.count - 1, 0), omittingEmptySubsequences: false)
        return try fill(zip(names, parts).map { ($0, Array($1)) })
    }
}
