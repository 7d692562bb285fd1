import Foundation

/// SplitMix64 (Steele, Lea and Flood 2014): small, fast and the same on every platform and
/// toolchain, so a seed always gives the same rehearsal. Shuffles are written out here too
/// (the standard library's algorithm is not promised to stay the same across versions).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0..<n.
    public mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        return Int(next() % UInt64(n))
    }

    /// lo...hi.
    public mutating func within(_ r: ClosedRange<Int>) -> Int { r.lowerBound + below(r.count) }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { p > 0 && unit() < p }

    public mutating func pick<T>(_ a: [T]) -> T { a[below(a.count)] }

    /// Fisher-Yates.
    public mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, below(i + 1)) }
    }
}

/// A rehearsal feed: given the venue's state and the (simulated) time, it proposes the next
/// thing that would happen at a real competition, as the `Command` someone would type and the
/// `Actor` who types it. `podium simulate`, `podium demo`, the benchmarks and the tests run it.
///
/// What it does, like a real week:
/// - rounds are taken in schedule order (each round's first session in `state.sessions`), a
///   few at a time (`Options.concurrentRounds`); a later round of a skill starts once the one
///   before it is published, with the competitors who advanced (`state.entrants`);
/// - judges assigned to the skill enter marks a whole sheet at a time: one competitor, one
///   module, all that judge's aspects of it (the first judge of the panel also enters the
///   module's measurement aspects); judgement scores come from panel judges who are not the
///   competitor's compatriots (unless the competition allows it), and mostly agree (spread ≤ 1);
/// - now and then one judge is 2 off: the chief judge asks for re-marking and the judge(s)
///   outside the panel's window score again; now and then a judge corrects a mark, with a reason;
/// - a module fully marked for every entrant is signed off (locked) by the chief judge; now and
///   then staff reopen a signed-off module with a reason, a judge corrects a mark, and the chief
///   signs it off again; when every module is locked staff publish, and later finalize;
/// - staff post announcements (in Chinese) now and then, and withdraw old ones;
/// - staff run the day's sessions by the clock (`now`): each is started when its (effective)
///   start comes and its station is free, finished at its effective end; now and then one is
///   delayed a few minutes before it starts, or runs over (a delay while live). Sessions that
///   ended before the rehearsal began are left as they are.
///
/// Every proposal is checked with `Decide.decide` against the state it was given before it is
/// returned, exactly like input from a console; the caller then executes it (through
/// `Venue.execute` or `Decide` + `apply`), so the feed can never bypass a rule. A refused
/// proposal is a bug in the feed: it is counted in `counts.refusals` (with the message in
/// `counts.lastRefusal`), and the feed re-plans that round from the state and goes on.
///
/// It keeps an agenda per active round (planned sheets, follow-ups, outstanding work per module)
/// and looks at the state only where a step needs it (one competitor's sheet, one round's
/// status), so a step costs about the same at the first mark as at the millionth. A round's
/// agenda is (re)built from the state, so the feed picks up a partly marked venue (a restarted
/// `podium simulate`) where it stands.
///
/// Deterministic: the same seed and the same sequence of states give the same proposals (it
/// never iterates a dictionary to decide anything, never reads the clock, and only uses `now`
/// for announcement texts and expiry times and for the sessions' times).
public struct RehearsalFeed: Sendable {
    public struct Options: Sendable {
        /// Rounds being marked at the same time (skills running side by side).
        public var concurrentRounds = 6
        /// Share of (competitor, module) panels where one judge is 2 off the others.
        public var disputeRate = 0.05
        /// Share of sheets a judge later corrects (one mark, with a reason).
        public var correctionRate = 0.03
        /// Share of signed-off modules staff reopen (with a reason) for a correction.
        public var reopenRate = 0.04
        /// Chance per step of an announcement (or a withdrawal of an old one).
        public var announcementRate = 0.01
        /// Proposals between a round's publication and its finalization (at least).
        public var finalizeDelay = 150
        /// When false, the feed only marks: no sign-off, publication or finalization (and so no
        /// later rounds); it finishes when every round it could start is fully marked.
        public var signOff = true
        /// Rehearse only these skills (nil: every official skill).
        public var skills: Set<String>?
        /// Who does the staff's part (publication, reopening, announcements, sessions).
        public var staff = Actor(.staff, "rehearsal")
        /// Run the sessions by the clock: start, finish, and the occasional delay.
        public var sessions = true
        /// Chance that a session about to start is delayed (and, half as often, that a live
        /// one near its end runs over).
        public var sessionDelayRate = 0.15
        public init() {}
    }

    /// What the feed has done so far: proposals by kind, counted when the state shows them applied.
    public struct Counts: Sendable, Equatable {
        /// Proposals returned.
        public var commands = 0
        public var sheets = 0
        /// Marks in sheets, corrections and re-scores.
        public var marks = 0
        /// Judgement aspects found disputed (spread above 1) when a panel completed.
        public var disputes = 0
        public var remarks = 0
        public var rescores = 0
        public var corrections = 0
        public var locks = 0
        public var unlocks = 0
        public var freezes = 0
        public var publications = 0
        public var finalizations = 0
        public var announcements = 0
        public var withdrawals = 0
        public var sessionStarts = 0
        public var sessionFinishes = 0
        public var sessionDelays = 0
        /// Proposals Decide refused (a bug in the feed).
        public var refusals = 0
        public var lastRefusal: String?
        /// Proposals the next state did not show applied (the caller dropped or failed them).
        public var notApplied = 0
        /// Rounds given up: no chief judge, too few judges for a panel, or re-planned too often.
        public var stuckRounds = 0
        public init() {}
    }

