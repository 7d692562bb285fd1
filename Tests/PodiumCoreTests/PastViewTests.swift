import Foundation
import Testing
@testable import PodiumCore

/// Writes `records` to a new log at `dir/events.log`, each record its own batch, with its own
/// time and actor: a real file the CLI and `StoreLogHistory` read.
func writeVenue(_ dir: String, _ records: [EventRecord], createdMicros: Int64 = 1_750_000_000_000_000) throws {
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = Venue.logPath(dir)
    try LogWriter.create(at: path, createdMicros: createdMicros)
    let w = try LogWriter(path: path)
    for r in records {
        try w.append(actor: r.actor, timeMicros: Int64((r.time.timeIntervalSince1970 * 1_000_000).rounded())) { _ in [r.event.entry] }
    }
}

/// A simulated day of the demo competition: the rehearsal feed's commands, decided and folded
/// one after another, a command every 15 simulated seconds.
func simulatedDay(commands: Int, seed: UInt64 = 11, policy: ResultsPolicy = .onPublish) -> [EventRecord] {
    var def = DemoCompetition.definition()
    def.competition.resultsPolicy = policy
    let start = DemoCompetition.referenceStart.addingTimeInterval(2 * 86_400 + 8 * 3600)
    var state = VenueState()
    var records: [EventRecord] = []
    func fold(_ events: [Event], _ actor: Actor, _ now: Date) {
        for e in events {
            let r = EventRecord(seq: state.lastSeq + 1, time: now, actor: actor.logName, event: e)
            state.apply(r)
            records.append(r)
        }
    }
    fold(try! Decide.decide(.defineCompetition(def), on: state, by: Actor(.system, "init"), now: start), Actor(.system, "init"), start)
    var feed = RehearsalFeed(seed: seed)
    var now = start
    for _ in 0..<commands {
        now = now.addingTimeInterval(15)
        guard let (command, actor) = feed.next(state: state, now: now) else { break }
        if let events = try? Decide.decide(command, on: state, by: actor, now: now) { fold(events, actor, now) }
    }
    return records
}

@Suite("Past views: --at", .serialized)
struct PastViewTests {
    static let day = simulatedDay(commands: 1_500)

    @Test("--at parses a seq, an ISO 8601 time with offset, HH:MM and YYYY-MM-DD HH:MM; refuses the rest")
    func parsing() throws {
        #expect(try AtSpec.parse("1234") == .seq(1234))
        #expect(try AtSpec.parse("2025-06-20T14:05:00+08:00") == .instant(Date(timeIntervalSince1970: 1_750_399_500)))
        #expect(try AtSpec.parse("14:05") == .clock(hour: 14, minute: 5))
        #expect(try AtSpec.parse("2025-06-20 14:05") == .local("2025-06-20 14:05"))
        for bad in ["0", "", "+30", "25:00", "14:5", "yesterday", "2025-13-01 10:00", "-3", "2025-06-20T14:05:00"] {
            #expect(throws: PastViewMessage.badSpec(bad)) { try AtSpec.parse(bad) }
        }
    }

