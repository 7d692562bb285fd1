import Foundation
import PodiumCore

/// The staff console, drawn from a `ConsoleModel` as a pure function of the model, the size
/// and the time: a title bar, the tab bar, the tab in a panel, a status line and the keys of
/// the tab; boxes (help, forms, confirmations, refusals, one event) over it. Needs 80×24.
public enum ConsoleScreen {
    public static let minimumWidth = 80, minimumHeight = 24

    public static func render(_ m: ConsoleModel, width: Int, height: Int, now live: Date) -> Canvas {
        // A past view stands at its moment: the clock, session states and "minutes ago" too.
        let now = m.past?.time ?? live
        var canvas = Canvas(width: width, height: height)
        let f = m.formats
        guard width >= minimumWidth, height >= minimumHeight else {
            canvas.fill(canvas.bounds)
            let lines = TextWidth.wrap(f.tooSmall(width: width, height: height, minWidth: minimumWidth, minHeight: minimumHeight),
                                       width: max(1, width - 2))
            for (i, line) in lines.enumerated() {
                canvas.put(TextWidth.pad(line, to: width, alignment: .center), x: 0, y: max(0, height / 2 - 1) + i, style: Style(.warning, .bold))
            }
            return canvas
        }
        let rows = canvas.bounds.rows([.length(1), .length(1), .fill(), .length(1), .length(1)])
        drawHeader(m, now: now, in: rows[0], into: &canvas)
        drawTabBar(m, in: rows[1], into: &canvas)
        if m.actor != nil {
            drawTab(m, now: now, in: rows[2], into: &canvas)
        }
        drawStatus(m, now: now, in: rows[3], into: &canvas)
        if m.actor != nil { drawKeys(m, in: rows[4], into: &canvas) }
        if let past = m.past {
            // Read-only past view: the header and the status row in the past colour.
            PastViewText.mark(past, timeZone: m.state.timeZone, banner: rows[3], header: rows[0], into: &canvas)
        }
        drawOverlay(m, now: now, into: &canvas)
        return canvas
    }

    /// When the console must redraw by itself: the next clock second (the header clock, the
    /// countdown, session states and "minutes ago" move with it).
    public static func nextDeadline(after now: Date) -> Date {
        Date(timeIntervalSince1970: (now.timeIntervalSince1970 + 1).rounded(.down))
    }

    // MARK: Frame

    static func drawHeader(_ m: ConsoleModel, now: Date, in row: Rect, into canvas: inout Canvas) {
        let f = m.formats
        if LinkBanner.draw(m.link, formats: f, in: row, into: &canvas) { return }
        canvas.fill(row, style: Style(.header))
        let right = (m.actor?.logName ?? "—") + Formats.dot + f.day(now) + " " + f.clock(now) + " "
        let rightWidth = min(TextWidth.width(of: right), max(0, row.width - 20))
        let name = (m.state.competition?.name.text(m.lang) ?? "") + Formats.dot + m.t(.consoleTitle)
        canvas.put(" " + name, x: row.x, y: row.y, style: Style(.header, .bold), maxWidth: row.width - rightWidth - 1)
        canvas.put(TextWidth.pad(right, to: rightWidth, alignment: .right), x: row.maxX - rightWidth, y: row.y,
                   style: Style(.header), maxWidth: rightWidth)
    }

    static func drawTabBar(_ m: ConsoleModel, in row: Rect, into canvas: inout Canvas) {
        canvas.fill(row, style: Style(.muted))
        var x = row.x
        for tab in ConsoleTab.allCases {
            let text = " \(tab.rawValue + 1) \(m.t(tab.label)) "
            let style = tab == m.tab ? Style(.highlight, .bold) : Style(.text)
            x += canvas.put(text, x: x, y: row.y, style: style, maxWidth: row.maxX - x)
            x += canvas.put(" ", x: x, y: row.y, style: Style(.muted), maxWidth: row.maxX - x)
        }
    }

