/// One result of ncurses' `wget_wch`, as plain values so the decoder can be tested without a terminal.
public enum RawInput: Sendable, Hashable {
    /// `wget_wch` returned `OK` with this wide character (a Unicode scalar value or a control code).
    case character(UInt32)
    /// `wget_wch` returned `KEY_CODE_YES` with this `KEY_*` code (not `KEY_MOUSE` or `KEY_RESIZE`).
    case keyCode(Int32)
    /// `KEY_MOUSE`, already read with `getmouse`.
    case mouse(MouseReport)
    /// `KEY_RESIZE`, with the new screen size.
    case resize(width: Int, height: Int)
}

/// A mouse report as `getmouse` gives it: the cell and the ncurses button-state bits.
public struct MouseReport: Sendable, Hashable {
    public var column: Int
    public var row: Int
    /// The `MEVENT.bstate` bits (ncurses mouse protocol version 2).
    public var buttonState: UInt32

    public init(column: Int, row: Int, buttonState: UInt32) {
        self.column = column
        self.row = row
        self.buttonState = buttonState
    }
}
