import Foundation
import Inference

/// A ranking printed for people: rank, score, probability, truncation, and the passage's start.
struct RankedTable {
    let info: ScorerInfo
    let query: String
    let passages: [String]
    let ranked: [RankedPassage]
    /// How the passages were read: in windows, the table says which window won (`w3/5`) where it would say what was cut.
    var mode = ReadingMode.truncate
    var width = 100

    func render() -> String {
        let reading = mode == .truncate ? "" : " · \(mode)"
        var lines = ["\(info.name) · \(info.kind.rawValue) · score: \(info.scoreName)\(reading)", "query: \(query)", ""]
        let probabilityHeader = info.probabilityName.map { " \($0.padding(toLength: 7, withPad: " ", startingAt: 0))" } ?? ""
        let marks = ranked.map { Self.mark($0.score) }
        let markWidth = max(6, marks.map(\.count).max() ?? 0)
        let markHeader = mode == .truncate ? "cut" : "window"
        lines.append("rank  \("score".leftPadded(to: 9))\(probabilityHeader)  \(markHeader.padding(toLength: markWidth, withPad: " ", startingAt: 0)) passage")
        for (position, (entry, mark)) in zip(ranked, marks).enumerated() {
            let score = entry.score
            let probability = info.probabilityName == nil ? "" : " " + (score.probability.map { Self.format($0, digits: 4) } ?? "").padding(toLength: 7, withPad: " ", startingAt: 0)
            let prefix = "\(String(position + 1).leftPadded(to: 4))  \(Self.format(score.score, digits: 4).leftPadded(to: 9))\(probability)  \(mark.padding(toLength: markWidth, withPad: " ", startingAt: 0)) "
            lines.append(prefix + Self.firstLine(of: passages[entry.index], room: max(20, width - prefix.count)))
        }
        return lines.joined(separator: "\n")
    }

    /// `✂137` for a cut passage, `w3/5` for the window that won, else nothing.
    private static func mark(_ score: PairScore) -> String {
        if let truncation = score.truncation, truncation.isTruncated { return "✂\(truncation.passageTokensCut + truncation.queryTokensCut)" }
        return score.windowLabel ?? ""
    }

    static func format(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    private static func firstLine(of passage: String, room: Int) -> String {
        let line = passage.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count <= room ? line : String(line.prefix(room - 1)) + "…"
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
