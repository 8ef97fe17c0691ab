/// The Python globals a PyTorch state dict may name, and what calling each builds. Every other global is refused
/// by `RestrictedUnpickler` before anything is built; none of these runs code.
enum PickleGlobal: Equatable {
    case orderedDict
    case rebuildTensor
    case rebuildTensorV2
    case rebuildParameter
    case rebuildParameterWithState
    case size
    case storageType(TensorDType, name: String)

    private static let storageTypes: [String: TensorDType] = [
        "FloatStorage": .f32, "HalfStorage": .f16, "BFloat16Storage": .bf16, "DoubleStorage": .f64,
        "LongStorage": .i64, "IntStorage": .i32, "ShortStorage": .i16, "CharStorage": .i8,
        "ByteStorage": .u8, "BoolStorage": .bool,
    ]

    /// The global `module.name`, when it is on the allow-list.
    static func allowed(module: String, name: String) -> PickleGlobal? {
        switch (module, name) {
        case ("collections", "OrderedDict"): return .orderedDict
        case ("torch._utils", "_rebuild_tensor"): return .rebuildTensor
        case ("torch._utils", "_rebuild_tensor_v2"): return .rebuildTensorV2
        case ("torch._utils", "_rebuild_parameter"): return .rebuildParameter
        case ("torch._utils", "_rebuild_parameter_with_state"): return .rebuildParameterWithState
        case ("torch", "Size"): return .size
        case ("torch", _): return storageTypes[name].map { .storageType($0, name: name) }
        default: return nil
        }
    }

    var qualifiedName: String {
        switch self {
        case .orderedDict: return "collections.OrderedDict"
        case .rebuildTensor: return "torch._utils._rebuild_tensor"
        case .rebuildTensorV2: return "torch._utils._rebuild_tensor_v2"
        case .rebuildParameter: return "torch._utils._rebuild_parameter"
        case .rebuildParameterWithState: return "torch._utils._rebuild_parameter_with_state"
        case .size: return "torch.Size"
        case .storageType(_, let name): return "torch.\(name)"
        }
    }

    /// What REDUCE or NEWOBJ of this global on `arguments` gives; throws a description when they do not fit.
    func call(_ arguments: [PickleValue]) throws(PickleFault) -> PickleValue {
        switch (self, arguments.count) {
        case (.orderedDict, 0):
            return .dict(PickleDict())
        case (.size, 1):
            guard (try? Self.integers(arguments[0])) != nil else { break }
            return arguments[0]
        case (.rebuildTensor, 4), (.rebuildTensorV2, 6), (.rebuildTensorV2, 7):
            return .tensor(try Self.tensor(arguments))
        case (.rebuildParameter, 3), (.rebuildParameterWithState, 4):
            guard case .tensor = arguments[0] else { break }
            return arguments[0]
        default:
            break
        }
        let types = arguments.map(\.typeName).joined(separator: ", ")
        throw .corrupt("\(qualifiedName) is called with (\(types)), which is not how a state dict uses it")
    }

    /// The tensor `_rebuild_tensor(_v2)(storage, offset, size, stride, …)` describes.
    private static func tensor(_ arguments: [PickleValue]) throws(PickleFault) -> PickledTensor {
        guard case .storage(let storage) = arguments[0], case .int(let offset) = arguments[1] else {
            throw .corrupt("a tensor is rebuilt from (\(arguments[0].typeName), \(arguments[1].typeName)) "
                + "instead of (storage, offset)")
        }
        return PickledTensor(storage: storage, offset: offset, shape: try integers(arguments[2]),
                             strides: try integers(arguments[3]))
    }

    /// The elements of a tuple of ints (a size or a stride).
    static func integers(_ value: PickleValue) throws(PickleFault) -> [Int] {
        guard case .tuple(let tuple) = value else { throw .corrupt("a size or stride is a \(value.typeName), not a tuple") }
        var numbers: [Int] = []
        for item in tuple.items {
            guard case .int(let number) = item else { throw .corrupt("a size or stride holds a \(item.typeName), not an int") }
            numbers.append(number)
        }
        return numbers
    }

    /// The storage a persistent id names: `('storage', StorageType, key, location, numel[, view])`.
    static func storage(_ id: PickleValue) throws(PickleFault) -> StorageReference {
        guard case .tuple(let tuple) = id, tuple.items.count == 5 || tuple.items.count == 6,
              case .string("storage") = tuple.items[0] else {
            throw .refused("a persistent id that is not a ('storage', …) tuple")
        }
        let items = tuple.items
        guard case .global(.storageType(let dtype, _)) = items[1], case .string(let key) = items[2],
              case .string = items[3], case .int(let count) = items[4], count >= 0 else {
            throw .corrupt("a storage id holds (\(items.map(\.typeName).joined(separator: ", "))) instead of "
                + "('storage', storage type, key, location, element count)")
        }
        return StorageReference(dtype: dtype, key: key, elementCount: count,
                                view: items.count == 6 ? try view(items[5], count: count) : nil)
    }

    /// A legacy storage view `(view_key, offset, size)` in elements, checked to lie inside the storage.
    private static func view(_ value: PickleValue, count: Int) throws(PickleFault) -> Range<Int>? {
        if case .none = value { return nil }
        guard case .tuple(let tuple) = value, tuple.items.count == 3, case .string = tuple.items[0],
              case .int(let offset) = tuple.items[1], case .int(let size) = tuple.items[2],
              offset >= 0, size >= 0, offset <= count, size <= count - offset else {
            throw .corrupt("a storage view is not (key, offset, size) inside its \(count)-element storage")
        }
        return offset..<(offset + size)
    }
}

/// Why a pickle cannot be read: damaged (`corrupt`) or asking for something a state dict never needs (`refused`).
enum PickleFault: Error {
    case corrupt(String)
    case refused(String)
}
