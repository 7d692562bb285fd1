import Foundation
import TOMLKit

/// Reads `competition.toml` (see `docs/competition-format.md`) into a `CompetitionDefinition`.
///
/// Strict: a missing required key, a value of the wrong type, an enum value that is not one of
/// the allowed ones and any key the format does not define (a typo such as `closng`) are errors.
/// After mapping, `DefinitionValidator` runs, and the first problem is thrown. Every error is a
/// `DefinitionError` naming the table and key, with the line where it could be found.
public enum CompetitionTOML {
    /// Larger than any real competition (1,400 competitors take about 150 kB).
    public static let maxFileSize = 32 << 20

    public static func parse(_ text: String, file: String = "competition.toml") throws -> CompetitionDefinition {
        do {
            let definition = try map(text, file: file)
            if let first = DefinitionValidator.validate(definition, file: file).first { throw first }
            return definition
        } catch var error as DefinitionError {
            if error.line == nil, let path = error.path {
                error.line = CompetitionTOML.SourceLocator(text).line(path: path, key: error.key)
            }
            throw error
        }
    }

    public static func load(path: String) throws -> CompetitionDefinition {
        func fail(_ message: Said, line: Int? = nil, column: Int? = nil) -> DefinitionError {
            DefinitionError(file: path, line: line, column: column, table: "", message: message)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw fail("no such file")
        }
        if isDirectory.boolValue { throw fail("is a directory, not a competition.toml file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail("cannot be read (check its permissions)")
        }
        if data.count > maxFileSize {
            throw fail("the file is \(data.count) bytes; the limit is \(maxFileSize) bytes")
        }
        let bytes = [UInt8](data)
        if let bad = firstInvalidUTF8(bytes) {
            let (line, column) = lineAndColumn(bytes, offset: bad)
            let hex = String(bytes[bad], radix: 16, uppercase: true)
            throw fail("not UTF-8: byte 0x\(hex.count == 1 ? "0" : "")\(hex) at byte offset \(bad) is not valid UTF-8; save the file as UTF-8 (it may be in GBK or GB 18030)",
                       line: line, column: column)
        }
        return try parse(String(decoding: bytes, as: UTF8.self), file: path)
    }

    // MARK: - Mapping

    static func map(_ text: String, file: String) throws -> CompetitionDefinition {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.allSatisfy(\.isWhitespace) {
            throw DefinitionError(file: file, table: "", message: "the file is empty")
        }
        if let nul = text.utf8.firstIndex(of: 0) {
            let bytes = Array(text.utf8)
            let offset = text.utf8.distance(from: text.utf8.startIndex, to: nul)
            let (line, column) = lineAndColumn(bytes, offset: offset)
            throw DefinitionError(file: file, line: line, column: column, table: "",
                                  message: "the file contains a NUL byte, which TOML does not allow")
        }
        if let bad = TableHeaderScan.firstBadHeader(Array(text.utf8)) {
            throw DefinitionError(file: file, line: bad.line, column: bad.column, table: "", message: bad.message)
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw DefinitionError(file: file, line: e.source.begin.line, column: e.source.begin.column, table: "",
                                  message: "TOML syntax error: \(e.description)")
        }
        let top = Reader(file: file, table: root, path: [])
        try top.checkKeys(["competition", "sites", "delegations", "skills", "competitors", "judges", "sessions"])

        guard let competitionTable = try top.subtable("competition") else {
            throw top.fail("competition", "the [competition] table is missing")
        }
        var d = CompetitionDefinition(competition: try competition(Reader(file: file, table: competitionTable,
                                                                          path: [.init("competition")])))
        d.sites = try top.tableArray("sites").map { r in
            try r.checkKeys(["id", "name"])
            return Site(id: try r.string("id"), name: try r.localized("name"))
        }
        d.delegations = try top.tableArray("delegations").map { r in
            try r.checkKeys(["id", "name"])
            return Delegation(id: try r.string("id"), name: try r.localized("name"))
        }
        d.skills = try top.tableArray("skills").map(skill)
        d.competitors = try top.tableArray("competitors").map { r in
            try r.checkKeys(["id", "name", "delegation", "skill", "members"])
            return Competitor(id: try r.string("id"), name: try r.string("name"), delegation: try r.string("delegation"),
                              skill: try r.string("skill"), members: try r.stringArray("members") ?? [])
        }
        d.judges = try top.tableArray("judges").map { r in
            try r.checkKeys(["id", "name", "delegation", "skills", "chief"])
            let id = try r.string("id"), name = try r.string("name"), delegation = try r.string("delegation")
            guard let skills = try r.stringArray("skills") else { throw r.fail("skills", "required key is missing") }
            return Judge(id: id, name: name, delegation: delegation, skills: skills, chief: try r.bool("chief") ?? false)
        }
        d.sessions = try top.tableArray("sessions").map { r in
            try r.checkKeys(["id", "skill", "round", "site", "station", "start", "end"])
            return Session(id: try r.string("id"), skill: try r.string("skill"), round: try r.string("round"),
                           site: try r.string("site"), station: try r.optionalString("station") ?? "",
                           start: try r.dateTime("start"), end: try r.dateTime("end"))
        }
        return d
    }

    private static func competition(_ r: Reader) throws -> CompetitionInfo {
        try r.checkKeys(["id", "name", "timezone", "closing", "results_policy", "standardisation", "scale_k",
                         "excellence", "tie_break", "team_table", "points", "judge_own_delegation", "ceremony_excellence"])
        var c = CompetitionInfo(id: try r.string("id"), name: try r.localized("name"),
                                timezone: try r.string("timezone"), closing: try r.dateTime("closing"))
        if let v: ResultsPolicy = try r.enumValue("results_policy") { c.resultsPolicy = v }
        if let v: Standardisation = try r.enumValue("standardisation") { c.standardisation = v }
        if let v = try r.fixed2("scale_k") { c.scaleK = v }
        if let t = try r.subtable("excellence") {
            let e = Reader(file: r.file, table: t, path: r.path, keyPrefix: "excellence.")
            try e.checkKeys(["top_fraction", "threshold"], what: "excellence takes top_fraction or threshold")
            let fraction = try e.fraction("top_fraction"), threshold = try e.fixed2("threshold")
            switch (fraction, threshold) {
            case let (f?, nil): c.excellence = .topFraction(f)
            case let (nil, t?): c.excellence = .threshold(t)
            case (.some, .some): throw r.fail("excellence", "give top_fraction or threshold, not both")
            case (nil, nil): throw r.fail("excellence", "give { top_fraction = x } or { threshold = x }")
            }
        }
        if let v: TieBreak = try r.enumValue("tie_break") { c.tieBreak = v }
        if let v: TeamTable = try r.enumValue("team_table") { c.teamTable = v }
        if let t = try r.subtable("points") {
            let p = Reader(file: r.file, table: t, path: r.path, keyPrefix: "points.")
            try p.checkKeys(["gold", "silver", "bronze", "excellence"])
            let defaults = MedalPoints()
            c.points = MedalPoints(gold: try p.int("gold") ?? defaults.gold, silver: try p.int("silver") ?? defaults.silver,
                                   bronze: try p.int("bronze") ?? defaults.bronze,
                                   excellence: try p.int("excellence") ?? defaults.excellence)
        }
        if let v = try r.bool("judge_own_delegation") { c.judgeOwnDelegation = v }
        c.ceremonyExcellence = try r.bool("ceremony_excellence") ?? true
        return c
    }

    private static func skill(_ r: Reader) throws -> Skill {
        try r.checkKeys(["id", "name", "origin", "kind", "panel", "rounds", "modules"])
        let id = try r.string("id"), name = try r.localized("name")
        guard let origin: SkillOrigin = try r.enumValue("origin") else {
            throw r.fail("origin", "required key is missing; expected one of \(allowed(SkillOrigin.self))")
        }
        let kind: SkillKind = try r.enumValue("kind") ?? .official
        let panel = try r.int("panel") ?? 3
        guard r.has("rounds") else { throw r.fail("rounds", "required key is missing") }
        let rounds = try r.tableArray("rounds").map { rr in
            try rr.checkKeys(["id", "name", "advance", "advance_fraction"])
            return Round(id: try rr.string("id"), name: try rr.localized("name"), advance: try rr.int("advance"),
                         advanceFraction: try rr.fraction("advance_fraction"))
        }
        let modules = try r.tableArray("modules").map { m in
            try m.checkKeys(["id", "name", "aspects"])
            let id = try m.string("id"), name = try m.localized("name")
            guard m.has("aspects") else { throw m.fail("aspects", "required key is missing") }
            let aspects = try m.tableArray("aspects").map { a in
                try a.checkKeys(["id", "type", "max", "text"])
                let id = try a.string("id")
                guard let type: AspectType = try a.enumValue("type") else {
                    throw a.fail("type", "required key is missing; expected one of M, J")
                }
                guard let max = try a.fixed2("max") else { throw a.fail("max", "required key is missing") }
                return Aspect(id: id, type: type, max: max, text: try a.string("text"))
            }
            return Module(id: id, name: name, aspects: aspects)
        }
        return Skill(id: id, name: name, origin: origin, kind: kind, panel: panel, rounds: rounds, modules: modules)
    }

    static func allowed<E: RawRepresentable & CaseIterable>(_: E.Type) -> String where E.RawValue == String {
        E.allCases.map(\.rawValue).joined(separator: ", ")
    }
}

// MARK: - Reading one table

/// One TOML table at a known place in the definition, with typed, strict accessors.
private struct Reader {
    let file: String
    let table: TOMLTable
    let path: [DefinitionPath.Segment]
    /// For a nested table read as part of its parent ("excellence." for `excellence.threshold`).
    var keyPrefix = ""

