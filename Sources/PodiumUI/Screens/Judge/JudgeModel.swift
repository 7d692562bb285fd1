import Foundation
import PodiumCore

/// How a judge console was started: `podium judge DIR [--judge ID] [--lang]`.
public struct JudgeOptions: Sendable, Hashable {
    public var lang: Language
    /// The judge id to log in as (`--judge`): the id field is filled in and the PIN asked.
    public var judgeID: String?
    public init(lang: Language = .zh, judgeID: String? = nil) { self.lang = lang; self.judgeID = judgeID }
}

/// Where the judge is.
public enum JudgePage: Hashable, Sendable {
    case login
    /// My skills and sessions, with what is live now.
    case home
    /// The modules of a round.
    case modules(RoundKey)
    /// The competitors of a module, each with its state, and "n of N".
    case competitors(RoundKey, module: String)
    /// One competitor's marking sheet for one module.
    case sheet(RoundKey, module: String, competitor: String)
    /// Chief judge: every judge's marks for a module, disputes highlighted.
    case chief(RoundKey, module: String)
}

/// A box over the page.
public enum JudgeOverlay: Hashable, Sendable {
    case help
    /// The sheet's marks, before they are submitted.
    case review
    /// Saved: the receipt.
    case receipt(JudgeReceipt)
    /// Refused by the rules, or the log could not take it; the input is kept.
    case failure(String)
    /// Leaving a sheet that has typed, unsubmitted marks.
    case discard
    /// Corrections: choose one of the submitted marks.
    case correctionPick(selection: Int)
    /// Corrections: the new value and the reason (`correction` holds them).
    case correctionEdit
    case correctionReview
    /// Chief: the note of a re-mark request.
    case remark(competitor: String, aspect: String)
    /// Chief: sign a module off, after this confirmation.
    case signOff(module: String)
}

/// What a durable submission returned: shown to the judge with its sequence numbers.
public struct JudgeReceipt: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case marks, correction, remark, signOff }
    public var kind: Kind
    public var first: UInt64
    public var last: UInt64
    public var count: Int
    public init(kind: Kind, first: UInt64, last: UInt64, count: Int) {
        self.kind = kind; self.first = first; self.last = last; self.count = count
    }
}

/// What a key asks of whoever runs the model (`JudgeSession`): the model itself never touches
/// the log or the credentials.
public enum JudgeAction: Sendable {
    case none, redraw, quit
    /// Check this id and PIN (`JudgeSession` asks the credential store).
    case login(id: String, pin: String)
    /// Append this command durably, then report with `finished(_:kind:)`.
    case execute(Command, JudgeReceipt.Kind)
}

/// A message on the status line: a refused key says why, a success says what happened.
public struct JudgeNotice: Hashable, Sendable {
    public var text: String
    public var isError: Bool
}

/// How one aspect of a sheet stands for the judge at the keyboard.
public enum SheetRowKind: Hashable, Sendable {
    /// Open for input.
    case editable
    /// Already in: my judgement score, or the measurement (whoever entered it). A change is a
    /// correction (`c`).
    case submitted(MarkValue)
    /// A judgement aspect of a competitor of the judge's own delegation.
    case compatriot
    /// The module is signed off; the value if there is one.
    case locked(MarkValue?)
}

public struct SheetRow: Hashable, Sendable {
    public var aspect: Aspect
    public var kind: SheetRowKind
    /// The chief asked for this aspect to be marked again (a new score needs no reason).
    public var remark: Bool
    /// My previous score, when a re-mark lets me score again.
    public var previous: MarkValue?
}

/// A competitor's state in a module, from the point of view of the judge at the keyboard.
public enum CompetitorState: Hashable, Sendable {
    case notStarted, partlyMarked, complete, disputed, locked
}

/// The sheet being typed: one field per editable aspect, and where the cursor is.
public struct SheetDraft: Sendable {
    public var key: RoundKey
    public var module: String
    public var competitor: String
    public var fields: [String: TextField] = [:]
    /// The focused row (index into the module's aspects).
    public var focus: Int = 0
    public var isEmpty: Bool { fields.values.allSatisfy { $0.text.isEmpty } }
}

