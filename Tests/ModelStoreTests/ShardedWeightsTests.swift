import Foundation
import ModelStore
import Testing
import TestSupport

@Suite("Sharded checkpoints")
struct ShardedWeightsTests {
    let temporary: TemporaryFiles

    init() throws {
        temporary = try TemporaryFiles()
    }

    private func writeSafetensorsShards() throws {
        try Data(SafeTensorsWriter.file([
            .init(name: "a", dtype: "F32", shape: [2], bytes: SafeTensorsWriter.bytes(float32: [1, 2])),
            .init(name: "unlisted", dtype: "F32", shape: [1], bytes: SafeTensorsWriter.bytes(float32: [9])),
        ])).write(to: try temporary.file("model-00001-of-00002.safetensors"))
        try Data(SafeTensorsWriter.file([
            .init(name: "b", dtype: "BF16", shape: [1, 2], bytes: SafeTensorsWriter.bytes(bits16: [0x3f80, 0xc040])),
        ])).write(to: try temporary.file("model-00002-of-00002.safetensors"))
    }

    private func writeIndex(_ weightMap: Any, name: String = "model.safetensors.index.json") throws -> URL {
        let url = try temporary.file(name)
        try SyntheticModel.write(["metadata": ["total_size": 12], "weight_map": weightMap], to: url)
        return url
    }

    private func corruption(_ index: URL) throws -> String {
        let error = try #require(throws: ModelStoreError.self) { try ShardedWeights(index: index) }
        guard case .corruptWeights(index, _) = error else { Issue.record("got \(error)"); return "" }
        return error.description
    }

    @Test func readsTensorsFromTwoSafetensorsShards() throws {
        try writeSafetensorsShards()
        let index = try writeIndex(["a": "model-00001-of-00002.safetensors", "b": "model-00002-of-00002.safetensors"])
        let weights = try ShardedWeights(index: index)
        #expect(weights.url == index)
        #expect(Set(weights.tensorNames) == ["a", "b"])
        #expect(weights.shape(of: "b") == [1, 2])
        #expect(weights.shape(of: "unlisted") == nil)
        #expect(try weights.floats("a", shape: [2]) == [1, 2])
        #expect(try weights.floats("b", shape: [1, 2]) == [1, -3])
        let error = try #require(throws: ModelStoreError.self) { try weights.floats("unlisted", shape: [1]) }
        guard case .missingTensor(index, "unlisted") = error else { Issue.record("got \(error)"); return }
    }

    @Test func readsTensorsFromPyTorchShards() throws {
        let first = PickleBuilder.stateDict([.init(name: "a", key: "0", elementCount: 2, shape: [2])])
        try Data(TorchCheckpointWriter.zip(pickle: first, storages: [("0", SafeTensorsWriter.bytes(float32: [1, 2]))],
                                           prefix: "pytorch_model-00001-of-00002"))
            .write(to: try temporary.file("pytorch_model-00001-of-00002.bin"))
        let second = PickleBuilder.stateDict([.init(name: "b", key: "7", elementCount: 1, shape: [])], legacy: true)
        try Data(TorchCheckpointWriter.legacy(pickle: second, storages: [("7", 1, SafeTensorsWriter.bytes(float32: [5]))]))
            .write(to: try temporary.file("pytorch_model-00002-of-00002.bin"))
        let index = try writeIndex(["a": "pytorch_model-00001-of-00002.bin", "b": "pytorch_model-00002-of-00002.bin"],
                                   name: "pytorch_model.bin.index.json")
        let weights = try ShardedWeights(index: index)
        #expect(try weights.floats("a", shape: [2]) == [1, 2])
        #expect(try weights.floats("b", shape: []) == [5])
    }

    @Test func reportsAMissingShard() throws {
        try writeSafetensorsShards()
        let index = try writeIndex(["a": "model-00001-of-00002.safetensors", "c": "model-00003-of-00003.safetensors"])
        let message = try corruption(index)
        #expect(message.contains("model-00003-of-00003.safetensors, which is not in \(temporary.directory.path)"))
    }

    @Test func reportsATensorItsShardDoesNotHold() throws {
        try writeSafetensorsShards()
        let message = try corruption(try writeIndex(["b": "model-00001-of-00002.safetensors"]))
        #expect(message.contains("puts tensor 'b' in model-00001-of-00002.safetensors, which does not hold it"))
    }

    @Test(arguments: ["../model.safetensors", "sub/model.safetensors", ".hidden.safetensors", "model.onnx"])
    func refusesShardNamesOutsideTheFolderOrOfAnotherFormat(shard: String) throws {
        let url = try temporary.file(shard)
        try Data(SafeTensorsWriter.file([])).write(to: url)
        #expect(try corruption(try writeIndex(["a": shard])).contains("'\(shard)'"))
    }

    @Test func refusesAnIndexWithoutAWeightMap() throws {
        let index = try temporary.file("model.safetensors.index.json")
        try SyntheticModel.write(["metadata": [:] as [String: Any]], to: index)
        let error = try #require(throws: ModelStoreError.self) { try ShardedWeights(index: index) }
        guard case .missingField(index, "weight_map") = error else { Issue.record("got \(error)"); return }
        #expect(try corruption(try writeIndex([String: String]())).contains("names no tensor"))
        let wrongType = try #require(throws: ModelStoreError.self) { try ShardedWeights(index: try writeIndex(["a": 3])) }
        guard case .invalidJSON(index, let detail) = wrongType else { Issue.record("got \(wrongType)"); return }
        #expect(detail.contains("'weight_map.a'"))
    }
}
