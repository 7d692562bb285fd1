import Foundation
import PodiumCore

/// The judge console, drawn from a `JudgeModel` as a pure function of the model, the size and
/// the time. One layout from 80×24 up: a title bar, where the judge is, the page, a status line
/// (a refused key says why there) and the key bar. Below 80×24 it asks for a larger terminal.
public enum JudgeScreen {
    public static let minimumWidth = 80, minimumHeight = 24

    public static func render(_ m: JudgeModel, width: Int, height: Int, now live: Date) -> Canvas {
        // A past view stands at its moment (what is live, the clock).
        let now = m.past?.time ?? live
        var canvas = Canvas(width: width, height: height)
        let f = m.formats
        if width < minimumWidth || height < minimumHeight {
            let lines = TextWidth.wrap(f.tooSmall(width: width, height: height, minWidth: minimumWidth, minHeight: minimumHeight),
                                       width: max(1, width - 2))
            for (i, line) in lines.enumerated() {
                canvas.put(TextWidth.pad(line, to: width, alignment: .center), x: 0, y: max(0, (height - lines.count) / 2) + i,
                           style: Style(.warning, .bold))
            }
            return canvas
        }
        let rows = canvas.bounds.rows([.length(1), .length(1), .fill(), .length(1), .length(1)])
        drawHeader(m, now: now, in: rows[0], into: &canvas)
        canvas.put(" " + location(m), x: 0, y: rows[1].y, style: Style(.accent, .bold), maxWidth: width)
        let body = rows[2].inset(horizontal: 1)
        switch m.page {
        case .login: drawLogin(m, in: body, into: &canvas)
        case .home: drawHome(m, now: now, in: body, into: &canvas)
        case let .modules(key): drawModules(m, key, in: body, into: &canvas)
        case let .competitors(key, module): drawCompetitors(m, key, module: module, in: body, into: &canvas)
        case let .sheet(key, module, competitor): drawSheet(m, key, module: module, competitor: competitor, in: body, into: &canvas)
        case let .chief(key, module): drawChief(m, key, module: module, now: now, in: body, into: &canvas)
        }
        drawNotice(m, in: rows[3], into: &canvas)
        if let past = m.past {
            // The notice row keeps a refusal when there is one; the header is always marked.
            PastViewText.mark(past, timeZone: m.state.timeZone, banner: m.notice == nil ? rows[3] : rows[0],
                              header: m.notice == nil ? rows[0] : nil, into: &canvas)
        }
        canvas.render(KeyHelpBar(keys(m).map { KeyHelpBar.Item($0.0, $0.1) }), in: rows[4].inset(horizontal: 1))
        drawOverlay(m, into: &canvas)
        return canvas
    }

    // MARK: Frame

    static func drawHeader(_ m: JudgeModel, now: Date, in row: Rect, into canvas: inout Canvas) {
        let f = m.formats
        if LinkBanner.draw(m.link, formats: f, in: row, into: &canvas) { return }
        canvas.fill(row, style: Style(.header))
        var right = f.clock(now) + " "
        if let j = m.judge {
            right = j.name + " " + j.id + (j.chief ? Formats.dot + m.text(.judgeChief) : "") + Formats.dot + right
        }
        let rightWidth = min(TextWidth.width(of: right), row.width / 2)
        let name = m.state.competition?.name.text(m.lang) ?? ""
        canvas.put(" " + m.text(.judgeConsole) + Formats.dot + name, x: row.x, y: row.y, style: Style(.header, .bold),
                   maxWidth: row.width - rightWidth - 1)
        canvas.put(TextWidth.pad(right, to: rightWidth, alignment: .right), x: row.maxX - rightWidth, y: row.y,
                   style: Style(.header), maxWidth: rightWidth)
    }