    public let seed: UInt64
    public var options: Options
    public private(set) var counts = Counts()

    private var rng: SplitMix64
    private var started = false
    private var judgeCount = -1
    private var judgesBySkill: [String: (judges: [String], chief: String?)] = [:]
    private var skillCache: [String: SkillInfo] = [:]
    private var stationBySkill: [String: String] = [:]
    /// Rounds not started yet, in schedule order.
    private var schedule: [RoundKey] = []
    private var scheduleDirty = true
    private var active: [RoundPlan] = []
    /// Published rounds waiting to be finalized: (round, not before this many proposals).
    private var finalizing: [(key: RoundKey, after: Int)] = []
    /// Texts waiting to be announced (e.g. a publication).
    private var notices: [String] = []
    private var ability: [String: Double] = [:]
    private var pending: Pending?
    /// The sessions' own generator, so running the day does not change what the judges do.
    private var sessionRNG: SplitMix64
    /// Session commands found by the last look at the schedule, proposed one per call.
    private var sessionQueue: [Command] = []
    /// When the schedule is looked at next (every `sessionScanInterval` of `now`).
    private var nextSessionScan = Date.distantPast
    static let sessionScanInterval: TimeInterval = 30
    /// Sessions already considered for a delay (each is, once before it starts and once live).
    private var delayConsidered: Set<String> = []
    private var overrunConsidered: Set<String> = []

    public init(seed: UInt64, options: Options = Options()) {
        self.seed = seed
        self.options = options
        rng = SplitMix64(seed: seed ^ 0x5245_4845_4152_5341) // "REHEARSA"
        sessionRNG = SplitMix64(seed: seed ^ 0x5345_5353_494F_4E53) // "SESSIONS"
    }

    /// Set once `next` has returned nil: there is nothing left to do.
    public private(set) var isFinished = false

    /// The next command and who gives it, checked against `state`; nil when everything is
    /// final (or, with `signOff` off, fully marked). Call it again with the state after the
    /// returned command was executed.
    public mutating func next(state: VenueState, now: Date) -> (Command, Actor)? {
        guard state.competition != nil else { return nil }
        if !started { start(state) }
        if state.judges.count != judgeCount { indexJudges(state) }
        if let p = pending { pending = nil; complete(p, state: state) }
        if options.sessions, let proposal = sessionProposal(state, now: now) { return proposal }

        // Each pass either returns a proposal or retires some work, so this ends; the bound
        // only guards against a bug turning into a hang.
        for _ in 0..<100_000 {
            activate(state)
            if active.isEmpty && finalizing.isEmpty {
                isFinished = true
                return nil
            }
            if options.announcementRate > 0, rng.chance(options.announcementRate) || (!notices.isEmpty && rng.chance(0.05)),
               let (command, actor) = announcement(state, now: now), accept(command, actor, state, now) {
                if case .withdrawAnnouncement = command { counts.withdrawals += 1 } else { counts.announcements += 1 }
                pending = Pending(kind: .other)
                return (command, actor)
            }
            if let f = finalizing.first, counts.commands >= f.after || active.isEmpty, active.isEmpty || rng.chance(0.2) {
                finalizing.removeFirst()
                if state.status(f.key) == .final { continue }
                let command = Command.finalize(f.key)
                if accept(command, options.staff, state, now) {
                    pending = Pending(kind: .finalize(f.key))
                    return (command, options.staff)
                }
                continue
            }
            if active.isEmpty { continue }
            let i = active.count == 1 || rng.chance(0.4) ? 0 : rng.below(active.count)
            var plan = active.remove(at: i)
            guard let task = plan.take() else {
                // Nothing planned, yet not published: re-plan from the state.
                if replan(&plan, state) { active.insert(plan, at: i) }
                continue
            }
            switch makeCommand(task, &plan, state, now: now) {
            case let .run(command, actor, marks, judge):
                if accept(command, actor, state, now) {
                    pending = Pending(kind: .task(plan.key, task), marks: marks, judge: judge)
                    active.insert(plan, at: i)
                    return (command, actor)
                }
                if replan(&plan, state) { active.insert(plan, at: i) }
            case .skip:
                finish(task, &plan, state, executed: false)
                if plan.done { scheduleDirty = true } else { active.insert(plan, at: i) }
            case .replan:
                if replan(&plan, state) { active.insert(plan, at: i) }
            }
        }
        return nil
    }

    // MARK: - Agenda

    struct ModuleInfo: Sendable {
        var id: String
        var m: [Aspect]
        var j: [Aspect]
    }

    struct SkillInfo: Sendable {
        var id: String
        var name: String
        var panel: Int
        var modules: [ModuleInfo]
        var rounds: [Round]
        /// Non-chief judges assigned to the skill, in registration order.
        var judges: [String]
        var chief: String?
    }

