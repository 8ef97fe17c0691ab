import Foundation
@testable import Pictures
import Testing

@Suite struct TextHeatMapTests {
    static let units: [(text: String, delta: Float)] = [
        ("Paris is the capital of France.", 2.5),
        ("It has <many> museums & cafés.", -0.5),
        ("Its mayor's office is at the Hôtel de Ville.", 0),
    ]

    @Test func heatMapIsWellFormedWithABandPerWordAndTheScale() {
        let svg = TextHeatMap.svg(units: Self.units, title: "capital of France · ms-marco", fullScore: 8.25)
        #expect(parseError(svg) == nil)
        #expect(svg.contains("capital of France · ms-marco"))
        #expect(svg.contains("full score 8.250"))
        #expect(svg.contains("&lt;many&gt;"))
        #expect(svg.contains("mayor&apos;s"))
        // Every word gets a band with its unit's difference as tooltip; 11 legend swatches.
        let words = Self.units.map { $0.text.split(separator: " ").count }.reduce(0, +)
        #expect(svg.components(separatedBy: "<title>+2.500 · Paris").count - 1 == 6)
        #expect(svg.components(separatedBy: "<rect").count - 1 == 1 + words + 11)
        #expect(svg.contains("+2.500") && svg.contains("-2.500"))
    }

    @Test func coloursRunFromRedThroughWhiteToBlue() {
        #expect(TextHeatMap.colour(1, largest: 1) == "#2166ac")
        #expect(TextHeatMap.colour(-1, largest: 1) == "#b2182b")
        #expect(TextHeatMap.colour(0, largest: 1) == "#ffffff")
        #expect(TextHeatMap.colour(.nan, largest: 1) == "#ffffff")
        #expect(TextHeatMap.colour(0.5, largest: 0) == "#ffffff")
        #expect(TextHeatMap.colour(0.5, largest: 1) == "#90b3d6")
    }

    @Test func wordsFlowIntoLinesAndAUnitsSpacesTakeItsColour() {
        let long = String(repeating: "x", count: TextHeatMap.lineLength + 5)
        let placed = TextHeatMap.layout([TextHeatMap.Unit(text: "one two", delta: 1), TextHeatMap.Unit(text: "three " + long, delta: -1)])
        #expect(placed.map(\.text) == ["one", "two", "three", String(long.prefix(TextHeatMap.lineLength)), "xxxxx"])
        #expect(placed.map(\.line) == [0, 0, 0, 1, 2])
        #expect(placed.map(\.column) == [0, 4, 8, 0, 0])
        // "one" carries the space before "two"; "two" does not carry the space before another unit.
        #expect(placed.map(\.length) == [4, 3, 5, TextHeatMap.lineLength, 5])
    }

    @Test func emptyInputStillDrawsAPicture() {
        let svg = TextHeatMap.svg(units: [(text: String, delta: Float)](), title: "", fullScore: .nan)
        #expect(parseError(svg) == nil)
        #expect(svg.contains("full score –"))
    }
}
