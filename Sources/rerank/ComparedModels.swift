import ArgumentParser
import Evaluation
import Inference

/// The models `rerank compare` runs, and how: each `--model` is a model name or folder, `bm25`,
/// or `input` for the set's first-stage order.
struct ComparedModels: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp(
        "A model to compare; repeat for each (the first is the baseline): a name, a folder, bm25, or input.",
        discussion: "input is the candidates' first-stage order, as in rerank eval."))
    var model: [String] = []

    @Option(help: "Token limit per pair or text (default: each model's own).")
    var maxLength: Int?

    @OptionGroup var engine: EngineOptions
    @OptionGroup var batchOptions: BatchOptions

    func validate() throws {
        guard model.count >= 2 else { throw ValidationError("give two --model options or more; the first is the baseline") }
        var seen = Set<String>()
        for name in model where !seen.insert(name).inserted {
            throw ValidationError("--model \(name) is given twice; compare each model once")
        }
    }

    /// A system to run: a loaded scorer, or nil for the first-stage order.
    struct System {
        let name: String
        let scorer: (any Scorer)?
    }

    /// A system's run over the set, with its scorer's description (nil for `input`).
    struct Run {
        let info: ScorerInfo?
        let scored: ScoredRun
    }

    /// Loads every model before any scoring (downloading from the Hub on first use unless offline), so a
    /// misspelt name fails at once.
    func load() async throws -> [System] {
        var systems: [System] = []
        for name in model {
            systems.append(System(name: name, scorer: name == EvaluationReport.firstStageName ? nil : try await engine.loadScorer(name, batchSize: batchOptions.batchSize)))
        }
        return systems
    }

    /// Scores the set with the system (the first-stage scores for `input`), with a progress bar.
    func run(_ system: System, on set: JudgedSet) async throws -> Run {
        guard let scorer = system.scorer else {
            return Run(info: nil, scored: ScoredRun(scores: set.firstStageScores, pairsScored: set.pairCount, seconds: 0))
        }
        let bar = ProgressBar(label: "scoring with \(system.name)")
        let scored = try await Evaluator(scorer: scorer, maxLength: maxLength).run(set) { bar.update($0, of: $1) }
        bar.finish()
        return Run(info: scorer.info, scored: scored)
    }
}
