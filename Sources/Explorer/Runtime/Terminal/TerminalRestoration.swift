import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Puts the terminal back the way the shell had it when the process is killed, crashes or exits
/// without closing the screen.
///
/// Signal handlers may only use async-signal-safe calls, so everything is prepared while arming:
/// the saved terminal modes and the escape bytes that end bracketed paste, mouse reporting,
/// keypad mode and the alternate screen. Restoring is `tcsetattr` plus one `write`.
enum TerminalRestoration {
    private static let armed = Atomic<Bool>(false)
    // Written only while disarmed (before handlers are installed), read by the handlers.
    nonisolated(unsafe) private static var savedModes = termios()
    nonisolated(unsafe) private static var inputDescriptor: Int32 = 0
    nonisolated(unsafe) private static var outputDescriptor: Int32 = 1
    nonisolated(unsafe) private static var resetBytes: UnsafeMutableBufferPointer<UInt8>?
    /// Indexed by signal number; a plain array so the handlers read it without hashing.
    nonisolated(unsafe) private static var previousActions: [sigaction?] = Array(repeating: nil, count: 32)   // the standard signals
    nonisolated(unsafe) private static var exitHookInstalled = false

    /// Signals that end the process: restore, then die of the signal as before.
    private static let terminatingSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    /// Faults and traps (a failed Swift check is SIGILL on x86-64, SIGTRAP on arm64): restore, put the
    /// previous handler back (a crash reporter, say) and let it fault again.
    private static let faultSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]

    /// The escape sequences that end bracketed paste and mouse reporting; the screen adds the
    /// terminal's own `sgr0`, `rmkx`, `cnorm` and `rmcup` from terminfo.
    static let modeResetSequence = Array("\u{1B}[?2004l\u{1B}[?1006l\u{1B}[?1003l\u{1B}[?1002l\u{1B}[?1000l".utf8)

    /// Records the shell's terminal modes (read before ncurses changes them) and installs the
    /// handlers; from now on a signal, crash or `exit` restores the terminal.
    static func arm(shellModes: termios, input: Int32, output: Int32, reset: [UInt8]) {
        guard !armed.load(ordering: .acquiring) else { return }
        savedModes = shellModes
        inputDescriptor = input
        outputDescriptor = output
        resetBytes?.deallocate()
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: reset.count)
        _ = buffer.initialize(from: reset)
        resetBytes = buffer
        for signal in terminatingSignals { install(terminatingHandler, for: signal) }
        for signal in faultSignals { install(faultHandler, for: signal) }
        if !exitHookInstalled {
            exitHookInstalled = true
            atexit { TerminalRestoration.restoreIfArmed() }
        }
        armed.store(true, ordering: .releasing)
    }

    /// The screen closed normally: remove the handlers without touching the terminal.
    static func disarm() {
        guard armed.exchange(false, ordering: .acquiringAndReleasing) else { return }
        for signal in terminatingSignals + faultSignals {
            guard var previous = previousActions[Int(signal)] else { continue }
            sigaction(signal, &previous, nil)
            previousActions[Int(signal)] = nil
        }
    }

    /// Async-signal-safe: restores the shell's modes and writes the reset bytes, once.
    private static func restoreIfArmed() {
        guard armed.exchange(false, ordering: .acquiringAndReleasing) else { return }
        _ = tcsetattr(inputDescriptor, TCSADRAIN, &savedModes)
        if let bytes = resetBytes, let base = bytes.baseAddress {
            _ = write(outputDescriptor, base, bytes.count)
        }
    }

    private static func install(_ handler: @escaping @convention(c) (Int32) -> Void, for signal: Int32) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        var previous = sigaction()
        if sigaction(signal, &action, &previous) == 0 { previousActions[Int(signal)] = previous }
    }

    private static let terminatingHandler: @convention(c) (Int32) -> Void = { signal in
        TerminalRestoration.restoreIfArmed()
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
        raise(signal)
    }

    private static let faultHandler: @convention(c) (Int32) -> Void = { signal in
        TerminalRestoration.restoreIfArmed()
        if var previous = TerminalRestoration.previousActions[Int(signal)] {
            sigaction(signal, &previous, nil)
        } else {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = SIG_DFL
            sigaction(signal, &action, nil)
        }
    }
}
