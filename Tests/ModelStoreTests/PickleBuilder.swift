/// Builds pickle bytes opcode by opcode (protocol 2, as torch.save writes them), for crafted and hostile
/// checkpoints in tests. Each call returns a longer pickle, so a pickle reads as a chain.
struct PickleBuilder {
    private(set) var bytes: [UInt8] = [0x80, 0x02]

    /// One tensor entry of a state dict built by `stateDict`.
    struct Tensor {
        var name: String
        var storageType = "FloatStorage"
        var key: String
        var elementCount: Int
        var offset = 0
        var shape: [Int]
        var strides: [Int]? = nil
    }

    func raw(_ more: [UInt8]) -> PickleBuilder {
        var copy = self
        copy.bytes += more
        return copy
    }

    func global(_ module: String, _ name: String) -> PickleBuilder { raw([0x63] + Array("\(module)\n\(name)\n".utf8)) }
    func string(_ text: String) -> PickleBuilder {
        let utf8 = Array(text.utf8)
        return raw([0x58] + Self.littleEndian(UInt32(utf8.count)) + utf8)
    }
    func int(_ value: Int) -> PickleBuilder {
        switch value {
        case 0...0xff: return raw([0x4b, UInt8(value)])
        case 0...0xffff: return raw([0x4d] + Self.littleEndian(UInt16(value)))
        case Int(Int32.min)...Int(Int32.max): return raw([0x4a] + Self.littleEndian(UInt32(bitPattern: Int32(value))))
        default: return raw([0x8a, 8] + Self.littleEndian(UInt64(bitPattern: Int64(value))))
        }
    }
    func ints(_ values: [Int]) -> PickleBuilder { values.reduce(mark()) { $0.int($1) }.tuple() }
    func mark() -> PickleBuilder { raw([0x28]) }
    func tuple() -> PickleBuilder { raw([0x74]) }
    func tuple1() -> PickleBuilder { raw([0x85]) }
    func emptyTuple() -> PickleBuilder { raw([0x29]) }
    func emptyDict() -> PickleBuilder { raw([0x7d]) }
    func emptyList() -> PickleBuilder { raw([0x5d]) }
    func none() -> PickleBuilder { raw([0x4e]) }
    func newFalse() -> PickleBuilder { raw([0x89]) }
    func newTrue() -> PickleBuilder { raw([0x88]) }
    func reduce() -> PickleBuilder { raw([0x52]) }
    func build() -> PickleBuilder { raw([0x62]) }
    func append() -> PickleBuilder { raw([0x61]) }
    func appends() -> PickleBuilder { raw([0x65]) }
    func setItem() -> PickleBuilder { raw([0x73]) }
    func setItems() -> PickleBuilder { raw([0x75]) }
    func persistentID() -> PickleBuilder { raw([0x51]) }
    func put(_ index: UInt8) -> PickleBuilder { raw([0x71, index]) }
    func get(_ index: UInt8) -> PickleBuilder { raw([0x68, index]) }
    func stop() -> PickleBuilder { raw([0x2e]) }
    func orderedDict() -> PickleBuilder { global("collections", "OrderedDict").emptyTuple().reduce() }

    /// `('storage', torch.TYPE, key, 'cpu', count)` as a persistent id, plus `view` for a legacy 6-tuple.
    func storage(_ type: String, key: String, count: Int, legacy: Bool = false) -> PickleBuilder {
        let id = mark().string("storage").global("torch", type).string(key).string("cpu").int(count)
        return (legacy ? id.none() : id).tuple().persistentID()
    }

    /// `_rebuild_tensor_v2(storage, offset, shape, strides, False, OrderedDict())`.
    func tensor(_ tensor: Tensor, legacy: Bool = false) -> PickleBuilder {
        global("torch._utils", "_rebuild_tensor_v2").mark()
            .storage(tensor.storageType, key: tensor.key, count: tensor.elementCount, legacy: legacy)
            .int(tensor.offset).ints(tensor.shape).ints(tensor.strides ?? Self.contiguousStrides(tensor.shape))
            .newFalse().orderedDict().tuple().reduce()
    }

    /// A whole pickle: an OrderedDict of the tensors, as torch.save writes a state dict.
    static func stateDict(_ tensors: [Tensor], legacy: Bool = false) -> [UInt8] {
        tensors.reduce(PickleBuilder().orderedDict().mark()) { $0.string($1.name).tensor($1, legacy: legacy) }
            .setItems().stop().bytes
    }

    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        for index in shape.indices.dropLast().reversed() { strides[index] = strides[index + 1] * shape[index + 1] }
        return strides
    }

    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian, Array.init)
    }
}
