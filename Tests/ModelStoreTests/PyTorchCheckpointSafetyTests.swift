import Foundation
import ModelStore
import Testing
import TestSupport

/// Crafted `.bin` files: hostile pickles are refused before anything is built, damaged containers give one line
/// naming the file, and nothing crashes whatever the bytes.
@Suite("PyTorch checkpoints that are hostile or damaged")
struct PyTorchCheckpointSafetyTests {
    typealias Tensor = PickleBuilder.Tensor
    let temporary: TemporaryFiles

    init() throws {
        temporary = try TemporaryFiles()
    }

    private static let weight = Tensor(name: "w", key: "0", elementCount: 6, shape: [2, 3])
    private static let weightBytes = SafeTensorsWriter.bytes(float32: [1, 2, 3, 4, 5, 6])

    private func write(_ bytes: [UInt8], _ name: String = "pytorch_model.bin") throws -> URL {
        try temporary.write(name, bytes: bytes)
    }

    /// A zip checkpoint holding `pickle` and the storage "0" with `weightBytes`.
    private func zipCheckpoint(_ pickle: [UInt8], storage: [UInt8] = weightBytes, byteorder: String? = "little") throws -> URL {
        try write(TorchCheckpointWriter.zip(pickle: pickle, storages: [("0", storage)], byteorder: byteorder))
    }

    /// The error opening `url` gives, checked to be one line that names the file.
    private func failure(_ url: URL) throws -> ModelStoreError {
        let error = try #require(throws: ModelStoreError.self) { try PyTorchCheckpoint(url: url) }
        #expect(error.description.hasPrefix(url.path), "\(error)")
        #expect(!error.description.contains("\n"))
        return error
    }

    private func refusal(_ url: URL) throws -> String {
        let error = try failure(url)
        guard case .refusedPickle = error else { Issue.record("expected a refusal, got \(error)"); return "" }
        #expect(error.description.contains("nothing in it was run"))
        return error.description
    }

    private func corruption(_ url: URL) throws -> String {
        let error = try failure(url)
        guard case .corruptWeights = error else { Issue.record("expected corruptWeights, got \(error)"); return "" }
        return error.description
    }

    // MARK: - Well-formed crafted files

    @Test(arguments: [true, false])
    func readsACraftedZipWithOrWithoutZIP64Records(zip64: Bool) throws {
        let pickle = PickleBuilder.stateDict([Self.weight])
        let url = try write(TorchCheckpointWriter.zip(pickle: pickle, storages: [("0", Self.weightBytes)],
                                                      prefix: "some_name", zip64: zip64))
        #expect(try PyTorchCheckpoint(url: url).floats("w", shape: [2, 3]) == [1, 2, 3, 4, 5, 6])
    }

    @Test func readsACraftedLegacyFileWithTwoTensorsSharingAStorage() throws {
        let pickle = PickleBuilder.stateDict([
            Tensor(name: "row", key: "140", elementCount: 6, offset: 3, shape: [3]),
            Tensor(name: "column", key: "140", elementCount: 6, offset: 1, shape: [2], strides: [3]),
        ], legacy: true)
        let url = try write(TorchCheckpointWriter.legacy(pickle: pickle, storages: [("140", 6, Self.weightBytes)]))
        let weights = try PyTorchCheckpoint(url: url)
        #expect(try weights.floats("row", shape: [3]) == [4, 5, 6])
        #expect(try weights.floats("column", shape: [2]) == [2, 5])
    }

    @Test func readsAByteOrderlessArchiveAsLittleEndian() throws {
        let url = try zipCheckpoint(PickleBuilder.stateDict([Self.weight]), byteorder: nil)
        #expect(try PyTorchCheckpoint(url: url).floats("w", shape: [2, 3]) == [1, 2, 3, 4, 5, 6])
    }

    // MARK: - Hostile pickles

    @Test(arguments: [("os", "system"), ("posix", "system"), ("builtins", "eval"), ("builtins", "exec"),
                      ("__builtin__", "eval"), ("subprocess", "Popen"), ("torch", "load"), ("torch._utils", "_rebuild_tensor_v3"),
                      ("collections", "defaultdict"), ("torch.serialization", "_get_layout")])
    func refusesForeignGlobals(module: String, name: String) throws {
        let marker = temporary.directory.appendingPathComponent("ran")
        let pickle = PickleBuilder().global(module, name).string("touch \(marker.path)").tuple1().reduce().stop().bytes
        let message = try refusal(try zipCheckpoint(pickle))
        #expect(message.contains("global \(module).\(name)"))
        #expect(message.contains("record archive/data.pkl, byte 2"))
        #expect(!FileManager.default.fileExists(atPath: marker.path))
    }

