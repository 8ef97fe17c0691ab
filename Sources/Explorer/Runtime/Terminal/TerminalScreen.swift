import CNcurses
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The ncurses backend: copies cell grids to the terminal and turns keystrokes, pastes, mouse
/// reports and resizes into `InputEvent`s. The only type that talks to ncurses; use it from the
/// main thread, and `close()` it (or use `run`) so the terminal is restored. Signals, crashes
/// and `exit` restore the terminal too.
@MainActor
public final class TerminalScreen {
    /// The colour depth the palette should resolve colours for.
    public let colorDepth: ColorDepth
    public private(set) var width: Int
    public private(set) var height: Int
    /// The terminal went away (its window closed without a signal reaching the process): no more
    /// input will come, so the caller should stop.
    public private(set) var isDisconnected = false

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let input: TerminalDevice
    private var isOpen = true
    private var decoder = InputDecoder()
    private var previousGrid: CellGrid?
    private var previousPalette: (any TerminalPalette)?
    private var needsFullRedraw = true
    /// The terminal's contents are unknown: clear it and send every cell on the next draw.
    private var needsClear = false
    private var pairs: ColorPairTable
    private var pairsRestarted = false
    private let colorCount: Int
    private let hasDefaultColors: Bool
    /// One cell's characters for `setcchar`: a spacing character, up to four combining ones, NUL.
    private var characters = [wchar_t](repeating: 0, count: 6)

    /// How long to wait for the rest of an escape sequence, and for the rest of a paste.
    private static let escapeWaitMilliseconds: Int32 = 30
    private static let pasteWaitMilliseconds: Int32 = 500
    private static let bracketedPasteOn = Array("\u{1B}[?2004h".utf8)
    private static let bracketedPasteOff = Array("\u{1B}[?2004l".utf8)

    /// Starts ncurses on the terminal (on `/dev/tty` when stdin or stdout is redirected, so
    /// `cat notes.txt | rerank` works after the passages were read from stdin).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        Self.selectUTF8Locale()
        input = try TerminalDevice.open()
        var shellModes = termios()
        tcgetattr(input.inputDescriptor, &shellModes)
        let failure = TerminalError.cannotStart(terminal: environment["TERM"] ?? "")
        guard let screen = newterm(nil, input.outputFile, input.inputFile) else {
            input.close()
            throw failure
        }
        set_term(screen)
        guard let window = rerank_stdscr(), Self.canAddressCursor() else {
            endwin()
            delscreen(screen)
            input.close()
            throw failure
        }
        self.screen = screen
        self.window = window
        raw()
        noecho()
        nonl()
        keypad(window, true)
        meta(window, true)
        leaveok(window, true)
        curs_set(0)
        set_escdelay(25)
        mousemask(rerank_all_mouse_events() | rerank_report_mouse_position(), nil)
        mouseinterval(0)

        var colors = 0
        var defaultColors = false
        if !ColorDepth.colorIsDisabled(environment: environment), has_colors() {
            start_color()
            defaultColors = use_default_colors() == OK
            colors = Int(rerank_colors())
        }
        colorDepth = ColorDepth.detect(environment: environment, terminalColors: colors)
        colorCount = colors
        hasDefaultColors = defaultColors
        pairs = ColorPairTable(capacity: colorDepth == .monochrome ? 0 : rerank_color_pairs())
        width = Int(rerank_getmaxx(window))
        height = Int(rerank_getmaxy(window))

