import Foundation
import PodiumCore

/// The tabs of the staff console, in the order of their number keys.
public enum ConsoleTab: Int, CaseIterable, Sendable, Hashable {
    case schedule, announcements, clock, results, ceremony, audit, health

    public var label: Label {
        switch self {
        case .schedule: .consoleTabSchedule
        case .announcements: .consoleTabAnnouncements
        case .clock: .consoleTabClock
        case .results: .consoleTabResults
        case .ceremony: .consoleTabCeremony
        case .audit: .consoleTabAudit
        case .health: .consoleTabHealth
        }
    }

    /// Tabs whose rows `/` searches.
    public var searchable: Bool { self == .schedule || self == .announcements || self == .results || self == .audit }
}

/// How a console was started: `podium console DIR [--lang]`.
public struct ConsoleOptions: Sendable, Hashable {
    public var lang: Language
    /// The venue directory, shown on the Health tab.
    public var directory: String
    /// Unlocking a module and finalizing results ask for the PIN again (a credential store exists).
    public var reauthenticate: Bool

    public init(lang: Language = .zh, directory: String = "", reauthenticate: Bool = false) {
        self.lang = lang
        self.directory = directory
        self.reauthenticate = reauthenticate
    }
}

/// What the console knows about its log and disk, gathered by the controller (the model never
/// touches a file).
public struct ConsoleHealth: Sendable, Hashable {
    public struct Verification: Sendable, Hashable {
        public var at: Date
        public var ok: Bool
        public var records: UInt64
        /// The chain head (ok) or the problem found.
        public var detail: String
        public init(at: Date, ok: Bool, records: UInt64, detail: String) {
            self.at = at; self.ok = ok; self.records = records; self.detail = detail
        }
    }
    /// The log's size on disk (nil for a venue kept in a database server).
    public var logBytes: Int64?
    /// Where the log is, as staff should read it: nil for a directory's `events.log`; a server's
    /// URL without its password for a venue kept in a database.
    public var logName: String?
    /// Free space on the venue's file system (nil when statvfs failed, or on a server).
    public var freeBytes: Int64?
    public var totalBytes: Int64?
    public var verification: Verification?

    public init(logBytes: Int64? = 0, logName: String? = nil, freeBytes: Int64? = nil, totalBytes: Int64? = nil,
                verification: Verification? = nil) {
        self.logBytes = logBytes; self.logName = logName; self.freeBytes = freeBytes; self.totalBytes = totalBytes; self.verification = verification
    }
}

/// Something the console asks its controller to do; the answer comes back through
/// `ConsoleModel.finished(_:)`, `verified(_:)` or `loginAnswered`.
public enum ConsoleRequest: Sendable {
    /// Decide and append a command through `Venue.execute`; `pin` re-authenticates first.
    case execute(Command, pin: String?)
    /// Run the log verifier (as `podium log verify`).
    case verifyLog
    /// Check a staff login against the credential store.
    case login(id: String, pin: String)
}

/// What a key did.
public enum ConsoleKeyResult: Sendable {
    case none, redraw, quit
    case request(ConsoleRequest)
}

/// The outcome of an executed request.
public enum ConsoleOutcome: Sendable {
    /// Appended: one line per record (`seq 12: S01/final published`).
    case appended([String])
    /// The core refused the command: nothing was appended.
    case refused(String)
    /// Re-authentication failed, so the command was not sent (the failed PIN is logged).
    case notAuthenticated(String)
}

/// A question with a yes (Enter or y) and a no (Esc or n).
public struct ConsoleConfirm: Sendable {
    public var title: String
    public var message: [String]
    public var request: ConsoleRequest
    public var danger: Bool
}

/// What a form is for.
public enum ConsoleFormPurpose: Sendable, Hashable {
    case announce
    case unlock(RoundKey)
    /// Finalizing, when it asks for the PIN again.
    case finalize(RoundKey)
    case search(ConsoleTab)
    case auditFilter
    case login
    /// Forms of the schedule, clock and ceremony tabs (see ConsoleModel+Day.swift).
    case day(DayForm)
}

/// The day's operations that take input.
public enum DayForm: Sendable, Hashable {
    case delay(session: String)
    case move(session: String)
    case cancel(session: String)
    case setClosing
}

