import Foundation

/// A skill's marking scheme, flattened for the fold: aspects numbered 0..<aspectCount in scheme
/// order (module by module), each with its module and maximum.
public final class SkillScheme: Sendable {
    public let skill: Skill
    /// Aspect id → flat index.
    let aspects: IdTable
    let moduleOf: [Int]
    let maxHundredths: [Int64]
    let aspectCount: Int
    let moduleCount: Int
    let panel: Int
    /// 3 × panel: judgement marks of a full panel are kept as Σscores × max (hundredths), which
    /// this divides exactly (a mark is Σscores / (3 × panel) × max). 1 for a panel below 1.
    let den: Int64

    public init(_ skill: Skill) {
        self.skill = skill
        var table = IdTable(), moduleOf: [Int] = [], maxima: [Int64] = []
        for (mi, m) in skill.modules.enumerated() {
            for a in m.aspects where table.index(a.id) == nil {
                table.intern(a.id)
                moduleOf.append(mi)
                maxima.append(a.max.hundredths)
            }
        }
        aspects = table
        self.moduleOf = moduleOf
        maxHundredths = maxima
        aspectCount = moduleOf.count
        moduleCount = skill.modules.count
        panel = skill.panel
        den = skill.panel > 0 ? Int64(skill.panel) * 3 : 1
    }

    /// Whether marks kept under `other` land on the same aspects, modules and maxima.
    func sameLayout(as other: SkillScheme) -> Bool {
        aspects.ids == other.aspects.ids && moduleOf == other.moduleOf && maxHundredths == other.maxHundredths
            && panel == other.panel && moduleCount == other.moduleCount
    }
}

/// One judge's latest score on an aspect.
struct JudgeScore: Sendable, Equatable {
    var judge: Int32
    var score: Int
}

/// An aspect's outcome as the fold keeps it: `AspectOutcome` with its mark held as an integer
/// in one of three lanes, so sums stay integers.
struct KeptOutcome: Sendable, Equatable {
    enum Kind: UInt8, Sendable { case missing, mark, incomplete, disputed }
    enum Lane: UInt8, Sendable {
        /// A measurement: `num` hundredths.
        case hundredths
        /// A judgement of exactly a full panel: `num` = Σscores × max in hundredths, over 3 × panel.
        case panel
        /// A judgement with more scores than the panel: exactly `exact` (marks).
        case exact
    }
    var kind = Kind.missing
    /// have (incomplete panel) or spread (disputed).
    var detail = 0
    var lane = Lane.hundredths
    var num: Int64 = 0
    var exact = Rational.zero

    var counts: Bool { kind == .mark }

    /// Scoring's outcome for the same marks (`Scoring.measurement` / `Scoring.judgement`).
    func outcome(panel: Int) -> AspectOutcome {
        switch kind {
        case .missing: return .missing
        case .incomplete: return .incompletePanel(have: detail, need: panel)
        case .disputed: return .disputed(spread: detail)
        case .mark:
            switch lane {
            case .hundredths: return .mark(Rational(num, 100))
            case .panel: return .mark(Rational(num, Rational.checkedMul(Int64(panel), 300)))
            case .exact: return .mark(exact)
            }
        }
    }
}

/// One aspect of a sheet: the latest measurement (hundredths, `Sheet.none`: none), the latest
/// score of each judge (in the order judges first scored it), and the outcome they make.
struct AspectSlot: Sendable {
    var measured = Sheet.none
    var scores: [JudgeScore] = []
    var outcome = KeptOutcome()
}

/// A module's exact sum in the three lanes: hundredths; Σscores × max over 3 × panel; exact.
struct ModuleSum: Sendable {
    var hundredths: Int64 = 0
    var panel: Int64 = 0
    var exact = Rational.zero
}

/// The marks one competitor has in one round and the total they make, by aspect index. A mark
/// recomputes its own aspect's outcome, then moves the difference into its module's sum and the
/// total: integer additions, one division each for the two roundings.
struct Sheet: Sendable {
    /// Whether any mark has reached this competitor in this round.
    var exists = false
    var aspects: [AspectSlot] = []
    var sums: [ModuleSum] = []
    /// Each module's exact sum rounded half up.
    var moduleTotals: [Fixed2] = []
    var total = ModuleSum()
    /// The exact raw total rounded half up, once.
    var rawRounded = Fixed2.zero
    /// Aspects that count (complete, not disputed).
    var counting = 0

    static let none = Int64.min

    mutating func start(_ scheme: SkillScheme) {
        exists = true
        aspects = Array(repeating: AspectSlot(), count: scheme.aspectCount)
        sums = Array(repeating: ModuleSum(), count: scheme.moduleCount)
        moduleTotals = Array(repeating: .zero, count: scheme.moduleCount)
    }