    /// Where the judge is: `工业机器人 · 决赛 › 模块 A 编程 › 张伟（嘉定区）`.
    static func location(_ m: JudgeModel) -> String {
        let sep = " › "
        switch m.page {
        case .login: return m.text(.judgeLogin)
        case .home: return m.text(.judgeMySkills)
        case let .modules(key): return m.title(key)
        case let .competitors(key, module): return m.title(key) + sep + moduleName(m, key, module)
        case let .sheet(key, module, competitor):
            return m.title(key) + sep + moduleName(m, key, module) + sep + competitorName(m, competitor)
        case let .chief(key, module): return m.title(key) + sep + moduleName(m, key, module) + sep + m.text(.judgeChiefView)
        }
    }

    static func moduleName(_ m: JudgeModel, _ key: RoundKey, _ id: String) -> String {
        m.text(.judgeModule, id) + " " + (m.module(key, id)?.name.text(m.lang) ?? "")
    }

    static func competitorName(_ m: JudgeModel, _ id: String) -> String {
        guard let c = m.state.competitors[id] else { return id }
        let d = m.state.delegations[c.delegation]?.name.text(m.lang) ?? c.delegation
        return m.lang == .zh ? "\(c.name)（\(d)）" : "\(c.name) (\(d))"
    }

    static func drawNotice(_ m: JudgeModel, in row: Rect, into canvas: inout Canvas) {
        guard let n = m.notice else { return }
        canvas.put(" " + (n.isError ? "✗ " : "✓ ") + n.text, x: row.x, y: row.y,
                   style: n.isError ? Style(.danger, .bold) : Style(.ok, .bold), maxWidth: row.width)
    }

    static func keys(_ m: JudgeModel) -> [(String, String)] {
        let esc = ("Esc", m.text(.judgeKeyBack))
        let help = ("?", m.text(.keyHelp))
        switch m.page {
        case .login: return [("Tab", m.text(.judgeKeySwitchField)), ("Enter", m.text(.judgeKeyConfirm)), ("Esc", m.text(.keyQuit)), help]
        case .home: return [("↑↓", m.text(.keyMove)), ("Enter", m.text(.judgeKeyOpen)), help, ("q", m.text(.judgeKeyLogOut))]
        case .modules:
            return [("↑↓", m.text(.keyMove)), ("Enter", m.text(.judgeKeyOpen))] + (m.isChief ? [("v", m.text(.judgeChiefView))] : [])
                + [esc, help]
        case .competitors:
            return [("↑↓", m.text(.keyMove)), ("Enter", m.text(.judgeKeyMark))] + (m.isChief ? [("v", m.text(.judgeChiefView))] : [])
                + [esc, help]
        case .sheet:
            return [("0-9 .", m.text(.judgeKeyEnter)), ("↑↓ Tab", m.text(.judgeKeyAspect)), ("Enter", m.text(.judgeKeyNext)),
                    ("s", m.text(.judgeKeyReview)), ("c", m.text(.judgeKeyCorrect)), esc, help]
        case .chief:
            return [("↑↓", m.text(.keyMove)), ("←→", m.text(.judgeKeyModule)), ("r", m.text(.judgeKeyRemark)),
                    ("l", m.text(.judgeKeySignOff)), esc, help]
        }
    }

    // MARK: Login

    static func drawLogin(_ m: JudgeModel, in area: Rect, into canvas: inout Canvas) {
        let box = area.centered(width: min(56, area.width), height: 9)
        let panel = Panel(title: m.text(.judgeLogin))
        panel.render(in: box, into: &canvas)
        let inner = panel.inner(of: box).inset(horizontal: 2, vertical: 1)
        let labels = [m.text(.judgeID), m.text(.judgePIN)]
        let labelWidth = labels.map { TextWidth.width(of: $0) }.max() ?? 0
        for (i, (label, field)) in zip(labels, [m.loginID, m.loginPIN]).enumerated() {
            let y = inner.y + i * 2
            let focused = m.loginFocus == i
            canvas.put(TextWidth.pad(label, to: labelWidth), x: inner.x, y: y, style: focused ? Style(.accent, .bold) : .text)
            var shown = field
            if !focused { shown.cursorAttributes = [] }
            let fieldArea = Rect(x: inner.x + labelWidth + 2, y: y, width: max(1, min(24, inner.width - labelWidth - 2)), height: 1)
            shown.style = Style(.highlight)
            canvas.render(shown, in: fieldArea)
        }
        canvas.put(m.text(.judgeLoginHint), x: inner.x, y: inner.y + 5, style: Style(.muted), maxWidth: inner.width)
    }

