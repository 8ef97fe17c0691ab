import TextFiles

/// The lines of one passage source as the readers take them, one at a time through a `LineReader`:
/// a read error becomes a `PassageSourceError`, and the read stops with `.cancelled` once the task
/// it runs in is cancelled (checked after every chunk read, so within a megabyte).
struct PassageLines {
    private let reader: LineReader
    /// `bytesRead` when cancellation was last checked.
    private var checkedBytes = -1

    init(_ reader: LineReader) {
        self.reader = reader
    }

    /// How messages name the source.
    var name: String { reader.name }

    /// The lines with invalid UTF-8 read so far: the first named, then how many more.
    var warnings: [String] { reader.allWarnings }

    /// The next line with its 1-based number, or nil at the end.
    mutating func next() throws(PassageSourceError) -> (number: Int, text: String)? {
        let line = try reader.nextLineOrFail()
        if reader.bytesRead != checkedBytes {
            checkedBytes = reader.bytesRead
            if Task.isCancelled { throw .cancelled(file: name) }
        }
        return line.map { (reader.lineNumber, $0) }
    }
}