    enum Task: Sendable {
        /// A judge's sheet for one competitor and one module.
        case sheet(competitor: String, module: Int, judge: String, marks: [MarkInput], judgement: Bool)
        /// One mark corrected, with a reason (judge nil: whoever fits).
        case correction(competitor: String, module: Int, judge: String?, reason: String)
        case remark(competitor: String, module: Int, aspect: String)
        case rescore(competitor: String, module: Int, aspect: String, judge: String, score: Int)
        case lock(module: Int)
        case unlock(module: Int)
        case freeze
        case publish

        /// The module whose outstanding work it is, if any.
        var module: Int? {
            switch self {
            case let .sheet(_, m, _, _, _), let .correction(_, m, _, _), let .remark(_, m, _), let .rescore(_, m, _, _, _): return m
            case .lock, .unlock, .freeze, .publish: return nil
            }
        }
    }

    struct RoundPlan: Sendable {
        var key: RoundKey
        var skill: SkillInfo
        var entrants: [String] = []
        /// Planned sheets, the next at the end: module by module, shuffled within a module.
        var primary: [Task] = []
        /// Work that follows from what happened, each due after some steps of this round.
        var followups: [(due: Int, task: Task)] = []
        /// Per module: sheets, corrections, re-mark requests and re-scores not done yet.
        var outstanding: [Int]
        /// "competitor|module" → judgement sheets still to come for that panel.
        var panelLeft: [String: Int] = [:]
        /// "competitor|aspect" → re-scores still to come after a re-mark request.
        var rescoresLeft: [String: Int] = [:]
        var reopened: Set<Int> = []
        var reopensPending = 0
        var publishQueued = false
        var freezeQueued = false
        var step = 0
        var replans = 0
        var done = false
        var impossible: String?

        init(key: RoundKey, skill: SkillInfo) {
            self.key = key; self.skill = skill
            outstanding = Array(repeating: 0, count: skill.modules.count)
        }

        /// The earliest follow-up once due (or when no sheet is left), else the next sheet.
        mutating func take() -> Task? {
            step += 1
            if !followups.isEmpty {
                var best = 0
                for k in 1..<followups.count where followups[k].due < followups[best].due { best = k }
                if followups[best].due <= step || primary.isEmpty { return followups.remove(at: best).task }
            }
            return primary.popLast()
        }

        mutating func follow(_ task: Task, after delay: Int) {
            followups.append((step + delay, task))
            if let m = task.module { outstanding[m] += 1 }
        }
    }

    struct Pending: Sendable {
        enum Kind: Sendable { case task(RoundKey, Task), finalize(RoundKey), other }
        var kind: Kind
        var marks: [MarkInput] = []
        var judge: String?
    }

    enum Step { case run(Command, Actor, [MarkInput], String?), skip, replan }

    // MARK: - Start

    private mutating func start(_ state: VenueState) {
        started = true
        indexJudges(state)
        var first: [RoundKey: (Date, Int)] = [:]
        for (i, s) in state.sessions.enumerated() {
            let key = RoundKey(skill: s.skill, round: s.round)
            if first[key] == nil || s.start < first[key]!.0 { first[key] = (s.start, first[key]?.1 ?? i) }
            if stationBySkill[s.skill] == nil { stationBySkill[s.skill] = s.station }
        }
        var keys: [(key: RoundKey, at: Date, index: Int)] = []
        var n = state.sessions.count
        for skill in state.skills where skill.kind == .official && !skill.modules.isEmpty && options.skills?.contains(skill.id) != false {
            for r in skill.rounds {
                let key = RoundKey(skill: skill.id, round: r.id)
                if let (at, i) = first[key] { keys.append((key, at, i)) } else { n += 1; keys.append((key, .distantFuture, n)) }
            }
        }
        keys.sort { ($0.at, $0.index) < ($1.at, $1.index) }
        schedule = keys.map(\.key)
    }

    private mutating func indexJudges(_ state: VenueState) {
        judgeCount = state.judges.count
        judgesBySkill = [:]
        for j in state.judges {
            for s in j.skills {
                if j.chief { if judgesBySkill[s]?.chief == nil { judgesBySkill[s, default: ([], nil)].chief = j.id } }
                else { judgesBySkill[s, default: ([], nil)].judges.append(j.id) }
            }
        }
        skillCache = [:]
    }

    private mutating func skillInfo(_ id: String, _ state: VenueState) -> SkillInfo? {
        if let s = skillCache[id] { return s }
        guard let skill = state.skills[id] else { return nil }
        let modules = skill.modules.map { m in
            ModuleInfo(id: m.id, m: m.aspects.filter { $0.type == .M }, j: m.aspects.filter { $0.type == .J })
        }
        let staff = judgesBySkill[id]
        let info = SkillInfo(id: id, name: skill.name.text(.zh), panel: skill.panel, modules: modules, rounds: skill.rounds,
                             judges: staff?.judges ?? [], chief: staff?.chief)
        skillCache[id] = info
        return info
    }

