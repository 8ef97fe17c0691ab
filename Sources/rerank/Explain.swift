import ArgumentParser
import Foundation
import Inference
import PassageSources
import Pictures

/// `rerank explain`: what in a passage (and in the query) drives its score.
struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how much each sentence or word of a passage, and each query word, moves its score.",
        discussion: """
            Cross-encoders and bi-encoders are measured by occlusion: the pair is scored again with each \
            unit removed, all variants in one packed batch, and Δ is the full score minus that score \
            (positive: the unit pushes the score up). Units past the token limit's cut are never read, so \
            their Δ is 0 without scoring. BM25 gets its exact per-term contributions, over the passages \
            given: a query word's Δ is what its terms add; a passage unit's Δ is its share of them, and \
            the units' Δs sum to the score. --json prints one object per passage: "score", "units" \
            (each with Unicode-scalar "start" and "end", so Python's passage[start:end] is its "text", \
            "score_without" and "delta") and "query_terms" (the same, for the query's words).
            """)

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var batchOptions: BatchOptions

    @Option(help: "The query.")
    var query: String

    @Option(help: "One passage to explain.")
    var passage: String?

    @Option(help: "Passages to explain, each in turn: plain text (one per paragraph), JSON Lines, TSV, or a judged-set folder.")
    var passages: String?

    @Option(help: "What to remove in turn: sentence or word.")
    var unit: TextUnitKind = .sentence

    @Flag(help: "One JSON object per passage instead of tables.")
    var json = false

    @Option(help: "Also draw each passage's heat map as an SVG picture for slides (FILE.svg; with several passages FILE-1.svg, FILE-2.svg, …).")
    var svg: String?

    func validate() throws {
        guard (passage == nil) != (passages == nil) else { throw ValidationError("give either --passage TEXT or --passages FILE") }
    }

    func run() async throws {
        let scorer = try await modelOptions.loadScorer(batchSize: batchOptions.batchSize)
        let texts: [String]
        let ids: [String?]
        if let passage {
            texts = [passage]
            ids = [nil]
        } else {
            let collection = try PassageFiles.load(passages ?? "")
            collection.warnings.forEach(StandardError.print)
            texts = collection.passages.map(\.text)
            ids = collection.passages.map(\.id)
        }
        if !json { print(ExplanationTable.header(info: scorer.info, query: query, unit: unit)) }
        for (index, (text, id)) in zip(texts, ids).enumerated() {
            let attribution = try await scorer.attribution(query: query, passage: text, unit: unit, maxLength: modelOptions.maxLength,
                                                           mode: .truncate, collection: texts, limits: AttributionLimits(), progress: nil)
            if json {
                try JSONLines.write(AttributionJSON.object(attribution, index: index, id: id))
            } else {
                print(ExplanationTable(attribution: attribution, index: index, id: id).render())
            }
            if let svg { try drawHeatMap(attribution, of: scorer.info, to: pictureFile(svg, index: index, count: texts.count)) }
        }
    }

    /// `FILE.svg`, or `FILE-N.svg` (counted from 1) when there are several passages.
    private func pictureFile(_ path: String, index: Int, count: Int) -> URL {
        let url = URL(fileURLWithPath: path)
        guard count > 1 else { return url }
        let stem = url.deletingPathExtension().lastPathComponent, suffix = url.pathExtension.isEmpty ? "svg" : url.pathExtension
        return url.deletingLastPathComponent().appendingPathComponent("\(stem)-\(index + 1).\(suffix)")
    }

    private func drawHeatMap(_ attribution: Attribution, of scorer: ScorerInfo, to file: URL) throws {
        let picture = TextHeatMap.svg(units: attribution.units.map { (text: $0.unit.text, delta: Float($0.delta)) },
                                      title: "\(query) · \(scorer.nameWithNote)", fullScore: Float(attribution.score))
        do {
            try Data(picture.utf8).write(to: file, options: .atomic)
        } catch {
            throw CommandError("cannot write \(file.path): \(error.localizedDescription)")
        }
    }
}

extension TextUnitKind: ExpressibleByArgument {}

/// An attribution as `explain --json` prints it.
enum AttributionJSON {
    /// Numbers print as `score --json` prints scores (their Float value's shortest decimal).
    static func object(_ attribution: Attribution, index: Int, id: String?) -> [String: Any] {
        var object: [String: Any] = ["index": index, "score": JSONLines.number(Float(attribution.score)), "unit": attribution.unitKind.rawValue,
                                     "method": attribution.method.rawValue,
                                     "units": attribution.units.map(unit), "query_terms": attribution.queryTerms.map(unit)]
        object["id"] = id
        return object
    }

    private static func unit(_ unit: UnitAttribution) -> [String: Any] {
        var object: [String: Any] = ["start": unit.unit.range.lowerBound, "end": unit.unit.range.upperBound, "text": unit.unit.text,
                                     "delta": JSONLines.number(Float(unit.delta)),
                                     "score_without": unit.scoreWithout.map { JSONLines.number(Float($0)) as Any } ?? NSNull()]
        if unit.isBeyondCut { object["beyond_cut"] = true }
        return object
    }
}