    static func drawStatus(_ m: ConsoleModel, now: Date, in row: Rect, into canvas: inout Canvas) {
        canvas.fill(row)
        let f = m.formats
        let right = f.followingLog(seq: m.state.lastSeq) + " "
        let rightWidth = TextWidth.width(of: right)
        canvas.put(right, x: row.maxX - rightWidth, y: row.y, style: Style(.muted))
        guard let status = m.status else { return }
        let text = " " + f.clock(status.at) + " " + status.text
        canvas.put(text, x: row.x, y: row.y, style: status.error ? Style(.danger, .bold) : Style(.ok),
                   maxWidth: row.width - rightWidth - 1)
    }

    static func drawKeys(_ m: ConsoleModel, in row: Rect, into canvas: inout Canvas) {
        let items = keys(m).filter(\.bar).map { KeyHelpBar.Item($0.key, m.t($0.label)) }
        canvas.render(KeyHelpBar(items), in: row)
    }

    /// The keys of the current tab: those marked `bar` also go in the key bar.
    static func keys(_ m: ConsoleModel) -> [(key: String, label: Label, bar: Bool)] {
        var list: [(String, Label, Bool)]
        switch m.tab {
        case .schedule: list = dayKeys(m.tab)
        case .clock: list = dayKeys(m.tab)
        case .ceremony: list = dayKeys(m.tab)
        case .announcements:
            list = [("n", .consoleKeyNew, true), ("w", .consoleKeyWithdraw, true), ("Enter", .consoleKeyOpen, false)]
        case .results:
            list = [("p", .consoleKeyPublish, true), ("f", .consoleKeyFreeze, true), ("F", .consoleKeyFinalize, true),
                    ("u", .consoleKeyUnlock, true), ("Enter", .consoleKeyDetails, false)]
        case .audit:
            list = [("Enter", .consoleKeyOpen, true), ("f", .consoleKeyFilter, true), ("c", .consoleKeyClear, false),
                    ("Esc", .consoleKeyClear, false)]
            if m.fixedPast == nil { list.insert(("t", m.replay == nil ? .consoleKeyReplay : .consoleKeyLive, true), at: 1) }
            if m.replay != nil { list.insert(("[ ]", .consoleKeyStep, true), at: 2) }
        case .health:
            list = [("v", .consoleKeyVerify, true)]
        }
        // A past view is read-only: no action keys but the audit tab's (which change nothing).
        if m.past != nil, m.tab != .audit { list = [] }
        if m.tab.searchable { list.append(("/", .consoleKeySearch, true)) }
        list += [("↑↓", .keyMove, false), ("1-7 Tab", .consoleKeyTabs, false), ("?", .keyHelp, true), ("q", .keyQuit, true)]
        return list.map { (key: $0.0, label: $0.1, bar: $0.2) }
    }

    // MARK: Tabs

    static func drawTab(_ m: ConsoleModel, now: Date, in area: Rect, into canvas: inout Canvas) {
        var title = m.t(m.tab.label)
        if m.tab != .audit, let q = m.searches[m.tab], !q.isEmpty { title += Formats.dot + "/" + q }
        let panel = Panel(title: title)
        panel.render(in: area, into: &canvas)
        let inner = panel.inner(of: area).inset(horizontal: 1)
        switch m.tab {
        case .schedule: drawSchedule(m, now: now, in: inner, into: &canvas)
        case .announcements: drawAnnouncements(m, now: now, in: inner, into: &canvas)
        case .clock: drawClock(m, now: now, in: inner, into: &canvas)
        case .results: drawResults(m, now: now, in: inner, into: &canvas)
        case .ceremony: drawCeremony(m, now: now, in: inner, into: &canvas)
        case .audit: drawAudit(m, now: now, in: inner, into: &canvas)
        case .health: drawHealth(m, now: now, in: inner, into: &canvas)
        }
    }

