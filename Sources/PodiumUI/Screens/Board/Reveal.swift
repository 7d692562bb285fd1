import Foundation
import PodiumCore

/// The ceremony reveal in words and on the board. Every board shows `state.ceremony.step`
/// while a ceremony runs; the presenter's console also shows `nextStep`. Steps hold only what
/// the ceremony reveals (docs/scoring.md), so nothing here reads the standings.
public enum RevealText {
    /// One line for a step: `工业机器人 · 决赛 · 铜牌：李强（杨浦区）30.00`.
    public static func line(_ step: CeremonyStep, state: VenueState, lang: Language) -> String {
        let f = Formats(lang: lang, timeZone: state.timeZone)
        let colon = lang == .zh ? "：" : ": "
        switch step {
        case let .opening(n):
            return f.label(.ceremonyReveal) + Formats.dot + f.skills(n)
        case let .medal(key, medal, entries):
            return title(key, state: state, lang: lang) + Formats.dot + f.medal(medal) + colon
                + f.list(entries.map { holder($0, state: state, lang: lang) + " " + $0.score.description })
        case let .table(t, rows):
            let top = rows.prefix(3).map { "\($0.rank). " + delegationName($0.delegation, state: state, lang: lang) }
            return f.label(tableLabel(t)) + colon + f.list(top)
        case let .teamAward(medal, ids):
            return f.label(teamLabel(medal)) + colon + f.list(ids.map { delegationName($0, state: state, lang: lang) })
        }
    }

    /// `工业机器人 · 决赛`.
    static func title(_ key: RoundKey, state: VenueState, lang: Language) -> String {
        guard let skill = state.skills[key.skill] else { return key.description }
        let round = skill.rounds.first { $0.id == key.round }?.name.text(lang)
        return skill.name.text(lang) + (round.map { Formats.dot + $0 } ?? "")
    }

    /// `李强（杨浦区）` / `Li Qiang (Yangpu)`.
    static func holder(_ e: StandingEntry, state: VenueState, lang: Language) -> String {
        let name = state.competitors[e.competitor]?.name ?? e.competitor
        let d = delegationName(e.delegation, state: state, lang: lang)
        return lang == .zh ? "\(name)（\(d)）" : "\(name) (\(d))"
    }

    static func delegationName(_ id: String, state: VenueState, lang: Language) -> String {
        state.delegations[id]?.name.text(lang) ?? id
    }

    static func tableLabel(_ t: TeamTable) -> Label {
        switch t {
        case .gold: .goldTable
        case .count: .countTable
        case .points: .pointsTable
        }
    }

    static func teamLabel(_ m: Medal) -> Label {
        switch m {
        case .gold: .teamGold
        case .silver: .teamSilver
        case .bronze, .excellence: .teamBronze
        }
    }
}