/// A correction being typed.
public struct CorrectionDraft: Sendable {
    public var aspect: Aspect
    public var old: MarkValue
    public var value = TextField(maxLength: 8)
    public var reason = TextField(maxLength: 200)
    /// 0: the value; 1: the reason.
    public var focus = 0
}

/// Everything the judge console shows, as a value: the venue state (the fold of the log),
/// who is logged in, the page and what is being typed. `JudgeScreen.render` draws it;
/// `handle` turns keys into changes and `JudgeAction`s. No terminal, no clock, no disk.
///
/// What a judge may see of other judges' marks and of results comes from PodiumCore's
/// `Visibility`, so the rule is the core's, not this screen's.
public struct JudgeModel: Sendable {
    public var state: VenueState
    public var options: JudgeOptions
    public private(set) var actor: Actor?
    public internal(set) var page: JudgePage = .login
    public var overlay: JudgeOverlay?
    public var notice: JudgeNotice?
    /// The highlighted row of the current list.
    public private(set) var selection = 0
    /// Pages left by Enter, with their selections, for Esc.
    private var trail: [(JudgePage, Int)] = []
    public private(set) var loginID = TextField(maxLength: 32)
    public private(set) var loginPIN = TextField(isSecure: true, maxLength: 12)
    /// 0: the id field; 1: the PIN field.
    public private(set) var loginFocus = 0
    public private(set) var draft: SheetDraft?
    public private(set) var correction: CorrectionDraft?
    public private(set) var remarkNote = TextField(maxLength: 200)
    /// The last receipt, kept for the status line.
    public private(set) var lastReceipt: JudgeReceipt?
    /// Set for a past view (`podium judge --at`): read-only, drawn with the past-view marking.
    public var past: PastMoment?
    /// Whether the venue's log is still reachable; while lost the title row says since when and
    /// `JudgeSession` refuses anything that would append.
    public var link: LinkStatus = .up

    public init(state: VenueState, options: JudgeOptions = JudgeOptions(), actor: Actor? = nil) {
        self.state = state
        self.options = options
        if let id = options.judgeID {
            loginID.insert(id)
            loginFocus = 1
        }
        if let actor { self.actor = actor; page = .home }
    }

    public var lang: Language { options.lang }
    public var formats: Formats { Formats(lang: lang, timeZone: state.timeZone) }
    func text(_ l: Label, _ args: String...) -> String { l.text(lang, args) }

    public var judge: Judge? { actor.flatMap { state.judges[$0.id] } }
    public var isChief: Bool { judge?.chief == true }

    // MARK: The log

    public mutating func apply(_ record: EventRecord) { state.apply(record) }

    // MARK: What the pages list

    /// My rounds: every round of every official skill I am assigned to, in definition order.
    public var myRounds: [RoundKey] {
        guard let judge else { return [] }
        return state.skills.items.filter { judge.skills.contains($0.id) && $0.kind == .official && !$0.modules.isEmpty }
            .flatMap { s in s.rounds.map { RoundKey(skill: s.id, round: $0.id) } }
    }

    public func sessions(_ key: RoundKey) -> [Session] {
        state.sessions.items.filter { $0.skill == key.skill && $0.round == key.round }
    }

    public func isLive(_ key: RoundKey, now: Date) -> Bool {
        sessions(key).contains { $0.start <= now && now < $0.end }
    }

    public func skill(_ key: RoundKey) -> Skill? { state.skills[key.skill] }
    public func module(_ key: RoundKey, _ id: String) -> Module? { skill(key)?.modules.first { $0.id == id } }

    public func title(_ key: RoundKey) -> String {
        guard let s = skill(key) else { return key.description }
        let round = s.rounds.first { $0.id == key.round }?.name.text(lang) ?? key.round
        return s.name.text(lang) + Formats.dot + round
    }

