import Foundation
import ModelStore
import Testing
import TestSupport

@Suite("Safetensors files")
struct SafeTensorsFileTests {
    let temporary: TemporaryFiles

    init() throws {
        temporary = try TemporaryFiles()
    }

    /// Writes `contents` as `model.safetensors` in the test's directory.
    private func write(_ contents: Data) throws -> URL {
        let url = try temporary.file("model.safetensors")
        try contents.write(to: url)
        return url
    }

    /// The detail and message of the `corruptWeights` error that opening `contents` gives, checked to name the file.
    private func corruption(_ contents: Data) throws -> (detail: String, message: String) {
        let url = try write(contents)
        let error = try #require(throws: ModelStoreError.self) { try SafeTensorsFile(url: url) }
        guard case .corruptWeights(url, let detail) = error else {
            Issue.record("expected corruptWeights, got \(error)")
            return ("", "")
        }
        #expect(error.description.contains(url.path))
        return (detail, error.description)
    }

    @Test func readsFloat32EvenWhenTheDataIsNotAligned() throws {
        let values: [Float] = [1.5, -2.25, 0, .infinity, 0x1p-140]
        for padding in 0..<4 {
            let url = try write(SafeTensorsWriter.file([
                .init(name: "a", dtype: "F32", shape: [1], bytes: SafeTensorsWriter.bytes(float32: [9])),
                .init(name: "b", dtype: "F32", shape: [5], bytes: SafeTensorsWriter.bytes(float32: values)),
            ], headerPadding: padding))
            let file = try SafeTensorsFile(url: url)
            #expect(try file.floats("b", shape: [5]) == values)
            #expect(try file.floats("a", shape: [1]) == [9])
            let info = try #require(file.tensors["b"])
            #expect(info.dtype == .f32)
            #expect(info.byteRange.count == 20)
        }
    }

    @Test func byteRangesCountFromTheStartOfTheFile() throws {
        let contents = SafeTensorsWriter.file([
            .init(name: "x", dtype: "BF16", shape: [2, 1], bytes: SafeTensorsWriter.bytes(bits16: [0x3f80, 0x4000])),
        ])
        let file = try SafeTensorsFile(url: try write(contents))
        let info = try #require(file.tensors["x"])
        #expect(info == TensorInfo(name: "x", dtype: .bf16, shape: [2, 1], byteRange: (contents.count - 4)..<contents.count))
        #expect(file.tensors["__metadata__"] == nil)
    }

    @Test func widensEveryHalfPrecisionValueExactly() throws {
        let patterns = (0...UInt16.max).map { $0 }
        for padding in [0, 1] {
            let url = try write(SafeTensorsWriter.file([
                .init(name: "all", dtype: "F16", shape: [patterns.count], bytes: SafeTensorsWriter.bytes(bits16: patterns)),
            ], headerPadding: padding))
            let values = try SafeTensorsFile(url: url).floats("all", shape: [patterns.count])
            let mismatches = zip(patterns, values).filter { bits, value in
                let expected = Float(Float16(bitPattern: bits))
                return expected.isNaN ? !value.isNaN : expected.bitPattern != value.bitPattern
            }
            #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
        }
    }

    @Test func widensKnownHalfPrecisionValues() throws {
        let bits: [UInt16] = [0x3c00, 0xc000, 0x3800, 0x7bff, 0x0001, 0x03ff, 0x7c00, 0xfc00, 0x8000]
        let expected: [Float] = [1, -2, 0.5, 65504, 0x1p-24, 0x1.ff8p-15, .infinity, -.infinity, -0.0]
        let url = try write(SafeTensorsWriter.file([
            .init(name: "h", dtype: "F16", shape: [bits.count], bytes: SafeTensorsWriter.bytes(bits16: bits)),
            .init(name: "nan", dtype: "F16", shape: [], bytes: SafeTensorsWriter.bytes(bits16: [0x7e00])),
        ]))
        let file = try SafeTensorsFile(url: url)
        let values = try file.floats("h", shape: [bits.count])
        #expect(values.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(try file.floats("nan", shape: []).first?.isNaN == true)
    }

    @Test func widensBFloat16() throws {
        let url = try write(SafeTensorsWriter.file([
            .init(name: "b", dtype: "BF16", shape: [2, 2], bytes: SafeTensorsWriter.bytes(bits16: [0x3f80, 0xc040, 0x4049, 0x0000])),
        ], headerPadding: 1))
        #expect(try SafeTensorsFile(url: url).floats("b", shape: [2, 2]) == [1, -3, 3.140625, 0])
    }

    @Test func refusesAMissingTensor() throws {
        let url = try write(SafeTensorsWriter.file([]))
        let error = try #require(throws: ModelStoreError.self) { try SafeTensorsFile(url: url).floats("w", shape: [1]) }
        guard case .missingTensor(url, "w") = error else { Issue.record("got \(error)"); return }
        #expect(error.description.contains(url.path))
        #expect(error.description.contains("'w'"))
    }