    /// Starts rounds in schedule order while there is room and the round before is published.
    private mutating func activate(_ state: VenueState) {
        guard scheduleDirty, active.count < options.concurrentRounds else { return }
        var i = 0
        while active.count < options.concurrentRounds, i < schedule.count {
            let key = schedule[i]
            switch state.status(key) {
            case .final:
                schedule.remove(at: i); continue
            case .published:
                schedule.remove(at: i)
                if options.signOff { finalizing.append((key, counts.commands + options.finalizeDelay)) }
                continue
            case .marking, .locked: break
            }
            guard let skill = skillInfo(key.skill, state) else { schedule.remove(at: i); continue }
            if let r = skill.rounds.firstIndex(where: { $0.id == key.round }), r > 0 {
                let before = state.status(RoundKey(skill: key.skill, round: skill.rounds[r - 1].id))
                if before != .published && before != .final { i += 1; continue }
            }
            schedule.remove(at: i)
            var plan = RoundPlan(key: key, skill: skill)
            build(&plan, state)
            if plan.impossible != nil { counts.stuckRounds += 1; continue }
            if !plan.done { active.append(plan) }
        }
        scheduleDirty = false
    }

    /// Re-plans a round from the state (after a refusal, a proposal that was not applied, or a
    /// stall). Returns false when the round is given up or finished.
    private mutating func replan(_ plan: inout RoundPlan, _ state: VenueState) -> Bool {
        let replans = plan.replans + 1
        var fresh = RoundPlan(key: plan.key, skill: plan.skill)
        fresh.replans = replans
        fresh.reopened = plan.reopened
        fresh.step = plan.step
        if replans > 5 { counts.stuckRounds += 1; scheduleDirty = true; return false }
        let status = state.status(plan.key)
        if status == .published || status == .final {
            if status == .published, options.signOff { finalizing.append((plan.key, counts.commands + options.finalizeDelay)) }
            scheduleDirty = true
            return false
        }
        build(&fresh, state)
        plan = fresh
        if plan.impossible != nil { counts.stuckRounds += 1; scheduleDirty = true; return false }
        if plan.done { scheduleDirty = true; return false }
        return true
    }

    /// Plans whatever the state shows is still to do in the round.
    private mutating func build(_ plan: inout RoundPlan, _ state: VenueState) {
        let skill = plan.skill
        let key = plan.key
        if options.signOff, skill.chief == nil { plan.impossible = "skill \(skill.id) has no chief judge"; return }
        let entrants = state.entrants(key)
        plan.entrants = entrants
        let marks = state.rounds[key]
        let allowOwn = state.competition?.judgeOwnDelegation ?? false
        var modulesTasks: [[Task]] = []
        for (mi, module) in skill.modules.enumerated() {
            var tasks: [Task] = []
            if marks?.lockedModules.contains(module.id) == true { modulesTasks.append([]); continue }
            for c in entrants {
                let sheet = marks?.sheets[c]
                let delegation = state.competitors[c]?.delegation ?? ""
                let missingM = module.m.filter { sheet?.measurements[$0.id] == nil }
                let measured = missingM.map { MarkInput(competitor: c, aspect: $0.id, value: .measurement(measure(c, $0))) }
                if module.j.isEmpty {
                    if !measured.isEmpty {
                        let judge = anyJudge(skill, avoiding: delegation, state)
                        tasks.append(.sheet(competitor: c, module: mi, judge: judge, marks: measured, judgement: false))
                    }
                    continue
                }
                // The panel: judges who already scored this module for c, then eligible others.
                var existing = Set<String>()
                for a in module.j { for j in (sheet?.judgements[a.id] ?? [:]).keys { existing.insert(j) } }
                var panel = existing.sorted()
                var eligible = skill.judges.filter { !existing.contains($0) && (allowOwn || state.judges[$0]?.delegation != delegation) }
                rng.shuffle(&eligible)
                if let chief = skill.chief, !existing.contains(chief), allowOwn || state.judges[chief]?.delegation != delegation {
                    eligible.insert(chief, at: 0) // the last resort: popLast takes the others first
                }
                while panel.count < skill.panel, let j = eligible.popLast() { panel.append(j) }
                if panel.count < skill.panel {
                    plan.impossible = "\(key): too few judges who may score \(c) for a panel of \(skill.panel)"
                    return
                }
                var byJudge: [[MarkInput]] = Array(repeating: [], count: panel.count)
                let disputed = existing.isEmpty && rng.chance(options.disputeRate) ? rng.below(module.j.count) : -1
                for (ai, a) in module.j.enumerated() {
                    let have = sheet?.judgements[a.id] ?? [:]
                    let need = panel.indices.filter { have[panel[$0]] == nil }
                    if need.isEmpty { continue }
                    var scores = judgementScores(c, count: need.count, existing: Array(have.values))
                    if ai == disputed, need.count == panel.count, need.count >= 2 { makeDispute(&scores) }
                    for (k, p) in need.enumerated() {
                        byJudge[p].append(MarkInput(competitor: c, aspect: a.id, value: .judgement(scores[k])))
                    }
                }
                var sheets = 0
                var first = true
                for (p, judge) in panel.enumerated() where !byJudge[p].isEmpty {
                    let sheetMarks = first ? measured + byJudge[p] : byJudge[p]
                    first = false
                    tasks.append(.sheet(competitor: c, module: mi, judge: judge, marks: sheetMarks, judgement: true))
                    sheets += 1
                }
                if first, !measured.isEmpty {
                    tasks.append(.sheet(competitor: c, module: mi, judge: panel[0], marks: measured, judgement: false))
                }
                if sheets > 0 {
                    plan.panelLeft["\(c)|\(mi)"] = sheets
                }
            }
            rng.shuffle(&tasks)
            plan.outstanding[mi] += tasks.count
            modulesTasks.append(tasks)
        }
        // Panels already complete but disputed (a restart): ask for re-marking again.
        for (mi, module) in skill.modules.enumerated() where !module.j.isEmpty && marks?.lockedModules.contains(module.id) != true {
            for c in entrants where plan.panelLeft["\(c)|\(mi)"] == nil {
                checkDisputes(c, mi, &plan, state)
            }
        }
        plan.primary = modulesTasks.reversed().flatMap { $0.reversed() }
        for mi in skill.modules.indices where plan.outstanding[mi] == 0 { moduleDone(mi, &plan, state) }
        roundCheck(&plan, state)
    }

