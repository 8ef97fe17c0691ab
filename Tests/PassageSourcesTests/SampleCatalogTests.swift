import Foundation
import Testing
import PassageSources
import TestSupport

@Suite("Shipped samples")
struct SampleCatalogTests {
    let catalog = SampleCatalog(directory: Fixtures.repositoryRoot.appendingPathComponent("Samples"))

    @Test func thereAreAtLeastSixSamples() throws {
        #expect(try catalog.names().count >= 6)
    }

    @Test func everySampleLoadsWithEightToFortyPassagesAndAQuery() throws {
        for name in try catalog.names() {
            let sample = try catalog.load(name: name)
            #expect((8...40).contains(sample.passages.count), "\(name): \(sample.passages.count) passages")
            #expect(!sample.title.isEmpty && sample.title != "\(name).jsonl", "\(name): no metadata title")
            #expect(sample.queries.count >= 2, "\(name): needs a default query and others")
            #expect(sample.warnings.isEmpty, "\(name): \(sample.warnings)")
            #expect(sample.passages.allSatisfy { !$0.text.isEmpty }, "\(name): empty passage")
            #expect(sample.passages.compactMap(\.label).allSatisfy { (0...3).contains($0) }, "\(name): label out of range")
        }
    }

    @Test func listSummarisesEverySample() throws {
        let summaries = try catalog.list()
        #expect(summaries.map(\.name) == (try catalog.names()))
        for summary in summaries {
            #expect(!summary.description.isEmpty, "\(summary.name): no description")
            #expect(!summary.query.isEmpty, "\(summary.name): no default query")
            #expect((8...40).contains(summary.passageCount))
        }
        #expect(summaries.filter(\.hasLabels).count >= 3)
    }

    @Test func defaultSampleIsNamedInTheDefaultFileAndHasAQuery() throws {
        let name = try #require(catalog.defaultName)
        let marker = try String(contentsOf: catalog.directory.appendingPathComponent("DEFAULT"), encoding: .utf8)
        #expect(name == marker.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(try catalog.load(name: name).queries.first?.isEmpty == false)
    }

    @Test func multilingualSampleMixesScriptsAndEmoji() throws {
        let text = try catalog.load(name: "multilingual").passages.map(\.text).joined(separator: "\n")
        let scripts: [(String, ClosedRange<UInt32>)] = [
            ("Hiragana", 0x3040...0x309F), ("CJK ideographs", 0x4E00...0x9FFF), ("Hangul", 0xAC00...0xD7AF),
            ("Arabic", 0x0600...0x06FF), ("Devanagari", 0x0900...0x097F), ("Cyrillic", 0x0400...0x04FF),
            ("Greek", 0x0370...0x03FF), ("Thai", 0x0E00...0x0E7F),
        ]
        let scalars = text.unicodeScalars.map(\.value)
        for (script, range) in scripts {
            #expect(scalars.contains(where: range.contains), "no \(script)")
        }
        #expect(scalars.contains(0x200D), "no zero-width joiner sequence")
        let regionalIndicators: ClosedRange<UInt32> = 0x1F1E6...0x1F1FF
        let skinTones: ClosedRange<UInt32> = 0x1F3FB...0x1F3FF
        #expect(scalars.contains(where: regionalIndicators.contains), "no flag")
        #expect(scalars.contains(where: skinTones.contains), "no skin-tone modifier")
        #expect(text.unicodeScalars.contains { $0.properties.isEmojiPresentation }, "no emoji")
    }

    @Test func longSampleHasPassagesBeyondTheModelLimit() throws {
        let passages = try catalog.load(name: "seasons").passages
        #expect(passages.filter { $0.text.count > 2_500 }.count >= 3)
    }

    @Test func unknownSampleListsTheAvailableOnes() throws {
        #expect {
            try catalog.load(name: "no-such-sample")
        } throws: { error in
            guard case .unknownSample(let name, let available)? = error as? PassageSourceError else { return false }
            return name == "no-such-sample" && available.contains("vaccines")
        }
    }

    @Test func defaultFallsBackToTheFirstSampleByName() throws {
        let files = try TemporaryFiles()
        _ = try files.write("b.jsonl", "{\"text\": \"x\"}\n")
        _ = try files.write("a.jsonl", "{\"text\": \"y\"}\n")
        _ = try files.write("DEFAULT", "missing\n")
        #expect(SampleCatalog(directory: files.directory).defaultName == "a")
    }
}
