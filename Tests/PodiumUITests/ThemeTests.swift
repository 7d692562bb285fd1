import Foundation
import Testing
@testable import PodiumUI

/// A complete theme in the inline-table form, with `extra` appended.
private func themeSource(_ extra: String = "", skipping skipped: Set<Role> = []) -> String {
    let roles = Role.allCases.filter { !skipped.contains($0) }.map { "\($0.rawValue) = { fg = \"white\" }" }
    return (["name = \"t\"", "description = \"test\"", "[roles]"] + roles).joined(separator: "\n") + "\n" + extra
}

private func parseError(_ source: String, file: String = "themes/bad.toml") -> String? {
    do {
        _ = try Theme.parse(source, file: file)
        return nil
    } catch {
        return error.description
    }
}

@Suite("Theme files")
struct ThemeParsingTests {
    @Test func shippedThemesParseAndAreListed() throws {
        let listed = listThemes(in: themesDirectory)
        #expect(listed.map(\.name) == ["colorblind", "default", "high-contrast", "light", "mono"])
        for info in listed {
            #expect(info.error == nil, "\(info.path): \(info.description)")
            #expect(!info.description.isEmpty)
            #expect(info.previewLine.hasPrefix("gold "))
            #expect(URL(fileURLWithPath: info.path).deletingPathExtension().lastPathComponent == info.name)
        }
        let theme = try Theme.named("default", in: themesDirectory)
        #expect(theme[.gold] == RoleStyle(foreground: .rgb(0xFF, 0xD7, 0x00), attributes: .bold))
        #expect(theme[.highlight].background == .rgb(0x5F, 0xD7, 0xFF))
    }

    @Test func builtInThemeExistsWithoutADirectory() throws {
        #expect(Theme.builtIn.name == "built-in")
        #expect(try Theme.named("default", in: "/nonexistent/themes") == Theme.builtIn)
        #expect(listThemes(in: "/nonexistent/themes").isEmpty)
        #expect(throws: ThemeError.self) { try Theme.named("nope", in: themesDirectory) }
        #expect(throws: ThemeError.self) { try Theme.named("../themes/default", in: themesDirectory) }
    }

    @Test func tablesAndInlineTablesBothWork() throws {
        let source = """
            # comment
            name = 'tables'   # literal string
            description = "Two forms \\u4E2D"

            [roles.gold]
            fg = "#FFD700"
            bg = 16
            bold = true
            underline = false

            [roles]
            \(Role.allCases.filter { $0 != .gold }.map { "\($0.rawValue) = { fg = \"bright-red\", dim = true }" }.joined(separator: "\n"))
            """
        let theme = try Theme.parse(source, file: "tables.toml")
        #expect(theme.name == "tables")
        #expect(theme.description == "Two forms 中")
        #expect(theme[.gold] == RoleStyle(foreground: .rgb(255, 215, 0), background: .index(16), attributes: .bold))
        #expect(theme[.muted] == RoleStyle(foreground: .index(9), attributes: .dim))
        #expect(theme.resolve(Style(.gold, .reverse)).attributes == [.bold, .reverse])
    }

