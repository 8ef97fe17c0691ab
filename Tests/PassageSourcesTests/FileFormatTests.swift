import Foundation
import Testing
import TestSupport
import TextFiles
import PassageSources

@Suite("Passage files by format")
struct FileFormatTests {
    @Test func plainTextGivesOneTrimmedPassagePerParagraph() throws {
        let files = try TemporaryFiles()
        let url = try files.write("notes.txt", "  First paragraph\nwraps here.  \n\n\n\t\nSecond one.\r\n")
        let collection = try PassageSources.load(contentsOf: url)
        #expect(collection.title == "notes.txt")
        #expect(collection.passages == [
            PassageRecord(text: "First paragraph wraps here."),
            PassageRecord(text: "Second one."),
        ])
        #expect(collection.queries.isEmpty)
    }

    @Test func jsonLinesReadsTextLabelsIdsAndSampleMetadata() throws {
        let files = try TemporaryFiles()
        let url = try files.write("set.jsonl", """
            {"sample": "My set", "query": "main query", "queries": ["second", "main query"], "description": "d"}
            {"text": "alpha", "label": 3, "id": "a1"}

            {"passage": "beta", "label": 0, "docid": 17}
            {"text": "gamma", "label": "2"}
            {"text": "delta", "label": null, "extra": [1, 2]}
            """)
        let collection = try PassageSources.load(contentsOf: url)
        #expect(collection.title == "My set")
        #expect(collection.queries == ["main query", "second"])
        #expect(collection.passages == [
            PassageRecord(text: "alpha", label: 3, id: "a1"),
            PassageRecord(text: "beta", label: 0, id: "17"),
            PassageRecord(text: "gamma", label: 2),
            PassageRecord(text: "delta"),
        ])
    }

    @Test func jsonLinesLineThatIsNotJSONNamesFileAndLine() throws {
        let files = try TemporaryFiles()
        let url = try files.write("broken.jsonl", "{\"text\": \"fine\"}\n\nthis is not json at all\n")
        #expect {
            try PassageSources.load(contentsOf: url, name: "broken.jsonl")
        } throws: { error in
            guard let error = error as? PassageSourceError else { return false }
            return error.description.hasPrefix("broken.jsonl:3: not JSON (")
        }
    }

    @Test func jsonLinesArrayIsNotAnObject() throws {
        let files = try TemporaryFiles()
        let url = try files.write("array.jsonl", "[1, 2]\n")
        #expect(throws: PassageSourceError.notJSON(file: "array.jsonl", line: 1, detail: "found an array, not an object")) {
            try PassageSources.load(contentsOf: url, name: "array.jsonl")
        }
    }

    @Test func jsonLinesWithoutTextNamesTheLine() throws {
        let files = try TemporaryFiles()
        let url = try files.write("notext.jsonl", "{\"text\": \"ok\"}\n{\"body\": \"oops\"}\n")
        #expect(throws: PassageSourceError.missingText(file: "notext.jsonl", line: 2)) {
            try PassageSources.load(contentsOf: url, name: "notext.jsonl")
        }
        #expect(PassageSourceError.missingText(file: "notext.jsonl", line: 2).description
            .hasPrefix("notext.jsonl:2: no \"text\" or \"passage\" key"))
    }

    @Test func jsonLinesRejectsALabelThatIsNotAWholeNumber() throws {
        let files = try TemporaryFiles()
        let url = try files.write("labels.jsonl", "{\"text\": \"a\", \"label\": 1.5}\n")
        #expect(throws: PassageSourceError.badLabel(file: "labels.jsonl", line: 1, value: "1.5")) {
            try PassageSources.load(contentsOf: url, name: "labels.jsonl")
        }
    }

    @Test func tsvAcceptsOneTwoOrThreeColumnsAndSkipsAHeader() throws {
        let files = try TemporaryFiles()
        let url = try files.write("set.tsv", "id\ttext\tlabel\np1\tfirst passage\t2\np2\tsecond passage\t\np3\tthird\njust text\n")
        let collection = try PassageSources.load(contentsOf: url)
        #expect(collection.passages == [
            PassageRecord(text: "first passage", label: 2, id: "p1"),
            PassageRecord(text: "second passage", id: "p2"),
            PassageRecord(text: "third", id: "p3"),
            PassageRecord(text: "just text"),
        ])
    }

    @Test func tsvErrorsNameFileAndLine() throws {
        let files = try TemporaryFiles()
        let wide = try files.write("wide.tsv", "a\tb\nx\ty\tz\tw\n")
        #expect(throws: PassageSourceError.tooManyColumns(file: "wide.tsv", line: 2, count: 4)) {
            try PassageSources.load(contentsOf: wide, name: "wide.tsv")
        }
        let label = try files.write("label.tsv", "p1\ttext\thigh\n")
        #expect(throws: PassageSourceError.badLabel(file: "label.tsv", line: 1, value: "high")) {
            try PassageSources.load(contentsOf: label, name: "label.tsv")
        }
        let empty = try files.write("empty-text.tsv", "p1\t \n")
        #expect(throws: PassageSourceError.emptyText(file: "empty-text.tsv", line: 1)) {
            try PassageSources.load(contentsOf: empty, name: "empty-text.tsv")
        }
    }

    @Test func unknownExtensionIsSniffedFromContent() throws {
        let files = try TemporaryFiles()
        let json = try files.write("data.log", "{\"text\": \"one\"}\n\n{\"text\": \"two\", \"label\": 1}\n")
        #expect(try PassageSources.load(contentsOf: json).passages.map(\.text) == ["one", "two"])
        let prose = try files.write("README", "{\"text\": \"looks like json\"}\nbut this line is prose\n")
        #expect(try PassageSources.load(contentsOf: prose).passages
            == [PassageRecord(text: "{\"text\": \"looks like json\"} but this line is prose")])
    }

    @Test func textExtensionIsNeverSniffed() throws {
        let files = try TemporaryFiles()
        let url = try files.write("quoted.txt", "{\"text\": \"kept as prose\"}\n")
        #expect(try PassageSources.load(contentsOf: url).passages == [PassageRecord(text: "{\"text\": \"kept as prose\"}")])
    }

    @Test("an empty or blank file is an error", arguments: ["empty.txt", "blank.md", "empty.jsonl", "empty.tsv", "empty"])
    func emptyFileIsAnError(name: String) throws {
        let files = try TemporaryFiles()
        let url = try files.write(name, name.hasPrefix("blank") ? "\n  \n\t\n" : "")
        #expect(throws: PassageSourceError.noPassages(file: name)) {
            try PassageSources.load(contentsOf: url, name: name)
        }
        #expect(PassageSourceError.noPassages(file: name).description.hasPrefix("\(name): no passages found"))
    }

    @Test func metadataAloneIsNoPassages() throws {
        let files = try TemporaryFiles()
        let url = try files.write("meta.jsonl", "{\"sample\": \"Only a title\"}\n")
        #expect(throws: PassageSourceError.noPassages(file: "meta.jsonl")) {
            try PassageSources.load(contentsOf: url, name: "meta.jsonl")
        }
    }

    @Test func invalidUTF8BecomesAWarningOnTheCollection() throws {
        let files = try TemporaryFiles()
        let url = try files.write("latin1.txt", bytes: Array("caf".utf8) + [0xE9] + Array(" au lait\n\nsecond".utf8))
        let collection = try PassageSources.load(contentsOf: url, name: "latin1.txt")
        #expect(collection.passages.map(\.text) == ["caf\u{FFFD} au lait", "second"])
        #expect(collection.warnings == ["latin1.txt:1: invalid UTF-8 replaced with U+FFFD"])
    }

    @Test func textAlreadyInMemoryUsesTheGivenFormatOrDetectsIt() throws {
        let jsonl = TextFile(bytes: Array("{\"text\": \"piped\", \"label\": 2}\n".utf8), name: "stdin")
        let detected = try PassageSources.load(jsonl)
        #expect(detected.title == "stdin")
        #expect(detected.passages == [PassageRecord(text: "piped", label: 2)])
        let forced = try PassageSources.load(jsonl, format: .plainText)
        #expect(forced.passages == [PassageRecord(text: "{\"text\": \"piped\", \"label\": 2}")])
    }

    @Test func formatsByExtension() {
        #expect(PassageFormat.forExtension("JSONL") == .jsonLines)
        #expect(PassageFormat.forExtension("ndjson") == .jsonLines)
        #expect(PassageFormat.forExtension("tsv") == .tsv)
        #expect(PassageFormat.forExtension("md") == .plainText)
        #expect(PassageFormat.forExtension("csv") == nil)
    }
}