    /// Some aspect does not count yet (missing, incomplete panel or disputed).
    func provisional(_ scheme: SkillScheme) -> Bool { counting < scheme.aspectCount }

    mutating func apply(aspect a: Int, judge: Int32, value: MarkValue, scheme: SkillScheme) {
        var new = KeptOutcome()
        switch value {
        case let .measurement(v):
            aspects[a].measured = v.hundredths
            new.kind = .mark
            new.num = v.hundredths
        case let .judgement(j):
            new = Sheet.judged(&aspects[a].scores, judge: judge, score: j, max: scheme.maxHundredths[a], panel: scheme.panel)
        }
        let old = aspects[a].outcome
        aspects[a].outcome = new
        counting += (new.counts ? 1 : 0) - (old.counts ? 1 : 0)
        let m = scheme.moduleOf[a]
        if old.counts { Sheet.add(old, to: &sums[m], and: &total, sign: -1) }
        if new.counts { Sheet.add(new, to: &sums[m], and: &total, sign: 1) }
        moduleTotals[m] = Sheet.rounded(sums[m], den: scheme.den)
        rawRounded = Sheet.rounded(total, den: scheme.den)
    }

    /// Records the judge's score and returns the aspect's outcome: `Scoring.judgement`, on integers.
    private static func judged(_ scores: inout [JudgeScore], judge: Int32, score: Int, max: Int64, panel: Int) -> KeptOutcome {
        var found = false
        var lo = score, hi = score, sum = 0
        for k in scores.indices {
            if scores[k].judge == judge { scores[k].score = score; found = true }
            let s = scores[k].score
            if s < lo { lo = s }
            if s > hi { hi = s }
            sum += s
        }
        if !found { scores.append(JudgeScore(judge: judge, score: score)); sum += score }
        var o = KeptOutcome()
        let count = scores.count
        if hi - lo > 1 {
            o.kind = .disputed; o.detail = hi - lo
        } else if count < panel {
            o.kind = .incomplete; o.detail = count
        } else {
            o.kind = .mark
            let n = Rational.checkedMul(Int64(sum), max)
            if count == panel {
                o.lane = .panel; o.num = n
            } else {
                o.lane = .exact; o.exact = Rational(n, Rational.checkedMul(Int64(count), 300))
            }
        }
        return o
    }

    private static func add(_ o: KeptOutcome, to module: inout ModuleSum, and total: inout ModuleSum, sign: Int64) {
        switch o.lane {
        case .hundredths:
            let v = Rational.checkedMul(o.num, sign)
            module.hundredths = Rational.checkedAdd(module.hundredths, v)
            total.hundredths = Rational.checkedAdd(total.hundredths, v)
        case .panel:
            let v = Rational.checkedMul(o.num, sign)
            module.panel = Rational.checkedAdd(module.panel, v)
            total.panel = Rational.checkedAdd(total.panel, v)
        case .exact:
            let v = sign < 0 ? -o.exact : o.exact
            module.exact += v
            total.exact += v
        }
    }

    /// The exact value of hundredths + panel / den (hundredths) + exact (marks), in marks.
    static func exactValue(_ x: ModuleSum, den: Int64) -> Rational {
        Rational(Rational.checkedAdd(Rational.checkedMul(x.hundredths, den), x.panel), Rational.checkedMul(den, 100)) + x.exact
    }

    /// That value rounded half up to hundredths (`Rational.roundedHalfUp`: ⌊100x + ½⌋); on
    /// integers alone when no exact part is present.
    static func rounded(_ x: ModuleSum, den: Int64) -> Fixed2 {
        guard x.exact.isZero else { return exactValue(x, den: den).roundedHalfUp() }
        // 100x = (hundredths·den + panel) / den; ⌊100x + ½⌋ = ⌊(2·(hundredths·den + panel) + den) / 2den⌋.
        let n = Rational.checkedAdd(Rational.checkedMul(Rational.checkedAdd(Rational.checkedMul(x.hundredths, den), x.panel), 2), den)
        let d = den * 2
        var q = n / d
        if n % d != 0 && n < 0 { q -= 1 }
        return Fixed2(hundredths: q)
    }

    /// The same total as `Scoring.total(modules:)` over the outcomes.
    func total(_ scheme: SkillScheme) -> Scoring.Total {
        Scoring.Total(raw: Sheet.exactValue(total, den: scheme.den), rawRounded: rawRounded,
                      moduleTotals: moduleTotals, provisional: provisional(scheme))
    }
}