    func fail(_ key: String?, _ message: Said) -> DefinitionError {
        DefinitionError(file: file, path: path, key: key.map { keyPrefix + $0 }, message: message)
    }

    func has(_ key: String) -> Bool { table[key] != nil }

    func checkKeys(_ allowed: [String], what: Said? = nil) throws {
        for key in table.keys where !allowed.contains(key) {
            let keys = what ?? Said("the keys here are \(allowed.map { keyPrefix + $0 }.joined(separator: ", "))")
            if let near = allowed.min(by: { editDistance(key, $0) < editDistance(key, $1) }),
               editDistance(key, near) <= max(1, min(3, near.count / 3)) {
                throw fail(key, "unknown key (did you mean \"\(keyPrefix + near)\"?); \(keys)")
            }
            throw fail(key, "unknown key; \(keys)")
        }
    }

    private func typeError(_ key: String, expected: String, _ v: TOMLValueConvertible) -> DefinitionError {
        fail(key, "expected \(expected), found \(describe(v))")
    }

    func string(_ key: String) throws -> String {
        guard let s = try optionalString(key) else { throw fail(key, "required key is missing") }
        return s
    }

    func optionalString(_ key: String) throws -> String? {
        guard let v = table[key] else { return nil }
        guard let s = v.string else { throw typeError(key, expected: "a string", v) }
        return s
    }

