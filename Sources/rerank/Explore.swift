import ArgumentParser
import Explorer
import Foundation
import Hub
import Inference
import ModelStore
import PassageSources

/// `rerank explore` (the default): the interactive explorer.
struct Explore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the explorer: type a query and watch passages re-rank live (the default command).",
        discussion: """
            Passages come from the FILES given (plain text, JSON Lines, TSV or judged-set folders), from \
            standard input when it is not a terminal (`cat notes.txt | rerank`), or from a sample (the \
            default one opens with its query typed). Without --model the panes are the best cross-encoder \
            found, the bi-encoder and BM25. The session is saved as it changes to \
            $XDG_STATE_HOME/rerank/session.json; --resume brings it back. Press ? inside for the keys.

            A judged set (a judged-set folder, a BEIR folder with --run, or --run with --queries, \
            --corpus and --qrels, as rerank compare takes them) opens on its query browser: every query \
            with each pane's NDCG@10 and the difference from pane 1, scored in the background; Enter opens \
            a query's candidates in the panes, b returns to the list.
            """)

    @Argument(help: "Passage files, judged-set folders, or a BEIR folder (with --run) to open.")
    var files: [String] = []

    @OptionGroup(title: "Judged set (instead of FILES)") var set: SetSourceOptions

    @Option(name: .shortAndLong, help: "A scorer for a pane (repeat for up to four panes): a model name, a folder, or bm25.")
    var model: [String] = []

    @Option(help: "A sample to open (see Samples/; default: the default sample).")
    var sample: String?

    @Option(help: "The query to start with (default: the sample's or the file's).")
    var query: String?

    @Option(help: "Colour theme (Themes/NAME.toml: dark, light, high-contrast, solarized-dark, mono).")
    var theme: String?

    @Flag(help: "Presentation mode for talks: large query, chrome hidden (F5 toggles it).")
    var present = false

    @Option(help: "A demo script to step through with → (one step a line: query: …, model 2 bm25, maxlen 128, note: …).")
    var script: String?

    @Option(help: "Append timings as JSON lines to FILE (see `rerank trace-summary`).")
    var trace: String?

    @Flag(help: "Bring back the session saved when the explorer last ran.")
    var resume = false

    @Flag(help: "Never download: use only models on disk (as HF_HUB_OFFLINE=1 does).")
    var offline = false

    @OptionGroup var windowOptions: WindowOptions

    @Option(help: "Number format of every model pane's dense layers at start: fp32 (the reference), bf16 or int8; :precision changes one pane.")
    var precision: Precision?

    /// Sequences per forward pass: small, so partial rankings stream in steadily and a newer
    /// query never waits long for a cancelled batch.
    static let batchSize = 8

    func validate() throws {
        guard model.count <= ExplorerState.maximumPanes else {
            throw ValidationError("at most \(ExplorerState.maximumPanes) --model options (one per pane)")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let resources = ResourceLocator.current
        let themes = ThemeLibrary(directory: resources.themesDirectory)
        if let theme, themes.theme(named: theme) == nil {
            throw ValidationError("no theme \(theme); the themes are \(themes.names.joined(separator: ", "))")
        }
        let demo = try script.map { try DemoScript(contentsOf: URL(fileURLWithPath: $0)) }
        let traceWriter = try trace.map { try TraceWriter(fileURL: URL(fileURLWithPath: $0)) }
        let store = SessionStore<SessionSnapshot>(environment: environment)
        let hubSettings = try ModelAccess.settings(offline: offline)

        var opening = ExploreOpening(command: self, themes: themes, resources: resources)
        let state = try opening.state(store: store)
        let notices = opening.notices + themes.diagnostics.map(\.description)
        let configuration = ExplorerConfiguration(
            state: state, themes: themes,
            // Inference uses every core at background priority, so the interface still reacts at once.
            loadScorer: { name, precision, downloading in
                let locator = ModelLocator(fetcher: HubDownloader(settings: hubSettings) { progress in
                    downloading(ModelDownload(completedBytes: progress.completedBytes, totalBytes: progress.totalBytes, file: progress.file))
                })
                return try await ModelAccess.loadScorer(name, locator: locator, priority: .background, batchSize: Self.batchSize, precision: precision)
            },
            listModels: { ExplorerModels.choices(ModelLocator().listing()) },
            script: demo, trace: traceWriter, session: store, saveAtStart: opening.passagesGiven,
            notice: notices.first.map { StatusMessage(notices.count > 1 ? "\($0) (+\(notices.count - 1) more)" : $0, isError: true) },
            environment: environment)
        let app = await ExplorerApp(configuration: configuration)
        try await app.run()
    }
}
