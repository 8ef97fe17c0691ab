import Foundation
import Inference
import PassageSources

extension ExplorerApp {
    /// Performs the work the reducer asked for. Scoring effects are gathered and acted on once:
    /// right away when any asks for it, else after the debounce, else (a pane gone) by re-asking
    /// the engine for the panes that remain.
    func perform(_ effects: [Effect]) {
        var scoreNow = false, scoreLater = false, paneStopped = false
        for effect in effects {
            switch effect {
            case .quit: quitting = true
            case .loadScorer(let pane, let name, let precision): loadScorer(pane, name: name, precision: precision)
            case .score(_, let debounce): if debounce { scoreLater = true } else { scoreNow = true }
            case .scoreSet: scoreSet()
            case .cancelScoring: paneStopped = true
            case .loadReading(let pane, let passage): loadReading(pane, passage)
            case .explain(let request): onEngine { await $0.explain(request) }
            case .cancelExplain: onEngine { await $0.cancelExplain() }
            case .loadModelList: loadModelList()
            case .export(let url, let format): export(to: url, format: format)
            case .openFile(let url): openFile(url)
            case .cancelLoading: cancelLoading()
            case .setTheme(let name): palette = ResolvedPalette(theme: theme(named: name), depth: screen?.colorDepth ?? .monochrome)
            case .saveSession: autosaver?.submit(SessionSnapshot(state))
            }
        }
        if scoreNow {
            startScoring()
        } else if scoreLater {
            queryChanged()
        } else if paneStopped {
            if debouncer.deadline == nil { startScoring() } else { onEngine { await $0.cancel() } }
        }
    }

    /// Hands the query browser's unscored work to the engine, replacing the set work it had.
    private func scoreSet() {
        let items = state.setScoreItems()
        onEngine { await $0.scoreSet(items) }
        if !items.isEmpty, nextTick == nil { nextTick = .now + Self.tickInterval }
    }

    /// Applies an update that arrived after an `await` and redraws.
    private func deliver(_ update: EngineUpdate) {
        perform(state.apply(update))
        scheduleRedraw()
    }

    /// True while the pane still wants this scorer (it may have been given another model or precision meanwhile).
    private func pane(_ pane: PaneID, wants name: String, in precision: Precision) -> Bool {
        state.paneIndex(pane).map { state.panes[$0].scorerName == name && state.panes[$0].effectivePrecision == precision } ?? false
    }

    private func loadScorer(_ pane: PaneID, name: String, precision: Precision) {
        let engine = self.engine
        Task {
            do {
                let scorer = try await engine.scorer(named: name, precision: precision)
                guard self.pane(pane, wants: name, in: precision) else { return }
                deliver(.scorerReady(pane, scorer.info))
            } catch {
                guard self.pane(pane, wants: name, in: precision) else { return }
                deliver(.failed(pane, message: "\(error)"))
            }
        }
    }

    private func loadReading(_ pane: PaneID, _ passage: PassageID) {
        guard let request = state.readingRequest(pane: pane, passage: passage) else { return }
        let engine = self.engine
        Task {
            do {
                let scorer = try await engine.scorer(named: request.scorerName, precision: request.precision)
                let reading = await Task.detached {
                    scorer.reading(query: request.query, passage: request.text, maxLength: request.maxLength, mode: request.mode)
                }.value
                deliver(request.update(reading))
            } catch {
                deliver(.status(StatusMessage("\(request.scorerName): \(error)", isError: true)))
            }
        }
    }

    private func loadModelList() {
        let list = configuration.listModels
        Task {
            let choices = await Task.detached { list() }.value
            deliver(.modelList(choices))
        }
    }

    /// Reads the file on a task of its own, stopping the one under way; its progress and its
    /// passages come back to the main actor, unless the load has been stopped meanwhile.
    private func openFile(_ url: URL) {
        cancelLoading()
        let (reports, progress) = AsyncStream<(read: Int, total: Int)>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let reading = Task.detached(priority: .userInitiated) { () -> Result<PassageCollection, PassageSourceError> in
            defer { progress.finish() }
            do throws(PassageSourceError) {
                return .success(try PassageSources.load(contentsOf: url) { progress.yield(($0, $1)) })
            } catch {
                return .failure(error)
            }
        }
        fileLoad = Task {
            await withTaskCancellationHandler {
                for await report in reports where !Task.isCancelled {
                    deliver(.loadProgress(bytesRead: report.read, totalBytes: report.total))
                }
                let loaded = await reading.value
                guard !Task.isCancelled else { return }
                fileLoad = nil
                switch loaded {
                case .success(let collection): deliver(.passagesLoaded(collection))
                case .failure(let error): deliver(.loadFailed(error.description))
                }
            } onCancel: {
                reading.cancel()
            }
        }
    }

    private func cancelLoading() {
        fileLoad?.cancel()
        fileLoad = nil
    }

    private func export(to url: URL, format: ExportFormat) {
        let text = ComparisonExport.render(state, format: format)
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
            perform(state.apply(.status(StatusMessage("wrote the comparison to \(url.path)"))))
        } catch {
            perform(state.apply(.status(StatusMessage("\(url.path): the export could not be written (\(error.localizedDescription))",
                                                      isError: true))))
        }
    }
}
