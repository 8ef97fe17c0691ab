import Evaluation
import Foundation
import Testing
import TestSupport
import PassageSources

@Suite("Judged sets from runs, queries, corpora and qrels")
struct RunSetTests {
    static let run = """
        q1 Q0 d3 1 9.0 bm25
        q1 Q0 d1 2 8.0 bm25
        q1 Q0 d2 3 7.0 bm25
        q2 Q0 d2 1 5.0 bm25
        q2 Q0 d9 2 4.0 bm25
        q3 Q0 d1 1 1.0 bm25

        """

    @Test("TSV queries and corpus with TREC qrels: the run's order, its top k, texts and grades")
    func tsvFiles() throws {
        let files = try TemporaryFiles()
        let source = JudgedSetSource.run(RunSetFiles(
            run: try files.write("bm25.run", Self.run),
            queries: try files.write("queries.tsv", "q1\tfirst query\nq2\tsecond query\nq3\tthird query\n"),
            corpus: try files.write("corpus.tsv", "d1\tone\nd2\ttwo\td2 has a tab\nd3\tthree\nd9\tnine\nd4\tfour\n"),
            qrels: try files.write("qrels.txt", "q1 0 d1 2\nq1 0 d7 1\nq2 0 d9 3\n")))
        let loaded = try source.load(topK: 2)
        let set = loaded.set
        #expect(set.name == "bm25")
        #expect(set.queries.map(\.id) == ["q1", "q2", "q3"])
        #expect(set.queries[0].text == "first query")
        #expect(set.queries[0].candidates.map(\.docid) == ["d3", "d1"])
        #expect(set.queries[0].candidates.map(\.firstStageRank) == [1, 2])
        #expect(set.queries[1].candidates.map(\.text) == ["two\td2 has a tab", "nine"])
        #expect(set.queries[0].grades == ["d1": 2, "d7": 1])
        #expect(!set.queries[2].isJudged)
        #expect(set.warnings == ["qrels.txt: query q3 has no judgments and count in no mean"].map {
            $0.replacingOccurrences(of: "qrels.txt", with: files.directory.appendingPathComponent("qrels.txt").relativePath)
        })
        #expect(loaded.positives == nil)

        let added = try source.load(topK: 2, rerankPositives: true)
        // d7 (grade 1) has no text in the corpus; nothing else is missing.
        #expect(added.positives == PositivesAdded(added: 0, withoutText: 1))
        let deeper = try source.load(topK: 1, rerankPositives: true)
        #expect(deeper.set.queries[0].candidates.map(\.docid) == ["d3", "d1"])
        #expect(deeper.set.queries[1].candidates.map(\.docid) == ["d2", "d9"])
        #expect(deeper.positives == PositivesAdded(added: 2, withoutText: 1))
    }

    @Test("A BEIR folder: JSON Lines with titles, integer ids, a qrels header; bad lines skipped and counted")
    func beirFolder() throws {
        let files = try TemporaryFiles()
        try files.write("scifact/corpus.jsonl", """
            {"_id": "d1", "title": "Fleas", "text": "Fleas live for months.", "metadata": {}}
            {"_id": 2, "title": "", "text": " Untitled text. "}
            not json at all
            {"_id": "d3", "text": "No title key."}
            {"title": "no id"}
            {"_id": "d4"}

            """)
        try files.write("scifact/queries.jsonl", """
            {"_id": "q1", "text": "how long do fleas live", "metadata": {}}
            {"_id": "q2"}
            {"_id": "q9", "text": "not in the run"}

            """)
        try files.write("scifact/qrels/test.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t1\nq9\td3\t1\n")
        let run = try files.write("run.txt", "q1 Q0 d1 1 3 x\nq1 Q0 2 2 2 x\nq1 Q0 d3 3 1 x\nq1 Q0 d5 4 0 x\nq2 Q0 d1 1 1 x\n")
        let loaded = try JudgedSetSource.run(.beir(folder: files.directory.appendingPathComponent("scifact"), run: run)).load(topK: nil)
        let set = loaded.set
        #expect(set.name == "scifact · test")
        #expect(set.queries.map(\.id) == ["q1"])
        #expect(set.queries[0].candidates.map(\.text) == ["Fleas Fleas live for months.", "Untitled text.", "No title key."])
        let warnings = set.warnings.joined(separator: "\n")
        #expect(warnings.contains("corpus.jsonl:3: not a JSON object; skipped"), "\(warnings)")
        #expect(warnings.contains("corpus.jsonl:5: no \"_id\" string or number; skipped"))
        #expect(warnings.contains("corpus.jsonl:6: no \"text\" or \"title\" string; skipped"))
        #expect(warnings.contains("corpus.jsonl: 3 malformed lines skipped"))
        #expect(warnings.contains("queries.jsonl:2: no \"text\" string; skipped"))
        #expect(warnings.contains("queries.jsonl: query q2 has no text here and is left out"))
        #expect(warnings.contains("corpus.jsonl: document d5 has no text here and is left out of the candidates"))
        #expect(warnings.contains("test.tsv: query q9 has judgments but no run entries; left out, as trec_eval does without -c"))
    }

    @Test("A run that shares nothing with the queries or the corpus, or is malformed, is an error naming the file")
    func errors() throws {
        let files = try TemporaryFiles()
        let corpus = try files.write("corpus.tsv", "d1\tone\n")
        let queries = try files.write("queries.tsv", "q1\tquery\n")
        func load(_ run: String, queries: URL = queries) throws -> LoadedJudgedSet {
            try JudgedSetSource.run(RunSetFiles(run: try files.write("r.run", run), queries: queries, corpus: corpus, qrels: nil))
                .load(topK: 10)
        }
        let noQueries = try #require(throws: PassageSourceError.self) { try load("q7 Q0 d1 1 1 t\n") }
        #expect(noQueries.description.contains("none of the run's 1 queries (first: q7) is here"))
        let noDocuments = try #require(throws: PassageSourceError.self) { try load("q1 Q0 d8 1 1 t\n") }
        #expect(noDocuments.description.contains("none of the run's documents (first: d8) is here"))
        let malformed = try #require(throws: PassageSourceError.self) { try load("q1 Q0 d1 1 1 t\nq1 d1 1\n") }
        #expect(malformed.description.contains("r.run:2: found 3 columns"), "\(malformed.description)")
        let empty = try #require(throws: PassageSourceError.self) { try load("\n") }
        #expect(empty.description.contains("the file has no data lines"))
        let missing = try #require(throws: PassageSourceError.self) {
            try load("q1 Q0 d1 1 1 t\n", queries: files.directory.appendingPathComponent("none.tsv"))
        }
        #expect(missing.description.contains("none.tsv: cannot read (no such file)"))
    }

    @Test("A judged-set folder with positives added from passages.tsv")
    func folderPositives() throws {
        let files = try TemporaryFiles()
        try files.write("set/queries.tsv", "q1\tquery\n")
        try files.write("set/passages.tsv", "d1\tone\nd2\ttwo\nd3\tthree\n")
        try files.write("set/candidates.tsv", "q1\td1\t1\nq1\td2\t2\n")
        try files.write("set/qrels.tsv", "q1\td2\t1\nq1\td3\t2\nq1\td8\t1\n")
        let loaded = try JudgedSetSource.folder(files.directory.appendingPathComponent("set")).load(topK: 1, rerankPositives: true)
        #expect(loaded.set.queries[0].candidates.map(\.docid) == ["d1", "d2", "d3"])
        #expect(loaded.positives == PositivesAdded(added: 2, withoutText: 1))
    }

    @Test("A large corpus is streamed: only the wanted documents kept, progress reported, bad lines counted")
    func largeCorpus() throws {
        let files = try TemporaryFiles()
        let lineCount = 200_000
        var text = ""
        text.reserveCapacity(lineCount * 80)
        for index in 1...lineCount {
            if index % 50_000 == 0 {
                text += "{\"_id\": \"broken\n"
            } else {
                text += "{\"_id\": \"doc\(index)\", \"title\": \"T\(index)\", \"text\": \"passage number \(index) of the corpus\"}\n"
            }
        }
        let url = try files.write("corpus.jsonl", text)
        let wanted = Set((1...100).map { "doc\($0 * 1_999)" } + ["missing"])
        var reports: [(Int, Int)] = []
        let corpus = try CorpusTexts(url: url, name: "corpus.jsonl", keeping: wanted) { reports.append(($0, $1)) }
        #expect(corpus.texts.count == 100)
        #expect(corpus.texts["doc1999"] == "T1999 passage number 1999 of the corpus")
        #expect(corpus.lineCount == lineCount)
        #expect(corpus.skipped.count == 4)
        #expect(corpus.warnings.first == "corpus.jsonl:50000: not a JSON object; skipped")
        #expect(corpus.warnings.last == "corpus.jsonl: 4 malformed lines skipped")
        // At least the first chunk and the end; more when the read takes longer than `LineReader`'s pace.
        #expect(reports.count >= 2)
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.0 <= $1.0 })
        #expect(reports.last.map { $0.0 == $0.1 } == true)
    }
}
