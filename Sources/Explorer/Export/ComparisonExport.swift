import Foundation
import Inference
import Tokenization

/// The current comparison as a document: a Markdown table per pane, JSON, or an SVG picture. The runtime writes
/// the returned text to the file `:export` named.
public enum ComparisonExport {
    /// Passage text longer than this is cut with `…` in Markdown tables.
    static let markdownTextLimit = 160

    public static func render(_ state: ExplorerState, format: ExportFormat) -> String {
        switch format {
        case .markdown: return markdown(state)
        case .json: return json(state)
        case .svg: return ComparisonPicture.svg(state)
        }
    }

    // MARK: - Markdown

    static func markdown(_ state: ExplorerState) -> String {
        var out = "# Rerank comparison\n\n"
        out += "Query: **\(escape(state.query.text))**  \n"
        out += "Passages: \(state.passages.count)" + (state.title.isEmpty ? "" : " (\(escape(state.title)))") + "\n"
        let labelled = state.hasLabels
        for (index, pane) in state.panes.enumerated() {
            let ranking = state.rankings[index]
            let kind = pane.info?.kind.rawValue ?? "not loaded"
            let windowed = pane.effectiveReadingMode != .truncate
            out += "\n## Pane \(index + 1): \(escape(pane.scorerName)) (\(kind), \(ScoreFormat.label(for: pane))"
            out += pane.effectiveMaxLength.map { ", max length \($0)" } ?? ""
            out += windowed ? ", \(pane.effectiveReadingMode)" : ""
            out += pane.effectivePrecision == .reference ? "" : ", \(pane.effectivePrecision.rawValue)"
            out += ")\n\n"
            var measures: [String] = []
            if let agreement = ranking.agreement {
                measures.append("Kendall τ vs pane 1: \(agreement.kendallTau.map(ScoreFormat.measure) ?? "–")")
                measures.append("overlap@10: \(agreement.overlapAt10)/\(agreement.overlapDepth)")
            }
            if let metrics = ranking.labelMetrics {
                measures.append("NDCG@10: \(ScoreFormat.measure(metrics.ndcgAt10))")
                measures.append("MRR@10: \(ScoreFormat.measure(metrics.mrrAt10))")
            }
            if !measures.isEmpty { out += measures.joined(separator: " · ") + "\n\n" }
            let reading = windowed ? "Best window" : "Truncation"
            out += labelled ? "| Rank | Score | Label | Passage | \(reading) |\n| ---: | ---: | ---: | --- | --- |\n"
                            : "| Rank | Score | Passage | \(reading) |\n| ---: | ---: | --- | --- |\n"
            for id in ranking.order {
                guard let passage = state.passage(id) else { continue }
                let score = pane.scores[id]
                var cells = [ranking.ranks[id].map(String.init) ?? "–",
                             score.map { ScoreFormat.score($0, mode: pane.scoreMode) } ?? "–"]
                if labelled { cells.append(passage.record.label.map(String.init) ?? "") }
                cells.append(escape(DisplayWidth.truncate(String(PassageText.firstLine(passage.text)), to: markdownTextLimit)))
                cells.append(windowNote(score) ?? truncationNote(score?.truncation))
                out += "| " + cells.joined(separator: " | ") + " |\n"
            }
        }
        return out
    }

    private static func truncationNote(_ truncation: TruncationReport?) -> String {
        guard let truncation, truncation.isTruncated else { return "" }
        return "✂ \(truncation.passageTokensCut + truncation.queryTokensCut) of \(truncation.passageTokens + truncation.queryTokens) tokens cut"
    }

    /// `w2/3, characters 11–37`: the window that won and where it lies; `nil` unless read in windows.
    private static func windowNote(_ score: PairScore?) -> String? {
        guard let score, let best = score.bestWindow, score.windows.indices.contains(best) else { return nil }
        let span = score.windows[best].window.span
        return "\(score.windowLabel ?? "w1/1"), characters \(span.lowerBound)–\(span.upperBound)"
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    // MARK: - JSON

    private struct Document: Encodable {
        var query: String
        var title: String
        var passages: [Passage]
        var panes: [PaneResult]
    }

    private struct Passage: Encodable {
        var index: Int
        var text: String
        var label: Int?
        var id: String?
    }

    private struct PaneResult: Encodable {
        var pane: Int
        var scorer: String
        var kind: String?
        var scoreName: String?
        var maxLength: Int?
        /// `LEN:STRIDE` when the pane reads in windows.
        var windows: String?
        /// The model's number format; `nil` for BM25.
        var precision: String?
        var kendallTau: Double?
        var overlapAt10: Int?
        var ndcgAt10: Double?
        var mrrAt10: Double?
        var ranking: [Entry]
    }

    private struct Entry: Encodable {
        var rank: Int
        var passage: Int
        var score: Double?
        var probability: Double?
        var queryTokens: Int?
        var passageTokens: Int?
        var tokensCut: Int?
        /// Read in windows: every window, and the position in `windows` of the one that won.
        var windows: [Window]?
        var bestWindow: Int?
    }

    private struct Window: Encodable {
        /// Unicode-scalar offsets in the passage.
        var start: Int
        var end: Int
        var tokens: Int
        var score: Double?
    }

    static func json(_ state: ExplorerState) -> String {
        let passages = state.passages.enumerated().map { offset, passage in
            Passage(index: offset + 1, text: passage.text, label: passage.record.label, id: passage.record.id)
        }
        let panes = state.panes.enumerated().map { index, pane -> PaneResult in
            let ranking = state.rankings[index]
            let entries = ranking.order.prefix(ranking.scoredCount).compactMap { id -> Entry? in
                guard let score = pane.scores[id], let rank = ranking.ranks[id], let position = state.passageIndex[id] else { return nil }
                return Entry(rank: rank, passage: position + 1, score: finite(score.score), probability: score.probability.flatMap(finite),
                             queryTokens: score.truncation?.queryTokens, passageTokens: score.truncation?.passageTokens,
                             tokensCut: score.truncation.map { $0.queryTokensCut + $0.passageTokensCut },
                             windows: score.bestWindow == nil ? nil : score.windows.map {
                                 Window(start: $0.window.span.lowerBound, end: $0.window.span.upperBound, tokens: $0.window.tokens.count,
                                        score: finite($0.score))
                             },
                             bestWindow: score.bestWindow)
            }
            var windows: String?
            if case .windows(let length, let stride) = pane.effectiveReadingMode { windows = "\(length):\(stride)" }
            return PaneResult(pane: index + 1, scorer: pane.scorerName, kind: pane.info?.kind.rawValue,
                              scoreName: pane.info?.scoreName, maxLength: pane.effectiveMaxLength, windows: windows,
                              precision: pane.isLexical ? nil : pane.effectivePrecision.rawValue,
                              kendallTau: ranking.agreement?.kendallTau.flatMap(finite), overlapAt10: ranking.agreement?.overlapAt10,
                              ndcgAt10: ranking.labelMetrics.map(\.ndcgAt10).flatMap(finite),
                              mrrAt10: ranking.labelMetrics.map(\.mrrAt10).flatMap(finite), ranking: Array(entries))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(query: state.query.text, title: state.title, passages: passages, panes: panes)
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func finite(_ value: Double) -> Double? {
        value.isFinite ? value : nil
    }
}
