/// A rectangle of grid cells.
struct Rect: Hashable, Sendable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    var columns: Range<Int> { x..<(x + max(0, width)) }
    var rows: Range<Int> { y..<(y + max(0, height)) }
    var maxX: Int { x + width }
    var maxY: Int { y + height }

    func contains(column: Int, row: Int) -> Bool {
        columns.contains(column) && rows.contains(row)
    }

    /// The rectangle shrunk by `dx` columns on both sides and `dy` rows at top and bottom.
    func inset(dx: Int, dy: Int) -> Rect {
        Rect(x: x + dx, y: y + dy, width: max(0, width - 2 * dx), height: max(0, height - 2 * dy))
    }
}
