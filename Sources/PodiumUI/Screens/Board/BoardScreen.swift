import Foundation
import PodiumCore

/// The spectators' big-screen board, drawn from a `BoardModel` as a pure function of the
/// model, the size and the time.
///
/// - From `bigWidth`×`bigHeight` (160×40): the big-screen layout: a title bar, the page in a
///   wide panel, a side column with the countdown in block digits and what is on now and next,
///   the ticker and the key bar.
/// - Down to `minimumWidth`×`minimumHeight` (80×24): the compact layout: title bar, the
///   countdown in one line, the page, ticker and key bar.
/// - Below that: a message asking for a larger terminal, in the board's language.
///
/// Results come only from `publicStandings` and `medalTables(publicOnly: true)`; a skill whose
/// results are not public shows its marking progress and nothing else.
public enum BoardScreen {
    public enum Layout: Sendable, Hashable { case tooSmall, compact, big }

    public static let minimumWidth = 80, minimumHeight = 24
    public static let bigWidth = 160, bigHeight = 40
    /// Ticker steps per second while its text is wider than the screen.
    public static let tickerStepsPerSecond = 4.0
    /// The countdown turns to the warning colour for its last ten minutes.
    public static let warningSeconds = 600

    public static func layout(width: Int, height: Int) -> Layout {
        if width < minimumWidth || height < minimumHeight { return .tooSmall }
        if width >= bigWidth && height >= bigHeight { return .big }
        return .compact
    }

    public static func render(_ m: BoardModel, theme: Theme, width: Int, height: Int, now: Date) -> Canvas {
        var canvas = renderWithoutTicker(m, theme: theme, width: width, height: height, now: now)
        if m.past == nil { drawTicker(m, now: now, into: &canvas) }
        return canvas
    }

    /// The ticker's row (none below the minimum size).
    public static func tickerRow(width: Int, height: Int) -> Rect? {
        layout(width: width, height: height) == .tooSmall ? nil : Rect(x: 0, y: height - 2, width: width, height: 1)
    }

    /// Draws the ticker into a canvas from `renderWithoutTicker`. Between clock seconds only the
    /// ticker moves, so a caller may keep the rest and redraw just this row.
    public static func drawTicker(_ m: BoardModel, now: Date, into canvas: inout Canvas) {
        drawTicker(m.tickerItems(now: now), now: now, into: &canvas)
    }

    /// Draws ticker items (`BoardModel.tickerItems(now:)`, which a caller may keep for the
    /// steps of one second) into a canvas from `renderWithoutTicker`.
    public static func drawTicker(_ items: [TickerItem], now: Date, into canvas: inout Canvas) {
        guard let row = tickerRow(width: canvas.width, height: canvas.height) else { return }
        drawTicker(items, now: now, in: row, into: &canvas)
    }