extension BoardScreen {
    /// The reveal page: the current step, large. Only the step's own content is drawn.
    static func drawReveal(_ m: BoardModel, now: Date, in area: Rect, big: Bool, into canvas: inout Canvas) {
        let f = m.formats
        let c = m.state.ceremony
        let panel = Panel(title: f.label(.ceremonyReveal) + Formats.dot + f.ceremonyStep(c.current + 1, of: c.steps.count))
        panel.render(in: area, into: &canvas)
        let inner = panel.inner(of: area).inset(horizontal: 1)
        guard let step = c.step, !inner.isEmpty else { return }
        var lines: [(text: String, style: Style, big: Bool)] = []
        switch step {
        case let .opening(n):
            lines = [(m.state.competition?.name.text(m.lang) ?? "", Style(.headerText, .bold), false), ("", .text, false),
                     (f.label(.ceremonyOpening), Style(.accent, .bold), false), ("", .text, false), (f.skills(n), Style(.muted), false)]
        case let .medal(key, .excellence, entries):
            // Often many holders (the top half of a skill): names packed several to a line.
            let style = MedalBadge(.excellence).style
            lines = [(RevealText.title(key, state: m.state, lang: m.lang), Style(.headerText, .bold), false), ("", .text, false),
                     (f.medal(.excellence), style, false), (EdgeText.excellenceHolders.text(m.lang, entries.count), Style(.muted), false),
                     ("", .text, false)]
            lines += TextWidth.pack(entries.map { RevealText.holder($0, state: m.state, lang: m.lang) }, width: inner.width)
                .map { ($0, Style(.text, .bold), false) }
        case let .medal(key, medal, entries):
            let style = MedalBadge(medal).style
            lines = [(RevealText.title(key, state: m.state, lang: m.lang), Style(.headerText, .bold), false), ("", .text, false)]
            if big { lines.append((medalWord(medal), style, true)) }
            lines += [(f.medal(medal), style, false), ("", .text, false)]
            for e in entries {
                let name = m.state.competitors[e.competitor]?.name ?? e.competitor
                lines.append((name, Style(.text, .bold), false))
                lines.append((m.delegationName(e.delegation) + Formats.dot + f.label(.score) + " " + e.score.description, .text, false))
                if big && entries.count == 1 { lines.append((e.score.description, style, true)) }
                lines.append(("", .text, false))
            }
        case let .table(t, rows):
            drawRevealTable(m, t, rows, in: inner, into: &canvas)
            return
        case let .teamAward(medal, ids):
            let style = MedalBadge(medal).style
            lines = [(f.label(.ceremonyTeamAward), Style(.headerText, .bold), false), ("", .text, false)]
            if big { lines.append((medalWord(medal), style, true)) }
            lines += [(f.label(RevealText.teamLabel(medal)), style, false), ("", .text, false)]
            lines += ids.map { (m.delegationName($0), Style(.text, .bold), false) }
        }
        // Block letters take 5 rows (scale 1) and a blank after them; drop them when they do not fit.
        var need = lines.reduce(0) { $0 + ($1.big ? 6 : 1) }
        if need > inner.height {
            lines.removeAll { $0.big }
            need = lines.count
        }
        var y = inner.y + max(0, (inner.height - need) / 2)
        for line in lines where y < inner.maxY {
            if line.big {
                canvas.render(BigText(line.text, style: line.style, maxScale: 1), in: Rect(x: inner.x, y: y, width: inner.width, height: min(5, inner.maxY - y)))
                y += 6
            } else {
                canvas.put(TextWidth.pad(TextWidth.truncate(line.text, to: inner.width), to: inner.width, alignment: .center),
                           x: inner.x, y: y, style: line.style)
                y += 1
            }
        }
    }

    /// `GOLD`, `SILVER`, `BRONZE` in block letters (the font has Latin letters only).
    static func medalWord(_ m: Medal) -> String {
        switch m {
        case .gold: "GOLD"
        case .silver: "SILVER"
        case .bronze: "BRONZE"
        case .excellence: "EXCELLENCE"
        }
    }

    static func drawRevealTable(_ m: BoardModel, _ t: TeamTable, _ rows: [DelegationRow], in area: Rect, into canvas: inout Canvas) {
        let f = m.formats
        canvas.put(TextWidth.pad(f.label(RevealText.tableLabel(t)), to: area.width, alignment: .center), x: area.x, y: area.y,
                   style: Style(.accent, .bold))
        let heads: [Label] = [.goldShort, .silverShort, .bronzeShort, .excellenceShort, .medalCount, .points]
        let body = area.splitTop(2).rest
        let room = max(0, body.height - 1)
        let table = Table(
            columns: [Table.Column(f.label(.rank), alignment: .right), Table.Column(f.label(.delegation), width: .fill)]
                + heads.map { Table.Column(f.label($0), alignment: .right) },
            rows: rows.prefix(room).map { r in
                Table.Row([Table.Cell("\(r.rank)"), Table.Cell(m.delegationName(r.delegation))]
                          + [r.gold, r.silver, r.bronze, r.excellence, r.medalCount, r.points].map { Table.Cell("\($0)") },
                          style: r.rank <= 3 ? Style(.text, .bold) : nil)
            },
            columnSpacing: 2)
        canvas.render(table, in: body)
    }
}
