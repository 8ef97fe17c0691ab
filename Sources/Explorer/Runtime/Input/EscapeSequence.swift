/// What a complete escape sequence that ncurses passed through untranslated means.
enum EscapeSequence: Equatable {
    case key(Key)
    case mouse(MouseEvent)
    case pasteStart
    case pasteEnd
    /// A well-formed sequence the explorer has no use for (focus reports, modifier-only keys…).
    case ignored

    /// The ASCII bytes of the bracketed-paste end marker after ESC: `[201~`.
    static let pasteEndBody: [UInt32] = [0x5B, 0x32, 0x30, 0x31, 0x7E]

    /// How far a sequence body (the characters after ESC) has got.
    enum Progress: Equatable {
        /// More characters are needed.
        case incomplete
        case complete(EscapeSequence)
        /// Not an escape sequence: ESC was the Escape key (or Alt) and the body is ordinary input.
        case notASequence
    }

    /// Classifies the characters that followed ESC so far.
    static func progress(of body: [UInt32]) -> Progress {
        guard let introducer = body.first else { return .incomplete }
        switch introducer {
        case 0x5B: return controlSequence(body.dropFirst())   // ESC [
        case 0x4F: return singleShift(body.dropFirst())       // ESC O
        default: return .notASequence
        }
    }

    /// `ESC O x`: application-mode cursor keys, Home/End, F1–F4, keypad Enter.
    private static func singleShift(_ rest: ArraySlice<UInt32>) -> Progress {
        guard let final = rest.first else { return .incomplete }
        switch final {
        case 0x41: return .complete(.key(.up))
        case 0x42: return .complete(.key(.down))
        case 0x43: return .complete(.key(.right))
        case 0x44: return .complete(.key(.left))
        case 0x48: return .complete(.key(.home))
        case 0x46: return .complete(.key(.end))
        case 0x4D: return .complete(.key(.enter))
        case 0x50: return .complete(.key(.f1))
        case 0x51: return .complete(.key(.f2))
        case 0x52: return .complete(.key(.f3))
        case 0x53: return .complete(.key(.f4))
        case 0x20...0x7E: return .complete(.ignored)
        default: return .notASequence
        }
    }

    /// `ESC [ params final`: cursor keys, `~` keys, back-tab, SGR mouse, paste markers.
    private static func controlSequence(_ rest: ArraySlice<UInt32>) -> Progress {
        var parameters: [UInt32] = []
        for character in rest {
            switch character {
            case 0x20...0x3F:
                parameters.append(character)
            case 0x40...0x7E:
                return .complete(finished(parameters: parameters, final: character))
            default:
                return .notASequence
            }
        }
        return parameters.count > 32 ? .notASequence : .incomplete
    }

    private static func finished(parameters: [UInt32], final: UInt32) -> EscapeSequence {
        if parameters.first == 0x3C { return sgrMouse(parameters.dropFirst(), final: final) }
        let numbers = numbers(parameters)
        switch final {
        case 0x41: return .key(.up)
        case 0x42: return .key(.down)
        case 0x43: return .key(.right)
        case 0x44: return .key(.left)
        case 0x48: return .key(.home)
        case 0x46: return .key(.end)
        case 0x5A: return .key(.backTab)
        case 0x50: return .key(.f1)
        case 0x51: return .key(.f2)
        case 0x52: return .key(.f3)
        case 0x53: return .key(.f4)
        case 0x7E: return tilde(numbers.first ?? 0)
        default: return .ignored
        }
    }

    /// `ESC [ n ~` keys (xterm, VT220 and rxvt numbering).
    private static func tilde(_ number: Int) -> EscapeSequence {
        switch number {
        case 1, 7: return .key(.home)
        case 2: return .key(.insert)
        case 3: return .key(.delete)
        case 4, 8: return .key(.end)
        case 5: return .key(.pageUp)
        case 6: return .key(.pageDown)
        case 11: return .key(.f1)
        case 12: return .key(.f2)
        case 13: return .key(.f3)
        case 14: return .key(.f4)
        case 15: return .key(.f5)
        case 17: return .key(.f6)
        case 18: return .key(.f7)
        case 19: return .key(.f8)
        case 20: return .key(.f9)
        case 21: return .key(.f10)
        case 23: return .key(.f11)
        case 24: return .key(.f12)
        case 200: return .pasteStart
        case 201: return .pasteEnd
        default: return .ignored
        }
    }

    /// `ESC [ < button ; column ; row (M|m)` with 1-based coordinates.
    private static func sgrMouse(_ parameters: ArraySlice<UInt32>, final: UInt32) -> EscapeSequence {
        let values = numbers(parameters)
        guard values.count == 3, final == 0x4D || final == 0x6D else { return .ignored }
        let column = values[1] - 1, row = values[2] - 1
        let button = values[0]
        guard button & 32 == 0 else { return .ignored }   // motion
        let action: MouseEvent.Action
        switch (button & ~0b1_1100, final) {               // drop the modifier bits
        case (64, 0x4D): action = .wheelUp
        case (65, 0x4D): action = .wheelDown
        case (0, 0x4D): action = .press
        case (0, 0x6D): action = .release
        default: return .ignored
        }
        return .mouse(MouseEvent(action: action, column: column, row: row))
    }

    /// The `;`-separated decimal numbers of a parameter string (a missing number is 0).
    private static func numbers(_ parameters: some Collection<UInt32>) -> [Int] {
        var values: [Int] = [0]
        for character in parameters {
            switch character {
            case 0x30...0x39:
                values[values.count - 1] = min(values[values.count - 1] * 10 + Int(character - 0x30), 1 << 20)
            case 0x3B:
                values.append(0)
            default:
                continue
            }
        }
        return values
    }
}