    /// A table of a list tab's rows with the selection highlighted, or the empty text.
    static func drawRows(_ m: ConsoleModel, _ tab: ConsoleTab, _ rows: [ConsoleModel.Row], columns: [Table.Column], empty: Label,
                         in area: Rect, into canvas: inout Canvas) {
        guard !rows.isEmpty else {
            let text = m.searches[tab].map { _ in m.t(.consoleNoMatch) } ?? m.t(empty)
            canvas.put(text, x: area.x, y: area.y, style: Style(.muted), maxWidth: area.width)
            return
        }
        let table = Table(columns: columns, rows: rows.map { Table.Row($0.cells, style: $0.style) },
                          highlighted: m.selectedIndex(in: rows, tab))
        canvas.render(table, in: area)
    }

    static func drawAnnouncements(_ m: ConsoleModel, now: Date, in area: Rect, into canvas: inout Canvas) {
        drawRows(m, .announcements, m.rows(.announcements, now: now), columns: [
            .init(m.t(.consoleID)), .init(m.t(.consolePriority)), .init(m.t(.consoleText), width: .fill),
            .init(m.t(.consolePosted)), .init(m.t(.consoleUntil)), .init(m.t(.consoleStatus)),
        ], empty: .consoleNoAnnouncements, in: area, into: &canvas)
    }

    static func drawResults(_ m: ConsoleModel, now: Date, in area: Rect, into canvas: inout Canvas) {
        let parts = area.rows([.fill(), .length(min(6, max(0, area.height / 3)))])
        let rows = m.rows(.results, now: now)
        drawRows(m, .results, rows, columns: [
            .init(m.t(.skill), width: .fill), .init(m.t(.round)), .init(m.t(.progress), alignment: .right),
            .init(m.t(.consoleModules)), .init(m.t(.consoleStatus)), .init(m.t(.consoleNotes)),
        ], empty: .noSkills, in: parts[0], into: &canvas)
        guard let i = m.selectedIndex(in: rows, .results), let key = m.resultRounds.first(where: { $0.description == rows[i].id }),
              parts[1].height > 1 else { return }
        let detail = parts[1]
        canvas.put(String(repeating: "─", count: detail.width), x: detail.x, y: detail.y, style: Style(.border))
        for (i, line) in m.roundDetail(key).prefix(detail.height - 1).enumerated() {
            canvas.put(line, x: detail.x, y: detail.y + 1 + i, style: i == 0 ? Style(.headerText, .bold) : .text, maxWidth: detail.width)
        }
    }

    static func drawAudit(_ m: ConsoleModel, now: Date, in area: Rect, into canvas: inout Canvas) {
        let f = m.formats
        let filter = m.auditFilter
        var parts: [String] = []
        if !filter.actor.isEmpty { parts.append(m.t(.consoleActor) + "=" + filter.actor) }
        if !filter.type.isEmpty { parts.append(m.t(.consoleType) + "=" + filter.type) }
        if !filter.skill.isEmpty { parts.append(m.t(.skill) + "=" + filter.skill) }
        if !filter.search.isEmpty { parts.append("/" + filter.search) }
        let header = f.auditCount(shown: m.auditMatches.count, of: m.records.count)
            + (parts.isEmpty ? "" : Formats.dot + m.t(.consoleFilter) + ": " + parts.joined(separator: " "))
        canvas.put(header, x: area.x, y: area.y, style: Style(parts.isEmpty ? .muted : .accent), maxWidth: area.width)
        let body = area.splitTop(1).rest
        let (index, count) = m.selection(.audit, now: now)
        guard let index, body.height > 1 else {
            canvas.put(m.t(.consoleNoMatch), x: body.x, y: body.y, style: Style(.muted), maxWidth: body.width)
            return
        }
        // Only the rows in view are built: the log may hold a million events.
        let viewport = body.height - 1
        let first = ScrollWindow.offset(selection: index, current: 0, count: count, viewport: viewport)
        let tz = m.state.timeZone
        var rows: [Table.Row] = []
        for i in first..<min(count, first + viewport) {
            let r = m.records[m.auditMatches[count - 1 - i]]
            rows.append(Table.Row([StyledText(String(r.seq)), StyledText(f.shortDay(r.time) + " " + f.clock(r.time)),
                                   StyledText(r.actor), StyledText(r.event.typeName),
                                   StyledText(EventText.summary(r.event, in: tz, lang: f.lang))]))
        }
        let seqWidth = max(3, String(m.state.lastSeq).count)
        let timeWidth = TextWidth.width(of: f.shortDay(now) + " 00:00:00")
        let table = Table(columns: [.init("#", width: .fixed(seqWidth), alignment: .right), .init(m.t(.time), width: .fixed(timeWidth)),
                                    .init(m.t(.consoleActor), width: .fixed(16)), .init(m.t(.consoleType), width: .fixed(21)),
                                    .init(m.t(.consoleSummary), width: .fill)],
                          rows: rows, highlighted: index - first)
        canvas.render(table, in: body)
    }

