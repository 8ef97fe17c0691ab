/// Writes PyTorch checkpoints for tests: zip archives laid out as torch.save writes them (local extra fields that
/// pad the data to 64 bytes, optional ZIP64 records) and the legacy stream of five pickles and raw storages.
enum TorchCheckpointWriter {
    /// One zip record; `method` 8 marks it deflated (the bytes are left as they are).
    struct Record {
        var name: String
        var data: [UInt8]
        var method: UInt16 = 0
    }

    /// A checkpoint archive: `prefix/data.pkl`, `prefix/byteorder` (unless nil), `prefix/data/KEY` per storage.
    static func zip(pickle: [UInt8], storages: [(key: String, bytes: [UInt8])], prefix: String = "archive",
                    byteorder: String? = "little", zip64: Bool = true) -> [UInt8] {
        var records = [Record(name: "\(prefix)/data.pkl", data: pickle)]
        if let byteorder { records.append(Record(name: "\(prefix)/byteorder", data: Array(byteorder.utf8))) }
        records += storages.map { Record(name: "\(prefix)/data/\($0.key)", data: $0.bytes) }
        records.append(Record(name: "\(prefix)/version", data: Array("3\n".utf8)))
        return archive(records, zip64: zip64)
    }

    /// A stored zip archive; with `zip64`, the central directory gives local offsets through ZIP64 extra fields
    /// and the end record points at ZIP64 end records, as PyTorch's writer does.
    static func archive(_ records: [Record], zip64: Bool = true) -> [UInt8] {
        var file: [UInt8] = []
        var directory: [UInt8] = []
        for record in records {
            let name = Array(record.name.utf8)
            let localOffset = file.count
            let unpadded = localOffset + 30 + name.count + 4
            let padding = (64 - unpadded % 64) % 64
            let extra = [0x46, 0x42] + le(UInt16(padding)) + [UInt8](repeating: 0x5a, count: padding)
            file += le(UInt32(0x0403_4b50)) + le(UInt16(20)) + le(UInt16(0)) + le(record.method) + le(UInt32(0))
                + le(UInt32(0)) + le(UInt32(record.data.count)) + le(UInt32(record.data.count))
                + le(UInt16(name.count)) + le(UInt16(extra.count)) + name + extra + record.data
            let centralExtra = zip64 ? le(UInt16(1)) + le(UInt16(8)) + le(UInt64(localOffset)) : []
            directory += le(UInt32(0x0201_4b50)) + le(UInt16(45)) + le(UInt16(45)) + le(UInt16(0)) + le(record.method)
                + le(UInt32(0)) + le(UInt32(0)) + le(UInt32(record.data.count)) + le(UInt32(record.data.count))
                + le(UInt16(name.count)) + le(UInt16(centralExtra.count)) + le(UInt16(0)) + le(UInt16(0))
                + le(UInt16(0)) + le(UInt32(0)) + le(zip64 ? UInt32.max : UInt32(localOffset)) + name + centralExtra
        }
        let directoryOffset = file.count
        file += directory
        if zip64 {
            let zip64End = file.count
            file += le(UInt32(0x0606_4b50)) + le(UInt64(44)) + le(UInt16(45)) + le(UInt16(45)) + le(UInt32(0))
                + le(UInt32(0)) + le(UInt64(records.count)) + le(UInt64(records.count))
                + le(UInt64(directory.count)) + le(UInt64(directoryOffset))
            file += le(UInt32(0x0706_4b50)) + le(UInt32(0)) + le(UInt64(zip64End)) + le(UInt32(1))
        }
        file += le(UInt32(0x0605_4b50)) + le(UInt16(0)) + le(UInt16(0))
            + le(zip64 ? UInt16.max : UInt16(records.count)) + le(zip64 ? UInt16.max : UInt16(records.count))
            + le(UInt32(directory.count)) + le(zip64 ? UInt32.max : UInt32(directoryOffset)) + le(UInt16(0))
        return file
    }

    /// The legacy stream: magic number, protocol version, system info, `pickle`, the keys, then each storage as
    /// an int64 element count (`count`, default the byte count / element size) and its bytes.
    static func legacy(pickle: [UInt8], storages: [(key: String, count: Int, bytes: [UInt8])],
                       littleEndian: Bool = true) -> [UInt8] {
        let magic: [UInt8] = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e]
        let version: [UInt8] = [0x80, 0x02, 0x4d, 0xe9, 0x03, 0x2e]
        let information = PickleBuilder().emptyDict().mark()
            .string("protocol_version").int(1001)
            .string("little_endian").raw(littleEndian ? [0x88] : [0x89])
            .string("type_sizes").emptyDict().mark().string("short").int(2).string("int").int(4).string("long").int(8)
            .setItems().setItems().stop().bytes
        let keys = storages.reduce(PickleBuilder().emptyList().mark()) { $0.string($1.key) }.appends().stop().bytes
        var file = magic + version + information + pickle + keys
        for storage in storages { file += le(UInt64(storage.count)) + storage.bytes }
        return file
    }

    private static func le<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        PickleBuilder.littleEndian(value)
    }
}
