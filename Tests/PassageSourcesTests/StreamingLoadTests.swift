import Foundation
import Testing
import TestSupport
import TextFiles
import PassageSources

/// Passage files of several megabytes read as a stream: the same passages as the whole file read at
/// once, the same messages (lines counted across chunks), progress that only grows and ends at the
/// whole size, and a cancelled read that stops early.
@Suite("Passage files streamed")
struct StreamingLoadTests {
    /// A generated passage file: its bytes, the passages it holds, and the one line with invalid UTF-8.
    struct Generated {
        var bytes: [UInt8] = []
        var passages: [PassageRecord] = []
        var invalidLine = 0
        private var lineNumber = 0

        /// About 3 MB in `format`: varied lengths, accents and emoji, CRLF and blank lines here and
        /// there, and one byte of invalid UTF-8 past the first megabyte.
        init(_ format: PassageFormat, count: Int = 24_000) {
            if format == .tsv { line("id\ttext\tlabel") }
            if format == .jsonLines { line("{\"sample\": \"Generated\", \"query\": \"how long\"}") }
            for index in 1...count {
                let invalid = index == count * 2 / 3
                let text = Self.text(index)
                let label = index % 4
                passages.append(PassageRecord(text: invalid ? text + " \u{FFFD}" : text,
                                              label: format == .plainText ? nil : label,
                                              id: format == .plainText ? nil : "p\(index)"))
                let tail: [UInt8] = invalid ? Array(" ".utf8) + [0xFF] : []
                switch format {
                case .tsv:
                    line(Array("p\(index)\t\(text)".utf8) + tail + Array("\t\(label)".utf8), crlf: index % 7 == 0)
                case .jsonLines:
                    line(Array("{\"id\": \"p\(index)\", \"text\": \"\(text)".utf8) + tail + Array("\", \"label\": \(label)}".utf8),
                         crlf: index % 7 == 0)
                case .plainText:
                    // Two lines, spaces around them, joined with one space in the passage.
                    let words = text.split(separator: " ", maxSplits: 1)
                    line(Array("  \(words[0])".utf8))
                    line(Array((words.count > 1 ? words[1] : "").utf8) + tail + Array("  ".utf8), crlf: index % 7 == 0)
                    line(index % 5 == 0 ? " \t" : "")
                }
                if invalid { invalidLine = lineNumber - (format == .plainText ? 1 : 0) }
                if format != .plainText, index % 13 == 0 { line("") }
            }
        }

        static func text(_ index: Int) -> String {
            let words = ["fleas", "live", "for", "months", "café", "immunité", "naïve", "🐕", "booster", "doses"]
            return "Passage \(index): " + (0..<(5 + index % 31)).map { words[($0 * 7 + index) % words.count] }.joined(separator: " ")
        }

        private mutating func line(_ text: String) { line(Array(text.utf8)) }

        private mutating func line(_ content: [UInt8], crlf: Bool = false) {
            bytes += content + (crlf ? [0x0D, 0x0A] : [0x0A])
            lineNumber += 1
        }
    }

    static let extensions: [PassageFormat: String] = [.tsv: "tsv", .jsonLines: "jsonl", .plainText: "txt"]