/// Everything marked in one round of one skill: sheets by competitor index.
struct RoundBook: Sendable {
    /// Whether any event has touched the round (a round never touched shows as nil).
    var opened = false
    var sheets: [Sheet] = []
    /// Sheets that exist (a mark reached them).
    var sheetCount = 0
    var lockedModules: Set<String> = []
    var published = false
    var finalized = false
    var frozenAt: UInt64?
    var frozenStandings: [StandingEntry]?
    /// Re-mark requests still open: competitor → aspects.
    var remarkRequests: [String: Set<String>] = [:]

    func sheet(_ c: Int) -> Sheet? { c < sheets.count && sheets[c].exists ? sheets[c] : nil }
}

/// A skill's competitors and rounds as indices, and each round's marks.
struct SkillBook: Sendable {
    /// Nil until the skill is defined (events for an undefined skill still open a round).
    var scheme: SkillScheme?
    /// Competitors by index: registered ones, and any other id a mark named.
    var competitors = IdTable()
    /// Entrants of the first round, in registration order (`VenueState.competitorsBySkill`).
    var registered: [Int] = []
    /// Each competitor's delegation as last registered ("" for an id only a mark named).
    var delegations: [String] = []
    var rounds = IdTable()
    var books: [RoundBook] = []
}

/// The marks and publication state of every round, with every id interned to an index when it
/// is defined (or first named), so a mark is folded by array indexing. Internal to the fold:
/// `VenueState.rounds` shows it by id.
struct MarksBook: Sendable {
    var skillIDs = IdTable()
    var skills: [SkillBook] = []
    var judges = IdTable()

    mutating func skillIndex(_ id: String) -> Int {
        let i = skillIDs.intern(id)
        if i == skills.count { skills.append(SkillBook()) }
        return i
    }

    func find(_ key: RoundKey) -> (skill: Int, round: Int)? {
        guard let s = skillIDs.index(key.skill), let r = skills[s].rounds.index(key.round) else { return nil }
        return (s, r)
    }

    func round(_ key: RoundKey) -> RoundBook? {
        guard let (s, r) = find(key), r < skills[s].books.count, skills[s].books[r].opened else { return nil }
        return skills[s].books[r]
    }

    mutating func define(_ skill: Skill) {
        let s = skillIndex(skill.id)
        let scheme = SkillScheme(skill)
        for r in skill.rounds { skills[s].rounds.intern(r.id) }
        let old = skills[s].scheme
        skills[s].scheme = scheme
        if let old, !old.sameLayout(as: scheme) { refold(skill: s, from: old) }
    }

    /// A skill redefined with another layout (only a hand-made log does this: a definition is
    /// given once): each sheet is folded again from its kept marks, aspect by id.
    private mutating func refold(skill s: Int, from old: SkillScheme) {
        let scheme = skills[s].scheme!
        for r in skills[s].books.indices {
            var book = skills[s].books[r]
            for c in book.sheets.indices where book.sheets[c].exists {
                let before = book.sheets[c]
                var sheet = Sheet()
                sheet.start(scheme)
                for (oa, id) in old.aspects.ids.enumerated() {
                    guard let a = scheme.aspects.index(id) else { continue }
                    let slot = before.aspects[oa]
                    if slot.measured != Sheet.none {
                        sheet.apply(aspect: a, judge: -1, value: .measurement(Fixed2(hundredths: slot.measured)), scheme: scheme)
                    }
                    for js in slot.scores { sheet.apply(aspect: a, judge: js.judge, value: .judgement(js.score), scheme: scheme) }
                }
                book.sheets[c] = sheet
            }
            skills[s].books[r] = book
        }
    }

    /// A competitor registered; `first` when the venue has not seen the id before (it then
    /// enters the skill's first round).
    mutating func register(competitor id: String, skill: String, delegation: String, first: Bool) {
        let s = skillIndex(skill)
        let c = internCompetitor(id, skill: s)
        if first { skills[s].registered.append(c) }
        // Standings show the competitor's current delegation wherever the id stands.
        for k in skills.indices { if let i = skills[k].competitors.index(id) { skills[k].delegations[i] = delegation } }
    }

    private mutating func internCompetitor(_ id: String, skill s: Int) -> Int {
        let c = skills[s].competitors.intern(id)
        if c == skills[s].delegations.count { skills[s].delegations.append("") }
        return c
    }

    mutating func register(judge id: String) { judges.intern(id) }

    /// Changes a round's book, opening it if need be.
    mutating func update(_ key: RoundKey, _ change: (inout RoundBook) -> Void) {
        let s = skillIndex(key.skill)
        let r = skills[s].rounds.intern(key.round)
        openBook(s, r)
        change(&skills[s].books[r])
    }

    private mutating func openBook(_ s: Int, _ r: Int) {
        while skills[s].books.count <= r { skills[s].books.append(RoundBook()) }
        skills[s].books[r].opened = true
    }

