import PodiumCore

/// An error in a theme file, pointing at the file and line: `FILE:LINE: what is wrong`.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible, Localized {
    public var file: String
    /// 1-based; `nil` when the error is about the file as a whole (it cannot be read).
    public var line: Int?
    /// What is wrong; `message` is its English. The parser's own details (which token it
    /// expected) stay in English: theme files are written by technicians, in TOML.
    public var what: Said
    public var message: String { what.text(.en) }

    public init(file: String, line: Int?, message: Said) {
        self.file = file
        self.line = line
        self.what = message
    }

    public var description: String { said.text(.en) }

    public var said: Said {
        if let line { return Said(verbatim: "\(file):\(line): \(message)") }
        return Said("\(file): \(what)")
    }
}

/// A strict parser for the subset of TOML that theme files use (docs/ui.md):
///
/// ```toml
/// name = "default"                 # required string
/// description = "Dark background"  # required string
///
/// [roles]                          # roles as inline tables...
/// gold = { fg = "#FFD700", bg = "default", bold = true }
///
/// [roles.silver]                   # ...or as tables
/// fg = 250
/// bold = true
/// ```
///
/// Values: basic strings (`"..."` with `\" \\ \n \t \uXXXX \UXXXXXXXX`), literal strings
/// (`'...'`), decimal integers, `true`/`false`, and one level of inline table. Comments
/// start with `#` outside strings. Anything else (arrays, dotted keys, multi-line values,
/// unknown keys or roles, duplicates) is an error, and every role must be defined.
enum ThemeParser {

