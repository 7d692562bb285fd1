import ArgumentParser
import Foundation
import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

/// Resident set size of this process, in KiB (from /proc/self/statm).
func residentKiB() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
}

/// Load and soak: judge processes entering marks through `Venue.execute` (so `Decide` and
/// `Access`) at a judge's highest realistic pace, boards following the log, and one verifier.
struct BenchSoak: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "N judge processes mark while 4 followers fold the log; checks no lost or duplicated event, followers in step, memory flat.",
        discussion: "Runs on a fresh demo venue in --dir. scripts/soak wraps it (default 10 minutes)."
    )

    @Option(help: "How long to run, in seconds.") var seconds: Double = 600
    @Option(help: "Judge processes.") var judges: Int = 100
    @Option(help: "Followers (boards).") var followers: Int = 4
    @Option(help: "Seconds between one judge's sheets (a judge typing as fast as is realistic).") var pause: Double = 2
    @Option(help: "Working directory (a venue is made inside it, then removed).") var dir: String = ".bench-work"

    func run() throws {
        let binary = CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0]
            : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0]
        let venueDir = "\(dir)/soak-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: venueDir) }
        let venue = try Venue.create(directory: venueDir, definition: DemoCompetition.definition())
        let startSeq = venue.state.lastSeq
        // Judges who can mark: assigned to an official skill with entrants.
        let ids = venue.state.judges.items.filter { j in j.skills.contains { !(venue.state.competitorsBySkill[$0] ?? []).isEmpty } }.map(\.id)
        guard !ids.isEmpty else { throw CLIError("the demo venue has no judges to mark") }
        let chosen = (0..<judges).map { ids[$0 % ids.count] }
        print("podium bench soak — \(judges) judges (\(Set(chosen).count) distinct), \(followers) followers, \(Int(seconds)) s, a sheet every \(pause) s per judge")
        let until = Date().addingTimeInterval(seconds)
        let untilText = String(until.timeIntervalSince1970)

        func spawn(_ args: [String]) throws -> (Process, Pipe) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = args
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.standardError
            try p.run()
            return (p, out)
        }
        // Read every child's output as it comes (a full pipe would stall it).
        final class Collected: @unchecked Sendable { var text = ""; let lock = NSLock() }
        func collect(_ pipe: Pipe) -> Collected {
            let c = Collected()
            pipe.fileHandleForReading.readabilityHandler = { h in
                let d = h.availableData
                if d.isEmpty { h.readabilityHandler = nil; return }
                c.lock.lock(); c.text += String(decoding: d, as: UTF8.self); c.lock.unlock()
            }
            return c
        }
        let follow = try (0..<followers).map { _ in try spawn(["bench", "soak-follow", venueDir, "--until", untilText]) }
        let marking = try chosen.enumerated().map { i, id in
            try spawn(["bench", "soak-judge", venueDir, "--judge", id, "--seed", String(i + 1), "--pause", String(pause), "--until", untilText])
        }
        let followOut = follow.map { collect($0.1) }, judgeOut = marking.map { collect($0.1) }
        for (p, _) in marking + follow { p.waitUntilExit() }
        usleep(200_000)
        let failedJudges = marking.filter { $0.0.terminationStatus != 0 }.count
        let failedFollowers = follow.filter { $0.0.terminationStatus != 0 }.count

        // The verifier: the log checks out; every acknowledged sheet is there once, by its judge.
        let report = try LogVerifier.verify(path: venue.logPath)
        let records = try LogReader(path: venue.logPath).records()
        var byActorSeq: [UInt64: String] = [:]
        for r in records { byActorSeq[r.seq] = r.actor }
        var acked = 0, lost = 0, refused = 0
        var judgeRSS: [(first: Int, last: Int)] = []
        for (i, c) in judgeOut.enumerated() {
            var rss: [Int] = []
            for line in c.text.split(separator: "\n") {
                let f = line.split(separator: " ")
                if f.first == "ack", f.count >= 3, let first = UInt64(f[1]), let last = UInt64(f[2]) {
                    for s in first...last {
                        acked += 1
                        if byActorSeq[s] != "judge:\(chosen[i])" { lost += 1 }
                    }
                } else if f.first == "refused" { refused += 1 }
                else if f.first == "rss", f.count >= 2, let k = Int(f[1]) { rss.append(k) }
            }
            if let a = rss.first, let b = rss.last { judgeRSS.append((a, b)) }
        }
        let markEvents = records.filter { $0.seq > startSeq && $0.actor.hasPrefix("judge:") }.count
        var inStep = true
        var lags: [Int] = [], followerRSS: [(first: Int, mid: Int, last: Int)] = []
        for c in followOut {
            var last: UInt64 = 0, rss: [Int] = []
            for line in c.text.split(separator: "\n") {
                let f = line.split(separator: " ")
                if f.first == "seq", f.count >= 4, let s = UInt64(f[1]), let lag = Int(f[2]), let k = Int(f[3]) { last = s; lags.append(lag); rss.append(k) }
            }
            if last != records.last?.seq { inStep = false }
            if rss.count >= 3 { followerRSS.append((rss[rss.count / 4], rss[rss.count / 2], rss[rss.count - 1])) }
        }
        let rate = Double(markEvents) / seconds
        print(String(repeating: "-", count: 80))
        print("events appended by judges   \(markEvents) (\(String(format: "%.1f", rate))/s), acknowledged \(acked), refused commands \(refused)")
        print("lost or misattributed       \(lost); duplicated \(markEvents - acked < 0 ? 0 : markEvents - acked) (events in the log beyond the acknowledged)")
        print("log verify                  \(report.ok ? "ok" : "FAILED: \(report.problem!)"), \(report.records) records, \(report.bytes) bytes")
        print("followers in step at end    \(inStep ? "yes" : "NO"); lag p50 \(Stats(lags.map(UInt64.init)).p50) p99 \(Stats(lags.map(UInt64.init)).p99) events (sampled each second)")
        for (i, r) in followerRSS.enumerated() { print("follower \(i) RSS KiB        at 1/4 \(r.first), 1/2 \(r.mid), end \(r.last)") }
        if let a = judgeRSS.map(\.first).max(), let b = judgeRSS.map(\.last).max() { print("judge RSS KiB (max)         start \(a), end \(b)") }
        let flat = followerRSS.allSatisfy { Double($0.last) <= Double($0.first) * 1.5 + 8192 }
        print("memory flat                 \(flat ? "yes" : "NO") (end within 1.5× + 8 MiB of the 1/4 sample)")
        guard lost == 0, markEvents == acked, report.ok, inStep, flat, failedJudges == 0, failedFollowers == 0 else {
            throw CLIError("soak failed: lost \(lost), events \(markEvents) vs acknowledged \(acked), verify \(report.ok), in step \(inStep), flat \(flat), failed judges \(failedJudges), failed followers \(failedFollowers)")
        }
    }
}

