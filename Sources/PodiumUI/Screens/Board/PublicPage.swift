import Foundation
import PodiumCore

/// The words only the public page uses, in Chinese and English (one place, so the message
/// catalogue can take them over whole).
public enum PageText: String, CaseIterable, Sendable, CustomStringConvertible {
    case otherOrders
    case stillMarking
    case updated
    case refreshes
    case results
    case noPublicResults
    case countdownTo
    case medalCountShort
    case pointsShort
    case moreNotices
    case skillIndex

    public func text(_ lang: Language) -> String {
        let pair: (String, String)
        switch self {
        case .otherOrders: pair = ("其他排序：按金牌、按奖牌总数、按积分", "Other orders: by gold, by medal count, by points")
        case .stillMarking: pair = ("评分进行中（公布前不显示名次）", "Still being marked (no order until published)")
        case .updated: pair = ("更新于", "Updated")
        case .refreshes: pair = ("每 %d 秒自动刷新", "refreshes every %d s")
        case .results: pair = ("成绩", "Results")
        case .noPublicResults: pair = ("尚无公布的成绩", "No results published yet")
        case .countdownTo: pair = ("距闭幕式", "Until the closing ceremony")
        case .medalCountShort: pair = ("奖牌", "Tot.")
        case .pointsShort: pair = ("积分", "Pts")
        case .moreNotices: pair = ("其余 %d 条公告", "%d more announcements")
        case .skillIndex: pair = ("按赛项查看（%d 个赛项已公布成绩）", "By skill (%d with published results)")
        }
        return lang == .zh ? pair.0 : pair.1
    }

    public var description: String { text(.en) }
}

/// `podium snapshot --format html`: the public results page a venue puts on its website or a
/// hall's TV browser. One self-contained file (styles inline, no scripts, no fonts or images
/// fetched), every text from the venue escaped, readable on a phone (one column) and on a wall
/// screen (a grid of cards). It shows what the board shows: results only through
/// `publicStandings` and `medalTables(publicOnly: true)`; names of the competition, the
/// delegations and the skills in both languages, the page's language first.
public enum PublicPage {
    /// Seconds between reloads for `--refresh`: below 5 a wall screen would spend its time
    /// loading, above a day it is not a refresh.
    public static let refreshRange = 5...86_400

