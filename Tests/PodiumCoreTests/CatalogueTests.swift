import Foundation
import Testing
@testable import PodiumCore

/// Finds the messages in the sources, the way xgettext finds msgids: the English text of every
/// string literal handed to a message (a `CommandError`, a `CLIError`, a `DefinitionError`'s
/// `message:`, a `Said(…)`, the body of a `var said: Said`), with each `\(…)` numbered `{n}`.
enum MessageScanner {
    /// Calls whose last plain string argument is a message.
    static let calls = ["CommandError", "open", "notRunning", "note", "tooLarge", "forbidden", "invalid", "notFound", "conflict",
                        "CLIError", "UsageError", "CredentialError", "Said", "WireError", "ImportError",
                        "DefinitionError", "ConsoleLoginError", "ThemeError", "refuse", "fieldError", "error", "report", "fail"]
    /// Labels whose string is a message.
    static let labels = ["said: ", "what: ", "field: ", "doing: ", "missing: ", "prompt: ", "message: "]

    static var sourcesRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
    }

    /// Read once for all the tests.
    static let scanned: [(template: String, place: String)] = (try? scanSources()) ?? []

    /// (template, "file:line") for every message in every source file but the bench suite's.
    static func scanSources() throws -> [(template: String, place: String)] {
        let root = sourcesRoot
        let files = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && !$0.contains("/Bench/") && !$0.hasSuffix("ThemeParser+Scanner.swift") }
            .sorted()
        var found: [(String, String)] = []
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for (t, line) in scan(Array(text.unicodeScalars)) where isMessage(t) {
                found.append((t, "\(file):\(line)"))
            }
        }
        return found
    }

    static func isMessage(_ t: String) -> Bool {
        !t.hasPrefix("/") && t.replacingOccurrences(of: "{", with: " ").unicodeScalars.contains { $0.properties.isAlphabetic && $0.isASCII }
    }

    /// The template of the literal opening at `i` (a `"`), and the index after it; nil for a
    /// multi-line literal or one left open.
    static func literal(_ s: [Unicode.Scalar], _ start: Int) -> (String, Int)? {
        if start + 2 < s.count, s[start + 1] == "\"", s[start + 2] == "\"" { return nil }
        var i = start + 1, out = "", n = 0
        while i < s.count {
            let c = s[i]
            if c == "\"" { return (out, i + 1) }
            if c == "\n" { return nil }
            if c == "\\", i + 1 < s.count {
                let d = s[i + 1]
                if d == "(" {
                    var depth = 1, j = i + 2
                    while j < s.count, depth > 0 {
                        if s[j] == "\"" {
                            guard let (_, end) = literal(s, j) else { return nil }
                            j = end
                            continue
                        }
                        if s[j] == "(" { depth += 1 } else if s[j] == ")" { depth -= 1 }
                        j += 1
                    }
                    n += 1
                    out += "{\(n)}"
                    i = j
                    continue
                }
                switch d {
                case "n": out += "\n"
                case "t": out += "\t"
                default: out.unicodeScalars.append(d)
                }
                i += 2
                continue
            }
            out.unicodeScalars.append(c)
            i += 1
        }
        return nil
    }

    static func lineOf(_ s: [Unicode.Scalar], _ i: Int) -> Int { s[..<i].reduce(1) { $0 + ($1 == "\n" ? 1 : 0) } }

    static func matches(_ s: [Unicode.Scalar], _ i: Int, _ word: String) -> Bool {
        var k = i
        for c in word.unicodeScalars {
            guard k < s.count, s[k] == c else { return false }
            k += 1
        }
        return true
    }

    static func isIdentifier(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || c == "_" || ("0"..."9").contains(c) }

    static func scan(_ s: [Unicode.Scalar]) -> [(String, Int)] {
        var found: [(String, Int)] = []
        var i = 0
        while i < s.count {
            // Skip comments and literals outside the places we look.
            if s[i] == "/", i + 1 < s.count, s[i + 1] == "/" {
                while i < s.count, s[i] != "\n" { i += 1 }
                continue
            }
            if s[i] == "\"" {
                if let (_, end) = literal(s, i) { i = end } else { i += 1 }
                continue
            }
            if i == 0 || !isIdentifier(s[i - 1]) {
                if let call = calls.first(where: { matches(s, i, $0 + "(") }) {
                    found += messageArguments(s, i + call.unicodeScalars.count + 1)
                }
                if let label = labels.first(where: { matches(s, i, $0 + "\"") }), let (t, _) = literal(s, i + label.unicodeScalars.count) {
                    found.append((t, lineOf(s, i)))
                }
                if matches(s, i, "var said: Said {") || (matches(s, i, "func ") && saidFunction(s, i)) {
                    found += saidBody(s, i)
                }
            }
            i += 1
        }
        return found
    }

    /// The message among a call's own arguments (not inside nested calls): its last string
    /// literal (the ones before it name columns and keys), and a literal of words after `?` (the
    /// first branch of `cond ? "…" : "…"`; a single word there is a key's name).
    static func messageArguments(_ s: [Unicode.Scalar], _ start: Int) -> [(String, Int)] {
        var j = start, depth = 0
        var last: (String, Int)?
        var branches: [(String, Int)] = []
        func afterQuestionMark(_ k: Int) -> Bool {
            var b = k - 1
            while b >= 0, s[b] == " " || s[b] == "\n" { b -= 1 }
            return b >= 0 && s[b] == "?"
        }
        while j < s.count {
            let c = s[j]
            if c == "\"" {
                guard let (t, end) = literal(s, j) else { break }
                if depth == 0 {
                    last = (t, lineOf(s, j))
                    if afterQuestionMark(j), t.contains(" ") { branches.append((t, lineOf(s, j))) }
                }
                j = end
                continue
            }
            if "([{".unicodeScalars.contains(c) { depth += 1 }
            if ")]}".unicodeScalars.contains(c) {
                if depth == 0 { break }
                depth -= 1
            }
            j += 1
        }
        return branches + (last.map { [$0] } ?? [])
    }

    /// Whether the `func` at `i` returns a `Said` (its body's literals are messages).
    static func saidFunction(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        var j = i
        var head = ""
        while j < s.count, s[j] != "\n" { head.unicodeScalars.append(s[j]); j += 1 }
        return head.hasSuffix("-> Said {")
    }

    /// The literals that start an expression (`return "…"`, `case …: "…"`) in the block at `i`.
    static func saidBody(_ s: [Unicode.Scalar], _ i: Int) -> [(String, Int)] {
        var j = i
        while j < s.count, s[j] != "{" { j += 1 }
        var depth = 0, found: [(String, Int)] = []
        while j < s.count {
            let c = s[j]
            if c == "\"" {
                let before = String(String.UnicodeScalarView(s[max(i, j - 8)..<j]))
                guard let (t, end) = literal(s, j) else { j += 1; continue }
                if before.hasSuffix("return ") || before.hasSuffix(": ") { found.append((t, lineOf(s, j))) }
                j = end
                continue
            }
            if c == "{" { depth += 1 }
            if c == "}" { depth -= 1; if depth == 0 { break } }
            j += 1
        }
        return found
    }
}