        input.write(Self.bracketedPasteOn)
        TerminalRestoration.arm(shellModes: shellModes, input: input.inputDescriptor, output: input.outputDescriptor,
                                reset: TerminalRestoration.modeResetSequence + ["sgr0", "rmkx", "cnorm", "rmcup"].flatMap(Self.terminfoString))
    }

    isolated deinit {
        close()
    }

    /// Opens the screen, runs `body`, and restores the terminal however `body` ends.
    public static func run<Result>(environment: [String: String] = ProcessInfo.processInfo.environment,
                                   _ body: (TerminalScreen) async throws -> Result) async throws -> Result {
        let screen = try TerminalScreen(environment: environment)
        defer { screen.close() }
        return try await body(screen)
    }

    /// Restores the terminal: cursor visible, bracketed paste and mouse reporting off, the
    /// shell's screen and modes back. Safe to call more than once.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        curs_set(1)
        endwin()
        input.write(Self.bracketedPasteOff)
        TerminalRestoration.disarm()
        delscreen(screen)
        input.close()
    }

    /// Stops the process like Ctrl-Z in a shell, with the terminal restored meanwhile; returns
    /// once the shell resumes it (`fg`), with the screen repainted on the next `draw`.
    public func suspend() {
        guard isOpen else { return }
        input.write(Self.bracketedPasteOff)
        endwin()
        raise(SIGSTOP)
        doupdate()
        input.write(Self.bracketedPasteOn)
        invalidate()
    }

    /// Clears the terminal and repaints every cell on the next `draw` (after something else
    /// wrote to the terminal).
    public func invalidate() {
        needsFullRedraw = true
        needsClear = true
    }

    // MARK: drawing

    /// Copies the grid to the screen. Rows equal to the previous grid's are skipped; everything
    /// is repainted after a resize, a palette change or `invalidate()`.
    public func draw(_ grid: CellGrid, palette: some TerminalPalette) {
        guard isOpen else { return }
        let repaintAll = needsFullRedraw || previousGrid?.width != grid.width || previousGrid?.height != grid.height
            || !palette.isSame(as: previousPalette)
        if repaintAll, grid.width < width || grid.height < height { werase(window) }
        if needsClear { clearok(window, true) }
        pairsRestarted = false
        drawRows(grid, palette: palette, all: repaintAll)
        if pairsRestarted {
            // Colour pairs were reused while drawing: earlier cells may show the wrong colours.
            pairsRestarted = false
            drawRows(grid, palette: palette, all: true)
        }
        wnoutrefresh(window)
        doupdate()
        previousGrid = grid
        previousPalette = palette
        needsFullRedraw = false
        needsClear = false
    }

    private func drawRows(_ grid: CellGrid, palette: some TerminalPalette, all: Bool) {
        let rows = min(grid.height, height), columns = min(grid.width, width)
        for row in 0..<rows {
            let start = row * grid.width
            if !all, let previousGrid, previousGrid.cells[start..<start + grid.width] == grid.cells[start..<start + grid.width] {
                continue
            }
            for column in 0..<columns {
                let cell = grid.cells[start + column]
                guard !cell.text.isEmpty else { continue }   // right half of a wide character
                put(cell, row: Int32(row), column: Int32(column), palette: palette)
            }
        }
    }

    private func put(_ cell: Cell, row: Int32, column: Int32, palette: some TerminalPalette) {
        fillCharacters(cell.text)
        let pair = colorPair(for: cell, palette: palette)
        let look = palette.attributes(for: cell)
        var attributes = rerank_attr_normal()
        if look.contains(.bold) { attributes |= rerank_attr_bold() }
        if look.contains(.dim) { attributes |= rerank_attr_dim() }
        if look.contains(.underline) { attributes |= rerank_attr_underline() }
        if look.contains(.reverse) { attributes |= rerank_attr_reverse() }
        var wide = cchar_t()
        let status = characters.withUnsafeBufferPointer { rerank_setcchar(&wide, $0.baseAddress, attributes, pair) }
        guard status == OK else { return }
        mvwadd_wchnstr(window, row, column, &wide, 1)
    }

    /// The cell's spacing character (a tab or control character becomes a space) and the
    /// combining marks after it, as `DisplayWidth.cells(of:)` puts them in a cell; ncurses holds at
    /// most five per cell.
    private func fillCharacters(_ text: String) {
        var count = 0
        for scalar in text.unicodeScalars {
            if count == 0 {
                guard DisplayWidth.scalar(scalar) > 0 else { continue }
                characters[0] = scalar.value == 0x09 ? 0x20 : wchar_t(bitPattern: scalar.value)
                count = 1
            } else if count < 5, DisplayWidth.combinesWithPrevious(scalar) {
                characters[count] = wchar_t(bitPattern: scalar.value)
                count += 1
            }
        }
        if count == 0 {
            characters[0] = 0x20
            count = 1
        }
        characters[count] = 0
    }

    private func colorPair(for cell: Cell, palette: some TerminalPalette) -> Int32 {
        guard colorDepth != .monochrome else { return 0 }
        let colors = palette.colors(for: cell)
        let foreground = usable(colors.foreground, fallback: COLOR_WHITE)
        let background = usable(colors.background, fallback: COLOR_BLACK)
        if foreground == -1, background == -1 { return 0 }
        switch pairs.pair(foreground: foreground, background: background) {
        case .existing(let pair):
            return pair
        case .new(let pair, let restarted):
            if restarted { pairsRestarted = true }
            return init_extended_pair(pair, foreground, background) == OK ? pair : 0
        case .unavailable:
            return 0
        }
    }

    /// A colour number the terminal accepts: the default colour (-1) only when the terminal has
    /// one, bright ANSI colours folded onto the basic eight on 8-colour terminals.
    private func usable(_ color: Int32, fallback: Int32) -> Int32 {
        let defaultColor = hasDefaultColors ? -1 : fallback
        if color < 0 { return defaultColor }
        if Int(color) < colorCount { return color }
        if colorCount == 8, color < 16 { return color - 8 }
        return defaultColor
    }

    // MARK: input

    /// Reads what the terminal has sent, waiting up to `timeoutMilliseconds` for the first input
    /// (0 returns at once, -1 waits indefinitely). Completes an escape sequence or a paste that
    /// is still arriving before returning.
    public func readEvents(timeoutMilliseconds: Int32) -> [InputEvent] {
        guard isOpen else { return [] }
        var events: [InputEvent] = []
        var wait = timeoutMilliseconds
        var waitedForRest = false
        while true {
            if let raw = readRaw(timeoutMilliseconds: wait) {
                if let raw { decoder.feed(raw, into: &events) }
                wait = 0
                waitedForRest = false
                continue
            }
            guard decoder.isAwaitingMore else { break }
            if !waitedForRest {
                waitedForRest = true
                wait = decoder.isInPaste ? Self.pasteWaitMilliseconds : Self.escapeWaitMilliseconds
                continue
            }
            events += decoder.flushPending()
            break
        }
        return events
    }

    /// Waits for input without blocking the main actor, then reads it. Returns an empty list
    /// after `maxWait` without input. While it waits, other main-actor tasks run, such as one
    /// that applies engine events and calls `draw`. ncurses turns a resize (SIGWINCH) into
    /// `KEY_RESIZE` only when asked for input, so it asks at least every `resizeCheckInterval`.
    public func nextEvents(maxWait: Duration = .milliseconds(100)) async -> [InputEvent] {
        let deadline = ContinuousClock.now + maxWait
        while true {
            let ready = readEvents(timeoutMilliseconds: 0)
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard ready.isEmpty, isOpen, remaining > .zero, TerminalRestoration.stopSignal == nil else { return ready }
            guard await TerminalDevice.waitUntilReadable(input.inputDescriptor, maxWait: min(remaining, Self.resizeCheckInterval)) else {
                isDisconnected = true
                return []
            }
        }
    }

    /// The longest `nextEvents` waits without asking ncurses whether the terminal was resized.
    private static let resizeCheckInterval = Duration.milliseconds(50)

    /// One `wget_wch` result: nil when nothing arrived in time, `.some(nil)` for a report to skip.
    private func readRaw(timeoutMilliseconds: Int32) -> RawInput?? {
        wtimeout(window, timeoutMilliseconds)
        var character: wint_t = 0
        switch wget_wch(window, &character) {
        case OK:
            return .some(.character(character))
        case KEY_CODE_YES:
            switch Int32(bitPattern: character) {
            case KEY_MOUSE:
                var event = MEVENT()
                guard getmouse(&event) == OK else { return .some(nil) }
                return .some(.mouse(MouseReport(column: Int(event.x), row: Int(event.y), buttonState: event.bstate)))
            case KEY_RESIZE:
                width = Int(rerank_getmaxx(window))
                height = Int(rerank_getmaxy(window))
                needsFullRedraw = true
                return .some(.resize(width: width, height: height))
            case let code:
                return .some(.keyCode(code))
            }
        default:
            return nil
        }
    }

    /// A full-screen interface needs cursor addressing (`cup`); `TERM=dumb` has none.
    private static func canAddressCursor() -> Bool {
        !terminfoString("cup").isEmpty
    }

    /// A string capability of the current terminal's terminfo entry; empty when it has none.
    private static func terminfoString(_ capability: String) -> [UInt8] {
        guard let value = tigetstr(capability), Int(bitPattern: value) != -1 else { return [] }
        return Array(UnsafeRawBufferPointer(start: value, count: strlen(value)))
    }

    /// ncurses needs a UTF-8 character locale for wide characters; fall back to C.UTF-8 when the
    /// environment's locale is not UTF-8.
    private static func selectUTF8Locale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased()
        if codeset != "UTF-8" && codeset != "UTF8" { setlocale(LC_CTYPE, "C.UTF-8") }
    }
}

/// Why the terminal screen could not start.
public enum TerminalError: Error, CustomStringConvertible, Equatable {
    case notATerminal
    case cannotStart(terminal: String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "the explorer needs a terminal: no terminal is attached (stdin/stdout are redirected and /dev/tty cannot be opened). Run it in a terminal, or use `rerank score` in scripts."
        case .cannotStart(let terminal):
            return "ncurses could not start on TERM=\(terminal.isEmpty ? "(unset)" : terminal). Set TERM to a known terminal type such as xterm-256color."
        }
    }
}
