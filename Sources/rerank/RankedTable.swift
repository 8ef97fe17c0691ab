import Foundation
import Inference

/// A ranking printed for people: rank, score, probability, truncation, and the passage's start.
struct RankedTable {
    let info: ScorerInfo
    let query: String
    let passages: [String]
    let ranked: [RankedPassage]
    var width = 100

    func render() -> String {
        var lines = ["\(info.name) · \(info.kind.rawValue) · score: \(info.scoreName)", "query: \(query)", ""]
        let probabilityHeader = info.probabilityName.map { " \($0.padding(toLength: 7, withPad: " ", startingAt: 0))" } ?? ""
        lines.append("rank  \("score".leftPadded(to: 9))\(probabilityHeader)  cut    passage")
        for (position, entry) in ranked.enumerated() {
            let score = entry.score
            let probability = info.probabilityName == nil ? "" : " " + (score.probability.map { Self.format($0, digits: 4) } ?? "").padding(toLength: 7, withPad: " ", startingAt: 0)
            let cut = score.truncation.flatMap { $0.isTruncated ? "✂\($0.passageTokensCut + $0.queryTokensCut)" : nil } ?? ""
            let prefix = "\(String(position + 1).leftPadded(to: 4))  \(Self.format(score.score, digits: 4).leftPadded(to: 9))\(probability)  \(cut.padding(toLength: 6, withPad: " ", startingAt: 0)) "
            lines.append(prefix + Self.firstLine(of: passages[entry.index], room: max(20, width - prefix.count)))
        }
        return lines.joined(separator: "\n")
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