    // MARK: Lists

    static func statusStyle(_ s: ResultsStatus) -> Style {
        switch s {
        case .marking: Style(.text)
        case .locked: Style(.warning)
        case .published, .final: Style(.ok)
        }
    }

    static func drawHome(_ m: JudgeModel, now: Date, in area: Rect, into canvas: inout Canvas) {
        let f = m.formats
        let rounds = m.myRounds
        guard !rounds.isEmpty else {
            canvas.put(m.text(.judgeNoSkills), x: area.x, y: area.y, style: Style(.muted), maxWidth: area.width)
            return
        }
        let rows: [Table.Row] = rounds.map { key in
            let sessions = m.sessions(key)
            let live = m.isLive(key, now: now)
            let place = sessions.map(\.station).first ?? ""
            // Today: the hours; another day: the day it starts.
            let when = sessions.first.map { s in
                f.shortDay(s.start) == f.shortDay(now) ? f.span(s.start, sessions.last!.end) : f.shortDay(s.start) + " " + f.hourMinute(s.start)
            } ?? ""
            let status = m.state.status(key)
            let modules = m.skill(key)?.modules ?? []
            let done = modules.filter { let p = m.progress(key, module: $0.id); return p.of > 0 && p.done == p.of }.count
            return Table.Row([
                live ? Table.Cell("● " + m.text(.liveNow), style: Style(.live, .bold)) : "",
                Table.Cell(m.title(key)),
                Table.Cell(place),
                Table.Cell(when),
                Table.Cell(m.text(.judgeModulesDone, "\(done)", "\(modules.count)")),
                Table.Cell(f.status(status), style: statusStyle(status)),
            ])
        }
        let table = Table(columns: [
            Table.Column(""), Table.Column(m.text(.skill) + Formats.dot + m.text(.round), width: .fill),
            Table.Column(m.text(.station)), Table.Column(m.text(.time)), Table.Column(m.text(.judgeMyProgress)),
            Table.Column(m.text(.judgeStatus)),
        ], rows: rows, highlighted: m.selection, columnSpacing: 2)
        canvas.render(table, in: area)
    }

    static func drawModules(_ m: JudgeModel, _ key: RoundKey, in area: Rect, into canvas: inout Canvas) {
        let modules = m.skill(key)?.modules ?? []
        let rows: [Table.Row] = modules.map { mod in
            let p = m.progress(key, module: mod.id)
            let ms = mod.aspects.filter { $0.type == .M }.count, js = mod.aspects.count - ms
            let locked = m.isLocked(key, module: mod.id)
            return Table.Row([
                Table.Cell(mod.id), Table.Cell(mod.name.text(m.lang)),
                Table.Cell(m.text(.judgeAspectCounts, "\(ms)", "\(js)")),
                Table.Cell(m.text(.judgeNofN, "\(p.done)", "\(p.of)"), style: p.done == p.of && p.of > 0 ? Style(.ok) : nil),
                locked ? Table.Cell(m.text(.judgeLocked), style: Style(.warning, .bold)) : Table.Cell(m.text(.statusMarking)),
            ])
        }
        canvas.render(Table(columns: [
            Table.Column(m.text(.judgeModuleColumn)), Table.Column(m.text(.judgeName), width: .fill),
            Table.Column(m.text(.judgeAspects)), Table.Column(m.text(.judgeMyProgress)), Table.Column(m.text(.judgeStatus)),
        ], rows: rows, highlighted: m.selection, columnSpacing: 2), in: area)
    }

    static func stateText(_ m: JudgeModel, _ s: CompetitorState) -> StyledText {
        switch s {
        case .notStarted: StyledText(m.text(.judgeNotStarted), style: Style(.muted))
        case .partlyMarked: StyledText(m.text(.judgePartly), style: Style(.accent))
        case .complete: StyledText(m.text(.judgeComplete), style: Style(.ok))
        case .disputed: StyledText("⚠ " + m.text(.judgeDisputed), style: Style(.danger, .bold))
        case .locked: StyledText(m.text(.judgeLocked), style: Style(.warning))
        }
    }

