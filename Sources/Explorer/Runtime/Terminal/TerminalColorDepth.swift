/// How many colours the terminal can show through ncurses, after `NO_COLOR`.
public enum TerminalColorDepth: String, Sendable, Hashable, CaseIterable {
    /// No colours: `NO_COLOR` is set or the terminal has none; attributes still work.
    case none
    /// The 16 ANSI colours, numbers 0–15 (terminals with only 8 show 8–15 as 0–7).
    case sixteen
    /// The xterm 256-colour palette, numbers 0–255.
    case palette256
    /// Direct colour: numbers are `0xRRGGBB`.
    case trueColor

    /// Chooses the depth from ncurses' `COLORS` and the environment.
    ///
    /// `NO_COLOR` (any non-empty value) turns colour off. 24-bit colour needs a terminfo entry
    /// with direct colour (`COLORS` ≥ 2^24, e.g. `TERM=xterm-direct`); when only `COLORTERM`
    /// says `truecolor` or `24bit`, ncurses can still only emit what terminfo describes, so the
    /// closest 256-colour palette is used when it has 256 colours.
    public static func detect(colors: Int, environment: [String: String]) -> TerminalColorDepth {
        if colorIsDisabled(environment: environment) { return .none }
        switch colors {
        case (1 << 24)...: return .trueColor
        case 256...: return .palette256
        case 8...: return .sixteen
        default: return .none
        }
    }

    /// True when `NO_COLOR` is set to a non-empty value (https://no-color.org).
    public static func colorIsDisabled(environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }
}
