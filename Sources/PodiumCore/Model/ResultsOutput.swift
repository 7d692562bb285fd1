import Foundation

/// The results and medals documents of interfaces.md, as JSON and CSV text. Numbers keep two
/// decimals (87.00), which is why this writes JSON itself rather than through JSONEncoder.
public enum ResultsOutput {
    public static func resultsJSON(_ rounds: [RoundStandings]) -> String {
        let skills = rounds.map { r -> String in
            let entries = r.entries.map { e in
                "{\"competitor\":\(json(e.competitor)),\"delegation\":\(json(e.delegation)),\"raw\":\(e.raw),\"score\":\(e.score),"
                    + "\"rank\":\(e.rank),\"medal\":\(e.medal.map { json($0.rawValue) } ?? "null"),\"provisional\":\(e.provisional)"
                    + (e.advances.map { ",\"advances\":\($0)" } ?? "") + "}"
            }
            return "{\"skill\":\(json(r.key.skill)),\"round\":\(json(r.key.round)),\"status\":\(json(r.status.rawValue)),"
                + "\"progress\":{\"marked\":\(r.marked),\"expected\":\(r.expected)},\"entries\":[\(entries.joined(separator: ","))]}"
        }
        return "{\"skills\":[\(skills.joined(separator: ","))]}"
    }

    public static let resultsCSVHeader = "skill,round,status,rank,competitor,name,delegation,raw,score,medal,provisional"

    public static func resultsCSV(_ rounds: [RoundStandings], state: VenueState) -> String {
        var lines = [resultsCSVHeader]
        for r in rounds {
            for e in r.entries {
                lines.append([r.key.skill, r.key.round, r.status.rawValue, String(e.rank), e.competitor,
                              state.competitors[e.competitor]?.name ?? "", e.delegation, e.raw.description, e.score.description,
                              e.medal?.rawValue ?? "", e.provisional ? "true" : "false"].map(csv).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func medalsJSON(_ rows: [DelegationRow], awards: TeamAwards) -> String {
        let body = rows.map { d in
            "{\"delegation\":\(json(d.delegation)),\"gold\":\(d.gold),\"silver\":\(d.silver),\"bronze\":\(d.bronze),"
                + "\"excellence\":\(d.excellence),\"points\":\(d.points),\"rank\":\(d.rank)}"
        }
        // One delegation: a string, as interfaces.md shows; a shared award: an array; none: null.
        func award(_ ids: [String]) -> String {
            switch ids.count {
            case 0: return "null"
            case 1: return json(ids[0])
            default: return "[" + ids.map(json).joined(separator: ",") + "]"
            }
        }
        return "{\"delegations\":[\(body.joined(separator: ","))],\"team_awards\":{\"gold\":\(award(awards.gold)),"
            + "\"silver\":\(award(awards.silver)),\"bronze\":\(award(awards.bronze))}}"
    }

    public static func medalsCSV(_ rows: [DelegationRow], state: VenueState) -> String {
        var lines = ["rank,delegation,name,gold,silver,bronze,excellence,points"]
        for d in rows {
            lines.append([String(d.rank), d.delegation, state.delegations[d.delegation]?.name.text(.zh) ?? "", String(d.gold),
                          String(d.silver), String(d.bronze), String(d.excellence), String(d.points)].map(csv).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A JSON string literal.
    public static func json(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x2028...0x2029).contains(u.value) {
                    out += "\\u" + String(u.value, radix: 16).leftPadded(4)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// A CSV field, quoted when it must be; a leading = + - @ is prefixed with ' so a
    /// spreadsheet never runs a name as a formula.
    public static func csv(_ s: String) -> String {
        var v = s
        if let f = v.first, "=+-@".contains(f), Double(v) == nil { v = "'" + v }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }
}
