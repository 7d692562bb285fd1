import Foundation

extension CompetitionTOML {
    /// Writes `d` as a `competition.toml` in the documented format (see `interfaces.md`):
    /// `[competition]`, then `[[sites]]`, `[[delegations]]`, `[[skills]]` (with their
    /// `[[skills.modules]]`), `[[competitors]]`, `[[judges]]` and `[[sessions]]`, with a comment
    /// heading each section. Every value is written, defaults included, so the file documents
    /// itself; `parse(render(d)) == d` for any valid definition whose times are whole seconds.
    ///
    /// Names are `{ zh = "…", en = "…" }`, times RFC 3339 offset date-times in the
    /// competition's time zone (`"2025-06-20T08:30:00+08:00"`), maxima decimals (`40.0`,
    /// `12.5`), strings escaped as TOML basic strings. Deterministic: the same definition
    /// always gives the same bytes.
    public static func render(_ d: CompetitionDefinition) -> String {
        var w = CompetitionTOMLRenderState(timeZone: TimeZone(identifier: d.competition.timezone))
        let c = d.competition

        w.comment("Podium competition definition: \(c.name.zh ?? "") / \(c.name.en ?? "")")
        w.comment("\(d.sites.count) sites, \(d.delegations.count) delegations, \(d.skills.count) skills, "
                  + "\(d.competitors.count) competitors, \(d.judges.count) judges, \(d.sessions.count) sessions.")
        w.comment("Times are RFC 3339 with the UTC offset of the competition's time zone; marks have two decimals.")
        w.blank()

        // [competition]
        w.line("[competition]")
        w.line("id = \(renderString(c.id))")
        w.line("name = \(renderName(c.name))")
        w.line("timezone = \(renderString(c.timezone))")
        w.line("closing = \(renderString(w.date(c.closing)))", "the closing ceremony the big countdown aims at")
        w.line("results_policy = \(renderString(c.resultsPolicy.rawValue))", "live | on-publish | at-ceremony")
        w.line("standardisation = \(renderString(c.standardisation.rawValue))", "none | scale700")
        w.line("scale_k = \(renderFixed2(c.scaleK))", "scale700's spread multiplier k")
        switch c.excellence {
        case let .topFraction(f):
            w.line("excellence = { top_fraction = \(renderFraction(f)) }", "or { threshold = 700.0 }")
        case let .threshold(t):
            w.line("excellence = { threshold = \(renderFixed2(t)) }", "or { top_fraction = 0.5 }")
        }
        w.line("tie_break = \(renderString(c.tieBreak.rawValue))", "none | modules")
        w.line("team_table = \(renderString(c.teamTable.rawValue))", "gold | count | points")
        let p = c.points
        w.line("points = { gold = \(p.gold), silver = \(p.silver), bronze = \(p.bronze), excellence = \(p.excellence) }")
        w.line("judge_own_delegation = \(c.judgeOwnDelegation)",
               "may judges score their own delegation's competitors?")
        if let e = c.ceremonyExcellence {
            w.line("ceremony_excellence = \(e)", "does the ceremony reveal each skill's Medallions for Excellence before bronze?")
        }

        if !d.sites.isEmpty {
            w.section("Sites 赛区: the main venue and the sub-venues")
            for (i, s) in d.sites.enumerated() {
                if i > 0 { w.blank() }
                w.line("[[sites]]")
                w.line("id = \(renderString(s.id))")
                w.line("name = \(renderName(s.name))")
            }
        }

        if !d.delegations.isEmpty {
            w.section("Delegations 代表队")
            for (i, g) in d.delegations.enumerated() {
                if i > 0 { w.blank() }
                w.line("[[delegations]]")
                w.line("id = \(renderString(g.id))")
                w.line("name = \(renderName(g.name))")
            }
        }

        if !d.skills.isEmpty {
            w.section("Skills 赛项: rounds in order, and the marking scheme (aspect maxima add up to 100)")
            for (i, s) in d.skills.enumerated() {
                if i > 0 { w.blank() }
                w.line("[[skills]]")
                w.line("id = \(renderString(s.id))")
                w.line("name = \(renderName(s.name))")
                w.line("origin = \(renderString(s.origin.rawValue))", "worldskills | national | shanghai")
                w.line("kind = \(renderString(s.kind.rawValue))", "official | exhibition | interactive")
                w.line("panel = \(s.panel)", "judges per judgement panel")
                let rounds = s.rounds.map(renderRound)
                if rounds.count == 1 {
                    w.line("rounds = [ \(rounds[0]) ]")
                } else if rounds.isEmpty {
                    w.line("rounds = []")
                } else {
                    w.line("rounds = [")
                    for r in rounds { w.line("  \(r),") }
                    w.line("]")
                }
                for m in s.modules {
                    w.line("  [[skills.modules]]")
                    w.line("  id = \(renderString(m.id))")
                    w.line("  name = \(renderName(m.name))")
                    if m.aspects.isEmpty {
                        w.line("  aspects = []")
                    } else {
                        w.line("  aspects = [")
                        for a in m.aspects {
                            w.line("    { id = \(renderString(a.id)), type = \(renderString(a.type.rawValue)), "
                                   + "max = \(renderFixed2(a.max)), text = \(renderString(a.text)) },")
                        }
                        w.line("  ]")
                    }
                }
            }
        }

        if !d.competitors.isEmpty {
            w.section("Competitors 选手: a team entry counts as one competitor and lists its members")
            let skillNames = Dictionary(d.skills.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            var lastSkill: String? = nil
            for (i, x) in d.competitors.enumerated() {
                if i > 0 { w.blank() }
                if x.skill != lastSkill {
                    lastSkill = x.skill
                    let name = skillNames[x.skill].map { " " + [$0.zh, $0.en].compactMap { $0 }.joined(separator: " ") } ?? ""
                    w.comment("\(x.skill)\(name)")
                }
                w.line("[[competitors]]")
                w.line("id = \(renderString(x.id))")
                w.line("name = \(renderString(x.name))")
                w.line("delegation = \(renderString(x.delegation))")
                w.line("skill = \(renderString(x.skill))")
                if !x.members.isEmpty { w.line("members = \(renderStrings(x.members))") }
            }
        }

        if !d.judges.isEmpty {
            w.section("Judges 裁判: chief = true marks the skill's chief judge 裁判长")
            for (i, j) in d.judges.enumerated() {
                if i > 0 { w.blank() }
                w.line("[[judges]]")
                w.line("id = \(renderString(j.id))")
                w.line("name = \(renderString(j.name))")
                w.line("delegation = \(renderString(j.delegation))")
                w.line("skills = \(renderStrings(j.skills))")
                w.line("chief = \(j.chief)")
            }
        }

        if !d.sessions.isEmpty {
            w.section("Sessions 场次: one per skill, round and time slot, at a site and station")
            var lastDay: String? = nil
            for (i, s) in d.sessions.enumerated() {
                if i > 0 { w.blank() }
                let start = w.date(s.start)
                let day = String(start.prefix(10))
                if day != lastDay {
                    lastDay = day
                    w.comment(day)
                }
                w.line("[[sessions]]")
                w.line("id = \(renderString(s.id))")
                w.line("skill = \(renderString(s.skill))")
                w.line("round = \(renderString(s.round))")
                w.line("site = \(renderString(s.site))")
                w.line("station = \(renderString(s.station))")
                w.line("start = \(renderString(start))")
                w.line("end = \(renderString(w.date(s.end)))")
            }
        }
        return w.out
    }

    // MARK: - Values

    /// A TOML basic string: `"` and `\` escaped, control characters as `\n`, `\t`… or `\uXXXX`.
    static func renderString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{0C}": out += "\\f"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static func renderStrings(_ a: [String]) -> String {
        "[" + a.map(renderString).joined(separator: ", ") + "]"
    }

