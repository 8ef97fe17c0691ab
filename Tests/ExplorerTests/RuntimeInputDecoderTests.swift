import Testing
import Explorer

/// Raw inputs for the characters of a string, as `wget_wch` delivers them one by one.
private func characters(_ text: String) -> [RawInput] {
    text.unicodeScalars.map { .character($0.value) }
}

private func decode(_ inputs: [RawInput]) -> [InputEvent] {
    var decoder = InputDecoder()
    return decoder.feed(inputs)
}

@Suite("Input decoder")
struct RuntimeInputDecoderTests {
    @Test func printableAndWideCharactersBecomeCharacters() {
        #expect(decode(characters("aé日🙂")) == [.character("a"), .character("é"), .character("日"), .character("🙂")])
    }

    @Test func controlCodesBecomeChordsAndNamedKeys() {
        let inputs: [RawInput] = [.character(1), .character(3), .character(23), .character(13), .character(10),
                                  .character(9), .character(127), .character(8), .character(31)]
        #expect(decode(inputs) == [.control("a"), .control("c"), .control("w"), .key(.enter), .key(.enter),
                                   .key(.tab), .key(.backspace), .key(.backspace), .control("_")])
    }

    @Test func cursesKeyCodesBecomeKeys() {
        let inputs: [RawInput] = [.keyCode(CursesKeyCode.up), .keyCode(CursesKeyCode.home), .keyCode(CursesKeyCode.end),
                                  .keyCode(CursesKeyCode.backTab), .keyCode(CursesKeyCode.f0 + 1),
                                  .keyCode(CursesKeyCode.f0 + 12), .keyCode(CursesKeyCode.deleteCharacter),
                                  .keyCode(CursesKeyCode.nextPage), .keyCode(CursesKeyCode.find), .keyCode(0o777)]
        #expect(decode(inputs) == [.key(.up), .key(.home), .key(.end), .key(.backTab), .key(.f1), .key(.f12),
                                   .key(.delete), .key(.pageDown), .key(.home)])
    }

    @Test func untranslatedXtermSequencesBecomeKeys() {
        let text = "\u{1B}[H\u{1B}[F\u{1B}[1~\u{1B}[4~\u{1B}OH\u{1B}[Z\u{1B}[1;5C\u{1B}OP\u{1B}[15~\u{1B}[24~\u{1B}[3~"
        #expect(decode(characters(text)) == [.key(.home), .key(.end), .key(.home), .key(.end), .key(.home),
                                             .key(.backTab), .key(.right), .key(.f1), .key(.f5), .key(.f12),
                                             .key(.delete)])
    }

    @Test func loneEscapeIsTheEscapeKeyOnlyOnceInputPauses() {
        var decoder = InputDecoder()
        #expect(decoder.feed([.character(0x1B)]).isEmpty)
        #expect(decoder.isAwaitingMore)
        #expect(decoder.flushPending() == [.key(.escape)])
        #expect(!decoder.isAwaitingMore)
    }

    @Test func altChordIsEscapeThenTheCharacter() {
        #expect(decode(characters("\u{1B}x")) == [.key(.escape), .character("x")])
        #expect(decode(characters("\u{1B}\u{1B}[A")) == [.key(.escape), .key(.up)])
    }

    @Test func unfinishedSequenceIsFlushedAsTyped() {
        var decoder = InputDecoder()
        #expect(decoder.feed(characters("\u{1B}[1")).isEmpty)
        #expect(decoder.flushPending() == [.key(.escape), .character("["), .character("1")])
    }

    @Test func keyCodeInterruptingAnEscapeEndsIt() {
        #expect(decode([.character(0x1B), .keyCode(CursesKeyCode.down)]) == [.key(.escape), .key(.down)])
    }

    @Test func unknownSequencesAreDropped() {
        #expect(decode(characters("\u{1B}[I\u{1B}[99~a")) == [.character("a")])
    }

    @Test func bracketedPasteBecomesOneEvent() {
        let events = decode(characters("x\u{1B}[200~first line\r\nsecond\rthird\u{1B}[201~y"))
        #expect(events == [.character("x"), .paste("first line\nsecond\nthird"), .character("y")])
    }

    @Test func pasteMarkersSplitAcrossReadsAreRecognised() {
        var decoder = InputDecoder()
        var events: [InputEvent] = []
        for chunk in ["\u{1B}", "[20", "0~pa", "ste\u{1B}", "[2", "01", "~"] {
            events += decoder.feed(characters(chunk))
            if chunk != "~" { #expect(decoder.isAwaitingMore) }
        }
        #expect(events == [.paste("paste")])
        #expect(!decoder.isAwaitingMore)
    }

    @Test func pasteKeepsEscapeLookalikesAsText() {
        let events = decode(characters("\u{1B}[200~a\u{1B}[20x\u{1B}\u{1B}[201~"))
        #expect(events == [.paste("a[20x")])
    }

    @Test func pasteIgnoresKeysAndControlCodesButKeepsTabs() {
        let inputs = characters("\u{1B}[200~a\t\u{7}b") + [.keyCode(CursesKeyCode.up), .keyCode(CursesKeyCode.enter)]
            + characters("c\u{1B}[201~")
        #expect(decode(inputs) == [.paste("a\tb\nc")])
    }

    @Test func unfinishedPasteIsDeliveredOnFlush() {
        var decoder = InputDecoder()
        #expect(decoder.feed(characters("\u{1B}[200~partial\u{1B}[2")).isEmpty)
        #expect(decoder.isInPaste)
        #expect(decoder.flushPending() == [.paste("partial[2")])
        #expect(!decoder.isInPaste)
    }

    @Test func cursesMouseReportsBecomeMouseEvents() {
        let inputs: [RawInput] = [
            .mouse(MouseReport(column: 3, row: 4, buttonState: CursesMouseMask.button1Pressed)),
            .mouse(MouseReport(column: 3, row: 4, buttonState: CursesMouseMask.button1Released)),
            .mouse(MouseReport(column: 1, row: 2, buttonState: CursesMouseMask.button4Pressed)),
            .mouse(MouseReport(column: 1, row: 2, buttonState: CursesMouseMask.button5Pressed)),
            .mouse(MouseReport(column: 1, row: 2, buttonState: 1 << 28)),
            .mouse(MouseReport(column: 7, row: 8, buttonState: CursesMouseMask.button1Clicked)),
        ]
        #expect(decode(inputs) == [
            .mouse(MouseEvent(action: .press, column: 3, row: 4)),
            .mouse(MouseEvent(action: .release, column: 3, row: 4)),
            .mouse(MouseEvent(action: .wheelUp, column: 1, row: 2)),
            .mouse(MouseEvent(action: .wheelDown, column: 1, row: 2)),
            .mouse(MouseEvent(action: .press, column: 7, row: 8)),
            .mouse(MouseEvent(action: .release, column: 7, row: 8)),
        ])
    }

    @Test func sgrMouseSequencesBecomeMouseEvents() {
        let events = decode(characters("\u{1B}[<0;10;5M\u{1B}[<0;10;5m\u{1B}[<64;1;1M\u{1B}[<65;2;2M\u{1B}[<35;3;3M"))
        #expect(events == [
            .mouse(MouseEvent(action: .press, column: 9, row: 4)),
            .mouse(MouseEvent(action: .release, column: 9, row: 4)),
            .mouse(MouseEvent(action: .wheelUp, column: 0, row: 0)),
            .mouse(MouseEvent(action: .wheelDown, column: 1, row: 1)),
        ])
    }

    @Test func resizeIsPassedThrough() {
        #expect(decode([.resize(width: 60, height: 15), .character(0x71)]) == [.resize(width: 60, height: 15), .character("q")])
    }
}
