// CONTRACT: the screen as plain values; views draw into it, one backend copies it to the terminal.

/// The colour roles a theme names; every colour the UI uses is one of these.
public enum ColorRole: String, Sendable, Hashable, CaseIterable, Codable {
    case text, background, dim, accent, border, header, headerBackground
    case queryText, queryBackground, cursor, statusText, statusBackground
    case selection, selectionText, match, rankUp, rankDown, rankSame
    case score, truncation, keptBar, cutText, unknownToken, error, warning, overlayBackground
}

/// Text attributes a cell may carry besides its colours.
public struct CellAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = CellAttributes(rawValue: 1 << 0)
    public static let dim = CellAttributes(rawValue: 1 << 1)
    public static let underline = CellAttributes(rawValue: 1 << 2)
    public static let reverse = CellAttributes(rawValue: 1 << 3)
}

/// One terminal cell: a character (or the right half of a wide one) and its look.
public struct Cell: Sendable, Hashable {
    /// The character drawn here with its combining marks (see `DisplayWidth.cells(of:)`); empty
    /// for the second column of a wide character.
    public var text: String
    public var foreground: ColorRole
    public var background: ColorRole
    public var attributes: CellAttributes

    public init(text: String = " ", foreground: ColorRole = .text, background: ColorRole = .background, attributes: CellAttributes = []) {
        self.text = text
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// A width × height screen of cells, row-major; views render into it without a terminal.
public struct CellGrid: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = Cell()) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    public subscript(column: Int, row: Int) -> Cell {
        get { cells[row * width + column] }
        set {
            guard column >= 0, column < width, row >= 0, row < height else { return }
            cells[row * width + column] = newValue
        }
    }

    /// The grid as text, one line per row (wide characters once), for tests and captures.
    public var text: String {
        (0..<height).map { row in
            (0..<width).map { cells[row * width + $0].text }.joined()
        }.joined(separator: "\n")
    }
}

/// One decoded input event from the terminal.
public enum InputEvent: Sendable, Hashable {
    case character(Character)
    case key(Key)
    /// A control chord such as Ctrl-A (`"a"`).
    case control(Character)
    case paste(String)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
}

/// Named keys the explorer binds.
public enum Key: String, Sendable, Hashable {
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete, insert
    case f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12
}

/// A mouse press, release or wheel step at a cell.
public struct MouseEvent: Sendable, Hashable {
    public enum Action: Sendable, Hashable { case press, release, wheelUp, wheelDown }
    public var action: Action
    public var column: Int
    public var row: Int

    public init(action: Action, column: Int, row: Int) {
        self.action = action
        self.column = column
        self.row = row
    }
}
