import Foundation

/// Reads a pickle as `torch.load(weights_only=True)` does, but without running anything: only the opcodes that
/// unpickler accepts, only the globals of `PickleGlobal`, persistent ids only for storages. Anything else is refused
/// with an error naming the file, the part of it, the byte and the opcode or global.
struct RestrictedUnpickler {
    /// Containers nested deeper than this are refused (a state dict needs about four levels).
    static let maximumDepth = 64

    /// What a pickle gave: its value, the offset just after its STOP, and the storages its persistent ids named.
    struct Result {
        let value: PickleValue
        let end: Int
        let storages: [String: StorageReference]
    }

    private let bytes: CheckedBytes
    private var position: Int
    private var opcodeStart: Int
    private var stack: [PickleValue] = []
    /// Stack heights at each open MARK; values below the last one cannot be popped.
    private var marks: [Int] = []
    private var memo: [UInt32: PickleValue] = [:]
    private var storages: [String: StorageReference] = [:]

    private init(bytes: CheckedBytes, start: Int) {
        self.bytes = bytes
        position = start
        opcodeStart = start
    }

    /// Runs the pickle that starts at `start` in `bytes` (from `url`); `part` names it in messages.
    static func load(_ bytes: CheckedBytes, from start: Int = 0, url: URL, part: String) throws -> Result {
        var machine = RestrictedUnpickler(bytes: bytes, start: start)
        do throws(PickleFault) {
            while true {
                if let value = try machine.step() {
                    return Result(value: value, end: machine.position, storages: machine.storages)
                }
            }
        } catch {
            let place = "\(part), byte \(machine.opcodeStart)"
            switch error {
            case .corrupt(let detail):
                throw ModelStoreError.corruptWeights(url, "\(place): \(detail); the file is damaged or truncated — fetch it again")
            case .refused(let detail):
                throw ModelStoreError.refusedPickle(url, "\(place): \(detail)")
            }
        }
    }

    /// Runs one opcode; returns the pickle's value at STOP.
    private mutating func step() throws(PickleFault) -> PickleValue? {
        opcodeStart = position
        let opcode = try byte()
        switch opcode {
        case Opcode.proto: _ = try byte()
        case Opcode.stop: return try pop()
        case Opcode.global: push(.global(try global()))
        case Opcode.reduce:
            let arguments = try pop()
            let result = try Self.call(try top(), arguments)
            try replaceTop(with: result)
        case Opcode.newObject:
            let arguments = try pop()
            let result = try Self.call(try pop(), arguments)
            push(result)
        case Opcode.build:
            _ = try pop() // the state: an OrderedDict's attributes (the state dict's `_metadata`), no tensors
            let target = try top()
            guard case .dict = target else { throw .refused("it sets the state of a \(target.typeName) (BUILD)") }
        case Opcode.mark: marks.append(stack.count)
        case Opcode.tuple:
            let items = try popMark()
            push(try tuple(items))
        case Opcode.tuple1, Opcode.tuple2, Opcode.tuple3:
            let count = Int(opcode - Opcode.tuple1) + 1
            var items: [PickleValue] = []
            for _ in 0..<count { items.insert(try pop(), at: 0) }
            push(try tuple(items))
        case Opcode.emptyTuple: push(try tuple([]))
        case Opcode.emptyList: push(.list(PickleList()))
        case Opcode.emptyDict: push(.dict(PickleDict()))
        case Opcode.emptySet: push(.set)
        case Opcode.append:
            let item = try pop()
            try append([item])
        case Opcode.appends:
            let items = try popMark()
            try append(items)
        case Opcode.setItem:
            let value = try pop()
            let key = try pop()
            try setItems([key, value])
        case Opcode.setItems:
            let items = try popMark()
            try setItems(items)
        case Opcode.none: push(.none)
        case Opcode.newTrue: push(.bool(true))
        case Opcode.newFalse: push(.bool(false))
        case Opcode.binInt: push(.int(Int(Int32(bitPattern: try integer(UInt32.self)))))
        case Opcode.binInt1: push(.int(Int(try byte())))
        case Opcode.binInt2: push(.int(Int(try integer(UInt16.self))))
        case Opcode.long1: push(Self.long(try take(Int(try byte()))))
        case Opcode.binFloat: push(.float(Double(bitPattern: try integer(UInt64.self).byteSwapped)))
        case Opcode.binUnicode: push(.string(String(decoding: try take(Int(try integer(UInt32.self))), as: UTF8.self)))
        case Opcode.shortBinString: push(.string(String(decoding: try take(Int(try byte())), as: UTF8.self)))
        case Opcode.binPersistentID:
            let id = try pop()
            push(.storage(try storage(id)))
        case Opcode.binGet, Opcode.longBinGet:
            let index = opcode == Opcode.binGet ? UInt32(try byte()) : try integer(UInt32.self)
            push(try memoized(index))
        case Opcode.binPut, Opcode.longBinPut:
            let index = opcode == Opcode.binPut ? UInt32(try byte()) : try integer(UInt32.self)
            memo[index] = try top()
        default:
            let printable = (0x21...0x7e).contains(opcode) ? " ('\(Character(Unicode.Scalar(opcode)))')" : ""
            throw .refused("opcode 0x\(String(opcode, radix: 16, uppercase: true))\(printable), which "
                + "torch.load(weights_only=True) does not accept either")
        }
        return nil
    }

