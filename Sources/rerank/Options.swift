import ArgumentParser
import Inference
import ModelStore

/// Which model to use and how much of each text it reads.
struct ModelOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "A model name (see `rerank models`), a model folder, or bm25.")
    var model: String

    @Option(help: "Token limit per pair or text (default: the model's own).")
    var maxLength: Int?

    @Option(help: "Compute threads (default: one per core).")
    var threads: Int?

    func loadScorer(batchSize: Int = 64) throws -> any Scorer {
        try Scorers.load(model, threads: threads, batchSize: batchSize)
    }
}

/// How many sequences one forward pass holds.
struct BatchOptions: ParsableArguments {
    @Option(help: "Sequences per batch (batches are also capped at 8,192 tokens).")
    var batchSize: Int = 64

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
    }
}