    func int(_ key: String) throws -> Int? {
        guard let v = table[key] else { return nil }
        guard let i = v.int else { throw typeError(key, expected: "an integer", v) }
        return i
    }

    func bool(_ key: String) throws -> Bool? {
        guard let v = table[key] else { return nil }
        guard let b = v.bool else { throw typeError(key, expected: "a boolean (true or false)", v) }
        return b
    }

    func subtable(_ key: String) throws -> TOMLTable? {
        guard let v = table[key] else { return nil }
        guard let t = v.table else { throw typeError(key, expected: "a table", v) }
        return t
    }

    /// A mark or maximum: an integer or a float with at most two decimals, kept exact.
    func fixed2(_ key: String) throws -> Fixed2? {
        guard let v = table[key] else { return nil }
        if let i = v.int {
            guard abs(i) <= 10_000_000_000_000 else { throw fail(key, "\(i) is out of range") }
            return Fixed2(i)
        }
        guard let d = v.double else { throw typeError(key, expected: "a number", v) }
        guard d.isFinite, abs(d) < 1e13 else { throw fail(key, "\(d) is out of range") }
        guard let f = Fixed2(exactly: d) else {
            throw fail(key, "\(d) has more than two decimals; marks are kept to two decimals")
        }
        return f
    }

    /// A fraction in (0, 1], e.g. 0.5.
    func fraction(_ key: String) throws -> Fraction? {
        guard let v = table[key] else { return nil }
        let d: Double
        if let i = v.int { d = Double(i) } else if let x = v.double { d = x } else {
            throw typeError(key, expected: "a number between 0 and 1", v)
        }
        guard d > 0, d <= 1 else { throw fail(key, "must be more than 0 and at most 1, found \(v.debugDescription)") }
        guard let f = Fraction(exactly: d) else { throw fail(key, "\(d) has more than four decimals") }
        return f
    }

