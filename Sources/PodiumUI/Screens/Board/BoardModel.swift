import Foundation
import PodiumCore

/// How a board was started: `podium board DIR [--lang] [--site] [--page-seconds] [--kiosk]`.
public struct BoardOptions: Sendable, Hashable {
    public var lang: Language
    /// Show only this site's skills, sessions and ticker (nil: every site).
    public var site: String?
    /// Seconds each page stays before the next one.
    public var pageSeconds: Double
    /// Started in kiosk mode: keys do nothing until the unlock sequence is typed.
    public var kiosk: Bool

    public init(lang: Language = .zh, site: String? = nil, pageSeconds: Double = 12, kiosk: Bool = false) {
        self.lang = lang
        self.site = site
        self.pageSeconds = max(1, pageSeconds)
        self.kiosk = kiosk
    }
}

/// One page of the rotation.
public enum BoardPage: Hashable, Sendable {
    /// The countdown to the closing ceremony; from the closing on, the closing-ceremony page.
    case countdown
    /// What is on now and next at each site.
    case schedule
    /// The three delegation tables and the team awards.
    case medals
    /// One skill: its standings when the results policy makes them public, else its progress.
    case skill(String)
}

/// A box drawn over the page.
public enum BoardOverlay: Hashable, Sendable {
    case help
    /// The skill picker (`s`), with the highlighted entry.
    case skillPicker(selection: Int)
}

/// A results event worth a line in the ticker, with its time in the log.
public struct BoardNews: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case published, finalized }
    public var kind: Kind
    public var round: RoundKey
    public var time: Date
    public init(kind: Kind, round: RoundKey, time: Date) { self.kind = kind; self.round = round; self.time = time }
}

/// What a key did to the board.
public enum BoardKeyResult: Sendable, Hashable { case none, redraw, quit }

/// One item of the ticker, drawn in its own style: an urgent announcement in the danger colour,
/// an important one in the warning colour, a delayed session in the delayed colour, the rest in
/// the ticker's.
public struct TickerItem: Hashable, Sendable {
    public var text: String
    public var urgent: Bool
    public var style: Style
    public init(_ text: String, urgent: Bool = false, style: Style? = nil) {
        self.text = text
        self.urgent = urgent
        self.style = style ?? (urgent ? Style(.danger) : Style(.tickerBg))
    }
}

/// Everything the spectators' board shows, as a value: the venue state (the fold of the log),
/// the options, and where the rotation stands. `BoardScreen.render` draws it; nothing here
/// touches a terminal or the clock (times are always passed in).
///
/// Results reach the board only through `VenueState.publicStandings(_:now:)` and
/// `medalTables(publicOnly: true, now:)`, which apply the competition's results policy.
public struct BoardModel: Sendable {
    public var state: VenueState
    public var options: BoardOptions
    /// Rotation stopped (space).
    public var paused: Bool
    public var page: BoardPage
    /// Which screen of the page is on show: a skill with more competitors than fit on the
    /// board turns through sub-pages (each `options.pageSeconds`) before the next page.
    public private(set) var subPage = 0
    /// How many standings rows a skill page holds at the board's size (`fit(width:height:)`);
    /// nil until the size is known (then every page has one screen).
    public private(set) var skillRows: Int?
    /// When the current page came up: it turns `options.pageSeconds` later.
    public var pageStarted: Date
    public var overlay: BoardOverlay?
    /// Kiosk mode and not yet unlocked: every key but the unlock sequence is ignored.
    public var locked: Bool
    /// Results published or finalized, from the log, for the ticker.
    public var news: [BoardNews] = []
    /// Sessions delayed, moved or cancelled, from the log (session id and when), for the ticker.
    public var scheduleNews: [(session: String, time: Date)] = []
    /// A short message in the key bar, until `noticeUntil`.
    public var notice: String?
    /// Set when the board shows the past (`--at`): drawn with the past-view marking, no ticker.
    public var past: PastMoment?
    public var noticeUntil: Date?
    /// The last time the board saw (`advance(to:)`), to notice the closing moment passing.
    public private(set) var lastSeen: Date
    /// Whether the log is still heard from; while lost the board keeps its last state and
    /// says so across the top (`LinkBanner`).
    public var link: LinkStatus = .up
    /// Keys typed while locked, for the unlock sequence.
    var typed = ""

