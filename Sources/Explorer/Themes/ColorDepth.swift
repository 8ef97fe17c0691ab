/// How many colours the terminal can show; the backend detects it and `ResolvedPalette` resolves
/// a theme's colours for it.
public enum ColorDepth: String, Sendable, Hashable, CaseIterable {
    /// 24-bit colour: colour numbers are `0xRRGGBB`.
    case trueColor
    /// The xterm 256-colour palette.
    case xterm256
    /// The 16 system colours (terminals with only 8 show 8–15 as 0–7).
    case ansi16
    /// No colour (NO_COLOR, or a terminal without colour): attributes carry the emphasis.
    case monochrome

    /// The depth to use given the environment and the colours the terminal's terminfo entry
    /// reports (ncurses `COLORS`): `NO_COLOR` (set and non-empty) turns colour off; 24-bit colour
    /// needs a direct-colour entry (`COLORS` ≥ 2^24, e.g. `TERM=xterm-direct`), since ncurses can
    /// only emit what terminfo describes even when `COLORTERM` says `truecolor`.
    public static func detect(environment: [String: String], terminalColors: Int) -> ColorDepth {
        if colorIsDisabled(environment: environment) { return .monochrome }
        switch terminalColors {
        case (1 << 24)...: return .trueColor
        case 256...: return .xterm256
        case 8...: return .ansi16
        default: return .monochrome
        }
    }

    /// True when `NO_COLOR` is set to a non-empty value (https://no-color.org).
    public static func colorIsDisabled(environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }
}
