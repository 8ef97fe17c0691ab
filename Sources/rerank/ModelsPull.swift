import ArgumentParser
import Foundation
import Hub
import ModelStore

/// `rerank models pull ORG/NAME[@REVISION]`: downloads a model from the Hugging Face Hub into the shared cache.
struct ModelsPull: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Download a model from the Hugging Face Hub into the Hugging Face cache.",
        discussion: """
            Fetches config.json, the tokenizer and sentence-transformers files, and one set of weights \
            (model.safetensors, its sharded index, pytorch_model.bin, or its index, in that order of \
            preference) into the cache sentence-transformers uses ($HF_HUB_CACHE, else $HF_HOME/hub, else \
            ~/.cache/huggingface/hub); each file is checked against the hash the Hub names it by. An \
            interrupted download resumes. HF_ENDPOINT chooses the Hub, HF_TOKEN (or $HF_HOME/token) \
            authenticates for gated and private models; HF_HUB_OFFLINE=1 or --offline only checks the cache.
            """)

    @Argument(help: "ORG/NAME, or ORG/NAME@REVISION (a branch, tag or commit).")
    var model: String

    @Flag(help: "Do not download: only report what the cache holds.")
    var offline = false

    func validate() throws {
        guard HubModelName(model) != nil else {
            throw ValidationError("'\(model)' is not a Hugging Face model name; give ORG/NAME or ORG/NAME@REVISION")
        }
    }

    func run() async throws {
        guard let name = HubModelName(model) else { return }
        let reporter = PullReporter()
        let result = try await HubDownloader(settings: try ModelAccess.settings(offline: offline), progress: reporter.handler).pull(name)
        reporter.finish()
        let fetched = result.files.filter(\.downloaded)
        let summary = result.fromCacheOnly
            ? "in the cache (offline: the Hub was not asked for a newer commit)"
            : "\(result.files.count) files, \(fetched.count) downloaded (\(ProgressBar.bytes(fetched.reduce(0) { $0 + $1.size })))"
        print("\(name) → commit \(result.commit): \(summary)")
        print(result.snapshot.path)
        do {
            let folder = try ModelFolder.open(result.snapshot, name: name.repository)
            print("ready: \(folder.kind.rawValue), \(folder.architecture), max \(folder.maxLength) tokens — use --model \(name)")
        } catch {
            print("downloaded, but rerank cannot open it yet: \(error)")
        }
    }
}