    /// What unlocks a kiosk board: these letters, then Enter.
    public static let unlockWord = "podium"
    /// How long results news and session changes stay in the ticker.
    public static let newsWindow: TimeInterval = 30 * 60
    public static let sessionSoon: TimeInterval = 15 * 60
    public static let sessionRecent: TimeInterval = 10 * 60

    public init(state: VenueState, now: Date, options: BoardOptions = BoardOptions(),
                page: BoardPage = .countdown, paused: Bool = false) {
        self.state = state
        self.options = options
        self.paused = paused
        self.page = page
        self.pageStarted = now
        self.locked = options.kiosk
        self.lastSeen = now
    }

    public var lang: Language { options.lang }
    public var formats: Formats { Formats(lang: options.lang, timeZone: state.timeZone) }
    /// The closing ceremony's time as staff last set it (`closing.set`), else the definition's.
    public var closing: Date? { state.closing }
    /// The closing moment has come (and the countdown is not paused).
    public func isClosing(at now: Date) -> Bool { state.isClosingTime(at: now) }
    /// The countdown at `now`: frozen at the moment of the pause while staff have it paused.
    public func countdown(at now: Date) -> CountdownParts? {
        closing.map { CountdownParts(from: state.countdownFrom(now), to: $0) }
    }
    /// A ceremony reveal is running: the board shows its step instead of the rotation.
    public var revealing: Bool { state.ceremony.running }

    /// The site this board is limited to, if any.
    public var site: Site? { options.site.flatMap { state.sites[$0] } }

    /// The sites the board shows: the chosen one, or all.
    public var shownSites: [Site] {
        if let s = site { return [s] }
        return state.sites.items
    }

    // MARK: Pages

    /// The skills that have standings pages: official skills (exhibition and interactive items
    /// have no marks), at the chosen site if there is one, in definition order.
    public var skills: [Skill] {
        let official = state.skills.items.filter { $0.kind == .official }
        guard let site = options.site else { return official }
        let here = Set(state.sessions.items.filter { $0.site == site }.map(\.skill))
        return official.filter { here.contains($0.id) }
    }

    /// The rotation: countdown, schedule, medal tables, then each skill.
    public var pages: [BoardPage] {
        [.countdown, .schedule, .medals] + skills.map { .skill($0.id) }
    }

    public var pageIndex: Int { pages.firstIndex(of: page) ?? 0 }

    /// The round a skill's page shows: the latest round that has marks, a status past marking,
    /// or a session that has started; else the first.
    public func displayRound(_ skill: Skill, now: Date) -> RoundKey? {
        guard let first = skill.rounds.first else { return nil }
        for round in skill.rounds.reversed() {
            let key = RoundKey(skill: skill.id, round: round.id)
            let marks = state.rounds[key]
            let started = state.sessions.items.contains { $0.skill == skill.id && $0.round == round.id && $0.start <= now }
            if started || !(marks?.sheets.isEmpty ?? true) || state.status(key) != .marking { return key }
        }
        return RoundKey(skill: skill.id, round: first.id)
    }

    public mutating func go(to page: BoardPage, now: Date) {
        self.page = page
        subPage = 0
        pageStarted = now
    }

    /// Tells the board its size, for the sub-pages of long skills (`BoardScreen.skillRows`).
    public mutating func fit(width: Int, height: Int) {
        skillRows = BoardScreen.skillRows(width: width, height: height)
        subPage = min(subPage, parts(of: page, now: lastSeen) - 1)
    }

    /// How many screens a page takes: a skill page whose public standings have more entries
    /// than `skillRows` takes as many as it needs; every other page one.
    public func parts(of page: BoardPage, now: Date) -> Int {
        guard case let .skill(id) = page, let rows = skillRows, rows > 0, let skill = state.skills[id],
              let key = displayRound(skill, now: now), let standings = state.publicStandings(key, now: now) else { return 1 }
        return BoardScreen.parts(entries: standings.entries.count, rows: rows)
    }

    public mutating func nextPage(now: Date) { step(+1, now: now) }
    public mutating func previousPage(now: Date) { step(-1, now: now) }

