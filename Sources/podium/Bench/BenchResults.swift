import ArgumentParser
import Foundation
import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

/// `podium bench results`: the results engine at WorldSkills scale.
///
/// Builds a synthetic competition in code (60 official skills, 1,400 competitors from 16
/// delegations, panels of 3, 6-10 mixed M/J aspects per skill, one final round, scale700 and a
/// 700 excellence threshold), and a log of about 1,000,000 mark events:
///
/// 1. the rehearsal feed marks every competitor (whole sheets, disputes and re-marking,
///    corrections), without signing off;
/// 2. a plain generator adds correction sheets (a judge re-enters a module, with a reason) until
///    the log holds the requested number of marks;
/// 3. the feed finishes the competition: sign-off, publication, finalization.
///
/// Every command of all three goes through `Decide.decide` and is folded into the state, as at
/// a venue; only the writing is bulk: the events are appended with `LogWriter.append` in
/// batches of about 10,000 (so each record's actor is the batch's, `system:bench`; the judge is
/// in every mark's body).
///
/// Then, beside their anchors and targets:
/// - replay: a fresh process opens the venue (`Venue(directory:)`, the whole log folded) and
///   computes the standings of every round and the medal tables; median of 3, beside a plain
///   sequential read of the same file;
/// - one incremental update: a mark event folded into the state plus that round's standings
///   recomputed, over ~10,000 marks (p50, p99);
/// - peak memory (getrusage ru_maxrss) of the replay process and of this whole bench.
struct BenchResults: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "Results at WorldSkills scale: replay of a ~1M-mark log into full results beside a sequential read; one mark's update; peak memory."
    )

    @Option(help: "Directory on the file system to measure (default: ./.bench-work).")
    var dir: String = ".bench-work"
    @Option(help: "Mark events in the log (about).")
    var marks: Int = 1_000_000
    @Option(help: "Samples of the incremental update.")
    var samples: Int = 10_000
    @Option(help: "Seed of the competition and the feed.")
    var seed: UInt64 = 2025
    @Flag(help: "Keep the venue directory afterwards.")
    var keep = false
    @Option(help: .hidden)
    var replayOnly: String?

    static let replayTarget = 1.0          // s
    static let updateTargetNanos: UInt64 = 50_000
    static let memoryTargetMB = 300.0

    func run() throws {
        if let venueDir = replayOnly { return try replayChild(venueDir) }
        _ = try figures()
    }

    /// Runs the bench, printing its own table; returns its figures (for `podium bench all`).
    func figures() throws -> [BenchFigure] {
        let binary = CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0]
            : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0]
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let work = dir + "/results-\(getpid())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(atPath: work) } }
        let venueDir = work + "/venue"

        // MARK: The log
        let definition = Self.worldSkillsScale(seed: seed)
        let t0 = DispatchTime.now().uptimeNanoseconds
        let venue = try Venue.create(directory: venueDir, definition: definition)
        let path = Venue.logPath(venueDir)
        let writer = try LogWriter(path: path)
        var gen = Generator(state: venue.state, writer: writer, clock: definition.sessions[0].start)
        print("podium bench results — \(work)")
        print("competition: \(definition.skills.count) official skills, \(definition.competitors.count) competitors, \(definition.delegations.count) delegations, \(definition.judges.count) judges, panel 3, one final round, scale700")

        var options = RehearsalFeed.Options()
        options.signOff = false
        options.concurrentRounds = definition.skills.count
        options.announcementRate = 0
        options.sessions = false
        options.reopenRate = 0
        var marking = RehearsalFeed(seed: seed, options: options)
        try gen.run(&marking)
        let firstPass = gen.marks
        try gen.corrections(until: marks, seed: seed)

        // Updates to time later: corrections decided against the state as marking ends.
        let updates = try gen.updateSamples(samples, seed: seed)

        var finishing = RehearsalFeed(seed: seed &+ 1)
        var finished = gen
        try finished.run(&finishing)
        try finished.flush()
        let generated = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        let events = finished.state.lastSeq
        let rounds = finished.state.roundKeys
        let finalRounds = rounds.filter { finished.state.status($0) == .final }.count
        guard finishing.counts.refusals == 0, marking.counts.refusals == 0 else {
            throw CLIError("the rehearsal feed proposed a refused command: \(finishing.counts.lastRefusal ?? marking.counts.lastRefusal ?? "")")
        }
        let (totalMarks, batches, commands) = (finished.marks, finished.batches, finished.commands)
        finished = Generator(state: VenueState(), writer: writer, clock: Date())  // let the finished state go
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        let mb = Double(size) / 1e6
        print("log: \(events) events, \(totalMarks) of them marks (\(firstPass) in the first marking pass, the rest corrections), "
              + String(format: "%.1f MB in %d batches; %d of %d rounds final", mb, batches, finalRounds, rounds.count))
        print(String(format: "generated through Decide in %.1f s (%d commands, %.0f/s)", generated, commands, Double(commands) / generated))

        // MARK: Replay
        var readTimes: [Double] = [], replayTimes: [Double] = [], foldTimes: [Double] = []
        var childRSS = 0.0
        for _ in 0..<3 {
            let r0 = DispatchTime.now().uptimeNanoseconds
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw CLIError("\(path): cannot open") }
            var buf = [UInt8](repeating: 0, count: 1 << 20)
            var total = 0
            while true { let n = read(fd, &buf, buf.count); if n <= 0 { break }; total += n }
            close(fd)
            readTimes.append(Double(DispatchTime.now().uptimeNanoseconds - r0) / 1e9)
            guard total == size else { throw CLIError("read \(total) of \(size) bytes") }

            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["bench", "results", "--replay-only", venueDir]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            let f = text.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            guard p.terminationStatus == 0, f.count >= 4 else { throw CLIError("the replay process failed: \(text)") }
            replayTimes.append(f[0] / 1e9)
            foldTimes.append(f[1] / 1e9)
            childRSS = max(childRSS, f[2] / 1024)
            guard UInt64(f[3]) == events else { throw CLIError("the replay saw \(Int(f[3])) events, expected \(events)") }
        }
        let read = readTimes.sorted()[1], replay = replayTimes.sorted()[1], fold = foldTimes.sorted()[1]

        // MARK: One mark's update
        var state = gen.state
        gen = Generator(state: VenueState(), writer: writer, clock: Date()) // `state` is now the only owner: no copy on write in the loop
        var latencies: [UInt64] = [], applying: [UInt64] = [], ranking: [UInt64] = []
        latencies.reserveCapacity(updates.count)
        applying.reserveCapacity(updates.count)
        ranking.reserveCapacity(updates.count)
        var sink = 0
        for (i, u) in updates.enumerated() {
            let record = EventRecord(seq: state.lastSeq + 1, time: u.time, actor: u.actor, event: u.event)
            let a = DispatchTime.now().uptimeNanoseconds
            state.apply(record)
            let m = DispatchTime.now().uptimeNanoseconds
            let s = state.standings(u.key)
            let b = DispatchTime.now().uptimeNanoseconds
            sink &+= s.entries.count &+ i
            latencies.append(b - a)
            applying.append(m - a)
            ranking.append(b - m)
        }
        let us = Stats(latencies), ua = Stats(applying), ur = Stats(ranking)
        let wholeRSS = Self.maxRSSKilobytes() / 1024

        // MARK: Table
        let ok = { (pass: Bool) in pass ? "ok" : "MISSED" }
        func row(_ what: String, _ value: String, _ anchor: String, _ vs: String, _ target: String) {
            print(what.padding(toLength: 44, withPad: " ", startingAt: 0) + value.padding(toLength: 13, withPad: " ", startingAt: 0)
                  + anchor.padding(toLength: 22, withPad: " ", startingAt: 0) + vs.padding(toLength: 10, withPad: " ", startingAt: 0) + target)
        }
        print(String(repeating: "-", count: 104))
        row("what", "measured", "anchor", "ratio", "target")
        row("replay into full results (median of 3)", String(format: "%.3f s", replay),
            String(format: "%.3f s seq. read", read), ratio(replay, read),
            String(format: "< %.0f s  %@", Self.replayTarget, ok(replay < Self.replayTarget)))
        row("  of which the fold (Venue(directory:))", String(format: "%.3f s", fold), String(format: "%.0f MB/s", mb / fold),
            ratio(fold, read), String(format: "%.0f events/s", Double(events) / fold))
        row("  of which standings of \(definition.skills.count) rounds + medals", String(format: "%.1f ms", (replay - fold) * 1000), "", "", "")
        row("one mark: apply + round standings, p50", micros(us.p50), "", "", "")
        row("one mark: apply + round standings, p99", micros(us.p99), "", "",
            "< \(Self.updateTargetNanos / 1000) µs  \(ok(us.p99 < Self.updateTargetNanos))")
        row("  of which the fold (apply), p50 / p99", micros(ua.p50), micros(ua.p99), "", "")
        row("  of which the round's standings, p50 / p99", micros(ur.p50), micros(ur.p99), "", "")
        row("peak memory, replay process (ru_maxrss)", String(format: "%.0f MB", childRSS), "", "",
            String(format: "< %.0f MB  %@", Self.memoryTargetMB, ok(childRSS < Self.memoryTargetMB)))
        row("peak memory, this whole bench", String(format: "%.0f MB", wholeRSS), "", "", "(generation included)")
        if sink == 42 { print("") } // keeps the timed work observable
        let toMicros = { (ns: UInt64) in Double(ns) / 1000 }
        let scaled = Self.replayTarget * 1000 * Double(events) / 1e6
        return [
            BenchFigure(bench: "results", what: "replay \(events) events into full results", value: replay * 1000, unit: .millis,
                        anchor: read * 1000, anchorWhat: "sequential read", target: .below(scaled),
                        note: String(format: "%d marks, %.1f MB; fresh process, median of 3; target 1 s per 1M events%@", totalMarks, mb,
                                     events >= 1_000_000 ? "" : String(format: ", scaled to %.0f ms", scaled))),
            BenchFigure(bench: "results", what: "one mark: apply + round standings, p50", value: toMicros(us.p50), unit: .micros),
            BenchFigure(bench: "results", what: "one mark: apply + round standings, p99", value: toMicros(us.p99), unit: .micros,
                        target: .below(Double(Self.updateTargetNanos) / 1000), note: "\(latencies.count) marks of \(rounds.count) rounds"),
            BenchFigure(bench: "results", what: "peak memory of the replay process", value: childRSS, unit: .megabytes,
                        target: .below(Self.memoryTargetMB)),
        ]
    }

    /// The replay process: open the venue, compute every round's standings and the medal tables;
    /// print "totalNanos foldNanos maxRSSKilobytes events".
    func replayChild(_ venueDir: String) throws {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let venue = try Venue(directory: venueDir)
        let t1 = DispatchTime.now().uptimeNanoseconds
        var entries = 0
        for key in venue.state.roundKeys { entries += venue.state.standings(key).entries.count }
        let (tables, awards) = venue.state.medalTables()
        let t2 = DispatchTime.now().uptimeNanoseconds
        guard entries > 0, !tables.gold.isEmpty else { throw CLIError("no results") }
        _ = awards
        print("\(t2 - t0) \(t1 - t0) \(Self.maxRSSKilobytes()) \(venue.state.lastSeq)")
    }

    static func maxRSSKilobytes() -> Double {
        var u = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_maxrss) // kilobytes on Linux
        #else
        getrusage(RUSAGE_SELF, &u)
        return Double(u.ru_maxrss) / 1024 // bytes on macOS
        #endif
    }

    // MARK: - Generation

    /// Decides commands against the state, folds them, and writes the events in large batches.
    struct Generator {
        var state: VenueState
        let writer: LogWriter
        var clock: Date
        var pending: [Event] = []
        var marks = 0
        var commands = 0
        var batches = 0
        static let batchSize = 10_000

        init(state: VenueState, writer: LogWriter, clock: Date) {
            self.state = state; self.writer = writer; self.clock = clock
            pending.reserveCapacity(Self.batchSize + 64)
        }

        mutating func execute(_ command: Command, as actor: Actor) throws {
            clock = clock.addingTimeInterval(0.25)
            let events = try Decide.decide(command, on: state, by: actor, now: clock)
            commands += 1
            for e in events {
                state.apply(EventRecord(seq: state.lastSeq + 1, time: clock, actor: actor.logName, event: e))
                if case .markEntered = e { marks += 1 }
            }
            pending += events
            if pending.count >= Self.batchSize { try flush() }
        }

        mutating func flush() throws {
            guard !pending.isEmpty else { return }
            let entries = pending.map(\.entry)
            let receipt = try writer.append(actor: "system:bench") { _ in entries }
            guard receipt?.last == state.lastSeq else { throw CLIError("the log and the state disagree after a batch") }
            batches += 1
            pending.removeAll(keepingCapacity: true)
        }

        /// Runs the feed to its end.
        mutating func run(_ feed: inout RehearsalFeed) throws {
            while let (command, actor) = feed.next(state: state, now: clock) { try execute(command, as: actor) }
        }

        /// Correction sheets until the state has taken `target` marks: a judge of the competitor's
        /// panel re-enters a whole module (the measurements and their own judgement scores, kept
        /// within one of the panel's), with a reason.
        mutating func corrections(until target: Int, seed: UInt64) throws {
            var rng = SplitMix64(seed: seed ^ 0xC022_EC71)
            let skills = state.skills.items
            let judges = Dictionary(grouping: state.judges.items.flatMap { j in j.skills.map { ($0, j) } }, by: \.0).mapValues { $0.map(\.1) }
            while marks < target {
                let skill = skills[rng.below(skills.count)]
                let round = skill.rounds.last!.id
                let key = RoundKey(skill: skill.id, round: round)
                let entrants = state.competitorsBySkill[skill.id] ?? []
                let c = entrants[rng.below(entrants.count)]
                let module = skill.modules[rng.below(skill.modules.count)]
                let sheet = state.rounds[key]?.sheets[c]
                let js = module.aspects.filter { $0.type == .J }
                let panel = Set(js.flatMap { (sheet?.judgements[$0.id] ?? [:]).keys }).sorted()
                let judge = panel.isEmpty ? rng.pick(judges[skill.id]!.filter { !$0.chief }).id : rng.pick(panel)
                var sheetMarks: [MarkInput] = []
                for a in module.aspects {
                    switch a.type {
                    case .M:
                        let v = Int64(rng.below(Int(a.max.hundredths / 25) + 1)) * 25
                        sheetMarks.append(MarkInput(competitor: c, aspect: a.id, value: .measurement(Fixed2(hundredths: v))))
                    case .J:
                        guard let scores = sheet?.judgements[a.id], scores[judge] != nil else { continue }
                        let others = scores.filter { $0.key != judge }.map(\.value)
                        let fits = (0...3).filter { v in others.isEmpty || max(others.max()!, v) - min(others.min()!, v) <= 1 }
                        sheetMarks.append(MarkInput(competitor: c, aspect: a.id, value: .judgement(rng.pick(fits))))
                    }
                }
                if sheetMarks.isEmpty { continue }
                let isChief = state.judges[judge]?.chief == true
                try execute(.submitMarks(skill: skill.id, round: round, marks: sheetMarks, reason: "复核更正"),
                            as: Actor(isChief ? .chief : .judge, judge))
            }
        }

        /// `n` single-mark corrections, each decided against the current state (they do not
        /// depend on one another), to be folded one at a time when timing.
        func updateSamples(_ n: Int, seed: UInt64) throws -> [(key: RoundKey, event: Event, actor: String, time: Date)] {
            var rng = SplitMix64(seed: seed ^ 0x0DA7_E5)
            var out: [(key: RoundKey, event: Event, actor: String, time: Date)] = []
            let skills = state.skills.items
            while out.count < n {
                let skill = skills[rng.below(skills.count)]
                let key = RoundKey(skill: skill.id, round: skill.rounds.last!.id)
                let entrants = state.competitorsBySkill[skill.id] ?? []
                let c = entrants[rng.below(entrants.count)]
                let module = skill.modules[rng.below(skill.modules.count)]
                let a = module.aspects[rng.below(module.aspects.count)]
                guard let sheet = state.rounds[key]?.sheets[c] else { continue }
                let mark: MarkInput, judge: String
                switch a.type {
                case .M:
                    judge = state.judges.items.first { $0.skills.contains(skill.id) && !$0.chief }!.id
                    mark = MarkInput(competitor: c, aspect: a.id, value: .measurement(Fixed2(hundredths: Int64(rng.below(Int(a.max.hundredths) + 1)))))
                case .J:
                    guard let scores = sheet.judgements[a.id], !scores.isEmpty else { continue }
                    judge = scores.keys.sorted()[rng.below(scores.count)]
                    let others = scores.filter { $0.key != judge }.map(\.value)
                    let fits = (0...3).filter { v in others.isEmpty || max(others.max()!, v) - min(others.min()!, v) <= 1 }
                    mark = MarkInput(competitor: c, aspect: a.id, value: .judgement(rng.pick(fits)))
                }
                let actor = Actor(state.judges[judge]!.chief ? .chief : .judge, judge)
                let events = try Decide.decide(.submitMarks(skill: skill.id, round: key.round, marks: [mark], reason: "复核更正"),
                                               on: state, by: actor, now: clock)
                out.append((key, events[0], actor.logName, clock))
            }
            return out
        }
    }

    // MARK: - The competition

    static let delegations: [(String, String)] = [
        ("HP", "黄浦区"), ("XH", "徐汇区"), ("CN", "长宁区"), ("JA", "静安区"), ("PT", "普陀区"), ("HK", "虹口区"),
        ("YP", "杨浦区"), ("MH", "闵行区"), ("BS", "宝山区"), ("JD", "嘉定区"), ("PD", "浦东新区"), ("JS", "金山区"),
        ("SJ", "松江区"), ("QP", "青浦区"), ("FX", "奉贤区"), ("CM", "崇明区"),
    ]

    /// 60 official skills, 1,400 competitors (23 or 24 per skill, at most two per delegation),
    /// 16 delegations, a chief and four experts per skill (five delegations), panel 3, 6-10
    /// aspects in 2-4 modules, about a third judgement, maxima in steps of 0.50 adding to 100.
    static func worldSkillsScale(seed: UInt64) -> CompetitionDefinition {
        var rng = SplitMix64(seed: seed)
        let tz = TimeZone(identifier: "Asia/Shanghai")!
        let start = Date(timeIntervalSince1970: 1_750_176_000) // 2025-06-18T00:00:00+08:00
        var info = CompetitionInfo(id: "ws-bench", name: LocalizedText(zh: "世界技能大赛规模基准", en: "WorldSkills-scale benchmark"),
                                   timezone: tz.identifier, closing: start.addingTimeInterval(6 * 86_400 + 15 * 3600))
        info.standardisation = .scale700
        info.excellence = .threshold(Fixed2(700))
        var d = CompetitionDefinition(competition: info)
        d.sites = [Site(id: "main", name: LocalizedText(zh: "主赛区", en: "Main venue")),
                   Site(id: "sub", name: LocalizedText(zh: "分赛区", en: "Sub-venue"))]
        d.delegations = delegations.map { Delegation(id: $0.0, name: LocalizedText(zh: $0.1, en: $0.0)) }
        let skillCount = 60, competitorCount = 1400
        var number = 0, judgeNumber = 0
        for s in 0..<skillCount {
            let id = String(format: "WS%02d", s + 1)
            let aspectCount = rng.within(6...10)
            let moduleCount = min(aspectCount / 2, rng.within(2...4))
            var sizes = Array(repeating: 1, count: moduleCount)
            for _ in 0..<(aspectCount - moduleCount) { sizes[rng.below(moduleCount)] += 1 }
            // Maxima: 100.00 in steps of 0.50, each at least 2.00.
            var units = Array(repeating: 4, count: aspectCount)
            for _ in 0..<(200 - 4 * aspectCount) { units[rng.below(aspectCount)] += 1 }
            var modules: [Module] = []
            var a = 0
            for m in 0..<moduleCount {
                let letter = String(UnicodeScalar(UInt8(65 + m)))
                let aspects = (0..<sizes[m]).map { k -> Aspect in
                    defer { a += 1 }
                    let judged = (a == 1) || (a != 0 && rng.chance(0.3))
                    return Aspect(id: "\(letter)\(k + 1)", type: judged ? .J : .M, max: Fixed2(hundredths: Int64(units[a]) * 50),
                                  text: judged ? "评价项 \(letter)\(k + 1)" : "测量项 \(letter)\(k + 1)")
                }
                modules.append(Module(id: letter, name: LocalizedText(zh: "模块\(letter)", en: "Module \(letter)"), aspects: aspects))
            }
            d.skills.append(Skill(id: id, name: LocalizedText(zh: "赛项\(s + 1)", en: "Skill \(s + 1)"), origin: .worldskills,
                                  kind: .official, panel: 3, rounds: [Round(id: "final", name: LocalizedText(zh: "决赛", en: "Final"))],
                                  modules: modules))
            // Entrants: spread over the delegations from a random offset, at most two each.
            let entrants = competitorCount / skillCount + (s < competitorCount % skillCount ? 1 : 0)
            let offset = rng.below(16)
            for k in 0..<entrants {
                number += 1
                let dl = (offset + k) % 16
                d.competitors.append(Competitor(id: String(format: "C%05d", number), name: "选手\(number)",
                                                delegation: delegations[dl].0, skill: id))
            }
            // A chief and four experts from five delegations.
            var free = Array(0..<16)
            rng.shuffle(&free)
            for k in 0..<5 {
                judgeNumber += 1
                d.judges.append(Judge(id: String(format: "J%04d", judgeNumber), name: "裁判\(judgeNumber)",
                                      delegation: delegations[free[k]].0, skills: [id], chief: k == 0))
            }
            let day = Double(s % 4)
            d.sessions.append(Session(id: "\(id)-final", skill: id, round: "final", site: s % 3 == 0 ? "sub" : "main",
                                      station: "\(s % 12 + 1)号馆", start: start.addingTimeInterval(day * 86_400 + 8.5 * 3600),
                                      end: start.addingTimeInterval(day * 86_400 + 17 * 3600)))
        }
        d.sessions.sort { ($0.start, $0.id) < ($1.start, $1.id) }
        return d
    }
}
