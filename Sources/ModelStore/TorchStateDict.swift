import Foundation

/// The tensors of an unpickled PyTorch checkpoint: the string-keyed tensors of its top-level dict (other values,
/// such as an `epoch` number, are ignored), or of the dict under `state_dict` when the top level holds no tensor.
enum TorchStateDict {
    static let wrapperKey = "state_dict"

    static func tensors(in value: PickleValue, url: URL) throws -> [String: PickledTensor] {
        guard case .dict(let dict) = value else {
            throw ModelStoreError.corruptWeights(url, "holds a pickled \(value.typeName), not a state dict of tensors; "
                + "save the model's state_dict() with torch.save")
        }
        let found = tensors(in: dict)
        if found.isEmpty, case .dict(let wrapped)? = dict.value(forKey: wrapperKey) {
            return try nonEmpty(tensors(in: wrapped), url: url)
        }
        return try nonEmpty(found, url: url)
    }

    /// Places each tensor on its storage's bytes (`storages`, by key; a legacy storage view narrows them).
    static func placed(_ tensors: [String: PickledTensor], storages: [String: Range<Int>], url: URL) throws
        -> [String: StridedTensor] {
        var placed: [String: StridedTensor] = [:]
        for (name, tensor) in tensors {
            let reference = tensor.storage
            guard var bytes = storages[reference.key] else {
                throw ModelStoreError.corruptWeights(url, "tensor '\(name)' uses storage '\(reference.key)', which the "
                    + "file does not hold; the file is damaged — fetch it again")
            }
            if let view = reference.view {
                let size = reference.dtype.byteSize
                bytes = (bytes.lowerBound + view.lowerBound * size)..<(bytes.lowerBound + view.upperBound * size)
            }
            placed[name] = try StridedTensor(tensor, storage: bytes, name: name, url: url)
        }
        return placed
    }

    private static func tensors(in dict: PickleDict) -> [String: PickledTensor] {
        var tensors: [String: PickledTensor] = [:]
        for entry in dict.entries {
            if case .string(let name) = entry.key, case .tensor(let tensor) = entry.value { tensors[name] = tensor }
        }
        return tensors
    }

    private static func nonEmpty(_ tensors: [String: PickledTensor], url: URL) throws -> [String: PickledTensor] {
        guard !tensors.isEmpty else {
            throw ModelStoreError.corruptWeights(url, "holds a dict without any tensor; it is not a model's state dict")
        }
        return tensors
    }
}
