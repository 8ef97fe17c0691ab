import Foundation

/// Builds small safetensors files for tests: an 8-byte little-endian header length, the JSON header, the data.
enum SafeTensorsWriter {
    /// One tensor to write; `data_offsets` are computed from the order of the tensors.
    struct Tensor {
        var name: String
        var dtype: String
        var shape: [Int]
        var bytes: [UInt8]
    }

    /// A well-formed file; `headerPadding` spaces after the JSON move the data start (e.g. off 4-byte alignment).
    static func file(_ tensors: [Tensor], headerPadding: Int = 0) -> Data {
        var entries: [String] = [#""__metadata__":{"format":"pt"}"#]
        var offset = 0
        for tensor in tensors {
            entries.append(#""\#(tensor.name)":{"dtype":"\#(tensor.dtype)","shape":\#(tensor.shape),"data_offsets":[\#(offset),\#(offset + tensor.bytes.count)]}"#)
            offset += tensor.bytes.count
        }
        let header = "{" + entries.joined(separator: ",") + "}" + String(repeating: " ", count: headerPadding)
        return raw(header: header, data: tensors.flatMap(\.bytes))
    }

    /// A file with `header` taken verbatim; `headerLength` overrides the length field.
    static func raw(header: String, data: [UInt8], headerLength: UInt64? = nil) -> Data {
        let headerBytes = Array(header.utf8)
        var file = Data()
        withUnsafeBytes(of: (headerLength ?? UInt64(headerBytes.count)).littleEndian) { file.append(contentsOf: $0) }
        file.append(contentsOf: headerBytes)
        file.append(contentsOf: data)
        return file
    }

    static func bytes(float32 values: [Float]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init) }
    }

    /// Raw 16-bit patterns (F16 or BF16), little-endian.
    static func bytes(bits16 values: [UInt16]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.littleEndian, Array.init) }
    }
}
