/// Turns the raw `wget_wch` results into explorer input events.
///
/// A pure state machine: feed it raw inputs in arrival order. It recognises the escape sequences
/// ncurses leaves untranslated (xterm cursor and function keys, SGR mouse reports) and gathers a
/// bracketed paste (`ESC[200~` … `ESC[201~`, however it is split across reads) into one `.paste`.
/// When input pauses while a sequence is unfinished, the caller calls `flushPending()`.
public struct InputDecoder: Sendable {
    private enum State: Sendable {
        case ground
        /// ESC arrived; these characters followed it.
        case escape([UInt32])
        /// Inside a bracketed paste; `endMatched` characters of `ESC[201~` have just arrived.
        case paste(String.UnicodeScalarView, endMatched: Int)
    }

    private var state: State = .ground

    public init() {}

    /// True while an escape sequence or a paste is unfinished and more input is expected.
    public var isAwaitingMore: Bool {
        if case .ground = state { return false }
        return true
    }

    /// True inside a bracketed paste (its end marker has not arrived yet).
    public var isInPaste: Bool {
        if case .paste = state { return true }
        return false
    }

    /// Decodes one raw input, appending any completed events.
    public mutating func feed(_ input: RawInput, into events: inout [InputEvent]) {
        switch state {
        case .ground:
            ground(input, into: &events)
        case .escape(var body):
            guard case .character(let character) = input else {
                abandonEscape(body, into: &events)
                ground(input, into: &events)
                return
            }
            body.append(character)
            continueEscape(body, into: &events)
        case .paste(var text, let endMatched):
            state = .ground   // release the buffer so appending does not copy it
            let ended = Self.paste(input, into: &text, endMatched: endMatched)
            if let matched = ended {
                state = .paste(text, endMatched: matched)
            } else {
                events.append(.paste(Self.normalizedPaste(text)))
            }
        }
    }

    /// Decodes a sequence of raw inputs.
    public mutating func feed(_ inputs: some Sequence<RawInput>) -> [InputEvent] {
        var events: [InputEvent] = []
        for input in inputs { feed(input, into: &events) }
        return events
    }

    /// Input paused: an unfinished escape sequence becomes what it was typed as (a lone ESC is the
    /// Escape key), and an unfinished paste is delivered with what has arrived.
    public mutating func flushPending() -> [InputEvent] {
        var events: [InputEvent] = []
        switch state {
        case .ground:
            break
        case .escape(let body):
            abandonEscape(body, into: &events)
        case .paste(var text, let endMatched):
            text.append(contentsOf: Self.markerText(matched: endMatched))
            state = .ground
            events.append(.paste(Self.normalizedPaste(text)))
        }
        return events
    }

    // MARK: ground state

    private mutating func ground(_ input: RawInput, into events: inout [InputEvent]) {
        switch input {
        case .character(let code):
            if code == 0x1B {
                state = .escape([])
            } else if let event = Self.event(forCharacter: code) {
                events.append(event)
            }
        case .keyCode(let code):
            if let key = Self.key(forCode: code) { events.append(.key(key)) }
        case .mouse(let report):
            Self.mouseEvents(report, into: &events)
        case .resize(let width, let height):
            events.append(.resize(width: width, height: height))
        }
    }

    private static func event(forCharacter code: UInt32) -> InputEvent? {
        switch code {
        case 0x0D, 0x0A: return .key(.enter)
        case 0x09: return .key(.tab)
        case 0x08, 0x7F: return .key(.backspace)
        case 0x00: return .control(" ")
        case 0x01...0x1A: return Unicode.Scalar(code + 0x60).map { .control(Character($0)) }
        case 0x1C...0x1F: return Unicode.Scalar(code + 0x40).map { .control(Character($0)) }
        case 0x80...0x9F: return nil
        default: return Unicode.Scalar(code).map { .character(Character($0)) }
        }
    }

    private static func key(forCode code: Int32) -> Key? {
        switch code {
        case CursesKeyCode.up, CursesKeyCode.scrollBackward: return .up
        case CursesKeyCode.down, CursesKeyCode.scrollForward: return .down
        case CursesKeyCode.left, CursesKeyCode.shiftedLeft: return .left
        case CursesKeyCode.right, CursesKeyCode.shiftedRight: return .right
        case CursesKeyCode.home, CursesKeyCode.find, CursesKeyCode.keypadUpperLeft, CursesKeyCode.shiftedHome: return .home
        case CursesKeyCode.end, CursesKeyCode.select, CursesKeyCode.keypadLowerLeft, CursesKeyCode.shiftedEnd: return .end
        case CursesKeyCode.previousPage, CursesKeyCode.keypadUpperRight: return .pageUp
        case CursesKeyCode.nextPage, CursesKeyCode.keypadLowerRight: return .pageDown
        case CursesKeyCode.backspace: return .backspace
        case CursesKeyCode.deleteCharacter: return .delete
        case CursesKeyCode.insertCharacter: return .insert
        case CursesKeyCode.enter: return .enter
        case CursesKeyCode.backTab: return .backTab
        case (CursesKeyCode.f0 + 1)...(CursesKeyCode.f0 + 12): return functionKeys[Int(code - CursesKeyCode.f0 - 1)]
        default: return nil
        }
    }

