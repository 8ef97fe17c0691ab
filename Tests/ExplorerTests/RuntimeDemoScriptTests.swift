import Testing
import Foundation
import Explorer

@Suite("Demo script")
struct RuntimeDemoScriptTests {
    @Test func parsesEveryKindOfStep() throws {
        let text = """
        # A short walk-through.

        query: why is the sky blue?
        Model 2 bm25
        maxlen 128
        maxlen 3 64
        theme high-contrast
        note: BM25 misses the paraphrase
        note:
        :sort pane1
        """
        let script = try DemoScript(parsing: text, file: "talk.txt")
        #expect(script.entries == [
            .init(step: .query("why is the sky blue?"), line: 3),
            .init(step: .model(pane: 2, scorer: "bm25"), line: 4),
            .init(step: .maxLength(pane: nil, tokens: 128), line: 5),
            .init(step: .maxLength(pane: 3, tokens: 64), line: 6),
            .init(step: .theme("high-contrast"), line: 7),
            .init(step: .note("BM25 misses the paraphrase"), line: 8),
            .init(step: .note(""), line: 9),
            .init(step: .command("sort pane1"), line: 10),
        ])
    }

    @Test func reportsEveryBadLineWithItsNumber() {
        let text = """
        query: fine
        query:
        model 7 bm25
        model two
        maxlen 0
        maxlen 2 128 9
        theme
        colour red
        summary: nope
        :
        """
        do {
            _ = try DemoScript(parsing: text, file: "talk.txt")
            Issue.record("the script should not parse")
        } catch let error as DemoScriptError {
            guard case .invalidLines(let file, let problems) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(file == "talk.txt")
            #expect(problems.map(\.line) == [2, 3, 4, 5, 6, 7, 8, 9, 10])
            let description = error.description.split(separator: "\n")
            #expect(description[0] == "talk.txt:2: 'query:' needs the query text after it")
            #expect(description[6].hasPrefix("talk.txt:8: unknown step 'colour'; expected 'query: TEXT'"))
            #expect(description[7].hasPrefix("talk.txt:9: unknown step 'summary:'"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func commandStepsAreCheckedWhenTheScriptIsRead() {
        do {
            _ = try DemoScript(parsing: "query: fine\n:sort sideways\n:frobnicate", file: "talk.txt")
            Issue.record("the script should not parse")
        } catch {
            let lines = "\(error)".split(separator: "\n")
            #expect(lines.count == 2)
            #expect(lines.first?.hasPrefix("talk.txt:2: usage: :sort") == true)
            #expect(lines.last?.hasPrefix("talk.txt:3: unknown command :frobnicate") == true)
        }
    }

    @Test func scriptWithoutStepsIsAnError() {
        #expect(throws: DemoScriptError.empty(file: "empty.txt")) { try DemoScript(parsing: "# nothing\n\n", file: "empty.txt") }
    }

    @Test func unreadableScriptNamesTheFile() {
        do {
            _ = try DemoScript(contentsOf: URL(fileURLWithPath: "/nonexistent/talk.txt"))
            Issue.record("reading should fail")
        } catch {
            #expect("\(error)".hasPrefix("/nonexistent/talk.txt: the demo script could not be read"))
        }
    }

    @Test func playerYieldsStepsAndTypingFrames() throws {
        let script = try DemoScript(parsing: "query: né 🙂\ntheme light", file: "talk.txt")
        var player = ScriptPlayer(script: script)
        let advanced = player.advance()
        let first = try #require(advanced)
        #expect(first.step == .query("né 🙂"))
        #expect(first.typing == ["n", "né", "né ", "né 🙂"])
        #expect(first.number == 1 && first.total == 2)
        let next = player.advance()
        let second = try #require(next)
        #expect(second.step == .theme("light") && second.typing.isEmpty && second.number == 2)
        #expect(player.isFinished)
        #expect(player.advance() == nil)
    }
}
