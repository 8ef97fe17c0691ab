import Explorer
import Foundation
import Testing
import TestSupport
@testable import FuzzTargets

/// Each target reaches the parser it names: a well-formed input is read, a damaged one refused.
@Suite struct FuzzTargetTests {
    static let shared = Fixtures.shared
    static let names = ["wordpiece", "unigram", "tokenizer-json", "vocab-txt", "config-json", "safetensors", "torch-bin",
                        "pickle", "passages-text", "passages-jsonl", "passages-tsv", "judged-set", "run-set", "beir",
                        "theme", "session", "demo-script", "terminal-input", "rerank-request"]

    static func target(_ name: String) throws -> FuzzTarget {
        try #require(FuzzTargets.named(name, shared: shared), "no target \(name)")
    }

    static func file(_ path: String, in root: URL = Fixtures.repositoryRoot) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(path)))
    }

    @Test func everyParserHasOneTarget() {
        #expect(FuzzTargets.all(shared: Self.shared).map(\.name) == Self.names)
    }

    @Test(arguments: [
        ("theme", "Themes/dark.toml"), ("demo-script", "Samples/talk.demo"), ("passages-jsonl", "Samples/dogs.jsonl"),
        ("passages-text", "Samples/README.md"),
    ])
    func repositoryFilesAreRead(_ name: String, _ path: String) throws {
        try Self.target(name).run(Self.file(path))
    }

    @Test(.enabled(if: Fixtures.sharedAvailable), arguments: [
        ("config-json", "tiny-electra/config.json"), ("safetensors", "tiny-distilbert/model.safetensors"),
        ("torch-bin", "tiny-bert-2label-bin/pytorch_model.bin"), ("torch-bin", "tiny-bert-legacy-bin/pytorch_model.bin"),
        ("tokenizer-json", "tiny-xlmr/tokenizer.json"), ("tokenizer-json", "tiny-bert-cased/tokenizer.json"),
        ("vocab-txt", "tiny-bert-2label-bin/vocab.txt"),
    ])
    func fixtureModelFilesAreRead(_ name: String, _ path: String) throws {
        try Self.target(name).run(Self.file(path, in: Self.shared.appendingPathComponent("fixtures/models")))
    }

    @Test(.enabled(if: Fixtures.sharedAvailable), arguments: ["wordpiece", "unigram"])
    func tokenizersEncodeAnyText(_ name: String) throws {
        let target = try Self.target(name)
        for text in ["what is a flea\0Fleas live for weeks.", "", "\0", "\u{FFFD}\u{1F44D}🏽 中文 café"] {
            try target.run(Array(text.utf8))
        }
    }

    @Test func requestBodiesOfBothShapesAreRead() throws {
        let target = try Self.target("rerank-request")
        let tei = #"{"query": "q", "texts": ["a"], "truncate": true}"#
        let cohere = #"{"query": "q", "documents": ["a", {"text": "b"}], "top_n": 1}"#
        try target.run(Array(tei.utf8))
        try target.run(Array(cohere.utf8))
        #expect(throws: (any Error).self) { try target.run(Array("{".utf8)) }
        #expect(throws: (any Error).self) { try target.run(Array(#"{"query": "q", "documents": [5]}"#.utf8)) }
    }

    @Test func damagedModelFilesAreRefused() throws {
        for name in ["config-json", "safetensors", "torch-bin", "pickle", "tokenizer-json"] {
            #expect(throws: (any Error).self, "\(name)") { try Self.target(name).run(Array("{\"x\": [1,".utf8)) }
        }
    }

    @Test func folderInputsSplitAtNULIntoTheirFiles() throws {
        let used = try ScratchFolder.using { scratch in
            let folder = try scratch.split(Array("one\0two\0three\0four".utf8), into: ["a.txt", "sub/b.txt", "c.txt"])
            #expect(try String(contentsOf: folder.appendingPathComponent("a.txt"), encoding: .utf8) == "one")
            #expect(try String(contentsOf: folder.appendingPathComponent("sub/b.txt"), encoding: .utf8) == "two")
            #expect(try String(contentsOf: folder.appendingPathComponent("c.txt"), encoding: .utf8) == "three\0four")
            return folder
        }
        #expect(!FileManager.default.fileExists(atPath: used.path))
        try ScratchFolder.using { scratch in
            let folder = try scratch.split(Array("only".utf8), into: ["a.txt", "c.txt"])
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("c.txt").path))
        }
    }

    @Test func terminalBytesBecomeRawInputs() {
        let bytes: [UInt8] = [0x61, 0xF8, 0x03, 0xF9, 4, 5, 0x02, 0, 0, 0, 0xFA, 80, 24, 0xFB, 0xFC, 0x00, 0xD8, 0, 0, 0xF9, 1]
        let items = TerminalInputBytes.items(bytes)
        let inputs = items.compactMap { item -> RawInput? in
            if case .input(let input) = item { input } else { nil }
        }
        let expected: [RawInput] = [.character(0x61), .keyCode(0o403), .mouse(MouseReport(column: 4, row: 5, buttonState: 2)),
                                    .resize(width: 80, height: 24), .character(0xD800)]
        #expect(inputs == expected)
        #expect(items.count == 6)
    }
}
