import ArgumentParser
import ModelStore
import Tokenization
import Inference

/// `rerank tokenize`: the token ids a model's tokenizer gives each pair.
struct Tokenize: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add input_ids and token_type_ids to each {\"query\",\"passage\"} line.")

    @Option(name: .shortAndLong, help: "A model name, ORG/NAME[@REVISION] from the Hugging Face Hub, or a folder whose tokenizer to use.")
    var model: String

    @Flag(help: "Never download: use only models on disk (as HF_HUB_OFFLINE=1 does).")
    var offline = false

    @Option(help: "JSON Lines file of {\"query\", \"passage\"} objects.")
    var pairs: String

    @Option(help: "Token limit per pair (default: the model's own).")
    var maxLength: Int?

    func run() async throws {
        let folder = try await ModelAccess.locator(offline: offline).resolveOrDownload(model)
        let tokenizer = try Tokenizers.load(folder)
        let limit = maxLength ?? folder.maxLength
        guard limit >= 4 else { throw ValidationError("--max-length must be at least 4") }
        for line in try JSONLines.read(pairs, requiredKeys: ["query", "passage"]) {
            let encoded = tokenizer.encodePair(query: line.string("query") ?? "", passage: line.string("passage") ?? "", maxLength: limit)
            var object = line.object
            object["input_ids"] = encoded.inputIds.map(Int.init)
            object["token_type_ids"] = encoded.tokenTypeIds.map(Int.init)
            try JSONLines.write(object)
        }
    }
}
