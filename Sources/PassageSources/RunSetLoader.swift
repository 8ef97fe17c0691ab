import Evaluation
import Foundation

/// Builds a judged set from a run: each query of the run that has a text becomes a query of the
/// set, with the run's first `topK` documents (ranked as trec_eval ranks them) as candidates,
/// their texts from one streaming pass over the corpus, and the qrels' grades.
///
/// Judged queries missing from the run are left out, as trec_eval does without `-c`; run queries
/// without judgments stay in the set but count in no mean. Both are noted in the warnings, as
/// are queries without text and documents not in the corpus (left out).
struct RunSetLoader {
    let files: RunSetFiles
    let topK: Int?
    let rerankPositives: Bool

    func load(progress: JudgedSetSource.Progress?) throws(PassageSourceError) -> LoadedJudgedSet {
        let run = try judgedSetFile { () throws(JudgedSetError) in
            try TRECRun(contentsOf: files.run, name: files.run.relativePath)
        }
        guard !run.queryIDs.isEmpty else { throw .judgedSetFile(JudgedSetError(file: files.run.relativePath, problem: .empty)) }
        let qrels = try files.qrels.map { url throws(PassageSourceError) in
            try judgedSetFile { () throws(JudgedSetError) in try Qrels(contentsOf: url, name: url.relativePath) }
        }
        var warnings = run.warnings + (qrels?.warnings ?? [])

        let queryTexts = try readQueries(of: run, warnings: &warnings)
        let queryIDs = run.queryIDs.filter { queryTexts[$0] != nil }
        let ranked = Dictionary(uniqueKeysWithValues: queryIDs.map { ($0, run.ranked($0, top: topK)) })
        var wanted = Set(ranked.values.joined().map(\.docid))
        if rerankPositives, let qrels {
            for qid in queryIDs {
                for (docid, grade) in qrels.grades[qid] ?? [:] where grade >= 1 { wanted.insert(docid) }
            }
        }
        let corpus = try CorpusTexts(url: files.corpus, name: files.corpus.relativePath, keeping: wanted, progress: progress)
        warnings += corpus.warnings

        var missing: [String] = []
        let queries = queryIDs.map { qid in
            let candidates = (ranked[qid] ?? []).enumerated().compactMap { position, entry -> JudgedCandidate? in
                guard let text = corpus.texts[entry.docid] else {
                    missing.append(entry.docid)
                    return nil
                }
                return JudgedCandidate(docid: entry.docid, text: text, firstStageRank: position + 1)
            }
            return JudgedQuery(id: qid, text: queryTexts[qid] ?? "", candidates: candidates, grades: qrels?.grades[qid] ?? [:])
        }
        guard queries.contains(where: { !$0.candidates.isEmpty }) else {
            throw .noOverlap(file: files.corpus.relativePath, detail: "none of the run's documents (first: \(missing.first ?? "none")) "
                + "is here; check that the run and the corpus belong together")
        }
        if !missing.isEmpty {
            let distinct = Array(Set(missing)).sorted()
            warnings.append("\(files.corpus.relativePath): \(JudgedSet.listing(distinct, noun: "document", plural: "documents")) "
                + "no text here and \(distinct.count == 1 ? "is" : "are") left out of the candidates")
        }
        if let qrels { noteCoverage(of: qrels, queryIDs: queryIDs, run: run, warnings: &warnings) }

        let set = JudgedSet(name: files.name, queries: queries, warnings: warnings)
        guard rerankPositives else { return LoadedJudgedSet(set: set, positives: nil) }
        let (withPositives, added) = set.addingPositives(texts: corpus.texts)
        return LoadedJudgedSet(set: withPositives, positives: added)
    }

    /// The texts of the run's queries; queries without one are noted and left out.
    private func readQueries(of run: TRECRun, warnings: inout [String]) throws(PassageSourceError) -> [String: String] {
        let name = files.queries.relativePath
        var lines = try RecordLines(url: files.queries, name: name, joinsTitle: false)
        var texts: [String: String] = [:]
        while let record = try lines.next(wanted: Set(run.queryIDs)) {
            if texts[record.id] == nil { texts[record.id] = record.text }
        }
        warnings += lines.warnings + lines.skipped.messages
        let withoutText = run.queryIDs.filter { texts[$0] == nil }
        if withoutText.count == run.queryIDs.count {
            throw .noOverlap(file: name, detail: "none of the run's \(run.queryIDs.count) queries (first: \(run.queryIDs[0])) "
                + "is here; check that the run and the queries belong together")
        }
        if !withoutText.isEmpty {
            warnings.append("\(name): \(JudgedSet.listing(withoutText)) no text here and \(withoutText.count == 1 ? "is" : "are") left out")
        }
        return texts
    }

    /// Notes judged queries the run lacks, and run queries without judgments.
    private func noteCoverage(of qrels: Qrels, queryIDs: [String], run: TRECRun, warnings: inout [String]) {
        let name = files.qrels?.relativePath ?? "qrels"
        let inRun = Set(run.queryIDs)
        let notRun = qrels.queryIDs.filter { !inRun.contains($0) }
        if !notRun.isEmpty {
            warnings.append("\(name): \(JudgedSet.listing(notRun)) judgments but no run entries; left out, as trec_eval does without -c")
        }
        let unjudged = queryIDs.filter { qrels.grades[$0] == nil }
        if !unjudged.isEmpty {
            warnings.append("\(name): \(JudgedSet.listing(unjudged)) no judgments and count in no mean")
        }
    }

    private func judgedSetFile<Value>(_ body: () throws(JudgedSetError) -> Value) throws(PassageSourceError) -> Value {
        do {
            return try body()
        } catch {
            throw .judgedSetFile(error)
        }
    }
}
