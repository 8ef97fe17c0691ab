import ArgumentParser
import Foundation
import Inference
import PassageSources

/// `rerank explore` (the default): the interactive explorer.
struct Explore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the explorer: type a query and watch passages re-rank live (the default command).")

    @Argument(help: "Passage files or judged-set folders to open.")
    var files: [String] = []

    @Option(name: .shortAndLong, help: "A scorer for a pane (repeat for up to four panes).")
    var model: [String] = []

    @Option(help: "A bundled sample to open (see Samples/).")
    var sample: String?

    @Option(help: "Colour theme (Themes/NAME.toml).")
    var theme: String?

    func run() async throws {
        // Until the interactive explorer lands: rank the default sample with the first scorer found.
        let samples = try SampleCatalog()
        guard let name = sample ?? samples.defaultName else { throw ValidationError("no samples found in \(samples.directory.path)") }
        let collection = try samples.load(name: name)
        let query = collection.queries.first ?? ""
        let scorer = try Scorers.load(model.first ?? Scorers.bm25Name)
        let texts = collection.passages.map(\.text)
        let ranked = try await scorer.rank(query: query, passages: texts)
        print(RankedTable(info: scorer.info, query: query, passages: texts, ranked: ranked).render())
    }
}
