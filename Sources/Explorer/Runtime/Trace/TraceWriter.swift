import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Appends timing records to the `--trace` file as JSON lines (see `TraceRecord` for the format).
///
/// Safe to call from any thread; lines are buffered and written in blocks, and whatever is
/// buffered is written by `flush()`, `close()` and when the writer is released.
public final class TraceWriter: Sendable {
    public let fileURL: URL
    private struct Output {
        var descriptor: Int32
        var buffer: [UInt8]
    }
    private let output: Mutex<Output>
    private let blockSize = 16 * 1024

    /// Opens `fileURL` for appending, creating it when needed.
    public init(fileURL: URL) throws {
        self.fileURL = fileURL
        let descriptor = open(fileURL.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw TraceError.cannotOpen(fileURL, reason: String(cString: strerror(errno)))
        }
        output = Mutex(Output(descriptor: descriptor, buffer: []))
    }

    deinit {
        close()
    }

    /// One input event and how long it took until the screen showed its effect.
    public func recordInput(_ event: InputEvent, millisecondsToRedraw: Double) {
        append(TraceRecord(event: TraceRecord.inputEvent, key: TraceRecord.name(of: event),
                           millisecondsToRedraw: Self.rounded(millisecondsToRedraw)))
    }

    /// One pane's timings after a query change (or from the process's start), written at once: they are
    /// few, and a script watching the file waits for them.
    public func recordPane(_ timing: PaneTiming) {
        defer { flush() }
        append(TraceRecord(event: timing.sinceProcessStart ? TraceRecord.startupEvent : TraceRecord.paneEvent, pane: timing.pane.rawValue, scorer: timing.scorer,
                           firstMilliseconds: Self.rounded(timing.firstMilliseconds),
                           completeMilliseconds: timing.completeMilliseconds.map(Self.rounded), passages: timing.passages))
    }

    /// Writes the buffered lines.
    public func flush() {
        output.withLock { Self.drain(&$0) }
    }

    /// Writes the buffered lines and closes the file; later records are dropped.
    public func close() {
        output.withLock { output in
            Self.drain(&output)
            if output.descriptor >= 0 { _ = Glibc.close(output.descriptor) }
            output.descriptor = -1
        }
    }

    private func append(_ record: TraceRecord) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let line = try? encoder.encode(record) else { return }
        output.withLock { output in
            guard output.descriptor >= 0 else { return }
            output.buffer.append(contentsOf: line)
            output.buffer.append(0x0A)
            if output.buffer.count >= blockSize { Self.drain(&output) }
        }
    }

    /// Tracing must never disturb the explorer: a failed write drops the buffered lines.
    private static func drain(_ output: inout Output) {
        guard output.descriptor >= 0, !output.buffer.isEmpty else { return }
        _ = output.buffer.withUnsafeBytes { writeAll($0, to: output.descriptor) }
        output.buffer.removeAll(keepingCapacity: true)
    }

    private static func rounded(_ milliseconds: Double) -> Double {
        (milliseconds * 1000).rounded() / 1000
    }
}

/// Why a trace file could not be written or read.
public enum TraceError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(URL, reason: String)
    case cannotRead(URL, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let url, let reason):
            return "\(url.path): the trace file could not be opened for writing: \(reason). Choose a writable path for --trace."
        case .cannotRead(let url, let reason):
            return "\(url.path): the trace file could not be read: \(reason). Check the path."
        }
    }
}
