import Foundation

/// A message a person reads, in whichever language they read: an English template with its
/// parameters, looked up in `Catalogue` for Chinese. Code writes messages in English, as
/// before, and the interpolation does the rest:
///
///     throw CommandError.notFound("no session \"\(id)\" at this competition")
///
/// builds the template `no session "{1}" at this competition` with the argument `id`, so the
/// call site keeps reading as the sentence it prints, and the catalogue keys on the English
/// text the way gettext keys on its msgid. Arguments that are themselves messages (`Said`, a
/// `Localized` error) or bilingual names (`LocalizedText`) are rendered in the same language.
public struct Said: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The English text with `{1}`, `{2}`, … where the arguments go.
    public var template: String
    public var args: [Piece]

    /// One argument: plain text (ids, numbers, what a person typed), a nested message, or a
    /// name given in both languages.
    public enum Piece: Hashable, Sendable {
        case plain(String)
        indirect case said(Said)
        case names(LocalizedText)

        func text(_ lang: Language) -> String {
            switch self {
            case let .plain(s): s
            case let .said(s): s.text(lang)
            case let .names(n): n.text(lang)
            }
        }
    }

    /// `Said("…\(x)…")`: a message built where a `Said` is not yet expected.
    public init(_ said: Said) { self = said }

    public init(template: String, args: [Piece] = []) { self.template = template; self.args = args }

    /// Text that is not translated (a name, an underlying library's own message).
    public init(verbatim text: String) { self.init(template: "{1}", args: [.plain(text)]) }

    public init(stringLiteral value: String) { self.init(template: value) }

    public init(stringInterpolation i: StringInterpolation) { self.init(template: i.template, args: i.args) }

    public struct StringInterpolation: StringInterpolationProtocol {
        var template = ""
        var args: [Piece] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            template.reserveCapacity(literalCapacity + 3 * interpolationCount)
            args.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) { template += literal }

        mutating func append(_ piece: Piece) {
            args.append(piece)
            template.append("{")
            template.append(String(args.count))
            template.append("}")
        }

        public mutating func appendInterpolation<T>(_ value: T) { append(.plain(String(describing: value))) }
        // The common arguments without `String(describing:)`'s dynamic casts (the audit
        // trail formats every event's summary through here).
        public mutating func appendInterpolation(_ value: String) { append(.plain(value)) }
        public mutating func appendInterpolation(_ value: Substring) { append(.plain(String(value))) }
        public mutating func appendInterpolation(_ value: Int) { append(.plain(String(value))) }
        public mutating func appendInterpolation(_ value: UInt64) { append(.plain(String(value))) }
        public mutating func appendInterpolation(_ value: Said) { append(.said(value)) }
        public mutating func appendInterpolation(_ value: some Localized) { append(.said(value.said)) }
        public mutating func appendInterpolation(_ value: LocalizedText) { append(.names(value)) }
    }

    /// The message in `lang`. A template the catalogue lacks reads in English (the catalogue
    /// test fails long before that reaches anyone).
    public func text(_ lang: Language) -> String {
        let t = lang == .en ? template : (Catalogue.chinese[template] ?? template)
        return Template.fill(t, args.map { $0.text(lang) })
    }

    /// An error as a message: its own when it is `Localized`, else its description as it is.
    public static func describing(_ error: any Error) -> Said {
        if let e = error as? Localized { return e.said }
        return Said(verbatim: String(describing: error))
    }

    /// Two messages are the same when they read the same: a test's
    /// `CommandError.forbidden("judge J1 is not assigned to skill S02")` equals the refusal
    /// built from `"judge \(id) is not assigned to skill \(skill)"`.
    public static func == (l: Said, r: Said) -> Bool { l.text(.en) == r.text(.en) }
    public func hash(into h: inout Hasher) { h.combine(text(.en)) }

    /// English: what logs, tests and `String(describing:)` see.
    public var description: String { text(.en) }

    /// Whether the catalogue has this message (and every message inside it) in Chinese.
    public var isCatalogued: Bool {
        (template == "{1}" || Catalogue.chinese[template] != nil) && args.allSatisfy {
            if case let .said(s) = $0 { return s.isCatalogued }
            return true
        }
    }
}