/// A small form in a box: labelled fields, one focused; Tab or ↓ to the next field, Enter on
/// the last one submits, Esc cancels. A field with choices cycles them with ← → or space.
public struct ConsoleForm: Sendable {
    public struct Field: Sendable {
        public var label: Label
        public var input: TextField
        /// Fixed choices (shown one at a time; ← → change it), with the chosen index.
        public var choices: [String]?
        public var choice: Int
        /// A hint shown under the field while it has the focus.
        public var hint: Label?

        public init(_ label: Label, text: String = "", secure: Bool = false, maxLength: Int? = 280,
                    choices: [String]? = nil, choice: Int = 0, hint: Label? = nil) {
            self.label = label
            self.input = TextField(text: text, isSecure: secure, maxLength: maxLength)
            self.choices = choices
            self.choice = choice
            self.hint = hint
        }

        public var value: String { choices.map { $0[min(choice, $0.count - 1)] } ?? input.text }
    }

    public var purpose: ConsoleFormPurpose
    public var title: String
    /// Lines above the fields (what the form acts on).
    public var intro: [String]
    public var fields: [Field]
    public var focus: Int = 0
    /// Why the console could not read what was typed (a time it does not understand).
    public var problem: String?

    public init(purpose: ConsoleFormPurpose, title: String, intro: [String] = [], fields: [Field]) {
        self.purpose = purpose; self.title = title; self.intro = intro; self.fields = fields
    }

    public func value(_ i: Int) -> String { fields.indices.contains(i) ? fields[i].value : "" }
}

/// A box over the tab.
public enum ConsoleOverlay: Sendable {
    case help
    case confirmQuit
    case confirm(ConsoleConfirm)
    case form(ConsoleForm)
    /// A message (a refusal when `error`), closed by any key.
    case message(title: String, lines: [String], error: Bool)
    /// One event of the log, all of it; `offset` scrolls its lines.
    case event(seq: UInt64, offset: Int)
}

/// Who wrote to the log, for the Health tab.
public struct WriterActivity: Sendable, Hashable {
    public var actor: String
    public var last: Date
    public var lastSeq: UInt64
    public var count: Int
}

/// The audit tab's filters: each matches when empty, else by substring (case-insensitive).
public struct AuditFilter: Sendable, Hashable {
    public var actor = ""
    public var type = ""
    public var skill = ""
    public var search = ""
    public init() {}
    public var isEmpty: Bool { actor.isEmpty && type.isEmpty && skill.isEmpty && search.isEmpty }
}

/// Everything the staff console shows, as a value: the venue state folded from the log, every
/// record (for the audit trail), the tab and selection of each tab, the box open over it, and
/// what the controller reported (health, the last outcome). `ConsoleScreen.render` draws it.
/// Keys never touch the log: a command comes back as a `ConsoleRequest` for the controller to
/// execute through `Venue.execute`, and its outcome (or the core's refusal) is shown here.
public struct ConsoleModel: Sendable {
    /// The venue as the log holds it now (or at `--at`).
    public private(set) var live = VenueState()
    /// What every tab shows: the live state, or the replay's while one is open.
    public var state: VenueState { replay?.state ?? live }
    /// The audit tab's replay (`t` opens it at the selected event, `[` and `]` step).
    public private(set) var replay: ReplayIndex?
    /// Kept between replays, so the states it keeps are not folded twice.
    private var replayCache: ReplayIndex?
    /// Set for `podium console --at`: the whole console is a read-only view of that moment.
    public var fixedPast: PastMoment?
    /// The moment shown when the console shows the past (read-only), nil when it is live.
    public var past: PastMoment? {
        if let replay, replay.seq > 0 {
            return PastMoment(seq: replay.seq, time: records[Int(replay.seq) - 1].time, lastSeq: UInt64(records.count))
        }
        return fixedPast
    }
    /// Every record of the log, in order.
    public private(set) var records: [EventRecord] = []
    public var options: ConsoleOptions
    /// Who is logged in (nil: the login form is showing).
    public private(set) var actor: Actor?
    public var tab: ConsoleTab = .schedule
    public var overlay: ConsoleOverlay?
    /// The selected row of each tab, by the row's id (a session, announcement, round or seq),
    /// so a row stays selected while the log moves under it.
    public var selected: [ConsoleTab: String] = [:]
    /// `/` searches per tab.
    public var searches: [ConsoleTab: String] = [:]
    public private(set) var auditFilter = AuditFilter()
    /// Indices into `records` of the events the audit filter lets through, ascending.
    public private(set) var auditMatches: [Int] = []
    /// The `/` search's index: the lower-cased `searchLine` of records 0..<`searchEnds.count`, as
    /// UTF-8 bytes one after another (record i's end at `searchEnds[i]`). Built once, in slices
    /// between frames (`indexSearch`) or by the first search that needs it, then extended as
    /// records arrive; a search is then one byte scan of the buffer, not a format per record.
    private var searchBytes: [UInt8] = []
    private var searchEnds: [Int] = []
    public private(set) var writers: [String: WriterActivity] = [:]
    /// The Results and Schedule tabs' rows, kept between frames (they cost milliseconds for a
    /// venue of 60 skills): shared by copies of the model, keyed by what they are made from.
    private let rowsMemo = ConsoleRowsMemo()
    public var health = ConsoleHealth()
    /// Whether the log is still heard from (a console on a sub-venue's standby); while lost the
    /// title row says since when, and the controller refuses commands.
    public var link: LinkStatus = .up
    /// The last outcome, for the status line.
    public var status: (text: String, error: Bool, at: Date)?

