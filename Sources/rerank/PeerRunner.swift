import Foundation

/// One peer engine's result line from `peers.py`.
struct PeerResult: Decodable {
    let engine: String
    let pairs: Int
    let seconds: Double
    let docsPerSecond: Double

    enum CodingKeys: String, CodingKey {
        case engine, pairs, seconds
        case docsPerSecond = "docs_per_sec"
    }
}

/// Runs the peer baselines script (PyTorch, ONNX Runtime) on the same pairs, in the same run.
struct PeerRunner {
    let script: URL
    let python: String

    static func defaultScript(eval: String) -> URL {
        URL(fileURLWithPath: eval).standardizedFileURL
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("bench/peers.py")
    }

    func run(engines: String, model: URL, eval: String, limit: Int, threads: Int, maxLength: Int) throws -> [PeerResult] {
        guard FileManager.default.fileExists(atPath: script.path) else { throw PeerError.missingScript(script.path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script.path, "--model", model.path, "--eval", eval, "--engines", engines,
                             "--limit", String(limit), "--threads", String(threads), "--max-length", String(maxLength)]
        let output = Pipe()
        process.standardOutput = output
        StandardError.print("running peers: \(engines) (\(python) \(script.lastPathComponent))")
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PeerError.failed(python: python, status: process.terminationStatus) }
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            line.hasPrefix("{") ? try JSONDecoder().decode(PeerResult.self, from: Data(line.utf8)) : nil
        }
    }
}

/// Why the peer baselines could not be run.
enum PeerError: Error, CustomStringConvertible {
    case missingScript(String)
    case failed(python: String, status: Int32)

    var description: String {
        switch self {
        case .missingScript(let path):
            return "\(path): no peer script there; pass --peers-script PATH"
        case .failed(let python, let status):
            return "the peer script failed (exit \(status)); \(python) needs torch, transformers, sentence-transformers and onnxruntime (pass --python or set RERANK_PEERS_PYTHON)"
        }
    }
}
