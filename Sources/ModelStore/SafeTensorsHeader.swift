import Foundation

/// Reads and checks the header of a safetensors file: an 8-byte little-endian length, then that many bytes of JSON
/// mapping each tensor name to its dtype, shape and `data_offsets` relative to the end of the header.
enum SafeTensorsHeader {
    /// Headers longer than this are not plausible (the reference library refuses them too).
    static let maximumLength = 100_000_000
    static let metadataKey = "__metadata__"

    /// The tensors the header of `file` (read from `url`) describes, each checked to lie inside the file.
    static func tensors(in file: MappedFile, url: URL) throws -> [String: TensorInfo] {
        guard file.count >= 8 else {
            throw ModelStoreError.corruptWeights(url, "truncated: the file has \(file.count) bytes, fewer than the 8 of "
                + "a safetensors header length; the download was probably interrupted — fetch the file again")
        }
        let headerLength = headerLength(file)
        let available = file.count - 8
        guard headerLength <= UInt64(available) else {
            if headerLength <= UInt64(maximumLength) {
                throw ModelStoreError.corruptWeights(url, "truncated: the header says \(headerLength) bytes but the file has "
                    + "\(file.count); the download was probably interrupted — fetch the file again")
            }
            throw ModelStoreError.corruptWeights(url, "not a safetensors file: its first 8 bytes give a header length of "
                + "\(headerLength) bytes, more than the whole file (\(file.count) bytes); it may be a PyTorch file or a web page "
                + "saved under this name — fetch model.safetensors again")
        }
        let dataStart = 8 + Int(headerLength)
        let header = try JSONObject.parse(Data(file.bytes(8..<dataStart)), from: url)
        var tensors: [String: TensorInfo] = [:]
        for (name, entry) in header.fields where name != metadataKey {
            let fields = try header.nested(entry, key: name)
            tensors[name] = try tensor(name, fields, dataStart: dataStart, fileSize: file.count)
        }
        try checkNoOverlap(tensors.values, url: url)
        return tensors
    }

    /// Refuses two tensors whose bytes overlap (the reference library does too): writing one would change the other.
    private static func checkNoOverlap(_ tensors: some Collection<TensorInfo>, url: URL) throws {
        let placed = tensors.filter { !$0.byteRange.isEmpty }.sorted { $0.byteRange.lowerBound < $1.byteRange.lowerBound }
        for (first, second) in zip(placed, placed.dropFirst()) where second.byteRange.lowerBound < first.byteRange.upperBound {
            throw ModelStoreError.corruptWeights(url, "tensors '\(first.name)' and '\(second.name)' overlap (bytes "
                + "\(first.byteRange) and \(second.byteRange)); the file is damaged — fetch it again")
        }
    }

    private static func headerLength(_ file: MappedFile) -> UInt64 {
        UInt64(littleEndian: file.bytes(0..<8).loadUnaligned(as: UInt64.self))
    }

    private static func tensor(_ name: String, _ fields: JSONObject, dataStart: Int, fileSize: Int) throws -> TensorInfo {
        let url = fields.url
        guard let dtypeName = try fields.string("dtype") else { throw ModelStoreError.missingField(url, fields.fieldName("dtype")) }
        guard let dtype = TensorDType(rawValue: dtypeName) else {
            throw ModelStoreError.unsupportedDType(url, name, dtypeName)
        }
        let shape = try integers(fields, "shape")
        let offsets = try integers(fields, "data_offsets")
        guard offsets.count == 2, shape.allSatisfy({ $0 >= 0 }) else {
            throw corrupt(url, name, "has a malformed shape \(shape) or data_offsets \(offsets)")
        }
        let (begin, end) = (offsets[0], offsets[1])
        let dataSize = fileSize - dataStart
        guard begin >= 0, begin <= end, end <= dataSize else {
            throw corrupt(url, name, "has data_offsets [\(begin), \(end)] outside the \(dataSize) bytes of tensor data")
        }
        let byteCount = (shape + [dtype.byteSize]).checkedProduct
        guard end - begin == byteCount else {
            throw corrupt(url, name, "has shape \(shape) of \(dtype.rawValue) but \(end - begin) bytes of data")
        }
        return TensorInfo(name: name, dtype: dtype, shape: shape, byteRange: (dataStart + begin)..<(dataStart + end))
    }

    private static func integers(_ fields: JSONObject, _ key: String) throws -> [Int] {
        guard let items = try fields.array(key) else { throw ModelStoreError.missingField(fields.url, fields.fieldName(key)) }
        return try items.map { item in
            guard let number = JSONObject.wholeNumber(item) else { throw fields.invalid(key, "must be a list of whole numbers; fetch the file again") }
            return number
        }
    }

    private static func corrupt(_ url: URL, _ name: String, _ problem: String) -> ModelStoreError {
        .corruptWeights(url, "tensor '\(name)' \(problem); the file is damaged or truncated — fetch it again")
    }
}