    static func drawCompetitors(_ m: JudgeModel, _ key: RoundKey, module: String, in area: Rect, into canvas: inout Canvas) {
        let p = m.progress(key, module: module)
        canvas.put(m.text(.judgeCompleteOf, "\(p.done)", "\(p.of)"), x: area.x, y: area.y, style: Style(.headerText, .bold),
                   maxWidth: area.width)
        let entrants = m.state.entrants(key)
        let rows: [Table.Row] = entrants.map { id in
            let c = m.state.competitors[id]
            let own = c?.delegation == m.judge?.delegation && !(m.state.competition?.judgeOwnDelegation ?? false)
            return Table.Row([
                Table.Cell(id), Table.Cell(c?.name ?? id),
                Table.Cell((c.flatMap { m.state.delegations[$0.delegation]?.name.text(m.lang) } ?? "") + (own ? " *" : "")),
                stateText(m, m.competitorState(key, module: module, competitor: id)),
            ])
        }
        let tableArea = area.splitTop(2).rest
        canvas.render(Table(columns: [
            Table.Column(m.text(.judgeNumber)), Table.Column(m.text(.competitor), width: .fill),
            Table.Column(m.text(.delegation)), Table.Column(m.text(.judgeStatus)),
        ], rows: rows, highlighted: m.selection, columnSpacing: 2), in: tableArea.splitBottom(1).rest)
        if entrants.contains(where: { m.state.competitors[$0]?.delegation == m.judge?.delegation }) {
            canvas.put(m.text(.judgeOwnDelegationNote), x: area.x, y: area.maxY - 1, style: Style(.muted), maxWidth: area.width)
        }
    }

    // MARK: The sheet

    static func typeText(_ m: JudgeModel, _ t: AspectType) -> String {
        t == .M ? m.text(.judgeMeasurement) : m.text(.judgeJudgement)
    }

    static func drawSheet(_ m: JudgeModel, _ key: RoundKey, module: String, competitor: String, in area: Rect, into canvas: inout Canvas) {
        let rows = m.rows(key, module: module, competitor: competitor)
        let draft = m.draft
        let focus = draft?.focus ?? 0
        let panelHeight = 4
        let parts = area.rows([.fill(), .length(panelHeight)])
        let cells: [Table.Row] = rows.map { r in
            let value: String
            let status: StyledText
            switch r.kind {
            case .editable:
                value = draft?.fields[r.aspect.id]?.text ?? ""
                status = r.remark ? StyledText(m.text(.judgeRemarkOpen) + (r.previous.map { " (\($0))" } ?? ""), style: Style(.warning, .bold))
                    : StyledText(m.text(.judgeToMark), style: Style(.muted))
            case let .submitted(v):
                value = v.description
                status = StyledText(m.text(.judgeSubmitted), style: Style(.ok))
            case .compatriot:
                value = "—"
                status = StyledText(m.text(.judgeCompatriot), style: Style(.muted))
            case let .locked(v):
                value = v?.description ?? "—"
                status = StyledText(m.text(.judgeLocked), style: Style(.warning))
            }
            return Table.Row([Table.Cell(r.aspect.id), Table.Cell(typeText(m, r.aspect.type)), Table.Cell(r.aspect.max.description),
                              Table.Cell(r.aspect.text), Table.Cell(value), status])
        }
        let columns = [
            Table.Column(m.text(.judgeAspect)), Table.Column(m.text(.judgeType)), Table.Column(m.text(.judgeMax), alignment: .right),
            Table.Column(m.text(.judgeDescription), width: .fill), Table.Column(m.text(.judgeMark), width: .fixed(9)),
            Table.Column(m.text(.judgeStatus)),
        ]
        let table = Table(columns: columns, rows: cells, highlighted: focus, columnSpacing: 2)
        canvas.render(table, in: parts[0])
        // The focused field, with its cursor, over its cell.
        if let r = rows[safe: focus], r.kind == .editable, let field = draft?.fields[r.aspect.id], m.overlay == nil {
            let widths = table.columnWidths(for: parts[0].width)
            let x = parts[0].x + widths.prefix(4).reduce(0, +) + 2 * 4
            let y = parts[0].y + 1 + focus - ScrollWindow.offset(selection: focus, current: 0, count: rows.count, viewport: parts[0].height - 1)
            var shown = field
            shown.style = Style(.highlight, .bold)
            canvas.render(shown, in: Rect(x: x, y: y, width: widths[4], height: 1))
        }
        drawPanelStatus(m, key, competitor: competitor, row: rows[safe: focus], in: parts[1], into: &canvas)
    }

