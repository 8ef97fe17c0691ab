import Foundation

/// The records of a zip archive as `torch.save` writes it (PyTorch ≥ 1.6): names and data ranges read from the
/// central directory (ZIP64 records included), each data start read from the record's local header, every range
/// checked against the file. Only stored (uncompressed) records can be read, as PyTorch writes nothing else.
struct ZipArchive {
    /// Where one record's bytes lie in the file, and whether they are stored as they are.
    struct Record {
        let dataRange: Range<Int>
        let isStored: Bool
    }

    let url: URL
    /// The folder every record name starts with: `archive`, or the stem of the file name torch.save was given.
    let prefix: String
    private let records: [String: Record]

    private enum Signature {
        static let localHeader: UInt32 = 0x0403_4b50
        static let directoryEntry: UInt32 = 0x0201_4b50
        static let end: UInt32 = 0x0605_4b50
        static let zip64End: UInt32 = 0x0606_4b50
        static let zip64Locator: UInt32 = 0x0706_4b50
    }
    private static let endRecordSize = 22
    private static let directoryEntrySize = 46
    private static let localHeaderSize = 30
    private static let maximumCommentLength = 0xffff

    /// Reads the directory of the archive held in `bytes` (the whole file at `url`).
    init(_ bytes: CheckedBytes, url: URL) throws {
        self.url = url
        let directory = try Self.directory(bytes, url: url)
        var records: [String: Record] = [:]
        var firstName: String?
        var position = directory.offset
        for _ in 0..<directory.entryCount {
            let (name, record, next) = try Self.entry(bytes, at: position, url: url)
            firstName = firstName ?? name
            records[name] = record
            position = next
        }
        guard let firstName, let slash = firstName.firstIndex(of: "/") else {
            throw Self.corrupt(url, "not a PyTorch archive: its first record is not inside a folder")
        }
        prefix = String(firstName[..<slash])
        self.records = records
    }

    /// The data range of the record `prefix/name`, nil when there is none; throws when it is compressed.
    func dataRange(of name: String) throws -> Range<Int>? {
        guard let record = records["\(prefix)/\(name)"] else { return nil }
        guard record.isStored else {
            throw Self.corrupt(url, "record '\(prefix)/\(name)' is compressed, which torch.save never does; "
                + "the archive was repacked by another tool — save the weights again with torch.save")
        }
        return record.dataRange
    }

    // MARK: - Directory

    private static func directory(_ bytes: CheckedBytes, url: URL) throws -> (offset: Int, entryCount: Int) {
        guard let end = endRecordOffset(bytes) else {
            throw corrupt(url, "truncated or not a zip archive: it has no end-of-central-directory record; "
                + "the download was probably interrupted — fetch the file again")
        }
        var entryCount = bytes.integer(UInt16.self, at: end + 10).map(Int.init) ?? 0
        var offset = bytes.integer(UInt32.self, at: end + 16).map(Int.init) ?? 0
        let locator = end - 20
        if bytes.integer(UInt32.self, at: locator) == Signature.zip64Locator {
            guard let zip64End = bytes.integer(UInt64.self, at: locator + 8).flatMap(Int.init(exactly:)),
                  bytes.integer(UInt32.self, at: zip64End) == Signature.zip64End,
                  let count = bytes.integer(UInt64.self, at: zip64End + 32).flatMap(Int.init(exactly:)),
                  let start = bytes.integer(UInt64.self, at: zip64End + 48).flatMap(Int.init(exactly:)) else {
                throw corrupt(url, "its ZIP64 end-of-central-directory record is damaged; fetch the file again")
            }
            (entryCount, offset) = (count, start)
        }
        guard entryCount > 0, entryCount <= bytes.count / directoryEntrySize, offset >= 0, offset < bytes.count else {
            throw corrupt(url, "its central directory (\(entryCount) records at byte \(offset)) does not fit in the "
                + "\(bytes.count) bytes of the file; fetch the file again")
        }
        return (offset, entryCount)
    }

    /// The last end-of-central-directory signature that can start a record (it may be followed by a comment).
    private static func endRecordOffset(_ bytes: CheckedBytes) -> Int? {
        let last = bytes.count - endRecordSize
        guard last >= 0 else { return nil }
        let first = max(0, last - maximumCommentLength)
        return stride(from: last, through: first, by: -1).first { bytes.integer(UInt32.self, at: $0) == Signature.end }
    }

