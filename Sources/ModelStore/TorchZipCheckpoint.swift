import Foundation

/// The zip container `torch.save` has written since PyTorch 1.6: `PREFIX/data.pkl` (the pickled state dict),
/// `PREFIX/data/KEY` (each storage's raw bytes) and `PREFIX/byteorder` (little-endian when absent).
enum TorchZipCheckpoint {
    static func tensors(in bytes: CheckedBytes, url: URL) throws -> [String: StridedTensor] {
        let archive = try ZipArchive(bytes, url: url)
        try checkByteOrder(archive, bytes: bytes)
        let pickleName = "\(archive.prefix)/data.pkl"
        guard let range = try archive.dataRange(of: "data.pkl"), let pickle = bytes.slice(range) else {
            throw ModelStoreError.corruptWeights(url, "the archive has no record \(pickleName), so it is not a PyTorch "
                + "checkpoint; fetch the file again")
        }
        let result = try RestrictedUnpickler.load(CheckedBytes(buffer: pickle), url: url, part: "record \(pickleName)")
        var storages: [String: Range<Int>] = [:]
        for (key, reference) in result.storages {
            storages[key] = try storageRecord(key, reference, archive: archive)
        }
        return try TorchStateDict.placed(TorchStateDict.tensors(in: result.value, url: url), storages: storages, url: url)
    }

    /// The record holding storage `key`, checked to hold exactly the elements the pickle declares.
    private static func storageRecord(_ key: String, _ reference: StorageReference, archive: ZipArchive) throws -> Range<Int> {
        let name = "\(archive.prefix)/data/\(key)"
        guard let range = try archive.dataRange(of: "data/\(key)") else {
            throw ModelStoreError.corruptWeights(archive.url, "the pickle names storage '\(key)' but the archive has no "
                + "record \(name); the file is damaged — fetch it again")
        }
        let (expected, overflow) = reference.elementCount.multipliedReportingOverflow(by: reference.dtype.byteSize)
        guard !overflow, expected == range.count else {
            throw ModelStoreError.corruptWeights(archive.url, "record \(name) has \(range.count) bytes but the pickle "
                + "declares \(reference.elementCount) \(reference.dtype.rawValue) elements of \(reference.dtype.byteSize) "
                + "bytes; the file is damaged — fetch it again")
        }
        return range
    }

    /// Refuses archives whose `byteorder` record says `big`: their storages are not little-endian.
    private static func checkByteOrder(_ archive: ZipArchive, bytes: CheckedBytes) throws {
        guard let range = try archive.dataRange(of: "byteorder"), let record = bytes.slice(range) else { return }
        let order = String(decoding: record, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        switch order {
        case "little": return
        case "big":
            throw ModelStoreError.corruptWeights(archive.url, "was saved on a big-endian machine (its byteorder record "
                + "says 'big'), and only little-endian checkpoints can be read; load it with torch and save it again "
                + "as model.safetensors")
        default:
            throw ModelStoreError.corruptWeights(archive.url, "its byteorder record says '\(order.prefix(20))' instead of "
                + "'little' or 'big'; the file is damaged — fetch it again")
        }
    }
}