    static func drawHealth(_ m: ConsoleModel, now: Date, in area: Rect, into canvas: inout Canvas) {
        let f = m.formats
        let h = m.health
        var lines: [(String, String, Style)] = [
            (m.t(.consoleLogFile), h.logName ?? m.options.directory + "/events.log", .text),
            (m.t(.consoleLogSize), h.logBytes.map(Formats.bytes) ?? "—", h.logBytes == nil ? Style(.muted) : .text),
            (m.t(.consoleLastSeq), m.state.lastSeq == 0 ? "—" : "\(m.state.lastSeq)"
                + (m.state.lastTime.map { Formats.dot + f.shortDay($0) + " " + f.clock($0) } ?? ""), .text),
        ]
        if let v = h.verification {
            let when = f.clock(v.at) + " (" + f.ago(v.at, now: now) + ")"
            lines.append((m.t(.consoleLastVerify), (v.ok ? m.t(.consoleVerifyOK) : m.t(.consoleVerifyFailed)) + Formats.dot
                          + f.verifiedRecords(v.records) + Formats.dot + when, Style(v.ok ? .ok : .danger, .bold)))
            lines.append(("", v.detail, Style(v.ok ? .muted : .danger)))
        } else {
            lines.append((m.t(.consoleLastVerify), m.t(.consoleNotVerified), Style(.warning)))
        }
        if let free = h.freeBytes {
            let total = h.totalBytes.map { " / " + Formats.bytes($0) } ?? ""
            let low = free < 1 << 30
            lines.append((m.t(.consoleFreeDisk), Formats.bytes(free) + total + (low ? Formats.dot + m.t(.consoleDiskLow) : ""),
                          low ? Style(.danger, .bold) : .text))
        } else {
            lines.append((m.t(.consoleFreeDisk), "—", Style(.muted)))
        }
        let labelWidth = lines.map { TextWidth.width(of: $0.0) }.max() ?? 0
        for (i, line) in lines.enumerated() where i < area.height {
            canvas.put(TextWidth.pad(line.0, to: labelWidth + 2), x: area.x, y: area.y + i, style: Style(.headerText), maxWidth: area.width)
            canvas.put(line.1, x: area.x + labelWidth + 2, y: area.y + i, style: line.2, maxWidth: area.width - labelWidth - 2)
        }
        let top = lines.count + 1
        guard area.height > top + 2 else { return }
        canvas.put(m.t(.consoleWriters), x: area.x, y: area.y + top, style: Style(.headerText, .bold), maxWidth: area.width)
        let rows = m.recentWriters.map { w -> Table.Row in
            let recent = now.timeIntervalSince(w.last) < 15 * 60
            return Table.Row([StyledText(w.actor), StyledText(f.shortDay(w.last) + " " + f.clock(w.last)),
                              StyledText(f.ago(w.last, now: now)), StyledText("\(w.lastSeq)", style: nil), StyledText("\(w.count)")],
                             style: recent ? Style(.live) : Style(.muted))
        }
        let table = Table(columns: [.init(m.t(.consoleActor), width: .fill), .init(m.t(.consoleLastWrite)), .init(""),
                                    .init(m.t(.consoleLastSeq), alignment: .right), .init(m.t(.consoleEvents), alignment: .right)],
                          rows: rows)
        canvas.render(table, in: Rect(x: area.x, y: area.y + top + 1, width: area.width, height: area.height - top - 1))
    }

