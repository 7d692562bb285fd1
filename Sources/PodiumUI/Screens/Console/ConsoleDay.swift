import Foundation
import PodiumCore

/// The day's tabs: Schedule (start, finish, delay, move, cancel, with the core's warnings),
/// Clock (the closing ceremony's time, pause and resume) and Ceremony (the presenter).
extension ConsoleModel {
    // MARK: Keys

    mutating func dayKey(_ key: Key, now: Date) -> ConsoleKeyResult {
        switch tab {
        case .schedule: return scheduleKey(key, now: now)
        case .clock: return clockKey(key, now: now)
        case .ceremony: return ceremonyKey(key, now: now)
        default: return .none
        }
    }

    private mutating func scheduleKey(_ key: Key, now: Date) -> ConsoleKeyResult {
        guard let id = selectedID(.schedule, now: now), let s = state.sessionState(id) else { return .none }
        let name = sessionName(s)
        switch key {
        case .char("s"), .char("S"):
            overlay = .confirm(ConsoleConfirm(title: t(.consoleStartSession), message: [t(.consoleStartQuestion), name],
                                              request: .execute(.startSession(id), pin: nil), danger: false))
        case .char("e"), .char("E"):
            overlay = .confirm(ConsoleConfirm(title: t(.consoleFinishSession), message: [t(.consoleFinishQuestion), name],
                                              request: .execute(.finishSession(id), pin: nil), danger: false))
        case .char("d"), .char("D"):
            overlay = .form(ConsoleForm(purpose: .day(.delay(session: id)), title: t(.consoleDelaySession), intro: [name],
                                        fields: [.init(.consoleMinutes, maxLength: 4, hint: .consoleDelayHint)]))
        case .char("m"), .char("M"):
            let sites = state.sites.items
            let current = sites.firstIndex { $0.id == s.site } ?? 0
            overlay = .form(ConsoleForm(purpose: .day(.move(session: id)), title: t(.consoleMoveSession), intro: [name], fields: [
                .init(.consoleSite, choices: sites.map { $0.name.text(lang) }, choice: current),
                .init(.station, text: s.station, maxLength: 40),
            ]))
        case .char("x"), .char("X"):
            overlay = .form(ConsoleForm(purpose: .day(.cancel(session: id)), title: t(.consoleCancelSession),
                                        intro: [name, t(.consoleCancelNote)], fields: [.init(.consoleReason, maxLength: 200)]))
        case .enter:
            overlay = .message(title: s.id, lines: sessionDetail(s, now: now), error: false)
        default: return .none
        }
        return .redraw
    }

    private mutating func clockKey(_ key: Key, now: Date) -> ConsoleKeyResult {
        switch key {
        case .char("c"), .char("C"):
            let current = state.closing.map { Timestamps.format($0, in: state.timeZone) } ?? ""
            overlay = .form(ConsoleForm(purpose: .day(.setClosing), title: t(.consoleSetClosing),
                                        intro: [t(.closingAt) + "：" + current],
                                        fields: [.init(.consoleNewTime, maxLength: 40, hint: .consoleClosingHint)]))
            return .redraw
        case .char("p"), .char("P"), .char(" "):
            return .request(.execute(state.clock.paused ? .resumeCountdown : .pauseCountdown, pin: nil))
        default: return .none
        }
    }

    private mutating func ceremonyKey(_ key: Key, now: Date) -> ConsoleKeyResult {
        let c = state.ceremony
        switch key {
        case .char("s"), .char("S"):
            overlay = .confirm(ConsoleConfirm(title: t(.consoleStartCeremony), message: [t(.consoleStartCeremonyQuestion),
                                                                                        formats.ceremonySkills(Ceremony.rounds(state).count)],
                                              request: .execute(.startCeremony, pin: nil), danger: false))
            return .redraw
        case .right, .char("n"), .char("N"), .char(" "), .enter:
            return c.running ? .request(.execute(.ceremonyNext, pin: nil)) : .none
        case .left, .char("b"), .char("B"), .backspace:
            return c.running ? .request(.execute(.ceremonyBack, pin: nil)) : .none
        case .char("e"), .char("E"):
            overlay = .confirm(ConsoleConfirm(title: t(.consoleEndCeremony), message: [t(.consoleEndCeremonyQuestion)],
                                              request: .execute(.endCeremony, pin: nil), danger: true))
            return .redraw
        default: return .none
        }
    }