    // MARK: - Marks

    private mutating func abilityOf(_ c: String) -> Double {
        if let a = ability[c] { return a }
        let a = 0.35 + 0.6 * rng.unit()
        ability[c] = a
        return a
    }

    /// A measurement mark: the competitor's ability with some noise, in steps of 0.25, or full marks.
    private mutating func measure(_ c: String, _ a: Aspect) -> Fixed2 {
        let theta = abilityOf(c)
        if rng.chance(theta * 0.3) { return a.max }
        let q = min(1, max(0, theta + (rng.unit() - 0.5) * 0.35))
        let quarters = (Double(a.max.hundredths) * q / 25).rounded()
        return Fixed2(hundredths: min(a.max.hundredths, Int64(quarters) * 25))
    }

    /// `count` agreeing judgement scores (all within one of each other and of `existing`).
    private mutating func judgementScores(_ c: String, count: Int, existing: [Int]) -> [Int] {
        let base: Int
        var up = 0.4
        if let lo = existing.min(), let hi = existing.max() {
            if hi - lo >= 1 { base = lo; up = 0.5 } else { base = min(lo, 2); up = lo == 3 ? 1 : 0.4 }
        } else {
            let theta = abilityOf(c)
            base = min(2, max(0, Int((theta * 3.2 - 0.6 + (rng.unit() - 0.5)).rounded(.down))))
        }
        return (0..<count).map { _ in min(3, base + (rng.chance(up) ? 1 : 0)) }
    }

    /// One judge 2 off the others.
    private mutating func makeDispute(_ scores: inout [Int]) {
        let base = min(2, scores.min()!)
        for k in scores.indices { scores[k] = base == 2 ? 2 : min(max(scores[k], base), base + 1) }
        let outlier = rng.below(scores.count)
        let other = outlier == 0 ? 1 : 0
        scores[other] = base
        scores[outlier] = base <= 1 ? base + 2 : 0
    }

    private mutating func anyJudge(_ skill: SkillInfo, avoiding delegation: String, _ state: VenueState) -> String {
        let others = skill.judges.filter { state.judges[$0]?.delegation != delegation }
        if !others.isEmpty { return rng.pick(others) }
        if !skill.judges.isEmpty { return rng.pick(skill.judges) }
        return skill.chief ?? ""
    }

    private func actor(_ judge: String, _ skill: SkillInfo) -> Actor {
        Actor(judge == skill.chief ? .chief : .judge, judge)
    }

    // MARK: - Commands

    private static let correctionReasons = ["录入错误，更正为实际测量值", "复核测量数据后更正", "笔误更正", "复看作品后调整评分", "与现场记录核对后更正"]
    private static let unlockReasons = ["选手申诉，复核测量数据", "裁判长复核发现录入错误", "监督仲裁组要求复查"]
    private static let remarkNotes = ["评分差异超过1分，请复评", "请评分组重新评价该项", "评分分歧较大，请复议"]
    private static let rescoreReason = "按裁判长要求复评"

