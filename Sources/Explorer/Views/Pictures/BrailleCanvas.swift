/// A drawing surface of braille dots: each cell holds 2×4 dots (U+2800–U+28FF), so lines drawn on
/// it are four times finer vertically than text rows and crossings stay visible. Each dot carries
/// the highest-priority tag drawn over it, from which the drawing view picks the cell's colour.
struct BrailleCanvas {
    let columns: Int
    let rows: Int
    private var bits: [UInt8]
    private var tags: [Int]

    /// Dot width and height: two dots across a cell, four down.
    var dotWidth: Int { columns * 2 }
    var dotHeight: Int { rows * 4 }

    init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        bits = Array(repeating: 0, count: self.columns * self.rows)
        tags = Array(repeating: Int.min, count: self.columns * self.rows)
    }

    /// The bit of dot (x, y) within its cell, by the braille numbering (dots 1–3 and 7 on the left, 4–6 and 8 on the right).
    private static func bit(x: Int, y: Int) -> UInt8 {
        switch (x, y) {
        case (0, 0): return 0x01
        case (0, 1): return 0x02
        case (0, 2): return 0x04
        case (0, 3): return 0x40
        case (1, 0): return 0x08
        case (1, 1): return 0x10
        case (1, 2): return 0x20
        default: return 0x80
        }
    }

    /// Sets one dot; dots outside the canvas are ignored. The cell keeps the larger of its tag and `tag`.
    mutating func plot(x: Int, y: Int, tag: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let cell = (y / 4) * columns + x / 2
        bits[cell] |= Self.bit(x: x % 2, y: y % 4)
        tags[cell] = max(tags[cell], tag)
    }

    /// A straight line of dots between two dots, both ends included (Bresenham).
    mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int), tag: Int) {
        var x = start.x, y = start.y
        let dx = abs(end.x - start.x), dy = -abs(end.y - start.y)
        let stepX = start.x < end.x ? 1 : -1, stepY = start.y < end.y ? 1 : -1
        var error = dx + dy
        while true {
            plot(x: x, y: y, tag: tag)
            if x == end.x && y == end.y { return }
            let doubled = 2 * error
            if doubled >= dy {
                error += dy
                x += stepX
            }
            if doubled <= dx {
                error += dx
                y += stepY
            }
        }
    }

    /// The braille character of a cell and the highest tag drawn in it; `nil` for a cell without dots.
    func cell(column: Int, row: Int) -> (character: Character, tag: Int)? {
        guard column >= 0, row >= 0, column < columns, row < rows else { return nil }
        let index = row * columns + column
        guard bits[index] != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(bits[index])) else { return nil }
        return (Character(scalar), tags[index])
    }
}