    public static func html(_ m: BoardModel, now: Date, refresh: Int? = nil) -> String {
        let f = m.formats
        let s = m.state
        let lang = m.lang
        var cards: [String] = []

        // The reveal, while a ceremony runs: what every board in the hall shows.
        if let step = s.ceremony.step {
            cards.append(card("reveal wide", title: f.label(.ceremonyReveal) + Formats.dot + f.ceremonyStep(s.ceremony.current + 1, of: s.ceremony.steps.count),
                              "<p class=\"big\">\(esc(RevealText.line(step, state: s, lang: lang)))</p>"))
        }
        // Announcements as the ticker orders them (urgent first, newest first); the first few
        // open, the rest folded, so a busy day does not push the results off the first screen.
        let rank: [Priority: Int] = [.urgent: 0, .high: 1, .normal: 2]
        let notices = s.announcements.items.filter { $0.isActive(at: now) }
            .sorted { (rank[$0.announcement.priority]!, -Int($0.seq)) < (rank[$1.announcement.priority]!, -Int($1.seq)) }
            .map { "<li class=\"\($0.announcement.priority.rawValue)\">\(esc($0.announcement.text))</li>" }
        if !notices.isEmpty {
            var body = "<ul>" + notices.prefix(Self.openNotices).joined() + "</ul>"
            if notices.count > Self.openNotices {
                let more = PageText.moreNotices.text(lang).replacingOccurrences(of: "%d", with: "\(notices.count - Self.openNotices)")
                body += "<details><summary>\(esc(more))</summary><ul>" + notices.dropFirst(Self.openNotices).joined() + "</ul></details>"
            }
            cards.append("<section class=\"card wide notices\">\(body)</section>")
        }

        let medalCardIndex = cards.count
        cards.append(medalCard(m, now: now))

        // Each skill with public results; the others in one card, progress only.
        var marking: [String] = []
        var published: [(id: String, name: String)] = []
        for skill in m.skills {
            guard let key = m.displayRound(skill, now: now) else { continue }
            guard let st = s.publicStandings(key, now: now) else {
                let p = BoardScreen.progress(m, key)
                marking.append("<li><span class=\"name\">\(bilingual(skill.name, lang))</span>"
                               + "<span class=\"bar\" role=\"img\" aria-label=\"\(p.percent)%\"><span style=\"width:\(p.percent)%\"></span></span>"
                               + "<span class=\"pct\">\(esc(BoardScreen.statusText(m, key)))</span></li>")
                continue
            }
            published.append((skill.id, skill.name.text(lang)))
            cards.append(skillCard(m, skill: skill, key: key, standings: st))
        }
        // A phone scrolls a long way past dozens of skills: an index of links to the cards
        // (in-page anchors, nothing fetched), folded, one slim line above the medal table.
        if published.count > 3 {
            let title = PageText.skillIndex.text(lang).replacingOccurrences(of: "%d", with: "\(published.count)")
            cards.insert("<nav class=\"card wide index\"><details><summary>\(esc(title))</summary><ul>"
                         + published.map { "<li><a href=\"#\(anchor($0.id))\">\(esc($0.name))</a></li>" }.joined()
                         + "</ul></details></nav>", at: medalCardIndex)
        }
        if published.isEmpty {
            cards.append(card("", title: PageText.results.text(lang), "<p class=\"muted\">\(esc(PageText.noPublicResults.text(lang)))</p>"))
        }
        if !marking.isEmpty {
            cards.append(card("", title: PageText.stillMarking.text(lang), "<ul class=\"progress\">" + marking.joined() + "</ul>"))
        }
        cards.append(scheduleCard(m, now: now))

        // The header: both names, the countdown, when this page was made.
        let name = s.competition?.name ?? LocalizedText(zh: "", en: "")
        var header = "<header><div class=\"names\"><h1>\(esc(name.text(lang)))</h1>"
        let other = name.text(lang.other)
        if other != name.text(lang) && !other.isEmpty {
            header += "<p class=\"alt\" lang=\"\(lang.other.htmlCode)\">\(esc(other))</p>"
        }
        header += "</div>"
        if let closing = m.closing, let parts = m.countdown(at: now) {
            let clock = parts.totalSeconds == 0 ? f.label(.closingCeremonyNow) : f.shortCountdown(parts)
            // "Until the closing ceremony" only while there is time left to count.
            let label = parts.totalSeconds == 0 ? "" : "<p class=\"label\">\(esc(PageText.countdownTo.text(lang)))</p>"
            header += "<div class=\"countdown\">\(label)"
                + "<p class=\"clock\">\(esc(clock))</p>"
                + "<p class=\"when\">\(esc(f.label(.closingAt) + (lang == .zh ? "：" : ": ") + f.day(closing) + " " + f.hourMinute(closing) + BoardScreen.pausedNote(m)))</p></div>"
        }
        header += "</header>"
        if let past = m.past {
            // A past view (`snapshot --at`): said before anything else, in both languages, in the
            // past-view colour of the default theme.
            header += "<p class=\"past\" style=\"margin:0;padding:.6rem 1rem;background:#875FAF;color:#fff;font-weight:bold\">"
                + esc(PastViewText.line(past, timeZone: s.timeZone)) + "</p>"
        }
        var foot = PageText.updated.text(lang) + " " + f.day(now) + " " + f.clock(now) + Formats.dot + f.label(.publicOnlyNote)
        if let refresh { foot += Formats.dot + PageText.refreshes.text(lang).replacingOccurrences(of: "%d", with: "\(refresh)") }

        let title = name.text(lang)
        return """
        <!DOCTYPE html>
        <html lang="\(lang.htmlCode)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        \(refresh.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">\n" } ?? "")<title>\(esc(title))</title>
        <style>\(style)</style>
        </head>
        <body>
        \(header)
        <main>
        \(cards.joined(separator: "\n"))
        </main>
        <footer>\(esc(foot))</footer>
        </body>
        </html>

        """
    }