    public init(options: ConsoleOptions, actor: Actor?) {
        self.options = options
        self.actor = actor
        if actor == nil { overlay = .form(Self.loginForm(options.lang)) }
    }

    public var lang: Language { options.lang }
    public var formats: Formats { Formats(lang: options.lang, timeZone: state.timeZone) }
    func t(_ l: Label) -> String { l.text(options.lang) }

    // MARK: The log

    /// Folds one record (in order) and keeps it for the audit trail.
    public mutating func apply(_ record: EventRecord) {
        live.apply(record)
        records.append(record)
        replay?.append(record)
        replayCache?.append(record)
        if !searchEnds.isEmpty, searchEnds.count == records.count - 1 { indexSearch(count: 1) }
        if auditFilter.isEmpty || matches(record) { auditMatches.append(records.count - 1) }
        var w = writers[record.actor] ?? WriterActivity(actor: record.actor, last: record.time, lastSeq: record.seq, count: 0)
        w.last = record.time
        w.lastSeq = record.seq
        w.count += 1
        writers[record.actor] = w
    }

    // MARK: Answers from the controller

    public mutating func finished(_ outcome: ConsoleOutcome, now: Date) {
        switch outcome {
        case let .appended(lines):
            status = (t(.consoleDone) + lines.joined(separator: "; "), false, now)
        case let .refused(message):
            status = (t(.consoleRefused) + message, true, now)
            overlay = .message(title: t(.consoleRefusedTitle), lines: [message, "", t(.consoleNothingAppended)], error: true)
        case let .notAuthenticated(message):
            status = (t(.consoleRefused) + message, true, now)
            overlay = .message(title: t(.consoleReauthFailed), lines: [message, "", t(.consoleNotDone)], error: true)
        }
    }

    public mutating func verified(_ v: ConsoleHealth.Verification) {
        health.verification = v
        status = (v.ok ? t(.consoleVerifyOK) : t(.consoleVerifyFailed) + ": " + v.detail, !v.ok, v.at)
    }

    /// The controller checked a login: the actor, or why not.
    public mutating func loginAnswered(_ result: Result<Actor, ConsoleLoginError>, now: Date) {
        switch result {
        case let .success(a):
            actor = a
            overlay = nil
            status = (t(.consoleLoggedIn) + " " + a.logName, false, now)
        case let .failure(e):
            var form = Self.loginForm(lang)
            form.fields[0].input.insert(e.id)
            form.focus = 1
            form.problem = e.text(lang)
            overlay = .form(form)
        }
    }

    static func loginForm(_ lang: Language) -> ConsoleForm {
        ConsoleForm(purpose: .login, title: Label.consoleLoginTitle.text(lang), intro: [Label.consoleLoginIntro.text(lang)],
                    fields: [.init(.consoleStaffID, maxLength: 40), .init(.consolePIN, secure: true, maxLength: 12)])
    }

    // MARK: Rows of the tabs

    /// One row of a tab's table: its id (for the selection) and cells.
    public struct Row: Sendable, Hashable {
        public var id: String
        public var cells: [StyledText]
        public var style: Style?
        public init(id: String, cells: [StyledText], style: Style? = nil) { self.id = id; self.cells = cells; self.style = style }
        var searchText: String { cells.map(\.text).joined(separator: " ").lowercased() }
    }

