/// A value built by `RestrictedUnpickler`: the few Python values a PyTorch state dict is made of. Nothing in it can
/// run code; a tensor is a description of where its elements lie, not the elements.
enum PickleValue {
    case none
    case bool(Bool)
    case int(Int)
    /// An integer wider than 64 bits (LONG1), as its little-endian two's-complement bytes.
    case wideInt([UInt8])
    case float(Double)
    case string(String)
    case tuple(PickleTuple)
    case list(PickleList)
    case dict(PickleDict)
    /// An empty set (EMPTY_SET; no opcode that fills sets is accepted).
    case set
    case global(PickleGlobal)
    case storage(StorageReference)
    case tensor(PickledTensor)

    /// How many containers deep the value is (0 for a scalar); bounded so that no value nests without limit.
    var depth: Int {
        switch self {
        case .tuple(let tuple): return tuple.depth
        case .list(let list): return list.depth
        case .dict(let dict): return dict.depth
        default: return 0
        }
    }

    /// The Python name of the value's type, for messages.
    var typeName: String {
        switch self {
        case .none: return "None"
        case .bool: return "bool"
        case .int, .wideInt: return "int"
        case .float: return "float"
        case .string: return "str"
        case .tuple: return "tuple"
        case .list: return "list"
        case .dict: return "dict"
        case .set: return "set"
        case .global(let global): return global.qualifiedName
        case .storage: return "storage"
        case .tensor: return "tensor"
        }
    }
}

/// An immutable tuple and its nesting depth.
struct PickleTuple {
    let items: [PickleValue]
    let depth: Int
}

/// A list, filled by APPEND(S) while it is on the stack; shared by reference with the memo, as in Python.
final class PickleList {
    var items: [PickleValue] = []
    var depth = 1
    /// Set once the list is inside another value; it may no longer change (so no cycle or unseen deepening).
    var isNested = false
}

/// A dict (or OrderedDict) in insertion order, filled by SETITEM(S) while it is on the stack.
final class PickleDict {
    var entries: [(key: PickleValue, value: PickleValue)] = []
    var depth = 1
    var isNested = false

    /// The value of the last entry whose key is the string `key`.
    func value(forKey key: String) -> PickleValue? {
        entries.last { entry in
            if case .string(key) = entry.key { return true }
            return false
        }?.value
    }
}

/// A persistent id naming a storage: its element type, key, element count, and (legacy files) the view of it used.
struct StorageReference: Equatable {
    let dtype: TensorDType
    let key: String
    let elementCount: Int
    /// The elements a legacy storage view covers; nil for the whole storage.
    let view: Range<Int>?
}

/// What `_rebuild_tensor_v2` was asked to build: a view of a storage with an offset and strides in elements.
struct PickledTensor {
    let storage: StorageReference
    let offset: Int
    let shape: [Int]
    let strides: [Int]
}
