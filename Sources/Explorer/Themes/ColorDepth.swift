/// How many colours the terminal can show.
public enum ColorDepth: String, Sendable, Hashable, CaseIterable {
    /// 24-bit colour: colour numbers are `0xRRGGBB`.
    case trueColor
    /// The xterm 256-colour palette.
    case xterm256
    /// The 16 system colours.
    case ansi16
    /// No colour (NO_COLOR, or a terminal without colour): attributes carry the emphasis.
    case monochrome

    /// The depth to use given the environment and the colours the terminal's terminfo entry
    /// reports (ncurses `COLORS`): `NO_COLOR` (set and non-empty) turns colour off; 24-bit colour
    /// needs a direct-colour entry (`COLORS` ≥ 2^24, e.g. `TERM=xterm-direct`), since ncurses can
    /// only emit what terminfo describes even when `COLORTERM` says `truecolor`.
    public static func detect(environment: [String: String], terminalColors: Int) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        switch terminalColors {
        case (1 << 24)...: return .trueColor
        case 256...: return .xterm256
        case 8...: return .ansi16
        default: return .monochrome
        }
    }
}
