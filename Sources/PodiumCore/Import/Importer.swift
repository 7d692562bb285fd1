import Foundation

/// Why an import file is refused: "marks.csv: row 7, column score: 4 is out of range for A2: …".
/// Rows are numbered as a spreadsheet shows them (the header is row 1); a byte that is not
/// UTF-8 is placed by its line instead, since a quoted field may span lines.
public struct ImportError: Error, CustomStringConvertible, Equatable, Sendable, Localized {
    public var file: String
    public var row: Int?
    public var line: Int?
    public var column: String?
    /// What is wrong, without the place; `message` is its English.
    public var what: Said
    public var message: String { what.text(.en) }

    public init(file: String, row: Int? = nil, line: Int? = nil, column: String? = nil, message: Said) {
        self.file = file; self.row = row; self.line = line; self.column = column; self.what = message
    }

    public var description: String { said.text(.en) }

    public var said: Said {
        var place: [Said] = []
        if let row { place.append(Said("row \(row)")) }
        if let line { place.append(Said("line \(line)")) }
        if let column { place.append(Said("column \(column)")) }
        switch place.count {
        case 0: return Said("\(file): \(what)")
        case 1: return Said("\(file): \(place[0]): \(what)")
        case 2: return Said("\(file): \(place[0]), \(place[1]): \(what)")
        default: return Said("\(file): \(place[0]), \(place[1]), \(place[2]): \(what)")
        }
    }
}

/// One row of a marks file, as read: the score stays text until the aspect's type (known only
/// from the venue's state) says how to read it. `Command.importMarks` checks it.
public struct ImportedMark: Hashable, Sendable {
    /// The file's row number, for errors.
    public var row: Int
    public var judge: String
    public var competitor: String
    public var aspect: String
    public var scoreText: String
    public var round: String?
    public var reason: String?

    public init(row: Int, judge: String, competitor: String, aspect: String, scoreText: String,
                round: String? = nil, reason: String? = nil) {
        self.row = row; self.judge = judge; self.competitor = competitor; self.aspect = aspect
        self.scoreText = scoreText; self.round = round; self.reason = reason
    }
}

/// Maps the CSV layouts of interfaces.md onto the model. Everything a file can get wrong by
/// itself is an `ImportError` naming its row and column; given the venue's `state`, references
/// (delegations, skills, ids already taken) are checked per row too. Marks are checked against
/// the state by `Command.importMarks`, exactly as typed at a judge console.
public enum Importer {
    public static let competitorColumns = (required: ["id", "name", "delegation", "skill"], optional: ["members"])
    public static let judgeColumns = (required: ["id", "name", "delegation", "skills", "chief"], optional: [String]())
    public static let markColumns = (required: ["judge", "competitor", "aspect", "score"], optional: ["round", "reason"])

    /// `id,name,delegation,skill` and optional `members` (`;`-separated).
    public static func competitors(_ table: CSVTable, against state: VenueState? = nil) throws(ImportError) -> [Competitor] {
        var reader = try Rows(table, competitorColumns)
        var list: [Competitor] = []
        var firstRow: [String: Int] = [:]
        for row in table.rows {
            reader.row = row
            let id = try reader.id("id", firstRow: &firstRow, taken: state.map { s in { s.competitors.contains($0) } }, what: "competitor")
            let name = try reader.text("name")
            let delegation = try reader.reference("delegation", in: state?.delegations.items.map(\.id), what: "delegation")
            let skill = try reader.reference("skill", in: state?.skills.items.map(\.id), what: "skill")
            let members = try reader.list("members", optional: true)
            for m in members { try reader.check(m, column: "members", field: "a member's name") }
            list.append(Competitor(id: id, name: name, delegation: delegation, skill: skill, members: members))
        }
        return list
    }

