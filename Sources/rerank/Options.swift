import ArgumentParser
import Inference
import ModelStore

/// Which model to use and how much of each text it reads.
struct ModelOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "A model name (see `rerank models`), ORG/NAME[@REVISION] from the Hugging Face Hub (downloaded on first use), a model folder, a served model's URL (tei+http://…, see the README), or bm25.")
    var model: String

    @Option(help: "Token limit per pair or text (default: the model's own).")
    var maxLength: Int?

    @OptionGroup var engine: EngineOptions

    func loadScorer(batchSize: Int = 64) async throws -> any Scorer {
        try await engine.loadScorer(model, batchSize: batchSize)
    }
}

/// How every command that loads models runs them: threads, downloads, precision.
struct EngineOptions: ParsableArguments {
    @Option(help: "Compute threads (default: one per core).")
    var threads: Int?

    @Flag(help: "Never download: use only models on disk (as HF_HUB_OFFLINE=1 does).")
    var offline = false

    @Option(help: "Number format of the dense layers: fp32 (the reference), bf16 or int8 (faster; `rerank eval --precision` measures the cost).")
    var precision: Precision = .fp32

    /// The locator, downloading from the Hub on first use unless offline.
    func locator() throws -> ModelLocator {
        try ModelAccess.locator(offline: offline)
    }

    func loadScorer(_ name: String, batchSize: Int = 64) async throws -> any Scorer {
        try await ModelAccess.loadScorer(name, locator: locator(), threads: threads, batchSize: batchSize, precision: precision)
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

extension Precision: ExpressibleByArgument {}
