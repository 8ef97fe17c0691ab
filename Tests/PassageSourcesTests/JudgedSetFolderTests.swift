import Foundation
import Testing
import TestSupport
import Evaluation
import PassageSources

@Suite("Judged-set folders")
struct JudgedSetFolderTests {
    private let set = JudgedSet(name: "dl19", queries: [
        JudgedQuery(id: "q1", text: "first query",
                    candidates: [JudgedCandidate(docid: "d1", text: "a", firstStageRank: 1),
                                 JudgedCandidate(docid: "d2", text: "b", firstStageRank: 2)],
                    grades: ["d1": 3, "d9": 1]),
        JudgedQuery(id: "q2", text: "second query",
                    candidates: [JudgedCandidate(docid: "d3", text: "c", firstStageRank: 1)], grades: ["d3": 0]),
    ])

    @Test func picksTheFirstQueryByDefault() throws {
        let folder = JudgedSetFolder(url: URL(fileURLWithPath: "/data/dl19"), set: set)
        let collection = try folder.collection()
        #expect(collection.title == "dl19 · q1")
        #expect(collection.queries == ["first query"])
        #expect(collection.passages.map(\.id) == ["d1", "d2"])
        #expect(collection.passages.map(\.label) == [3, nil])
        // The whole set comes along, for the explorer's query browser.
        #expect(collection.judged?.queryID == "q1")
        #expect(collection.judged?.set.queries.map(\.id) == ["q1", "q2"])
    }

    @Test func aSetWithoutCandidatesHasNoPassagesToShow() {
        let empty = JudgedSet(name: "empty", queries: [JudgedQuery(id: "q1", text: "a query", candidates: [], grades: [:])])
        #expect(throws: PassageSourceError.noPassages(file: "empty")) { try empty.firstQueryPassages() }
    }

    @Test func picksAQueryById() throws {
        let folder = JudgedSetFolder(url: URL(fileURLWithPath: "/data/dl19"), set: set)
        #expect(folder.queries.map(\.id) == ["q1", "q2"])
        #expect(try folder.collection(forQuery: "q2").queries == ["second query"])
        #expect(throws: PassageSourceError.unknownQuery(folder: "/data/dl19", query: "q9")) {
            try folder.collection(forQuery: "q9")
        }
    }

    @Test func recognisesAFolderByItsFiles() throws {
        let files = try TemporaryFiles()
        #expect(!JudgedSetFolder.isJudgedSet(files.directory))
        for name in JudgedSetFolder.requiredFiles {
            _ = try files.write(name, "")
        }
        #expect(JudgedSetFolder.isJudgedSet(files.directory))
    }
}
