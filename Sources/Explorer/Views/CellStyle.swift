/// The look of text drawn into a grid: colour roles and attributes.
struct CellStyle: Hashable, Sendable {
    var foreground: ColorRole
    var background: ColorRole
    var attributes: CellAttributes

    init(_ foreground: ColorRole = .text, on background: ColorRole = .background, _ attributes: CellAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The same style with another foreground role.
    func with(_ foreground: ColorRole, _ extra: CellAttributes = []) -> CellStyle {
        CellStyle(foreground, on: background, attributes.union(extra))
    }

    /// The same style on another background role.
    func on(_ background: ColorRole) -> CellStyle {
        CellStyle(foreground, on: background, attributes)
    }
}
