import Foundation
import Testing
import TestSupport
import TextFiles

@Suite("LineReader: streaming lines")
struct LineReaderTests {
    private func lines(of reader: LineReader) throws -> [String] {
        var lines: [String] = []
        while let line = try reader.nextLine() { lines.append(line) }
        return lines
    }

    @Test("Lines split on LF or CRLF, a byte-order mark dropped, the last line without a newline kept")
    func splitting() throws {
        let files = try TemporaryFiles()
        let url = try files.write("mixed.txt", bytes: [0xEF, 0xBB, 0xBF] + Array("first\r\nsecond\n\nlast".utf8))
        let reader = try LineReader(contentsOf: url)
        #expect(try lines(of: reader) == ["first", "second", "", "last"])
        #expect(reader.lineNumber == 4)
        #expect(reader.bytesRead == reader.totalBytes)
        #expect(try reader.nextLine() == nil)
    }

    @Test("Lines longer than a read chunk, and many lines, come back whole and in order")
    func chunkBoundaries() throws {
        let files = try TemporaryFiles()
        let long = String(repeating: "é", count: 1_500_000)
        let many = (1...50_000).map { "line \($0)" }
        let url = try files.write("big.txt", ([long] + many + [long]).joined(separator: "\n") + "\n")
        let read = try lines(of: LineReader(contentsOf: url))
        #expect(read.count == 50_002)
        #expect(read.first == long && read.last == long)
        #expect(Array(read[1...50_000]) == many)
    }

    @Test("Invalid UTF-8 is replaced as TextFile does and named by line, the first twenty only")
    func invalidBytes() throws {
        let files = try TemporaryFiles()
        var bytes: [UInt8] = []
        for index in 1...25 { bytes += Array("line \(index) ".utf8) + (index == 1 ? [] : [0xC3]) + [0x0A] }
        let url = try files.write("bad.txt", bytes: bytes)
        let reader = try LineReader(contentsOf: url, name: "bad.txt")
        let read = try lines(of: reader)
        #expect(read[0] == "line 1 ")
        #expect(read[1] == TextFile(bytes: Array("line 2 ".utf8) + [0xC3], name: "x").text)
        #expect(reader.invalidLineCount == 24)
        #expect(reader.warnings.count == LineReader.warningLimit)
        #expect(reader.warnings.first == "bad.txt:2: invalid UTF-8 replaced with U+FFFD")
        #expect(reader.allWarnings.last == "bad.txt: 4 more lines with invalid UTF-8 replaced with U+FFFD")
    }

    @Test("A missing file or a folder is a typed error; an empty file has no lines")
    func unreadable() throws {
        let files = try TemporaryFiles()
        #expect(throws: TextFileError(file: "nope.txt", reason: "no such file")) {
            try LineReader(contentsOf: files.directory.appendingPathComponent("nope.txt"), name: "nope.txt")
        }
        #expect(throws: TextFileError(file: "dir", reason: "it is a folder")) {
            try LineReader(contentsOf: files.directory, name: "dir")
        }
        #expect(try lines(of: LineReader(contentsOf: files.write("empty.txt", ""))) == [])
    }

    @Test("Progress after every chunk at the test pace: growing, and ending with the whole size")
    func progressEveryChunk() throws {
        let files = try TemporaryFiles()
        let url = try files.write("progress.txt", String(repeating: "a line of text\n", count: 300_000))
        let size = 15 * 300_000
        let reader = try LineReader(contentsOf: url)
        reader.progressPace = .everyChunk
        var reports: [(read: Int, total: Int)] = []
        reader.progress = { reports.append(($0, $1)) }
        #expect(try lines(of: reader).count == 300_000)
        #expect(reports.count == 5)   // five chunks of 1 MiB, the last partial, which ends the file
        #expect(reports.allSatisfy { $0.total == size })
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.read < $1.read })
        #expect(reports.first?.read == 1 << 20)
        #expect(reports.last.map { $0.read == size && $0.total == size } == true)
    }

    @Test("The standard pace reports the first chunk and the end, and between them every 16 MiB or 100 ms")
    func standardPace() throws {
        let files = try TemporaryFiles()
        let url = try files.write("paced.txt", String(repeating: "x", count: 3 << 20))
        let reader = try LineReader(contentsOf: url)
        var reports: [Int] = []
        reader.progress = { read, _ in reports.append(read) }
        let started = ContinuousClock.now
        _ = try lines(of: reader)
        let elapsed = started.duration(to: .now)
        #expect(reports.first == 1 << 20 && reports.last == 3 << 20)
        // Three chunks: a report between the first and the end only once the interval has passed.
        #expect(reports.count <= (elapsed > .milliseconds(100) ? 3 : 2))
    }

    @Test("Bytes in memory read as the same lines as the file, without progress")
    func bytesInMemory() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("one\r\ntwo ".utf8) + [0xFF] + Array("\n\nlast".utf8)
        let files = try TemporaryFiles()
        let fromFile = try LineReader(contentsOf: files.write("same.txt", bytes: bytes), name: "same.txt")
        let inMemory = LineReader(bytes: bytes, name: "same.txt")
        var reported = false
        inMemory.progress = { _, _ in reported = true }
        #expect(try lines(of: inMemory) == lines(of: fromFile))
        #expect(inMemory.warnings == ["same.txt:2: invalid UTF-8 replaced with U+FFFD"])
        #expect(inMemory.warnings == fromFile.warnings)
        #expect(inMemory.bytesRead == bytes.count && inMemory.totalBytes == bytes.count)
        #expect(!reported)
    }
}