    /// The rows of a list tab after its `/` search (the audit tab has its own, `auditMatches`).
    public func rows(_ tab: ConsoleTab, now: Date) -> [Row] {
        let all: [Row]
        switch tab {
        case .schedule: all = rowsMemo.schedule(key: rowsKey, now: now) { scheduleRows(now: now) } window: { scheduleWindow(around: now) }
        case .announcements: all = announcementRows(now: now)
        case .results: all = rowsMemo.results(key: rowsKey) { resultsRows() }
        default: return []
        }
        guard let q = searches[tab]?.lowercased(), !q.isEmpty else { return all }
        return all.filter { $0.searchText.contains(q) }
    }

    /// What the Results and Schedule rows are made of, besides the time: the records folded and the language.
    private var rowsKey: ConsoleRowsMemo.Key { .init(records: records.count, lastSeq: state.lastSeq, lang: lang) }

    /// The span of time around `now` in which no session starts or ends, so the schedule's rows
    /// (which read the clock only against those instants) stay the same.
    func scheduleWindow(around now: Date) -> (from: Date, until: Date) {
        var from = Date.distantPast, until = Date.distantFuture
        for s in state.sessionStates {
            for t in [s.effectiveStart, s.effectiveEnd] {
                if t <= now { from = max(from, t) } else { until = min(until, t) }
            }
        }
        return (from, until)
    }

    /// The number of rows and the selected index of a tab.
    public func selection(_ tab: ConsoleTab, now: Date) -> (index: Int?, count: Int) {
        if tab == .audit {
            let n = auditMatches.count
            guard n > 0 else { return (nil, 0) }
            // Newest first: display index 0 is the last match.
            if let id = selected[.audit], let seq = UInt64(id), let i = auditPosition(of: seq) { return (n - 1 - i, n) }
            return (0, n)
        }
        let list = rows(tab, now: now)
        return (selectedIndex(in: list, tab), list.count)
    }

    /// The selected row of a list tab's rows (built once per frame by the caller).
    public func selectedIndex(in list: [Row], _ tab: ConsoleTab) -> Int? {
        guard !list.isEmpty else { return nil }
        if let id = selected[tab], let i = list.firstIndex(where: { $0.id == id }) { return i }
        return 0
    }

    /// The selected row's id of a list tab.
    public func selectedID(_ tab: ConsoleTab, now: Date) -> String? {
        if tab == .audit { return selectedRecord(now: now).map { String($0.seq) } }
        let list = rows(tab, now: now)
        return selectedIndex(in: list, tab).map { list[$0].id }
    }

    public func selectedRecord(now: Date) -> EventRecord? {
        guard let i = selection(.audit, now: now).index else { return nil }
        return records[auditMatches[auditMatches.count - 1 - i]]
    }

