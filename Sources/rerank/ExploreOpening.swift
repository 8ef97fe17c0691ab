import Explorer
import Foundation
import Inference
import ModelStore
import PassageSources
#if canImport(Glibc)
import Glibc
#endif

/// What the explorer opens with: a resumed session, or passages from files, standard input or a
/// sample, with the panes from `--model` or the defaults. Problems worth knowing but not fatal
/// (file warnings, a session set aside) are collected as `notices` for the status bar.
struct ExploreOpening {
    let command: Explore
    let themes: ThemeLibrary
    let resources: ResourceLocator
    private(set) var notices: [String] = []
    /// True when passages came from files or standard input (saved at once so they survive).
    private(set) var passagesGiven = false

    init(command: Explore, themes: ThemeLibrary, resources: ResourceLocator) {
        self.command = command
        self.themes = themes
        self.resources = resources
    }

    mutating func state(store: SessionStore<SessionSnapshot>) throws -> ExplorerState {
        if command.resume, let snapshot = try resumed(store) {
            return try resumedState(snapshot)
        }
        let collection = try passages()
        noteLimit(collection.passages.count, from: collection.title)
        let scorers = command.model.isEmpty ? ExplorerModels.defaultScorers(ModelLocator().listing()) : command.model
        return ExplorerState(passages: collection.passages, query: command.query ?? collection.queries.first ?? "",
                             scorers: scorers, title: collection.title, themeName: command.theme ?? Theme.defaultName,
                             themeNames: themes.names, presentation: command.present,
                             readingMode: try command.windowOptions.mode, precision: command.precision ?? .reference,
                             judged: collection.judged)
    }

    /// The saved session, or nil (with a notice) when there is none or it was set aside.
    private mutating func resumed(_ store: SessionStore<SessionSnapshot>) throws -> SessionSnapshot? {
        switch try store.load() {
        case .restored(let snapshot):
            return snapshot
        case .missing:
            notices.append("no saved session in \(store.fileURL.path); starting afresh")
            return nil
        case .setAside(let movedTo, _):
            notices.append("the saved session could not be read; it was set aside as \(movedTo.path)")
            return nil
        }
    }

    /// The session with the command line's changes: more passages, other panes, windows, precision, query or theme.
    private mutating func resumedState(_ saved: SessionSnapshot) throws -> ExplorerState {
        var snapshot = saved
        if !command.files.isEmpty { snapshot.passages += try fileCollection().passages }
        if !command.model.isEmpty { snapshot.panes = command.model.map { SessionSnapshot.PaneSnapshot(scorer: $0) } }
        // `--windows` and `--precision` apply to every model pane; BM25 has neither.
        let mode = command.windowOptions.windows == nil ? nil : try command.windowOptions.mode
        for index in snapshot.panes.indices where snapshot.panes[index].scorer.lowercased() != Scorers.bm25Name {
            if let mode { snapshot.panes[index].readingMode = mode }
            if let precision = command.precision { snapshot.panes[index].precision = precision }
        }
        if let query = command.query { snapshot.query = query }
        if let theme = command.theme { snapshot.theme = theme }
        if themes.theme(named: snapshot.theme) == nil { snapshot.theme = Theme.defaultName }
        noteLimit(snapshot.passages.count, from: "the session and the files")
        return ExplorerState(snapshot: snapshot, themeNames: themes.names, presentation: command.present)
    }

    /// Passages from a judged set named by the set options, else from the files, else standard
    /// input when it is not a terminal, else a sample.
    private mutating func passages() throws -> PassageCollection {
        if let source = try command.set.explorerSource(files: command.files) {
            passagesGiven = true
            let loaded = try command.set.load(source)
            let collection = try loaded.set.firstQueryPassages()
            notices += collection.warnings
            if let positives = loaded.positives { notices.append(positives.summary) }
            return collection
        }
        if !command.files.isEmpty {
            passagesGiven = true
            return try fileCollection()
        }
        if isatty(STDIN_FILENO) == 0 {
            do {
                let collection = try PassageSources.readStandardInput()
                passagesGiven = true
                notices += collection.warnings
                return collection
            } catch .noPassages {
                // Nothing was piped in (stdin is empty or closed): open a sample instead.
            }
        }
        return try sampleCollection()
    }

    private mutating func fileCollection() throws -> PassageCollection {
        var collections: [PassageCollection] = []
        for file in command.files {
            let collection = try PassageFiles.load(file, name: file)
            notices += collection.warnings
            collections.append(collection)
        }
        guard collections.count > 1 else { return collections[0] }
        return PassageCollection(title: "\(collections.count) files", queries: collections.flatMap(\.queries),
                                 passages: collections.flatMap(\.passages))
    }

    /// Says so when there are more passages than the explorer holds (it keeps the first).
    private mutating func noteLimit(_ count: Int, from source: String) {
        guard count > ExplorerState.maximumPassages else { return }
        notices.insert(ExplorerState.passageLimitNote(kept: ExplorerState.maximumPassages, of: count, from: source), at: 0)
    }

    /// The `--sample`, else the default one; no passages (with a notice) when there are no samples.
    private mutating func sampleCollection() throws -> PassageCollection {
        let catalog: SampleCatalog
        do {
            catalog = try SampleCatalog(locator: resources)
        } catch {
            if command.sample != nil { throw error }
            notices.append(error.description)
            return PassageCollection(title: "", passages: [])
        }
        guard let name = command.sample ?? catalog.defaultName else {
            notices.append("no samples in \(catalog.directory.path); paste text or press o to open a file")
            return PassageCollection(title: "", passages: [])
        }
        return try catalog.load(name: name)
    }
}