    public func isLocked(_ key: RoundKey, module: String) -> Bool {
        state.rounds[key]?.lockedModules.contains(module) == true
    }

    /// The rows of a competitor's sheet for the judge at the keyboard, following the core's
    /// rules (MarkRules): measurement aspects take one entry, judgement aspects one score per
    /// judge and none for the judge's own delegation; a re-mark request reopens a score.
    public func rows(_ key: RoundKey, module id: String, competitor cid: String) -> [SheetRow] {
        guard let module = module(key, id), let competitor = state.competitors[cid], let judge else { return [] }
        let marks = state.rounds[key]
        let sheet = marks?.sheets[cid]
        let locked = isLocked(key, module: id)
        let ownRule = !(state.competition?.judgeOwnDelegation ?? false)
        return module.aspects.map { a in
            let remark = marks?.remarkRequests[cid]?.contains(a.id) == true
            let current: MarkValue? = switch a.type {
            case .M: sheet?.measurements[a.id].map { .measurement($0) }
            case .J: sheet?.judgements[a.id]?[judge.id].map { .judgement($0) }
            }
            if locked { return SheetRow(aspect: a, kind: .locked(current), remark: false, previous: nil) }
            if a.type == .J && ownRule && competitor.delegation == judge.delegation {
                return SheetRow(aspect: a, kind: .compatriot, remark: false, previous: nil)
            }
            if let current, !(remark && a.type == .J) {
                return SheetRow(aspect: a, kind: .submitted(current), remark: remark, previous: nil)
            }
            return SheetRow(aspect: a, kind: .editable, remark: remark, previous: current)
        }
    }

    public func competitorState(_ key: RoundKey, module id: String, competitor cid: String) -> CompetitorState {
        if isLocked(key, module: id) { return .locked }
        guard let module = module(key, id) else { return .notStarted }
        let sheet = state.rounds[key]?.sheets[cid]
        if module.aspects.contains(where: { sheet?.disputed.contains($0.id) == true }) { return .disputed }
        let rows = rows(key, module: id, competitor: cid)
        let done = rows.filter { if case .editable = $0.kind { return false } else { return true } }.count
        let mine = rows.filter { $0.kind != .compatriot }.count
        if done == rows.count { return .complete }
        return done - (rows.count - mine) <= 0 ? .notStarted : .partlyMarked
    }

    /// (complete, entrants) of a module for me: "n of N".
    public func progress(_ key: RoundKey, module id: String) -> (done: Int, of: Int) {
        let entrants = state.entrants(key)
        let done = entrants.filter {
            let s = competitorState(key, module: id, competitor: $0)
            return s == .complete || s == .locked
        }.count
        return (done, entrants.count)
    }

    /// The chief's view of a module: one row per competitor and aspect.
    public struct ChiefRow: Hashable, Sendable {
        public var competitor: String
        public var aspect: Aspect
        public var measurement: Fixed2?
        public var panel: Visibility.PanelStatus?
    }

    public func chiefRows(_ key: RoundKey, module id: String) -> [ChiefRow] {
        guard let actor, let module = module(key, id), Visibility.seesAllScores(actor, of: key.skill, on: state) else { return [] }
        let sheets = state.rounds[key]?.sheets
        return state.entrants(key).flatMap { c in
            module.aspects.map { a in
                ChiefRow(competitor: c, aspect: a, measurement: a.type == .M ? sheets?[c]?.measurements[a.id] : nil,
                         panel: a.type == .J ? Visibility.panel(key, competitor: c, aspect: a.id, for: actor, on: state) : nil)
            }
        }
    }

    /// The submitted marks a correction may change on the current sheet.
    public var correctable: [SheetRow] {
        guard case let .sheet(key, module, competitor) = page else { return [] }
        return rows(key, module: module, competitor: competitor).filter { if case .submitted = $0.kind { return true } else { return false } }
    }

    /// How many rows the current list has.
    var listCount: Int {
        switch page {
        case .login, .sheet: return 0
        case .home: return myRounds.count
        case let .modules(key): return skill(key)?.modules.count ?? 0
        case let .competitors(key, _): return state.entrants(key).count
        case let .chief(key, module): return chiefRows(key, module: module).count
        }
    }