/// Something that shows a person a message: every error a command can print, every refusal.
public protocol Localized {
    var said: Said { get }
}

extension Localized {
    /// The message in `lang`.
    public func text(_ lang: Language) -> String { said.text(lang) }
}

/// `{1}`, `{2}`, … filled in one pass, so an argument that happens to contain `{2}` is left as
/// it is. Screen labels (`Label` in PodiumUI) and messages share it.
public enum Template {
    public static func fill(_ template: String, _ args: [String]) -> String {
        guard !args.isEmpty else { return template }
        // Over the UTF-8 bytes: `{`, digits and `}` are ASCII, so a placeholder is found
        // without walking grapheme clusters, and the text between is copied in slices.
        let u = template.utf8
        var out = ""
        out.reserveCapacity(u.count + args.reduce(0) { $0 + $1.utf8.count })
        var copied = u.startIndex
        var i = u.startIndex
        while i < u.endIndex {
            guard u[i] == UInt8(ascii: "{") else { i = u.index(after: i); continue }
            var j = u.index(after: i)
            var n = 0
            while j < u.endIndex, u[j] >= UInt8(ascii: "0"), u[j] <= UInt8(ascii: "9"), n < 1000 {
                n = n * 10 + Int(u[j] - UInt8(ascii: "0"))
                j = u.index(after: j)
            }
            if j < u.endIndex, u[j] == UInt8(ascii: "}"), j > u.index(after: i), n >= 1, n <= args.count {
                out += template[copied..<i]
                out += args[n - 1]
                i = u.index(after: j)
                copied = i
            } else {
                i = u.index(after: i)
            }
        }
        out += template[copied..<u.endIndex]
        return out
    }

    /// The placeholders a template uses, for the catalogue test.
    public static func placeholders(_ template: String) -> Set<Int> {
        var found = Set<Int>()
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            rest = rest[rest.index(after: open)...]
            if let close = rest.firstIndex(of: "}"), let n = Int(rest[..<close]) { found.insert(n) }
        }
        return found
    }
}

extension Language {
    /// The one rule for every command and screen: `--lang zh|en` when given, else
    /// `PODIUM_LANG`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: `zh_*` is Chinese),
    /// else English. A flag or `PODIUM_LANG` that is neither zh nor en is refused, in the
    /// language the rest of the rule would have chosen.
    public static func choose(flag: String?, environment env: [String: String]) throws(LanguageChoiceError) -> Language {
        let fallback = fromLocale(env)
        if let flag {
            guard let l = Language(rawValue: flag.lowercased()) else {
                throw LanguageChoiceError(said: "--lang must be zh or en (got \"\(flag)\")", lang: fallback)
            }
            return l
        }
        if let v = env["PODIUM_LANG"], !v.isEmpty {
            guard let l = Language(rawValue: v.lowercased()) else {
                throw LanguageChoiceError(said: "PODIUM_LANG must be zh or en (got \"\(v)\")", lang: fallback)
            }
            return l
        }
        return fallback
    }

    /// From `LC_ALL`, `LC_MESSAGES` or `LANG` (the first that is set, as POSIX reads them):
    /// Chinese when it starts with "zh", else English.
    public static func fromLocale(_ env: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = env[key], !v.isEmpty { return v.lowercased().hasPrefix("zh") ? .zh : .en }
        }
        return .en
    }
}

/// `--lang` or `PODIUM_LANG` named no language Podium speaks.
public struct LanguageChoiceError: Error, Localized, CustomStringConvertible, Sendable {
    public var said: Said
    /// The language to say it in.
    public var lang: Language
    public var description: String { said.text(lang) }
}

// Words of the model that appear inside messages, so a Chinese message does not carry an
// English status. Their raw values stay the language-neutral form (JSON, TOML, the log).
extension ResultsStatus: Localized {
    public var said: Said {
        switch self {
        case .marking: Said("marking")
        case .locked: Said("locked")
        case .published: Said("published")
        case .final: Said("final")
        }
    }
}

extension SkillKind: Localized {
    public var said: Said {
        switch self {
        case .official: Said("official")
        case .exhibition: Said("exhibition")
        case .interactive: Said("interactive")
        }
    }
}
