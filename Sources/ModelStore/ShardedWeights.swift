import Foundation

/// A checkpoint split into shards (`model-00001-of-00002.safetensors`, `pytorch_model-00001-of-00002.bin`, …) and
/// read through its index (`model.safetensors.index.json`, `pytorch_model.bin.index.json`), whose `weight_map`
/// names the shard of each tensor. The shards lie beside the index and are opened (mapped) up front.
public struct ShardedWeights: WeightFile {
    /// The index file.
    public let url: URL
    private let shardOfTensor: [String: String]
    private let shards: [String: any WeightFile]

    static let weightMapKey = "weight_map"

    /// Reads the index, opens every shard it names and checks each shard holds the tensors the index puts there.
    public init(index url: URL) throws {
        self.url = url
        let index = try JSONObject.read(url)
        let weightMap = try index.requiredObject(Self.weightMapKey)
        var shardOfTensor: [String: String] = [:]
        for (tensor, value) in weightMap.fields {
            guard let shard = value as? String else {
                throw weightMap.invalid(tensor, "must be the file name of a shard; the index is damaged — fetch it again")
            }
            shardOfTensor[tensor] = shard
        }
        guard !shardOfTensor.isEmpty else {
            throw ModelStoreError.corruptWeights(url, "its weight_map names no tensor; the index is damaged — fetch it again")
        }
        var shards: [String: any WeightFile] = [:]
        for shard in Set(shardOfTensor.values).sorted() {
            shards[shard] = try Self.open(shard: shard, index: url)
        }
        for (tensor, shard) in shardOfTensor where shards[shard]?.contains(tensor) != true {
            throw ModelStoreError.corruptWeights(url, "its weight_map puts tensor '\(tensor)' in \(shard), which does not "
                + "hold it; the index and the shards come from different downloads — fetch them again")
        }
        self.shardOfTensor = shardOfTensor
        self.shards = shards
    }

    public var tensorNames: [String] { Array(shardOfTensor.keys) }

    public func shape(of name: String) -> [Int]? {
        shardOfTensor[name].flatMap { shards[$0]?.shape(of: name) }
    }

    public func floats(_ name: String, shape: [Int]) throws -> [Float] {
        guard let shard = shardOfTensor[name].flatMap({ shards[$0] }) else { throw ModelStoreError.missingTensor(url, name) }
        return try shard.floats(name, shape: shape)
    }

    public func mappedFloats(_ name: String, shape: [Int]) throws -> MappedFloats? {
        guard let shard = shardOfTensor[name].flatMap({ shards[$0] }) else { throw ModelStoreError.missingTensor(url, name) }
        return try shard.mappedFloats(name, shape: shape)
    }

    /// Opens the shard file `name` beside the index: a plain file name ending in `.safetensors` or `.bin`.
    private static func open(shard name: String, index: URL) throws -> any WeightFile {
        guard !name.contains("/"), !name.hasPrefix(".") else {
            throw ModelStoreError.corruptWeights(index, "its weight_map names the shard '\(name)', which is not a file "
                + "name in the index's folder; the index is damaged — fetch it again")
        }
        let shard = index.deletingLastPathComponent().appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: shard.path) else {
            throw ModelStoreError.corruptWeights(index, "its weight_map names the shard \(name), which is not in "
                + "\(shard.deletingLastPathComponent().path); download it from the model's repository")
        }
        switch shard.pathExtension {
        case "safetensors": return try SafeTensorsFile(url: shard)
        case "bin": return try PyTorchCheckpoint(url: shard)
        default:
            throw ModelStoreError.corruptWeights(index, "its weight_map names the shard '\(name)', which is neither a "
                + ".safetensors nor a .bin file")
        }
    }
}
