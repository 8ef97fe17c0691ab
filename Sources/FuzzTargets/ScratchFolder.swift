import Foundation

/// A temporary folder, one per process and target, that the file-shaped targets write their input into.
///
/// Each run empties it first, so every input is read from the same paths and nothing piles up.
struct ScratchFolder: Sendable {
    let url: URL

    init(_ label: String) {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("rerank-fuzz-\(ProcessInfo.processInfo.processIdentifier)-\(label)")
    }

    /// Empties the folder and writes each file (path relative to the folder → bytes), making subfolders as needed.
    func fill(_ files: [(String, [UInt8])]) throws -> URL {
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (path, bytes) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: file)
        }
        return url
    }

    /// Writes `bytes` as the folder's only file, `name`, and answers its path.
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
