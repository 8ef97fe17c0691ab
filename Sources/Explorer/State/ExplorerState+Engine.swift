import Inference
import PassageSources

extension ExplorerState {
    /// Takes in a result or piece of news from the runtime; returns any work it leads to.
    public mutating func apply(_ update: EngineUpdate) -> [Effect] {
        let before = checkpoint
        var effects: [Effect] = []
        switch update {
        case .scorerReady(let id, let info):
            guard let index = paneIndex(id) else { break }
            panes[index].info = info
            panes[index].error = nil
            panes[index].download = nil
        case .scoringStarted(let id, let query, let total):
            guard let index = paneIndex(id) else { break }
            panes[index].scores = [:]
            panes[index].scoredQuery = query
            panes[index].progress = ScoringProgress(completed: 0, total: total)
            panes[index].isScoring = true
            panes[index].error = nil
            // While the query is being typed, a fresh ranking is shown from its top.
            if focus == .query { panes[index].scrollOffset = 0 }
            refreshRanking(ofPane: index)
        case .batch(let id, let query, let scores, let completed, let total):
            guard let index = paneIndex(id), panes[index].scoredQuery == query else { break }
            for (passage, score) in scores where passageIndex[passage] != nil {
                panes[index].scores[passage] = score
            }
            panes[index].progress = ScoringProgress(completed: completed, total: total)
            refreshRanking(ofPane: index)
        case .scoringFinished(let id, let query):
            guard let index = paneIndex(id), panes[index].scoredQuery == query else { break }
            panes[index].isScoring = false
            panes[index].progress.completed = panes[index].progress.total
            if focus == .lists { revealSelection() }
        case .failed(let id, let message):
            guard let index = paneIndex(id) else { break }
            panes[index].isScoring = false
            panes[index].error = message
            panes[index].download = nil
            // A pane whose scorer never loaded (no such model, a precision the CPU cannot run) is of no use until
            // changed: the status bar, wider than the pane's header, says why in full.
            if panes[index].info == nil { status = StatusMessage("pane \(index + 1): \(message)", isError: true) }
        case .downloading(let scorer, let download):
            for index in panes.indices where panes[index].scorerName == scorer && panes[index].info == nil {
                panes[index].download = download
            }
        case .reading(let pane, let passage, let query, let maxLength, let mode, let reading):
            detailReading = DetailReading(pane: pane, passage: passage, query: query, maxLength: maxLength, mode: mode, reading: reading)
        case .explanation(let update):
            applyExplanation(update)
        case .modelList(let choices):
            var list = choices
            if !list.contains(where: { $0.name == Scorers.bm25Name }) {
                list.append(ModelChoice(name: Scorers.bm25Name, kind: .lexical, summary: "Okapi BM25 over the passages shown"))
            }
            modelChoices = list
        case .passagesLoaded(let collection):
            loading = nil
            if let judged = collection.judged {
                openBrowser(on: judged.set)
                status = loadedStatus(collection, "\(judged.set.name): \(browser?.queries.count ?? 0) queries · Enter opens one in the panes")
                break
            }
            let room = roomForPassages
            let hadPassages = !passages.isEmpty
            effects = addPassages(collection.passages)
            if title.isEmpty || !hadPassages { title = collection.title }
            if query.isEmpty, let first = collection.queries.first {
                query.set(first)
                effects = scoreAll(debounce: false)
            }
            if collection.passages.count > room {
                status = StatusMessage(Self.passageLimitNote(kept: room, of: collection.passages.count, from: collection.title), isError: true)
            } else {
                status = loadedStatus(collection, "added \(collection.passages.count) passages from \(collection.title)")
            }
        case .loadProgress(let bytesRead, let totalBytes):
            guard loading != nil, bytesRead >= loading?.bytesRead ?? 0 else { break }
            loading?.bytesRead = bytesRead
            loading?.totalBytes = totalBytes
        case .loadFailed(let message):
            loading = nil
            status = StatusMessage(message, isError: true)
        case .setScored(let set, let query, let scorer, let scores):
            guard browser?.id == set else { break }
            browser?.record(query: query, scorer: scorer, scores: scores)
            revealBrowserSelection()
        case .setFailed(let set, let scorer, let message):
            guard browser?.id == set else { break }
            browser?.failures[scorer] = message
        case .status(let message):
            status = message
        case .tick:
            if isBusy { spinnerFrame &+= 1 }
        }
        return effects + followUps(since: before)
    }

    /// The status after loading: the collection's first warning (and how many more), else `message`.
    private func loadedStatus(_ collection: PassageCollection, _ message: String) -> StatusMessage {
        let warnings = collection.warnings
        guard let first = warnings.first else { return StatusMessage(message) }
        return StatusMessage(first + (warnings.count > 1 ? " (+\(warnings.count - 1) more)" : ""), isError: true)
    }

    /// What the reducer compares before and after a change to know the work it leads to. It is taken
    /// before and after every event, so it costs no copy of the passages: an unchanged list is the
    /// same array, which compares at once.
    struct Checkpoint {
        /// The saved part of the state but its passages.
        var session: SessionSnapshot
        var passages: [ExplorerPassage]
        /// The query browser's set and the scorer keys its columns need.
        var setWork: SetWork?
        /// What the why view wants explained.
        var explain: ExplainKey?
    }

    /// The judged set being scored in the background and with which scorers.
    struct SetWork: Hashable {
        var set: Int
        var scorers: Set<ScorerKey>
    }

    var checkpoint: Checkpoint {
        Checkpoint(session: SessionSnapshot(settingsOf: self), passages: passages, setWork: browser.map { SetWork(set: $0.id, scorers: Set(scorerKeys)) },
                   explain: wantedExplanation?.key)
    }

    /// `.saveSession` when the saved part of the state differs from `before`; `.scoreSet` when the
    /// query browser has a new set or its panes other scorers, so the background work follows;
    /// `.explain` or `.cancelExplain` when the why view wants another explanation or none.
    func followUps(since before: Checkpoint) -> [Effect] {
        let now = checkpoint
        var effects: [Effect] = now.session == before.session && now.passages == before.passages ? [] : [.saveSession]
        if let work = now.setWork, work != before.setWork { effects.append(.scoreSet) }
        if now.explain != before.explain {
            effects.append(wantedExplanation.map(Effect.explain) ?? .cancelExplain)
        }
        return effects
    }
}