    private mutating func makeCommand(_ task: Task, _ plan: inout RoundPlan, _ state: VenueState, now: Date) -> Step {
        let key = plan.key
        let skill = plan.skill
        let marks = state.rounds[key]
        switch task {
        case let .sheet(_, _, judge, sheet, _):
            return .run(.submitMarks(skill: key.skill, round: key.round, marks: sheet, reason: nil), actor(judge, skill), sheet, judge)

        case let .correction(c, m, judge, reason):
            let module = skill.modules[m]
            guard marks?.lockedModules.contains(module.id) != true else { return .skip }
            let sheet = marks?.sheets[c]
            var options: [(judge: String, mark: MarkInput)] = []
            for a in module.m {
                guard let old = sheet?.measurements[a.id] else { continue }
                var v = old.hundredths + Int64(rng.within(1...4)) * 25 * (rng.chance(0.5) ? 1 : -1)
                v = min(a.max.hundredths, max(0, v))
                if v == old.hundredths { v = old.hundredths == 0 ? min(a.max.hundredths, 25) : 0 }
                let who = judge ?? anyJudge(skill, avoiding: state.competitors[c]?.delegation ?? "", state)
                options.append((who, MarkInput(competitor: c, aspect: a.id, value: .measurement(Fixed2(hundredths: v)))))
            }
            for a in module.j {
                guard let scores = sheet?.judgements[a.id], sheet?.disputed.contains(a.id) != true,
                      marks?.remarkRequests[c]?.contains(a.id) != true else { continue }
                for j in scores.keys.sorted() where judge == nil || judge == j {
                    let others = scores.filter { $0.key != j }.map(\.value)
                    let old = scores[j]!
                    let fits = (0...3).filter { v in v != old && (others.isEmpty || (max(others.max()!, v) - min(others.min()!, v) <= 1)) }
                    if !fits.isEmpty { options.append((j, MarkInput(competitor: c, aspect: a.id, value: .judgement(rng.pick(fits))))) }
                }
            }
            guard !options.isEmpty else { return .skip }
            let (who, mark) = rng.pick(options)
            return .run(.submitMarks(skill: key.skill, round: key.round, marks: [mark], reason: reason), actor(who, skill), [mark], who)

        case let .remark(c, _, a):
            guard marks?.sheets[c]?.disputed.contains(a) == true, let chief = skill.chief else { return .skip }
            return .run(.requestRemark(skill: key.skill, round: key.round, competitor: c, aspect: a, note: rng.pick(Self.remarkNotes)),
                        Actor(.chief, chief), [], chief)

        case let .rescore(c, _, a, judge, score):
            guard let old = marks?.sheets[c]?.judgements[a]?[judge], old != score else { return .skip }
            let asked = marks?.remarkRequests[c]?.contains(a) == true
            let mark = MarkInput(competitor: c, aspect: a, value: .judgement(score))
            return .run(.submitMarks(skill: key.skill, round: key.round, marks: [mark], reason: asked ? nil : Self.rescoreReason),
                        actor(judge, skill), [mark], judge)

        case let .lock(m):
            guard marks?.lockedModules.contains(skill.modules[m].id) != true else { return .skip }
            guard let chief = skill.chief else { return .replan }
            return .run(.lockModule(skill: key.skill, round: key.round, module: skill.modules[m].id), Actor(.chief, chief), [], chief)

        case let .unlock(m):
            guard marks?.lockedModules.contains(skill.modules[m].id) == true, state.status(key) != .final else { return .skip }
            return .run(.unlockModule(skill: key.skill, round: key.round, module: skill.modules[m].id, reason: rng.pick(Self.unlockReasons)),
                        self.options.staff, [], nil)

        case .freeze:
            let status = state.status(key)
            guard state.competition?.resultsPolicy == .live, marks?.frozenAt == nil, status == .marking || status == .locked else { return .skip }
            return .run(.freeze(key), self.options.staff, [], nil)

        case .publish:
            switch state.status(key) {
            case .locked: return .run(.publish(key), self.options.staff, [], nil)
            case .published, .final: return .skip
            case .marking: return .replan
            }
        }
    }

    /// Checks a proposal as the venue will; counts a refusal.
    private mutating func accept(_ command: Command, _ actor: Actor, _ state: VenueState, _ now: Date) -> Bool {
        do {
            _ = try Decide.decide(command, on: state, by: actor, now: now)
            counts.commands += 1
            return true
        } catch {
            counts.refusals += 1
            counts.lastRefusal = "\(actor): \(error.message)"
            return false
        }
    }

    // MARK: - Completion

    private mutating func complete(_ p: Pending, state: VenueState) {
        switch p.kind {
        case .other:
            return
        case let .finalize(key):
            if state.status(key) == .final { counts.finalizations += 1 } else { counts.notApplied += 1; finalizing.insert((key, 0), at: 0) }
        case let .task(key, task):
            guard let i = active.firstIndex(where: { $0.key == key }) else { return }
            var plan = active.remove(at: i)
            if applied(task, p, plan, state) {
                finish(task, &plan, state, executed: true)
            } else {
                counts.notApplied += 1
                if !replan(&plan, state) { return }
            }
            if plan.done { scheduleDirty = true } else { active.insert(plan, at: i) }
        }
    }

    private func applied(_ task: Task, _ p: Pending, _ plan: RoundPlan, _ state: VenueState) -> Bool {
        let marks = state.rounds[plan.key]
        switch task {
        case .sheet, .correction, .rescore:
            for m in p.marks {
                let sheet = marks?.sheets[m.competitor]
                switch m.value {
                case let .measurement(v): if sheet?.measurements[m.aspect] != v { return false }
                case let .judgement(j): if sheet?.judgements[m.aspect]?[p.judge ?? ""] != j { return false }
                }
            }
            return true
        case let .remark(c, _, a): return marks?.remarkRequests[c]?.contains(a) == true
        case let .lock(m): return marks?.lockedModules.contains(plan.skill.modules[m].id) == true
        case let .unlock(m): return marks?.lockedModules.contains(plan.skill.modules[m].id) != true
        case .freeze: return marks?.frozenAt != nil
        case .publish: return marks?.published == true
        }
    }

