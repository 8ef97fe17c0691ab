import Inference

/// The why view's diverging scale: how far a unit pushes the score up or down, as a level from −3 to
/// +3 relative to the largest change, drawn with the theme's rank-up and rank-down colours.
/// Without colour the marks still read: the strongest units are reversed and carry a `+` or `−`
/// in front, the middle level is bold.
enum HeatScale {
    /// Where each level starts, as a share of the largest |Δ|: below the first a unit is not marked.
    static let thresholds = [0.1, 0.4, 0.75]

    /// −3…+3: the sign of `delta`, and how many thresholds `|delta| / largest` reaches.
    static func level(_ delta: Double, largest: Double) -> Int {
        guard largest > 0, delta.isFinite, delta != 0 else { return 0 }
        let share = abs(delta) / largest
        let steps = thresholds.filter { share >= $0 }.count
        return delta > 0 ? steps : -steps
    }

    static func style(_ level: Int) -> CellStyle {
        let role: ColorRole = level > 0 ? .rankUp : .rankDown
        switch abs(level) {
        case 3: return CellStyle(.background, on: role, .bold)
        case 2: return CellStyle(role, on: .background, .bold)
        case 1: return CellStyle(role)
        default: return CellStyle()
        }
    }

    /// `+` or `−` in front of the strongest units, so they read without colour.
    static func glyph(_ level: Int) -> String? {
        abs(level) == 3 ? (level > 0 ? "+" : "−") : nil
    }

    /// The legend: each level's start as a number in its own style, strongest down to strongest up
    /// (the strongest levels' numbers carry their sign as the units carry their glyph).
    static func legend(largest: Double) -> StyledText {
        var line = StyledText("scale ", CellStyle(.dim))
        guard largest > 0 else {
            line.append("no unit moves the score", CellStyle(.dim))
            return line
        }
        let starts = [largest] + thresholds.dropLast().reversed().map { $0 * largest }
        for (index, value) in starts.enumerated() {
            let level = -(3 - index)
            line.append("−" + ScoreFormat.delta(value), style(level))
            line.append(" ", CellStyle())
        }
        line.append("0", CellStyle(.dim))
        for (index, value) in starts.reversed().enumerated() {
            let level = index + 1
            line.append(" ", CellStyle())
            line.append("+" + ScoreFormat.delta(value), style(level))
        }
        line.append("  Δ = score − score without", CellStyle(.dim))
        return line
    }

    /// `text` with each unit in its level's style and the strongest marked with their glyph; from
    /// `cutAt` (a Unicode-scalar offset) on, a ✂ and the unread rest dimmed.
    static func text(_ text: String, units: [UnitAttribution], largest: Double, cutAt: Int? = nil) -> StyledText {
        var result = StyledText()
        var unitIndex = 0
        var scalarOffset = 0
        var cut = false
        for character in text {
            if !cut, let cutAt, scalarOffset >= cutAt {
                cut = true
                result.append("✂", CellStyle(.truncation, on: .background, .bold))
            }
            while unitIndex < units.count, units[unitIndex].unit.range.upperBound <= scalarOffset { unitIndex += 1 }
            var style = cut ? CellStyle(.cutText, on: .background, .dim) : CellStyle()
            if !cut, unitIndex < units.count, units[unitIndex].unit.range.contains(scalarOffset) {
                let unit = units[unitIndex]
                let unitLevel = Self.level(unit.delta, largest: largest)
                if scalarOffset == unit.unit.range.lowerBound, let mark = Self.glyph(unitLevel) { result.append(mark, Self.style(unitLevel)) }
                style = Self.style(unitLevel)
            }
            result.characters.append(StyledCharacter(character: character, style: style))
            scalarOffset += character.unicodeScalars.count
        }
        return result
    }
}