    @Test("errors name the file and line", arguments: [
        (themeSource("golden = { fg = \"red\" }"), "themes/bad.toml:23: unknown role 'golden'"),
        (themeSource("[roles.gold]"), "themes/bad.toml:23: role 'gold' defined twice (first on line 9)"),
        (themeSource("[colors]"), "themes/bad.toml:23: unknown table [colors]"),
        (themeSource("[roles.x]\n"), "themes/bad.toml:23: unknown role 'x'"),
        (themeSource(skipping: [.tickerBg, .ok]), "themes/bad.toml:21: missing roles: ok, tickerBg"),
        ("description = \"d\"\n[roles]", "themes/bad.toml:2: missing key 'name'"),
        ("name = \"a\"\nname = \"b\"", "themes/bad.toml:2: key 'name' given twice (first on line 1)"),
        ("name = \"a\nb\"", "themes/bad.toml:1: unterminated string"),
        ("name = a", "themes/bad.toml:1: unexpected 'a': strings need quotes"),
        ("name = \"a\" extra", "themes/bad.toml:1: unexpected 'e' after the value"),
        ("colour = \"red\"", "themes/bad.toml:1: unknown key 'colour'"),
        ("\n\n[roles]\ngold = { fg = \"#FFD70\" }", "themes/bad.toml:4: 'fg' has invalid colour \"#FFD70\""),
        ("[roles]\ngold = { fg = 300 }", "themes/bad.toml:2: 'fg' palette index 300 is outside 0–255"),
        ("[roles]\ngold = { fg = \"red\", }", "themes/bad.toml:2: trailing comma before '}'"),
        ("[roles]\ngold = { shiny = true }", "themes/bad.toml:2: unknown key 'shiny'"),
        ("[roles]\ngold = { bold = 1 }", "themes/bad.toml:2: 'bold' must be true or false, not an integer"),
        ("[roles]\ngold = { bold = true, bold = false }", "themes/bad.toml:2: key 'bold' given twice for role 'gold'"),
        ("[roles]\ngold = \"red\"", "themes/bad.toml:2: role 'gold' must be an inline table"),
        ("[roles.gold]\nfg = \"red\"\nfg = \"blue\"", "themes/bad.toml:3: key 'fg' given twice for role 'gold'"),
        ("[roles]\ngold = { fg = { x = 1 } }", "themes/bad.toml:2: nested inline tables are not used"),
        ("[[roles]]", "themes/bad.toml:1: arrays of tables ([[...]]) are not used"),
        ("name = [1]", "themes/bad.toml:1: arrays are not used"),
        ("name = \"\\q\"", "themes/bad.toml:1: unknown escape '\\q' in string"),
        ("[roles", "themes/bad.toml:1: expected ']' to close the table header"),
        ("= 1", "themes/bad.toml:1: expected a key, found '='"),
        ("\"name\" = 1", "themes/bad.toml:1: quoted keys are not used"),
        ("name = 1.5", "themes/bad.toml:1: unsupported number"),
    ])
    func errorsNameFileAndLine(source: String, expected: String) {
        let message = parseError(source)
        #expect(message?.hasPrefix(expected) == true, "got: \(message ?? "no error")")
    }

    @Test func unreadableAndBrokenFilesAreReported() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("podium-theme-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try themeSource().write(to: directory.appendingPathComponent("good.toml"), atomically: true, encoding: .utf8)
        try "name = \"broken\"\n[roles]\ngold = {".write(to: directory.appendingPathComponent("broken.toml"),
                                                       atomically: true, encoding: .utf8)
        try "not a theme".write(to: directory.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)

        let listed = listThemes(in: directory.path)
        #expect(listed.map(\.name) == ["broken", "t"])
        let brokenPath = directory.appendingPathComponent("broken.toml").path
        #expect(listed[0].error?.line == 3)
        #expect(listed[0].description.hasPrefix("\(brokenPath):3: expected a key, found end of line"))
        #expect(listed[1].error == nil)

        #expect(throws: ThemeError.self) { try Theme.load(path: directory.appendingPathComponent("none.toml").path) }
        do {
            _ = try Theme.named("missing", in: directory.path)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == nil)
            #expect(error.description.contains("no theme named 'missing' (available: broken, t)"))
        }
    }

    @Test func monoThemeTellsMedalsApartWithoutColour() throws {
        let mono = try Theme.named("mono", in: themesDirectory)
        for role in Role.allCases {
            #expect(mono[role].foreground == .default && mono[role].background == .default)
        }
        let medals = [Role.gold, .silver, .bronze, .excellence].map { mono[$0].attributes }
        #expect(Set(medals.map(\.rawValue)).count == 4)
        #expect(mono[.highlight].attributes.contains(.reverse))
    }

    @Test func colorblindThemeUsesDistinctMedalColoursAndText() throws {
        let theme = try Theme.named("colorblind", in: themesDirectory)
        let colours = MedalBadge.allCases.map { theme[$0.role].foreground }
        #expect(Set(colours).count == 4)
        #expect(Set(MedalBadge.allCases.map(\.symbol)).count == 4)
        #expect(MedalBadge.allCases.allSatisfy { TextWidth.width(of: $0.symbol) == 2 })
        #expect(MedalBadge.gold.label == "金 Gold")
    }
}

