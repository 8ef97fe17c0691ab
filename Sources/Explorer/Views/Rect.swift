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
}