    // MARK: Results of actions

    /// The credential store's answer to `.login`.
    public mutating func loginFinished(_ outcome: LoginOutcome) {
        loginPIN.clear()
        switch outcome {
        case let .ok(a):
            guard a.role == .judge || a.role == .chief, state.judges[a.id] != nil else {
                notice = JudgeNotice(text: text(.judgeNotAJudge, a.id), isError: true)
                return
            }
            actor = a
            page = .home
            selection = 0
            trail = []
            notice = JudgeNotice(text: text(.judgeWelcome, state.judges[a.id]!.name), isError: false)
        case let .wrong(left):
            notice = JudgeNotice(text: text(.judgeWrongPIN, "\(left)"), isError: true)
        case let .lockedOut(until):
            notice = JudgeNotice(text: text(.judgeLockedOut, formats.hourMinute(until)), isError: true)
        case .unknown:
            notice = JudgeNotice(text: text(.judgeUnknownAccount, loginID.text), isError: true)
        }
    }

    /// A login could not be checked at all (the credentials file is unusable).
    public mutating func loginFailed(_ message: String) {
        loginPIN.clear()
        notice = JudgeNotice(text: message, isError: true)
    }

    /// The append of an `.execute` action came back: durable, with its receipt.
    public mutating func finished(_ receipt: JudgeReceipt) {
        lastReceipt = receipt
        switch receipt.kind {
        case .marks, .correction:
            overlay = .receipt(receipt)
            if receipt.kind == .marks { draft = nil } else { correction = nil }
        case .remark:
            overlay = nil
            remarkNote.clear()
            notice = JudgeNotice(text: text(.judgeRemarkSent, seqText(receipt)), isError: false)
        case .signOff:
            overlay = nil
            notice = JudgeNotice(text: text(.judgeSignedOff, seqText(receipt)), isError: false)
        }
    }

    /// The command was refused, or the log could not take it: nothing was saved; what was
    /// typed stays for a retry.
    public mutating func failed(_ message: String, kind: JudgeReceipt.Kind) {
        switch kind {
        case .marks, .correction: overlay = .failure(message)
        case .remark, .signOff:
            overlay = nil
            notice = JudgeNotice(text: message, isError: true)
        }
    }

    func seqText(_ r: JudgeReceipt) -> String { r.first == r.last ? "#\(r.first)" : "#\(r.first)–#\(r.last)" }

    // MARK: Keys

    public mutating func handle(_ key: Key, now: Date) -> JudgeAction {
        if key == .resize { return .redraw }
        if let overlay { return handleOverlay(overlay, key, now: now) }
        if key == .char("?") || key == .function(1) {
            overlay = .help
            return .redraw
        }
        switch page {
        case .login: return handleLogin(key)
        case .sheet: return handleSheet(key)
        case .home, .modules, .competitors, .chief: return handleList(key)
        }
    }

    private mutating func refuse(_ message: String) -> JudgeAction {
        notice = JudgeNotice(text: message, isError: true)
        return .redraw
    }

    private mutating func go(_ page: JudgePage, selection: Int = 0) {
        trail.append((self.page, self.selection))
        self.page = page
        self.selection = selection
        notice = nil
    }

    private mutating func back() -> JudgeAction {
        guard let (page, selection) = trail.popLast() else { return .quit }
        self.page = page
        self.selection = selection
        draft = nil
        notice = nil
        return .redraw
    }

