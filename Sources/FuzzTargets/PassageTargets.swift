import Foundation
import PassageSources
import TextFiles

/// Passage files and judged sets: what `rerank`, `rerank compare` and the explorer open.
enum PassageTargets {
    private static let judgedSetFiles = ["queries.tsv", "candidates.tsv", "passages.tsv", "qrels.tsv"]
    private static let runSetFiles = ["run.trec", "queries.tsv", "corpus.tsv", "qrels.txt"]
    private static let beirFiles = ["corpus.jsonl", "queries.jsonl", "qrels/test.tsv", "run.trec"]

    static let all: [FuzzTarget] = [
        FuzzTarget("passages-text", "a passage file of unknown format (or stdin): JSON Lines when it looks so, else "
                   + "plain text") { bytes in
            _ = try PassageSources.load(TextFile(bytes: bytes, name: "passages"))
        },
        FuzzTarget("passages-jsonl", "a .jsonl passage file with its sample metadata line") { bytes in
            _ = try PassageSources.load(TextFile(bytes: bytes, name: "passages.jsonl"), format: .jsonLines)
        },
        FuzzTarget("passages-tsv", "a .tsv passage file: text, id TAB text, or id TAB text TAB label") { bytes in
            _ = try PassageSources.load(TextFile(bytes: bytes, name: "passages.tsv"), format: .tsv)
        },
        FuzzTarget("judged-set", "a judged-set folder: " + judgedSetFiles.joined(separator: " NUL ")) { bytes in
            try ScratchFolder.using { scratch in
                let folder = try scratch.split(bytes, into: judgedSetFiles)
                _ = try? PassageSources.load(contentsOf: folder)
                _ = try JudgedSetSource.folder(folder).load(topK: 3, rerankPositives: true)
            }
        },
        FuzzTarget("run-set", "a run to rerank: " + runSetFiles.joined(separator: " NUL ")) { bytes in
            try ScratchFolder.using { scratch in
                let folder = try scratch.split(bytes, into: runSetFiles)
                let files = RunSetFiles(run: folder.appendingPathComponent(runSetFiles[0]),
                                        queries: folder.appendingPathComponent(runSetFiles[1]),
                                        corpus: folder.appendingPathComponent(runSetFiles[2]),
                                        qrels: folder.appendingPathComponent(runSetFiles[3]))
                _ = try JudgedSetSource.run(files).load(topK: 3, rerankPositives: true)
            }
        },
        FuzzTarget("beir", "a BEIR folder and its run: " + beirFiles.joined(separator: " NUL ")) { bytes in
            try ScratchFolder.using { scratch in
                let folder = try scratch.split(bytes, into: beirFiles)
                _ = try? PassageSources.load(contentsOf: folder)
                let files = RunSetFiles.beir(folder: folder, run: folder.appendingPathComponent(beirFiles[3]))
                _ = try JudgedSetSource.run(files).load(topK: nil, rerankPositives: true)
            }
        },
    ]
}