func hasHan(_ s: String) -> Bool {
    s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
}

/// What a template has besides its placeholders.
func withoutPlaceholders(_ s: String) -> String {
    s.replacingOccurrences(of: #"\{\d+\}"#, with: "", options: .regularExpression)
}

@Suite("Message catalogue")
struct CatalogueTests {
    @Test("Every message in the sources has its Chinese in the catalogue (a message in one language only fails here)")
    func everySourceMessageIsCatalogued() throws {
        let found = MessageScanner.scanned
        #expect(found.count > 300, "the scanner found \(found.count) messages: it has lost its way")
        let missing = found.filter { Catalogue.chinese[$0.template] == nil }
        for m in missing {
            Issue.record("\(m.place): no Chinese for \"\(m.template)\": add (\"\(m.template)\", \"…\") to Catalogue.entries")
        }
    }

    @Test("Every entry has both languages, the same placeholders, Chinese in Chinese and no Chinese in English")
    func everyEntryIsComplete() {
        #expect(Catalogue.chinese.count == Catalogue.entries.count, "a template is in the catalogue twice")
        for (en, zh) in Catalogue.entries {
            #expect(!withoutPlaceholders(en).trimmingCharacters(in: .whitespaces).isEmpty, "empty English: \(en)")
            #expect(!zh.isEmpty, "no Chinese for \"\(en)\"")
            #expect(Template.placeholders(en) == Template.placeholders(zh), "placeholders differ: \"\(en)\" / \"\(zh)\"")
            #expect(!hasHan(en), "Chinese in the English of \"\(en)\"")
            // Chinese text, unless the message is only its placeholders (a bare list).
            #expect(hasHan(zh) || withoutPlaceholders(zh).unicodeScalars.allSatisfy { !$0.properties.isAlphabetic },
                    "\"\(zh)\" is not Chinese (for \"\(en)\")")
        }
    }

    @Test("No catalogue entry is left over once its message is gone from the sources")
    func noStaleEntries() throws {
        let used = Set(MessageScanner.scanned.map(\.template))
        for (en, _) in Catalogue.entries where !used.contains(en) {
            Issue.record("Catalogue.entries has \"\(en)\", which no source raises any more")
        }
    }

    @Test("Worked example: a refusal with its parameters, in each language; parameters are never re-read as placeholders")
    func workedExample() {
        let id = "{2}"
        let e = CommandError.notFound("no session \"\(id)\" at this competition")
        #expect(e.said.template == "no session \"{1}\" at this competition")
        #expect(e.text(.en) == "no session \"{2}\" at this competition")
        #expect(e.text(.zh) == "本届比赛没有场次 \"{2}\"")
        #expect(e.message == e.text(.en) && "\(e)" == e.text(.en))
        // A message inside a message, and a name in both languages, follow the language.
        let name = LocalizedText(zh: "焊接", en: "Welding")
        let nested: Said = "\(name): \(Said("skill \("S01") has no module \"\("Z")\""))"
        #expect(nested.text(.zh) == "焊接: 赛项 S01 没有模块 \"Z\"")
        #expect(nested.text(.en) == "Welding: skill S01 has no module \"Z\"")
        #expect(Template.fill("{1}{2}{1}", ["a", "{1}"]) == "a{1}a")
    }

    @Test("The language rule: --lang, else PODIUM_LANG, else a zh_* locale (LC_ALL, LC_MESSAGES, LANG in POSIX order), else English")
    func languageRule() throws {
        let zhLocale = ["LANG": "zh_CN.UTF-8"]
        #expect(try Language.choose(flag: nil, environment: [:]) == .en)
        #expect(try Language.choose(flag: nil, environment: zhLocale) == .zh)
        #expect(try Language.choose(flag: "en", environment: zhLocale) == .en)
        #expect(try Language.choose(flag: "ZH", environment: [:]) == .zh)
        #expect(try Language.choose(flag: nil, environment: ["PODIUM_LANG": "en", "LANG": "zh_CN.UTF-8"]) == .en)
        #expect(try Language.choose(flag: "zh", environment: ["PODIUM_LANG": "en"]) == .zh)
        #expect(try Language.choose(flag: nil, environment: ["LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"]) == .en)
        #expect(try Language.choose(flag: nil, environment: ["LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"]) == .zh)
        #expect(try Language.choose(flag: nil, environment: ["PODIUM_LANG": "", "LANG": "zh_CN"]) == .zh)
        // A bad choice is refused, in the language the rest of the rule gives.
        #expect(throws: LanguageChoiceError.self) { try Language.choose(flag: "fr", environment: [:]) }
        do {
            _ = try Language.choose(flag: nil, environment: ["PODIUM_LANG": "de", "LANG": "zh_CN.UTF-8"])
            Issue.record("PODIUM_LANG=de was taken")
        } catch {
            #expect("\(error)" == "PODIUM_LANG 必须是 zh 或 en（实为 \"de\"）")
        }
    }
}

