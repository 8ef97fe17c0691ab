/// A theme resolved for one colour depth: what the backend asks for every cell it draws.
public struct ResolvedPalette: TerminalPalette, Sendable, Hashable {
    public let theme: Theme
    public let depth: ColorDepth
    private let numbers: [ColorRole: Int]

    public init(theme: Theme, depth: ColorDepth) {
        self.theme = theme
        self.depth = depth
        var numbers: [ColorRole: Int] = [:]
        for role in ColorRole.allCases {
            let color = theme.color(for: role)
            switch depth {
            // Direct-colour terminfo reads 0–7 as the ANSI colours: nudge the darkest blacks past them.
            case .trueColor: numbers[role] = max(8, color.packed)
            case .xterm256: numbers[role] = XtermPalette.nearest256(color)
            case .ansi16: numbers[role] = XtermPalette.nearest16(color)
            case .monochrome: numbers[role] = -1
            }
        }
        self.numbers = numbers
    }

    /// The terminal colour number of a role: `0xRRGGBB`, a palette index, or `-1` (monochrome).
    public func colorNumber(for role: ColorRole) -> Int {
        numbers[role] ?? -1
    }

    /// The cell's foreground and background colour numbers.
    public func colors(for cell: Cell) -> (foreground: Int32, background: Int32) {
        (Int32(truncatingIfNeeded: colorNumber(for: cell.foreground)), Int32(truncatingIfNeeded: colorNumber(for: cell.background)))
    }

    /// The attributes to draw a cell with: its own, the theme's for its foreground role and,
    /// without colour, the emphasis that stands in for colour.
    public func attributes(for cell: Cell) -> CellAttributes {
        var attributes = cell.attributes.union(theme.attributes(for: cell.foreground))
        if depth == .monochrome {
            attributes.formUnion(Self.monochromeEmphasis(foreground: cell.foreground, background: cell.background))
        }
        return attributes
    }

    /// Attributes that keep roles apart when there is no colour.
    static func monochromeEmphasis(foreground: ColorRole, background: ColorRole) -> CellAttributes {
        var result: CellAttributes = []
        switch background {
        case .selection, .cursor, .statusBackground, .rankUp, .rankDown: result.insert(.reverse)
        default: break
        }
        switch foreground {
        case .match: result.formUnion([.bold, .underline])
        case .header, .accent, .error, .truncation, .warning: result.insert(.bold)
        case .dim, .cutText, .rankSame: result.insert(.dim)
        case .unknownToken: result.insert(.underline)
        default: break
        }
        return result
    }
}