    static func parse(_ source: String, file: String) throws(ThemeError) -> Theme {
        var state = State()
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            let number = index + 1
            do {
                try state.consume(line: String(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine),
                                  number: number)
            } catch {
                throw ThemeError(file: file, line: number, message: Said(verbatim: error.message))
            }
        }
        do {
            return try state.finish()
        } catch {
            throw ThemeError(file: file, line: max(1, lines.count), message: Said(verbatim: error.message))
        }
    }

    /// A problem on the current line.
    struct Failure: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    /// A parsed value.
    enum Value {
        case string(String)
        case integer(Int)
        case boolean(Bool)
        case table([(key: String, value: Value)])

        var kind: String {
            switch self {
            case .string: "a string"
            case .integer: "an integer"
            case .boolean: "a boolean"
            case .table: "an inline table"
            }
        }
    }

    /// What the file has said so far.
    struct State {
        enum Section { case top, roles, role(Role) }

        var section = Section.top
        var name: String?
        var description: String?
        /// Top-level keys already given, with their line.
        var topKeys: [String: Int] = [:]
        /// Roles already defined (or opened as a table), with their line.
        var roleLines: [Role: Int] = [:]
        var styles: [Role: RoleStyle] = [:]
        /// Keys given in the current `[roles.NAME]` table.
        var tableKeys: Set<String> = []

        mutating func consume(line: String, number: Int) throws(Failure) {
            var scanner = Scanner(line)
            scanner.skipSpaces()
            if scanner.atEndOrComment { return }
            if scanner.peek == "[" {
                try openTable(&scanner, number: number)
                return
            }
            let key = try scanner.key()
            scanner.skipSpaces()
            try scanner.expect("=", what: "'=' after key '\(key)'")
            scanner.skipSpaces()
            let value = try scanner.value()
            try scanner.expectEnd()

            switch section {
            case .top:
                try setTopKey(key, value, number: number)
            case .roles:
                let role = try Self.role(named: key)
                try claim(role, number: number)
                guard case .table(let entries) = value else {
                    throw Failure("role '\(key)' must be an inline table such as { fg = \"#FFD700\", bold = true }, not \(value.kind)")
                }
                var seen: Set<String> = []
                var style = RoleStyle()
                for entry in entries {
                    guard seen.insert(entry.key).inserted else {
                        throw Failure("key '\(entry.key)' given twice for role '\(key)'")
                    }
                    try Self.apply(entry.key, entry.value, to: &style)
                }
                styles[role] = style
            case .role(let role):
                guard tableKeys.insert(key).inserted else {
                    throw Failure("key '\(key)' given twice for role '\(role.rawValue)'")
                }
                try Self.apply(key, value, to: &styles[role, default: RoleStyle()])
            }
        }

        private mutating func openTable(_ scanner: inout Scanner, number: Int) throws(Failure) {
            scanner.advance()
            if scanner.peek == "[" { throw Failure("arrays of tables ([[...]]) are not used in theme files") }
            scanner.skipSpaces()
            var path = [try scanner.key()]
            while scanner.peek == "." {
                scanner.advance()
                path.append(try scanner.key())
            }
            scanner.skipSpaces()
            try scanner.expect("]", what: "']' to close the table header")
            try scanner.expectEnd()

            switch path.count {
            case 1 where path[0] == "roles":
                section = .roles
            case 2 where path[0] == "roles":
                let role = try Self.role(named: path[1])
                try claim(role, number: number)
                styles[role] = RoleStyle()
                tableKeys = []
                section = .role(role)
            default:
                throw Failure("unknown table [\(path.joined(separator: "."))]: expected [roles] or [roles.NAME]")
            }
        }

        private mutating func setTopKey(_ key: String, _ value: Value, number: Int) throws(Failure) {
            guard key == "name" || key == "description" else {
                throw Failure("unknown key '\(key)': expected name, description, or a [roles] table")
            }
            if let first = topKeys[key] { throw Failure("key '\(key)' given twice (first on line \(first))") }
            guard case .string(let text) = value else {
                throw Failure("'\(key)' must be a string, not \(value.kind)")
            }
            topKeys[key] = number
            if key == "name" { name = text } else { description = text }
        }

        private mutating func claim(_ role: Role, number: Int) throws(Failure) {
            if let first = roleLines[role] {
                throw Failure("role '\(role.rawValue)' defined twice (first on line \(first))")
            }
            roleLines[role] = number
        }

        func finish() throws(Failure) -> Theme {
            guard let name else { throw Failure("missing key 'name'") }
            guard let description else { throw Failure("missing key 'description'") }
            let missing = Role.allCases.filter { styles[$0] == nil }
            guard missing.isEmpty else {
                throw Failure("missing roles: \(missing.map(\.rawValue).joined(separator: ", ")) (every role must be defined)")
            }
            return Theme(name: name, description: description, styles: styles)
        }

        static func role(named name: String) throws(Failure) -> Role {
            guard let role = Role(rawValue: name) else {
                throw Failure("unknown role '\(name)'; roles are: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return role
        }

        /// Sets one key of a role's style.
        static func apply(_ key: String, _ value: Value, to style: inout RoleStyle) throws(Failure) {
            if key == "fg" || key == "bg" {
                let color = try self.color(value, key: key)
                if key == "fg" { style.foreground = color } else { style.background = color }
            } else if let attribute = Attributes.named.first(where: { $0.name == key })?.attribute {
                guard case .boolean(let on) = value else {
                    throw Failure("'\(key)' must be true or false, not \(value.kind)")
                }
                if on { style.attributes.insert(attribute) } else { style.attributes.remove(attribute) }
            } else {
                throw Failure("unknown key '\(key)': expected fg, bg, bold, dim, reverse or underline")
            }
        }

        static func color(_ value: Value, key: String) throws(Failure) -> ThemeColor {
            switch value {
            case .integer(let n):
                guard (0...255).contains(n) else { throw Failure("'\(key)' palette index \(n) is outside 0–255") }
                return .index(UInt8(n))
            case .string(let text):
                guard let color = ThemeColor(name: text) else {
                    throw Failure("'\(key)' has invalid colour \"\(text)\": expected \"#RRGGBB\", a palette index 0–255, \"default\", or a name such as red or bright-red")
                }
                return color
            default:
                throw Failure("'\(key)' must be a colour string or a palette index, not \(value.kind)")
            }
        }
    }

    /// Reads one line.
    struct Scanner {
        private let characters: [Character]
        private var position = 0

        init(_ line: String) { characters = Array(line) }

        var peek: Character? { position < characters.count ? characters[position] : nil }
        var atEndOrComment: Bool { peek == nil || peek == "#" }

        mutating func advance() { position += 1 }

        mutating func skipSpaces() {
            while peek == " " || peek == "\t" { advance() }
        }

        mutating func expect(_ character: Character, what: String) throws(Failure) {
            guard peek == character else { throw Failure("expected \(what), found \(found)") }
            advance()
        }

        /// Only spaces and a comment may follow.
        mutating func expectEnd() throws(Failure) {
            skipSpaces()
            guard atEndOrComment else { throw Failure("unexpected \(found) after the value") }
        }

        private var found: String {
            guard let peek else { return "end of line" }
            return "'\(peek)'"
        }

        /// A bare key: letters, digits, `_` and `-`.
        mutating func key() throws(Failure) -> String {
            var key = ""
            while let c = peek, c.isASCII, c.isLetter || c.isNumber || c == "_" || c == "-" {
                key.append(c)
                advance()
            }
            guard !key.isEmpty else {
                if peek == "\"" || peek == "'" { throw Failure("quoted keys are not used in theme files") }
                throw Failure("expected a key, found \(found)")
            }
            return key
        }

        mutating func value() throws(Failure) -> Value {
            switch peek {
            case "\"": return .string(try basicString())
            case "'": return .string(try literalString())
            case "{": return try inlineTable()
            case "[": throw Failure("arrays are not used in theme files")
            case let c? where c.isNumber || c == "-" || c == "+": return .integer(try integer())
            case let c? where c.isLetter:
                let word = try key()
                switch word {
                case "true": return .boolean(true)
                case "false": return .boolean(false)
                default: throw Failure("unexpected '\(word)': strings need quotes")
                }
            default:
                throw Failure("expected a value, found \(found)")
            }
        }

        private mutating func integer() throws(Failure) -> Int {
            var text = ""
            if let sign = peek, sign == "-" || sign == "+" {
                text.append(sign)
                advance()
            }
            while let c = peek, c.isASCII, c.isNumber {
                text.append(c)
                advance()
            }
            if let c = peek, c.isLetter || c == "." || c == "_" {
                throw Failure("unsupported number: only decimal integers are used in theme files")
            }
            guard let n = Int(text) else { throw Failure("invalid integer '\(text)'") }
            return n
        }

        private mutating func literalString() throws(Failure) -> String {
            advance()
            var text = ""
            while let c = peek, c != "'" {
                text.append(c)
                advance()
            }
            guard peek == "'" else { throw Failure("unterminated string") }
            advance()
            return text
        }

        private mutating func basicString() throws(Failure) -> String {
            advance()
            var text = ""
            while let c = peek, c != "\"" {
                advance()
                guard c == "\\" else {
                    text.append(c)
                    continue
                }
                guard let escaped = peek else { break }
                advance()
                switch escaped {
                case "\"": text.append("\"")
                case "\\": text.append("\\")
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "u": text.unicodeScalars.append(try unicodeEscape(digits: 4))
                case "U": text.unicodeScalars.append(try unicodeEscape(digits: 8))
                default: throw Failure("unknown escape '\\\(escaped)' in string")
                }
            }
            guard peek == "\"" else { throw Failure("unterminated string") }
            advance()
            return text
        }

        private mutating func unicodeEscape(digits: Int) throws(Failure) -> Unicode.Scalar {
            var hex = ""
            for _ in 0..<digits {
                guard let c = peek, c.isHexDigit else { throw Failure("expected \(digits) hex digits in a \\u escape") }
                hex.append(c)
                advance()
            }
            guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                throw Failure("\\u\(hex) is not a Unicode scalar")
            }
            return scalar
        }

        private mutating func inlineTable() throws(Failure) -> Value {
            advance()
            var entries: [(key: String, value: Value)] = []
            skipSpaces()
            if peek == "}" {
                advance()
                return .table(entries)
            }
            while true {
                skipSpaces()
                if peek == "}" { throw Failure("trailing comma before '}'") }
                let key = try key()
                skipSpaces()
                try expect("=", what: "'=' after key '\(key)'")
                skipSpaces()
                if peek == "{" { throw Failure("nested inline tables are not used in theme files") }
                entries.append((key, try value()))
                skipSpaces()
                if peek == "," {
                    advance()
                    continue
                }
                try expect("}", what: "',' or '}' in inline table")
                return .table(entries)
            }
        }
    }
}
