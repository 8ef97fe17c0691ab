import Evaluation
import Foundation
import Testing

@Suite("Loading judged sets")
struct JudgedSetLoadingTests {
    @Test("A valid folder keeps query order, sorts candidates by rank and reads grades")
    func loadsValidFolder() throws {
        let folder = try JudgedSetFolder()
        defer { folder.remove() }
        let set = try JudgedSet(folder: folder.url)
        #expect(set.queries.map(\.id) == ["q2", "q1"])
        let first = try #require(set.query(id: "q1"))
        #expect(first.text == "first query")
        #expect(first.candidates.map(\.docid) == ["d1", "d2"])
        #expect(first.candidates.map(\.firstStageRank) == [1, 2])
        #expect(first.candidateTexts == ["passage one", "passage two"])
        #expect(first.grades == ["d1": 3, "d9": 2])
        #expect(set.pairCount == 4)
        #expect(set.warnings.isEmpty)
        #expect(set.firstStageScores["q1"] == ["d1": 999, "d2": 998])
        #expect(set.name == folder.url.lastPathComponent)
    }

    @Test("qrels may use the TREC form, spaces or tabs, and CRLF line ends")
    func trecQrels() throws {
        let folder = try JudgedSetFolder(["qrels.tsv": "q1 0 d1 3\r\nq1\tQ0\td2\t1\r\n\r\nq2 d3 2\r\n"])
        defer { folder.remove() }
        let set = try JudgedSet(folder: folder.url)
        #expect(set.query(id: "q1")?.grades == ["d1": 3, "d2": 1])
        #expect(set.query(id: "q2")?.grades == ["d3": 2])
    }

    @Test("Texts keep everything after the first tab")
    func textAfterFirstTab() throws {
        let folder = try JudgedSetFolder(["passages.tsv": "d1\tone\ttwo \nd2\tx\nd3\t\n"])
        defer { folder.remove() }
        let set = try JudgedSet(folder: folder.url)
        #expect(set.query(id: "q1")?.candidates.first?.text == "one\ttwo ")
        #expect(set.query(id: "q2")?.candidates.first?.text == "")
    }

    @Test("Qrels of unknown queries are ignored with a warning; unjudged and empty queries are noted")
    func warnings() throws {
        let folder = try JudgedSetFolder([
            "queries.tsv": "q1\tfirst\nq2\tsecond\nq3\tthird\n",
            "qrels.tsv": "q1\td1\t1\nq7\td1\t1\nq8\td2\t0\n",
        ])
        defer { folder.remove() }
        let set = try JudgedSet(folder: folder.url)
        #expect(set.warnings.count == 3)
        #expect(set.warnings.contains { $0.contains("qrels.tsv: 2 lines (first: line 2)") })
        #expect(set.warnings.contains { $0.contains("query q3 has no candidates") })
        #expect(set.warnings.contains { $0.contains("2 queries (q2, q3) have no judgments") })
    }

    @Test("Invalid UTF-8 is replaced with U+FFFD and reported with file and line")
    func invalidUTF8() throws {
        let broken: [UInt8] = Array("d1\tcaf".utf8) + [0xE9] + Array(" ok\nd2\tfine\nd3\t".utf8) + [0xFF, 0xFE] + [0x0A]
        let folder = try JudgedSetFolder(bytes: ["passages.tsv": broken])
        defer { folder.remove() }
        let set = try JudgedSet(folder: folder.url)
        #expect(set.query(id: "q1")?.candidates.first?.text == "caf\u{FFFD} ok")
        #expect(set.query(id: "q2")?.candidates.first?.text == "\u{FFFD}\u{FFFD}")
        let path = folder.file("passages.tsv").path
        #expect(set.warnings == ["\(path):1: invalid UTF-8 replaced with U+FFFD", "\(path):3: invalid UTF-8 replaced with U+FFFD"])
    }

    @Test("A leading byte-order mark is not part of the first id")
    func byteOrderMark() throws {
        let folder = try JudgedSetFolder(bytes: ["queries.tsv": [0xEF, 0xBB, 0xBF] + Array("q2\tsecond\nq1\tfirst\n".utf8)])
        defer { folder.remove() }
        #expect(try JudgedSet(folder: folder.url).queries.first?.id == "q2")
    }

    static let malformed: [(file: String, text: String, line: Int, message: String)] = [
        ("queries.tsv", "q1\tfine\nq2 no tab\n", 2, "found 1 column, expected 2"),
        ("queries.tsv", "q1\tfine\n\tno id\n", 2, "the query id is empty"),
        ("queries.tsv", "q1\tone\nq2\ttwo\nq1\tagain\n", 3, "query id \"q1\" was already given on line 1"),
        ("passages.tsv", "d1\tone\nd2\ttwo\nd3\tthree\nd2\tagain\n", 4, "docid \"d2\" was already given on line 2"),
        ("candidates.tsv", "q1\td1\t1\nq1\td2\n", 2, "found 2 columns, expected 3: qid, docid, rank"),
        ("candidates.tsv", "q1\td1\tfirst\n", 1, "rank \"first\" is not an integer"),
        ("candidates.tsv", "q1\td1\t1\nq5\td2\t2\n", 2, "query \"q5\" is not in queries.tsv"),
        ("candidates.tsv", "q1\td1\t1\n\nq1\td7\t2\n", 3, "passage \"d7\" is not in passages.tsv"),
        ("candidates.tsv", "q1\td1\t1\nq1\td1\t2\n", 2, "candidate \"d1\" of query \"q1\" was already given on line 1"),
        ("qrels.tsv", "q1\td1\t1\nq1 0 d2 1 extra\n", 2, "found 5 columns, expected 3 (qid, docid, grade) or 4"),
        ("qrels.tsv", "q1\td1\t2.5\n", 1, "grade \"2.5\" is not an integer"),
        ("qrels.tsv", "q1\td1\t1\nq1 0 d1 2\n", 2, "judgment of \"d1\" for query \"q1\" was already given on line 1"),
    ]

    @Test("Malformed lines throw errors naming file, line and problem", arguments: malformed.indices)
    func malformedLine(_ index: Int) throws {
        let example = Self.malformed[index]
        let folder = try JudgedSetFolder([example.file: example.text])
        defer { folder.remove() }
        let error = try #require(throws: JudgedSetError.self) { try JudgedSet(folder: folder.url) }
        #expect(error.file == folder.file(example.file).path)
        #expect(error.line == example.line)
        #expect(error.description.hasPrefix("\(folder.file(example.file).path):\(example.line): "))
        #expect(error.description.contains(example.message), "\(error.description)")
    }

    @Test("A missing file or an empty queries.tsv is reported by name")
    func missingAndEmptyFiles() throws {
        let folder = try JudgedSetFolder(["queries.tsv": "\n  \n"])
        defer { folder.remove() }
        let empty = try #require(throws: JudgedSetError.self) { try JudgedSet(folder: folder.url) }
        #expect(empty == JudgedSetError(file: folder.file("queries.tsv").path, problem: .empty))

        try FileManager.default.removeItem(at: folder.file("qrels.tsv"))
        try Data(JudgedSetFolder.validFiles["queries.tsv", default: ""].utf8).write(to: folder.file("queries.tsv"))
        let missing = try #require(throws: JudgedSetError.self) { try JudgedSet(folder: folder.url) }
        #expect(missing.problem == .missingFile)
        #expect(missing.description.contains("qrels.tsv: file not found"))
    }
}
