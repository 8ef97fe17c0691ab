/// A 3×5-pixel block font drawn with half blocks, three terminal rows high, for the large query of
/// presentation mode. Covers letters (shown upper-case), digits and common punctuation.
enum BigText {
    /// Rows of cells a big line takes.
    static let height = 3
    /// Columns per character, the gap after it included.
    static let advance = 4

    /// The three rows of `text` in big letters, or `nil` when a character is not in the font.
    static func rows(_ text: String) -> [String]? {
        var rows = Array(repeating: "", count: height)
        for (index, character) in text.uppercased().enumerated() {
            guard let glyph = glyphs[character] else { return nil }
            for row in 0..<height {
                if index > 0 { rows[row].append(" ") }
                rows[row] += cells(glyph, row: row)
            }
        }
        return rows
    }

    /// Columns `text` takes in big letters.
    static func width(_ text: String) -> Int {
        text.isEmpty ? 0 : text.count * advance - 1
    }

    /// One cell row from two pixel rows of a glyph.
    private static func cells(_ glyph: [String], row: Int) -> String {
        let top = Array(glyph[2 * row])
        let bottom = 2 * row + 1 < glyph.count ? Array(glyph[2 * row + 1]) : Array("...")
        return String(zip(top, bottom).map { pair -> Character in
            switch pair {
            case ("#", "#"): return "█"
            case ("#", _): return "▀"
            case (_, "#"): return "▄"
            default: return " "
            }
        })
    }

    private static let glyphs: [Character: [String]] = [
        "A": [".#.", "#.#", "###", "#.#", "#.#"], "B": ["##.", "#.#", "##.", "#.#", "##."],
        "C": [".##", "#..", "#..", "#..", ".##"], "D": ["##.", "#.#", "#.#", "#.#", "##."],
        "E": ["###", "#..", "##.", "#..", "###"], "F": ["###", "#..", "##.", "#..", "#.."],
        "G": [".##", "#..", "#.#", "#.#", ".##"], "H": ["#.#", "#.#", "###", "#.#", "#.#"],
        "I": ["###", ".#.", ".#.", ".#.", "###"], "J": ["..#", "..#", "..#", "#.#", ".#."],
        "K": ["#.#", "#.#", "##.", "#.#", "#.#"], "L": ["#..", "#..", "#..", "#..", "###"],
        "M": ["#.#", "###", "#.#", "#.#", "#.#"], "N": ["##.", "#.#", "#.#", "#.#", "#.#"],
        "O": [".#.", "#.#", "#.#", "#.#", ".#."], "P": ["##.", "#.#", "##.", "#..", "#.."],
        "Q": [".#.", "#.#", "#.#", "##.", ".##"], "R": ["##.", "#.#", "##.", "#.#", "#.#"],
        "S": [".##", "#..", ".#.", "..#", "##."], "T": ["###", ".#.", ".#.", ".#.", ".#."],
        "U": ["#.#", "#.#", "#.#", "#.#", "###"], "V": ["#.#", "#.#", "#.#", "#.#", ".#."],
        "W": ["#.#", "#.#", "#.#", "###", "#.#"], "X": ["#.#", "#.#", ".#.", "#.#", "#.#"],
        "Y": ["#.#", "#.#", ".#.", ".#.", ".#."], "Z": ["###", "..#", ".#.", "#..", "###"],
        "0": ["###", "#.#", "#.#", "#.#", "###"], "1": [".#.", "##.", ".#.", ".#.", "###"],
        "2": ["##.", "..#", ".#.", "#..", "###"], "3": ["##.", "..#", ".#.", "..#", "##."],
        "4": ["#.#", "#.#", "###", "..#", "..#"], "5": ["###", "#..", "##.", "..#", "##."],
        "6": [".##", "#..", "###", "#.#", "###"], "7": ["###", "..#", ".#.", ".#.", ".#."],
        "8": ["###", "#.#", "###", "#.#", "###"], "9": ["###", "#.#", "###", "..#", "##."],
        " ": ["...", "...", "...", "...", "..."], "?": ["##.", "..#", ".#.", "...", ".#."],
        "!": [".#.", ".#.", ".#.", "...", ".#."], "'": [".#.", ".#.", "...", "...", "..."],
        "\"": ["#.#", "#.#", "...", "...", "..."], "-": ["...", "...", "###", "...", "..."],
        ".": ["...", "...", "...", "...", ".#."], ",": ["...", "...", "...", ".#.", "#.."],
        ":": ["...", ".#.", "...", ".#.", "..."], "/": ["..#", "..#", ".#.", "#..", "#.."],
        "(": ["..#", ".#.", ".#.", ".#.", "..#"], ")": ["#..", ".#.", ".#.", ".#.", "#.."],
        "+": ["...", ".#.", "###", ".#.", "..."], "&": [".#.", "#.#", ".#.", "#.#", ".##"],
    ]
}