    // MARK: Boxes

    static func drawOverlay(_ m: ConsoleModel, now: Date, into canvas: inout Canvas) {
        let f = m.formats
        let maxWidth = min(76, canvas.width - 4)
        switch m.overlay {
        case nil: return
        case .help:
            let list = keys(m)
            let keyWidth = list.map { TextWidth.width(of: $0.key) }.max() ?? 0
            var message = list.map { TextWidth.pad($0.key, to: keyWidth + 3) + m.t($0.label) }
            message += ["", m.t(helpText(m.tab))]
            canvas.render(Modal(title: m.t(.help) + Formats.dot + m.t(m.tab.label), message: message, maxWidth: maxWidth), in: canvas.bounds)
        case .confirmQuit:
            canvas.render(Modal(title: m.t(.consoleQuitTitle), message: [m.t(.consoleQuitQuestion)],
                                buttons: [m.t(.consoleYes), m.t(.consoleNo)], selectedButton: 0, maxWidth: maxWidth), in: canvas.bounds)
        case let .confirm(c):
            canvas.render(Modal(title: c.title, message: c.message, buttons: [m.t(.consoleYes), m.t(.consoleNo)], selectedButton: 0,
                                maxWidth: maxWidth, borderStyle: Style(c.danger ? .danger : .border)), in: canvas.bounds)
        case let .message(title, lines, error):
            canvas.render(Modal(title: title, message: lines + ["", m.t(.consoleAnyKey)], maxWidth: maxWidth,
                                borderStyle: Style(error ? .danger : .border),
                                titleStyle: Style(error ? .danger : .headerText, .bold)), in: canvas.bounds)
        case let .form(form):
            drawForm(m, form, into: &canvas)
        case let .event(seq, offset):
            let lines = m.eventLines(seq)
            let box = canvas.bounds.centered(width: min(100, canvas.width - 4), height: min(lines.count + 3, canvas.height - 2))
            let panel = Panel(title: f.eventTitle(seq), fillStyle: .text)
            panel.render(in: box, into: &canvas)
            let inner = panel.inner(of: box).inset(horizontal: 1)
            let parts = inner.rows([.fill(), .length(1)])
            let start = min(offset, max(0, lines.count - parts[0].height))
            for (i, line) in lines.dropFirst(start).prefix(parts[0].height).enumerated() {
                canvas.put(line, x: parts[0].x, y: parts[0].y + i, style: i + start < 5 ? Style(.headerText) : .text, maxWidth: parts[0].width)
            }
            canvas.render(KeyHelpBar([.init("↑↓", m.t(.consoleKeyScroll)), .init("Esc", m.t(.keyClose))]), in: parts[1])
        }
    }