    private mutating func handleLogin(_ key: Key) -> JudgeAction {
        notice = nil
        switch key {
        case .escape: return .quit
        case .tab, .backTab, .up, .down:
            loginFocus = 1 - loginFocus
        case .enter:
            if loginFocus == 0 {
                guard !loginID.text.isEmpty else { return refuse(text(.judgeNeedID)) }
                loginFocus = 1
            } else {
                guard !loginID.text.isEmpty else { loginFocus = 0; return refuse(text(.judgeNeedID)) }
                guard !loginPIN.text.isEmpty else { return refuse(text(.judgeNeedPIN)) }
                return .login(id: loginID.text, pin: loginPIN.text)
            }
        case .backspace: if loginFocus == 0 { loginID.backspace() } else { loginPIN.backspace() }
        case .delete: if loginFocus == 0 { loginID.deleteForward() } else { loginPIN.deleteForward() }
        case .left: if loginFocus == 0 { loginID.moveLeft() } else { loginPIN.moveLeft() }
        case .right: if loginFocus == 0 { loginID.moveRight() } else { loginPIN.moveRight() }
        case let .char(c):
            if loginFocus == 1 {
                guard c.isASCII, c.isNumber else { return refuse(text(.judgePINDigits)) }
                guard loginPIN.text.count < 12 else { return refuse(text(.judgePINLength)) }
                loginPIN.insert(String(c))
            } else {
                guard c.isASCII, c.isLetter || c.isNumber || "-_.".contains(c) else { return refuse(text(.judgeIDCharacters)) }
                loginID.insert(String(c))
            }
        default: return .none
        }
        return .redraw
    }

    private mutating func handleList(_ key: Key) -> JudgeAction {
        let count = listCount
        notice = nil
        switch key {
        case .up, .char("k"): selection = max(0, selection - 1)
        case .down, .char("j"), .tab: selection = min(max(0, count - 1), selection + 1)
        case .backTab: selection = max(0, selection - 1)
        case .pageUp: selection = max(0, selection - 10)
        case .pageDown: selection = min(max(0, count - 1), selection + 10)
        case .home: selection = 0
        case .end: selection = max(0, count - 1)
        case .escape, .backspace:
            if page == .home { return .none }
            return back()
        case .char("q"):
            guard page == .home else { return back() }
            return .quit
        case .enter: return enter()
        case .char("v"):
            switch page {
            case let .modules(key):
                guard isChief, let m = skill(key)?.modules[safe: selection] else { return refuse(text(.judgeChiefOnly)) }
                go(.chief(key, module: m.id))
            case let .competitors(key, module):
                guard isChief else { return refuse(text(.judgeChiefOnly)) }
                go(.chief(key, module: module))
            default: return .none
            }
        case .left, .right:
            let step = key == .right ? 1 : -1
            guard case let .chief(rk, module) = page, let modules = skill(rk)?.modules,
                  let i = modules.firstIndex(where: { $0.id == module }) else { return .none }
            page = .chief(rk, module: modules[(i + step + modules.count) % modules.count].id)
            selection = 0
        case .char("r"):
            guard case let .chief(key, module) = page, let row = chiefRows(key, module: module)[safe: selection] else { return .none }
            guard row.aspect.type == .J else { return refuse(text(.judgeRemarkJudgementOnly)) }
            guard !isLocked(key, module: module) else { return refuse(text(.judgeModuleLockedKey, module)) }
            remarkNote.clear()
            overlay = .remark(competitor: row.competitor, aspect: row.aspect.id)
        case .char("l"), .char("L"):
            guard case let .chief(key, module) = page else { return .none }
            guard !isLocked(key, module: module) else { return refuse(text(.judgeAlreadySignedOff, module)) }
            overlay = .signOff(module: module)
        default: return .none
        }
        return .redraw
    }

    private mutating func enter() -> JudgeAction {
        switch page {
        case .home:
            guard let key = myRounds[safe: selection] else { return .none }
            go(.modules(key))
        case let .modules(key):
            guard let m = skill(key)?.modules[safe: selection] else { return .none }
            go(.competitors(key, module: m.id), selection: firstOpen(key, module: m.id))
        case let .competitors(key, module):
            guard let c = state.entrants(key)[safe: selection] else { return .none }
            go(.sheet(key, module: module, competitor: c))
            openSheet(key, module: module, competitor: c)
        case .login, .sheet, .chief: return .none
        }
        return .redraw
    }