    /// Books a task as done (`executed`: its command was applied) and plans what follows from it.
    private mutating func finish(_ task: Task, _ plan: inout RoundPlan, _ state: VenueState, executed: Bool) {
        let n = executed ? 1 : 0
        switch task {
        case let .sheet(c, m, judge, marks, judgement):
            counts.sheets += n
            counts.marks += executed ? marks.count : 0
            if judgement {
                let k = "\(c)|\(m)"
                let left = (plan.panelLeft[k] ?? 1) - 1
                plan.panelLeft[k] = left > 0 ? left : nil
                if left <= 0 { checkDisputes(c, m, &plan, state) }
            }
            if executed, rng.chance(options.correctionRate) {
                plan.follow(.correction(competitor: c, module: m, judge: judge, reason: rng.pick(Self.correctionReasons)),
                            after: rng.within(5...40))
            }
            if plan.primary.isEmpty, !plan.freezeQueued, state.competition?.resultsPolicy == .live {
                plan.freezeQueued = true
                plan.follow(.freeze, after: rng.within(1...10))
            }
            workDone(m, &plan, state)
        case .correction(_, let m, _, _):
            counts.corrections += n
            counts.marks += n
            workDone(m, &plan, state)
        case let .remark(c, m, a):
            counts.remarks += n
            if executed, let scores = state.rounds[plan.key]?.sheets[c]?.judgements[a] {
                let fixes = rescores(scores)
                for (judge, score) in fixes {
                    plan.follow(.rescore(competitor: c, module: m, aspect: a, judge: judge, score: score), after: rng.within(1...8))
                }
                if !fixes.isEmpty { plan.rescoresLeft["\(c)|\(a)"] = fixes.count }
            }
            workDone(m, &plan, state)
        case let .rescore(c, m, a, _, _):
            counts.rescores += n
            counts.marks += n
            let k = "\(c)|\(a)"
            let left = (plan.rescoresLeft[k] ?? 1) - 1
            plan.rescoresLeft[k] = left > 0 ? left : nil
            if left <= 0 { checkDisputes(c, m, &plan, state) }
            workDone(m, &plan, state)
        case let .lock(m):
            counts.locks += n
            if executed, options.reopenRate > 0, !plan.reopened.contains(m), rng.chance(options.reopenRate) {
                plan.reopened.insert(m)
                plan.reopensPending += 1
                plan.follow(.unlock(module: m), after: rng.within(2...15))
            }
            roundCheck(&plan, state)
        case let .unlock(m):
            counts.unlocks += n
            plan.reopensPending -= 1
            if executed, !plan.entrants.isEmpty {
                plan.follow(.correction(competitor: rng.pick(plan.entrants), module: m, judge: nil, reason: rng.pick(Self.correctionReasons)),
                            after: rng.within(1...3))
            } else {
                moduleDone(m, &plan, state)
            }
            roundCheck(&plan, state)
        case .freeze:
            counts.freezes += n
        case .publish:
            counts.publications += n
            plan.done = true
            if options.signOff { finalizing.append((plan.key, counts.commands + options.finalizeDelay)) }
            if executed, rng.chance(0.6) {
                let round = plan.skill.rounds.first { $0.id == plan.key.round }?.name.text(.zh) ?? plan.key.round
                notices.append("\(plan.skill.name)赛项\(round)成绩已公布，请关注大屏")
            }
        }
        if !options.signOff, !plan.done, plan.primary.isEmpty, plan.followups.isEmpty, plan.outstanding.allSatisfy({ $0 == 0 }) {
            plan.done = true
        }
    }

    /// Which judges score again, and what, so that the panel's scores end within one of each other:
    /// the window {t, t+1} holding most scores; the others move to its nearer edge.
    private func rescores(_ scores: [String: Int]) -> [(String, Int)] {
        let sorted = scores.sorted { $0.key < $1.key }
        var best = 0, bestCount = -1
        for t in 0...2 {
            let n = sorted.filter { $0.value == t || $0.value == t + 1 }.count
            if n > bestCount { best = t; bestCount = n }
        }
        return sorted.compactMap { j, s in
            s < best ? (j, best) : s > best + 1 ? (j, best + 1) : nil
        }
    }

    /// After a panel completes (or re-scores arrive): the chief asks for re-marking of each
    /// disputed aspect of the module.
    private mutating func checkDisputes(_ c: String, _ m: Int, _ plan: inout RoundPlan, _ state: VenueState) {
        guard let sheet = state.rounds[plan.key]?.sheets[c], !sheet.disputed.isEmpty else { return }
        for a in plan.skill.modules[m].j where sheet.disputed.contains(a.id) && plan.rescoresLeft["\(c)|\(a.id)"] == nil {
            counts.disputes += 1
            plan.follow(.remark(competitor: c, module: m, aspect: a.id), after: rng.within(1...6))
        }
    }

    private mutating func workDone(_ m: Int, _ plan: inout RoundPlan, _ state: VenueState) {
        plan.outstanding[m] -= 1
        if plan.outstanding[m] == 0 { moduleDone(m, &plan, state) }
    }

    /// Everything of a module is marked: the chief signs it off.
    private mutating func moduleDone(_ m: Int, _ plan: inout RoundPlan, _ state: VenueState) {
        guard options.signOff, state.rounds[plan.key]?.lockedModules.contains(plan.skill.modules[m].id) != true else { return }
        plan.follow(.lock(module: m), after: rng.within(1...10))
    }

