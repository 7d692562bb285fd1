import Foundation
import PodiumCore

/// What each key does in the console. Keyboard first: number keys and Tab switch tabs, arrows
/// move, Enter opens, Esc closes or clears, `/` searches, `?` helps, q quits after a question.
extension ConsoleModel {
    public mutating func handle(_ key: Key, now live: Date) -> ConsoleKeyResult {
        if key == .resize { return .redraw }
        let now = past?.time ?? live
        return handleKey(key, now: now)
    }

    private mutating func handleKey(_ key: Key, now: Date) -> ConsoleKeyResult {
        if let overlay { return handleOverlay(overlay, key, now: now) }
        if let r = replayKey(key) { return r }
        switch key {
        case let .char(c) where ("1"..."7").contains(c):
            tab = ConsoleTab(rawValue: Int(String(c))! - 1)!
            return .redraw
        case .tab:
            tab = ConsoleTab(rawValue: (tab.rawValue + 1) % ConsoleTab.allCases.count)!
            return .redraw
        case .backTab:
            tab = ConsoleTab(rawValue: (tab.rawValue + ConsoleTab.allCases.count - 1) % ConsoleTab.allCases.count)!
            return .redraw
        case .up, .char("k"): move(-1, now: now)
        case .down, .char("j"): move(+1, now: now)
        case .pageUp: move(-10, now: now)
        case .pageDown: move(+10, now: now)
        case .home: move(-Int.max / 2, now: now)
        case .end: move(Int.max / 2, now: now)
        case .char("?"), .function(1): overlay = .help
        case .char("q"), .char("Q"): overlay = .confirmQuit
        case .char("/") where tab.searchable:
            let current = tab == .audit ? auditFilter.search : searches[tab] ?? ""
            overlay = .form(ConsoleForm(purpose: .search(tab), title: t(.consoleSearch) + Formats.dot + t(tab.label),
                                        fields: [.init(.consoleSearchFor, text: current, maxLength: 80)]))
        case .escape:
            if tab == .audit, !auditFilter.isEmpty {
                setAuditFilter(AuditFilter())
            } else if searches[tab]?.isEmpty == false {
                searches[tab] = nil
            } else {
                return .none
            }
        default:
            return handleTabKey(key, now: now)
        }
        return .redraw
    }

    // MARK: Tabs

    /// The replay's keys, on every tab: `t` opens the venue as of the audit tab's selected event
    /// (and closes the replay again), `[` and `]` step one event back and forward, Esc returns to
    /// the live venue. Nil for every other key.
    private mutating func replayKey(_ key: Key) -> ConsoleKeyResult? {
        switch key {
        case .char("t"), .char("T"):
            if replay != nil { closeReplay(); return .redraw }
            guard tab == .audit, fixedPast == nil, let id = selected[.audit].flatMap(UInt64.init) ?? records.last?.seq else { return nil }
            openReplay(at: id)
            return .redraw
        case .char("["), .char("]"):
            guard replay != nil else { return nil }
            stepReplay(key == .char("[") ? -1 : +1)
            return .redraw
        case .escape where replay != nil:
            closeReplay()
            return .redraw
        default: return nil
        }
    }

    private mutating func handleTabKey(_ key: Key, now: Date) -> ConsoleKeyResult {
        // A past view is read-only: the tabs' action keys do nothing (the audit tab's filter and
        // event box still work; they change nothing in the log).
        if past != nil, tab != .audit, tab != .health { return .none }
        if past != nil, tab == .health { return .none }
        switch tab {
        case .announcements: return announcementKey(key, now: now)
        case .results: return resultsKey(key, now: now)
        case .audit: return auditKey(key, now: now)
        case .health:
            switch key {
            case .char("v"), .char("V"): return .request(.verifyLog)
            default: return .none
            }
        case .schedule, .clock, .ceremony:
            return dayKey(key, now: now)
        }
    }