    // MARK: - Reading bytes

    private mutating func byte() throws(PickleFault) -> UInt8 {
        try integer(UInt8.self)
    }

    private mutating func integer<T: FixedWidthInteger & UnsignedInteger>(_ type: T.Type) throws(PickleFault) -> T {
        guard let value = bytes.integer(T.self, at: position) else { throw Self.truncated }
        position += MemoryLayout<T>.size
        return value
    }

    private mutating func take(_ count: Int) throws(PickleFault) -> UnsafeRawBufferPointer {
        guard let slice = bytes.slice(at: position, length: count) else { throw Self.truncated }
        position += count
        return slice
    }

    /// A newline-terminated line (GLOBAL's operands), without the newline.
    private mutating func line() throws(PickleFault) -> String {
        guard let rest = bytes.slice(at: position, length: bytes.count - position),
              let newline = rest.firstIndex(of: 0x0a) else { throw Self.truncated }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: rest[..<newline]), as: UTF8.self)
        position += newline + 1
        return text
    }

    private static let truncated = PickleFault.corrupt("the pickle ends before its STOP opcode (truncated)")

    /// LONG1's little-endian two's-complement integer.
    private static func long(_ data: UnsafeRawBufferPointer) -> PickleValue {
        let negative = (data.last ?? 0) & 0x80 != 0
        let fill: UInt8 = negative ? 0xff : 0
        guard data.dropFirst(8).allSatisfy({ $0 == fill }) else { return .wideInt(Array(data)) }
        var bits: UInt64 = negative ? .max : 0
        for (index, byte) in data.prefix(8).enumerated() {
            bits &= ~(UInt64(0xff) << (8 * index))
            bits |= UInt64(byte) << (8 * index)
        }
        return .int(Int(Int64(bitPattern: bits)))
    }

    // MARK: - The stack

    private mutating func push(_ value: PickleValue) {
        stack.append(value)
    }

    private mutating func pop() throws(PickleFault) -> PickleValue {
        guard stack.count > (marks.last ?? 0) else { throw Self.underflow }
        return stack.removeLast()
    }

    private func top() throws(PickleFault) -> PickleValue {
        guard stack.count > (marks.last ?? 0), let value = stack.last else { throw Self.underflow }
        return value
    }

    private mutating func replaceTop(with value: PickleValue) throws(PickleFault) {
        _ = try pop()
        push(value)
    }

    private mutating func popMark() throws(PickleFault) -> [PickleValue] {
        guard let mark = marks.popLast() else { throw .corrupt("an opcode takes the items since a MARK, but there is none") }
        let items = Array(stack[mark...])
        stack.removeSubrange(mark...)
        return items
    }

    private static let underflow = PickleFault.corrupt("an opcode needs a value the stack does not have")

    private func memoized(_ index: UInt32) throws(PickleFault) -> PickleValue {
        guard let value = memo[index] else { throw .corrupt("it fetches memo entry \(index), which was never stored") }
        return value
    }

    // MARK: - Building values

    private mutating func global() throws(PickleFault) -> PickleGlobal {
        let module = try line()
        let name = try line()
        guard let global = PickleGlobal.allowed(module: module, name: name) else {
            throw .refused("asks for the Python global \(module).\(name)")
        }
        return global
    }

    private static func call(_ function: PickleValue, _ arguments: PickleValue) throws(PickleFault) -> PickleValue {
        guard case .global(let global) = function else { throw .corrupt("it calls a \(function.typeName), which is not callable") }
        guard case .tuple(let tuple) = arguments else {
            throw .corrupt("it calls \(global.qualifiedName) with a \(arguments.typeName) instead of an argument tuple")
        }
        return try global.call(tuple.items)
    }

    private mutating func storage(_ id: PickleValue) throws(PickleFault) -> StorageReference {
        let reference = try PickleGlobal.storage(id)
        if let known = storages[reference.key] {
            guard known.dtype == reference.dtype, known.elementCount == reference.elementCount else {
                throw .corrupt("storage '\(reference.key)' is named both as \(known.elementCount) \(known.dtype.rawValue) "
                    + "and as \(reference.elementCount) \(reference.dtype.rawValue) elements")
            }
        } else {
            storages[reference.key] = reference
        }
        return reference
    }

    private func tuple(_ items: [PickleValue]) throws(PickleFault) -> PickleValue {
        .tuple(PickleTuple(items: items, depth: try Self.depth(holding: items, from: 1)))
    }

    private func append(_ items: [PickleValue]) throws(PickleFault) {
        let target = try top()
        guard case .list(let list) = target else { throw .corrupt("it appends to a \(target.typeName), not a list") }
        list.depth = try Self.depth(holding: items, from: list.depth)
        guard !list.isNested else { throw Self.changedAfterNesting }
        list.items.append(contentsOf: items)
    }

    private func setItems(_ items: [PickleValue]) throws(PickleFault) {
        let target = try top()
        guard case .dict(let dict) = target else { throw .corrupt("it sets items of a \(target.typeName), not a dict") }
        guard items.count.isMultiple(of: 2) else { throw .corrupt("SETITEMS has a key without a value") }
        dict.depth = try Self.depth(holding: items, from: dict.depth)
        guard !dict.isNested else { throw Self.changedAfterNesting }
        for index in stride(from: 0, to: items.count, by: 2) {
            dict.entries.append((key: items[index], value: items[index + 1]))
        }
    }

    private static let changedAfterNesting = PickleFault.refused(
        "it changes a list or dict after placing it inside another value, which a state dict never does")

    /// The depth of a container of depth `depth` once it holds `children`, up to `maximumDepth`; the lists and
    /// dicts among them are marked nested, so they may no longer change.
    private static func depth(holding children: [PickleValue], from depth: Int) throws(PickleFault) -> Int {
        var depth = depth
        for child in children {
            switch child {
            case .list(let list): list.isNested = true
            case .dict(let dict): dict.isNested = true
            default: break
            }
            depth = max(depth, child.depth + 1)
        }
        guard depth <= maximumDepth else { throw .refused("values nest more than \(maximumDepth) levels deep") }
        return depth
    }

    /// The opcodes `torch.load(weights_only=True)` accepts (pickle protocol 2), and no others.
    private enum Opcode {
        static let mark: UInt8 = 0x28, emptyTuple: UInt8 = 0x29, stop: UInt8 = 0x2e
        static let binFloat: UInt8 = 0x47, binInt: UInt8 = 0x4a, binInt1: UInt8 = 0x4b, binInt2: UInt8 = 0x4d
        static let none: UInt8 = 0x4e, binPersistentID: UInt8 = 0x51, reduce: UInt8 = 0x52
        static let shortBinString: UInt8 = 0x55, binUnicode: UInt8 = 0x58, emptyList: UInt8 = 0x5d
        static let append: UInt8 = 0x61, build: UInt8 = 0x62, global: UInt8 = 0x63, appends: UInt8 = 0x65
        static let binGet: UInt8 = 0x68, longBinGet: UInt8 = 0x6a, binPut: UInt8 = 0x71, longBinPut: UInt8 = 0x72
        static let setItem: UInt8 = 0x73, tuple: UInt8 = 0x74, setItems: UInt8 = 0x75, emptyDict: UInt8 = 0x7d
        static let proto: UInt8 = 0x80, newObject: UInt8 = 0x81, long1: UInt8 = 0x8a
        static let tuple1: UInt8 = 0x85, tuple2: UInt8 = 0x86, tuple3: UInt8 = 0x87
        static let newTrue: UInt8 = 0x88, newFalse: UInt8 = 0x89, emptySet: UInt8 = 0x8f
    }
}