    /// Below the sheet: who of the panel has scored the focused judgement aspect (scores only
    /// once the panel is complete, as `Visibility.panel` allows), or the focused measurement's rule.
    static func drawPanelStatus(_ m: JudgeModel, _ key: RoundKey, competitor: String, row: SheetRow?, in area: Rect, into canvas: inout Canvas) {
        guard let row, let actor = m.actor else { return }
        let panel = Panel(title: row.aspect.id + " " + row.aspect.text)
        panel.render(in: area, into: &canvas)
        let inner = panel.inner(of: area).inset(horizontal: 1)
        switch row.aspect.type {
        case .M:
            canvas.put(m.text(.judgeMeasurementRule, row.aspect.max.description), x: inner.x, y: inner.y, maxWidth: inner.width)
        case .J:
            canvas.put(m.text(.judgeJudgementRule), x: inner.x, y: inner.y, style: Style(.muted), maxWidth: inner.width)
            guard let status = Visibility.panel(key, competitor: competitor, aspect: row.aspect.id, for: actor, on: m.state) else { return }
            var x = inner.x
            let y = inner.y + 1
            x += canvas.put(m.text(.judgePanelScored, "\(status.scored)", "\(status.needed)") + "  ", x: x, y: y,
                            style: Style(.headerText, .bold), maxWidth: inner.maxX - x)
            for seat in status.seats where x < inner.maxX {
                let mark = seat.scored ? "✓" : "…"
                let score = seat.score.map { " \($0)" } ?? ""
                x += canvas.put("\(mark) \(seat.name)\(score)  ", x: x, y: y, style: seat.scored ? Style(.ok) : Style(.muted),
                                maxWidth: inner.maxX - x)
            }
            if status.disputed {
                x += canvas.put("⚠ " + m.text(.judgeDisputed), x: x, y: y, style: Style(.danger, .bold), maxWidth: inner.maxX - x)
            } else if !status.valuesShown, status.scored > 0 {
                canvas.put(m.text(.judgeValuesHidden), x: x, y: y, style: Style(.muted), maxWidth: inner.maxX - x)
            }
        }
    }

    // MARK: Chief judge