    static func drawForm(_ m: ConsoleModel, _ form: ConsoleForm, into canvas: inout Canvas) {
        let width = min(72, canvas.width - 4)
        let innerWidth = width - 4
        let intro = form.intro.flatMap { TextWidth.wrap($0, width: innerWidth) }
        let focused = form.fields.indices.contains(form.focus) ? form.fields[form.focus] : nil
        let note = form.problem ?? focused?.hint.map { m.t($0) }
        let noteLines = note.map { TextWidth.wrap($0, width: innerWidth) } ?? []
        let height = 2 + intro.count + (intro.isEmpty ? 0 : 1) + form.fields.count + 1 + noteLines.count + (noteLines.isEmpty ? 0 : 1) + 1
        let box = canvas.bounds.centered(width: width, height: min(height, canvas.height - 2))
        let panel = Panel(title: form.title, borderStyle: Style(.accent), fillStyle: .text)
        panel.render(in: box, into: &canvas)
        let inner = panel.inner(of: box).inset(horizontal: 1)
        var y = inner.y
        for line in intro { canvas.put(line, x: inner.x, y: y, maxWidth: inner.width); y += 1 }
        if !intro.isEmpty { y += 1 }
        let labelWidth = (form.fields.map { TextWidth.width(of: m.t($0.label)) }.max() ?? 0) + 2
        for (i, field) in form.fields.enumerated() {
            let isFocused = i == form.focus
            canvas.put((isFocused ? "▶ " : "  ") + m.t(field.label), x: inner.x, y: y,
                       style: isFocused ? Style(.accent, .bold) : Style(.muted), maxWidth: inner.width)
            let area = Rect(x: inner.x + labelWidth + 2, y: y, width: max(1, inner.width - labelWidth - 2), height: 1)
            if let choices = field.choices {
                let text = "◀ " + choices[min(field.choice, choices.count - 1)] + " ▶"
                canvas.put(text, x: area.x, y: y, style: isFocused ? Style(.highlight) : .text, maxWidth: area.width)
            } else {
                var input = field.input
                input.style = Style(.text, .underline)
                if !isFocused { input.cursorAttributes = [] }
                canvas.render(input, in: area)
            }
            y += 1
        }
        y += 1
        for line in noteLines {
            canvas.put(line, x: inner.x, y: y, style: form.problem != nil ? Style(.danger, .bold) : Style(.muted), maxWidth: inner.width)
            y += 1
        }
        let bar = KeyHelpBar([.init("Tab", m.t(.consoleKeyNextField)), .init("Enter", m.t(.consoleKeySubmit)),
                              .init("Esc", m.t(form.purpose == .login ? .keyQuit : .consoleKeyCancel))])
        canvas.render(bar, in: Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1))
    }

    static func helpText(_ tab: ConsoleTab) -> Label {
        switch tab {
        case .schedule: .consoleHelpSchedule
        case .announcements: .consoleHelpAnnouncements
        case .clock: .consoleHelpClock
        case .results: .consoleHelpResults
        case .ceremony: .consoleHelpCeremony
        case .audit: .consoleHelpAudit
        case .health: .consoleHelpHealth
        }
    }
}

extension Formats {
    /// Why a login or re-authentication failed.
    public func loginRefusal(_ outcome: LoginOutcome, id: String) -> String {
        switch outcome {
        case .ok: return ""
        case let .wrong(left):
            return lang == .zh ? "PIN 码错误；再错 \(left) 次将锁定账号" : "wrong PIN; \(left) more wrong PIN(s) lock the account"
        case let .lockedOut(until):
            return lang == .zh ? "账号 \(id) 因多次输错 PIN 码已锁定，\(clock(until)) 后再试"
                : "account \(id) is locked out after too many wrong PINs until \(clock(until))"
        case .unknown:
            return lang == .zh ? "没有工作人员账号「\(id)」" : "no staff account \"\(id)\""
        }
    }

    public func notStaff(_ id: String, role: String) -> String {
        lang == .zh ? "\(id) 是\(role)账号；员工控制台和员工命令仅限 staff 和 admin 账号" : "\(id) is a \(role) account; the staff console and staff commands are for staff and admin accounts"
    }

    /// `跟随日志 · 第 123 号` / `following the log · seq 123`.
    public func followingLog(seq: UInt64) -> String {
        lang == .zh ? "跟随日志 · 第 \(seq) 号事件" : "following the log · seq \(seq)"
    }
    /// `显示 12 / 340 条` / `12 of 340 events`.
    public func auditCount(shown: Int, of total: Int) -> String {
        lang == .zh ? "显示 \(shown) / \(total) 条事件" : "\(shown) of \(total) events"
    }
    public func eventTitle(_ seq: UInt64) -> String { lang == .zh ? "第 \(seq) 号事件" : "Event \(seq)" }
    public func verifiedRecords(_ n: UInt64) -> String { lang == .zh ? "\(n) 条记录" : "\(n) records" }
}
