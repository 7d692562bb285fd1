import Foundation
import PodiumCore

/// The public board as a static file (`podium snapshot`), for a web page or for print. Both
/// forms show only what the board shows: results through `publicStandings` and
/// `medalTables(publicOnly: true)`, the reveal's current step while a ceremony runs.
public enum BoardSnapshot {
    /// Every page of the rotation as the board draws it at `width`×`height` (the reveal page
    /// alone while a ceremony runs), one after another with a blank line between, trailing
    /// spaces trimmed.
    public static func text(_ model: BoardModel, theme: Theme = .builtIn, width: Int, height: Int, now: Date) -> String {
        var m = model
        m.overlay = nil
        let pages: [BoardPage] = m.revealing ? [m.page] : m.pages
        var out: [String] = []
        for page in pages {
            m.go(to: page, now: now)
            let canvas = BoardScreen.render(m, theme: theme, width: width, height: height, now: now)
            out.append(canvas.lines().map { line in
                var l = Substring(line)
                while l.last == " " { l = l.dropLast() }
                return String(l)
            }.joined(separator: "\n"))
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    /// A self-contained HTML page (UTF-8, no scripts, no external resources); every piece of
    /// text from the venue is escaped.
    public static func html(_ m: BoardModel, now: Date) -> String {
        let f = m.formats
        let s = m.state
        let lang = m.lang
        var body: [String] = []
        let name = s.competition?.name.text(lang) ?? ""
        body.append("<h1>\(escape(name))</h1>")
        if let past = m.past {
            body.append("<p class=\"past\" style=\"background:#875FAF;color:#FFFFFF;font-weight:bold;padding:0.5em\">\(escape(PastViewText.line(past, timeZone: s.timeZone)))</p>")
        }
        body.append("<p class=\"updated\">\(escape(f.day(now) + " " + f.clock(now)))</p>")
        if let closing = m.closing, let parts = m.countdown(at: now) {
            body.append("<p class=\"countdown\">\(escape(f.countdown(parts) + BoardScreen.pausedNote(m)))</p>")
            body.append("<p>\(escape(f.label(.closingAt) + (lang == .zh ? "：" : ": ") + f.day(closing) + " " + f.hourMinute(closing)))</p>")
        }
        if let step = s.ceremony.step {
            body.append("<section class=\"reveal\"><h2>\(escape(f.label(.ceremonyReveal) + Formats.dot + f.ceremonyStep(s.ceremony.current + 1, of: s.ceremony.steps.count)))</h2>")
            body.append("<p>\(escape(RevealText.line(step, state: s, lang: lang)))</p></section>")
        }
        let notices = m.state.announcements.items.filter { $0.isActive(at: now) }
        if !notices.isEmpty {
            body.append("<ul class=\"announcements\">" + notices.map { "<li class=\"\($0.announcement.priority.rawValue)\">\(escape($0.announcement.text))</li>" }.joined() + "</ul>")
        }

        // Now and next.
        body.append("<h2>\(escape(f.label(.nowAndNext)))</h2>")
        for site in m.shownSites {
            var rows: [[String]] = []
            for x in m.liveSessions(site: site.id, now: now) {
                rows.append([f.label(.liveNow), f.span(x.startedAt ?? x.effectiveStart, x.effectiveEnd), m.title(skill: x.session.skill, round: x.session.round),
                             x.station, BoardScreen.sessionNote(m, x, now: now, live: true).0])
            }
            for x in m.nextSessions(site: site.id, now: now) + m.cancelledSessions(site: site.id, now: now) {
                rows.append([x.status == .cancelled ? f.label(.cancelled) : f.label(.next), f.when(x.effectiveStart, now: now),
                             m.title(skill: x.session.skill, round: x.session.round), x.station, BoardScreen.sessionNote(m, x, now: now, live: false).0])
            }
            body.append("<h3>\(escape(site.name.text(lang)))</h3>")
            body.append(rows.isEmpty ? "<p>\(escape(f.label(.nothingLive)))</p>"
                        : table([f.label(.liveNow), f.label(.time), f.label(.skill), f.label(.station), ""], rows))
        }

        // Medal tables (public results only).
        let (tables, awards) = s.medalTables(publicOnly: true, now: now)
        body.append("<h2>\(escape(f.label(.medalTables) + Formats.dot + f.label(.publicOnlyNote)))</h2>")
        for (label, t) in [(Label.goldTable, TeamTable.gold), (.countTable, .count), (.pointsTable, .points)] {
            body.append("<h3>\(escape(f.label(label)))</h3>")
            body.append(table([f.label(.rank), f.label(.delegation), f.label(.goldShort), f.label(.silverShort), f.label(.bronzeShort),
                               f.label(.excellenceShort), f.label(.medalCount), f.label(.points)],
                              tables.table(t).map { r in
                                  ["\(r.rank)", m.delegationName(r.delegation), "\(r.gold)", "\(r.silver)", "\(r.bronze)", "\(r.excellence)",
                                   "\(r.medalCount)", "\(r.points)"]
                              }))
        }
        let given = [(Label.teamGold, awards.gold), (.teamSilver, awards.silver), (.teamBronze, awards.bronze)].filter { !$0.1.isEmpty }
        body.append("<p>\(escape(f.label(.teamAwards) + (lang == .zh ? "：" : ": ")))"
                    + (given.isEmpty ? escape(f.label(.noTeamAwardsYet)) : given.map { escape(f.label($0.0) + " " + f.list($0.1.map(m.delegationName))) }.joined(separator: "; "))
                    + "</p>")

        // Each skill: its public standings, or its progress only.
        for skill in m.skills {
            guard let key = m.displayRound(skill, now: now) else { continue }
            body.append("<h2>\(escape(m.title(skill: skill.id, round: key.round)))</h2>")
            guard let st = s.publicStandings(key, now: now) else {
                body.append("<p>\(escape(BoardScreen.statusText(m, key)))</p>")
                continue
            }
            body.append("<p>\(escape(f.status(st.status)))</p>")
            body.append(table([f.label(.rank), f.label(.medal), f.label(.competitor), f.label(.delegation), f.label(.score), f.label(.provisional)],
                              st.entries.map { e in
                                  ["\(e.rank)", e.medal.map { f.medal($0) } ?? "", s.competitors[e.competitor]?.name ?? e.competitor,
                                   m.delegationName(e.delegation), e.score.description, e.provisional ? f.label(.provisional) : ""]
                              }))
        }
        return """
        <!DOCTYPE html>
        <html lang="\(lang == .zh ? "zh-CN" : "en")">
        <head><meta charset="utf-8"><title>\(escape(name))</title>
        <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .6em}.countdown{font-size:2em;font-weight:bold}.urgent{color:#b00}</style>
        </head>
        <body>
        \(body.joined(separator: "\n"))
        </body>
        </html>

        """
    }

    static func table(_ head: [String], _ rows: [[String]]) -> String {
        "<table><tr>" + head.map { "<th>\(escape($0))</th>" }.joined() + "</tr>"
            + rows.map { "<tr>" + $0.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }.joined() + "</table>"
    }

    /// Text for HTML: `& < > " '` escaped, control characters dropped.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: if !TextRules.isControl(u) { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