    @Test func refusesAForeignGlobalHiddenInsideATensorsArguments() throws {
        let pickle = PickleBuilder().orderedDict().mark().string("w").global("torch._utils", "_rebuild_tensor_v2").mark()
            .global("os", "system").string("id").tuple1().reduce().tuple().reduce().setItems().stop().bytes
        let url = try write(TorchCheckpointWriter.legacy(pickle: pickle, storages: []))
        #expect(try refusal(url).contains("the pickled state dict, byte"))
    }

    @Test(arguments: [UInt8(ascii: "i"), UInt8(ascii: "o"), 0x93, UInt8(ascii: "B"), 0x95, 0x82, UInt8(ascii: "P"),
                      UInt8(ascii: "0"), UInt8(ascii: "2"), UInt8(ascii: "V"), UInt8(ascii: "I"), 0x94, 0x90, 0xff])
    func refusesOpcodesTorchDoesNotAccept(opcode: UInt8) throws {
        let url = try zipCheckpoint(PickleBuilder().emptyDict().raw([opcode]).stop().bytes)
        let message = try refusal(url)
        #expect(message.contains("opcode 0x\(String(opcode, radix: 16, uppercase: true))"))
        #expect(message.contains("byte 3"))
    }

    @Test func refusesAPersistentIDThatIsNotAStorage() throws {
        let pickle = PickleBuilder().mark().string("module").string("x").tuple().persistentID().stop().bytes
        #expect(try refusal(try zipCheckpoint(pickle)).contains("persistent id"))
    }

    @Test func refusesToSetTheStateOfATensor() throws {
        let pickle = PickleBuilder().tensor(Self.weight).emptyDict().build().stop().bytes
        #expect(try refusal(try zipCheckpoint(pickle)).contains("BUILD"))
    }

    @Test func refusesAListChangedAfterBeingNested() throws {
        let pickle = PickleBuilder().emptyList().put(0).tuple1().get(0).newTrue().append().stop().bytes
        #expect(try refusal(try zipCheckpoint(pickle)).contains("after placing it inside another value"))
        let selfContaining = PickleBuilder().emptyList().put(0).get(0).append().stop().bytes
        _ = try refusal(try zipCheckpoint(selfContaining))
    }

    @Test func refusesValuesNestedWithoutLimitInsteadOfOverflowingTheStack() throws {
        let deep = PickleBuilder().emptyTuple().raw([UInt8](repeating: 0x85, count: 200_000)).stop().bytes
        #expect(try refusal(try zipCheckpoint(deep)).contains("nest more than"))
    }

    // MARK: - Damaged pickles

    @Test func reportsEveryTruncationOfThePickle() throws {
        let pickle = PickleBuilder.stateDict([Self.weight])
        for length in 0..<pickle.count {
            let message = try corruption(try zipCheckpoint(Array(pickle.prefix(length))))
            #expect(message.contains("record archive/data.pkl"), "\(length): \(message)")
        }
    }

    @Test func reportsStackUnderflowAMissingMarkAndAnUnknownMemoEntry() throws {
        let cases: [(PickleBuilder, String)] = [
            (PickleBuilder().reduce(), "stack does not have"),
            (PickleBuilder().int(1).mark().tuple1(), "stack does not have"),
            (PickleBuilder().int(1).tuple(), "there is none"),
            (PickleBuilder().get(7), "memo entry 7"),
            (PickleBuilder().int(3).emptyTuple().reduce(), "not callable"),
            (PickleBuilder().orderedDict().int(1).setItem(), "stack does not have"),
            (PickleBuilder().emptyList().mark().int(1).setItems(), "not a dict"),
        ]
        for (pickle, expected) in cases {
            let message = try corruption(try zipCheckpoint(pickle.stop().bytes))
            #expect(message.contains(expected), "\(message)")
        }
    }

    @Test func refusesAPickleThatIsNotAStateDict() throws {
        #expect(try corruption(try zipCheckpoint(PickleBuilder().int(5).stop().bytes)).contains("not a state dict"))
        #expect(try corruption(try zipCheckpoint(PickleBuilder().orderedDict().stop().bytes)).contains("without any tensor"))
    }

    @Test func refusesRebuildArgumentsOfTheWrongKinds() throws {
        let pickle = PickleBuilder().orderedDict().mark().string("w").global("torch._utils", "_rebuild_tensor_v2")
            .mark().int(1).int(2).tuple().reduce().setItems().stop().bytes
        #expect(try corruption(try zipCheckpoint(pickle)).contains("_rebuild_tensor_v2 is called with (int, int)"))
    }

