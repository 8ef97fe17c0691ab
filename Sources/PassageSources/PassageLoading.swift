import Foundation
import TextFiles

/// Entry points that turn files, standard input and pasted text into passages.
///
/// Formats: plain text (`.txt`, `.md`), JSON Lines (`.jsonl`, `.ndjson`), TSV (`.tsv`), judged-set
/// folders, and, for other extensions and standard input, JSON Lines when every non-empty line is
/// a JSON object, else plain text. A source without any passage is an error.
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
    public static func load(
        contentsOf url: URL, name: String? = nil, judgedQuery: String? = nil
    ) throws(PassageSourceError) -> PassageCollection {
        if JudgedSetFolder.isJudgedSet(url) {
            return try JudgedSetFolder(url: url).collection(forQuery: judgedQuery)
        }
        if RunSetFiles.isBEIRFolder(url) { throw .beirFolderWithoutRun(folder: name ?? url.relativePath) }
        let file = try PassageSourceError.reading(url, name: name)
        return try load(file, format: PassageFormat.forExtension(url.pathExtension))
    }

    /// Parses text already read; `format` nil means detect it from the content.
    /// The collection is titled by the sample metadata, else by the file's last path component.
    public static func load(_ file: TextFile, format: PassageFormat? = nil) throws(PassageSourceError) -> PassageCollection {
        var metadata: SampleMetadata?
        let passages: [PassageRecord]
        switch format ?? PassageFormat.detect(in: file) {
        case .plainText:
            passages = paragraphs(in: file.text).map { PassageRecord(text: $0) }
        case .tsv:
            passages = try TSVReader.read(file)
        case .jsonLines:
            let contents = try JSONLinesReader.read(file)
            metadata = contents.metadata
            passages = contents.passages
        }
        guard !passages.isEmpty else { throw .noPassages(file: file.name) }
        return PassageCollection(
            title: metadata?.title ?? URL(fileURLWithPath: file.name).lastPathComponent,
            queries: metadata?.queries ?? [],
            passages: passages,
            warnings: file.warnings
        )
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
        return try load(TextFile(bytes: data ?? Data(), name: "stdin"))
    }
}