    @Test("the streamed read gives the passages written, as the whole file read at once does", arguments: PassageFormat.allCases)
    func sameAsWholeFile(format: PassageFormat) throws {
        let generated = Generated(format)
        let name = "big.\(Self.extensions[format] ?? "")"
        let files = try TemporaryFiles()
        let url = try files.write(name, bytes: generated.bytes)
        #expect(generated.bytes.count > 2 << 20, "several chunks")

        var reports: [(read: Int, total: Int)] = []
        let streamed = try PassageSources.load(contentsOf: url, name: name) { reports.append(($0, $1)) }
        #expect(streamed.passages.count == generated.passages.count)
        #expect(streamed.passages == generated.passages)
        #expect(streamed.warnings == ["\(name):\(generated.invalidLine): invalid UTF-8 replaced with U+FFFD"])

        let whole = try PassageSources.load(TextFile(contentsOf: url, name: name), format: format)
        #expect(whole.passages == streamed.passages)
        #expect(whole.warnings == streamed.warnings)
        #expect(whole.title == streamed.title && whole.queries == streamed.queries)

        let size = generated.bytes.count
        #expect(!reports.isEmpty)
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.read < $1.read })
        #expect(reports.allSatisfy { $0.total == size })
        #expect(reports.last.map { $0.read == size } == true)
    }

    @Test("cancelling the loading task stops the read after the chunk under way")
    func cancelStopsEarly() async throws {
        let generated = Generated(.tsv, count: 60_000)
        let files = try TemporaryFiles()
        let url = try files.write("big.tsv", bytes: generated.bytes)
        let (outcome, reports) = await Task.detached { () -> (Result<Int, PassageSourceError>, [Int]) in
            var reports: [Int] = []
            do throws(PassageSourceError) {
                let collection = try PassageSources.load(contentsOf: url, name: "big.tsv") { read, _ in
                    reports.append(read)
                    withUnsafeCurrentTask { $0?.cancel() }
                }
                return (.success(collection.passages.count), reports)
            } catch {
                return (.failure(error), reports)
            }
        }.value
        #expect(outcome == .failure(.cancelled(file: "big.tsv")))
        #expect(reports == [1 << 20], "one chunk of \(generated.bytes.count) bytes read")
        #expect(PassageSourceError.cancelled(file: "big.tsv").description.hasPrefix("big.tsv: reading stopped"))
    }

    @Test("a malformed line past the first chunks is named by its line, as in a small file")
    func diagnosticsPastTheFirstChunk() throws {
        let files = try TemporaryFiles()
        let good = (1...40_000).map { "p\($0)\tpassage number \($0) about fleas and dogs" }
        let tsv = try files.write("wide.tsv", (good + ["p40001\ttext\t1\textra"]).joined(separator: "\n"))
        #expect(throws: PassageSourceError.tooManyColumns(file: "wide.tsv", line: 40_001, count: 4)) {
            try PassageSources.load(contentsOf: tsv, name: "wide.tsv")
        }
        let objects = (1...40_000).map { "{\"text\": \"passage number \($0) about fleas and dogs\"}" }
        let jsonl = try files.write("broken.jsonl", (objects + ["", "not json"]).joined(separator: "\n"))
        #expect(throws: PassageSourceError.notJSON(file: "broken.jsonl", line: 40_002, detail: "the line starts \"not json\"")) {
            try PassageSources.load(contentsOf: jsonl, name: "broken.jsonl")
        }
        let labels = try files.write("labels.jsonl", (objects + ["{\"text\": \"x\", \"label\": \"high\"}"]).joined(separator: "\n"))
        #expect(throws: PassageSourceError.badLabel(file: "labels.jsonl", line: 40_001, value: "\"high\"")) {
            try PassageSources.load(contentsOf: labels, name: "labels.jsonl")
        }
    }

    @Test("a file of unknown format read as JSON Lines until a line is prose is read again as plain text, progress never going back")
    func sniffedAcrossChunks() throws {
        let files = try TemporaryFiles()
        let objects = (1...30_000).map { "{\"text\": \"passage number \($0) about fleas and dogs\"}" }
        let prose = try files.write("notes.data", (objects + ["and a line of prose"]).joined(separator: "\n\n"))
        var reports: [Int] = []
        let collection = try PassageSources.load(contentsOf: prose, name: "notes.data") { read, _ in reports.append(read) }
        #expect(collection.passages.map(\.text) == objects + ["and a line of prose"])
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0 < $1 })
        #expect(reports.last == (try FileManager.default.attributesOfItem(atPath: prose.path)[.size] as? Int))

        let json = try files.write("objects.data", objects.joined(separator: "\n"))
        #expect(try PassageSources.load(contentsOf: json).passages.map(\.text).last == "passage number 30000 about fleas and dogs")
        // Every line an object, one without text: the JSON Lines error, not prose.
        let missing = try files.write("missing.data", (objects + ["{\"body\": \"no text\"}"]).joined(separator: "\n"))
        #expect(throws: PassageSourceError.missingText(file: "missing.data", line: 30_001)) {
            try PassageSources.load(contentsOf: missing, name: "missing.data")
        }
    }
}
