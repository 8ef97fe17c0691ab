import Foundation
import Pictures
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses `svg` as XML; the error, if any, in one line.
func parseError(_ svg: String) -> String? {
    let parser = XMLParser(data: Data(svg.utf8))
    return parser.parse() ? nil : String(describing: parser.parserError)
}

@Suite struct SVGDocumentTests {
    @Test func escapesMarkupInTextAndAttributes() {
        #expect(SVGDocument.escaped("a & b < c > d \" e ' f") == "a &amp; b &lt; c &gt; d &quot; e &apos; f")
        #expect(SVGDocument.escaped("tab\there\u{1}bell\nline") == "tab herebell line")
    }

    @Test func documentIsWellFormedWithEveryElement() {
        var document = SVGDocument(width: 200, height: 100)
        document.rect(x: 1, y: 2, width: 30, height: 40, fill: "#ff0000", tooltip: "<rect> & 'more'")
        document.line(x1: 0, y1: 0, x2: 10, y2: 10, stroke: "#000000", width: 2, opacity: 0.5)
        document.text("Tom & Jerry's \"<show>\"", x: 5, y: 50, size: 12, anchor: "middle", tooltip: "a > b")
        let svg = document.rendered()
        #expect(parseError(svg) == nil)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200.0\" height=\"100.0\""))
        #expect(svg.contains("<rect x=\"1.0\" y=\"2.0\" width=\"30.0\" height=\"40.0\" fill=\"#ff0000\"><title>&lt;rect&gt; &amp; &apos;more&apos;</title></rect>"))
        #expect(svg.contains("<line x1=\"0.0\" y1=\"0.0\" x2=\"10.0\" y2=\"10.0\" stroke=\"#000000\" stroke-width=\"2.0\" stroke-opacity=\"0.50\"/>"))
        #expect(svg.contains(">Tom &amp; Jerry&apos;s &quot;&lt;show&gt;&quot;<title>a &gt; b</title></text>"))
        #expect(svg.hasSuffix("</svg>\n"))
    }

    @Test func numbersThatAreNotFiniteAreWrittenAsZero() {
        #expect(SVGDocument.number(.nan) == "0.0")
        #expect(SVGDocument.number(.infinity) == "0.0")
        #expect(SVGDocument.number(2.25, decimals: 2) == "2.25")
    }
}
