/// A cell's look in terminal terms: colour numbers for the depth in use (`-1` is the terminal's
/// default colour) and attributes.
public struct TerminalStyle: Sendable, Hashable {
    public var foreground: Int
    public var background: Int
    public var attributes: CellAttributes

    public init(foreground: Int, background: Int, attributes: CellAttributes) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// A theme resolved for one colour depth: what the backend asks for every cell it draws.
public struct ResolvedPalette: Sendable {
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
            case .trueColor: numbers[role] = color.packed
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

    /// Colours and attributes for a cell: the cell's own attributes, the theme's for its
    /// foreground role and, without colour, the emphasis that stands in for colour.
    public func style(for cell: Cell) -> TerminalStyle {
        var attributes = cell.attributes.union(theme.attributes(for: cell.foreground))
        if depth == .monochrome {
            attributes.formUnion(Self.monochromeEmphasis(foreground: cell.foreground, background: cell.background))
        }
        return TerminalStyle(foreground: colorNumber(for: cell.foreground), background: colorNumber(for: cell.background),
                             attributes: attributes)
    }

    /// Attributes that keep roles apart when there is no colour.
    static func monochromeEmphasis(foreground: ColorRole, background: ColorRole) -> CellAttributes {
        var result: CellAttributes = []
        switch background {
        case .selection, .cursor, .statusBackground: result.insert(.reverse)
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