    // MARK: Cards

    static func card(_ cls: String, title: String, _ body: String) -> String {
        "<section class=\"card\(cls.isEmpty ? "" : " " + cls)\"><h2>\(esc(title))</h2>\(body)</section>"
    }

    /// The competition's own team table in full; the other two orders folded under it.
    static func medalCard(_ m: BoardModel, now: Date) -> String {
        let f = m.formats
        let (tables, awards) = m.state.medalTables(publicOnly: true, now: now)
        let main = m.state.competition?.teamTable ?? .points
        var body = "<h3>\(esc(f.label(RevealText.tableLabel(main))))</h3>" + medalTable(m, tables.table(main), id: "medals")
        let given = [(Label.teamGold, Medal.gold, awards.gold), (.teamSilver, .silver, awards.silver), (.teamBronze, .bronze, awards.bronze)]
            .filter { !$0.2.isEmpty }
        body += "<div class=\"awards\"><h3>\(esc(f.label(.teamAwards)))</h3>"
            + (given.isEmpty ? esc(f.label(.noTeamAwardsYet))
               : given.map { label, medal, ids in
                   "<span class=\"award\"><span class=\"badge \(medal.rawValue)\">\(esc(f.label(label)))</span> "
                       + ids.map { inlineName(m.state.delegations[$0]?.name ?? LocalizedText($0), m.lang) }.joined(separator: "、") + "</span>"
               }.joined())
            + "</div>"
        body += "<details><summary>\(esc(PageText.otherOrders.text(m.lang)))</summary>"
        for t in [TeamTable.gold, .count, .points] where t != main {
            body += "<h3>\(esc(f.label(RevealText.tableLabel(t))))</h3>" + medalTable(m, tables.table(t), id: nil)
        }
        body += "</details>"
        return card("medals", title: f.label(.medalTables) + Formats.dot + f.label(.publicOnlyNote), body)
    }

