import Foundation

/// A memory-mapped `pytorch_model.bin` in either container PyTorch writes (zip since 1.6, the legacy stream
/// before), whose pickle is read by `RestrictedUnpickler` and never executed.
public final class PyTorchCheckpoint: WeightFile {
    public let url: URL
    private let file: MappedFile
    private let tensors: [String: StridedTensor]

    private static let zipSignature: [UInt8] = [0x50, 0x4b] // "PK"
    private static let tarMagic = Array("ustar".utf8)
    private static let tarMagicOffset = 257

    /// Maps the file, reads its pickle and checks every tensor lies inside its storage.
    public init(url: URL) throws {
        self.url = url
        file = try MappedFile(url: url)
        let bytes = CheckedBytes(buffer: file.bytes(0..<file.count))
        if Self.starts(bytes, with: Self.zipSignature) {
            tensors = try TorchZipCheckpoint.tensors(in: bytes, url: url)
        } else if Self.starts(bytes, with: TorchLegacyCheckpoint.signature) {
            tensors = try TorchLegacyCheckpoint.tensors(in: bytes, url: url)
        } else {
            throw Self.unknownFormat(bytes, url: url)
        }
    }

    public var tensorNames: [String] { Array(tensors.keys) }

    public func shape(of name: String) -> [Int]? { tensors[name]?.shape }

    /// The element type of a tensor (a storage type such as FloatStorage or LongStorage), nil when there is none.
    public func dtype(of name: String) -> TensorDType? { tensors[name]?.dtype }

    /// The tensor's values as Float32 (F32, F16, BF16 and F64 are accepted), checked against `shape`; a
    /// non-contiguous view is gathered into row-major order.
    public func floats(_ name: String, shape: [Int]) throws -> [Float] {
        guard let tensor = tensors[name] else { throw ModelStoreError.missingTensor(url, name) }
        guard tensor.shape == shape else {
            throw ModelStoreError.wrongShape(url, name, expected: shape, found: tensor.shape)
        }
        guard let values = tensor.floats(in: file) else {
            throw ModelStoreError.unsupportedDType(url, name, tensor.dtype.rawValue)
        }
        return values
    }

    private static func starts(_ bytes: CheckedBytes, with prefix: [UInt8], at offset: Int = 0) -> Bool {
        bytes.slice(at: offset, length: prefix.count).map { Array($0) == prefix } ?? false
    }

    private static func unknownFormat(_ bytes: CheckedBytes, url: URL) -> ModelStoreError {
        if bytes.count == 0 {
            return .corruptWeights(url, "is empty; the download was probably interrupted — fetch the file again")
        }
        if starts(bytes, with: tarMagic, at: tarMagicOffset) {
            return .corruptWeights(url, "is in the tar format of PyTorch before 0.4, which cannot be read; load it with "
                + "torch and save it again as model.safetensors")
        }
        return .corruptWeights(url, "is not a PyTorch checkpoint: it starts neither with a zip header nor with the "
            + "legacy pickle's magic number; it may be a web page or a Git LFS pointer saved under this name — fetch it again")
    }
}

extension PyTorchCheckpoint {
    /// Runs `pickle` through the restricted unpickler and reads a state dict from it, as for the `data.pkl` of a
    /// checkpoint at `url`, without looking its storages up. The fuzzer's way to the unpickler without a container.
    package static func readStateDictPickle(_ pickle: [UInt8], url: URL) throws {
        try pickle.withUnsafeBytes { buffer in
            let result = try RestrictedUnpickler.load(CheckedBytes(buffer: buffer), url: url, part: "data.pkl")
            _ = try TorchStateDict.tensors(in: result.value, url: url)
        }
    }
}
