/// The ncurses 6 key codes (`KEY_*`, octal in `curses.h`) the decoder understands.
///
/// They are part of the ncurses ABI; a test checks them against the C header.
public enum CursesKeyCode {
    public static let codeYes: Int32 = 0o400
    public static let down: Int32 = 0o402
    public static let up: Int32 = 0o403
    public static let left: Int32 = 0o404
    public static let right: Int32 = 0o405
    public static let home: Int32 = 0o406
    public static let backspace: Int32 = 0o407
    /// `KEY_F0`; function key n is `f0 + n`.
    public static let f0: Int32 = 0o410
    public static let deleteCharacter: Int32 = 0o512
    public static let insertCharacter: Int32 = 0o513
    public static let scrollForward: Int32 = 0o520
    public static let scrollBackward: Int32 = 0o521
    public static let nextPage: Int32 = 0o522
    public static let previousPage: Int32 = 0o523
    public static let enter: Int32 = 0o527
    public static let keypadUpperLeft: Int32 = 0o534
    public static let keypadUpperRight: Int32 = 0o535
    public static let keypadLowerLeft: Int32 = 0o537
    public static let keypadLowerRight: Int32 = 0o540
    public static let backTab: Int32 = 0o541
    public static let end: Int32 = 0o550
    public static let find: Int32 = 0o552
    public static let select: Int32 = 0o601
    public static let shiftedEnd: Int32 = 0o602
    public static let shiftedHome: Int32 = 0o607
    public static let shiftedLeft: Int32 = 0o611
    public static let shiftedRight: Int32 = 0o622
    public static let mouse: Int32 = 0o631
    public static let resize: Int32 = 0o632
}

/// The ncurses mouse-state bits (`BUTTONn_*`, protocol version 2: five bits per button).
public enum CursesMouseMask {
    public static let button1Released: UInt32 = 0o1
    public static let button1Pressed: UInt32 = 0o2
    public static let button1Clicked: UInt32 = 0o4
    public static let button4Pressed: UInt32 = 0o2 << 15
    public static let button5Pressed: UInt32 = 0o2 << 20
}