    /// One screen on or back: the next sub-page of a long skill first, then the next page.
    private mutating func step(_ delta: Int, now: Date) {
        let list = pages
        guard !list.isEmpty else { return }
        let here = parts(of: page, now: now)
        if delta > 0, subPage + 1 < here {
            subPage += 1
            pageStarted = now
            return
        }
        if delta < 0, subPage > 0 {
            subPage = min(subPage, here) - 1
            pageStarted = now
            return
        }
        let i = ((pageIndex + delta) % list.count + list.count) % list.count
        go(to: list[i], now: now)
        if delta < 0 { subPage = parts(of: list[i], now: now) - 1 }
    }

    /// When the page turns by itself, or nil (paused, or a box is open).
    public func nextPageTurn() -> Date? {
        guard !paused, overlay == nil, !revealing else { return nil }
        return pageStarted.addingTimeInterval(options.pageSeconds)
    }

    /// Moves the board to `now`: turns the page when its time is up, and brings up the
    /// closing-ceremony page at the moment of the closing. True when the page changed.
    @discardableResult
    public mutating func advance(to now: Date) -> Bool {
        defer { lastSeen = max(lastSeen, now) }
        var changed = false
        if let until = noticeUntil, now >= until {
            notice = nil
            noticeUntil = nil
            changed = true
        }
        if let c = closing, lastSeen < c, now >= c, !state.clock.paused, page != .countdown {
            go(to: .countdown, now: now)
            return true
        }
        if !pages.contains(page) {
            go(to: .countdown, now: now)
            return true
        }
        if let turn = nextPageTurn(), now >= turn {
            nextPage(now: now)
            return true
        }
        return changed
    }

    // MARK: The log

    /// Folds one record from the log, keeping results news for the ticker.
    public mutating func apply(_ record: EventRecord) {
        state.apply(record)
        noteNews(record)
    }

    /// Folds a record as the log holds it: a mark straight from its bytes
    /// (`VenueState.apply(raw:)`, marks make no news), anything else decoded.
    public mutating func apply(raw: RawRecord) throws {
        if let record = try state.apply(raw: raw) { noteNews(record) }
    }

    private mutating func noteNews(_ record: EventRecord) {
        switch record.event {
        case let .resultsPublished(k): news.append(BoardNews(kind: .published, round: k, time: record.time))
        case let .resultsFinalized(k): news.append(BoardNews(kind: .finalized, round: k, time: record.time))
        case let .sessionDelayed(d): noteSchedule(d.session, record.time)
        case let .sessionMoved(m): noteSchedule(m.session, record.time)
        case let .sessionCancelled(c): noteSchedule(c.session, record.time)
        default: return
        }
        if news.count > 64 { news.removeFirst(news.count - 64) }
    }

    private mutating func noteSchedule(_ session: String, _ time: Date) {
        scheduleNews.removeAll { $0.session == session }
        scheduleNews.append((session, time))
        if scheduleNews.count > 64 { scheduleNews.removeFirst(scheduleNews.count - 64) }
    }

    /// The ticker line for a session changed in the last half hour, as it stands now:
    /// `赛程调整：焊接 · 决赛 · 2号馆 B区 推迟 20 分钟（12:20 结束）`.
    func scheduleNewsText(_ s: SessionState, now: Date) -> String {
        let f = formats
        let colon = lang == .zh ? "：" : ": "
        let name = title(skill: s.session.skill, round: s.session.round) + Formats.dot + s.station
        switch s.status {
        case .cancelled: return f.label(.sessionCancelledNews) + colon + name
        case .finished: return ""
        case .scheduled, .live:
            var parts: [String] = []
            if s.isMoved {
                let site = state.sites[s.site]?.name.text(lang) ?? s.site
                parts.append(f.label(.moved) + " " + site + Formats.dot + s.station)
            }
            if s.isDelayed {
                let when = s.status == .live ? f.hourMinute(s.effectiveEnd) + (lang == .zh ? " 结束" : " end")
                    : f.hourMinute(s.effectiveStart) + (lang == .zh ? " 开始" : " start")
                parts.append(f.delayed(minutes: s.delayMinutes) + (lang == .zh ? "（\(when)）" : " (\(when))"))
            }
            guard !parts.isEmpty else { return "" }
            let label = s.isMoved && !s.isDelayed ? f.label(.sessionMovedNews) : f.label(.scheduleChange)
            return label + colon + title(skill: s.session.skill, round: s.session.round) + " " + parts.joined(separator: lang == .zh ? "，" : ", ")
        }
    }