    /// Everything but the ticker's text (its row is left blank).
    public static func renderWithoutTicker(_ m: BoardModel, theme: Theme, width: Int, height: Int, now: Date) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        switch layout(width: width, height: height) {
        case .tooSmall:
            drawTooSmall(m, into: &canvas)
            return canvas
        case .compact:
            let rows = canvas.bounds.rows(compactRows)
            drawHeader(m, now: now, in: rows[0], into: &canvas)
            drawCountdownLine(m, now: now, in: rows[1], into: &canvas)
            if m.revealing { drawReveal(m, now: now, in: rows[2], big: false, into: &canvas) }
            else { drawPage(m, now: now, in: rows[2], big: false, into: &canvas) }
            drawKeys(m, now: now, in: rows[4], into: &canvas)
        case .big:
            let rows = canvas.bounds.rows(bigRows)
            drawHeader(m, now: now, in: rows[0], into: &canvas)
            if m.revealing {
                // The ceremony reveal takes the whole width: every board shows the presenter's step.
                drawReveal(m, now: now, in: rows[1], big: true, into: &canvas)
            } else if m.page == .countdown {
                // The countdown page is the countdown: it takes the whole width, so the digits
                // can be as large as possible, with what is on now beside the skills below.
                drawPage(m, now: now, in: rows[1], big: true, into: &canvas)
            } else {
                let columns = rows[1].columns([.fill(), .length(sideWidth(width))])
                drawPage(m, now: now, in: columns[0], big: true, into: &canvas)
                drawSide(m, now: now, in: columns[1], into: &canvas)
            }
            drawKeys(m, now: now, in: rows[3], into: &canvas)
        }
        drawOverlay(m, now: now, into: &canvas)
        if let past = m.past, let row = tickerRow(width: width, height: height) {
            // The past view takes the ticker's row (live news has no place in it) and the header.
            PastViewText.mark(past, timeZone: m.state.timeZone, banner: row, header: Rect(x: 0, y: 0, width: width, height: 1), into: &canvas)
        }
        return canvas
    }

    /// The compact layout's rows: title bar, countdown line, page, ticker, key bar.
    static let compactRows: [Constraint] = [.length(1), .length(1), .fill(), .length(1), .length(1)]
    /// The big layout's rows: title bar, page (and side column), ticker, key bar.
    static let bigRows: [Constraint] = [.length(1), .fill(), .length(1), .length(1)]

    /// How many standings rows a skill page holds at a size (inside the page's panel, below the
    /// status line, a blank and the table's head), or nil below the minimum size. `BoardModel`
    /// turns sub-pages by it; `drawSkill` fills them by the same arithmetic.
    public static func skillRows(width: Int, height: Int) -> Int? {
        let bounds = Rect(x: 0, y: 0, width: width, height: height)
        let area: Rect
        switch layout(width: width, height: height) {
        case .tooSmall: return nil
        case .compact: area = bounds.rows(compactRows)[2]
        case .big: area = bounds.rows(bigRows)[1]
        }
        return skillRows(inPanel: Panel(title: "").inner(of: area))
    }

    /// The standings rows below a skill page's status line, blank line and table head.
    static func skillRows(inPanel inner: Rect) -> Int { max(1, inner.height - 3) }

    /// Screens for `entries` standings at `rows` a screen (at least one).
    public static func parts(entries: Int, rows: Int) -> Int { max(1, (entries + max(1, rows) - 1) / max(1, rows)) }

    /// The side column of the big layout: wide enough for the countdown in blocks.
    static func sideWidth(_ width: Int) -> Int { max(56, min(80, width * 36 / 100)) }

    /// When the board must be drawn again with no input: the next clock second, the page
    /// turn, the end of a notice, and the next ticker step while the ticker scrolls.
    /// `tickerItems`: the ticker's items at `now`, when the caller has them.
    public static func nextDeadline(_ m: BoardModel, width: Int, height: Int, after now: Date,
                                    tickerItems: [TickerItem]? = nil) -> Date? {
        let t = now.timeIntervalSince1970
        var next = Date(timeIntervalSince1970: t.rounded(.down) + 1)
        if let turn = m.nextPageTurn() { next = min(next, max(turn, now)) }
        if let until = m.noticeUntil, until > now { next = min(next, until) }
        if layout(width: width, height: height) != .tooSmall,
           tickerScrolls(tickerItems ?? m.tickerItems(now: now), width: width) {
            let step = 1 / tickerStepsPerSecond
            next = min(next, Date(timeIntervalSince1970: ((t / step).rounded(.down) + 1) * step))
        }
        return next
    }

    /// Whether the ticker's text is wider than the screen (then it scrolls).
    public static func tickerScrolls(_ m: BoardModel, width: Int, now: Date) -> Bool {
        tickerScrolls(m.tickerItems(now: now), width: width)
    }

    public static func tickerScrolls(_ items: [TickerItem], width: Int) -> Bool {
        TextWidth.width(of: tickerText(items)) > width
    }

    static let tickerSeparator = "   ◆   "

    static func tickerText(_ items: [TickerItem]) -> String {
        items.map(\.text).joined(separator: tickerSeparator)
    }

    // MARK: Frame

    static func drawTooSmall(_ m: BoardModel, into canvas: inout Canvas) {
        let f = m.formats
        canvas.fill(canvas.bounds)
        let width = max(1, canvas.width - 2)
        var lines = TextWidth.wrap(f.tooSmall(width: canvas.width, height: canvas.height,
                                              minWidth: minimumWidth, minHeight: minimumHeight), width: width)
        if !m.locked { lines += [""] + TextWidth.wrap(f.label(.tooSmallQuit), width: width) }
        let top = max(0, (canvas.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            canvas.put(TextWidth.pad(line, to: canvas.width, alignment: .center), x: 0, y: top + i,
                       style: i == 0 ? Style(.warning, .bold) : Style(.muted))
        }
    }

    static func drawHeader(_ m: BoardModel, now: Date, in row: Rect, into canvas: inout Canvas) {
        let f = m.formats
        if LinkBanner.draw(m.link, formats: f, in: row, into: &canvas) { return }
        canvas.fill(row, style: Style(.header))
        let siteName = m.site?.name.text(m.lang) ?? f.label(.allSites)
        let right = siteName + Formats.dot + f.day(now) + " " + f.clock(now) + " "
        let rightWidth = min(TextWidth.width(of: right), max(0, row.width - 10))
        let name = m.state.competition?.name.text(m.lang) ?? ""
        canvas.put(" " + name, x: row.x, y: row.y, style: Style(.header, .bold), maxWidth: row.width - rightWidth - 1)
        canvas.put(TextWidth.pad(right, to: rightWidth, alignment: .right), x: row.maxX - rightWidth, y: row.y,
                   style: Style(.header), maxWidth: rightWidth)
    }

    static func countdownStyle(_ parts: CountdownParts) -> Style {
        if parts.totalSeconds == 0 { return Style(.live, .bold) }
        if parts.totalSeconds <= warningSeconds { return Style(.warning, .bold) }
        return Style(.accent, .bold)
    }

    static func drawCountdownLine(_ m: BoardModel, now: Date, in row: Rect, into canvas: inout Canvas) {
        canvas.fill(row)
        guard let parts = m.countdown(at: now) else { return }
        let text = m.formats.countdown(parts) + pausedNote(m)
        canvas.put(TextWidth.pad(text, to: row.width, alignment: .center), x: row.x, y: row.y,
                   style: countdownStyle(parts), maxWidth: row.width)
    }

    /// Each item in its own style (an urgent one in the danger colour, not the whole row),
    /// the separators and the rest of the row in the ticker's.
    static func drawTicker(_ items: [TickerItem], now: Date, in row: Rect, into canvas: inout Canvas) {
        let style = Style(.tickerBg)
        let segments = items.map { Ticker.Segment($0.text, style: $0.style) }
        let width = TextWidth.width(of: tickerText(items))
        if width <= row.width {
            canvas.fill(row, style: style)
            Ticker.draw(segments, separator: tickerSeparator, separatorStyle: style,
                        x: row.x + (row.width - width) / 2, in: row, into: &canvas)
        } else {
            let tick = Int((now.timeIntervalSince1970 * tickerStepsPerSecond).rounded(.down))
            canvas.render(Ticker(segments: segments, separator: tickerSeparator, tick: tick, style: style), in: row)
        }
    }

    static func drawKeys(_ m: BoardModel, now: Date, in row: Rect, into canvas: inout Canvas) {
        let f = m.formats
        canvas.fill(row, style: Style(.muted))
        var indicator = m.revealing ? f.ceremonyStep(m.state.ceremony.current + 1, of: m.state.ceremony.steps.count)
            : f.page(m.pageIndex + 1, of: m.pages.count)
        if m.paused { indicator = "⏸ " + f.label(.paused) + Formats.dot + indicator }
        if m.locked { indicator = f.label(.kioskLocked) + Formats.dot + indicator }
        indicator += " "
        let indicatorWidth = TextWidth.width(of: indicator)
        canvas.put(indicator, x: row.maxX - indicatorWidth, y: row.y, style: Style(.muted))
        let left = Rect(x: row.x, y: row.y, width: max(0, row.width - indicatorWidth - 1), height: 1)
        if let notice = m.notice, let until = m.noticeUntil, now < until {
            canvas.put(" " + notice, x: left.x, y: left.y, style: Style(.accent, .bold), maxWidth: left.width)
            return
        }
        guard !m.locked else { return }
        if m.revealing {
            // The presenter drives the pages during a reveal: only help and quit are left here.
            canvas.render(KeyHelpBar([.init("?", f.label(.keyHelp)), .init("q", f.label(.keyQuit))]), in: left)
            return
        }
        canvas.render(KeyHelpBar([
            .init(m.lang == .zh ? "空格" : "Space", f.label(m.paused ? .keyResume : .keyPause)),
            .init("←→", f.label(.keyPages)),
            .init("s", f.label(.keySkill)),
            .init("?", f.label(.keyHelp)),
            .init("q", f.label(.keyQuit)),
        ]), in: left)
    }

    // MARK: Pages

    static func pageTitle(_ m: BoardModel, now: Date) -> String {
        let f = m.formats
        switch m.page {
        case .countdown: return f.label(m.isClosing(at: now) ? .closingCeremony : .countdownTitle)
        case .schedule:
            return f.label(.schedule) + (m.site.map { Formats.dot + $0.name.text(m.lang) } ?? "")
        case .medals: return f.label(.medalTables) + Formats.dot + f.label(.publicOnlyNote)
        case let .skill(id):
            guard let skill = m.state.skills[id] else { return id }
            return m.title(skill: id, round: m.displayRound(skill, now: now)?.round)
        }
    }

    static func drawPage(_ m: BoardModel, now: Date, in area: Rect, big: Bool, into canvas: inout Canvas) {
        let panel = Panel(title: pageTitle(m, now: now))
        panel.render(in: area, into: &canvas)
        let inner = panel.inner(of: area).inset(horizontal: 1)
        switch m.page {
        case .countdown:
            if m.isClosing(at: now) { drawClosing(m, now: now, in: inner, big: big, into: &canvas) }
            else { drawCountdownPage(m, now: now, in: inner, big: big, into: &canvas) }
        case .schedule: drawSchedule(m, now: now, in: inner, into: &canvas)
        case .medals: drawMedals(m, now: now, in: inner, big: big, into: &canvas)
        case let .skill(id):
            if let skill = m.state.skills[id] { drawSkill(m, skill: skill, now: now, in: inner, big: big, into: &canvas) }
        }
    }

    // MARK: Countdown and closing

    static func drawCountdownPage(_ m: BoardModel, now: Date, in area: Rect, big: Bool, into canvas: inout Canvas) {
        guard let closing = m.closing, let parts = m.countdown(at: now) else { return }
        let f = m.formats
        let digitsHeight = big ? min(16, max(5, area.height - 14)) : 5
        let rows = area.rows([.length(1), .length(digitsHeight), .length(big ? 2 : 0), .length(1), .length(1), .fill()])
        canvas.render(CountdownDigits(parts: parts, style: countdownStyle(parts), maxScale: 3,
                                      plain: f.shortCountdown(parts)), in: rows[1])
        if big {
            canvas.put(TextWidth.pad(f.countdown(parts), to: rows[2].width, alignment: .center), x: rows[2].x,
                       y: rows[2].y + 1, style: Style(.text, .bold))
        }
        let when = f.label(.closingAt) + (m.lang == .zh ? "：" : ": ") + f.day(closing) + " " + f.hourMinute(closing) + pausedNote(m)
        canvas.put(TextWidth.pad(when, to: rows[3].width, alignment: .center), x: rows[3].x, y: rows[3].y,
                   style: Style(.muted))
        let rest = rows[5].splitTop(1).rest
        if big {
            let columns = rest.columns([.fill(), .length(sideWidth(area.width + 4) - 4)], spacing: 4)
            drawSkillsOverview(m, now: now, in: columns[0], into: &canvas)
            canvas.put(f.label(.nowAndNext), x: columns[1].x, y: columns[1].y, style: Style(.headerText, .bold),
                       maxWidth: columns[1].width)
            drawNowNext(m, now: now, in: columns[1].splitTop(1).rest, into: &canvas)
        } else {
            drawLiveSummary(m, now: now, in: rows[5], into: &canvas)
        }
    }

    /// The marking progress of a round, from the marks alone: aspects that count over
    /// entrants × aspects. (Progress is not a result: no marks, no order.)
    static func progress(_ m: BoardModel, _ key: RoundKey) -> (percent: Int, ratio: Double) {
        guard let skill = m.state.skills[key.skill] else { return (0, 0) }
        let aspects = skill.modules.reduce(0) { $0 + $1.aspects.count }
        let entrants = m.state.entrants(key)
        let expected = entrants.count * aspects
        guard expected > 0 else { return (0, 0) }
        let sheets = m.state.rounds[key]?.sheets
        let marked = entrants.reduce(0) { $0 + (sheets?[$1]?.aspectsCounting ?? 0) }
        return (marked * 100 / expected, Double(marked) / Double(expected))
    }

    /// A round's state in a few words: `评分中 62%`, `评分完成`, `已公布`, `最终成绩`.
    static func statusText(_ m: BoardModel, _ key: RoundKey) -> String {
        let status = m.state.status(key)
        return status == .marking ? m.formats.marking(progress(m, key).percent) : m.formats.status(status)
    }

    /// Every skill with its round, status and a progress bar, in two columns when there is room.
    static func drawSkillsOverview(_ m: BoardModel, now: Date, in area: Rect, title: Bool = true, into canvas: inout Canvas) {
        let skills = m.skills
        guard !area.isEmpty, !skills.isEmpty else { return }
        if title {
            canvas.put(m.formats.label(.skillsOverview), x: area.x, y: area.y, style: Style(.headerText, .bold), maxWidth: area.width)
        }
        let body = title ? area.splitTop(1).rest : area
        guard body.height > 0 else { return }
        let columnCount = (skills.count > body.height && body.width >= 100) ? 2 : 1
        let columns = body.columns(Array(repeating: .fill(), count: columnCount), spacing: 3)
        let perColumn = (skills.count + columnCount - 1) / columnCount
        for (c, column) in columns.enumerated() {
            let slice = skills.dropFirst(c * perColumn).prefix(perColumn)
            for (i, skill) in slice.prefix(column.height).enumerated() {
                guard let key = m.displayRound(skill, now: now) else { continue }
                let y = column.y + i
                let parts = Rect(x: column.x, y: y, width: column.width, height: 1)
                    .columns([.fill(), .length(16), .length(18)], spacing: 1)
                canvas.put(TextWidth.truncate(m.title(skill: skill.id, round: key.round), to: parts[0].width),
                           x: parts[0].x, y: y)
                let status = m.state.status(key)
                canvas.put(m.formats.status(status), x: parts[1].x, y: y, style: statusStyle(status), maxWidth: parts[1].width)
                canvas.render(Gauge(ratio: progress(m, key).ratio), in: parts[2])
            }
        }
    }

    static func statusStyle(_ s: ResultsStatus) -> Style {
        switch s {
        case .marking: Style(.muted)
        case .locked: Style(.warning)
        case .published: Style(.ok)
        case .final: Style(.ok, .bold)
        }
    }

    /// Compact countdown page: how the skills stand, then what is on now.
    static func drawLiveSummary(_ m: BoardModel, now: Date, in area: Rect, into canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let f = m.formats
        var counts: [ResultsStatus: Int] = [:]
        for skill in m.skills { if let key = m.displayRound(skill, now: now) { counts[m.state.status(key), default: 0] += 1 } }
        let parts = ResultsStatus.allCases.reversed().compactMap { s -> String? in
            guard let n = counts[s], n > 0 else { return nil }
            return m.lang == .zh ? "\(f.status(s)) \(n)" : "\(n) \(f.status(s))"
        }
        let summary = (m.lang == .zh ? "\(m.skills.count) 个赛项：" : "\(m.skills.count) skills: ") + parts.joined(separator: Formats.dot)
        canvas.put(TextWidth.pad(summary, to: area.width, alignment: .center), x: area.x, y: area.y, maxWidth: area.width)
        var y = area.y + 2
        let live = m.shownSites.flatMap { m.liveSessions(site: $0.id, now: now) }.sorted { ($0.effectiveEnd, $0.id) < ($1.effectiveEnd, $1.id) }
        guard y < area.maxY else { return }
        canvas.put(f.label(.liveNow), x: area.x, y: y, style: Style(.headerText, .bold))
        y += 1
        if live.isEmpty {
            canvas.put("  " + f.label(.nothingLive), x: area.x, y: y, style: Style(.muted), maxWidth: area.width)
            return
        }
        for (i, s) in live.enumerated() where y < area.maxY {
            if y == area.maxY - 1, i < live.count - 1 {
                canvas.put("  " + f.more(live.count - i), x: area.x, y: y, style: Style(.muted), maxWidth: area.width)
                break
            }
            drawSessionLine(m, s, now: now, live: true, in: Rect(x: area.x, y: y, width: area.width, height: 1), into: &canvas)
            y += 1
        }
    }

    /// `● 焊接 · 决赛 · 2号馆 A区      还剩 1小时20分` (on now, from the effective end),
    /// `○ 14:20 焊接 · 决赛 · 2号馆   推迟 20 分钟` (next; a delay in the theme's delayed role),
    /// `✕ 14:00 焊接 · 决赛 · 2号馆         已取消` (cancelled).
    static func drawSessionLine(_ m: BoardModel, _ s: SessionState, now: Date, live: Bool, in row: Rect, into canvas: inout Canvas) {
        let f = m.formats
        let cancelled = s.status == .cancelled
        let (right, rightStyle) = sessionNote(m, s, now: now, live: live)
        let rightWidth = TextWidth.width(of: right)
        var x = row.x
        x += canvas.put(cancelled ? "✕ " : live ? "● " : "○ ", x: x, y: row.y,
                        style: cancelled ? Style(.muted) : live ? Style(.live) : Style(.muted))
        if !live {
            x += canvas.put(f.when(s.effectiveStart, now: now) + " ", x: x, y: row.y,
                            style: cancelled ? Style(.muted) : s.isDelayed ? Style(.delayed) : Style(.accent))
        }
        let text = m.title(skill: s.session.skill, round: s.session.round) + Formats.dot + s.station
        canvas.put(text, x: x, y: row.y, style: cancelled ? Style(.muted) : .text, maxWidth: max(0, row.maxX - x - rightWidth - 1))
        if rightWidth > 0 { canvas.put(right, x: row.maxX - rightWidth, y: row.y, style: rightStyle) }
    }

    /// What the right of a session line says: time left (or running over) for one on now, a
    /// delay for one to come, `cancelled` for a cancelled one.
    static func sessionNote(_ m: BoardModel, _ s: SessionState, now: Date, live: Bool) -> (String, Style) {
        let f = m.formats
        if s.status == .cancelled { return (f.label(.cancelled), Style(.danger)) }
        if live {
            let left = s.secondsLeft(at: now)
            if left == 0 { return (f.label(.overrunning), Style(.delayed)) }
            let text = f.timeLeft(seconds: left)
            return s.isDelayed ? (f.delayed(minutes: s.delayMinutes) + Formats.dot + text, Style(.delayed)) : (text, Style(.warning))
        }
        return s.isDelayed ? (f.delayed(minutes: s.delayMinutes), Style(.delayed)) : ("", .text)
    }

    /// ` +20分` after a delayed session's time.
    static func delayTag(_ f: Formats, _ s: SessionState) -> String {
        s.isDelayed ? " " + f.delayShort(minutes: s.delayMinutes) : ""
    }

    /// `（倒计时暂停）` after the countdown while it is paused.
    static func pausedNote(_ m: BoardModel) -> String {
        guard m.state.clock.paused else { return "" }
        let note = m.formats.label(.countdownPausedNote)
        return m.lang == .zh ? "（\(note)）" : " (\(note))"
    }

    static func drawClosing(_ m: BoardModel, now: Date, in area: Rect, big: Bool, into canvas: inout Canvas) {
        let f = m.formats
        var lines: [(String, Style)] = [
            (f.label(.closingCeremonyNow), Style(.live, .bold)),
            ("", .text),
        ]
        let awards = m.state.medalTables(publicOnly: true, now: now).awards
        for (label, ids, medal) in [(Label.teamGold, awards.gold, Medal.gold), (.teamSilver, awards.silver, .silver),
                                    (.teamBronze, awards.bronze, .bronze)] where !ids.isEmpty {
            lines.append((f.label(label) + "  " + f.list(ids.map(m.delegationName)), Style(MedalBadge(medal).role, .bold)))
        }
        lines += [("", .text), (f.label(.thanks), Style(.accent, .bold))]
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (i, (text, style)) in lines.enumerated() where top + i < area.maxY {
            canvas.put(TextWidth.pad(text, to: area.width, alignment: .center), x: area.x, y: top + i, style: style)
        }
    }

    // MARK: A skill

    static func drawSkill(_ m: BoardModel, skill: Skill, now: Date, in area: Rect, big: Bool, into canvas: inout Canvas) {
        guard let key = m.displayRound(skill, now: now), !area.isEmpty else { return }
        let f = m.formats
        let (percent, ratio) = progress(m, key)
        let status = m.state.status(key)
        // The status line: status word, and the marking progress bar.
        let head = area.row(0).columns([.fill(), .length(min(40, area.width / 2))], spacing: 2)
        var statusText = f.status(status)
        guard let standings = m.state.publicStandings(key, now: now) else {
            drawProgressOnly(m, skill: skill, key: key, percent: percent, ratio: ratio, status: status, in: area, into: &canvas)
            return
        }
        if status == .marking || status == .locked { statusText += Formats.dot + f.label(.liveUnconfirmed) }
        // A skill longer than the screen turns through sub-pages (BoardModel.subPage), each
        // `room` rows, never "…and N more": every competitor gets a turn on the board.
        let room = skillRows(inPanel: area)
        let parts = parts(entries: standings.entries.count, rows: room)
        let part = min(m.subPage, parts - 1)
        if parts > 1 { statusText += Formats.dot + EdgeText.subPage.text(m.lang, part + 1, parts) }
        canvas.put(statusText, x: head[0].x, y: head[0].y, style: statusStyle(status), maxWidth: head[0].width)
        drawProgressBar(f, ratio: ratio, percent: percent, in: head[1], into: &canvas)

        let scaled = m.state.competition?.standardisation == .scale700
        var columns = [
            Table.Column(f.label(.rank), alignment: .right),
            Table.Column(f.label(.medal)),
            Table.Column(f.label(.competitor), width: .fill),
            Table.Column(f.label(.delegation)),
        ]
        if scaled { columns.append(Table.Column(f.label(.raw), alignment: .right)) }
        columns += [Table.Column(f.label(.score), alignment: .right), Table.Column(f.label(.provisional))]
        let tableArea = area.splitTop(2).rest
        let entries = Array(standings.entries.dropFirst(part * room).prefix(room))
        var rows: [Table.Row] = entries.map { e in
            let name = m.state.competitors[e.competitor]?.name ?? e.competitor
            var cells: [Table.Cell] = [
                Table.Cell("\(e.rank)"),
                e.medal.map { Table.Cell(f.medal($0), style: MedalBadge($0).style) } ?? "",
                Table.Cell(name),
                Table.Cell(m.delegationName(e.delegation)),
            ]
            if scaled { cells.append(Table.Cell(e.raw.description)) }
            cells += [Table.Cell(e.score.description), Table.Cell(e.provisional ? f.label(.provisional) : "")]
            return Table.Row(cells, style: e.provisional ? Style(.provisional) : nil)
        }
        if entries.isEmpty {
            rows.append(Table.Row([Table.Cell(""), Table.Cell(""), Table.Cell(f.label(.noEntrants))], style: Style(.muted)))
        }
        canvas.render(Table(columns: columns, rows: rows, columnSpacing: big ? 3 : 2), in: tableArea)
    }

    static func drawProgressBar(_ f: Formats, ratio: Double, percent: Int, in area: Rect, into canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let label = f.label(.progress) + " "
        let x = area.x + canvas.put(label, x: area.x, y: area.y, style: Style(.muted), maxWidth: area.width)
        canvas.render(Gauge(ratio: ratio, label: "\(percent)%"), in: Rect(x: x, y: area.y, width: area.maxX - x, height: 1))
    }

    /// A skill whose results are not public: progress, how many compete, when results come.
    /// No marks and no order.
    static func drawProgressOnly(_ m: BoardModel, skill: Skill, key: RoundKey, percent: Int, ratio: Double,
                                 status: ResultsStatus, in area: Rect, into canvas: inout Canvas) {
        let f = m.formats
        let headline = status == .marking ? f.marking(percent) : f.label(.markingComplete)
        let note: String
        switch m.state.competition?.resultsPolicy {
        case .atCeremony: note = f.label(.hiddenAtCeremony)
        case .onPublish, .live: note = f.label(.hiddenOnPublish)
        case nil: note = f.label(.hiddenNoPolicy)
        }
        // Where and when, as the schedule stands (moved, delayed; cancelled sessions left out).
        let sessions = m.state.sessionStates.filter { $0.session.skill == skill.id && $0.session.round == key.round && $0.status != .cancelled }
        var place: String?
        if let first = sessions.first, let last = sessions.last {
            let site = m.state.sites[first.site]?.name.text(m.lang) ?? first.site
            let (start, end) = (first.effectiveStart, last.effectiveEnd)
            place = site + Formats.dot + first.station + Formats.dot + f.shortDay(start) + " " + f.hourMinute(start)
                + (end > start ? "–" + (f.shortDay(end) == f.shortDay(start) ? "" : f.shortDay(end) + " ")
                   + f.hourMinute(end) : "")
        }
        let barWidth = min(60, area.width - 4)
        var lines: [(String?, Style)] = [
            (headline, Style(.accent, .bold)),
            (nil, .text), // the bar
            ("", .text),
            (f.competitors(m.state.entrants(key).count), .text),
            (note, Style(.muted)),
        ]
        if let place { lines += [("", .text), (place, Style(.muted))] }
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (i, (text, style)) in lines.enumerated() where top + i < area.maxY {
            let y = top + i
            if let text {
                canvas.put(TextWidth.pad(text, to: area.width, alignment: .center), x: area.x, y: y, style: style)
            } else {
                canvas.render(Gauge(ratio: ratio, label: "\(percent)%"),
                              in: Rect(x: area.x + (area.width - barWidth) / 2, y: y, width: barWidth, height: 1))
            }
        }
    }

    // MARK: Medal tables

    static func drawMedals(_ m: BoardModel, now: Date, in area: Rect, big: Bool, into canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let f = m.formats
        let (tables, awards) = m.state.medalTables(publicOnly: true, now: now)
        let parts = area.rows([.fill(), .length(1)])
        if big {
            let columns = parts[0].columns([.fill(), .fill(), .fill()], spacing: 3)
            let specs: [(Label, [DelegationRow], [Label], (DelegationRow) -> [Int])] = [
                (.goldTable, tables.gold, [.goldShort, .silverShort, .bronzeShort, .excellenceShort],
                 { [$0.gold, $0.silver, $0.bronze, $0.excellence] }),
                (.countTable, tables.count, [.medalCount, .goldShort, .silverShort, .bronzeShort],
                 { [$0.medalCount, $0.gold, $0.silver, $0.bronze] }),
                (.pointsTable, tables.points, [.points, .goldShort, .silverShort, .bronzeShort],
                 { [$0.points, $0.gold, $0.silver, $0.bronze] }),
            ]
            for (column, (title, rows, heads, values)) in zip(columns, specs) {
                canvas.put(TextWidth.pad(f.label(title), to: column.width, alignment: .center), x: column.x, y: column.y,
                           style: Style(.accent, .bold))
                let table = Table(
                    columns: [Table.Column(f.label(.rank), alignment: .right), Table.Column(f.label(.delegation), width: .fill)]
                        + heads.map { Table.Column(f.label($0), alignment: .right) },
                    rows: rows.map { r in
                        Table.Row([Table.Cell("\(r.rank)"), Table.Cell(m.delegationName(r.delegation))]
                                  + values(r).map { Table.Cell("\($0)") })
                    },
                    columnSpacing: 2)
                canvas.render(table, in: column.splitTop(2).rest)
            }
        } else {
            let rankIn = { (rows: [DelegationRow]) in Dictionary(uniqueKeysWithValues: rows.map { ($0.delegation, $0.rank) }) }
            let countRank = rankIn(tables.count), pointsRank = rankIn(tables.points)
            let table = Table(
                columns: [Table.Column(f.label(.rankInGold), alignment: .right), Table.Column(f.label(.delegation), width: .fill)]
                    + [Label.goldShort, .silverShort, .bronzeShort, .excellenceShort, .medalCount, .points]
                        .map { Table.Column(f.label($0), alignment: .right) }
                    + [Table.Column(f.label(.rankInCount), alignment: .right), Table.Column(f.label(.rankInPoints), alignment: .right)],
                rows: tables.gold.map { r in
                    Table.Row([Table.Cell("\(r.rank)"), Table.Cell(m.delegationName(r.delegation))]
                              + [r.gold, r.silver, r.bronze, r.excellence, r.medalCount, r.points].map { Table.Cell("\($0)") }
                              + [Table.Cell("\(countRank[r.delegation] ?? 0)"), Table.Cell("\(pointsRank[r.delegation] ?? 0)")])
                },
                columnSpacing: 2)
            canvas.render(table, in: parts[0])
        }
        // Team awards, from the configured table.
        let by: Label = switch m.state.competition?.teamTable ?? .points {
        case .gold: .byGoldTable
        case .count: .byCountTable
        case .points: .byPointsTable
        }
        let row = parts[1]
        var x = row.x
        let colon = m.lang == .zh ? "：" : ": "
        x += canvas.put(f.label(.teamAwards) + (m.lang == .zh ? "（\(f.label(by))）" : " (\(f.label(by)))") + colon,
                        x: x, y: row.y, style: Style(.headerText, .bold), maxWidth: row.maxX - x)
        let given = [(awards.gold, Medal.gold), (awards.silver, .silver), (awards.bronze, .bronze)].filter { !$0.0.isEmpty }
        if given.isEmpty {
            canvas.put(f.label(.noTeamAwardsYet), x: x, y: row.y, style: Style(.muted), maxWidth: row.maxX - x)
        }
        for (i, (ids, medal)) in given.enumerated() where x < row.maxX {
            if i > 0 { x += canvas.put("  ", x: x, y: row.y, maxWidth: row.maxX - x) }
            x += canvas.put(f.medal(medal) + " ", x: x, y: row.y, style: MedalBadge(medal).style, maxWidth: row.maxX - x)
            x += canvas.put(f.list(ids.map(m.delegationName)), x: x, y: row.y, maxWidth: row.maxX - x)
        }
    }

    // MARK: Schedule

    /// One line of the schedule.
    enum ScheduleLine {
        case site(Site)
        case live(SessionState)
        case next(SessionState)
        case cancelled(SessionState)
        case nothing(Label)
        case more(Int)
    }

    /// Per site: the sessions on now (with their time left), then the next ones, in at most
    /// `budget` lines per site (its name included).
    static func scheduleLines(_ m: BoardModel, now: Date, budget: Int) -> [ScheduleLine] {
        var lines: [ScheduleLine] = []
        let room = max(1, budget - 1)
        for site in m.shownSites {
            lines.append(.site(site))
            let live = m.liveSessions(site: site.id, now: now)
            let next = m.nextSessions(site: site.id, now: now)
            let cancelled = m.cancelledSessions(site: site.id, now: now)
            var body: [ScheduleLine] = live.isEmpty ? [.nothing(.nothingLive)] : live.map { .live($0) }
            var nextLines: [ScheduleLine] = next.isEmpty ? (live.isEmpty && cancelled.isEmpty ? [.nothing(.nothingNext)] : []) : next.map { .next($0) }
            nextLines += cancelled.map { .cancelled($0) }
            if body.count + nextLines.count <= room {
                body += nextLines
            } else if room <= 2 {
                body = Array((body + nextLines).prefix(room))
            } else {
                // Keep one line for what comes next and one for "and N more".
                let keepNext = min(1, nextLines.count)
                let keepLive = room - keepNext - 1
                let hidden = body.count - keepLive + nextLines.count - keepNext
                body = Array(body.prefix(keepLive)) + Array(nextLines.prefix(keepNext)) + [.more(hidden)]
            }
            lines += body
        }
        return lines
    }

    static func drawSchedule(_ m: BoardModel, now: Date, in area: Rect, into canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let f = m.formats
        let sites = max(1, m.shownSites.count)
        let lines = scheduleLines(m, now: now, budget: max(2, (area.height - 1) / sites))
        let rows: [Table.Row] = lines.map { line in
            switch line {
            case .site:
                return Table.Row([""]) // drawn across the row below
            case let .live(s):
                // A delay shows in the time column (`08:30–12:20 +20分`), both in the delayed role.
                let left = s.secondsLeft(at: now)
                return Table.Row([Table.Cell("● " + f.label(.liveNow), style: Style(.live)),
                                  Table.Cell(f.span(s.startedAt ?? s.effectiveStart, s.effectiveEnd) + delayTag(f, s), style: s.isDelayed ? Style(.delayed) : nil),
                                  Table.Cell(m.title(skill: s.session.skill, round: s.session.round)),
                                  Table.Cell(s.station),
                                  Table.Cell(left == 0 ? f.label(.overrunning) : f.timeLeft(seconds: left),
                                             style: s.isDelayed || left == 0 ? Style(.delayed) : Style(.warning))])
            case let .next(s):
                return Table.Row([Table.Cell("○ " + f.label(.next), style: Style(.accent)),
                                  Table.Cell(f.when(s.effectiveStart, now: now) + delayTag(f, s), style: s.isDelayed ? Style(.delayed) : nil),
                                  Table.Cell(m.title(skill: s.session.skill, round: s.session.round)),
                                  Table.Cell(s.station), ""])
            case let .cancelled(s):
                return Table.Row([Table.Cell("✕ " + f.label(.cancelled), style: Style(.danger)),
                                  Table.Cell(f.when(s.effectiveStart, now: now)),
                                  Table.Cell(m.title(skill: s.session.skill, round: s.session.round)),
                                  Table.Cell(s.station), ""], style: Style(.muted))
            case let .nothing(label):
                return Table.Row(["", Table.Cell(f.label(label), style: Style(.muted))])
            case let .more(n):
                return Table.Row(["", "", Table.Cell(f.more(n), style: Style(.muted))])
            }
        }
        let table = Table(columns: [
            Table.Column(""), Table.Column(f.label(.time)), Table.Column(f.label(.skill), width: .fill),
            Table.Column(f.label(.station)), Table.Column(f.label(.timeLeft), alignment: .right),
        ], rows: rows, columnSpacing: 2)
        canvas.render(table, in: area)
        for (i, line) in lines.enumerated() where area.y + 1 + i < area.maxY {
            guard case let .site(s) = line else { continue }
            canvas.put(s.name.text(m.lang), x: area.x, y: area.y + 1 + i, style: Style(.headerText, .bold), maxWidth: area.width)
        }
    }

    // MARK: Side column (big layout)

    static func drawSide(_ m: BoardModel, now: Date, in area: Rect, into canvas: inout Canvas) {
        let f = m.formats
        var rest = area
        if m.page != .countdown, let parts = m.countdown(at: now) {
            let split = area.splitTop(9)
            let panel = Panel(title: f.label(.countdownTitle))
            panel.render(in: split.top, into: &canvas)
            let inner = panel.inner(of: split.top).inset(horizontal: 1)
            let rows = inner.rows([.length(5), .length(1), .length(1)])
            canvas.render(CountdownDigits(parts: parts, style: countdownStyle(parts), maxScale: 1,
                                          plain: f.shortCountdown(parts)), in: rows[0])
            canvas.put(TextWidth.pad(f.countdown(parts) + pausedNote(m), to: rows[2].width, alignment: .center), x: rows[2].x, y: rows[2].y,
                       style: parts.totalSeconds <= warningSeconds ? countdownStyle(parts) : Style(.text), maxWidth: rows[2].width)
            rest = split.rest
        }
        if m.page == .schedule {
            // The page already says what is on: the side shows how marking stands instead.
            let panel = Panel(title: f.label(.skillsOverview))
            panel.render(in: rest, into: &canvas)
            drawSkillsOverview(m, now: now, in: panel.inner(of: rest).inset(horizontal: 1), title: false, into: &canvas)
        } else {
            let panel = Panel(title: f.label(.nowAndNext))
            panel.render(in: rest, into: &canvas)
            drawNowNext(m, now: now, in: panel.inner(of: rest).inset(horizontal: 1), into: &canvas)
        }
    }

    /// What is on now and next, site by site, one line each.
    static func drawNowNext(_ m: BoardModel, now: Date, in area: Rect, into canvas: inout Canvas) {
        let f = m.formats
        let sites = max(1, m.shownSites.count)
        let lines = scheduleLines(m, now: now, budget: max(2, area.height / sites))
        for (i, line) in lines.prefix(area.height).enumerated() {
            let row = area.row(i)
            switch line {
            case let .site(s): canvas.put(s.name.text(m.lang), x: row.x, y: row.y, style: Style(.headerText, .bold), maxWidth: row.width)
            case let .live(s): drawSessionLine(m, s, now: now, live: true, in: row, into: &canvas)
            case let .next(s), let .cancelled(s): drawSessionLine(m, s, now: now, live: false, in: row, into: &canvas)
            case let .nothing(l): canvas.put("  " + f.label(l), x: row.x, y: row.y, style: Style(.muted), maxWidth: row.width)
            case let .more(n): canvas.put("  " + f.more(n), x: row.x, y: row.y, style: Style(.muted), maxWidth: row.width)
            }
        }
    }

    // MARK: Overlays

    static func drawOverlay(_ m: BoardModel, now: Date, into canvas: inout Canvas) {
        let f = m.formats
        switch m.overlay {
        case nil: return
        case .help:
            let keys: [(String, Label)] = [
                (m.lang == .zh ? "空格" : "Space", .keyPauseResume),
                ("→  n", .keyNextPage),
                ("←  p", .keyPreviousPage),
                ("s", .keySkill),
                ("?", .keyHelp),
                ("q", .keyQuit),
            ] + (m.options.kiosk ? [("k", Label.keyLock)] : [])
            let keyWidth = keys.map { TextWidth.width(of: $0.0) }.max() ?? 0
            var message = keys.map { TextWidth.pad($0.0, to: keyWidth + 3) + f.label($0.1) }
            message.append("")
            message.append(f.rotation(seconds: Int(m.options.pageSeconds.rounded())))
            if m.options.kiosk { message.append(f.label(.helpKiosk)) }
            canvas.render(Modal(title: f.label(.help), message: message, maxWidth: min(64, canvas.width - 4)), in: canvas.bounds)
        case let .skillPicker(selection):
            let skills = m.skills
            let box = canvas.bounds.centered(width: min(64, canvas.width - 4), height: min(skills.count + 3, canvas.height - 4))
            let panel = Panel(title: f.label(.pickSkill), fillStyle: .text)
            panel.render(in: box, into: &canvas)
            let inner = panel.inner(of: box).inset(horizontal: 1)
            let parts = inner.rows([.fill(), .length(1)])
            var list = ScrollList(items: skills.map { skill in
                let key = m.displayRound(skill, now: now)
                let status = key.map { statusText(m, $0) } ?? ""
                return ScrollList.Item(TextWidth.pad(skill.name.text(m.lang), to: max(0, parts[0].width - 2 - 14 - 2))
                                       + "  " + status)
            })
            list.select(selection, viewport: parts[0].height)
            canvas.render(list, in: parts[0])
            canvas.render(KeyHelpBar([.init("↑↓", f.label(.keyMove)), .init("Enter", f.label(.keyJump)),
                                      .init("Esc", f.label(.keyClose))]), in: parts[1])
        }
    }
}

extension MedalBadge {
    /// The badge for a medal of the results.
    init(_ medal: Medal) {
        switch medal {
        case .gold: self = .gold
        case .silver: self = .silver
        case .bronze: self = .bronze
        case .excellence: self = .excellence
        }
    }
}