    /// Position in `auditMatches` of the record with `seq` (binary search; records are in seq order).
    func auditPosition(of seq: UInt64) -> Int? {
        var lo = 0, hi = auditMatches.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if records[auditMatches[mid]].seq < seq { lo = mid + 1 } else { hi = mid }
        }
        return lo < auditMatches.count && records[auditMatches[lo]].seq == seq ? lo : nil
    }

    mutating func move(_ delta: Int, now: Date) {
        let (index, count) = selection(tab, now: now)
        guard let index, count > 0 else { return }
        let target = min(max(0, index + delta), count - 1)
        if tab == .audit {
            selected[.audit] = String(records[auditMatches[count - 1 - target]].seq)
        } else {
            selected[tab] = rows(tab, now: now)[target].id
        }
    }

    // MARK: Audit

    /// The skills an event concerns (none for most venue-wide events).
    public func skills(of event: Event) -> [String] {
        func session(_ id: String) -> [String] { state.sessions[id].map { [$0.skill] } ?? [] }
        switch event {
        case let .skillDefined(s): return [s.id]
        case let .competitorRegistered(c): return [c.skill]
        case let .judgeRegistered(j): return j.skills
        case let .sessionScheduled(s): return [s.skill]
        case let .markEntered(m): return [m.skill]
        case let .moduleLocked(m), let .moduleUnlocked(m): return [m.skill]
        case let .remarkRequested(r): return [r.skill]
        case let .resultsPublished(k), let .resultsFrozen(k), let .resultsFinalized(k): return [k.skill]
        case let .sessionStarted(id), let .sessionFinished(id): return session(id)
        case let .sessionDelayed(d): return session(d.session)
        case let .sessionMoved(m): return session(m.session)
        case let .sessionCancelled(c): return session(c.session)
        default: return []
        }
    }

    /// The searchable text of one record, lower-cased: seq, actor, type and summary.
    public func searchLine(_ r: EventRecord) -> String {
        "\(r.seq) \(r.actor) \(r.event.typeName) \(EventText.summary(r.event, in: state.timeZone, lang: lang))".lowercased()
    }

    func matches(_ r: EventRecord) -> Bool {
        let f = auditFilter
        if !f.actor.isEmpty, !r.actor.lowercased().contains(f.actor.lowercased()) { return false }
        if !f.type.isEmpty, !r.event.typeName.contains(f.type.lowercased()) { return false }
        if !f.skill.isEmpty, !skills(of: r.event).contains(where: { $0.lowercased() == f.skill.lowercased() }) { return false }
        if !f.search.isEmpty {
            let q = Self.searchBytes(f.search.lowercased()), i = Int(r.seq) - 1
            if searchEnds.indices.contains(i) {
                if Self.firstHit(q, in: searchBytes, from: i == 0 ? 0 : searchEnds[i - 1], to: searchEnds[i]) == nil { return false }
            } else {
                let line = Self.searchBytes(searchLine(r))
                if Self.firstHit(q, in: line, from: 0, to: line.count) == nil { return false }
            }
        }
        return true
    }

    /// How many records the `/` search's index holds, and whether some are still to come.
    public var searchIndexed: Int { searchEnds.count }
    public var searchIndexPending: Bool { searchEnds.count < records.count }

    /// Adds the next `count` records to the `/` search's index: the controller calls it between
    /// frames after start, so the first search finds the work done.
    public mutating func indexSearch(count: Int) {
        let end = min(records.count, searchEnds.count + max(0, count))
        guard end > searchEnds.count else { return }
        if searchEnds.isEmpty {
            searchEnds.reserveCapacity(records.count + 1024)
            searchBytes.reserveCapacity(records.count * 64)
        }
        for i in searchEnds.count..<end {
            searchBytes.append(contentsOf: Self.searchBytes(searchLine(records[i])))
            searchEnds.append(searchBytes.count)
        }
    }

    /// Scalars whose combining class is 0 without looking it up: below U+0300, and the CJK
    /// ideographs and punctuation that Chinese summaries are made of.
    static func neverCombines(_ v: UInt32) -> Bool {
        v < 0x300 || (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v)
            || (0x3000...0x3029).contains(v) || (0xFF01...0xFF5E).contains(v)
    }

    /// The bytes a search compares: UTF-8 in composed form (NFC), so `josé` typed matches a
    /// `jose\u{301}` in the log, as `String.contains` does. Only text with a combining mark is
    /// normalised (Chinese and ASCII are already composed).
    static func searchBytes(_ text: String) -> [UInt8] {
        if text.utf8.contains(where: { $0 >= 0xCC }),
           text.unicodeScalars.contains(where: { !neverCombines($0.value) && $0.properties.canonicalCombiningClass != .notReordered }) {
            return Array(text.precomposedStringWithCanonicalMapping.utf8)
        }
        return Array(text.utf8)
    }

    /// Indexes slices of 500 records until `nanos` have passed or the index is complete (what
    /// the controller does before each frame while `searchIndexPending`).
    public mutating func indexSearch(forNanos nanos: UInt64) {
        let start = DispatchTime.now().uptimeNanoseconds
        repeat { indexSearch(count: 500) } while searchIndexPending && DispatchTime.now().uptimeNanoseconds - start < nanos
    }

    /// The index's size in bytes (its text and the record ends).
    public var searchIndexBytes: Int { searchBytes.count + searchEnds.count * MemoryLayout<Int>.stride }

    /// Where `needle` first occurs in `hay[from..<to]` (bytes), or nil.
    static func firstHit(_ needle: [UInt8], in hay: [UInt8], from: Int, to: Int) -> Int? {
        let m = needle.count
        guard m > 0 else { return from }
        guard to - from >= m else { return nil }
        return hay.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                let base = h.baseAddress!, first = Int32(n[0])
                var pos = from
                while pos <= to - m {
                    guard let p = memchr(base + pos, first, to - m + 1 - pos) else { return nil }
                    let at = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, n.baseAddress!, m) == 0 { return at }
                    pos = at + 1
                }
                return nil
            }
        }
    }

    /// Indices of the records whose search line contains `q` (lower-cased), ascending: one scan
    /// of the index's bytes, a hit skipping to the next record.
    func searchHits(_ q: String) -> [Int] {
        let needle = Self.searchBytes(q.lowercased())
        var out: [Int] = [], pos = 0, line = 0
        while let at = Self.firstHit(needle, in: searchBytes, from: pos, to: searchBytes.count) {
            while searchEnds[line] <= at { line += 1 }
            if at + needle.count <= searchEnds[line] {
                out.append(line)
                pos = searchEnds[line]
                line += 1
                if line >= searchEnds.count { break }
            } else {
                pos = at + 1
            }
        }
        return out
    }

    public mutating func setAuditFilter(_ f: AuditFilter) {
        auditFilter = f
        // A search completes the index (usually built between frames already), then scans its
        // bytes once; the other filters look only at the records it found.
        if !f.search.isEmpty {
            indexSearch(count: records.count)
            auditMatches = searchHits(f.search).filter { matches(records[$0]) }
        } else {
            auditMatches = f.isEmpty ? Array(records.indices) : records.indices.filter { matches(records[$0]) }
        }
    }

    /// The lines of the event detail box: the head, then the event's data as indented JSON
    /// (the same data as `podium log tail --format json`).
    public func eventLines(_ seq: UInt64) -> [String] {
        guard seq >= 1, Int(seq) <= records.count else { return [] }
        let r = records[Int(seq) - 1]
        let f = formats
        var lines = ["seq    \(r.seq)", "time   \(Timestamps.format(r.time, in: state.timeZone))  (\(f.day(r.time)))",
                     "actor  \(r.actor)", "type   \(r.event.typeName)",
                     "       \(EventText.summary(r.event, in: state.timeZone, lang: lang))", ""]
        if let line = try? r.jsonLine(), let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
           let data = object["data"],
           let pretty = try? JSONSerialization.data(withJSONObject: data, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) {
            lines += String(decoding: pretty, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        return lines
    }
}

/// A failed login: the id typed (kept in the form) and why.
public struct ConsoleLoginError: Error, Sendable, Hashable, Localized {
    public var id: String
    public var said: Said
    public var message: String { said.text(.en) }
    public init(id: String, message: Said) { self.id = id; self.said = message }
}

// MARK: Replay: the venue as of an event of the audit trail

extension ConsoleModel {
    /// Opens the whole console as of the record `seq` (read-only until closed).
    public mutating func openReplay(at seq: UInt64) {
        var index = replayCache ?? ReplayIndex(records: records)
        replayCache = nil
        index.go(to: seq)
        replay = index
        selected[.audit] = String(index.seq)
    }

    /// One event forward (+1) or back (-1); the audit selection follows.
    public mutating func stepReplay(_ delta: Int) {
        guard var index = replay else { return }
        replay = nil  // hold the index uniquely while it folds
        index.step(delta)
        replay = index
        selected[.audit] = String(index.seq)
    }

    /// Back to the live venue (the folded states are kept for the next replay).
    public mutating func closeReplay() {
        replayCache = replay
        replay = nil
    }
}

/// The console's memo of the Results and Schedule rows. Results depend on the records folded
/// and the language only; the schedule also on where `now` falls among the sessions' starts and
/// ends, so its rows are kept for the window between two of those instants.
final class ConsoleRowsMemo: @unchecked Sendable {
    struct Key: Equatable { var records: Int; var lastSeq: UInt64; var lang: Language }
    private let lock = NSLock()
    private var resultsRows: (key: Key, rows: [ConsoleModel.Row])?
    private var scheduleRows: (key: Key, from: Date, until: Date, rows: [ConsoleModel.Row])?

    func results(key: Key, make: () -> [ConsoleModel.Row]) -> [ConsoleModel.Row] {
        if let hit = lock.withLock({ resultsRows }), hit.key == key { return hit.rows }
        let rows = make()
        lock.withLock { resultsRows = (key, rows) }
        return rows
    }

    func schedule(key: Key, now: Date, make: () -> [ConsoleModel.Row], window: () -> (from: Date, until: Date)) -> [ConsoleModel.Row] {
        if let hit = lock.withLock({ scheduleRows }), hit.key == key, hit.from <= now, now < hit.until { return hit.rows }
        let rows = make()
        let w = window()
        lock.withLock { scheduleRows = (key, w.from, w.until, rows) }
        return rows
    }
}