    mutating func submitDay(_ form: DayForm, _ f: inout ConsoleForm, now: Date) -> ConsoleKeyResult {
        let text = f.value(0).trimmingCharacters(in: .whitespaces)
        func problem(_ p: String) -> ConsoleKeyResult {
            f.problem = p
            overlay = .form(f)
            return .redraw
        }
        switch form {
        case let .delay(id):
            // The console only reads the number; whether the delay is allowed is the core's to say.
            guard let minutes = Int(text) else { return problem(formats.unreadableMinutes(text)) }
            overlay = nil
            return .request(.execute(.delaySession(id, minutes: minutes), pin: nil))
        case let .move(id):
            let sites = state.sites.items
            let site = sites.indices.contains(f.fields[0].choice) ? sites[f.fields[0].choice].id : nil
            overlay = nil
            return .request(.execute(.moveSession(id, site: site, station: f.value(1)), pin: nil))
        case let .cancel(id):
            overlay = nil
            return .request(.execute(.cancelSession(id, reason: f.value(0)), pin: nil))
        case .setClosing:
            guard let time = TimeInput.parse(text, now: now, in: state.timeZone) else { return problem(formats.unreadableTime(text)) }
            overlay = nil
            return .request(.execute(.setClosing(time), pin: nil))
        }
    }

    // MARK: Text

    /// `焊接 · 决赛 · 2号馆 B区 (S02-final)`.
    func sessionName(_ s: SessionState) -> String {
        title(skill: s.session.skill, round: s.session.round) + Formats.dot + s.station + " (\(s.id))"
    }

    /// The session's state at `now`: a word and a style.
    func sessionStatus(_ s: SessionState, now: Date, _ f: Formats) -> (String, Style?) {
        var (text, style): (String, Style?) = switch s.status {
        case .live: (t(.liveNow), Style(.live, .bold))
        case .finished: (t(.sessionEnded), Style(.muted))
        case .cancelled: (t(.consoleCancelled), Style(.danger))
        case .scheduled:
            // Past its end without a start or finish from staff: over by the clock, as the board shows it.
            now >= s.effectiveEnd ? (t(.sessionEnded), Style(.muted))
                : s.isOn(at: now) ? (t(.consoleDue), Style(.warning, .bold)) : (t(.consoleUpcoming), Style(.muted))
        }
        if s.isDelayed, s.status != .cancelled {
            text += " " + f.delayShort(minutes: s.delayMinutes)
            if s.status == .scheduled { style = Style(.delayed, .bold) }
        }
        return (text, style)
    }

    func sessionDetail(_ s: SessionState, now: Date) -> [String] {
        let f = formats
        var lines = [title(skill: s.session.skill, round: s.session.round),
                     t(.consoleStatus) + ": " + sessionStatus(s, now: now, f).0,
                     t(.time) + ": " + f.shortDay(s.effectiveStart) + " " + f.span(s.effectiveStart, s.effectiveEnd)]
        if s.isDelayed {
            lines.append(t(.consoleScheduled) + ": " + f.shortDay(s.session.start) + " " + f.span(s.session.start, s.session.end))
        }
        lines.append(t(.consoleSite) + ": " + (state.sites[s.site]?.name.text(lang) ?? s.site) + Formats.dot + s.station)
        if s.isMoved {
            lines.append(t(.consoleScheduled) + ": " + (state.sites[s.session.site]?.name.text(lang) ?? s.session.site) + Formats.dot + s.session.station)
        }
        if let r = s.cancelReason { lines.append(t(.consoleReason) + ": " + r) }
        for w in state.scheduleWarnings() where w.sessions.contains(s.id) { lines.append("⚠ " + warningText(w)) }
        return lines
    }

    /// A schedule warning in the console's language.
    public func warningText(_ w: ScheduleWarning) -> String {
        func place(_ site: String, _ station: String) -> String { (state.sites[site]?.name.text(lang) ?? site) + " " + station }
        switch w {
        case let .doubleBooked(a, b, site, station):
            return lang == .zh ? "\(place(site, station)) 重复安排：\(a) 与 \(b) 时间重叠"
                : "\(place(site, station)) is double-booked: \(a) and \(b) overlap"
        case let .delayOverrun(a, b, site, station, n):
            return lang == .zh ? "\(a) 推迟后与 \(b) 重叠 \(n) 分钟（\(place(site, station))）"
                : "the delay of \(a) runs \(n) min into \(b) at \(place(site, station))"
        }
    }