    // MARK: Schedule

    /// Sessions on at `now` at a site (live, or scheduled within their effective times), ending first.
    public func liveSessions(site: String, now: Date) -> [SessionState] { state.sessionsOn(site: site, at: now) }

    /// The next sessions to start at a site: all those sharing the earliest effective start after `now`.
    public func nextSessions(site: String, now: Date) -> [SessionState] { state.sessionsNext(site: site, after: now) }

    /// Today's cancelled sessions at a site (in the venue's time zone) that would be on now or
    /// are still to come: shown, marked, until their planned end; starting first.
    public func cancelledSessions(site: String, now: Date) -> [SessionState] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = state.timeZone
        return state.sessionStates.filter {
            $0.site == site && $0.status == .cancelled && $0.effectiveEnd > now && calendar.isDate($0.effectiveStart, inSameDayAs: now)
        }.sorted { ($0.effectiveStart, $0.id) < ($1.effectiveStart, $1.id) }
    }

    /// `工业机器人 · 决赛` for a session or round.
    public func title(skill id: String, round: String?) -> String {
        guard let skill = state.skills[id] else { return id }
        let name = skill.name.text(lang)
        guard let round, let r = skill.rounds.first(where: { $0.id == round }) else { return name }
        return name + Formats.dot + r.name.text(lang)
    }

    public func delegationName(_ id: String) -> String {
        state.delegations[id]?.name.text(lang) ?? id
    }

    // MARK: Ticker

    /// The ticker's lines at `now`: active announcements (urgent first, newest first), results
    /// made public in the last half hour, and sessions starting or ending around now (at the
    /// chosen site). Never empty: with nothing to say it welcomes the audience.
    public func tickerItems(now: Date) -> [TickerItem] {
        let f = formats
        var items: [TickerItem] = []
        let rank: [Priority: Int] = [.urgent: 0, .high: 1, .normal: 2]
        let active = state.announcements.items.filter { $0.isActive(at: now) }
            .sorted { (rank[$0.announcement.priority]!, -Int($0.seq)) < (rank[$1.announcement.priority]!, -Int($1.seq)) }
        for a in active {
            switch a.announcement.priority {
            case .urgent: items.append(TickerItem(f.label(.urgent) + a.announcement.text, urgent: true))
            case .high: items.append(TickerItem(f.label(.important) + a.announcement.text, style: Style(.warning)))
            case .normal: items.append(TickerItem(a.announcement.text))
            }
        }
        let shownSkills = Set(skills.map(\.id))
        var said = Set<RoundKey>()
        for n in news.reversed() where now.timeIntervalSince(n.time) < Self.newsWindow && n.time <= now.addingTimeInterval(1) {
            guard shownSkills.contains(n.round.skill), !said.contains(n.round),
                  let s = state.publicStandings(n.round, now: now) else { continue }
            said.insert(n.round)
            var text = f.label(n.kind == .published ? .resultsPublished : .resultsFinal) + (lang == .zh ? "：" : ": ")
                + title(skill: n.round.skill, round: n.round.round)
            let golds = s.entries.filter { $0.medal == .gold }
            if !golds.isEmpty {
                let names = golds.map { e in
                    let c = state.competitors[e.competitor]?.name ?? e.competitor
                    return lang == .zh ? "\(c)（\(delegationName(e.delegation))）" : "\(c) (\(delegationName(e.delegation)))"
                }
                text += lang == .zh ? "，金牌 " + f.list(names) : "; gold: " + f.list(names)
            }
            items.append(TickerItem(text))
        }
        let sites = Set(shownSites.map(\.id))
        let colon = lang == .zh ? "：" : ": "
        for n in scheduleNews.reversed() where now.timeIntervalSince(n.time) < Self.newsWindow && n.time <= now.addingTimeInterval(1) {
            guard let s = state.sessionState(n.session), sites.contains(s.site) || sites.contains(s.session.site) else { continue }
            let text = scheduleNewsText(s, now: now)
            if !text.isEmpty { items.append(TickerItem(text)) }
        }
        for s in state.sessionStates where sites.contains(s.site) && s.status != .cancelled {
            let name = title(skill: s.session.skill, round: s.session.round) + Formats.dot + s.station
            let start = s.startedAt ?? s.effectiveStart, end = s.finishedAt ?? s.effectiveEnd
            let toStart = start.timeIntervalSince(now), toEnd = end.timeIntervalSince(now)
            if s.status == .scheduled, toStart > 0, toStart <= Self.sessionSoon {
                let delay = s.isDelayed ? (lang == .zh ? "（\(f.delayed(minutes: s.delayMinutes))）" : " (\(f.delayed(minutes: s.delayMinutes)))") : ""
                items.append(TickerItem(f.label(.sessionStarting) + " " + f.hourMinute(start) + delay + colon + name,
                                        style: s.isDelayed ? Style(.delayed) : nil))
            } else if toStart <= 0, -toStart < Self.sessionRecent, toEnd > 0 {
                items.append(TickerItem(f.label(.sessionStarted) + colon + name))
            } else if toEnd > 0, toEnd <= Self.sessionSoon, toStart <= 0 {
                items.append(TickerItem(f.label(.sessionEnding) + " " + f.hourMinute(end) + colon + name))
            } else if toEnd <= 0, -toEnd < Self.sessionRecent, s.status != .live {
                items.append(TickerItem(f.label(.sessionEnded) + colon + name))
            }
        }
        if items.isEmpty {
            let name = state.competition?.name.text(lang) ?? ""
            items.append(TickerItem(lang == .zh ? f.label(.welcome) + " · " + name : f.label(.welcome) + " " + name))
        }
        return items
    }

    // MARK: Keys

    /// What a key does. Kiosk mode (while locked) ignores everything but the unlock sequence:
    /// the letters of `unlockWord`, then Enter.
    public mutating func handle(_ key: Key, now: Date) -> BoardKeyResult {
        if key == .resize { return .redraw }
        if locked {
            switch key {
            case let .char(c):
                typed.append(c)
                if typed.count > 32 { typed.removeFirst(typed.count - 32) }
            case .enter:
                let word = typed.lowercased()
                typed = ""
                if word.hasSuffix(Self.unlockWord) {
                    locked = false
                    notice = Label.kioskUnlocked.text(lang)
                    noticeUntil = now.addingTimeInterval(5)
                    return .redraw
                }
            default:
                typed = ""
            }
            return .none
        }
        switch overlay {
        case .help:
            switch key {
            case .char("q"), .char("Q"): return .quit
            default:
                overlay = nil
                pageStarted = now
                return .redraw
            }
        case let .skillPicker(selection):
            let list = skills
            switch key {
            case .char("q"), .char("Q"): return .quit
            case .escape, .char("s"), .char("S"), .backspace:
                overlay = nil
                pageStarted = now
            case .up, .char("k"): overlay = .skillPicker(selection: max(0, selection - 1))
            case .down, .char("j"): overlay = .skillPicker(selection: min(max(0, list.count - 1), selection + 1))
            case .pageUp: overlay = .skillPicker(selection: max(0, selection - 10))
            case .pageDown: overlay = .skillPicker(selection: min(max(0, list.count - 1), selection + 10))
            case .home: overlay = .skillPicker(selection: 0)
            case .end: overlay = .skillPicker(selection: max(0, list.count - 1))
            case .enter:
                overlay = nil
                if list.indices.contains(selection) { go(to: .skill(list[selection].id), now: now) }
            default: return .none
            }
            return .redraw
        case nil:
            break
        }
        switch key {
        case .char("q"), .char("Q"):
            return .quit
        case .char(" "):
            paused.toggle()
            pageStarted = now
        case .right, .char("n"), .char("N"), .pageDown, .tab:
            nextPage(now: now)
        case .left, .char("p"), .char("P"), .pageUp, .backTab:
            previousPage(now: now)
        case .home:
            go(to: .countdown, now: now)
        case .char("s"), .char("S"):
            let list = skills
            var selection = 0
            if case let .skill(id) = page, let i = list.firstIndex(where: { $0.id == id }) { selection = i }
            overlay = .skillPicker(selection: selection)
        case .char("?"), .function(1):
            overlay = .help
        case .char("k"), .char("K"):
            guard options.kiosk else { return .none }
            locked = true
            typed = ""
            notice = nil
        default:
            return .none
        }
        return .redraw
    }
}
