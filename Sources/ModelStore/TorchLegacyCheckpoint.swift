import Foundation

/// The stream `torch.save` wrote before PyTorch 1.6: five pickles (magic number, protocol version 1001, system
/// info, the state dict, the storage keys in order), then each storage as an int64 element count and its bytes.
enum TorchLegacyCheckpoint {
    /// How the stream starts: PROTO 2, then LONG1 with the 10 bytes of the magic number.
    static let signature: [UInt8] = [0x80, 0x02, 0x8a, 0x0a]
    /// 0x1950a86a20f9469cfc6c, little-endian.
    private static let magicNumber: [UInt8] = [0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19]
    private static let protocolVersion = 1001

    static func tensors(in bytes: CheckedBytes, url: URL) throws -> [String: StridedTensor] {
        func load(from start: Int, _ part: String) throws -> RestrictedUnpickler.Result {
            try RestrictedUnpickler.load(bytes, from: start, url: url, part: part)
        }
        let magic = try load(from: 0, "the magic number")
        guard case .wideInt(let number) = magic.value, number == magicNumber else {
            throw ModelStoreError.corruptWeights(url, "does not start with PyTorch's magic number; it is not a PyTorch "
                + "checkpoint — fetch it again")
        }
        let version = try load(from: magic.end, "the protocol version")
        guard case .int(protocolVersion) = version.value else {
            let found = if case .int(let number) = version.value { "\(number)" } else { "a \(version.value.typeName)" }
            throw ModelStoreError.corruptWeights(url, "its legacy protocol version is \(found), not \(protocolVersion); "
                + "it was not written by torch.save")
        }
        let info = try load(from: version.end, "the system information")
        try checkLittleEndian(info.value, url: url)
        let object = try load(from: info.end, "the pickled state dict")
        let keys = try load(from: object.end, "the list of storage keys")
        let storages = try storageData(try strings(keys.value, url: url), declared: object.storages,
                                       start: keys.end, bytes: bytes, url: url)
        return try TorchStateDict.placed(TorchStateDict.tensors(in: object.value, url: url), storages: storages, url: url)
    }

    /// Refuses a stream whose system information says it was written on a big-endian machine.
    private static func checkLittleEndian(_ info: PickleValue, url: URL) throws {
        guard case .dict(let fields) = info, case .bool(false)? = fields.value(forKey: "little_endian") else { return }
        throw ModelStoreError.corruptWeights(url, "was saved on a big-endian machine (its system information says "
            + "little_endian False), and only little-endian checkpoints can be read; load it with torch and save it "
            + "again as model.safetensors")
    }

    private static func strings(_ value: PickleValue, url: URL) throws -> [String] {
        guard case .list(let list) = value else {
            throw ModelStoreError.corruptWeights(url, "its storage keys are a \(value.typeName), not a list; "
                + "the file is damaged — fetch it again")
        }
        return try list.items.map { item in
            guard case .string(let key) = item else {
                throw ModelStoreError.corruptWeights(url, "a storage key is a \(item.typeName), not a str; "
                    + "the file is damaged — fetch it again")
            }
            return key
        }
    }

    /// The bytes of each storage, laid one after the other from `start` in the order of `keys`, each after its
    /// element count, which must be the one the pickle declared.
    private static func storageData(_ keys: [String], declared: [String: StorageReference], start: Int,
                                    bytes: CheckedBytes, url: URL) throws -> [String: Range<Int>] {
        var storages: [String: Range<Int>] = [:]
        var position = start
        for key in keys {
            guard let reference = declared[key] else {
                throw ModelStoreError.corruptWeights(url, "lists storage '\(key)', which the state dict never uses, so "
                    + "its size is unknown; the file is damaged — fetch it again")
            }
            guard let count = bytes.integer(UInt64.self, at: position) else {
                throw truncated(url, key, needs: 8, from: position, bytes: bytes)
            }
            guard count == UInt64(reference.elementCount) else {
                throw ModelStoreError.corruptWeights(url, "storage '\(key)' at byte \(position) holds \(count) elements "
                    + "but the pickle declares \(reference.elementCount); the file is damaged — fetch it again")
            }
            let dataStart = position + 8
            let (length, overflow) = reference.elementCount.multipliedReportingOverflow(by: reference.dtype.byteSize)
            guard !overflow, let data = bytes.slice(at: dataStart, length: length) else {
                throw truncated(url, key, needs: overflow ? Int.max : length, from: dataStart, bytes: bytes)
            }
            storages[key] = dataStart..<(dataStart + data.count)
            position = dataStart + data.count
        }
        return storages
    }

    private static func truncated(_ url: URL, _ key: String, needs length: Int, from start: Int, bytes: CheckedBytes)
        -> ModelStoreError {
        .corruptWeights(url, "truncated: storage '\(key)' needs \(length) bytes from byte \(start) but the file has "
            + "\(bytes.count) bytes; the download was probably interrupted — fetch the file again")
    }
}