    /// The first competitor still to mark (else the first).
    func firstOpen(_ key: RoundKey, module: String, after: Int = -1) -> Int {
        let entrants = state.entrants(key)
        let open = entrants.indices.filter { i in
            let s = competitorState(key, module: module, competitor: entrants[i])
            return s == .notStarted || s == .partlyMarked
        }
        return open.first { $0 > after } ?? open.first ?? max(0, after)
    }

    private mutating func openSheet(_ key: RoundKey, module: String, competitor: String) {
        var d = SheetDraft(key: key, module: module, competitor: competitor)
        let rows = rows(key, module: module, competitor: competitor)
        for r in rows where r.kind == .editable { d.fields[r.aspect.id] = TextField(maxLength: 8) }
        d.focus = rows.firstIndex { $0.kind == .editable } ?? 0
        draft = d
    }

    // MARK: The sheet

    private mutating func handleSheet(_ key: Key) -> JudgeAction {
        guard var d = draft, case let .sheet(rk, module, competitor) = page else { return .none }
        let rows = rows(rk, module: module, competitor: competitor)
        guard !rows.isEmpty else { return back() }
        d.focus = min(d.focus, rows.count - 1)
        let row = rows[d.focus]
        // New editable rows (a re-mark request arrived) get a field.
        for r in rows where r.kind == .editable && d.fields[r.aspect.id] == nil { d.fields[r.aspect.id] = TextField(maxLength: 8) }
        var keep = true
        defer { if keep { draft = d } }
        notice = nil
        switch key {
        case .up, .backTab: d.focus = max(0, d.focus - 1)
        case .down, .tab: d.focus = min(rows.count - 1, d.focus + 1)
        case .home: d.focus = 0
        case .end: d.focus = rows.count - 1
        case .enter:
            let editable = rows.indices.filter { rows[$0].kind == .editable }
            if let next = editable.first(where: { $0 > d.focus }) {
                d.focus = next
            } else if !editable.isEmpty, editable.contains(where: { !(d.fields[rows[$0].aspect.id]?.text.isEmpty ?? true) }) {
                draft = d
                return openReview()
            } else if editable.isEmpty {
                return refuse(text(.judgeNothingToEnter))
            } else {
                return refuse(text(.judgeSheetEmpty))
            }
        case .char("s"), .char("S"):
            draft = d
            return openReview()
        case .escape:
            if !d.isEmpty { overlay = .discard; return .redraw }
            keep = false
            return back()
        case .char("c"), .char("C"):
            guard !correctable.isEmpty else { return refuse(text(.judgeNothingToCorrect)) }
            overlay = .correctionPick(selection: 0)
        case .backspace, .delete, .left, .right:
            guard row.kind == .editable, var field = d.fields[row.aspect.id] else { return refuse(rowRefusal(row)) }
            switch key {
            case .backspace: field.backspace()
            case .delete: field.deleteForward()
            case .left: field.moveLeft()
            default: field.moveRight()
            }
            d.fields[row.aspect.id] = field
        case let .char(c):
            guard c.isASCII, c.isNumber || c == "." else { return refuse(text(.judgeKeyNotAMark, String(c))) }
            guard row.kind == .editable, var field = d.fields[row.aspect.id] else { return refuse(rowRefusal(row)) }
            if let why = Self.refusal(inserting: c, into: field, aspect: row.aspect, lang: lang) { return refuse(why) }
            field.insert(String(c))
            d.fields[row.aspect.id] = field
            // A judgement score is one digit: move on at once.
            if row.aspect.type == .J, let next = rows.indices.first(where: { $0 > d.focus && rows[$0].kind == .editable }) { d.focus = next }
        default: return .none
        }
        return .redraw
    }

    /// Why a row takes no input.
    func rowRefusal(_ row: SheetRow) -> String {
        switch row.kind {
        case .editable: return ""
        case .submitted: return text(.judgeAlreadySubmitted, row.aspect.id)
        case .compatriot: return text(.judgeCompatriotKey)
        case .locked: return text(.judgeModuleLockedKey, draft?.module ?? "")
        }
    }