@Suite("Refusals in both languages")
struct RefusalLanguageTests {
    /// Every refusal the core can raise, as its template: the messages of Decide (Command.swift,
    /// MarkRules, ImportRules), StaffRules, Access and the credential rules.
    static func refusalTemplates() throws -> [(template: String, place: String)] {
        MessageScanner.scanned.filter { $0.place.hasPrefix("PodiumCore/Commands/") || $0.place.hasPrefix("PodiumCore/Auth/") }
    }

    @Test("Every refusal of Decide, StaffRules and Access reads in Chinese and in English, with its parameters")
    func everyRefusalTemplate() throws {
        let refusals = try Self.refusalTemplates()
        #expect(refusals.count > 100, "found \(refusals.count) refusals")
        for r in refusals {
            let n = Template.placeholders(r.template).max() ?? 0
            let args = (0..<n).map { Said.Piece.plain("ARG\($0 + 1)") }
            let said = Said(template: r.template, args: args)
            let zh = said.text(.zh), en = said.text(.en)
            #expect(hasHan(zh), "\(r.place): not Chinese: \(zh)")
            #expect(!hasHan(en), "\(r.place): not English: \(en)")
            for a in 1...max(1, n) where n > 0 {
                #expect(zh.contains("ARG\(a)") && en.contains("ARG\(a)"), "\(r.place): parameter \(a) lost in \(zh) / \(en)")
            }
        }
    }

    @Test("Walking the commands: every refusal Decide, StaffRules and Access give, to every role, over a changing venue, is catalogued in both languages")
    func walk() throws {
        let f = try ImportTests.Fixture()
        let venue = try Venue(directory: f.path)
        var seen = Set<String>()
        var refusals = 0
        // Three rounds: what succeeds changes the state, so later rounds meet "already" and
        // "not yet" refusals too.
        for _ in 0..<3 {
            for who in AccessMatrix.Who.allCases {
                for command in AccessMatrix.samples {
                    do {
                        try venue.execute(command, as: who.actor)
                    } catch let e as CommandError {
                        refusals += 1
                        seen.insert(e.said.template)
                        #expect(e.said.isCatalogued, "not catalogued: \(e.message)")
                        let zh = e.text(.zh)
                        #expect(hasHan(withoutArguments(e.said, .zh)), "\(who) \(AccessMatrix.row(command).name): \(zh)")
                        #expect(e.text(.en) == e.message)
                        #expect(zh != e.message, "the same in both languages: \(zh)")
                        #expect(!zh.contains("\n") && !e.message.contains("\n"))
                    }
                }
            }
        }
        #expect(refusals > 100 && seen.count >= 15, "\(refusals) refusals, \(seen.count) different")
    }

    /// The message in `lang` with its plain parameters left out, so Chinese names given as
    /// parameters do not make an English message look Chinese.
    func withoutArguments(_ s: Said, _ lang: Language) -> String {
        let t = lang == .en ? s.template : (Catalogue.chinese[s.template] ?? s.template)
        return Template.fill(t, s.args.map { if case let .said(inner) = $0 { return withoutArguments(inner, lang) }; return "" })
    }
}
