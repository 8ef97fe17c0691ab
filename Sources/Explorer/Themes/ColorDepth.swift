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

    /// The depth to use given the environment and the colours the terminal reports (ncurses
    /// `COLORS`): `NO_COLOR` (set and non-empty) wins, then `COLORTERM=truecolor|24bit`, then the count.
    public static func detect(environment: [String: String], terminalColors: Int) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        if terminalColors < 8 { return .monochrome }
        if let colorTerm = environment["COLORTERM"]?.lowercased(), colorTerm == "truecolor" || colorTerm == "24bit" {
            return .trueColor
        }
        if terminalColors >= 256 { return .xterm256 }
        return .ansi16
    }
}