    /// `id,name,delegation,skills,chief` (`skills` `;`-separated; `chief` true/false, yes/no or 1/0).
    public static func judges(_ table: CSVTable, against state: VenueState? = nil) throws(ImportError) -> [Judge] {
        var reader = try Rows(table, judgeColumns)
        var list: [Judge] = []
        var firstRow: [String: Int] = [:]
        for row in table.rows {
            reader.row = row
            let id = try reader.id("id", firstRow: &firstRow, taken: state.map { s in { s.judges.contains($0) } }, what: "judge")
            let name = try reader.text("name")
            let delegation = try reader.reference("delegation", in: state?.delegations.items.map(\.id), what: "delegation")
            var skills: [String] = []
            for s in try reader.list("skills", optional: false) where !skills.contains(s) {
                if let known = state?.skills.items.map(\.id), !known.contains(s) {
                    throw reader.error("skills", "no skill \"\(s)\" at this competition (\(listed(known)))")
                }
                skills.append(s)
            }
            let chief: Bool
            switch reader.value("chief").lowercased() {
            case "true", "yes", "1": chief = true
            case "false", "no", "0": chief = false
            case "": throw reader.error("chief", "empty; write true or false")
            case let other: throw reader.error("chief", "\"\(other)\" is not true or false (nor yes/no, 1/0)")
            }
            list.append(Judge(id: id, name: name, delegation: delegation, skills: skills, chief: chief))
        }
        return list
    }

    /// `judge,competitor,aspect,score` and optional `round,reason`. The score is kept as text.
    public static func marks(_ table: CSVTable) throws(ImportError) -> [ImportedMark] {
        var reader = try Rows(table, markColumns)
        var list: [ImportedMark] = []
        for row in table.rows {
            reader.row = row
            let judge = try reader.required("judge")
            let competitor = try reader.required("competitor")
            let aspect = try reader.required("aspect")
            let score = try reader.required("score")
            let round = reader.value("round")
            let reason = reader.value("reason")
            list.append(ImportedMark(row: row.number, judge: judge, competitor: competitor, aspect: aspect, scoreText: score,
                                     round: round.isEmpty ? nil : round, reason: reason.isEmpty ? nil : reason))
        }
        return list
    }

    /// "A, B and C", or the first few and a count.
    static func listed(_ ids: [String]) -> String {
        if ids.isEmpty { return "there are none" }
        let shown = ids.prefix(12).joined(separator: ", ")
        return ids.count > 12 ? "\(shown) and \(ids.count - 12) more" : shown
    }

    /// Reads one row's fields by column name, with errors naming the row and column.
    private struct Rows {
        let table: CSVTable
        let index: [String: Int]
        var row = CSVRow(number: 1, fields: [])

        init(_ table: CSVTable, _ layout: (required: [String], optional: [String])) throws(ImportError) {
            self.table = table
            index = try table.columns(required: layout.required, optional: layout.optional)
            guard !table.rows.isEmpty else { throw ImportError(file: table.file, message: "no rows below the header: nothing to import") }
        }

        func error(_ column: String, _ message: Said) -> ImportError {
            ImportError(file: table.file, row: row.number, column: column, message: message)
        }

        /// The trimmed value, or "" when the column is absent.
        func value(_ column: String) -> String {
            index[column].map { row.fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
        }

        func required(_ column: String) throws(ImportError) -> String {
            let v = value(column)
            if v.isEmpty { throw error(column, "empty") }
            return v
        }

        func check(_ text: String, column: String, field: Said) throws(ImportError) {
            do { try TextRules.check(text, field: field, maxCharacters: 100) } catch { throw self.error(column, error.said) }
        }

        func text(_ column: String) throws(ImportError) -> String {
            let v = try required(column)
            try check(v, column: column, field: "the \(column)")
            return v
        }

        func id(_ column: String, firstRow: inout [String: Int], taken: ((String) -> Bool)?, what: Said) throws(ImportError) -> String {
            let v = try text(column)
            if let first = firstRow[v] { throw error(column, "\(what) \(v) is also on row \(first)") }
            if taken?(v) == true { throw error(column, "\(what) \(v) is already registered at this competition") }
            firstRow[v] = row.number
            return v
        }

        func reference(_ column: String, in known: [String]?, what: Said) throws(ImportError) -> String {
            let v = try required(column)
            if let known, !known.contains(v) { throw error(column, "no \(what) \"\(v)\" at this competition (\(Importer.listed(known)))") }
            return v
        }

        /// A `;`-separated list: items trimmed, empty ones dropped.
        func list(_ column: String, optional: Bool) throws(ImportError) -> [String] {
            let items = value(column).split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if items.isEmpty && !optional { throw error(column, "empty; list them separated by ;") }
            return items
        }
    }
}