    static func drawChief(_ m: JudgeModel, _ key: RoundKey, module: String, now: Date, in area: Rect, into canvas: inout Canvas) {
        guard let actor = m.actor else { return }
        let rows = m.chiefRows(key, module: module)
        let missing = rows.filter { r in r.aspect.type == .M ? r.measurement == nil : !(r.panel?.complete ?? false) }.count
        let disputes = rows.filter { $0.panel?.disputed == true }.count
        var head = m.text(.judgeChiefSummary, "\(missing)", "\(disputes)")
        if m.isLocked(key, module: module) { head += Formats.dot + m.text(.judgeLocked) }
        canvas.put(head, x: area.x, y: area.y, style: disputes > 0 ? Style(.danger, .bold) : Style(.headerText, .bold), maxWidth: area.width)
        // Totals: the chief of the skill may see them (Visibility.standings, in the core).
        let standings = Visibility.standings(key, for: actor, on: m.state, now: now)
        let totals = Dictionary(uniqueKeysWithValues: (standings?.entries ?? []).map { ($0.competitor, $0) })
        // The judges of the skill, numbered in definition order, for the narrow form of the marks.
        let judges = m.state.judges.items.filter { $0.skills.contains(key.skill) }
        let number = Dictionary(uniqueKeysWithValues: judges.enumerated().map { ($1.id, $0) })
        let slot = String(judges.count).count + 1
        var last: String?
        var narrowMarks: [String] = []
        let cells: [Table.Row] = rows.map { r in
            let first = r.competitor != last
            last = r.competitor
            let name = first ? (m.state.competitors[r.competitor]?.name ?? r.competitor) : ""
            let total = first ? (totals[r.competitor].map { $0.raw.description + ($0.provisional ? "*" : "") } ?? "") : ""
            var marks = "", spread = "", status = StyledText("")
            var style: Style? = nil
            if r.aspect.type == .M {
                marks = r.measurement?.description ?? "—"
                status = r.measurement == nil ? StyledText(m.text(.judgeMissing), style: Style(.muted)) : StyledText(m.text(.judgeComplete), style: Style(.ok))
            } else if let p = r.panel {
                marks = p.seats.map { s in s.name + " " + (s.score.map(String.init) ?? "·") }.joined(separator: "  ")
                // Narrow: one slot per judge of the skill, by number; blank where the judge is
                // not on this competitor's panel (own delegation), · where not yet scored.
                var slots = Array(repeating: TextWidth.pad("", to: slot), count: judges.count)
                for s in p.seats { if let i = number[s.judge] { slots[i] = TextWidth.pad(s.score.map(String.init) ?? "·", to: slot) } }
                narrowMarks.append(slots.joined())
                let scores = p.seats.compactMap(\.score)
                if scores.count > 1, let lo = scores.min(), let hi = scores.max() { spread = "\(hi - lo)" }
                if p.disputed {
                    status = StyledText("⚠ " + m.text(.judgeDisputed) + (p.remarkRequested ? Formats.dot + m.text(.judgeRemarkOpen) : ""),
                                        style: Style(.danger, .bold))
                    style = Style(.danger)
                } else if p.remarkRequested {
                    status = StyledText(m.text(.judgeRemarkOpen), style: Style(.warning))
                } else if p.complete {
                    status = StyledText(m.text(.judgeComplete), style: Style(.ok))
                } else {
                    status = StyledText(m.text(.judgeScoredOf, "\(p.scored)", "\(p.needed)"), style: Style(.muted))
                }
            }
            if r.aspect.type != .J || r.panel == nil { narrowMarks.append(marks) }
            return Table.Row([Table.Cell(name), Table.Cell(r.aspect.id), Table.Cell(r.aspect.type.rawValue), Table.Cell(marks),
                              Table.Cell(spread, style: style), status, Table.Cell(total)], style: style)
        }
        func table(_ rows: [Table.Row], marksTitle: String) -> Table {
            Table(columns: [
                Table.Column(m.text(.competitor)), Table.Column(m.text(.judgeAspect)), Table.Column(m.text(.judgeType)),
                Table.Column(marksTitle, width: .fill), Table.Column(m.text(.judgeSpread), alignment: .right),
                Table.Column(m.text(.judgeStatus)), Table.Column(m.text(.judgeRawTotal), alignment: .right),
            ], rows: rows, highlighted: m.selection, columnSpacing: 2)
        }
        let wide = table(cells, marksTitle: m.text(.judgeMarks))
        guard wide.naturalWidth > area.width else {
            canvas.render(wide, in: area.splitTop(2).rest)
            return
        }
        // Too narrow for every judge's name beside each score (80 columns and a panel of more
        // than about three): the judges are numbered in the lines above (as many as their
        // names take), and each row shows its scores in one slot per judge, under the numbers.
        let legend = TextWidth.pack([EdgeText.judgesLegend.text(m.lang)] + judges.enumerated().map { "\($0 + 1) \($1.name)" },
                                    width: area.width, separator: "  ")
        for (i, line) in legend.enumerated() {
            canvas.put(line, x: area.x, y: area.y + 1 + i, style: Style(.muted), maxWidth: area.width)
        }
        let body = area.splitTop(1 + legend.count + 1).rest
        let numbers = judges.indices.map { TextWidth.pad("\($0 + 1)", to: slot) }.joined()
        let narrow = zip(cells, narrowMarks).map { row, marks in
            var row = row
            row.cells[3] = Table.Cell(marks, style: row.cells[3].style)
            return row
        }
        canvas.render(table(narrow, marksTitle: numbers), in: body)
    }