    @Test func refusesAStorageNamedWithTwoDifferentTypes() throws {
        let pickle = PickleBuilder.stateDict([Self.weight, Tensor(name: "v", storageType: "HalfStorage", key: "0",
                                                                  elementCount: 12, shape: [12])])
        #expect(try corruption(try zipCheckpoint(pickle)).contains("storage '0' is named both as 6 F32 and as 12 F16"))
    }

    // MARK: - Damaged storages and views

    @Test func refusesARecordWhoseSizeDisagreesWithTheDeclaredElementCount() throws {
        let message = try corruption(try zipCheckpoint(PickleBuilder.stateDict([Self.weight]), storage: Array(Self.weightBytes.prefix(20))))
        #expect(message.contains("record archive/data/0 has 20 bytes but the pickle declares 6 F32 elements"))
    }

    @Test func refusesAViewReachingPastItsStorage() throws {
        let views = [
            Tensor(name: "w", key: "0", elementCount: 6, offset: 1, shape: [2, 3]),
            Tensor(name: "w", key: "0", elementCount: 6, shape: [3, 3]),
            Tensor(name: "w", key: "0", elementCount: 6, shape: [2, 3], strides: [4, 1]),
            Tensor(name: "w", key: "0", elementCount: 6, shape: [2, Int(Int32.max)], strides: [Int(Int32.max), Int(Int32.max)]),
        ]
        for view in views {
            #expect(try corruption(try zipCheckpoint(PickleBuilder.stateDict([view]))).contains("reaches past the end"))
        }
    }

    @Test func refusesImpossibleLayouts() throws {
        let layouts = [
            Tensor(name: "w", key: "0", elementCount: 6, shape: [6], strides: [1, 1]),
            Tensor(name: "w", key: "0", elementCount: 6, offset: -1, shape: [2]),
            Tensor(name: "w", key: "0", elementCount: 6, shape: [-2]),
            Tensor(name: "w", key: "0", elementCount: 6, shape: [2], strides: [-1]),
            Tensor(name: "w", key: "0", elementCount: 6, offset: Int(Int32.max), shape: [0]),
        ]
        for layout in layouts {
            #expect(try corruption(try zipCheckpoint(PickleBuilder.stateDict([layout]))).contains("impossible layout"))
        }
    }

    @Test func readsEmptyTensorsWhateverTheirOtherSizesAndStrides() throws {
        let huge = 1 << 40
        let pickle = PickleBuilder.stateDict([
            Tensor(name: "empty", key: "0", elementCount: 6, offset: 6, shape: [huge, 0, huge], strides: [huge, huge, huge]),
        ])
        let weights = try PyTorchCheckpoint(url: try zipCheckpoint(pickle))
        #expect(try weights.floats("empty", shape: [huge, 0, huge]).isEmpty)
    }

    @Test func refusesATensorWhoseStorageRecordIsMissing() throws {
        let url = try write(TorchCheckpointWriter.zip(pickle: PickleBuilder.stateDict([Self.weight]), storages: []))
        #expect(try corruption(url).contains("no record archive/data/0"))
    }

    @Test func refusesLegacyStoragesWithTheWrongCountOrTooFewBytes() throws {
        let pickle = PickleBuilder.stateDict([Self.weight], legacy: true)
        let wrongCount = try write(TorchCheckpointWriter.legacy(pickle: pickle, storages: [("0", 7, Self.weightBytes)]))
        #expect(try corruption(wrongCount).contains("holds 7 elements but the pickle declares 6"))
        let short = try write(TorchCheckpointWriter.legacy(pickle: pickle, storages: [("0", 6, Array(Self.weightBytes.prefix(23)))]))
        #expect(try corruption(short).contains("truncated: storage '0' needs 24 bytes"))
        let unknownKey = try write(TorchCheckpointWriter.legacy(pickle: pickle, storages: [("9", 6, Self.weightBytes)]))
        #expect(try corruption(unknownKey).contains("lists storage '9'"))
    }

    // MARK: - Damaged containers

    @Test func refusesBigEndianCheckpointsOfBothKinds() throws {
        let zip = try zipCheckpoint(PickleBuilder.stateDict([Self.weight]), byteorder: "big")
        #expect(try corruption(zip).contains("big-endian"))
        let legacy = try write(TorchCheckpointWriter.legacy(pickle: PickleBuilder.stateDict([Self.weight], legacy: true),
                                                            storages: [("0", 6, Self.weightBytes)], littleEndian: false))
        #expect(try corruption(legacy).contains("big-endian"))
    }

