import Foundation
import TextFiles

/// Entry points that turn files, standard input and pasted text into passages.
///
/// Formats: plain text (`.txt`, `.md`), JSON Lines (`.jsonl`, `.ndjson`), TSV (`.tsv`), judged-set
/// folders, and, for other extensions and standard input, JSON Lines when every non-empty line is
/// a JSON object, else plain text. A source without any passage is an error.
///
/// Files are streamed: the readers take them line by line through a `LineReader`, which holds one
/// megabyte of the file at a time, so what stays in memory is the passages' strings alone.
public enum PassageSources {
    /// Pasted or plain text split into passages: one per blank-line-separated paragraph, each line
    /// trimmed and the lines of a paragraph joined with one space; empty paragraphs are dropped,
    /// so a single-line paste is one passage and whitespace alone gives none.
    public static func paragraphs(in text: String) -> [String] {
        PlainTextReader.paragraphs(in: text)
    }

    /// Loads a passage file, or a judged-set folder (taking query `judgedQuery`, else the first, with
    /// the whole set attached as `judged`). `name` is how messages call the source (defaults to the
    /// path as given). A BEIR folder needs its run, so it is refused with a message that says so.
    ///
    /// `progress` hears how far the file's read has come, at `LineReader`'s pace (ten times a
    /// second at most), never backwards, ending with the whole size; a judged-set folder reports
    /// nothing. Cancelling the task that loads stops the read within a megabyte with `.cancelled`.
    public static func load(
        contentsOf url: URL, name: String? = nil, judgedQuery: String? = nil, progress: LineReader.Progress? = nil
    ) throws(PassageSourceError) -> PassageCollection {
        if JudgedSetFolder.isJudgedSet(url) {
            return try JudgedSetFolder(url: url).collection(forQuery: judgedQuery)
        }
        let displayName = name ?? url.relativePath
        if RunSetFiles.isBEIRFolder(url) { throw .beirFolderWithoutRun(folder: displayName) }
        return try read(name: displayName, format: PassageFormat.forExtension(url.pathExtension), progress: progress) {
            () throws(PassageSourceError) in try LineReader.opening(url, name: displayName)
        }
    }

    /// Parses text already read; `format` nil means detect it from the content.
    /// The collection is titled by the sample metadata, else by the file's last path component.
    public static func load(_ file: TextFile, format: PassageFormat? = nil) throws(PassageSourceError) -> PassageCollection {
        let bytes = Array(file.text.utf8)
        var collection = try read(name: file.name, format: format, progress: nil) { () throws(PassageSourceError) in
            LineReader(bytes: bytes, name: file.name)
        }
        collection.warnings = file.warnings + collection.warnings
        return collection
    }

    /// Reads all of standard input (e.g. `cat notes.txt | rerank`) and detects its format; messages
    /// call it `stdin`.
    public static func readStandardInput() throws(PassageSourceError) -> PassageCollection {
        let data: Data?
        do {
            data = try FileHandle.standardInput.readToEnd()
        } catch {
            throw .unreadable(file: "stdin", reason: error.localizedDescription)
        }
        return try read(name: "stdin", format: nil, progress: nil) { () throws(PassageSourceError) in
            LineReader(bytes: data ?? Data(), name: "stdin")
        }
    }

    /// Reads the passages of the lines `open` gives in `format`; of unknown format, as JSON Lines
    /// while every line is a JSON object, else opened again and read as plain text.
    private static func read(
        name: String, format: PassageFormat?, progress: LineReader.Progress?,
        open: () throws(PassageSourceError) -> LineReader
    ) throws(PassageSourceError) -> PassageCollection {
        var highestReported = -1
        func opened() throws(PassageSourceError) -> PassageLines {
            let reader = try open()
            if let progress {
                // A second reading (plain text after a JSON Lines attempt) never moves progress back.
                reader.progress = { bytesRead, totalBytes in
                    guard bytesRead > highestReported else { return }
                    highestReported = bytesRead
                    progress(bytesRead, totalBytes)
                }
            }
            return PassageLines(reader)
        }
        var lines = try opened()
        var metadata: SampleMetadata?
        let passages: [PassageRecord]
        switch format {
        case .plainText?:
            passages = try PlainTextReader.read(&lines)
        case .tsv?:
            passages = try TSVReader.read(&lines)
        case .jsonLines?:
            let contents = try JSONLinesReader.read(&lines)
            metadata = contents.metadata
            passages = contents.passages
        case nil:
            if let contents = try JSONLinesReader.readIfJSONLines(&lines) {
                metadata = contents.metadata
                passages = contents.passages
            } else {
                lines = try opened()
                passages = try PlainTextReader.read(&lines)
            }
        }
        guard !passages.isEmpty else { throw .noPassages(file: name) }
        return PassageCollection(
            title: metadata?.title ?? URL(fileURLWithPath: name).lastPathComponent,
            queries: metadata?.queries ?? [],
            passages: passages,
            warnings: lines.warnings
        )
    }
}
