import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Puts the terminal back the way the shell had it when the process is killed, crashes or exits
/// without closing the screen; turns SIGTERM and SIGHUP into a request to stop that the main loop
/// honours like q, so nothing typed is lost.
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

    /// Signals that end the process at once: restore, then die of the signal as before.
    private static let terminatingSignals: [Int32] = [SIGINT, SIGQUIT]
    /// Signals that ask the explorer to stop (a `kill`, a closed terminal window): the main loop ends as
    /// with q, so the session is flushed and the screen closed, then `endIfStopped` dies of the signal. A
    /// second one ends the process at once.
    private static let stoppingSignals: [Int32] = [SIGTERM, SIGHUP]
    /// The stopping signal received, 0 before one.
    private static let requestedStop = Atomic<Int32>(0)
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
        for signal in stoppingSignals { install(stoppingHandler, for: signal) }
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
        for signal in terminatingSignals + stoppingSignals + faultSignals {
            guard var previous = previousActions[Int(signal)] else { continue }
            sigaction(signal, &previous, nil)
            previousActions[Int(signal)] = nil
        }
    }

    /// The stopping signal received (SIGTERM, SIGHUP), if any: the main loop ends when it is set.
    static var stopSignal: Int32? {
        let signal = requestedStop.load(ordering: .acquiring)
        return signal == 0 ? nil : signal
    }

    /// After a stopping signal, once the screen is closed and the session saved: dies of the signal, so the
    /// shell sees the status it expects (128 + the signal).
    static func endIfStopped() {
        guard let signal = stopSignal else { return }
        dieOf(signal)
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
        TerminalRestoration.dieOf(signal)
    }

    /// The first stopping signal only sets the request (a lock-free atomic, async-signal-safe).
    private static let stoppingHandler: @convention(c) (Int32) -> Void = { signal in
        guard !TerminalRestoration.requestedStop.compareExchange(expected: 0, desired: signal, ordering: .acquiringAndReleasing).exchanged else {
            return
        }
        TerminalRestoration.restoreIfArmed()
        TerminalRestoration.dieOf(signal)
    }

    /// Async-signal-safe: the signal's default action back, then the signal again, unblocked on this
    /// thread first (Swift's task threads block signals, so it would stay pending there).
    private static func dieOf(_ signal: Int32) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigaddset(&unblocked, signal)
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
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
