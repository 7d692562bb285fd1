import Foundation
import PodiumCore

/// The rows of the console's list tabs, built from the state.
extension ConsoleModel {
    /// `工业机器人 · 决赛`.
    public func title(skill id: String, round: String?) -> String {
        guard let skill = state.skills[id] else { return id }
        let name = skill.name.text(lang)
        guard let round, let r = skill.rounds.first(where: { $0.id == round }) else { return name }
        return name + Formats.dot + r.name.text(lang)
    }

    // MARK: Announcements

    func announcementRows(now: Date) -> [Row] {
        let f = formats
        return state.announcements.items.sorted { $0.seq > $1.seq }.map { p in
            let a = p.announcement
            let active = p.isActive(at: now)
            let priority: (Label, Style?) = switch a.priority {
            case .urgent: (.consolePriorityUrgent, Style(.danger, .bold))
            case .high: (.consolePriorityHigh, Style(.warning))
            case .normal: (.consolePriorityNormal, nil)
            }
            return Row(id: a.id, cells: [
                StyledText(a.id), StyledText(t(priority.0), style: priority.1), StyledText(a.text),
                StyledText(f.when(p.posted, now: now)),
                StyledText(a.until.map { f.when($0, now: now) } ?? "—"),
                StyledText(t(active ? .consoleShowing : .consoleExpired), style: Style(active ? .live : .muted)),
            ], style: active ? nil : Style(.muted))
        }
    }

    // MARK: Results

    /// The official skills' rounds, in definition order.
    public var resultRounds: [RoundKey] {
        state.roundKeys.filter { state.skills[$0.skill]?.kind == .official && state.skills[$0.skill]?.modules.isEmpty == false }
    }

    /// `A✓ B·`: each module and whether it is signed off.
    public func moduleLocks(_ key: RoundKey) -> String {
        guard let skill = state.skills[key.skill] else { return "" }
        let locked = state.rounds[key]?.lockedModules ?? []
        return skill.modules.map { $0.id + (locked.contains($0.id) ? "✓" : "·") }.joined(separator: " ")
    }

    /// Competitors with a disputed judgement in a round.
    public func disputes(_ key: RoundKey) -> [(competitor: String, aspect: String)] {
        guard let r = state.rounds[key] else { return [] }
        return state.entrants(key).flatMap { c in (r.sheets[c]?.disputed.sorted() ?? []).map { (c, $0) } }
    }

    func statusStyle(_ s: ResultsStatus) -> Style {
        switch s {
        case .marking: Style(.muted)
        case .locked: Style(.warning)
        case .published: Style(.live)
        case .final: Style(.ok, .bold)
        }
    }

    func resultsRows() -> [Row] {
        let f = formats
        return resultRounds.map { key in
            let s = state.standings(key)
            var status = f.status(s.status)
            if state.rounds[key]?.frozenAt != nil { status += Formats.dot + t(.consoleFrozen) }
            let disputed = disputes(key).count
            let provisional = s.entries.filter(\.provisional).count
            var notes: [String] = []
            if disputed > 0 { notes.append(f.disputed(disputed)) }
            if provisional > 0 { notes.append(f.provisionalCount(provisional)) }
            return Row(id: key.description, cells: [
                StyledText(state.skills[key.skill]?.name.text(lang) ?? key.skill),
                StyledText(state.skills[key.skill]?.rounds.first { $0.id == key.round }?.name.text(lang) ?? key.round),
                StyledText("\(s.progressPercent)%"), StyledText(moduleLocks(key)),
                StyledText(status, style: statusStyle(s.status)),
                StyledText(notes.joined(separator: Formats.dot), style: disputed > 0 ? Style(.danger) : Style(.muted)),
            ])
        }
    }

    /// The round selected on the Results tab.
    public func selectedRound(now: Date) -> RoundKey? {
        guard let id = selectedID(.results, now: now) else { return nil }
        return resultRounds.first { $0.description == id }
    }

    // MARK: Health

    /// Writers, most recent first.
    public var recentWriters: [WriterActivity] {
        writers.values.sorted { ($0.lastSeq) > ($1.lastSeq) }
    }
}

extension Formats {
    /// `2 处争议` / `2 disputed`.
    public func disputed(_ n: Int) -> String { lang == .zh ? "\(n) 处争议" : "\(n) disputed" }
    /// `3 人暂定` / `3 provisional`.
    public func provisionalCount(_ n: Int) -> String { lang == .zh ? "\(n) 人暂定" : "\(n) provisional" }

    /// A byte count: `12.3 MB` (powers of 1024, one decimal from KB on).
    public static func bytes(_ n: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(n), unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(n) B" : String(format: "%.1f %@", value, units[unit])
    }

    /// How long ago: `刚刚` / `just now`, `5 分钟前` / `5 min ago`, `2 小时前` / `2 h ago`.
    public func ago(_ d: Date, now: Date) -> String {
        let s = Int(now.timeIntervalSince(d))
        if s < 60 { return lang == .zh ? "刚刚" : "just now" }
        if s < 3600 { return lang == .zh ? "\(s / 60) 分钟前" : "\(s / 60) min ago" }
        if s < 86_400 { return lang == .zh ? "\(s / 3600) 小时前" : "\(s / 3600) h ago" }
        return lang == .zh ? "\(s / 86_400) 天前" : "\(s / 86_400) d ago"
    }
}