    /// Why inserting `c` into `field` cannot give a valid mark for `aspect`, or nil.
    public static func refusal(inserting c: Character, into field: TextField, aspect: Aspect, lang: Language) -> String? {
        switch aspect.type {
        case .J:
            if c == "." { return Label.judgeWholeScore.text(lang, []) }
            if !field.text.isEmpty { return Label.judgeOneDigit.text(lang, []) }
            if let d = c.wholeNumberValue, d > 3 { return Label.judgeScoreRange.text(lang, [String(c)]) }
            return nil
        case .M:
            let before = field.text.prefix(field.cursor), after = field.text.dropFirst(field.cursor)
            let candidate = String(before) + String(c) + String(after)
            let parts = candidate.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count > 2 { return Label.judgeOnePoint.text(lang, []) }
            if parts.count == 2, parts[1].count > 2 { return Label.judgeTwoDecimals.text(lang, []) }
            if parts[0].count > 1, parts[0].first == "0" { return Label.judgeLeadingZero.text(lang, []) }
            let normal = candidate.hasSuffix(".") ? candidate + "0" : candidate
            if let v = Fixed2(parsing: normal), v > aspect.max {
                return Label.judgeAboveMax.text(lang, [candidate, aspect.max.description, aspect.id])
            }
            return nil
        }
    }

    /// The value a field holds, or nil when empty. "12." is 12.00.
    public static func value(of text: String, aspect: Aspect) -> MarkValue? {
        guard !text.isEmpty else { return nil }
        switch aspect.type {
        case .J: return Int(text).map { .judgement($0) }
        case .M:
            let t = text.hasSuffix(".") ? String(text.dropLast()) : text
            return Fixed2(parsing: t.isEmpty ? "0" : t).map { .measurement($0) }
        }
    }

    /// The marks the sheet would submit, in scheme order.
    public var sheetMarks: [MarkInput] {
        guard let d = draft, let module = module(d.key, d.module) else { return [] }
        return module.aspects.compactMap { a in
            guard let f = d.fields[a.id], let v = Self.value(of: f.text, aspect: a) else { return nil }
            return MarkInput(competitor: d.competitor, aspect: a.id, value: v)
        }
    }

    private mutating func openReview() -> JudgeAction {
        guard !sheetMarks.isEmpty else { return refuse(text(.judgeSheetEmpty)) }
        overlay = .review
        return .redraw
    }

    // MARK: Overlays