    // MARK: Overlays

    static func drawOverlay(_ m: JudgeModel, into canvas: inout Canvas) {
        guard let overlay = m.overlay else { return }
        let width = min(72, canvas.width - 4)
        func modal(_ title: String, _ lines: [String], _ buttons: [String] = [], selected: Int? = 0) {
            canvas.render(Modal(title: title, message: lines, buttons: buttons, selectedButton: buttons.isEmpty ? nil : selected,
                                maxWidth: width), in: canvas.bounds)
        }
        switch overlay {
        case .help:
            modal(m.text(.help), helpLines(m))
        case .review:
            guard let d = m.draft, let module = m.module(d.key, d.module) else { return }
            let marks = Dictionary(uniqueKeysWithValues: m.sheetMarks.map { ($0.aspect, $0.value) })
            var lines = [m.text(.judgeReviewOf, competitorName(m, d.competitor), moduleName(m, d.key, d.module)), ""]
            let blank = module.aspects.filter { d.fields[$0.id] != nil && marks[$0.id] == nil }.map(\.id)
            for a in module.aspects {
                guard let v = marks[a.id] else { continue }
                lines.append(TextWidth.pad(a.id, to: 5) + TextWidth.pad(TextWidth.truncate(a.text, to: 30), to: 32) + "  " + v.description
                             + (a.type == .M ? " / " + a.max.description : " / 3"))
            }
            if !blank.isEmpty { lines += ["", m.text(.judgeBlankAspects, blank.joined(separator: ", "))] }
            lines += ["", m.text(.judgeReviewNote)]
            modal(m.text(.judgeReview), lines, [m.text(.judgeSubmitButton), m.text(.judgeBackButton)])
        case let .receipt(r):
            let what = r.kind == .correction ? m.text(.judgeCorrectionSaved) : m.text(.judgeMarksSaved, "\(r.count)")
            modal(m.text(.judgeSaved), [what, m.text(.judgeReceiptSeq, m.seqText(r))], [m.text(.judgeOKButton)])
        case let .failure(message):
            modal(m.text(.judgeNotSaved), [message, "", m.text(.judgeInputKept)], [m.text(.judgeOKButton)])
        case .discard:
            let n = m.draft?.fields.values.filter { !$0.text.isEmpty }.count ?? 0
            modal(m.text(.judgeDiscardTitle), [m.text(.judgeDiscardQuestion, "\(n)")], [m.text(.judgeDiscardButton), m.text(.judgeKeepButton)], selected: 1)
        case let .correctionPick(selection):
            let lines = m.correctable.enumerated().map { i, r -> String in
                guard case let .submitted(v) = r.kind else { return "" }
                return (i == selection ? "▶ " : "  ") + TextWidth.pad(r.aspect.id, to: 5) + TextWidth.pad(TextWidth.truncate(r.aspect.text, to: 30), to: 32) + v.description
            }
            modal(m.text(.judgeCorrectionPick), lines + ["", m.text(.judgeCorrectionPickHint)])
        case .correctionEdit:
            guard let c = m.correction else { return }
            let box = canvas.bounds.centered(width: width, height: 9)
            let panel = Panel(title: m.text(.judgeCorrection), fillStyle: .text)
            panel.render(in: box, into: &canvas)
            let inner = panel.inner(of: box).inset(horizontal: 2, vertical: 1)
            canvas.put(m.text(.judgeCorrectionOf, c.aspect.id + " " + c.aspect.text, c.old.description), x: inner.x, y: inner.y, maxWidth: inner.width)
            let labels = [m.text(.judgeNewValue), m.text(.judgeReason)]
            let lw = labels.map { TextWidth.width(of: $0) }.max() ?? 0
            for (i, (label, field)) in zip(labels, [c.value, c.reason]).enumerated() {
                let y = inner.y + 2 + i * 2
                canvas.put(TextWidth.pad(label, to: lw), x: inner.x, y: y, style: c.focus == i ? Style(.accent, .bold) : .text)
                var shown = field
                shown.style = Style(.highlight)
                if c.focus != i { shown.cursorAttributes = [] }
                canvas.render(shown, in: Rect(x: inner.x + lw + 2, y: y, width: max(1, inner.width - lw - 2), height: 1))
            }
        case .correctionReview:
            guard let c = m.correction, let v = JudgeModel.value(of: c.value.text, aspect: c.aspect) else { return }
            modal(m.text(.judgeCorrection), [c.aspect.id + " " + c.aspect.text + ":  " + c.old.description + " → " + v.description,
                                              m.text(.judgeReason) + (m.lang == .zh ? "：" : ": ") + c.reason.text, "", m.text(.judgeReviewNote)],
                  [m.text(.judgeSubmitButton), m.text(.judgeBackButton)])
        case let .remark(competitor, aspect):
            let box = canvas.bounds.centered(width: width, height: 7)
            let panel = Panel(title: m.text(.judgeRemarkTitle), fillStyle: .text)
            panel.render(in: box, into: &canvas)
            let inner = panel.inner(of: box).inset(horizontal: 2, vertical: 1)
            canvas.put(m.text(.judgeRemarkOf, competitorName(m, competitor), aspect), x: inner.x, y: inner.y, maxWidth: inner.width)
            let label = m.text(.judgeNote)
            let lw = TextWidth.width(of: label)
            canvas.put(label, x: inner.x, y: inner.y + 2, style: Style(.accent, .bold))
            var shown = m.remarkNote
            shown.style = Style(.highlight)
            shown.placeholder = m.text(.judgeRemarkPlaceholder)
            canvas.render(shown, in: Rect(x: inner.x + lw + 2, y: inner.y + 2, width: max(1, inner.width - lw - 2), height: 1))
        case let .signOff(module):
            guard case let .chief(key, _) = m.page else { return }
            modal(m.text(.judgeSignOffTitle), [m.text(.judgeSignOffQuestion, moduleName(m, key, module), m.title(key)), "",
                                                m.text(.judgeSignOffNote)],
                  [m.text(.judgeSignOffButton), m.text(.judgeCancelButton)], selected: 1)
        }
    }

