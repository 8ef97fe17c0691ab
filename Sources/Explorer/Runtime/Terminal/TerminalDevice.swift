import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// The terminal the screen runs on: stdin and stdout when they are terminals, otherwise
/// `/dev/tty` (the passages may have come through a pipe).
struct TerminalDevice {
    let inputDescriptor: Int32
    let outputDescriptor: Int32
    /// Streams for ncurses over duplicated descriptors, so closing them leaves stdin/stdout open.
    let inputFile: UnsafeMutablePointer<FILE>
    let outputFile: UnsafeMutablePointer<FILE>
    /// `/dev/tty` when it had to be opened.
    private let openedTTY: Int32?

    static func open() throws -> TerminalDevice {
        let stdinIsTerminal = isatty(STDIN_FILENO) == 1, stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
        var tty: Int32?
        if !stdinIsTerminal || !stdoutIsTerminal {
            let descriptor = Glibc.open("/dev/tty", O_RDWR | O_CLOEXEC)
            guard descriptor >= 0 else { throw TerminalError.notATerminal }
            tty = descriptor
        }
        let input = stdinIsTerminal ? STDIN_FILENO : tty ?? STDIN_FILENO
        let output = stdoutIsTerminal ? STDOUT_FILENO : tty ?? STDOUT_FILENO
        guard let inputFile = fdopen(dup(input), "r"), let outputFile = fdopen(dup(output), "w") else {
            if let tty { Glibc.close(tty) }
            throw TerminalError.notATerminal
        }
        return TerminalDevice(inputDescriptor: input, outputDescriptor: output, inputFile: inputFile,
                              outputFile: outputFile, openedTTY: tty)
    }

    /// Writes control bytes straight to the terminal, after what ncurses has buffered.
    func write(_ bytes: [UInt8]) {
        fflush(outputFile)
        _ = bytes.withUnsafeBytes { writeAll($0, to: outputDescriptor) }
    }

    func close() {
        fclose(inputFile)
        fclose(outputFile)
        if let openedTTY { Glibc.close(openedTTY) }
    }

    /// Returns when the descriptor has input or after `maxWait`, without tying up the caller's
    /// thread: `poll` runs on a dispatch thread. Returns false when the terminal has gone away
    /// (hung up or closed), so the caller can stop instead of polling a dead descriptor.
    static func waitUntilReadable(_ descriptor: Int32, maxWait: Duration) async -> Bool {
        let milliseconds = Int32(clamping: max(0, Int(maxWait.milliseconds.rounded(.up))))
        return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            DispatchQueue.global(qos: .userInteractive).async {
                var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&request, 1, milliseconds)
                let gone = Int32(request.revents) & (POLLHUP | POLLERR | POLLNVAL) != 0
                continuation.resume(returning: !gone)
            }
        }
    }
}
