import Foundation
import ModelStore
import Testing
import TestSupport

/// A folder's weights are chosen in sentence-transformers' order: model.safetensors, its sharded index,
/// pytorch_model.bin, its sharded index.
@Suite("Choosing a folder's weights")
struct WeightFormatTests {
    let temporary: TemporaryFiles

    init() throws {
        temporary = try TemporaryFiles()
    }

    /// A model folder holding every format, each giving `weight` different values.
    private func folderWithEveryFormat() throws -> URL {
        let folder = try SyntheticModel.folder(in: temporary.directory) // model.safetensors: [1, 2]
        func write(_ bytes: [UInt8], _ name: String) throws {
            try Data(bytes).write(to: folder.appendingPathComponent(name))
        }
        try write(Array(SafeTensorsWriter.file([
            .init(name: "weight", dtype: "F32", shape: [2], bytes: SafeTensorsWriter.bytes(float32: [3, 4])),
        ])), "model-00001-of-00001.safetensors")
        let pickle = PickleBuilder.stateDict([.init(name: "weight", key: "0", elementCount: 2, shape: [2])])
        try write(TorchCheckpointWriter.zip(pickle: pickle, storages: [("0", SafeTensorsWriter.bytes(float32: [5, 6]))]),
                  "pytorch_model.bin")
        try write(TorchCheckpointWriter.zip(pickle: pickle, storages: [("0", SafeTensorsWriter.bytes(float32: [7, 8]))]),
                  "pytorch_model-00001-of-00001.bin")
        try SyntheticModel.write(["weight_map": ["weight": "model-00001-of-00001.safetensors"]],
                                 to: folder.appendingPathComponent("model.safetensors.index.json"))
        try SyntheticModel.write(["weight_map": ["weight": "pytorch_model-00001-of-00001.bin"]],
                                 to: folder.appendingPathComponent("pytorch_model.bin.index.json"))
        return folder
    }

    @Test func prefersSafetensorsThenItsIndexThenTheBinThenItsIndex() throws {
        let folder = try folderWithEveryFormat()
        let expected: [(WeightFormat, [Float])] = [
            (.safetensors, [1, 2]), (.shardedSafetensors, [3, 4]), (.pytorch, [5, 6]), (.shardedPyTorch, [7, 8]),
        ]
        for (format, values) in expected {
            #expect(WeightFormat.preferred(in: folder) == format)
            let weights = try ModelFolder.open(folder).weights()
            #expect(weights.url.lastPathComponent == format.fileName)
            #expect(try weights.floats("weight", shape: [2]) == values)
            try FileManager.default.removeItem(at: folder.appendingPathComponent(format.fileName))
        }
        #expect(WeightFormat.preferred(in: folder) == nil)
    }

    @Test func namesEveryAcceptedFileWhenAFolderHasNoWeights() throws {
        let folder = try SyntheticModel.folder(in: temporary.directory, omitting: ["model.safetensors"])
        let error = try #require(throws: ModelStoreError.self) { try ModelFolder.open(folder) }
        guard case .missingFile = error else { Issue.record("got \(error)"); return }
        #expect(error.description == "\(folder.standardizedFileURL.path)/model.safetensors does not exist; a model folder "
            + "needs its weights as model.safetensors, model.safetensors.index.json (with its shards), pytorch_model.bin "
            + "or pytorch_model.bin.index.json (with its shards) — download them from the model's Hugging Face page")
    }
}
