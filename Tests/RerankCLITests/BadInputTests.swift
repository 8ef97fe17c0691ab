import Foundation
import Testing
import TestSupport

/// Bad input gets a clear message naming the file (and line) and a non-zero exit, never a crash.
@Suite("rerank on bad input", .enabled(if: Fixtures.sharedAvailable && RerankBinary.available))
struct BadInputTests {
    let files: TemporaryFiles
    let environment: [String: String]

    init() throws {
        files = try TemporaryFiles()
        environment = RerankBinary.environment(home: files.directory)
    }

    private func score(_ pairs: URL, model: String = "ms-marco-MiniLM-L6-ce-local") throws -> CommandResult {
        try RerankBinary.run(["score", "--model", model, "--pairs", pairs.path], environment: environment)
    }

    private func expectFailure(_ result: CommandResult, mentioning parts: [String]) {
        #expect(result.status != 0)
        #expect(result.status < 128, "killed by a signal: a crash")
        for part in parts { #expect(result.standardError.contains(part), "stderr lacks \"\(part)\": \(result.standardError)") }
    }

    @Test func missingModelPath() throws {
        let pairs = try files.write("pairs.jsonl", #"{"query": "q", "passage": "p"}"#)
        expectFailure(try score(pairs, model: "/nowhere/model"), mentioning: ["/nowhere/model"])
    }

    @Test func folderWithoutWeights() throws {
        let folder = files.directory.appendingPathComponent("empty-model")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.crossEncoder.appendingPathComponent("config.json"),
                                         to: folder.appendingPathComponent("config.json"))
        let pairs = try files.write("pairs.jsonl", #"{"query": "q", "passage": "p"}"#)
        expectFailure(try score(pairs, model: folder.path), mentioning: ["model.safetensors"])
    }

    @Test func truncatedWeights() throws {
        let folder = files.directory.appendingPathComponent("truncated-model")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["config.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json"] {
            try FileManager.default.copyItem(at: Fixtures.crossEncoder.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let weights = try FileHandle(forReadingFrom: Fixtures.crossEncoder.appendingPathComponent("model.safetensors"))
        try weights.readData(ofLength: 100_000).write(to: folder.appendingPathComponent("model.safetensors"))
        let pairs = try files.write("pairs.jsonl", #"{"query": "q", "passage": "p"}"#)
        expectFailure(try score(pairs, model: folder.path), mentioning: ["model.safetensors"])
    }

    /// A `.bin` checkpoint whose pickle calls `os.system` is refused, naming the file and the global, and
    /// nothing in it runs (the command it carries would create a file).
    @Test func hostilePickleInABinCheckpoint() throws {
        let fixture = Fixtures.architectureFixture("tiny-bert-legacy-bin")
        let folder = files.directory.appendingPathComponent("hostile-model")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["config.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json"] {
            try FileManager.default.copyItem(at: fixture.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let marker = files.directory.appendingPathComponent("pwned")
        let command = Array("touch \(marker.path)".utf8)
        // A legacy stream: the magic number, protocol 1001 and empty system information, each its own pickle; then,
        // where the state dict belongs: PROTO 2, GLOBAL os.system, BINUNICODE command, TUPLE1, REDUCE, STOP.
        let magic: [UInt8] = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e]
        let header = magic + [0x80, 0x02, 0x4d, 0xe9, 0x03, 0x2e] + [0x80, 0x02, 0x7d, 0x2e]
        var pickle: [UInt8] = header + [0x80, 0x02, UInt8(ascii: "c")] + Array("os\nsystem\n".utf8) + [UInt8(ascii: "X")]
        pickle += withUnsafeBytes(of: UInt32(command.count).littleEndian, Array.init) + command + [0x85, UInt8(ascii: "R"), UInt8(ascii: ".")]
        try Data(pickle).write(to: folder.appendingPathComponent("pytorch_model.bin"))
        let pairs = try files.write("pairs.jsonl", #"{"query": "q", "passage": "p"}"#)
        let result = try score(pairs, model: folder.path)
        expectFailure(result, mentioning: ["pytorch_model.bin", "os.system", "nothing in it was run"])
        #expect(result.standardError.split(separator: "\n").count == 1, "one line: \(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: marker.path))
    }

    @Test func truncatedBinCheckpoint() throws {
        let fixture = Fixtures.architectureFixture("tiny-bert-2label-bin")
        let folder = files.directory.appendingPathComponent("truncated-bin")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["config.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json"] {
            try FileManager.default.copyItem(at: fixture.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let weights = try Data(contentsOf: fixture.appendingPathComponent("pytorch_model.bin"))
        try weights.prefix(weights.count / 2).write(to: folder.appendingPathComponent("pytorch_model.bin"))
        let pairs = try files.write("pairs.jsonl", #"{"query": "q", "passage": "p"}"#)
        expectFailure(try score(pairs, model: folder.path), mentioning: ["pytorch_model.bin"])
    }

    @Test func lineThatIsNotJSON() throws {
        let pairs = try files.write("pairs.jsonl", "{\"query\": \"q\", \"passage\": \"p\"}\n{not json\n")
        expectFailure(try score(pairs), mentioning: ["pairs.jsonl:2", "JSON"])
    }

    @Test func lineWithoutItsKeys() throws {
        let pairs = try files.write("pairs.jsonl", "{\"query\": \"q\", \"passage\": \"p\"}\n\n{\"query\": \"q\"}\n")
        expectFailure(try score(pairs), mentioning: ["pairs.jsonl:3", "\"passage\""])
    }

    @Test func emptyInputFile() throws {
        let pairs = try files.write("pairs.jsonl", "")
        expectFailure(try score(pairs), mentioning: ["pairs.jsonl", "empty"])
    }

    @Test("invalid UTF-8 is replaced as Python's errors=\"replace\" does, and said so on stderr")
    func invalidUTF8() throws {
        let bytes = Array(#"{"query": "caf"#.utf8) + [0xE9] + Array(#"", "passage": "ok"}"#.utf8)
        let pairs = try files.write("latin1.jsonl", bytes: bytes)
        let result = try RerankBinary.run(["tokenize", "--model", "ms-marco-MiniLM-L6-ce-local", "--pairs", pairs.path],
                                          environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("latin1.jsonl:1"))
        #expect(result.standardOutput.contains("caf\u{FFFD}"))
    }

    @Test func unsupportedArchitecture() throws {
        let folder = files.directory.appendingPathComponent("deberta")
        try FileManager.default.copyItem(at: Fixtures.crossEncoder, to: folder)
        let config = folder.appendingPathComponent("config.json")
        let text = try String(contentsOf: config, encoding: .utf8)
            .replacingOccurrences(of: "BertForSequenceClassification", with: "DebertaV2ForSequenceClassification")
        try text.write(to: config, atomically: true, encoding: .utf8)
        let pairs = try files.write("pairs.jsonl", #"{"query": "q", "passage": "p"}"#)
        expectFailure(try score(pairs, model: folder.path), mentioning: ["unsupported architecture DebertaV2ForSequenceClassification"])
    }
}
