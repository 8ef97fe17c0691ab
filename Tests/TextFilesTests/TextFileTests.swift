import Foundation
import Testing
import TestSupport
import TextFiles

@Suite("TextFile: lenient UTF-8")
struct TextFileTests {
    /// Bytes and the text Python's `bytes.decode("utf-8", errors="replace")` gives for them
    /// (checked with CPython), covering truncated sequences, overlongs, surrogates and stray bytes.
    static let pythonCases: [([UInt8], String)] = [
        ([0x61, 0xE3, 0x81, 0x62], "a\u{FFFD}b"),                       // truncated 3-byte sequence
        ([0xE3, 0x81], "\u{FFFD}"),                                     // truncated at end of input
        ([0xF0, 0x9F, 0x98], "\u{FFFD}"),                               // truncated 4-byte sequence
        ([0xC0, 0xAF], "\u{FFFD}\u{FFFD}"),                             // overlong '/'
        ([0xE0, 0x80, 0xAF], "\u{FFFD}\u{FFFD}\u{FFFD}"),               // overlong, 3 bytes
        ([0xF0, 0x80, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"), // overlong, 4 bytes
        ([0xED, 0xA0, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}"),               // encoded surrogate U+D800
        ([0xF4, 0x90, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"), // above U+10FFFF
        ([0xFF, 0xFE], "\u{FFFD}\u{FFFD}"),                             // never valid
        ([0x80, 0x80, 0x61], "\u{FFFD}\u{FFFD}a"),                      // stray continuation bytes
        ([0xF0, 0x9F, 0x98, 0x80, 0x9F], "😀\u{FFFD}"),
        ([0xE1, 0x80, 0xE2, 0xF0, 0x91, 0x92, 0xF1, 0xBF, 0x41], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}A"),
        ([0xEF, 0xBF, 0xBD], "\u{FFFD}"),                               // a real U+FFFD stays, no warning
    ]

    @Test("invalid sequences are replaced as Python's errors=\"replace\" does", arguments: pythonCases)
    func replacementMatchesPython(bytes: [UInt8], expected: String) {
        let file = TextFile(bytes: bytes, name: "case.txt")
        #expect(Array(file.text.unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test func warningsNameFileAndLine() {
        let bytes = Array("first line\nsecond ".utf8) + [0xC3] + Array(" line\nthird\n".utf8) + [0xFF]
        let file = TextFile(bytes: bytes, name: "notes.txt")
        #expect(file.warnings == [
            "notes.txt:2: invalid UTF-8 replaced with U+FFFD",
            "notes.txt:4: invalid UTF-8 replaced with U+FFFD",
        ])
        #expect(file.text == "first line\nsecond \u{FFFD} line\nthird\n\u{FFFD}")
    }

    @Test func validTextHasNoWarnings() {
        let file = TextFile(bytes: Array("naïve café 日本 😀\n".utf8), name: "ok.txt")
        #expect(file.warnings.isEmpty)
        #expect(file.text == "naïve café 日本 😀\n")
    }

    @Test func byteOrderMarkIsDropped() {
        let file = TextFile(bytes: [0xEF, 0xBB, 0xBF] + Array("hello".utf8), name: "bom.txt")
        #expect(file.text == "hello")
    }

    @Test func linesSplitOnNewlineAndDropCarriageReturn() {
        let file = TextFile(bytes: Array("one\r\ntwo\n\nthree".utf8), name: "crlf.txt")
        #expect(file.lines == ["one", "two", "", "three"])
    }

    @Test func readsFromDiskWithThePathAsGiven() throws {
        let files = try TemporaryFiles()
        let url = try files.write("notes.txt", bytes: Array("fine\nbad ".utf8) + [0xE2, 0x82])
        let file = try TextFile(contentsOf: url)
        #expect(file.name == url.relativePath)
        #expect(file.warnings == ["\(url.relativePath):2: invalid UTF-8 replaced with U+FFFD"])
    }

    @Test func missingFileIsATypedError() throws {
        let files = try TemporaryFiles()
        let url = files.directory.appendingPathComponent("absent.txt")
        #expect(throws: TextFileError.self) { try TextFile(contentsOf: url, name: "absent.txt") }
        do {
            _ = try TextFile(contentsOf: url, name: "absent.txt")
        } catch {
            #expect(error.description.hasPrefix("absent.txt: cannot read (no such file)"))
        }
    }
}
