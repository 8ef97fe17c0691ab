import ArgumentParser
import Evaluation
import Foundation
import PassageSources

/// `rerank compare`: several models on one judged set, per query and in total, with confidence
/// intervals and paired significance tests.
struct Compare: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare models on a judged set: per-query and mean NDCG@10, MRR@10 and MAP, with significance.",
        discussion: """
            Each model reranks every query's candidates; the first model is the baseline of the others. \
            For each measure the output gives every model's mean with a 95% confidence interval (t \
            distribution), and for the others the mean difference from the baseline, wins / ties / losses \
            by query, and two-sided paired p-values from a t-test and a randomization test. With more than \
            two models the p-values are Bonferroni-corrected for the number of comparisons. Measures and \
            tie-breaking follow trec_eval / ir_measures, as in rerank eval.
            """)

    @OptionGroup var models: ComparedModels
    @OptionGroup var source: SetSourceOptions

    @Option(help: "nDCG cut-offs (repeat for several).")
    var ndcgAt: [Int] = [10]

    @Option(help: "MRR cut-offs (repeat for several).")
    var mrrAt: [Int] = [10]

    @Option(help: "Random sign assignments of the randomization test (all 2^n when that is fewer).")
    var permutations = RandomizationTest.defaultPermutations

    @Option(help: "Seed of the randomization test.")
    var seed = RandomizationTest.defaultSeed

    @Flag(inversion: .prefixedNo, help: "Print the per-query table.")
    var perQuery = true

    @Flag(help: "Print one JSON object instead of tables.")
    var json = false

    @Option(help: "Write the per-query differences from the first model as an SVG bar chart (the first measure).")
    var svg: String?

    func validate() throws {
        try source.requireASet()
        guard (ndcgAt + mrrAt).allSatisfy({ $0 >= 1 }) else { throw ValidationError("cut-offs must be at least 1") }
        guard permutations >= 1 else { throw ValidationError("--permutations must be at least 1") }
    }

    func run() async throws {
        let systems = try await models.load()
        let loaded = try source.load(needsJudgments: true)
        let set = loaded.set
        guard set.queries.contains(where: \.isJudged) else {
            throw CommandError("\(set.name): no query has judgments; check that the qrels name the run's query ids")
        }
        var runs: [ComparedModels.Run] = []
        for system in systems {
            let run = try await models.run(system, on: set)
            if run.info != nil {
                StandardError.print("\(system.name): \(run.scored.pairsScored) pairs in \(String(format: "%.1f", run.scored.seconds)) s")
            }
            runs.append(run)
        }
        let measures = ndcgAt.map { Measure.ndcg(cutoff: $0) } + mrrAt.map { Measure.reciprocalRank(cutoff: $0) }
            + [.averagePrecision]
        let comparison = SetComparison(set: set, systems: models.model, runs: runs.map(\.scored.scores), measures: measures,
                                       settings: SignificanceSettings(permutations: permutations, seed: seed))
        let report = ComparisonReport(comparison: comparison, notes: runs.map { $0.info?.note }, pairs: set.pairCount,
                                      topK: source.topK, positives: loaded.positives)
        if json {
            try JSONLines.write(report.json())
        } else {
            print(report.text(perQuery: perQuery))
        }
        if let svg {
            do {
                try Data(DifferenceChart(comparison: comparison).svg().utf8).write(to: URL(fileURLWithPath: svg))
            } catch {
                throw CommandError("\(svg): cannot write the chart (\((error as NSError).localizedDescription))")
            }
            StandardError.print("wrote \(svg)")
        }
    }
}
