import Foundation

/// A heat map of a text's units (sentences or words) as an SVG picture: the text set in a
/// monospace font, each unit on a background whose colour says how much it moves the score —
/// blue where the unit raises it, red where it lowers it, stronger for larger moves (the text white
/// on the strongest) — with a
/// title, the full score and a legend of the scale. Each unit's tooltip gives its difference.
public enum TextHeatMap {
    /// One unit of the text and how much it moves the score.
    public struct Unit: Sendable, Hashable {
        public var text: String
        /// The full score minus the score without this unit: positive when the unit raises the score.
        public var delta: Float

        public init(text: String, delta: Float) {
            self.text = text
            self.delta = delta
        }
    }

    /// Characters on a line of the picture.
    static let lineLength = 72
    private static let fontSize = 18.0
    /// The advance of one character of a monospace font, as a fraction of its size.
    private static let advance = 0.6
    private static let margin = 32.0
    private static let lineHeight = 30.0

    /// The heat map of `units`, read in order, as a standalone SVG document.
    /// - Parameters:
    ///   - units: the text's units in order, each with its difference (not-finite differences are drawn neutral).
    ///   - title: the first line, e.g. the query and the model.
    ///   - fullScore: the score of the whole text.
    public static func svg(units: [(text: String, delta: Float)], title: String, fullScore: Float) -> String {
        svg(units: units.map { Unit(text: $0.text, delta: $0.delta) }, title: title, fullScore: fullScore)
    }

    /// As `svg(units:title:fullScore:)`, with `Unit` values.
    public static func svg(units: [Unit], title: String, fullScore: Float) -> String {
        let largest = units.map { $0.delta.isFinite ? abs($0.delta) : 0 }.max() ?? 0
        let placed = layout(units)
        let lines = (placed.last?.line ?? 0) + 1
        let textTop = margin + 76
        let width = margin * 2 + Double(lineLength) * fontSize * advance
        let height = textTop + Double(lines) * lineHeight + 80
        var document = SVGDocument(width: width, height: height, fontFamily: "DejaVu Sans Mono, Menlo, Consolas, monospace")
        document.text(title, x: margin, y: margin + 6, size: 22, weight: "bold")
        document.text("full score \(formatted(fullScore)) · colour: full score − score without the unit", x: margin, y: margin + 38,
                      size: 15, fill: "#444444")
        for word in placed {
            let unit = units[word.unit]
            let x = margin + Double(word.column) * fontSize * advance
            let y = textTop + Double(word.line) * lineHeight
            document.rect(x: x - 1, y: y - fontSize - 2, width: Double(word.length) * fontSize * advance + 2, height: fontSize + 9,
                          fill: colour(unit.delta, largest: largest), tooltip: "\(formatted(unit.delta, signed: true)) · \(unit.text)")
            document.text(word.text, x: x, y: y, size: fontSize, fill: strength(unit.delta, largest: largest) > 0.55 ? "#ffffff" : "#111111")
        }
        drawLegend(on: &document, largest: largest, top: textTop + Double(lines) * lineHeight + 20)
        return document.rendered()
    }

    /// A word of a unit at its place: line, column and length in characters.
    struct PlacedWord: Equatable {
        var unit: Int
        var text: String
        var line: Int
        var column: Int
        var length: Int
    }

    /// The units' words flowed into lines of `lineLength` characters; a word of one unit that
    /// continues on the same line takes the space before the next word with it, so a unit reads as
    /// one coloured band. A word longer than a line is cut into pieces.
    static func layout(_ units: [Unit]) -> [PlacedWord] {
        var placed: [PlacedWord] = []
        var line = 0, column = 0
        for (index, unit) in units.enumerated() {
            let words = unit.text.split(whereSeparator: \.isWhitespace).flatMap { pieces(of: String($0)) }
            for word in words {
                let length = word.count
                if column > 0, column + 1 + length > lineLength {
                    line += 1
                    column = 0
                }
                let start = column == 0 ? 0 : column + 1
                if column > 0, let last = placed.last, last.unit == index, last.line == line {
                    placed[placed.count - 1].length += 1   // the joining space, in the unit's colour
                }
                placed.append(PlacedWord(unit: index, text: word, line: line, column: start, length: length))
                column = start + length
            }
        }
        return placed
    }

    private static func pieces(of word: String) -> [String] {
        guard word.count > lineLength else { return [word] }
        var result: [String] = []
        var rest = Substring(word)
        while !rest.isEmpty {
            result.append(String(rest.prefix(lineLength)))
            rest = rest.dropFirst(lineLength)
        }
        return result
    }

    /// |delta| / largest, between 0 and 1 (0 when either is not finite or largest is 0).
    private static func strength(_ delta: Float, largest: Float) -> Double {
        guard delta.isFinite, largest.isFinite, largest > 0 else { return 0 }
        return Double(min(1, abs(delta) / largest))
    }

    /// Blue for a positive difference, red for a negative one, white for none, by |delta| / largest.
    static func colour(_ delta: Float, largest: Float) -> String {
        let strength = strength(delta, largest: largest)
        guard strength > 0 else { return "#ffffff" }
        let target: (Double, Double, Double) = delta > 0 ? (33, 102, 172) : (178, 24, 43)
        func channel(_ end: Double) -> Int { Int((255 + (end - 255) * strength).rounded()) }
        return "#" + [channel(target.0), channel(target.1), channel(target.2)]
            .map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
    }

    /// Eleven swatches from −largest to +largest, labelled at both ends and in the middle.
    private static func drawLegend(on document: inout SVGDocument, largest: Float, top: Double) {
        let swatch = 28.0
        for step in 0...10 {
            let delta = largest * Float(step - 5) / 5
            document.rect(x: margin + Double(step) * swatch, y: top, width: swatch, height: 16, fill: colour(delta, largest: largest),
                          stroke: "#cccccc")
        }
        let labelY = top + 36
        document.text(formatted(-largest, signed: true), x: margin, y: labelY, size: 14, fill: "#444444")
        document.text("0", x: margin + 5.5 * swatch, y: labelY, size: 14, anchor: "middle", fill: "#444444")
        document.text(formatted(largest, signed: true), x: margin + 11 * swatch, y: labelY, size: 14, anchor: "end", fill: "#444444")
        document.text("lowers the score ← → raises it", x: margin + 11 * swatch + 24, y: top + 13, size: 14, fill: "#444444")
    }

    private static func formatted(_ value: Float, signed: Bool = false) -> String {
        guard value.isFinite else { return "–" }
        return String(format: signed ? "%+.3f" : "%.3f", Double(value))
    }
}