    func enumValue<E: RawRepresentable & CaseIterable>(_ key: String) throws -> E? where E.RawValue == String {
        guard let s = try optionalString(key) else { return nil }
        guard let e = E(rawValue: s) else {
            throw fail(key, "unknown value \"\(s)\"; expected one of \(CompetitionTOML.allowed(E.self))")
        }
        return e
    }

    /// `name = "…"` (both languages) or `name = { zh = "…", en = "…" }` (at least one).
    func localized(_ key: String) throws -> LocalizedText {
        guard let v = table[key] else { throw fail(key, "required key is missing") }
        if let s = v.string { return LocalizedText(s) }
        guard let t = v.table else { throw typeError(key, expected: "a string or a table { zh = \"…\", en = \"…\" }", v) }
        for k in t.keys where k != "zh" && k != "en" {
            throw fail(key, "unknown language \"\(k)\"; a name takes zh, en or both")
        }
        func lang(_ k: String) throws -> String? {
            guard let x = t[k] else { return nil }
            guard let s = x.string else { throw fail(key, "\(k): expected a string, found \(describe(x))") }
            return s.isEmpty ? nil : s
        }
        let zh = try lang("zh"), en = try lang("en")
        if t["zh"] == nil, t["en"] == nil { throw fail(key, "a name needs zh, en or both") }
        return LocalizedText(zh: zh, en: en)
    }

    /// An RFC 3339 date-time with a UTC offset: a TOML offset date-time or a string.
    func dateTime(_ key: String) throws -> Date {
        guard let v = table[key] else { throw fail(key, "required key is missing") }
        let example = "e.g. 2025-06-24T15:00:00+08:00"
        if let dt = v.dateTime {
            guard let offset = dt.offset else {
                func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
                let local = "\(dt.date.year)-\(two(dt.date.month))-\(two(dt.date.day))T\(two(dt.time.hour)):\(two(dt.time.minute)):\(two(dt.time.second))"
                throw fail(key, "the local date-time \(local) has no UTC offset; write one, \(example)")
            }
            guard let date = CompetitionTOML.RFC3339.date(year: dt.date.year, month: dt.date.month, day: dt.date.day,
                                          hour: dt.time.hour, minute: dt.time.minute, second: dt.time.second,
                                          nanosecond: dt.time.nanoSecond, offsetMinutes: offset.offset)
            else { throw fail(key, "\(v.debugDescription) is not a valid date-time") }
            return date
        }
        if let s = v.string {
            guard let date = CompetitionTOML.RFC3339.parse(s) else {
                throw fail(key, "\"\(s)\" is not an RFC 3339 date-time with a UTC offset, \(example)")
            }
            return date
        }
        if v.date != nil { throw fail(key, "expected a date-time with a UTC offset, found a date; \(example)") }
        throw typeError(key, expected: "a date-time with a UTC offset", v)
    }

    func stringArray(_ key: String) throws -> [String]? {
        guard let v = table[key] else { return nil }
        guard let a = v.array else { throw typeError(key, expected: "an array of strings", v) }
        var out: [String] = []
        out.reserveCapacity(a.count)
        for i in 0..<a.count {
            let e = a[i]
            guard let s = e.string else {
                throw fail(key, "element #\(i + 1): expected a string, found \(describe(e))")
            }
            out.append(s)
        }
        return out
    }

