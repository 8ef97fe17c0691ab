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
}

extension WeightFile {
    /// True when the weights hold a tensor of that name.
    public func contains(_ name: String) -> Bool { shape(of: name) != nil }
}