    private static let functionKeys: [Key] = [.f1, .f2, .f3, .f4, .f5, .f6, .f7, .f8, .f9, .f10, .f11, .f12]

    /// A click (press and release merged by ncurses) becomes a press followed by a release.
    private static func mouseEvents(_ report: MouseReport, into events: inout [InputEvent]) {
        let state = report.buttonState
        var actions: [MouseEvent.Action] = []
        if state & CursesMouseMask.button4Pressed != 0 { actions.append(.wheelUp) }
        if state & CursesMouseMask.button5Pressed != 0 { actions.append(.wheelDown) }
        if state & (CursesMouseMask.button1Pressed | CursesMouseMask.button1Clicked) != 0 { actions.append(.press) }
        if state & (CursesMouseMask.button1Released | CursesMouseMask.button1Clicked) != 0 { actions.append(.release) }
        for action in actions {
            events.append(.mouse(MouseEvent(action: action, column: report.column, row: report.row)))
        }
    }

    // MARK: escape state

    private mutating func continueEscape(_ body: [UInt32], into events: inout [InputEvent]) {
        switch EscapeSequence.progress(of: body) {
        case .incomplete:
            state = .escape(body)
        case .notASequence:
            abandonEscape(body, into: &events)
        case .complete(let sequence):
            state = .ground
            switch sequence {
            case .key(let key): events.append(.key(key))
            case .mouse(let mouse): events.append(.mouse(mouse))
            case .pasteStart: state = .paste(String.UnicodeScalarView(), endMatched: 0)
            case .pasteEnd, .ignored: break
            }
        }
    }

    /// ESC did not start a sequence: it was the Escape key (or an Alt chord), and what followed
    /// it is ordinary input.
    private mutating func abandonEscape(_ body: [UInt32], into events: inout [InputEvent]) {
        state = .ground
        events.append(.key(.escape))
        for character in body { ground(.character(character), into: &events) }
    }

    // MARK: paste state

    /// Adds one input to a paste; returns how much of the end marker has matched, or nil when
    /// the paste is complete.
    private static func paste(_ input: RawInput, into text: inout String.UnicodeScalarView, endMatched: Int) -> Int? {
        let code: UInt32
        switch input {
        case .character(let character):
            code = character
        case .keyCode(CursesKeyCode.enter):
            code = 0x0D
        case .keyCode, .mouse, .resize:
            return endMatched
        }
        let marker = EscapeSequence.pasteEndBody
        if endMatched == 0 {
            if code == 0x1B { return 1 }
        } else if code == marker[endMatched - 1] {
            return endMatched == marker.count ? nil : endMatched + 1
        } else {
            text.append(contentsOf: markerText(matched: endMatched))
            if code == 0x1B { return 1 }
        }
        if let scalar = pasteScalar(code) { text.append(scalar) }
        return 0
    }

    /// The text of a partly matched end marker that turned out to be pasted text (its ESC is a
    /// control code, which pastes drop).
    private static func markerText(matched: Int) -> [Unicode.Scalar] {
        EscapeSequence.pasteEndBody.prefix(max(0, matched - 1)).compactMap { pasteScalar($0) }
    }

    /// Pasted characters are kept except control codes other than tab, newline and return.
    private static func pasteScalar(_ code: UInt32) -> Unicode.Scalar? {
        switch code {
        case 0x09, 0x0A, 0x0D: return Unicode.Scalar(code)
        case 0x00...0x1F, 0x7F...0x9F: return nil
        default: return Unicode.Scalar(code)
        }
    }

    /// Terminals send pasted line breaks as CR; the paste uses `\n` throughout.
    private static func normalizedPaste(_ text: String.UnicodeScalarView) -> String {
        var result = String.UnicodeScalarView()
        result.reserveCapacity(text.count)
        var previousWasReturn = false
        for scalar in text {
            if scalar == "\r" {
                result.append("\n")
                previousWasReturn = true
            } else {
                if !(scalar == "\n" && previousWasReturn) { result.append(scalar) }
                previousWasReturn = false
            }
        }
        return String(result)
    }
}