    /// `[[name]]` tables or an inline array of tables; missing means none.
    func tableArray(_ key: String) throws -> [Reader] {
        guard let v = table[key] else { return [] }
        guard let a = v.array else {
            throw typeError(key, expected: path.isEmpty ? "an array of tables ([[\(key)]] sections)" : "an array of tables", v)
        }
        var out: [Reader] = []
        out.reserveCapacity(a.count)
        for i in 0..<a.count {
            let e = a[i]
            guard let t = e.table else {
                throw fail(key, "element #\(i + 1): expected a table, found \(describe(e))")
            }
            let id = t["id"]?.string
            out.append(Reader(file: file, table: t, path: path + [.init(key, index: i, id: id)]))
        }
        return out
    }
}

/// "a string", "an integer", "an array of tables"...
private func describe(_ v: TOMLValueConvertible) -> String {
    switch v.type {
    case .string: return "a string"
    case .int: return "an integer"
    case .double: return "a float"
    case .bool: return "a boolean"
    case .date: return "a date"
    case .time: return "a time"
    case .dateTime: return "a date-time"
    case .table: return "a table"
    case .array:
        if let a = v.array, a.count > 0, (0..<a.count).allSatisfy({ a[$0].type == .table }) { return "an array of tables" }
        return "an array"
    }
}

private func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

// MARK: - Bytes

/// The offset of the first byte that does not belong to well-formed UTF-8 (no overlong forms,
/// no surrogates, nothing above U+10FFFF), or nil.
private func firstInvalidUTF8(_ b: [UInt8]) -> Int? {
    var i = 0
    let n = b.count
    func cont(_ k: Int) -> Bool { k < n && b[k] & 0xC0 == 0x80 }
    while i < n {
        let c = b[i]
        if c < 0x80 { i += 1; continue }
        switch c {
        case 0xC2...0xDF:
            guard cont(i + 1) else { return i }
            i += 2
        case 0xE0...0xEF:
            guard cont(i + 1), cont(i + 2) else { return i }
            if c == 0xE0, b[i + 1] < 0xA0 { return i }
            if c == 0xED, b[i + 1] > 0x9F { return i }
            i += 3
        case 0xF0...0xF4:
            guard cont(i + 1), cont(i + 2), cont(i + 3) else { return i }
            if c == 0xF0, b[i + 1] < 0x90 { return i }
            if c == 0xF4, b[i + 1] > 0x8F { return i }
            i += 4
        default:
            return i
        }
    }
    return nil
}

/// Refuses, before toml++ sees it, a table header whose first character after `[` (or `[[`, and
/// any spaces or tabs) cannot start a key: `[@skills]]`, `[.a]`, `[[=x]]`, `[[[a]]]`, `[` at the
/// end of a line. toml++ 3 (under TOMLKit 0.6.0) does not check that case itself: its
/// `parse_table_header` hands such a character straight to `parse_key`, whose first statement is
/// `TOML_ASSERT_ASSUME(is_bare_key_character(*cp) || is_string_delimiter(*cp))`, and with assertions
/// on, the process aborts (exit 134) instead of throwing a parse error; with NDEBUG it is an
/// "assume", i.e. undefined behaviour. Every other character toml++ checks before asserting
/// (`]`, the end of the file, `[ [`, a non-ASCII space), so only this class is refused here.
///
/// The same scan refuses the second class the fuzzer reached: in an array, a `}` where a value
/// is due (just after the `[` or a `,`, past spaces, line breaks and comments). toml++'s array
/// loop passes it to `parse_value`, which asserts `!is_value_terminator(*cp)`.
///
/// A header is a `[` that is the first thing on a line outside any value: the scan follows basic,
/// literal and multi-line strings (with escapes and the up-to-two extra closing quotes), comments,
/// and the nesting of arrays and inline tables, so a line inside a multi-line string or array that
/// starts with `[` is not taken for a header. On a valid document the scan agrees with toml++; after
/// toml++'s first error it may diverge, but toml++ stops there, so nothing later can reach the assert.
enum TableHeaderScan {  // and arrays: see above
    struct Bad: Equatable { let line: Int; let column: Int; let message: Said }