@Suite("Colour")
struct ColorTests {
    @Test func parsesNamesHexAndDefault() {
        #expect(ThemeColor(name: "red") == .index(1))
        #expect(ThemeColor(name: "bright-white") == .index(15))
        #expect(ThemeColor(name: "default") == .default)
        #expect(ThemeColor(name: "#0072b2") == .rgb(0x00, 0x72, 0xB2))
        #expect(ThemeColor(name: "#12345") == nil)
        #expect(ThemeColor(name: "#GG0000") == nil)
        #expect(ThemeColor(name: "purple") == nil)
        #expect(ThemeColor.rgb(0xFF, 0x07, 0x00).description == "#FF0700")
        #expect(ThemeColor.index(200).description == "200")
        #expect(ThemeColor.index(3).description == "yellow")
    }

    @Test("256 colours: nearest cube or grey entry", arguments: [
        (ThemeColor.rgb(0xFF, 0xD7, 0x00), ThemeColor.index(220)),
        (.rgb(0x80, 0x80, 0x80), .index(244)),
        (.rgb(0, 0, 0), .index(16)),
        (.rgb(0xFF, 0xFF, 0xFF), .index(231)),
        (.rgb(0x56, 0xB4, 0xE9), .index(74)),
        (.index(9), .index(9)),
        (.index(200), .index(200)),
        (.default, .default),
    ])
    func downTo256(color: ThemeColor, expected: ThemeColor) {
        #expect(color.adapted(to: .c256) == expected)
    }

    @Test("8 colours: nearest basic colour", arguments: [
        (ThemeColor.rgb(0xFF, 0xD7, 0x00), ThemeColor.index(3)),
        (.rgb(0x80, 0x80, 0x80), .index(7)),
        (.rgb(0x20, 0x20, 0x20), .index(0)),
        (.rgb(0xD7, 0x00, 0x00), .index(1)),
        (.rgb(0x00, 0x72, 0xB2), .index(6)),
        (.index(9), .index(1)),
        (.index(196), .index(1)),
        (.index(21), .index(4)),
        (.index(250), .index(7)),
        (.default, .default),
    ])
    func downTo8(color: ThemeColor, expected: ThemeColor) {
        #expect(color.adapted(to: .eight) == expected)
    }

    @Test func noColourDropsColoursButKeepsAttributes() throws {
        let theme = try Theme.named("default", in: themesDirectory).adapted(to: .none)
        for role in Role.allCases {
            #expect(theme[role].foreground == .default && theme[role].background == .default)
        }
        #expect(theme[.gold].attributes == .bold)
    }

    @Test func adaptedThemesHavePaletteIndexes() throws {
        for info in listThemes(in: themesDirectory) {
            let theme = try Theme.load(path: info.path)
            for depth in ColorDepth.allCases {
                let adapted = theme.adapted(to: depth)
                for role in Role.allCases {
                    let style = adapted[role]
                    #expect(style.foreground.paletteIndex != nil && style.background.paletteIndex != nil)
                    if depth == .eight { #expect((style.foreground.paletteIndex ?? 99) < 8) }
                }
            }
        }
    }

    @Test func noColorEnvironmentWins() {
        #expect(ColorDepth.detect(environment: ["NO_COLOR": "1"], terminalColors: 256) == .none)
        #expect(ColorDepth.detect(environment: ["NO_COLOR": "yes", "TERM": "xterm-256color"], terminalColors: 8) == .none)
        #expect(ColorDepth.detect(environment: ["NO_COLOR": ""], terminalColors: 256) == .c256)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 256) == .c256)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 88) == .eight)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 8) == .eight)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 0) == .none)
    }
}