/// One judge of the soak: sheets of one mark each, through Venue.execute, every --pause seconds.
/// Prints "ack FIRST LAST" per acknowledged sheet, "refused MESSAGE" per refusal, "rss KiB" each 10 s.
struct BenchSoakJudge: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "soak-judge", shouldDisplay: false)
    @Argument var venue: String
    @Option var judge: String
    @Option var seed: UInt64 = 1
    @Option var pause: Double = 2
    @Option var until: Double

    func run() throws {
        let v = try Venue(directory: venue)
        let actor = Actor(.judge, judge)
        var rng = SplitMix64(seed: seed)
        guard let me = v.state.judges[judge] else { throw CLIError("no judge \(judge)") }
        // Start at a random moment in the first pause, so judges do not all press Enter together.
        usleep(UInt32(Double(rng.below(1000)) * pause * 1000))
        var lastRSS = Date.distantPast
        while Date().timeIntervalSince1970 < until {
            let skillID = me.skills[rng.below(me.skills.count)]
            guard let skill = v.state.skills[skillID], let round = skill.rounds.first,
                  let entrants = v.state.competitorsBySkill[skillID], !entrants.isEmpty else { break }
            let competitor = entrants[rng.below(entrants.count)]
            let aspects = skill.modules.flatMap(\.aspects)
            let aspect = aspects[rng.below(aspects.count)]
            let value: MarkValue = aspect.type == .M
                ? .measurement(Fixed2(hundredths: Int64(rng.below(Int(aspect.max.hundredths) + 1))))
                : .judgement(rng.below(4))
            let c = v.state.competitors[competitor]
            if aspect.type == .J && c?.delegation == me.delegation && !(v.state.competition?.judgeOwnDelegation ?? false) {
                continue // not one's own delegation's judgement; pick again
            }
            let scored = v.state.rounds[RoundKey(skill: skillID, round: round.id)]?.sheets[competitor]
            let already = aspect.type == .M ? scored?.measurements[aspect.id] != nil : scored?.judgements[aspect.id]?[judge] != nil
            let command = Command.submitMarks(skill: skillID, round: round.id,
                                              marks: [MarkInput(competitor: competitor, aspect: aspect.id, value: value)],
                                              reason: already ? "复核 re-check" : nil)
            do {
                if let r = try v.execute(command, as: actor) { emitLine("ack \(r.first) \(r.last)") }
            } catch let e as CommandError {
                emitLine("refused \(e.message)")
            }
            if Date().timeIntervalSince(lastRSS) >= 10 { emitLine("rss \(residentKiB())"); lastRSS = Date() }
            usleep(UInt32(pause * 1_000_000))
        }
        emitLine("rss \(residentKiB())")
    }
}

/// One board of the soak: folds the log as it grows; once a second prints "seq LAST LAG RSS_KiB"
/// (LAG: records in the file not yet delivered to it). Stops after --until, once caught up.
struct BenchSoakFollow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "soak-follow", shouldDisplay: false)
    @Argument var venue: String
    @Option var until: Double

    func run() throws {
        let path = Venue.logPath(venue)
        let reader = try LogReader(path: path)
        var state = VenueState()
        var lastPrint = Date.distantPast
        let probe = try LogReader(path: path)
        var fileSeq: UInt64 = 0
        while true {
            try reader.readNew { state.apply(try EventRecord($0)) }
            if Date().timeIntervalSince(lastPrint) >= 1 {
                try probe.readNew { fileSeq = $0.seq }
                emitLine("seq \(state.lastSeq) \(Int(fileSeq) - Int(state.lastSeq) < 0 ? 0 : Int(fileSeq) - Int(state.lastSeq)) \(residentKiB())")
                lastPrint = Date()
            }
            if Date().timeIntervalSince1970 > until + 2 {
                try reader.readNew { state.apply(try EventRecord($0)) }
                emitLine("seq \(state.lastSeq) 0 \(residentKiB())")
                return
            }
            try reader.waitForChange(timeoutMillis: 200)
        }
    }
}