    /// One ceremony step as the presenter reads it: the board's own words for it.
    public func stepText(_ step: CeremonyStep) -> String { RevealText.line(step, state: state, lang: lang) }

    /// The schedule's rows: sessions by day (of their effective start), site, then start.
    func scheduleRows(now: Date) -> [Row] {
        let f = formats
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = state.timeZone
        let siteOrder = Dictionary(uniqueKeysWithValues: state.sites.items.enumerated().map { ($1.id, $0) })
        func key(_ s: SessionState) -> (Date, Int, Date, String) {
            (calendar.startOfDay(for: s.effectiveStart), siteOrder[s.site] ?? Int.max, s.effectiveStart, s.id)
        }
        let warned = Set(state.scheduleWarnings().flatMap(\.sessions))
        // Each session's key once (a calendar call costs microseconds), then sort by it.
        let sorted = state.sessionStates.map { (key($0), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
        return sorted.map { s in
            let (text, style) = sessionStatus(s, now: now, f)
            return Row(id: s.id, cells: [
                StyledText(f.shortDay(s.effectiveStart)), StyledText(f.span(s.effectiveStart, s.effectiveEnd)),
                StyledText(state.sites[s.site]?.name.text(lang) ?? s.site),
                StyledText(title(skill: s.session.skill, round: s.session.round)),
                StyledText((s.isMoved ? "→" : "") + s.station),
                StyledText((warned.contains(s.id) ? "⚠ " : "") + text, style: warned.contains(s.id) ? Style(.warning, .bold) : style),
            ], style: s.status == .cancelled || s.status == .finished ? Style(.muted) : nil)
        }
    }
}

extension ConsoleScreen {
    static func dayKeys(_ tab: ConsoleTab) -> [(String, Label, Bool)] {
        switch tab {
        case .schedule:
            [("s", .consoleKeyStart, true), ("e", .consoleKeyFinish, true), ("d", .consoleKeyDelay, true),
             ("m", .consoleKeyMove, true), ("x", .consoleKeyCancelSession, true), ("Enter", .consoleKeyDetails, false)]
        case .clock:
            [("c", .consoleKeySetClosing, true), ("p", .consoleKeyPauseResume, true)]
        case .ceremony:
            [("s", .consoleKeyStart, true), ("→ n", .consoleKeyNextStep, true), ("← b", .consoleKeyPreviousStep, true),
             ("e", .consoleKeyEnd, true)]
        default: []
        }
    }

    static func drawSchedule(_ m: ConsoleModel, now: Date, in area: Rect, into canvas: inout Canvas) {
        let warnings = m.state.scheduleWarnings()
        let warningRows = min(warnings.count, max(0, area.height / 4))
        let parts = area.rows([.fill(), .length(warningRows == 0 ? 0 : warningRows + 1)])
        // The status (with its warning and delay) is what staff act on: it keeps its width.
        let rows = m.rows(.schedule, now: now)
        let statusWidth = min(24, rows.map { TextWidth.width(of: $0.cells[5].text) }.max() ?? 4)
        drawRows(m, .schedule, rows, columns: [
            .init(m.t(.consoleDay)), .init(m.t(.time)), .init(m.t(.consoleSite)), .init(m.t(.skill), width: .fill),
            .init(m.t(.station)), .init(m.t(.consoleStatus), width: .fixed(max(4, statusWidth))),
        ], empty: .nothingNext, in: parts[0], into: &canvas)
        guard warningRows > 0 else { return }
        let box = parts[1]
        canvas.put(String(repeating: "─", count: box.width), x: box.x, y: box.y, style: Style(.border))
        for (i, w) in warnings.prefix(warningRows).enumerated() {
            canvas.put("⚠ " + m.warningText(w), x: box.x, y: box.y + 1 + i, style: Style(.warning, .bold), maxWidth: box.width)
        }
    }

    static func drawClock(_ m: ConsoleModel, now: Date, in area: Rect, into canvas: inout Canvas) {
        guard let closing = m.state.closing else { return }
        let f = m.formats
        let paused = m.state.clock.paused
        let parts = CountdownParts(from: m.state.countdownFrom(now), to: closing)
        var line = m.t(.closingAt) + "：" + f.day(closing) + " " + f.hourMinute(closing)
        if m.state.clock.closingSet != nil, let defined = m.state.competition?.closing {
            line += Formats.dot + m.t(.consoleScheduled) + " " + f.shortDay(defined) + " " + f.hourMinute(defined)
        }
        canvas.put(line, x: area.x, y: area.y, style: Style(.headerText, .bold), maxWidth: area.width)
        let style = paused ? Style(.warning, .bold) : BoardScreen.countdownStyle(parts)
        var countdown = f.countdown(parts)
        if let at = m.state.clock.pausedAt { countdown = "⏸ " + m.t(.consoleCountdownPaused) + " " + f.clock(at) + Formats.dot + countdown }
        canvas.put(countdown, x: area.x, y: area.y + 1, style: style, maxWidth: area.width)
        let digits = Rect(x: area.x, y: area.y + 3, width: area.width, height: max(0, area.height - 3))
        canvas.render(BigText(f.shortCountdown(parts).replacingOccurrences(of: "天", with: "D"), style: style), in: digits)
    }

    static func drawCeremony(_ m: ConsoleModel, now: Date, in area: Rect, into canvas: inout Canvas) {
        let c = m.state.ceremony
        let f = m.formats
        guard c.running else {
            let plan = Ceremony.plan(m.state)
            canvas.put(m.t(.consoleCeremonyNotRunning), x: area.x, y: area.y, style: Style(.headerText, .bold), maxWidth: area.width)
            canvas.put(plan.isEmpty ? m.t(.consoleNothingToReveal) : f.ceremonyPlan(plan.count), x: area.x, y: area.y + 1,
                       style: Style(.muted), maxWidth: area.width)
            drawSteps(m, plan, current: nil, in: Rect(x: area.x, y: area.y + 3, width: area.width, height: max(0, area.height - 3)), into: &canvas)
            return
        }
        let half = max(4, min(10, (area.height - 2) / 3))
        let parts = area.rows([.length(half), .length(half), .fill()])
        let hall = Panel(title: m.t(.consoleHallSees) + Formats.dot + f.ceremonyStep(c.current + 1, of: c.steps.count), borderStyle: Style(.live))
        hall.render(in: parts[0], into: &canvas)
        let shown = c.step.map { TextWidth.wrap(m.stepText($0), width: max(1, parts[0].width - 4)) } ?? []
        for (i, line) in shown.prefix(max(0, parts[0].height - 2)).enumerated() {
            canvas.put(line, x: parts[0].x + 2, y: parts[0].y + 1 + i, style: i == 0 ? Style(.live, .bold) : .text, maxWidth: parts[0].width - 4)
        }
        let next = Panel(title: m.t(.consoleNextStep), borderStyle: Style(.accent))
        next.render(in: parts[1], into: &canvas)
        let preview = TextWidth.wrap(c.nextStep.map { m.stepText($0) } ?? m.t(.consoleLastStep), width: max(1, parts[1].width - 4))
        for (i, line) in preview.prefix(max(0, parts[1].height - 2)).enumerated() {
            canvas.put(line, x: parts[1].x + 2, y: parts[1].y + 1 + i, style: i == 0 ? Style(.accent, .bold) : Style(.muted), maxWidth: parts[1].width - 4)
        }
        drawSteps(m, c.steps, current: c.current, in: parts[2], into: &canvas)
    }

    /// The step list, one line each, the current one marked, kept in view.
    static func drawSteps(_ m: ConsoleModel, _ steps: [CeremonyStep], current: Int?, in area: Rect, into canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        var list = ScrollList(items: steps.enumerated().map { i, s in
            let style: Style? = current.map { i < $0 ? Style(.muted) : (i == $0 ? Style(.live, .bold) : nil) } ?? nil
            return ScrollList.Item("\(i + 1). " + m.stepText(s), style: style)
        }, selection: current ?? 0, marker: current == nil ? "  " : "▶ ")
        if let current { list.select(current, viewport: area.height) }
        list.highlightStyle = current == nil ? .text : Style(.live, .bold)
        canvas.render(list, in: area)
    }
}

extension Formats {
    public func unreadableMinutes(_ text: String) -> String {
        lang == .zh ? "「\(text)」不是分钟数；请输入整数，例如 15" : "\"\(text)\" is not a number of minutes; type a whole number such as 15"
    }
    /// `揭晓 3 个赛项` / `3 skills to reveal`.
    public func ceremonySkills(_ n: Int) -> String { lang == .zh ? "揭晓 " + skills(n) : skills(n) + " to reveal" }
    /// `现在开始将有 12 步` / `started now it would have 12 steps`.
    public func ceremonyPlan(_ n: Int) -> String { lang == .zh ? "现在开始将有 \(n) 步：" : "Started now it would have \(n) steps:" }
}