    private mutating func announcementKey(_ key: Key, now: Date) -> ConsoleKeyResult {
        switch key {
        case .char("n"), .char("N"):
            let priorities = Priority.allCases.map { t(Self.priorityLabel($0)) }
            overlay = .form(ConsoleForm(purpose: .announce, title: t(.consoleNewAnnouncement), fields: [
                .init(.consoleText, maxLength: 280),
                .init(.consolePriority, choices: priorities),
                .init(.consoleUntil, maxLength: 40, hint: .consoleTimeHint),
            ]))
        case .char("w"), .char("W"), .delete:
            guard let id = selectedID(.announcements, now: now), let a = state.announcements[id] else { return .none }
            overlay = .confirm(ConsoleConfirm(title: t(.consoleWithdraw), message: [t(.consoleWithdrawQuestion), "\(id): \(a.announcement.text)"],
                                              request: .execute(.withdrawAnnouncement(id: id), pin: nil), danger: true))
        case .enter:
            guard let id = selectedID(.announcements, now: now), let a = state.announcements[id] else { return .none }
            let f = formats
            overlay = .message(title: id, lines: [a.announcement.text, "",
                                                  t(.consolePriority) + ": " + t(Self.priorityLabel(a.announcement.priority)),
                                                  t(.consolePosted) + ": " + f.when(a.posted, now: now),
                                                  t(.consoleUntil) + ": " + (a.announcement.until.map { f.when($0, now: now) } ?? "—")],
                               error: false)
        default: return .none
        }
        return .redraw
    }

    static func priorityLabel(_ p: Priority) -> Label {
        switch p {
        case .normal: .consolePriorityNormal
        case .high: .consolePriorityHigh
        case .urgent: .consolePriorityUrgent
        }
    }

    private mutating func resultsKey(_ key: Key, now: Date) -> ConsoleKeyResult {
        guard let round = selectedRound(now: now) else { return .none }
        let name = title(skill: round.skill, round: round.round) + " (\(round))"
        switch key {
        case .char("p"):
            overlay = .confirm(ConsoleConfirm(title: t(.consolePublish), message: [t(.consolePublishQuestion), name],
                                              request: .execute(.publish(round), pin: nil), danger: false))
        case .char("f"):
            overlay = .confirm(ConsoleConfirm(title: t(.consoleFreeze), message: [t(.consoleFreezeQuestion), name],
                                              request: .execute(.freeze(round), pin: nil), danger: false))
        case .char("F"):
            if options.reauthenticate {
                overlay = .form(finalizeForm(round, name: name))
            } else {
                overlay = .confirm(ConsoleConfirm(title: t(.consoleFinalize), message: [t(.consoleFinalizeQuestion), name, t(.consoleIrreversible)],
                                                  request: .execute(.finalize(round), pin: nil), danger: true))
            }
        case .char("u"), .char("U"):
            let modules = state.skills[round.skill]?.modules ?? []
            let locked = state.rounds[round]?.lockedModules ?? []
            // Locked modules first: those are the ones that can be unlocked.
            let ordered = modules.filter { locked.contains($0.id) } + modules.filter { !locked.contains($0.id) }
            var fields: [ConsoleForm.Field] = [
                .init(.consoleModule, choices: ordered.map { $0.id + " " + $0.name.text(lang) + (locked.contains($0.id) ? " ✓" : "") }),
                .init(.consoleReason, maxLength: 200),
            ]
            if options.reauthenticate { fields.append(.init(.consolePIN, secure: true, maxLength: 12)) }
            var form = ConsoleForm(purpose: .unlock(round), title: t(.consoleUnlock), intro: [name], fields: fields)
            form.intro.append(t(.consoleUnlockNote))
            overlay = .form(form)
        case .enter:
            overlay = .message(title: name, lines: roundDetail(round), error: false)
        default: return .none
        }
        return .redraw
    }

    func finalizeForm(_ round: RoundKey, name: String) -> ConsoleForm {
        ConsoleForm(purpose: .finalize(round), title: t(.consoleFinalize),
                    intro: [t(.consoleFinalizeQuestion), name, t(.consoleIrreversible)],
                    fields: [.init(.consolePIN, secure: true, maxLength: 12)])
    }

