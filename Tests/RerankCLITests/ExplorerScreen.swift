/// The explorer's screen as tmux shows it, cut into its panes (the columns between the `│` borders).
struct ExplorerScreen {
    /// One ranked row of a pane: its rank, score and the first words of its passage.
    struct Row: Equatable {
        var rank: Int
        var score: Double?
        var words: [String]
        var isTruncated: Bool
    }

    let lines: [[Character]]
    /// Each pane's columns.
    let panes: [Range<Int>]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        let header = lines.count > 1 ? lines[1] : []
        let borders = header.indices.filter { header[$0] == "│" }
        // tmux leaves out trailing spaces, so the last pane runs to the longest line.
        let width = lines.map(\.count).max() ?? 0
        panes = header.isEmpty ? [] : zip([0] + borders.map { $0 + 1 }, borders + [width]).map { $0..<$1 }
    }

    static let spinner: Set<Character> = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    /// The text of a pane's columns on a line.
    func text(pane: Int, line: Int) -> String {
        guard lines.indices.contains(line), panes.indices.contains(pane) else { return "" }
        let row = lines[line]
        let columns = panes[pane].clamped(to: 0..<row.count)
        return String(row[columns])
    }

    /// The line where the preview of the selected passage starts (`── Passage …`), or the line count when it is not shown.
    var previewLine: Int {
        lines.firstIndex { $0.starts(with: "── Passage") } ?? lines.count
    }

    /// The ranked rows of a pane, top to bottom (rows below the header that start with a rank, above the preview).
    func rows(pane: Int) -> [Row] {
        (2..<max(2, previewLine)).compactMap { line in
            let words = text(pane: pane, line: line).split(separator: " ").map(String.init)
            guard words.count >= 4, let rank = Int(words[0]) else { return nil }
            return Row(rank: rank, score: Double(words[2]), words: Array(words.dropFirst(3)),
                       isTruncated: words.contains { $0.hasPrefix("✂") })
        }
    }

    /// True when no pane shows a spinner and every pane lists ranks 1…`count`.
    func everyPaneRanked(count: Int) -> Bool {
        !panes.isEmpty && !lines.joined().contains(where: Self.spinner.contains)
            && panes.indices.allSatisfy { rows(pane: $0).map(\.rank).sorted() == Array(1...count) }
    }
}