    static func helpLines(_ m: JudgeModel) -> [String] {
        let keys: [(String, Label)]
        switch m.page {
        case .login: keys = [("Tab ↑↓", .judgeKeySwitchField), ("Enter", .judgeKeyConfirm), ("Backspace", .judgeHelpDelete), ("Esc", .keyQuit)]
        case .home: keys = [("↑↓", .keyMove), ("Enter", .judgeKeyOpen), ("q", .judgeKeyLogOut)]
        case .modules, .competitors:
            keys = [("↑↓ PgUp PgDn", .keyMove), ("Enter", .judgeKeyOpen)] + (m.isChief ? [("v", .judgeChiefView)] : []) + [("Esc", .judgeKeyBack)]
        case .sheet:
            keys = [("0-9 .", .judgeHelpDigits), ("← →", .judgeHelpCursor), ("Backspace", .judgeHelpDelete), ("↑↓ Tab", .judgeKeyAspect),
                    ("Enter", .judgeHelpEnter), ("s", .judgeKeyReview), ("c", .judgeKeyCorrect), ("Esc", .judgeKeyBack)]
        case .chief:
            keys = [("↑↓", .keyMove), ("←→", .judgeKeyModule), ("r", .judgeHelpRemark), ("l", .judgeHelpSignOff), ("Esc", .judgeKeyBack)]
        }
        let w = keys.map { TextWidth.width(of: $0.0) }.max() ?? 0
        var lines = keys.map { TextWidth.pad($0.0, to: w + 3) + m.text($0.1) }
        switch m.page {
        case .sheet: lines += ["", m.text(.judgeHelpSheetRules)]
        case .competitors: lines += ["", m.text(.judgeHelpStates)]
        default: break
        }
        lines += ["", m.text(.judgeHelpClose)]
        return lines
    }
}
