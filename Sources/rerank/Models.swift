import ArgumentParser
import Foundation
import Inference
import ModelStore

/// `rerank models`: every scorer the search path and the Hugging Face cache offer (`rerank models list`, the
/// default), and `rerank models pull` to download one from the Hub.
struct Models: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the models found (the default), or pull one from the Hugging Face Hub.",
        subcommands: [ModelsList.self, ModelsPull.self],
        defaultSubcommand: ModelsList.self)
}

/// `rerank models list`: the models found, with the revision of those from the Hugging Face cache.
struct ModelsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the models found, with kind, architecture, size, max length and Hub revision.",
        discussion: """
            Searched, in order: the folders in RERANK_MODEL_PATH (colon-separated), the project's model \
            directory, the folders listed in its model-path file, and the Hugging Face cache \
            ($HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub), where REVISION names the \
            refs and commit of each snapshot. bm25 is always available.
            """)

    func run() throws {
        let locator = ModelLocator()
        var rows = [["NAME", "KIND", "ARCHITECTURE", "LAYERS", "HIDDEN", "LABELS", "MAX LEN", "SIZE", "NOTE", "REVISION", "PATH"]]
        rows.append([Scorers.bm25Name, ScorerKind.lexical.rawValue, "Okapi BM25 (k1 0.9, b 0.4)", "–", "–", "–", "–", "–", "–", "–", "built in"])
        var problems: [String] = []
        for entry in locator.listing() {
            switch entry.result {
            case .success(let folder):
                let config = folder.config
                rows.append([entry.name, folder.kind.rawValue, config.architectures.first ?? "?",
                             String(config.numHiddenLayers), String(config.hiddenSize),
                             folder.kind == .crossEncoder ? String(config.labels.count) : "–",
                             String(folder.maxLength), Models.size(folder.sizeOnDisk), folder.note ?? "–",
                             entry.revision?.description ?? "–", folder.url.path])
            case .failure(let error):
                problems.append("\(entry.name): \(error)")
            }
        }
        print(Models.table(rows))
        if !problems.isEmpty {
            print("\nFolders that look like models but could not be opened:")
            problems.forEach { print("  " + $0) }
        }
        print("\nSearch path: " + (locator.searchDirectories.map(\.path) + [locator.huggingFaceCache.path]).joined(separator: ":"))
    }
}

extension Models {
    static func size(_ bytes: Int64) -> String {
        let megabytes = Double(bytes) / 1_048_576
        return megabytes >= 1_024 ? String(format: "%.1f GB", megabytes / 1_024) : String(format: "%.0f MB", megabytes)
    }

    /// Rows as left-aligned columns, two spaces apart.
    static func table(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).map { cell, width in cell.padding(toLength: width, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
