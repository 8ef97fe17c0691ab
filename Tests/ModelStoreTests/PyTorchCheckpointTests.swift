import Foundation
import ModelStore
import Testing
import TestSupport

/// `.bin` checkpoints written by real PyTorch, read and compared with what torch.load gives
/// (`Fixtures/make_bin_references.py` writes the references).
@Suite("PyTorch checkpoints made by torch")
struct PyTorchCheckpointTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let sharedFixtures = Fixtures.shared.appendingPathComponent("fixtures/models")

    private static func json(_ name: String) throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
    }

    private static func floatValues(_ any: Any?) -> [Float] {
        ((any as? [Any]) ?? []).compactMap { ($0 as? NSNumber).map { Float($0.doubleValue) } }
    }

    @Test(.enabled(if: Fixtures.sharedAvailable), arguments: ["tiny-bert-2label-bin", "tiny-bert-legacy-bin", "tiny-bert-cat"])
    func readsEverySharedFixtureAsTorchDoes(fixture: String) throws {
        let references = try #require(try Self.json("bin-fixture-references.json")[fixture] as? [String: [String: Any]])
        let weights = try PyTorchCheckpoint(url: Self.sharedFixtures.appendingPathComponent("\(fixture)/pytorch_model.bin"))
        #expect(Set(weights.tensorNames) == Set(references.keys))
        for (name, reference) in references.sorted(by: { $0.key < $1.key }) {
            let shape = try #require(reference["shape"] as? [Int])
            #expect(weights.shape(of: name) == shape, "\(name)")
            guard reference["dtype"] as? String == "F32" else {
                #expect(weights.dtype(of: name) == .i64, "\(name)")
                continue
            }
            let values = try weights.floats(name, shape: shape)
            let sum = values.reduce(0) { $0 + Double($1) }
            let expectedSum = try #require(reference["sum"] as? Double)
            let magnitude = values.reduce(0) { $0 + abs(Double($1)) }
            #expect(abs(sum - expectedSum) <= 1e-9 * (magnitude + 1), "\(name): sum \(sum) ≠ \(expectedSum)")
            #expect(Array(values.prefix(4)) == Self.floatValues(reference["first"]), "\(name)")
            #expect(values.last == (reference["last"] as? NSNumber).map { Float($0.doubleValue) }, "\(name)")
        }
    }

    @Test(.enabled(if: Fixtures.sharedAvailable))
    func parsesTheLegacyPositionIDsButWillNotReadThemAsFloats() throws {
        let url = Self.sharedFixtures.appendingPathComponent("tiny-bert-legacy-bin/pytorch_model.bin")
        let weights = try PyTorchCheckpoint(url: url)
        #expect(weights.shape(of: "bert.embeddings.position_ids") == [1, 512])
        #expect(weights.dtype(of: "bert.embeddings.position_ids") == .i64)
        let error = try #require(throws: ModelStoreError.self) {
            try weights.floats("bert.embeddings.position_ids", shape: [1, 512])
        }
        guard case .unsupportedDType(url, "bert.embeddings.position_ids", "I64") = error else { Issue.record("got \(error)"); return }
    }

    @Test(.enabled(if: Fixtures.sharedAvailable), arguments: ["tiny-bert-2label-bin", "tiny-bert-legacy-bin"])
    func modelFoldersWithOnlyABinOpenAndReadIt(fixture: String) throws {
        let model = try ModelFolder.open(Self.sharedFixtures.appendingPathComponent(fixture))
        let weights = try model.weights()
        #expect(weights is PyTorchCheckpoint)
        #expect(weights.url.lastPathComponent == "pytorch_model.bin")
        #expect(try weights.floats("classifier.bias", shape: [model.config.labels.count]).allSatisfy(\.isFinite))
    }

    @Test(arguments: ["torch-layouts.bin", "torch-layouts-buffer.bin", "torch-layouts-legacy.bin"])
    func materialisesViewsOffsetsStridesAndEveryDType(file: String) throws {
        let references = try Self.json("torch-layouts.json")
        let weights = try PyTorchCheckpoint(url: Self.fixtures.appendingPathComponent(file))
        #expect(Set(weights.tensorNames) == Set(references.keys))
        for (name, reference) in references.sorted(by: { $0.key < $1.key }) {
            let shape = try #require(reference["shape"] as? [Int])
            let dtype = try #require(reference["dtype"] as? String)
            #expect(weights.shape(of: name) == shape, "\(name)")
            #expect(weights.dtype(of: name)?.rawValue == dtype, "\(name)")
            if dtype == "I64" {
                #expect(throws: ModelStoreError.self) { try weights.floats(name, shape: shape) }
                continue
            }
            let values = try weights.floats(name, shape: shape)
            let expected = Self.floatValues(reference["values"])
            #expect(values.map(\.bitPattern) == expected.map(\.bitPattern), "\(name): \(values) ≠ \(expected)")
        }
    }

    @Test func unwrapsAStateDictSavedInsideADictionary() throws {
        let weights = try PyTorchCheckpoint(url: Self.fixtures.appendingPathComponent("torch-wrapped.bin"))
        #expect(Set(weights.tensorNames) == ["full", "half"])
        #expect(try weights.floats("half", shape: [5]) == [1.5, -2, 65504, 0x1p-24, Float(Float16(0.1))])
    }

    @Test func refusesAShapeOtherThanTheStoredOne() throws {
        let url = Self.fixtures.appendingPathComponent("torch-layouts.bin")
        let error = try #require(throws: ModelStoreError.self) { try PyTorchCheckpoint(url: url).floats("full", shape: [6, 4]) }
        guard case .wrongShape(url, "full", expected: [6, 4], found: [4, 6]) = error else { Issue.record("got \(error)"); return }
        let missing = try #require(throws: ModelStoreError.self) { try PyTorchCheckpoint(url: url).floats("nope", shape: [1]) }
        guard case .missingTensor(url, "nope") = missing else { Issue.record("got \(missing)"); return }
    }
}
