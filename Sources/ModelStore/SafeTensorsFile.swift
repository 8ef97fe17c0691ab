import Foundation

/// A memory-mapped `model.safetensors` whose header has been checked against the file.
public final class SafeTensorsFile: WeightFile, @unchecked Sendable {
    public let url: URL
    public let tensors: [String: TensorInfo]
    private let file: MappedFile

    /// Maps the file and checks every tensor of its header lies inside it with a consistent size.
    public init(url: URL) throws {
        self.url = url
        self.file = try MappedFile(url: url)
        self.tensors = try SafeTensorsHeader.tensors(in: file, url: url)
    }

    public var tensorNames: [String] { Array(tensors.keys) }

    public func shape(of name: String) -> [Int]? { tensors[name]?.shape }

    /// The tensor's values as Float32 (F32, F16, BF16 and F64 are accepted), checked against `shape`.
    public func floats(_ name: String, shape: [Int]) throws -> [Float] {
        let tensor = try checked(name, shape: shape)
        let count = tensor.byteRange.count / tensor.dtype.byteSize
        guard let values = FloatConversion.floats(file.bytes(tensor.byteRange), dtype: tensor.dtype, count: count) else {
            throw ModelStoreError.unsupportedDType(url, name, tensor.dtype.rawValue)
        }
        return values
    }

    public func mappedFloats(_ name: String, shape: [Int]) throws -> MappedFloats? {
        let tensor = try checked(name, shape: shape)
        let bytes = file.bytes(tensor.byteRange)
        guard tensor.dtype == .f32, let base = bytes.baseAddress,
              Int(bitPattern: base) % MemoryLayout<Float>.alignment == 0 else { return nil }
        return MappedFloats(pointer: base.assumingMemoryBound(to: Float.self), count: bytes.count / 4, owner: file)
    }

    private func checked(_ name: String, shape: [Int]) throws -> TensorInfo {
        guard let tensor = tensors[name] else { throw ModelStoreError.missingTensor(url, name) }
        guard tensor.shape == shape else {
            throw ModelStoreError.wrongShape(url, name, expected: shape, found: tensor.shape)
        }
        return tensor
    }
}