    private mutating func handleOverlay(_ o: JudgeOverlay, _ key: Key, now: Date) -> JudgeAction {
        switch o {
        case .help:
            overlay = nil
            return .redraw
        case .review:
            switch key {
            case .enter, .char("y"), .char("Y"):
                guard let d = draft else { overlay = nil; return .redraw }
                return .execute(.submitMarks(skill: d.key.skill, round: d.key.round, marks: sheetMarks, reason: nil), .marks)
            case .escape, .char("n"), .char("N"), .backspace:
                overlay = nil
                return .redraw
            default: return .none
            }
        case .receipt:
            guard key == .enter || key == .escape || key == .char(" ") else { return .none }
            overlay = nil
            if case let .sheet(rk, module, _) = page {
                _ = back()
                // The next competitor still to mark.
                selection = firstOpen(rk, module: module, after: selection)
            }
            return .redraw
        case .failure:
            guard key == .enter || key == .escape || key == .char(" ") else { return .none }
            overlay = nil
            return .redraw
        case .discard:
            switch key {
            case .char("y"), .char("Y"), .enter:
                overlay = nil
                draft = nil
                return back()
            case .char("n"), .char("N"), .escape:
                overlay = nil
                return .redraw
            default: return .none
            }
        case let .correctionPick(selection):
            let list = correctable
            switch key {
            case .up: overlay = .correctionPick(selection: max(0, selection - 1))
            case .down, .tab: overlay = .correctionPick(selection: min(max(0, list.count - 1), selection + 1))
            case .escape: overlay = nil
            case .enter:
                guard let row = list[safe: selection], case let .submitted(old) = row.kind else { return .none }
                correction = CorrectionDraft(aspect: row.aspect, old: old)
                overlay = .correctionEdit
            default: return .none
            }
            return .redraw
        case .correctionEdit:
            return handleCorrection(key)
        case .correctionReview:
            switch key {
            case .enter, .char("y"), .char("Y"):
                guard let c = correction, case let .sheet(rk, _, competitor) = page,
                      let v = Self.value(of: c.value.text, aspect: c.aspect) else { overlay = .correctionEdit; return .redraw }
                return .execute(.submitMarks(skill: rk.skill, round: rk.round,
                                             marks: [MarkInput(competitor: competitor, aspect: c.aspect.id, value: v)],
                                             reason: c.reason.text.trimmingCharacters(in: .whitespaces)), .correction)
            case .escape, .char("n"), .char("N"):
                overlay = .correctionEdit
                return .redraw
            default: return .none
            }
        case let .remark(competitor, aspect):
            switch key {
            case .escape:
                overlay = nil
            case .enter:
                guard case let .chief(rk, _) = page else { overlay = nil; return .redraw }
                return .execute(.requestRemark(skill: rk.skill, round: rk.round, competitor: competitor, aspect: aspect,
                                               note: remarkNote.text), .remark)
            case .backspace: remarkNote.backspace()
            case .left: remarkNote.moveLeft()
            case .right: remarkNote.moveRight()
            case let .char(c): remarkNote.insert(String(c))
            default: return .none
            }
            return .redraw
        case let .signOff(module):
            switch key {
            case .char("y"), .char("Y"):
                guard case let .chief(rk, _) = page else { overlay = nil; return .redraw }
                return .execute(.lockModule(skill: rk.skill, round: rk.round, module: module), .signOff)
            case .escape, .char("n"), .char("N"), .enter:
                // Enter does not sign off: a module is signed off only by a deliberate y.
                overlay = nil
                return .redraw
            default: return .none
            }
        }
    }

    private mutating func handleCorrection(_ key: Key) -> JudgeAction {
        guard var c = correction else { overlay = nil; return .redraw }
        defer { correction = c }
        notice = nil
        switch key {
        case .escape:
            overlay = nil
            c = CorrectionDraft(aspect: c.aspect, old: c.old)
            return .redraw
        case .tab, .backTab, .up, .down: c.focus = 1 - c.focus
        case .enter:
            if c.focus == 0 {
                guard let v = Self.value(of: c.value.text, aspect: c.aspect) else { return refuse(text(.judgeNeedValue)) }
                guard v != c.old else { return refuse(text(.judgeSameValue)) }
                c.focus = 1
            } else {
                guard Self.value(of: c.value.text, aspect: c.aspect) != nil else { c.focus = 0; return refuse(text(.judgeNeedValue)) }
                let reason = c.reason.text.trimmingCharacters(in: .whitespaces)
                guard !reason.isEmpty else { return refuse(text(.judgeNeedReason)) }
                overlay = .correctionReview
            }
        case .backspace: if c.focus == 0 { c.value.backspace() } else { c.reason.backspace() }
        case .left: if c.focus == 0 { c.value.moveLeft() } else { c.reason.moveLeft() }
        case .right: if c.focus == 0 { c.value.moveRight() } else { c.reason.moveRight() }
        case let .char(ch):
            if c.focus == 1 { c.reason.insert(String(ch)); return .redraw }
            guard ch.isASCII, ch.isNumber || ch == "." else { return refuse(text(.judgeKeyNotAMark, String(ch))) }
            if let why = Self.refusal(inserting: ch, into: c.value, aspect: c.aspect, lang: lang) { return refuse(why) }
            c.value.insert(String(ch))
        default: return .none
        }
        return .redraw
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}

extension Label {
    /// The label in `lang` with `{1}`, `{2}`, … replaced by `args`.
    func text(_ lang: Language, _ args: [String]) -> String { Template.fill(text(lang), args) }
}