    static func medalTable(_ m: BoardModel, _ rows: [DelegationRow], id: String?) -> String {
        let f = m.formats
        // Short heads (a phone has room for eight narrow columns), the full word on hover.
        let medals: [(Medal, Label)] = [(.gold, .gold), (.silver, .silver), (.bronze, .bronze), (.excellence, .excellence)]
        let heads = ["<th class=\"n\">\(esc(f.label(.rank)))</th><th>\(esc(f.label(.delegation)))</th>"]
            + medals.map { medal, word in
                "<th class=\"n\"><abbr class=\"dot \(medal.rawValue)\" title=\"\(esc(f.label(word)))\">\(esc(f.medal(medal, short: true)))</abbr></th>"
            }
            + [(PageText.medalCountShort, Label.medalCount), (.pointsShort, .points)].map { short, word in
                "<th class=\"n\"><abbr title=\"\(esc(f.label(word)))\">\(esc(short.text(m.lang)))</abbr></th>"
            }
        let body = rows.map { r in
            "<tr><td class=\"n\">\(r.rank)</td><td>\(delegation(m, r.delegation))</td>"
                + [r.gold, r.silver, r.bronze, r.excellence, r.medalCount, r.points].map { "<td class=\"n\">\($0)</td>" }.joined()
                + "</tr>"
        }.joined()
        return "<table class=\"medal-table\"\(id.map { " id=\"\($0)\"" } ?? "")><thead><tr>\(heads.joined())</tr></thead><tbody>\(body)</tbody></table>"
    }

    static func skillCard(_ m: BoardModel, skill: Skill, key: RoundKey, standings st: RoundStandings) -> String {
        let f = m.formats
        let s = m.state
        let round = skill.rounds.first { $0.id == key.round }?.name
        var title = "<h2>\(esc(skill.name.text(m.lang)))\(round.map { "<span class=\"round\">\(esc($0.text(m.lang)))</span>" } ?? "")</h2>"
        let other = skill.name.text(m.lang.other)
        if other != skill.name.text(m.lang) { title += "<p class=\"alt\" lang=\"\(m.lang.other.htmlCode)\">\(esc(other))</p>" }
        var status = f.status(st.status)
        if st.status == .marking || st.status == .locked { status += Formats.dot + f.label(.liveUnconfirmed) }
        let scaled = s.competition?.standardisation == .scale700
        let rows = st.entries.map { e -> String in
            let name = s.competitors[e.competitor]?.name ?? e.competitor
            let medal = e.medal.map { "<span class=\"badge \($0.rawValue)\">\(esc(f.medal($0)))</span>" } ?? ""
            return "<tr\(e.provisional ? " class=\"provisional\"" : "")><td class=\"n\">\(e.rank)</td><td>\(medal)</td>"
                + "<td><span class=\"person\">\(esc(name))</span>\(delegation(m, e.delegation, inline: true))</td>"
                + "<td class=\"n score\">\(esc(e.score.description))\(scaled ? "<span class=\"sub\">\(esc(f.label(.raw) + " " + e.raw.description))</span>" : "")"
                + "\(e.provisional ? "<span class=\"sub\">\(esc(f.label(.provisional)))</span>" : "")</td></tr>"
        }.joined()
        let table = "<table class=\"results\"><thead><tr><th class=\"n\">\(esc(f.label(.rank)))</th><th>\(esc(f.label(.medal)))</th>"
            + "<th>\(esc(f.label(.competitor)))</th><th class=\"n\">\(esc(f.label(.score)))</th></tr></thead><tbody>\(rows)</tbody></table>"
        return "<section class=\"card skill\" id=\"\(anchor(skill.id))\">\(title)<p class=\"status \(st.status.rawValue)\">\(esc(status))</p>\(table)</section>"
    }

    static func scheduleCard(_ m: BoardModel, now: Date) -> String {
        let f = m.formats
        var body = ""
        for site in m.shownSites {
            var items: [String] = []
            for x in m.liveSessions(site: site.id, now: now) {
                items.append(sessionItem(m, x, tag: f.label(.liveNow), cls: "live", when: f.span(x.startedAt ?? x.effectiveStart, x.effectiveEnd), now: now, live: true))
            }
            for x in m.nextSessions(site: site.id, now: now) + m.cancelledSessions(site: site.id, now: now) {
                let cancelled = x.status == .cancelled
                items.append(sessionItem(m, x, tag: f.label(cancelled ? .cancelled : .next), cls: cancelled ? "cancelled" : "next",
                                         when: f.when(x.effectiveStart, now: now), now: now, live: false))
            }
            body += "<h3>\(bilingual(site.name, m.lang))</h3>"
            body += items.isEmpty ? "<p class=\"muted\">\(esc(f.label(.nothingLive)))</p>" : "<ul class=\"sessions\">" + items.joined() + "</ul>"
        }
        return card("", title: f.label(.nowAndNext), body)
    }

    static func sessionItem(_ m: BoardModel, _ x: SessionState, tag: String, cls: String, when: String, now: Date, live: Bool) -> String {
        let note = BoardScreen.sessionNote(m, x, now: now, live: live).0
        return "<li class=\"\(cls)\"><span class=\"tag\">\(esc(tag))</span> <span class=\"time\">\(esc(when))</span> "
            + "<b>\(esc(m.title(skill: x.session.skill, round: x.session.round)))</b> <span class=\"muted\">\(esc(x.station))</span>"
            + (note.isEmpty ? "" : " <span class=\"note\">\(esc(note))</span>") + "</li>"
    }

    // MARK: Text

    /// A name in the page's language, the other language beneath it (when it differs).
    static func bilingual(_ t: LocalizedText, _ lang: Language) -> String {
        let first = t.text(lang), second = t.text(lang.other)
        guard second != first, !second.isEmpty else { return esc(first) }
        return "\(esc(first))<span class=\"sub\" lang=\"\(lang.other.htmlCode)\">\(esc(second))</span>"
    }

    /// A name in the page's language, the other language after it in grey, on one line.
    static func inlineName(_ t: LocalizedText, _ lang: Language) -> String {
        let first = t.text(lang), second = t.text(lang.other)
        guard second != first, !second.isEmpty else { return esc(first) }
        return "\(esc(first)) <span class=\"muted\" lang=\"\(lang.other.htmlCode)\">\(esc(second))</span>"
    }

    /// A delegation by its two names; `inline` puts them after a competitor's name.
    static func delegation(_ m: BoardModel, _ id: String, inline: Bool = false) -> String {
        guard let d = m.state.delegations[id] else { return esc(id) }
        guard inline else { return bilingual(d.name, m.lang) }
        let first = d.name.text(m.lang), second = d.name.text(m.lang.other)
        return "<span class=\"sub\">\(esc(first))\(second != first && !second.isEmpty ? " · <span lang=\"\(m.lang.other.htmlCode)\">\(esc(second))</span>" : "")</span>"
    }

    static func esc(_ s: String) -> String { BoardSnapshot.escape(s) }

    /// A skill card's id: `skill-` and the skill id's letters, digits, `-` and `_` (ids are
    /// validated, this only keeps the attribute plain whatever they hold).
    static func anchor(_ id: String) -> String {
        "skill-" + String(id.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }.map(Character.init))
    }

    /// Announcements shown open; the rest are folded.
    static let openNotices = 3

    /// One sheet for every size: a column of cards on a phone, a grid on a wide screen, larger
    /// type from 1600 px (a wall screen read from across a hall). Fonts are the system's: a page
    /// that fetches nothing cannot carry a CJK web font, and every phone has one.
    static let style = """
    :root{--bg:#eef1f5;--card:#fff;--ink:#14181f;--muted:#5d6673;--line:#e2e6eb;--head:#0f2a4a;--accent:#c8102e;\
    --gold:#e0b10f;--silver:#a9b2bc;--bronze:#c07a43;--excellence:#2e8b74}\
    *{box-sizing:border-box}\
    html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\
    html{font-size:16px}\
    body{margin:0;background:var(--bg);color:var(--ink);font:1rem/1.45 system-ui,-apple-system,"Segoe UI","PingFang SC",\
    "Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei",sans-serif;overflow-wrap:anywhere}\
    header{background:var(--head);color:#fff;padding:1rem;display:flex;flex-wrap:wrap;gap:.75rem 2rem;align-items:flex-end;justify-content:space-between}\
    h1{margin:0;font-size:1.45rem;line-height:1.25}\
    header .alt{margin:.2rem 0 0;color:#c9d6e6}\
    .countdown p{margin:0}.countdown .label{color:#c9d6e6;font-size:.9rem}\
    .countdown .clock{font-size:2.2rem;font-weight:800;font-variant-numeric:tabular-nums;letter-spacing:.02em;line-height:1.1}\
    .countdown .when{color:#c9d6e6;font-size:.85rem}\
    main{display:grid;grid-template-columns:minmax(0,1fr);gap:.8rem;padding:.8rem}\
    .card{background:var(--card);border-radius:.6rem;padding:.75rem .8rem;min-width:0;box-shadow:0 1px 2px rgba(0,0,0,.08)}\
    .card h2{margin:0 0 .4rem;font-size:1.15rem}.card h3{margin:.6rem 0 .3rem;font-size:.95rem;color:var(--muted)}\
    .card .alt{margin:-.3rem 0 .4rem;color:var(--muted);font-size:.85rem}\
    .round{font-weight:400;color:var(--muted);margin-left:.5em;font-size:.9em}\
    .reveal{background:#fff7e0;border:2px solid var(--gold)}.big{font-size:1.3rem;font-weight:700;margin:.2rem 0}\
    .notices ul{margin:0;padding-left:1.2rem}.notices .urgent{color:var(--accent);font-weight:700}.notices .high{font-weight:700}\
    table{width:100%;border-collapse:collapse;font-variant-numeric:tabular-nums}\
    th,td{padding:.35rem .25rem;text-align:left;vertical-align:top;border-bottom:1px solid var(--line)}\
    th{font-size:.8rem;color:var(--muted);font-weight:600;white-space:nowrap}abbr{text-decoration:none}\
    .n{text-align:right;white-space:nowrap}td.score{font-weight:700}\
    .sub{display:block;font-size:.8rem;color:var(--muted);font-weight:400}\
    .person{font-weight:600}\
    tr.provisional td{color:var(--muted)}\
    .badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-size:.8rem;font-weight:700;white-space:nowrap;color:#1b1b1b}\
    .badge.gold{background:var(--gold)}.badge.silver{background:var(--silver)}.badge.bronze{background:var(--bronze);color:#fff}\
    .badge.excellence{background:var(--excellence);color:#fff}\
    .dot::before{content:"";display:inline-block;width:.55em;height:.55em;border-radius:50%;margin-right:.2em;vertical-align:.05em;background:transparent}\
    .dot.gold::before{background:var(--gold)}.dot.silver::before{background:var(--silver)}.dot.bronze::before{background:var(--bronze)}\
    .dot.excellence::before{background:var(--excellence)}\
    .medal-table td:nth-child(3),.medal-table td:nth-child(7){font-weight:700}\
    .awards{margin:.6rem 0 0}.award{display:block;margin:.25rem 0}\
    details{margin-top:.6rem}summary{cursor:pointer;color:var(--muted)}.notices details{margin-top:.3rem}\
    .index details{margin:0}.index ul{list-style:none;margin:.5rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}\
    .index a{display:inline-block;padding:.15rem .6rem;border-radius:1rem;background:var(--line);color:var(--ink);text-decoration:none;font-size:.9rem}\
    .status{margin:0 0 .3rem;font-size:.85rem;color:var(--muted)}.status.published,.status.final{color:#1d7a46;font-weight:600}\
    ul.progress,ul.sessions{list-style:none;margin:0;padding:0}\
    .progress li{display:grid;grid-template-columns:minmax(0,1fr) 5rem auto;gap:.5rem;align-items:center;padding:.3rem 0;border-bottom:1px solid var(--line)}\
    .bar{height:.5rem;background:var(--line);border-radius:.25rem;overflow:hidden}.bar span{display:block;height:100%;background:var(--head)}\
    .pct{font-size:.85rem;color:var(--muted);white-space:nowrap}\
    .sessions li{padding:.3rem 0;border-bottom:1px solid var(--line)}\
    .tag{display:inline-block;font-size:.75rem;padding:0 .4rem;border-radius:.3rem;background:var(--line)}\
    .live .tag{background:#1d7a46;color:#fff}.cancelled{color:var(--muted);text-decoration:line-through}\
    .time{font-variant-numeric:tabular-nums}.note{color:var(--accent)}.muted{color:var(--muted)}\
    footer{padding:0 .8rem 1rem;color:var(--muted);font-size:.8rem}\
    @media (min-width:760px){main{grid-template-columns:repeat(auto-fill,minmax(22rem,1fr));grid-auto-flow:row dense}.wide{grid-column:1/-1}.medals{grid-column:span 2}h1{font-size:1.9rem}.countdown{text-align:right}}\
    @media (min-width:1600px){html{font-size:21px}main{grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:1rem;padding:1rem 1.5rem}\
    .medals{grid-column:span 1;grid-row:span 2}header{padding:1.2rem 1.5rem}.countdown .clock{font-size:3.4rem}}
    """
}

extension Language {
    /// The other of the two languages.
    var other: Language { self == .zh ? .en : .zh }
    /// The page's `lang` attribute.
    var htmlCode: String { self == .zh ? "zh-CN" : "en" }
}
