/// A role's colour and the attributes that go with it where the role colours text.
public struct RoleStyle: Sendable, Hashable {
    public var color: RGB
    public var attributes: CellAttributes

    public init(_ color: RGB, _ attributes: CellAttributes = []) {
        self.color = color
        self.attributes = attributes
    }
}

/// A colour for every `ColorRole`, loaded from a `Themes/*.toml` file or built in.
public struct Theme: Sendable, Hashable {
    public var name: String
    public var summary: String
    /// Complete: every role has a style (missing ones are filled from the default theme).
    public private(set) var styles: [ColorRole: RoleStyle]

    public init(name: String, summary: String = "", styles: [ColorRole: RoleStyle]) {
        self.name = name
        self.summary = summary
        var complete = styles
        for role in ColorRole.allCases where complete[role] == nil {
            complete[role] = Theme.fallbackStyles[role] ?? RoleStyle(RGB(packed: 0xFFFFFF))
        }
        self.styles = complete
    }

    public func color(for role: ColorRole) -> RGB {
        styles[role]?.color ?? RGB(packed: 0xFFFFFF)
    }

    /// Attributes the theme adds where `role` colours text.
    public func attributes(for role: ColorRole) -> CellAttributes {
        styles[role]?.attributes ?? []
    }

    /// The name of the default theme.
    public static let defaultName = "dark"

    /// The default theme, built in so the explorer has colours even without its `Themes` folder;
    /// `Themes/dark.toml` states the same values.
    public static let dark = Theme(name: defaultName, summary: "Dark grey background, blue accents, warm highlights (the default)",
                                   styles: fallbackStyles)

    private static let fallbackStyles: [ColorRole: RoleStyle] = [
        .text: RoleStyle(RGB(packed: 0xD0D0D0)),
        .background: RoleStyle(RGB(packed: 0x1C1C1C)),
        .dim: RoleStyle(RGB(packed: 0x808080)),
        .accent: RoleStyle(RGB(packed: 0x5FAFFF)),
        .border: RoleStyle(RGB(packed: 0x4E4E4E)),
        .header: RoleStyle(RGB(packed: 0xE4E4E4)),
        .headerBackground: RoleStyle(RGB(packed: 0x303030)),
        .queryText: RoleStyle(RGB(packed: 0xFFFFFF)),
        .queryBackground: RoleStyle(RGB(packed: 0x262626)),
        .cursor: RoleStyle(RGB(packed: 0x5FAFFF)),
        .statusText: RoleStyle(RGB(packed: 0xBCBCBC)),
        .statusBackground: RoleStyle(RGB(packed: 0x303030)),
        .selection: RoleStyle(RGB(packed: 0x264F78)),
        .selectionText: RoleStyle(RGB(packed: 0xFFFFFF)),
        .match: RoleStyle(RGB(packed: 0xFFD75F), .bold),
        .rankUp: RoleStyle(RGB(packed: 0x87D787)),
        .rankDown: RoleStyle(RGB(packed: 0xFF8787)),
        .rankSame: RoleStyle(RGB(packed: 0x808080)),
        .score: RoleStyle(RGB(packed: 0xAFD7FF)),
        .truncation: RoleStyle(RGB(packed: 0xFFAF5F)),
        .keptBar: RoleStyle(RGB(packed: 0x87D787)),
        .cutText: RoleStyle(RGB(packed: 0x6C6C6C)),
        .unknownToken: RoleStyle(RGB(packed: 0xFF5F87), .bold),
        .error: RoleStyle(RGB(packed: 0xFF5F5F), .bold),
        .warning: RoleStyle(RGB(packed: 0xFFAF00)),
        .overlayBackground: RoleStyle(RGB(packed: 0x262626)),
    ]
}
