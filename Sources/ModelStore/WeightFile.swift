import Foundation

/// Named tensors read from a model's weights, widened to Float32: safetensors, PyTorch `.bin`
/// (zip or legacy) and sharded checkpoints all answer the same questions.
public protocol WeightFile: Sendable {
    /// The file the tensors come from (the index file of a sharded checkpoint).
    var url: URL { get }
    /// Every tensor name the weights hold.
    var tensorNames: [String] { get }
    /// The shape of a tensor, or nil when there is no tensor of that name.
    func shape(of name: String) -> [Int]?
    /// The tensor's values as Float32, checked against `shape`; throws `missingTensor`, `wrongShape` or
    /// `unsupportedDType` naming the file.
    func floats(_ name: String, shape: [Int]) throws -> [Float]
    /// The tensor's Float32 values where they lie in the memory-mapped file, checked against `shape`, when
    /// they can be read in place (stored as F32, aligned); nil when they must be converted by `floats`.
    func mappedFloats(_ name: String, shape: [Int]) throws -> MappedFloats?
}

/// Float32 values read in place from a memory-mapped weight file, which stays mapped while these live.
/// Read-only: the mapping's pages are shared with the page cache (and with other processes serving the same
/// model), so loading a model costs no copy and no private memory.
public struct MappedFloats: @unchecked Sendable {
    public let pointer: UnsafePointer<Float>
    public let count: Int
    /// Keeps the mapping alive.
    let owner: AnyObject
}

extension WeightFile {
    public func mappedFloats(_ name: String, shape: [Int]) throws -> MappedFloats? { nil }

    /// True when the weights hold a tensor of that name.
    public func contains(_ name: String) -> Bool { shape(of: name) != nil }
}