    static func firstBadHeader(_ b: [UInt8]) -> Bad? {
        let n = b.count
        var i = 0, line = 1, lineStart = 0
        var open: [UInt8] = [], atLineStart = true, inHeader = false
        var valueDue = false  // in an array, just after its `[` or a `,`: a value (or `]`) comes next
        func at(_ k: Int) -> UInt8? { k < n ? b[k] : nil }
        func newline(_ k: Int) { line += 1; lineStart = k + 1 }
        func isSpace(_ c: UInt8?) -> Bool { c == 0x20 || c == 0x09 }
        /// Skips a string starting at `i` (its opening quote); stops after its closing quote, or at
        /// the newline that leaves a single-line string unterminated (toml++ rejects it there).
        func skipString(quote q: UInt8) {
            let basic = q == UInt8(ascii: "\"")
            if at(i + 1) == q && at(i + 2) == q {
                i += 3
                while i < n {
                    let c = b[i]
                    if basic && c == UInt8(ascii: "\\") {
                        if at(i + 1) == 0x0A { newline(i + 1) }
                        i += 2; continue
                    }
                    if c == 0x0A { newline(i) }
                    if c == q && at(i + 1) == q && at(i + 2) == q {
                        i += 3
                        // """a"""" ends with one quote in the content: up to two more belong to it.
                        var extra = 0
                        while extra < 2 && at(i) == q { i += 1; extra += 1 }
                        return
                    }
                    i += 1
                }
                return
            }
            i += 1
            while i < n {
                let c = b[i]
                if c == 0x0A { return }
                if basic && c == UInt8(ascii: "\\") { i += (at(i + 1) == 0x0A ? 1 : 2); continue }
                i += 1
                if c == q { return }
            }
        }
        func show(_ k: Int) -> String {
            guard let c = at(k) else { return "the end of the file" }
            if c == 0x0A || c == 0x0D { return "the end of the line" }
            var end = k + 1
            while end < n && b[end] & 0xC0 == 0x80 { end += 1 }
            return "'" + String(decoding: b[k..<end], as: UTF8.self) + "'"
        }
        /// `k` is the header's `[`: the toml++ steps up to its `parse_key`, and the assert's condition.
        func check(_ k: Int) -> Bad? {
            var j = k + 1, opener = "["
            var spaced = false
            while isSpace(at(j)) { j += 1; spaced = true }
            if at(j) == UInt8(ascii: "["), !spaced {
                opener = "[["
                j += 1
                while isSpace(at(j)) { j += 1 }
            } else if at(j) == UInt8(ascii: "[") {
                return nil  // "[ [": toml++ reports the brackets must be contiguous
            }
            guard let c = at(j) else { return nil }
            let startsKey = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
                || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'")
            if startsKey || c == UInt8(ascii: "]") { return nil }
            return Bad(line: line, column: j - lineStart + 1,
                       message: "table header: expected a table name after '\(opener)', saw \(show(j)); write [name] or [[name]]")
        }
        while i < n {
            let c = b[i]
            switch c {
            case 0x0A:
                newline(i); atLineStart = true; inHeader = false; i += 1
            case 0x20, 0x09:
                i += 1
            case UInt8(ascii: "#"):
                while i < n && b[i] != 0x0A { i += 1 }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                atLineStart = false; valueDue = false
                skipString(quote: c)
            case UInt8(ascii: "["):
                if atLineStart && open.isEmpty && !inHeader {
                    if let bad = check(i) { return bad }
                    inHeader = true
                } else if !inHeader {
                    open.append(c); valueDue = true
                }
                atLineStart = false; i += 1
            case UInt8(ascii: "{"):
                if !inHeader { open.append(c) }
                atLineStart = false; valueDue = false; i += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                // toml++'s array loop hands a `}` where a value is due to `parse_value`, which asserts
                // it is not a value terminator: the second assertion the fuzzer reached.
                if c == UInt8(ascii: "}") && valueDue && open.last == UInt8(ascii: "[") && !inHeader {
                    return Bad(line: line, column: i - lineStart + 1,
                               message: "array: expected a value or ']', saw '}'")
                }
                if !inHeader { _ = open.popLast() }
                atLineStart = false; valueDue = false; i += 1
            case UInt8(ascii: ","):
                valueDue = open.last == UInt8(ascii: "[")
                atLineStart = false; i += 1
            case 0x0D:
                i += 1  // before a line break: neither a value nor the start of a line's text
            default:
                atLineStart = false; valueDue = false; i += 1
            }
        }
        return nil
    }
}

/// 1-based line and column (in bytes) of `offset`.
private func lineAndColumn(_ b: [UInt8], offset: Int) -> (Int, Int) {
    var line = 1, lineStart = 0
    for k in 0..<min(offset, b.count) where b[k] == 0x0A {
        line += 1
        lineStart = k + 1
    }
    return (line, offset - lineStart + 1)
}

// MARK: - Dates

extension CompetitionTOML {
    enum RFC3339 {
        /// `2025-06-24T15:00:00+08:00`, `2025-06-24 07:00:00.5Z`: a full date-time with an offset.
        static func parse(_ s: String) -> Date? {
            let c = Array(s.utf8)
            var i = 0
            func digits(_ count: Int) -> Int? {
                guard i + count <= c.count else { return nil }
                var v = 0
                for k in i..<(i + count) {
                    guard c[k] >= 0x30, c[k] <= 0x39 else { return nil }
                    v = v * 10 + Int(c[k] - 0x30)
                }
                i += count
                return v
            }
            func expect(_ chars: String) -> Bool {
                guard i < c.count, chars.utf8.contains(c[i]) else { return false }
                i += 1
                return true
            }
            guard let year = digits(4), expect("-"), let month = digits(2), expect("-"), let day = digits(2),
                  expect("Tt "), let hour = digits(2), expect(":"), let minute = digits(2), expect(":"),
                  let second = digits(2) else { return nil }
            var nanosecond = 0
            if i < c.count, c[i] == UInt8(ascii: ".") {
                i += 1
                var scale = 100_000_000, any = false
                while i < c.count, c[i] >= 0x30, c[i] <= 0x39 {
                    nanosecond += Int(c[i] - 0x30) * scale
                    scale /= 10
                    i += 1
                    any = true
                }
                guard any else { return nil }
            }
            guard i < c.count else { return nil }
            var offset = 0
            if c[i] == UInt8(ascii: "Z") || c[i] == UInt8(ascii: "z") {
                i += 1
            } else {
                let negative = c[i] == UInt8(ascii: "-")
                guard expect("+-"), let oh = digits(2), expect(":"), let om = digits(2), oh < 24, om < 60 else { return nil }
                offset = (oh * 60 + om) * (negative ? -1 : 1)
            }
            guard i == c.count else { return nil }
            return date(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                        nanosecond: nanosecond, offsetMinutes: offset)
        }