    /// `{ zh = "…", en = "…" }`, leaving out a language that is not given.
    static func renderName(_ t: LocalizedText) -> String {
        var parts: [String] = []
        if let zh = t.zh, !zh.isEmpty { parts.append("zh = \(renderString(zh))") }
        if let en = t.en, !en.isEmpty { parts.append("en = \(renderString(en))") }
        if parts.isEmpty { return "\"\"" }
        return "{ " + parts.joined(separator: ", ") + " }"
    }

    /// A TOML float with one or two decimals: `40.0`, `12.5`, `12.25`.
    static func renderFixed2(_ v: Fixed2) -> String {
        let sign = v.hundredths < 0 ? "-" : ""
        let a = v.hundredths.magnitude
        let whole = a / 100, frac = a % 100
        if frac % 10 == 0 { return "\(sign)\(whole).\(frac / 10)" }
        return "\(sign)\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }

    /// A TOML float with up to four decimals: `0.5`, `1.0`, `0.3333`.
    static func renderFraction(_ f: Fraction) -> String {
        let sign = f.perTenThousand < 0 ? "-" : ""
        let a = f.perTenThousand.magnitude
        var digits = String(a % 10_000)
        digits = String(repeating: "0", count: 4 - digits.count) + digits
        while digits.count > 1, digits.hasSuffix("0") { digits.removeLast() }
        return "\(sign)\(a / 10_000).\(digits)"
    }

    static func renderRound(_ r: Round) -> String {
        var s = "{ id = \(renderString(r.id)), name = \(renderName(r.name))"
        if let n = r.advance { s += ", advance = \(n)" }
        if let f = r.advanceFraction { s += ", advance_fraction = \(renderFraction(f))" }
        return s + " }"
    }

    /// RFC 3339 in `timeZone` (UTC when nil or when its offset is not whole minutes):
    /// `2025-06-20T08:30:00+08:00`, with up to six decimals of a second when there are any.
    static func renderDate(_ date: Date, timeZone: TimeZone?) -> String {
        var offset = timeZone?.secondsFromGMT(for: date) ?? 0
        if offset % 60 != 0 { offset = 0 }
        let micros = Int64(((date.timeIntervalSince1970 + Double(offset)) * 1_000_000).rounded())
        let (q, r) = micros.quotientAndRemainder(dividingBy: 1_000_000)
        let seconds = r < 0 ? q - 1 : q
        let fraction = r < 0 ? r + 1_000_000 : r
        let (dq, dr) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let days = Int(dr < 0 ? dq - 1 : dq)
        let secondOfDay = Int(dr < 0 ? dr + 86_400 : dr)
        let (y, m, d) = civilFromDays(days)

        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var year = String(abs(y))
        year = String(repeating: "0", count: max(0, 4 - year.count)) + year
        var s = "\(y < 0 ? "-" : "")\(year)-\(two(m))-\(two(d))T"
            + "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
        if fraction != 0 {
            var f = String(fraction)
            f = String(repeating: "0", count: 6 - f.count) + f
            while f.hasSuffix("0") { f.removeLast() }
            s += "." + f
        }
        if offset == 0 && timeZone == nil { return s + "Z" }
        let om = abs(offset) / 60
        return s + (offset < 0 ? "-" : "+") + two(om / 60) + ":" + two(om % 60)
    }

    /// (year, month, day) of a day count since 1970-01-01, proleptic Gregorian (Howard Hinnant).
    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

/// The text being written, line by line.
private struct CompetitionTOMLRenderState {
    let timeZone: TimeZone?
    var out = ""

    /// Trailing comments start in this column when the line is short enough.
    static let commentColumn = 45

    mutating func line(_ s: String, _ comment: String? = nil) {
        out += s
        if let comment {
            let width = s.unicodeScalars.count
            out += String(repeating: " ", count: max(2, Self.commentColumn - width)) + "# " + Self.clean(comment)
        }
        out += "\n"
    }

    mutating func comment(_ s: String) { out += "# " + Self.clean(s) + "\n" }

    mutating func blank() { out += "\n" }

    /// A blank line, a ruled heading comment, a blank line.
    mutating func section(_ title: String) {
        out += "\n# ── " + Self.clean(title) + " ──\n\n"
    }

    func date(_ d: Date) -> String { CompetitionTOML.renderDate(d, timeZone: timeZone) }

    /// A comment ends at the line's end: control characters become spaces.
    static func clean(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map {
            $0.value < 0x20 || $0.value == 0x7F ? " " : $0
        }))
    }
}