    @Test("A time resolves to the last record at or before it, in the competition's zone; outside the log is an error")
    func resolvingTimes() throws {
        let dir = TempDir()
        let records = Self.day
        try writeVenue(dir.path, records)
        let h = StoreLogHistory(path: Venue.logPath(dir.path))
        let tz = TimeZone(identifier: "Asia/Shanghai")!
        // A record's own time gives the last record of that moment (records share a batch's time).
        let r = records[700]
        let atTime = try PastVenue.resolve(.instant(r.time), in: h)
        #expect(atTime.seq == records.last { $0.time <= r.time }!.seq)
        #expect(atTime.lastSeq == UInt64(records.count))
        // One second earlier: the records of that moment are not in.
        let before = try PastVenue.resolve(.instant(r.time.addingTimeInterval(-1)), in: h)
        #expect(before.seq == records.last { $0.time < r.time }!.seq)
        // HH:MM and YYYY-MM-DD HH:MM in Asia/Shanghai, on the log's last day.
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = tz
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute], from: r.time)
        let clock = try PastVenue.resolve(.clock(hour: c.hour!, minute: c.minute!), in: h)
        let minuteStart = cal.date(from: DateComponents(year: c.year, month: c.month, day: c.day, hour: c.hour, minute: c.minute))!
        #expect(clock.time == minuteStart)
        #expect(clock.seq == records.last { $0.time <= minuteStart }!.seq)
        let local = try PastVenue.resolve(.local(String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)), in: h)
        #expect(local == clock)
        // Outside the log.
        #expect(throws: PastViewMessage.self) { try PastVenue.resolve(.instant(records[0].time.addingTimeInterval(-60)), in: h) }
        #expect(throws: PastViewMessage.self) { try PastVenue.resolve(.instant(records.last!.time.addingTimeInterval(1)), in: h) }
        #expect(throws: PastViewMessage.seqBeyond(UInt64(records.count + 1), last: UInt64(records.count))) {
            try PastVenue.resolve(.seq(UInt64(records.count + 1)), in: h)
        }
        do {
            _ = try PastVenue.resolve(.instant(records[0].time.addingTimeInterval(-60)), in: h)
        } catch let e as PastViewMessage {
            #expect(e.description.contains("before the first record (seq 1 at 2025-06-20T08:00:00+08:00)"))
        }
    }

    @Test("results --at SEQ equals the results of a copy of the log cut at SEQ, for every 500th seq of a simulated day")
    func resultsAtEqualACutCopy() throws {
        let dir = TempDir()
        let records = Self.day
        #expect(records.count > 2_000)
        let venue = dir.file("day")
        try writeVenue(venue, records)
        for seq in stride(from: 500, through: records.count, by: 500) {
            let cut = dir.file("cut-\(seq)")
            try writeVenue(cut, Array(records.prefix(seq)))
            for args in [["--format", "json"], ["--format", "csv"], ["--public", "--format", "json"]] {
                let past = try runPodium(["results", venue, "--at", String(seq)] + args)
                let copy = try runPodium(["results", cut] + args)
                #expect(past.status == 0 && copy.status == 0, "\(past.err) \(copy.err)")
                #expect(past.out == copy.out, "seq \(seq) \(args)")
                #expect(past.err.contains("PAST VIEW (read-only)"), "the marking goes to stderr beside JSON and CSV")
            }
            let medals = try runPodium(["medals", venue, "--at", String(seq), "--format", "json"])
            #expect(medals.out == (try runPodium(["medals", cut, "--format", "json"])).out)
        }
        // Nothing was appended or repaired by any of it.
        #expect(try LogReader(path: Venue.logPath(venue)).records().count == records.count)
    }

    @Test("Every command with --at refuses times outside the log with one line, and log tail --at stops at the moment")
    func cliEdges() throws {
        let dir = TempDir()
        let records = Self.day
        try writeVenue(dir.path, records)
        let before = Timestamps.format(records[0].time.addingTimeInterval(-3600), in: TimeZone(identifier: "UTC")!)
        for cmd in [["results"], ["medals"], ["snapshot"], ["export"], ["log", "tail"]] {
            var args = cmd + [dir.path]
            if cmd == ["export"] { args.append("results") }
            let r = try runPodium(args + ["--at", before])
            #expect(r.status != 0)
            #expect(r.err.contains("before the first record") && r.err.split(separator: "\n").count == 1, "\(cmd): \(r.err)")
            let bad = try runPodium(args + ["--at", "soon"])
            #expect(bad.status != 0 && bad.err.contains("--at \"soon\": expected"), "\(cmd): \(bad.err)")
        }
        let tail = try runPodium(["log", "tail", dir.path, "--at", "40", "--format", "json"])
        let lines = tail.out.split(separator: "\n")
        #expect(lines.count == 40)
        #expect(lines.last!.hasPrefix(#"{"seq":40,"#))
        let follow = try runPodium(["log", "tail", dir.path, "--at", "40", "--follow"])
        #expect(follow.status != 0 && follow.err.contains("cannot --follow"))
        #expect(try LogReader(path: Venue.logPath(dir.path)).records().count == records.count)
    }

    @Test("Stepping through the history: every state equals a fold from scratch, and a step folds at most the interval")
    func replayIndex() {
        let records = Self.day
        var index = ReplayIndex(records: records, interval: 100)
        var rng = SplitMix64(seed: 5)
        var targets: [UInt64] = [UInt64(records.count), 1, 250, 249, 248, 900, 901, 99, 100, 101]
        for _ in 0..<40 { targets.append(UInt64(rng.within(1...records.count))) }
        var previous: UInt64 = 0
        for t in targets {
            index.go(to: t)
            #expect(index.seq == t)
            let scratch = VenueState(replaying: records.prefix(Int(t)))
            #expect(RehearsalFeedTests.differences(index.state, scratch, at: t).isEmpty)
            if previous > 0 && (t < previous || t - previous < 100) { #expect(index.lastCost < 100, "\(previous) → \(t)") }
            previous = t
        }
        index.go(to: 500)
        index.step(-1)
        #expect(index.seq == 499 && index.lastCost <= 99)
        index.step(+1)
        #expect(index.seq == 500 && index.lastCost == 1)
    }
}
