/// Resolves a cell's colour roles and attributes to what the terminal draws; `ResolvedPalette`
/// implements it for a theme at the screen's `ColorDepth`.
///
/// Numbers: -1 is the terminal's default colour, 0–15 the ANSI colours, 16–255 the xterm
/// palette, and `0xRRGGBB` with `.trueColor` (direct-colour terminfo treats 0–7 as the ANSI
/// colours, so a near-black such as `0x000008` is safer than `0x000000`…`0x000007`). The screen
/// repaints everything when the palette it is given differs from the previous one (a theme change).
public protocol TerminalPalette: Equatable {
    func colors(for cell: Cell) -> (foreground: Int32, background: Int32)
    /// The attributes to draw the cell with: its own and any the palette adds (a theme's bold
    /// for a role, the emphasis that stands in for colour without colours).
    func attributes(for cell: Cell) -> CellAttributes
}

extension TerminalPalette {
    /// True when `other` is a palette of the same type and equal to this one.
    func isSame(as other: (any TerminalPalette)?) -> Bool {
        (other as? Self) == self
    }
}