    /// The Enter box of a round: modules, disputes, open re-mark requests.
    func roundDetail(_ key: RoundKey) -> [String] {
        let s = state.standings(key)
        let f = formats
        var lines = [t(.consoleStatus) + ": " + f.status(s.status) + Formats.dot + t(.progress) + " \(s.progressPercent)%"]
        let locked = state.rounds[key]?.lockedModules ?? []
        for m in state.skills[key.skill]?.modules ?? [] {
            lines.append("  \(m.id) \(m.name.text(lang)): " + t(locked.contains(m.id) ? .consoleLocked : .consoleOpen))
        }
        let d = disputes(key)
        if !d.isEmpty {
            lines.append(f.disputed(d.count) + ": " + d.prefix(6).map { "\(state.competitors[$0.competitor]?.name ?? $0.competitor) \($0.aspect)" }.joined(separator: ", "))
        }
        let provisional = s.entries.filter(\.provisional).count
        if provisional > 0 { lines.append(f.provisionalCount(provisional)) }
        return lines
    }

    private mutating func auditKey(_ key: Key, now: Date) -> ConsoleKeyResult {
        switch key {
        case .char("f"), .char("F"):
            overlay = .form(ConsoleForm(purpose: .auditFilter, title: t(.consoleFilter), fields: [
                .init(.consoleActor, text: auditFilter.actor, maxLength: 60),
                .init(.consoleType, text: auditFilter.type, maxLength: 60, hint: .consoleTypeHint),
                .init(.skill, text: auditFilter.skill, maxLength: 20),
            ]))
        case .char("c"), .char("C"):
            setAuditFilter(AuditFilter())
        case .enter:
            guard let r = selectedRecord(now: now) else { return .none }
            overlay = .event(seq: r.seq, offset: 0)
        default: return .none
        }
        return .redraw
    }

    // MARK: Boxes

    private mutating func handleOverlay(_ current: ConsoleOverlay, _ key: Key, now: Date) -> ConsoleKeyResult {
        switch current {
        case .help:
            overlay = nil
            return .redraw
        case .confirmQuit:
            switch key {
            case .enter, .char("y"), .char("Y"), .char("q"), .char("Q"): return .quit
            default:
                overlay = nil
                return .redraw
            }
        case let .confirm(c):
            switch key {
            case .enter, .char("y"), .char("Y"):
                overlay = nil
                return .request(c.request)
            case .escape, .char("n"), .char("N"), .char("q"):
                overlay = nil
                return .redraw
            default: return .none
            }
        case .message:
            overlay = nil
            return .redraw
        case let .event(seq, offset):
            let count = eventLines(seq).count
            switch key {
            case .up, .char("k"): overlay = .event(seq: seq, offset: max(0, offset - 1))
            case .down, .char("j"): overlay = .event(seq: seq, offset: min(max(0, count - 1), offset + 1))
            case .pageUp: overlay = .event(seq: seq, offset: max(0, offset - 10))
            case .pageDown: overlay = .event(seq: seq, offset: min(max(0, count - 1), offset + 10))
            case .home: overlay = .event(seq: seq, offset: 0)
            default: overlay = nil
            }
            return .redraw
        case var .form(form):
            return formKey(&form, key, now: now)
        }
    }

