import Foundation

/// Reads a text file one line at a time without holding it whole, for inputs too large to load
/// (a corpus of millions of passages). Lines are decoded like `TextFile`: invalid UTF-8 replaced
/// with U+FFFD (the first `warningLimit` such lines named in `warnings`, all counted), a leading
/// byte-order mark dropped, `\n` or `\r\n` endings removed.
///
/// It keeps one read chunk (1 MiB) and the unfinished line at its end, never the whole file; bytes
/// already in memory (standard input) can be read through it too, with `init(bytes:name:)`.
public final class LineReader {
    /// Hears how far a read has come: bytes read and the file's size (never below the bytes read,
    /// should the file grow while it is read).
    public typealias Progress = (_ bytesRead: Int, _ totalBytes: Int) -> Void

    /// How often `progress` hears: when `interval` has passed or `bytes` more were read since the
    /// last report, whichever comes first.
    public struct ProgressPace: Sendable, Hashable {
        public var interval: Duration
        public var bytes: Int

        public init(interval: Duration, bytes: Int) {
            self.interval = interval
            self.bytes = bytes
        }

        /// Ten reports a second at most, or one per 16 MiB on a disk faster than 160 MB/s.
        public static let standard = ProgressPace(interval: .milliseconds(100), bytes: 16 << 20)
        /// A report after every chunk read (tests).
        public static let everyChunk = ProgressPace(interval: .zero, bytes: 1)
    }

    /// How messages name the file.
    public let name: String
    /// The file's size in bytes, for progress; nil when the system does not say.
    public let totalBytes: Int?
    /// Bytes read from the file so far.
    public private(set) var bytesRead = 0
    /// Told how far the read of a file has come: after the first chunk, then at `progressPace`, and
    /// at the end with the bytes read as the total (100 %), unless the last chunk's report said so
    /// already. Bytes given in memory report nothing.
    public var progress: Progress?
    public var progressPace = ProgressPace.standard
    /// Number of the line `nextLine()` returned last (1-based; 0 before the first).
    public private(set) var lineNumber = 0
    /// Lines that held invalid UTF-8.
    public private(set) var invalidLineCount = 0
    /// Messages naming the first lines that held invalid UTF-8.
    public private(set) var warnings: [String] = []
    /// Lines with invalid UTF-8 named one by one in `warnings`; the rest are only counted.
    public static let warningLimit = 20

    /// Nil when the bytes were given in memory.
    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    private var start = 0
    private var reachedEnd = false
    private var reported: (bytes: Int, total: Int, time: ContinuousClock.Instant)?
    private static let chunkSize = 1 << 20

    /// Opens `url`; `name` defaults to the path as given.
    public init(contentsOf url: URL, name: String? = nil) throws(TextFileError) {
        let displayName = name ?? url.relativePath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw TextFileError(file: displayName, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw TextFileError(file: displayName, reason: "it is a folder") }
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw TextFileError(file: displayName, reason: (error as NSError).localizedDescription)
        }
        self.name = displayName
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? NSNumber
        totalBytes = size?.intValue
    }

    /// Reads lines from bytes already in memory (standard input, a paste); `totalBytes` is their count.
    public init(bytes: some Collection<UInt8>, name: String) {
        self.name = name
        handle = nil
        buffer = Array(bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...])
        bytesRead = bytes.count
        totalBytes = bytes.count
        reachedEnd = true
    }

    deinit { try? handle?.close() }

    /// The next line, or nil at the end of the file. A read error names the file and the line reached.
    public func nextLine() throws(TextFileError) -> String? {
        while true {
            if let newline = nextNewline() {
                let line = decode(buffer[start..<newline])
                start = newline + 1
                return line
            }
            if reachedEnd {
                guard start < buffer.count else { return nil }
                let line = decode(buffer[start...])
                start = buffer.count
                return line
            }
            try readChunk()
        }
    }

    /// A summary of the invalid UTF-8 past the named lines, or nil when all were named.
    public var unnamedInvalidLines: String? {
        let unnamed = invalidLineCount - warnings.count
        guard unnamed > 0 else { return nil }
        return "\(name): \(unnamed) more line\(unnamed == 1 ? "" : "s") with invalid UTF-8 replaced with U+FFFD"
    }

    private func nextNewline() -> Int? {
        buffer.withUnsafeBufferPointer { bytes -> Int? in
            guard start < bytes.count, let base = bytes.baseAddress,
                  let found = memchr(base + start, 0x0A, bytes.count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    private func readChunk() throws(TextFileError) {
        let chunk: Data?
        do {
            chunk = try handle?.read(upToCount: Self.chunkSize)
        } catch {
            throw TextFileError(file: name, reason: "read failed after line \(lineNumber): \((error as NSError).localizedDescription)")
        }
        buffer.removeFirst(start)
        start = 0
        guard let chunk, !chunk.isEmpty else {
            reachedEnd = true
            report(final: true)
            return
        }
        if bytesRead == 0, chunk.starts(with: [0xEF, 0xBB, 0xBF]) {
            buffer.append(contentsOf: chunk.dropFirst(3))
        } else {
            buffer.append(contentsOf: chunk)
        }
        bytesRead += chunk.count
        report(final: false)
    }

    /// Tells `progress` when the pace says so, and at the end unless the last report said it all.
    private func report(final: Bool) {
        guard let progress else { return }
        let total = final ? bytesRead : max(totalBytes ?? 0, bytesRead)
        let now = ContinuousClock.now
        if let last = reported {
            let due = final ? (last.bytes, last.total) != (bytesRead, total)
                : bytesRead - last.bytes >= progressPace.bytes || now - last.time >= progressPace.interval
            guard due else { return }
        }
        reported = (bytesRead, total, now)
        progress(bytesRead, total)
    }

    private func decode(_ bytes: ArraySlice<UInt8>) -> String {
        lineNumber += 1
        let content = bytes.last == 0x0D ? bytes.dropLast() : bytes
        if let valid = String(validating: content, as: UTF8.self) { return valid }
        invalidLineCount += 1
        if warnings.count < Self.warningLimit {
            warnings.append("\(name):\(lineNumber): invalid UTF-8 replaced with U+FFFD")
        }
        return String(decoding: content, as: UTF8.self)
    }
}

extension LineReader {
    /// `warnings` followed by `unnamedInvalidLines` when there is one.
    public var allWarnings: [String] {
        warnings + [unnamedInvalidLines].compactMap { $0 }
    }
}
