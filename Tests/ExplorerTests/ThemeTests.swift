import Explorer
import Foundation
import Testing
import TestSupport

/// Theme files, their parser and colour resolution.
@Suite struct ThemeTests {
    private var themesFolder: URL { Fixtures.repositoryRoot.appendingPathComponent("Themes") }

    @Test func everyThemeInTheFolderLoadsWithoutWarnings() {
        let library = ThemeLibrary(directory: themesFolder)
        #expect(library.diagnostics.isEmpty, "\(library.diagnostics)")
        #expect(library.names == ["dark", "high-contrast", "light", "mono", "solarized-dark"])
        for theme in library.themes { #expect(!theme.summary.isEmpty, "\(theme.name) has a description") }
    }

    @Test(arguments: ["dark", "light", "high-contrast", "solarized-dark", "mono"])
    func eachThemeNamesEveryRoleItself(name: String) throws {
        let text = try String(contentsOf: themesFolder.appendingPathComponent("\(name).toml"), encoding: .utf8)
        for role in ColorRole.allCases {
            #expect(text.contains("\n\(role.rawValue) "), "\(name).toml names \(role.rawValue)")
        }
        let (theme, diagnostics) = ThemeParser.parse(text, name: name, file: "\(name).toml")
        #expect(diagnostics.isEmpty)
        #expect(theme.name == name)
    }

    @Test func darkTomlStatesTheBuiltInDefault() throws {
        let (theme, _) = ThemeParser.load(contentsOf: themesFolder.appendingPathComponent("dark.toml"))
        #expect(theme.styles == Theme.dark.styles)
        #expect(theme.summary == Theme.dark.summary)
    }

    @Test func badLinesAreReportedWithFileAndLineAndTheDefaultIsUsed() {
        let text = """
        # a broken theme
        text = "#112233"
        background = "#12345"
        sparkle = "#ffffff"
        match = "#ffd75f blink"
        accent = #00ff00
        """
        let (theme, diagnostics) = ThemeParser.parse(text, name: "broken", file: "Themes/broken.toml")
        let messages = diagnostics.map(\.description)
        #expect(messages.contains { $0.hasPrefix("Themes/broken.toml:3: background: bad colour \"#12345\"") })
        #expect(messages.contains { $0.hasPrefix("Themes/broken.toml:4: unknown key sparkle") })
        #expect(messages.contains { $0.hasPrefix("Themes/broken.toml:5: match: unknown attribute blink") })
        #expect(messages.contains { $0.hasPrefix("Themes/broken.toml:6: expected key = \"value\"") })
        #expect(messages.contains("Themes/broken.toml: no colour for cursor; using the default theme's"))
        #expect(theme.color(for: .text) == RGB(packed: 0x112233))
        #expect(theme.color(for: .background) == Theme.dark.color(for: .background))
        #expect(theme.color(for: .match) == Theme.dark.color(for: .match))
        #expect(theme.attributes(for: .match) == Theme.dark.attributes(for: .match))
    }

    @Test func attributesAndTrailingCommentsParse() {
        let (theme, diagnostics) = ThemeParser.parse("match = \"#FFD75F bold underline\"  # loud\r\nerror = \"#ff0000 reverse\"\n",
                                                     name: "t", file: "t.toml")
        #expect(diagnostics.allSatisfy { $0.line == nil })
        #expect(theme.color(for: .match) == RGB(red: 0xFF, green: 0xD7, blue: 0x5F))
        #expect(theme.attributes(for: .match) == [.bold, .underline])
        #expect(theme.attributes(for: .error) == .reverse)
    }

    @Test func aMissingFolderLeavesTheBuiltInTheme() {
        let library = ThemeLibrary(directory: URL(fileURLWithPath: "/nonexistent/Themes"))
        #expect(library.names == ["dark"])
        #expect(library.diagnostics.count == 1)
        #expect(ThemeLibrary(directory: nil).theme(named: "dark") == Theme.dark)
    }

    @Test func hexColoursParseAndPrint() {
        #expect(RGB(hex: "#1c1C1c") == RGB(red: 0x1C, green: 0x1C, blue: 0x1C))
        #expect(RGB(hex: "1c1c1c") == nil)
        #expect(RGB(hex: "#1c1c1g") == nil)
        #expect(RGB(packed: 0x00AF5F).description == "#00af5f")
    }

    @Test func coloursDegradeTo256And16() {
        #expect(XtermPalette.nearest256(RGB(packed: 0xFF0000)) == 196)
        #expect(XtermPalette.nearest256(RGB(packed: 0x5FAFFF)) == 75)
        #expect(XtermPalette.nearest256(RGB(packed: 0x1C1C1C)) == 234)
        #expect(XtermPalette.nearest256(RGB(packed: 0x808080)) == 244)
        #expect(XtermPalette.color(ofIndex: 75) == RGB(packed: 0x5FAFFF))
        #expect(XtermPalette.color(ofIndex: 244) == RGB(packed: 0x808080))
        #expect(XtermPalette.nearest16(RGB(packed: 0x1C1C1C)) == 0)
        #expect(XtermPalette.nearest16(RGB(packed: 0xFF5F5F)) == 9)
        #expect(XtermPalette.nearest16(RGB(packed: 0xD0D0D0)) == 7)
        #expect(XtermPalette.nearest16(RGB(packed: 0x87D787)) == 2, "pastel green stays green")
        #expect(XtermPalette.nearest16(RGB(packed: 0x5FAFFF)) == 6, "sky blue to cyan")
    }

    @Test func depthFollowsTheEnvironmentAndTerminfo() {
        #expect(ColorDepth.detect(environment: ["NO_COLOR": "1"], terminalColors: 1 << 24) == .monochrome)
        #expect(ColorDepth.detect(environment: ["NO_COLOR": ""], terminalColors: 256) == .xterm256)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], terminalColors: 256) == .xterm256)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 1 << 24) == .trueColor)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 8) == .ansi16)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 2) == .monochrome)
    }

    @Test func paletteResolvesCellsPerDepth() {
        let cell = Cell(text: "x", foreground: .match, background: .selection)
        let truecolor = ResolvedPalette(theme: .dark, depth: .trueColor)
        #expect(truecolor.colors(for: cell) == (0xFFD75F, 0x264F78))
        #expect(truecolor.attributes(for: cell) == .bold, "the theme's bold for the match role")
        let indexed = ResolvedPalette(theme: .dark, depth: .xterm256)
        #expect(indexed.colorNumber(for: .match) == XtermPalette.nearest256(RGB(packed: 0xFFD75F)))
        let black = Cell(text: "x", foreground: .text, background: .background)
        let highContrast = Theme(name: "black", styles: [.background: RoleStyle(RGB(packed: 0))])
        #expect(ResolvedPalette(theme: highContrast, depth: .trueColor).colors(for: black).background == 8,
                "direct colour 0–7 would be read as ANSI colours")
        let mono = ResolvedPalette(theme: .dark, depth: .monochrome)
        #expect(mono.colors(for: cell) == (-1, -1))
        #expect(mono.attributes(for: cell) == [.bold, .underline, .reverse])
    }
}