    // MARK: - Records

    private static func entry(_ bytes: CheckedBytes, at position: Int, url: URL) throws -> (String, Record, next: Int) {
        guard bytes.integer(UInt32.self, at: position) == Signature.directoryEntry,
              let method = bytes.integer(UInt16.self, at: position + 10),
              let compressed32 = bytes.integer(UInt32.self, at: position + 20),
              let uncompressed32 = bytes.integer(UInt32.self, at: position + 24),
              let nameLength = bytes.integer(UInt16.self, at: position + 28).map(Int.init),
              let extraLength = bytes.integer(UInt16.self, at: position + 30).map(Int.init),
              let commentLength = bytes.integer(UInt16.self, at: position + 32).map(Int.init),
              let offset32 = bytes.integer(UInt32.self, at: position + 42),
              let nameBytes = bytes.slice(at: position + directoryEntrySize, length: nameLength),
              let extra = bytes.slice(at: position + directoryEntrySize + nameLength, length: extraLength) else {
            throw corrupt(url, "its central directory is damaged at byte \(position); fetch the file again")
        }
        let name = String(decoding: nameBytes, as: UTF8.self)
        var zip64 = Zip64Fields(extra: CheckedBytes(buffer: extra))
        guard let uncompressed = zip64.value(replacing: uncompressed32),
              let compressed = zip64.value(replacing: compressed32),
              let localOffset = zip64.value(replacing: offset32) else {
            throw corrupt(url, "record '\(name)' has a damaged ZIP64 extra field; fetch the file again")
        }
        let start = try dataStart(bytes, localHeader: localOffset, name: name, url: url)
        guard start <= bytes.count, compressed <= bytes.count - start else {
            throw corrupt(url, "truncated: record '\(name)' needs bytes \(start)..<\(start + min(compressed, Int.max - start)) "
                + "but the file has \(bytes.count); the download was probably interrupted — fetch the file again")
        }
        let isStored = method == 0
        if isStored, compressed != uncompressed {
            throw corrupt(url, "record '\(name)' is stored with \(compressed) bytes but says it holds \(uncompressed); "
                + "fetch the file again")
        }
        let record = Record(dataRange: start..<(start + compressed), isStored: isStored)
        return (name, record, position + directoryEntrySize + nameLength + extraLength + commentLength)
    }

    /// Where a record's data begins: after its local header, whose name and extra field lengths may differ from
    /// the central directory's (PyTorch pads the local extra field to align the data).
    private static func dataStart(_ bytes: CheckedBytes, localHeader offset: Int, name: String, url: URL) throws -> Int {
        guard bytes.integer(UInt32.self, at: offset) == Signature.localHeader,
              let nameLength = bytes.integer(UInt16.self, at: offset + 26),
              let extraLength = bytes.integer(UInt16.self, at: offset + 28) else {
            throw corrupt(url, "record '\(name)' points at byte \(offset), where there is no local header; "
                + "the file is damaged or truncated — fetch it again")
        }
        return offset + localHeaderSize + Int(nameLength) + Int(extraLength)
    }

    static func corrupt(_ url: URL, _ detail: String) -> ModelStoreError {
        .corruptWeights(url, detail)
    }
}

/// The 64-bit values of a ZIP64 extra field, taken in order for each 32-bit field that is saturated (0xFFFFFFFF).
private struct Zip64Fields {
    private static let zip64ID: UInt16 = 0x0001
    private var values: [UInt64] = []

    init(extra: CheckedBytes) {
        var position = 0
        while let id = extra.integer(UInt16.self, at: position), let size = extra.integer(UInt16.self, at: position + 2) {
            if id == Self.zip64ID, let field = extra.slice(at: position + 4, length: Int(size)) {
                let data = CheckedBytes(buffer: field)
                values = stride(from: 0, to: Int(size) - 7, by: 8).compactMap { data.integer(UInt64.self, at: $0) }
                return
            }
            position += 4 + Int(size)
        }
    }

    /// `field` itself, or the next ZIP64 value when `field` is saturated; nil when that value is missing or too large.
    mutating func value(replacing field: UInt32) -> Int? {
        guard field == UInt32.max else { return Int(field) }
        guard !values.isEmpty else { return nil }
        return Int(exactly: values.removeFirst())
    }
}