    /// A mark event as decoded. A mark for an undefined skill is ignored; ids not seen before
    /// are interned (Decide never lets one through, but the fold takes what the log holds).
    mutating func apply(_ m: MarkEntry) {
        guard let s = skillIDs.index(m.skill), let scheme = skills[s].scheme else { return }
        let r = skills[s].rounds.intern(m.round)
        let c = internCompetitor(m.competitor, skill: s)
        let j = judges.intern(m.judge)
        apply(skill: s, round: r, competitor: c, aspect: scheme.aspects.index(m.aspect), judge: j, value: m.value, scheme: scheme)
    }

    private mutating func apply(skill s: Int, round r: Int, competitor c: Int, aspect a: Int?, judge j: Int, value: MarkValue, scheme: SkillScheme) {
        openBook(s, r)
        // The competitor's id is only needed to close a re-mark request.
        let competitorID = skills[s].books[r].remarkRequests.isEmpty ? nil : skills[s].competitors.ids[c]
        skills[s].books[r].apply(competitor: c, id: competitorID, aspect: a, judge: Int32(j), value: value, scheme: scheme)
    }

    /// A mark event straight from its body bytes (`MarkEntry`'s wire form), when every id in it
    /// is already interned: no `String` is built. False, with nothing changed, for anything else
    /// (a new id, a damaged body): the caller then decodes the event in full.
    mutating func applyMarkBody(_ body: [UInt8]) -> Bool {
        var r = WireReader(body)
        let found: (Int, Int, Int, Int, Int, MarkValue, SkillScheme)?
        do {
            let skill = try r.stringSpan(), round = try r.stringSpan(), competitor = try r.stringSpan()
            let aspect = try r.stringSpan(), judge = try r.stringSpan()
            let value: MarkValue
            switch try r.byte() {
            case 0: value = .measurement(try r.fixed())
            case 1: value = .judgement(try r.intValue())
            default: return false
            }
            if try r.bool() {
                let reason = try r.stringSpan()
                guard body.withUnsafeBytes({ WireReader.isValidUTF8(UnsafeRawBufferPointer(rebasing: $0[reason])) }) else { return false }
            }
            found = body.withUnsafeBytes { raw in
                locate(raw, skill: skill, round: round, competitor: competitor, aspect: aspect, judge: judge).map { ($0.0, $0.1, $0.2, $0.3, $0.4, value, $0.5) }
            }
        } catch {
            return false
        }
        guard let (s, ro, c, a, j, value, scheme) = found else { return false }
        apply(skill: s, round: ro, competitor: c, aspect: a, judge: j, value: value, scheme: scheme)
        return true
    }
}

extension MarksBook {
    /// The indices of a mark's ids (byte ranges of `raw`), if all are interned.
    private func locate(_ raw: UnsafeRawBufferPointer, skill: Range<Int>, round: Range<Int>, competitor: Range<Int>,
                        aspect: Range<Int>, judge: Range<Int>) -> (Int, Int, Int, Int, Int, SkillScheme)? {
        func bytes(_ span: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: raw[span]) }
        guard let s = skillIDs.index(bytes: bytes(skill)) else { return nil }
        return skills.withUnsafeBufferPointer { skills in
            guard let scheme = skills[s].scheme, let r = skills[s].rounds.index(bytes: bytes(round)),
                  let c = skills[s].competitors.index(bytes: bytes(competitor)),
                  let a = scheme.aspects.index(bytes: bytes(aspect)), let j = judges.index(bytes: bytes(judge)) else { return nil }
            return (s, r, c, a, j, scheme)
        }
    }
}

extension RoundBook {
    mutating func apply(competitor c: Int, id: String?, aspect a: Int?, judge j: Int32, value: MarkValue, scheme: SkillScheme) {
        if sheets.count <= c { sheets.append(contentsOf: repeatElement(Sheet(), count: c + 1 - sheets.count)) }
        if !sheets[c].exists { sheets[c].start(scheme); sheetCount += 1 }
        guard let a else { return }
        sheets[c].apply(aspect: a, judge: j, value: value, scheme: scheme)
        // A re-mark request stays open while the aspect is disputed, so every judge of the panel
        // may re-score without a separate reason; it closes once the spread is back within 1.
        guard let id, !remarkRequests.isEmpty else { return }
        let aspect = scheme.aspects.ids[a]
        if remarkRequests[id]?.contains(aspect) == true, sheets[c].aspects[a].outcome.kind != .disputed {
            remarkRequests[id]!.remove(aspect)
            if remarkRequests[id]!.isEmpty { remarkRequests[id] = nil }
        }
    }
}
