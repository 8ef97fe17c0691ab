import Foundation
import Testing
import PassageSources
import TestSupport

@Suite("Finding Samples/ and Themes/")
struct ResourceLocatorTests {
    @Test func rerankResourcesComesFirst() throws {
        let files = try TemporaryFiles()
        _ = try files.write("Samples/x.jsonl", "{\"text\": \"t\"}\n")
        _ = try files.write("Themes/dark.toml", "")
        let locator = ResourceLocator(
            environment: ["RERANK_RESOURCES": files.directory.path, "HOME": files.directory.path],
            executable: nil
        )
        #expect(locator.samplesDirectory?.standardizedFileURL == files.directory.appendingPathComponent("Samples").standardizedFileURL)
        #expect(locator.themesDirectory?.standardizedFileURL == files.directory.appendingPathComponent("Themes").standardizedFileURL)
        #expect(try SampleCatalog(locator: locator).names() == ["x"])
    }

    @Test func walksUpFromTheExecutablesRealPathToTheCheckout() throws {
        let files = try TemporaryFiles()
        let checkout = files.directory.appendingPathComponent("repo")
        _ = try files.write("repo/Package.swift", "// swift-tools-version: 6.1\n")
        _ = try files.write("repo/Samples/s.jsonl", "{\"text\": \"t\"}\n")
        let binary = try files.write("repo/.build/release/rerank", "")
        let link = files.directory.appendingPathComponent("bin/rerank")
        try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: binary)

        let locator = ResourceLocator(environment: ["HOME": files.directory.path], executable: link)
        let samples = try #require(locator.samplesDirectory)
        #expect(samples.resolvingSymlinksInPath() == checkout.appendingPathComponent("Samples").resolvingSymlinksInPath())
    }

    @Test func rerankHomeIsUsedWhenNothingEarlierMatches() throws {
        let files = try TemporaryFiles()
        _ = try files.write("home/Themes/light.toml", "")
        let home = files.directory.appendingPathComponent("home")
        let locator = ResourceLocator(environment: ["RERANK_HOME": home.path], executable: nil)
        #expect(locator.themesDirectory?.path == home.appendingPathComponent("Themes").path)
    }

    @Test func missingFolderGivesAMessageListingThePlacesSearched() throws {
        let files = try TemporaryFiles()
        let locator = ResourceLocator(
            environment: ["RERANK_RESOURCES": files.directory.path, "RERANK_HOME": files.directory.path],
            executable: nil
        )
        #expect(locator.firstDirectory(named: "NoSuchFolder") == nil)
        let message = locator.missingMessage(for: "NoSuchFolder")
        #expect(message.contains(files.directory.appendingPathComponent("NoSuchFolder").path))
        #expect(message.contains("RERANK_RESOURCES"))
    }

    @Test func theRunningTestsFindThisRepository() throws {
        let samples = try #require(ResourceLocator.current.samplesDirectory)
        #expect(FileManager.default.fileExists(atPath: samples.appendingPathComponent("DEFAULT").path))
    }
}
