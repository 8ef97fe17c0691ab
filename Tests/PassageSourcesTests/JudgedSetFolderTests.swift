import Foundation
import Testing
import PassageSources

/// A judged set held in memory, standing in for `Evaluation.JudgedSet`.
private struct InMemoryJudgedSet: JudgedSetContents {
    var judgedQueries: [JudgedQuery]
    var candidates: [String: [PassageRecord]]

    func candidatePassages(forQuery id: String) -> [PassageRecord]? {
        candidates[id]
    }
}

@Suite("Judged-set folders")
struct JudgedSetFolderTests {
    private let contents = InMemoryJudgedSet(
        judgedQueries: [JudgedQuery(id: "q1", text: "first query"), JudgedQuery(id: "q2", text: "second query")],
        candidates: [
            "q1": [PassageRecord(text: "a", label: 3, id: "d1"), PassageRecord(text: "b", id: "d2")],
            "q2": [PassageRecord(text: "c", label: 0, id: "d3")],
        ]
    )

    @Test func picksTheFirstQueryByDefault() throws {
        let folder = JudgedSetFolder(url: URL(fileURLWithPath: "/data/dl19"), contents: contents)
        let collection = try folder.collection()
        #expect(collection.title == "dl19 · q1")
        #expect(collection.queries == ["first query"])
        #expect(collection.passages.map(\.id) == ["d1", "d2"])
        #expect(collection.passages.map(\.label) == [3, nil])
    }

    @Test func picksAQueryById() throws {
        let folder = JudgedSetFolder(url: URL(fileURLWithPath: "/data/dl19"), contents: contents)
        #expect(folder.queries.map(\.id) == ["q1", "q2"])
        #expect(try folder.collection(forQuery: "q2").queries == ["second query"])
        #expect(throws: PassageSourceError.unknownQuery(folder: "/data/dl19", query: "q9")) {
            try folder.collection(forQuery: "q9")
        }
    }

    @Test func recognisesAFolderByItsFiles() throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        #expect(!JudgedSetFolder.isJudgedSet(files.directory))
        for name in JudgedSetFolder.requiredFiles {
            _ = try files.write(name, "")
        }
        #expect(JudgedSetFolder.isJudgedSet(files.directory))
    }
}
