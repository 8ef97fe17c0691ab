import Evaluation
import Foundation
import Testing
import TestSupport

@Suite("TREC run files and qrels")
struct RunFileTests {
    @Test("A run reads, ranks as trec_eval does, writes and reads back the same")
    func roundTrip() throws {
        let files = try TemporaryFiles()
        let url = try files.write("bm25.run", """
            q2 Q0 d7 1 12.5 bm25
            q1 Q0 d1 1 3.25 bm25
            q1\tQ0\td3\t2\t3.25\tbm25
            q1 Q0 d2 3 -0.125 bm25

            q1 Q0 d4 4 1e-7 bm25
            """)
        let run = try TRECRun(contentsOf: url)
        #expect(run.queryIDs == ["q2", "q1"])
        #expect(run.tag == "bm25")
        #expect(run.entries["q1"]?.map(\.docid) == ["d1", "d3", "d2", "d4"])
        // Equal scores rank by docid descending, as trec_eval does.
        #expect(run.ranked("q1").map(\.docid) == ["d3", "d1", "d4", "d2"])
        #expect(run.ranked("q1", top: 2).map(\.docid) == ["d3", "d1"])
        #expect(run.scores["q1"]?["d4"] == 1e-7)

        let written = TRECRun(scores: run.scores, queryOrder: ["q1", "q2"], tag: "again")
        #expect(try written.text() == """
            q1 Q0 d3 1 3.25 again
            q1 Q0 d1 2 3.25 again
            q1 Q0 d4 3 1e-07 again
            q1 Q0 d2 4 -0.125 again
            q2 Q0 d7 1 12.5 again

            """)
        let copy = try files.file("copy.run")
        try written.write(to: copy)
        let reread = try TRECRun(contentsOf: copy)
        #expect(reread.scores == run.scores)
        #expect(reread.queryIDs == ["q1", "q2"])
        #expect(reread.entries["q1"]?.map(\.rank) == [1, 2, 3, 4])
    }

    @Test("Scores keep every digit through a round trip")
    func exactScores() throws {
        let scores: RunScores = ["q": ["a": 0.1 + 0.2, "b": -7.123456789012345e-12, "c": 1000 - 37, "d": Double(Float(8.234567))]]
        let files = try TemporaryFiles()
        let url = try files.file("exact.run")
        try TRECRun(scores: scores, queryOrder: ["q"], tag: "t").write(to: url)
        #expect(try TRECRun(contentsOf: url).scores == scores)
    }

    @Test("Malformed run lines name the file and line", arguments: [
        ("q1 Q0 d1 1 2.0\n", 1, "found 5 columns, expected 6: qid Q0 docid rank score tag"),
        ("q1 Q0 d1 1 2.0 t\nq1 Q0 d2 x 1.0 t\n", 2, "rank \"x\" is not an integer"),
        ("q1 Q0 d1 1 high t\n", 1, "score \"high\" is not a number"),
        ("q1 Q0 d1 1 2.0 t\n\nq1 Q0 d1 2 1.0 t\n", 3, "document \"d1\" of query \"q1\" was already given on line 1"),
    ])
    func malformedRun(text: String, line: Int, message: String) throws {
        let files = try TemporaryFiles()
        let url = try files.write("bad.run", text)
        let error = try #require(throws: JudgedSetError.self) { try TRECRun(contentsOf: url, name: "bad.run") }
        #expect(error.line == line)
        #expect(error.description.hasPrefix("bad.run:\(line): "))
        #expect(error.description.contains(message), "\(error.description)")
    }

    @Test("Fields that cannot be written are refused, and a missing run is named")
    func unwritable() throws {
        #expect(throws: RunWriteError.self) { try TRECRun(scores: ["q": ["a b": 1]], queryOrder: ["q"], tag: "t").text() }
        #expect(throws: RunWriteError.self) { try TRECRun(scores: ["q": ["a": 1]], queryOrder: ["q"], tag: "my tag").text() }
        let missing = try #require(throws: JudgedSetError.self) { try TRECRun(contentsOf: URL(fileURLWithPath: "/nonexistent/x.run")) }
        #expect(missing.problem == .missingFile)
    }

    @Test("Qrels in TREC, three-column and BEIR form give the same grades")
    func qrelsForms() throws {
        let files = try TemporaryFiles()
        let forms = [
            "trec": "q1 0 d1 2\nq1 0 d2 0\nq2 0 d3 1\n",
            "three": "q1\td1\t2\nq1\td2\t0\nq2\td3\t1\n",
            "beir": "query-id\tcorpus-id\tscore\nq1\td1\t2\nq1\td2\t0\nq2\td3\t1\n",
        ]
        for (name, text) in forms {
            let qrels = try Qrels(contentsOf: try files.write("\(name).tsv", text))
            #expect(qrels.queryIDs == ["q1", "q2"], "\(name)")
            #expect(qrels.grades == ["q1": ["d1": 2, "d2": 0], "q2": ["d3": 1]], "\(name)")
        }
    }

    @Test("Malformed qrels name the file and line; a header is only accepted first")
    func malformedQrels() throws {
        let files = try TemporaryFiles()
        let cases: [(String, Int, String)] = [
            ("q1 0 d1 2\nquery-id corpus-id score\n", 2, "grade \"score\" is not an integer"),
            ("q1 0 d1 high\n", 1, "grade \"high\" is not an integer"),
            ("q1 d1 2\nq1 d1 3\n", 2, "judgment of \"d1\" for query \"q1\" was already given on line 1"),
            ("q1 0 0 d1 2\n", 1, "found 5 columns"),
        ]
        for (text, line, message) in cases {
            let url = try files.write("bad.qrels", text)
            let error = try #require(throws: JudgedSetError.self) { try Qrels(contentsOf: url, name: "bad.qrels") }
            #expect(error.line == line && error.description.contains(message), "\(error.description)")
        }
        let empty = try files.write("empty.qrels", "query-id\tcorpus-id\tscore\n")
        #expect(throws: JudgedSetError(file: "empty.qrels", problem: .empty)) { try Qrels(contentsOf: empty, name: "empty.qrels") }
    }

    @Test("Cutting candidates to the top k, and adding the positives the first stage missed")
    func reshaping() {
        let set = JudgedSet(name: "s", queries: [
            JudgedQuery(id: "q", text: "q", candidates: [
                JudgedCandidate(docid: "b", text: "B", firstStageRank: 1),
                JudgedCandidate(docid: "a", text: "A", firstStageRank: 2),
                JudgedCandidate(docid: "c", text: "C", firstStageRank: 3),
            ], grades: ["a": 2, "c": 1, "z": 3, "y": 1, "x": 0, "w": 2]),
        ])
        let top = set.keepingTop(2)
        #expect(top.queries[0].candidates.map(\.docid) == ["b", "a"])
        #expect(top.positivesOutsideCandidates == ["c", "w", "y", "z"])
        let (added, report) = top.addingPositives(texts: ["c": "C", "y": "Y", "z": "Z"])
        #expect(added.queries[0].candidates.map(\.docid) == ["b", "a", "c", "y", "z"])
        #expect(added.queries[0].candidates.map(\.firstStageRank) == [1, 2, 3, 4, 5])
        #expect(report == PositivesAdded(added: 3, withoutText: 1))
        #expect(report.summary.contains("always_rerank_positives=True"))
    }
}