    private mutating func formKey(_ form: inout ConsoleForm, _ key: Key, now: Date) -> ConsoleKeyResult {
        guard !form.fields.isEmpty else { overlay = nil; return .redraw }
        let last = form.fields.count - 1
        let i = min(form.focus, last)
        switch key {
        case .escape:
            if form.purpose == .login { return .quit }
            overlay = nil
            return .redraw
        case .enter:
            if i == last { return submit(&form, now: now) }
            form.focus = i + 1
        case .tab, .down: form.focus = min(last, i + 1)
        case .backTab, .up: form.focus = max(0, i - 1)
        case .left:
            if let n = form.fields[i].choices?.count { form.fields[i].choice = (form.fields[i].choice + n - 1) % n }
            else { form.fields[i].input.moveLeft() }
        case .right:
            if let n = form.fields[i].choices?.count { form.fields[i].choice = (form.fields[i].choice + 1) % n }
            else { form.fields[i].input.moveRight() }
        case let .char(c):
            if let n = form.fields[i].choices?.count {
                guard c == " " else { return .none }
                form.fields[i].choice = (form.fields[i].choice + 1) % n
            } else {
                form.fields[i].input.insert(String(c))
            }
        case .backspace: form.fields[i].input.backspace()
        case .delete: form.fields[i].input.deleteForward()
        case .home: form.fields[i].input.moveHome()
        case .end: form.fields[i].input.moveEnd()
        case .ctrl("u"): form.fields[i].input.clear()
        default: return .none
        }
        overlay = .form(form)
        return .redraw
    }

    /// Enter on a form's last field: a local change (search, filter), or a request.
    private mutating func submit(_ form: inout ConsoleForm, now: Date) -> ConsoleKeyResult {
        form.problem = nil
        switch form.purpose {
        case let .search(tab):
            let q = form.value(0).trimmingCharacters(in: .whitespaces)
            if tab == .audit {
                var f = auditFilter
                f.search = q
                setAuditFilter(f)
            } else {
                searches[tab] = q.isEmpty ? nil : q
            }
            overlay = nil
            return .redraw
        case .auditFilter:
            var f = auditFilter
            f.actor = form.value(0).trimmingCharacters(in: .whitespaces)
            f.type = form.value(1).trimmingCharacters(in: .whitespaces)
            f.skill = form.value(2).trimmingCharacters(in: .whitespaces)
            setAuditFilter(f)
            overlay = nil
            return .redraw
        case .login:
            overlay = nil
            let id = form.value(0).trimmingCharacters(in: .whitespaces)
            // Keep the form up (without the PIN) until the controller answers.
            var waiting = Self.loginForm(lang)
            waiting.fields[0].input.insert(id)
            overlay = .form(waiting)
            return .request(.login(id: id, pin: form.value(1)))
        case .announce:
            let untilText = form.value(2).trimmingCharacters(in: .whitespaces)
            var until: Date?
            if !untilText.isEmpty {
                guard let d = TimeInput.parse(untilText, now: now, in: state.timeZone) else {
                    form.problem = formats.unreadableTime(untilText)
                    form.focus = 2
                    overlay = .form(form)
                    return .redraw
                }
                until = d
            }
            let priority = Priority.allCases[min(form.fields[1].choice, Priority.allCases.count - 1)]
            overlay = nil
            return .request(.execute(.announce(text: form.value(0), priority: priority, until: until), pin: nil))
        case let .unlock(round):
            let modules = state.skills[round.skill]?.modules ?? []
            let locked = state.rounds[round]?.lockedModules ?? []
            let ordered = modules.filter { locked.contains($0.id) } + modules.filter { !locked.contains($0.id) }
            guard ordered.indices.contains(form.fields[0].choice) else {
                overlay = nil
                return .redraw
            }
            let module = ordered[form.fields[0].choice].id
            overlay = nil
            return .request(.execute(.unlockModule(skill: round.skill, round: round.round, module: module, reason: form.value(1)),
                                     pin: options.reauthenticate ? form.value(2) : nil))
        case let .finalize(round):
            overlay = nil
            return .request(.execute(.finalize(round), pin: form.value(0)))
        case let .day(d):
            return submitDay(d, &form, now: now)
        }
    }
}

extension Formats {
    /// `看不懂的时间：「明天」（可用 …）` / `cannot read the time "tomorrow" (use …)`.
    public func unreadableTime(_ text: String) -> String {
        lang == .zh ? "无法识别的时间「\(text)」；可写 +30（分钟后）、+2h、15:30、2025-06-24 15:00"
            : "cannot read the time \"\(text)\"; write +30 (minutes), +2h, 15:30 or 2025-06-24 15:00"
    }
}