    @Test func refusesACompressedRecord() throws {
        let records: [TorchCheckpointWriter.Record] = [
            .init(name: "archive/data.pkl", data: PickleBuilder.stateDict([Self.weight]), method: 8),
            .init(name: "archive/data/0", data: Self.weightBytes),
        ]
        #expect(try corruption(try write(TorchCheckpointWriter.archive(records))).contains("is compressed"))
    }

    @Test func refusesAnArchiveWithoutDataPickleOrFolder() throws {
        let noPickle = try write(TorchCheckpointWriter.archive([.init(name: "archive/data/0", data: Self.weightBytes)]))
        #expect(try corruption(noPickle).contains("no record archive/data.pkl"))
        let noFolder = try write(TorchCheckpointWriter.archive([.init(name: "data.pkl", data: [])]))
        #expect(try corruption(noFolder).contains("not inside a folder"))
    }

    @Test func refusesRecordsOutsideTheFile() throws {
        var bytes = TorchCheckpointWriter.zip(pickle: PickleBuilder.stateDict([Self.weight]), storages: [("0", Self.weightBytes)],
                                              zip64: false)
        let directory = try #require(Self.offset(of: [0x50, 0x4b, 0x01, 0x02], in: bytes))
        bytes.replaceSubrange((directory + 42)..<(directory + 46), with: PickleBuilder.littleEndian(UInt32(50_000_000)))
        #expect(try corruption(try write(bytes)).contains("no local header"))
        var oversized = TorchCheckpointWriter.zip(pickle: PickleBuilder.stateDict([Self.weight]),
                                                  storages: [("0", Self.weightBytes)], zip64: false)
        oversized.replaceSubrange((directory + 20)..<(directory + 28), with: [UInt8](repeating: 0xf0, count: 8))
        #expect(try corruption(try write(oversized)).contains("truncated: record"))
    }

    @Test func refusesFilesThatAreNoCheckpointAtAll() throws {
        let samples: [(String, [UInt8])] = [
            ("is empty", []),
            ("not a PyTorch checkpoint", Array("<!DOCTYPE html><html>not found</html>".utf8)),
            ("not a PyTorch checkpoint", Array("version https://git-lfs.github.com/spec/v1\noid sha256:00\n".utf8)),
            ("tar format", [UInt8](repeating: 0, count: 257) + Array("ustar".utf8) + [UInt8](repeating: 0, count: 250)),
            ("no end-of-central-directory", Array("PK\u{03}\u{04}".utf8) + [UInt8](repeating: 0, count: 60)),
        ]
        for (expected, bytes) in samples {
            #expect(try corruption(try write(bytes)).contains(expected))
        }
    }

    @Test func reportsAMissingFile() throws {
        let url = temporary.directory.appendingPathComponent("pytorch_model.bin")
        let error = try #require(throws: ModelStoreError.self) { try PyTorchCheckpoint(url: url) }
        guard case .missingFile(url) = error else { Issue.record("got \(error)"); return }
    }

    // MARK: - Fuzzing with real files

    /// Truncations and single-byte changes of torch-made files (at every position of the legacy file, at every
    /// `step`th of the zip, which is mostly alignment padding) either read or give a `ModelStoreError` naming the
    /// file; reading every tensor of whatever opens never traps either.
    @Test(arguments: [("torch-layouts-legacy.bin", 1), ("torch-layouts.bin", 5)])
    func survivesTruncationsAndByteChanges(file: String, step: Int) throws {
        let original = try [UInt8](Data(contentsOf: PyTorchCheckpointTests.fixtures.appendingPathComponent(file)))
        let url = temporary.directory.appendingPathComponent("fuzz.bin")
        let positions = stride(from: 0, to: original.count, by: step)
        var variants = positions.map { Array(original.prefix($0)) }
        for index in positions {
            var changed = original
            changed[index] ^= index.isMultiple(of: 2) ? 0xff : 0x01
            variants.append(changed)
        }
        for variant in variants {
            try Data(variant).write(to: url)
            do {
                let weights = try PyTorchCheckpoint(url: url)
                for name in weights.tensorNames {
                    if let shape = weights.shape(of: name) { _ = try? weights.floats(name, shape: shape) }
                }
            } catch let error as ModelStoreError {
                #expect(error.description.hasPrefix(url.path))
            }
        }
    }

    private static func offset(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        bytes.indices.first { bytes[$0...].starts(with: pattern) }
    }
}