        static func date(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, nanosecond: Int,
                         offsetMinutes: Int) -> Date? {
            guard (1...12).contains(month), (0...23).contains(hour), (0...59).contains(minute),
                  (0...59).contains(second), (0..<1_000_000_000).contains(nanosecond) else { return nil }
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            guard (1...lengths[month - 1]).contains(day) else { return nil }
            let seconds = daysFromCivil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second - offsetMinutes * 60
            return Date(timeIntervalSince1970: Double(seconds) + Double(nanosecond) / 1e9)
        }

        /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
        static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
            let y = m <= 2 ? y0 - 1 : y0
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            return era * 146_097 + doe - 719_468
        }
    }

    // MARK: - Finding lines

    /// Finds, in the TOML text, the line of a table or key named by a `DefinitionError` path:
    /// the n-th `[[skills]]` header, the `[[skills.modules]]` inside it, the `key = ` line in it.
    /// Best effort: a tokenizer that knows strings, comments and multi-line arrays, so headers and
    /// keys are found only where TOML would see them; nil when unsure.
    struct SourceLocator {
        struct Block {
            var header: [String]
            var isArray: Bool
            var line: Int
            var keys: [String: Int] = [:]
        }

        /// Blocks in document order; blocks[0] is the root (keys before any header).
        private(set) var blocks: [Block] = [Block(header: [], isArray: false, line: 1)]

        init(_ text: String) {
            var depth = 0
            var inString: String? = nil   // the closing delimiter of a multi-line string being read
            var lineNumber = 0
            for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
                lineNumber += 1
                let line = Array(raw.utf8)
                var i = 0
                if let close = inString {
                    guard let end = SourceLocator.find(close, in: line, from: 0) else { continue }
                    inString = nil
                    i = end
                } else if depth == 0 {
                    i = SourceLocator.skipSpaces(line, 0)
                    if i < line.count, line[i] == UInt8(ascii: "[") {
                        let isArray = i + 1 < line.count && line[i + 1] == UInt8(ascii: "[")
                        let (parts, _) = SourceLocator.keyPath(line, isArray ? i + 2 : i + 1)
                        if !parts.isEmpty { blocks.append(Block(header: parts, isArray: isArray, line: lineNumber)) }
                        continue
                    }
                    let (parts, after) = SourceLocator.keyPath(line, i)
                    let j = SourceLocator.skipSpaces(line, after)
                    if let first = parts.first, j < line.count, line[j] == UInt8(ascii: "=") {
                        if blocks[blocks.count - 1].keys[first] == nil { blocks[blocks.count - 1].keys[first] = lineNumber }
                        i = j + 1
                    }
                }
                // Scan the rest of the line for brackets, strings and comments.
                while i < line.count {
                    let ch = line[i]
                    if ch == UInt8(ascii: "#") { break }
                    if ch == UInt8(ascii: "\"") || ch == UInt8(ascii: "'") {
                        let triple = String(repeating: String(UnicodeScalar(ch)), count: 3)
                        if SourceLocator.matches(triple, line, i) {
                            if let end = SourceLocator.find(triple, in: line, from: i + 3) { i = end; continue }
                            inString = triple
                            break
                        }
                        var k = i + 1
                        while k < line.count, line[k] != ch {
                            if ch == UInt8(ascii: "\"") && line[k] == UInt8(ascii: "\\") { k += 1 }
                            k += 1
                        }
                        i = k + 1
                        continue
                    }
                    if ch == UInt8(ascii: "[") || ch == UInt8(ascii: "{") { depth += 1 }
                    if ch == UInt8(ascii: "]") || ch == UInt8(ascii: "}") { depth = max(0, depth - 1) }
                    i += 1
                }
            }
        }

