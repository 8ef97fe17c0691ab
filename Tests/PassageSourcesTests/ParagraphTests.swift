import Testing
import PassageSources

@Suite("Pasted text")
struct ParagraphTests {
    @Test func blankLinesSeparateParagraphs() {
        let text = "first line\nsame paragraph\n\nsecond\n   \nthird"
        #expect(PassageSources.paragraphs(in: text) == ["first line same paragraph", "second", "third"])
    }

    @Test func singleLineIsOnePassage() {
        #expect(PassageSources.paragraphs(in: "  just one line  ") == ["just one line"])
    }

    @Test func whitespaceAloneGivesNothing() {
        #expect(PassageSources.paragraphs(in: "").isEmpty)
        #expect(PassageSources.paragraphs(in: "\n \n\t\r\n").isEmpty)
    }

    @Test func windowsLineEndingsAndInnerSpacing() {
        let text = "a  b\r\n  c\r\n\r\n\r\nd"
        #expect(PassageSources.paragraphs(in: text) == ["a  b c", "d"])
    }

    @Test func nonLatinTextAndEmojiSurvive() {
        let text = "ありがとう 🙏\n\n👨‍👩‍👧 🇯🇵"
        #expect(PassageSources.paragraphs(in: text) == ["ありがとう 🙏", "👨‍👩‍👧 🇯🇵"])
    }
}
