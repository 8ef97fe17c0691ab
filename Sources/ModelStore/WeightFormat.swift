import Foundation

/// The weight files a model folder may hold, in sentence-transformers' order of preference, and how to open each.
public enum WeightFormat: CaseIterable, Sendable {
    case safetensors
    case shardedSafetensors
    case pytorch
    case shardedPyTorch

    /// The file's name in a model folder.
    public var fileName: String {
        switch self {
        case .safetensors: return ModelFileNames.weights
        case .shardedSafetensors: return ModelFileNames.safetensorsIndex
        case .pytorch: return ModelFileNames.pytorchWeights
        case .shardedPyTorch: return ModelFileNames.pytorchIndex
        }
    }

    /// The most preferred format whose file is in `folder`, nil when there is none.
    public static func preferred(in folder: URL) -> WeightFormat? {
        allCases.first { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0.fileName).path) }
    }

    /// Opens this format's file in `folder`.
    public func open(in folder: URL) throws -> any WeightFile {
        let file = folder.appendingPathComponent(fileName)
        switch self {
        case .safetensors: return try SafeTensorsFile(url: file)
        case .pytorch: return try PyTorchCheckpoint(url: file)
        case .shardedSafetensors, .shardedPyTorch: return try ShardedWeights(index: file)
        }
    }
}