    /// Every module signed off and no reopening planned: staff publish.
    private mutating func roundCheck(_ plan: inout RoundPlan, _ state: VenueState) {
        guard options.signOff, !plan.publishQueued, plan.reopensPending == 0 else { return }
        let locked = state.rounds[plan.key]?.lockedModules ?? []
        guard plan.skill.modules.allSatisfy({ locked.contains($0.id) }) else { return }
        plan.publishQueued = true
        plan.follow(.publish, after: rng.within(1...10))
    }

    // MARK: - Sessions

    /// The next session command that is due at `now`, checked like any proposal.
    private mutating func sessionProposal(_ state: VenueState, now: Date) -> (Command, Actor)? {
        if sessionQueue.isEmpty {
            guard now >= nextSessionScan else { return nil }
            nextSessionScan = now.addingTimeInterval(Self.sessionScanInterval)
            sessionQueue = dueSessionCommands(state, now: now)
        }
        while !sessionQueue.isEmpty {
            let command = sessionQueue.removeFirst()
            guard accept(command, options.staff, state, now) else { continue }
            switch command {
            case .startSession: counts.sessionStarts += 1
            case .finishSession: counts.sessionFinishes += 1
            default: counts.sessionDelays += 1
            }
            pending = Pending(kind: .other)
            return (command, options.staff)
        }
        return nil
    }

    /// What staff would do about the schedule at `now`, in definition order.
    private mutating func dueSessionCommands(_ state: VenueState, now: Date) -> [Command] {
        var commands: [Command] = []
        var taken = Set(state.sessionStates.filter { $0.status == .live }.map { $0.site + "|" + $0.station })
        for s in state.sessionStates {
            switch s.status {
            case .scheduled:
                guard s.effectiveEnd > now else { continue } // over before the rehearsal began
                let lead = s.effectiveStart.timeIntervalSince(now)
                if lead > 0 {
                    if lead <= 15 * 60, !delayConsidered.contains(s.id) {
                        delayConsidered.insert(s.id)
                        if sessionRNG.chance(options.sessionDelayRate) {
                            commands.append(.delaySession(s.id, minutes: sessionRNG.pick([5, 10, 15, 20, 30])))
                        }
                    }
                } else if !taken.contains(s.site + "|" + s.station) {
                    taken.insert(s.site + "|" + s.station)
                    commands.append(.startSession(s.id))
                }
            case .live:
                let left = s.effectiveEnd.timeIntervalSince(now)
                if left <= 0 {
                    commands.append(.finishSession(s.id))
                } else if left <= 10 * 60, !overrunConsidered.contains(s.id) {
                    overrunConsidered.insert(s.id)
                    if sessionRNG.chance(options.sessionDelayRate / 2) { commands.append(.delaySession(s.id, minutes: sessionRNG.pick([10, 15, 20]))) }
                }
            case .finished, .cancelled:
                continue
            }
        }
        return commands
    }

    // MARK: - Announcements

    private mutating func announcement(_ state: VenueState, now: Date) -> (Command, Actor)? {
        if state.announcements.count > 4, rng.chance(0.5), let oldest = state.announcements.items.first {
            return (.withdrawAnnouncement(id: oldest.id), options.staff)
        }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = state.timeZone
        func clock(_ d: Date) -> String {
            let c = cal.dateComponents([.hour, .minute], from: d)
            return String(format: "%d:%02d", c.hour ?? 0, c.minute ?? 0)
        }
        // A time a little ahead, on the ten minutes.
        let soonSeconds = (now.timeIntervalSince1970 / 600).rounded(.up) * 600 + Double(rng.within(2...6)) * 600
        let soon = clock(Date(timeIntervalSince1970: soonSeconds))
        let skill = active.isEmpty ? nil : rng.pick(active).skill
        let station = skill.flatMap { stationBySkill[$0.id] } ?? "综合楼"
        let name = skill?.name ?? "各"
        var text: String
        if !notices.isEmpty {
            text = notices.removeFirst()
        } else {
            switch rng.below(9) {
            case 0, 1: text = "请\(name)赛项选手于\(soon)前到达\(station)检录"
            case 2: text = "\(name)赛项正在\(station)进行，欢迎观众文明观赛"
            case 3: text = "午餐供应时间为11:30—13:00，请各代表队凭餐券有序就餐"
            case 4: text = "请观众勿越过黄线，勿触碰选手工位及设备"
            case 5:
                guard let closing = state.competition?.closing else { return nil }
                let d = cal.dateComponents([.month, .day], from: closing)
                let site = state.sites.items.first?.name.text(.zh) ?? "主赛区"
                text = "闭幕式将于\(d.month ?? 0)月\(d.day ?? 0)日\(clock(closing))在\(site)举行，请各代表队提前30分钟入场"
            case 6: text = "请各代表队领队于\(soon)到综合楼会议室参加领队会"
            case 7: text = "失物招领：\(station)拾到工作证一张，请失主到服务台认领"
            default: text = "赛场内请保持安静，请将手机调至静音"
            }
        }
        let priority: Priority = rng.chance(0.03) ? .urgent : rng.chance(0.12) ? .high : .normal
        let until = rng.chance(0.5) ? now.addingTimeInterval(Double(rng.within(3...18)) * 600) : nil
        return (.announce(text: text, priority: priority, until: until), options.staff)
    }
}