    @Test func refusesTheWrongShape() throws {
        let url = try write(SafeTensorsWriter.file([
            .init(name: "w", dtype: "F32", shape: [2, 3], bytes: SafeTensorsWriter.bytes(float32: [1, 2, 3, 4, 5, 6])),
        ]))
        let error = try #require(throws: ModelStoreError.self) { try SafeTensorsFile(url: url).floats("w", shape: [3, 2]) }
        guard case .wrongShape(url, "w", expected: [3, 2], found: [2, 3]) = error else { Issue.record("got \(error)"); return }
        #expect(error.description.contains(url.path))
    }

    @Test func refusesToReadIntegersAsFloats() throws {
        let url = try write(SafeTensorsWriter.file([
            .init(name: "ids", dtype: "I64", shape: [2], bytes: [UInt8](repeating: 0, count: 16)),
        ]))
        let file = try SafeTensorsFile(url: url)
        #expect(file.tensors["ids"]?.dtype == .i64)
        let error = try #require(throws: ModelStoreError.self) { try file.floats("ids", shape: [2]) }
        guard case .unsupportedDType(url, "ids", "I64") = error else { Issue.record("got \(error)"); return }
        #expect(error.description.contains(url.path))
    }

    @Test func refusesAnUnknownDType() throws {
        let url = try write(SafeTensorsWriter.file([.init(name: "odd", dtype: "F7", shape: [1], bytes: [0])]))
        let error = try #require(throws: ModelStoreError.self) { try SafeTensorsFile(url: url) }
        guard case .unsupportedDType(url, "odd", "F7") = error else { Issue.record("got \(error)"); return }
        #expect(error.description.contains(url.path))
    }

    @Test func refusesAFileShorterThanTheLengthField() throws {
        let (detail, _) = try corruption(Data([1, 2, 3]))
        #expect(detail.contains("truncated"))
    }

    @Test func refusesAFileThatEndsInsideTheHeader() throws {
        let whole = SafeTensorsWriter.file([
            .init(name: "w", dtype: "F32", shape: [1], bytes: SafeTensorsWriter.bytes(float32: [1])),
        ])
        let headerLength = whole.count - 8 - 4
        let (_, message) = try corruption(whole.prefix(20))
        #expect(message.contains("truncated: the header says \(headerLength) bytes but the file has 20"))
        #expect(message.contains("fetch the file again"))
    }

    @Test func refusesAHeaderLengthFarOutsideTheFile() throws {
        let (detail, _) = try corruption(Data("<!DOCTYPE html><html></html>".utf8))
        #expect(detail.contains("not a safetensors file"))
    }

    @Test func refusesAHeaderThatIsNotJSON() throws {
        let url = try write(SafeTensorsWriter.raw(header: "{not json", data: []))
        let error = try #require(throws: ModelStoreError.self) { try SafeTensorsFile(url: url) }
        guard case .invalidJSON(url, _) = error else { Issue.record("got \(error)"); return }
        #expect(error.description.contains(url.path))
    }

    @Test func refusesTensorOffsetsOutsideTheData() throws {
        let header = #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#
        let (detail, _) = try corruption(SafeTensorsWriter.raw(header: header, data: [0, 0, 0, 0]))
        #expect(detail.contains("'w'"))
        #expect(detail.contains("outside"))
    }

    @Test func refusesOverlappingTensors() throws {
        let header = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},"#
            + #""c":{"dtype":"F32","shape":[0],"data_offsets":[4,4]}}"#
        let (detail, _) = try corruption(SafeTensorsWriter.raw(header: header, data: [UInt8](repeating: 0, count: 8)))
        #expect(detail.contains("tensors 'a' and 'b' overlap"))
    }

    @Test func refusesOffsetsThatEndBeforeTheyBegin() throws {
        let header = #"{"w":{"dtype":"F32","shape":[0],"data_offsets":[4,0]}}"#
        let (detail, _) = try corruption(SafeTensorsWriter.raw(header: header, data: [0, 0, 0, 0]))
        #expect(detail.contains("'w'"))
    }

    @Test func refusesASizeThatDisagreesWithTheShape() throws {
        let header = #"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#
        let (detail, _) = try corruption(SafeTensorsWriter.raw(header: header, data: [UInt8](repeating: 0, count: 8)))
        #expect(detail.contains("shape [3]"))
    }

    @Test func reportsAMissingFile() throws {
        let url = try temporary.file("model.safetensors")
        let error = try #require(throws: ModelStoreError.self) { try SafeTensorsFile(url: url) }
        guard case .missingFile(url) = error else { Issue.record("got \(error)"); return }
        #expect(error.description.contains(url.path))
    }
}
