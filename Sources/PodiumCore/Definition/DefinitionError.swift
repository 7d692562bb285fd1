/// A problem in a competition definition: a TOML syntax error, a key of the wrong type, a
/// missing or unknown key, or a rule of `DefinitionValidator` that does not hold.
///
/// `table` names where the problem is, e.g. `"competition"`, `"skills[2] (S03)"` or
/// `"skills[2] (S03).modules[0] (A).aspects[1] (A2)"` (indices from 0), and is empty for the
/// document itself. `description` reads the same place as a person would look for it:
///
///     competition.toml:12: [[skills]] #3 "S03", key "modules": aspect maxima add up to 95.00, expected 100.00
///
/// `line` (and `column`) are given for syntax and encoding errors, and, when the definition was
/// read from TOML text, for every other error whose place could be found in the text.
public struct DefinitionError: Error, CustomStringConvertible, Equatable, Sendable, Localized {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var table: String
    public var key: String?
    /// What is wrong, without the place; `message` is its English.
    public var what: Said
    public var message: String { what.text(.en) }

    /// The structured form of `table`, when it was built from one; used for `description` and
    /// for finding the line in the source text.
    var path: [DefinitionPath.Segment]?

    public init(file: String, line: Int? = nil, column: Int? = nil, table: String, key: String? = nil,
                message: Said) {
        self.file = file; self.line = line; self.column = column
        self.table = table; self.key = key; self.what = message
        self.path = nil
    }

    init(file: String, path: [DefinitionPath.Segment], key: String? = nil, message: Said,
         line: Int? = nil, column: Int? = nil) {
        self.file = file; self.line = line; self.column = column
        self.table = DefinitionPath.tableName(path)
        self.key = key; self.what = message
        self.path = path
    }

    public var description: String { said.text(.en) }

    /// `file:line:column: place, key "k": what`; the place names TOML tables as written.
    public var said: Said {
        var s = file
        if let line {
            s += ":\(line)"
            if let column { s += ":\(column)" }
        }
        let place = path.map(DefinitionPath.heading) ?? table
        var parts: [Said] = []
        if !place.isEmpty { parts.append(Said(verbatim: place)) } else if key != nil { parts.append("top level") }
        if let key { parts.append(Said("key \"\(key)\"")) }
        switch parts.count {
        case 0: return Said("\(s): \(what)")
        case 1: return Said("\(s): \(parts[0]): \(what)")
        default: return Said("\(s): \(parts[0]), \(parts[1]): \(what)")
        }
    }

    public static func == (l: DefinitionError, r: DefinitionError) -> Bool {
        l.file == r.file && l.line == r.line && l.column == r.column && l.table == r.table
            && l.key == r.key && l.what == r.what
    }
}

/// Where in the definition a value sits: `[competition]`, `[[skills]] #3 "S03"`, an aspect
/// inside a module inside a skill.
enum DefinitionPath {
    struct Segment: Hashable, Sendable {
        /// The TOML key: "competition", "skills", "modules", "aspects", "rounds"...
        var name: String
        /// The position in its array (from 0), nil for a plain table.
        var index: Int?
        /// The element's `id`, when it has one.
        var id: String?

        init(_ name: String, index: Int? = nil, id: String? = nil) {
            self.name = name; self.index = index; self.id = id
        }
    }

    /// `skills[2] (S03).modules[0] (A)`: the `table` field's form.
    static func tableName(_ path: [Segment]) -> String {
        path.map { seg in
            var s = seg.name
            if let i = seg.index { s += "[\(i)]" }
            if let id = seg.id, !id.isEmpty { s += " (\(id))" }
            return s
        }.joined(separator: ".")
    }

    /// `[[skills]] #3 "S03", modules #1 "A"`: the form a person looks for in the file.
    static func heading(_ path: [Segment]) -> String {
        var parts: [String] = []
        for (n, seg) in path.enumerated() {
            var s: String
            if n == 0 {
                s = seg.index == nil ? "[\(seg.name)]" : "[[\(seg.name)]]"
            } else {
                s = seg.name
            }
            if let i = seg.index { s += " #\(i + 1)" }
            if let id = seg.id, !id.isEmpty { s += " \"\(id)\"" }
            parts.append(s)
        }
        return parts.joined(separator: ", ")
    }
}
