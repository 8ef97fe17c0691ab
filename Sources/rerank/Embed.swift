import ArgumentParser
import Inference
import ModelStore

/// `rerank embed`: sentence embeddings from a bi-encoder.
struct Embed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add a unit-length embedding to each {\"text\"} line (bi-encoders).")

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var batchOptions: BatchOptions

    @Option(help: "JSON Lines file of {\"text\"} objects.")
    var texts: String

    func run() async throws {
        EngineThreads.configure(modelOptions.engine.threads)
        let model = try BiEncoder(folder: try await modelOptions.engine.locator().resolveOrDownload(modelOptions.model), name: modelOptions.model,
                                  batchSize: batchOptions.batchSize)
        let lines = try JSONLines.read(texts, requiredKeys: ["text"])
        let embeddings = try await model.embed(lines.map { $0.string("text") ?? "" }, maxLength: modelOptions.maxLength)
        for (line, embedding) in zip(lines, embeddings) {
            var object = line.object
            object["embedding"] = embedding.map(JSONLines.number)
            try JSONLines.write(object)
        }
    }
}