        func line(path: [DefinitionPath.Segment], key: String?) -> Int? {
            let firstKey = key.map { String($0.prefix { $0 != "." }) }
            guard !path.isEmpty else {
                // The document itself: a top-level key or the first header it names.
                guard let k = firstKey else { return nil }
                if let l = blocks[0].keys[k] { return l }
                return blocks.first { $0.header.first == k }?.line
            }
            // The block range [lo, hi) of the current table and everything nested in it.
            var lo = 0, hi = blocks.count
            var header: [String] = []
            var current: Int? = nil
            for seg in path {
                header.append(seg.name)
                if let index = seg.index {
                    let matching = (lo..<hi).filter { blocks[$0].header == header && blocks[$0].isArray }
                    if index < matching.count {
                        let b = matching[index]
                        current = b
                        lo = b
                        hi = end(of: b, header: header, before: hi)
                    } else {
                        // An inline array: the line of its key in the enclosing table.
                        if let c = current, let l = blocks[c].keys[seg.name] { return l }
                        if current == nil, let l = blocks[0].keys[seg.name] { return l }
                        return current.map { blocks[$0].line }
                    }
                } else {
                    guard let b = (lo..<hi).first(where: { blocks[$0].header == header && !blocks[$0].isArray }) else {
                        return nil
                    }
                    current = b
                    lo = b
                    hi = end(of: b, header: header, before: hi)
                }
            }
            guard let c = current else { return nil }
            if let k = firstKey {
                if let l = blocks[c].keys[k] { return l }
                if let sub = (lo + 1..<hi).first(where: { blocks[$0].header == header + [k] }) { return blocks[sub].line }
            }
            return blocks[c].line
        }

        /// The first block after `b` that is not nested in `header`.
        private func end(of b: Int, header: [String], before hi: Int) -> Int {
            (b + 1..<hi).first { k in
                !(blocks[k].header.count > header.count && Array(blocks[k].header.prefix(header.count)) == header)
            } ?? hi
        }

        private static func skipSpaces(_ l: [UInt8], _ from: Int) -> Int {
            var i = from
            while i < l.count, l[i] == 0x20 || l[i] == 0x09 { i += 1 }
            return i
        }

        private static func matches(_ s: String, _ l: [UInt8], _ at: Int) -> Bool {
            let u = Array(s.utf8)
            return at + u.count <= l.count && Array(l[at..<(at + u.count)]) == u
        }

        /// The index just past the first `s` at or after `from`.
        private static func find(_ s: String, in l: [UInt8], from: Int) -> Int? {
            var k = from
            while k + s.utf8.count <= l.count {
                if matches(s, l, k) { return k + s.utf8.count }
                k += 1
            }
            return nil
        }

        /// A dotted key (`a.b`, `"a b".c`) from `from`; its parts and the index after it.
        private static func keyPath(_ l: [UInt8], _ from: Int) -> ([String], Int) {
            var parts: [String] = []
            var i = skipSpaces(l, from)
            while i < l.count {
                let ch = l[i]
                if ch == UInt8(ascii: "\"") || ch == UInt8(ascii: "'") {
                    var k = i + 1
                    var bytes: [UInt8] = []
                    while k < l.count, l[k] != ch {
                        if ch == UInt8(ascii: "\"") && l[k] == UInt8(ascii: "\\"), k + 1 < l.count { k += 1 }
                        bytes.append(l[k])
                        k += 1
                    }
                    guard k < l.count else { return ([], i) }
                    parts.append(String(decoding: bytes, as: UTF8.self))
                    i = k + 1
                } else {
                    var k = i
                    while k < l.count, isBareKeyByte(l[k]) { k += 1 }
                    guard k > i else { return ([], i) }
                    parts.append(String(decoding: l[i..<k], as: UTF8.self))
                    i = k
                }
                i = skipSpaces(l, i)
                guard i < l.count, l[i] == UInt8(ascii: ".") else { break }
                i = skipSpaces(l, i + 1)
            }
            return (parts, i)
        }

        private static func isBareKeyByte(_ c: UInt8) -> Bool {
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F
        }
    }
}
