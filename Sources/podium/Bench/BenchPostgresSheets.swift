import Foundation
import PodiumCore
import PodiumPostgres

/// The PostgreSQL bench's judges' row: what a judge at a console waits for, on the real path.
/// N judge processes, each of its own skill, submit six-mark sheets through `Venue.execute`
/// (decided on the latest state, with the read set of `submitMarks`), on a venue where the
/// server places batches and combines waiting writers, beside the same on a venue made without
/// placement (the writer chains its batch and must have seen the head: a stale view decides
/// again, as before). Both in the same run.
extension PostgresBench {
    /// N skills S01…, each with a module of six judgement and two measurement aspects (the sheets
    /// mark the six), 30 competitors and one judge.
    static func sheetsDefinition(judges: Int) -> CompetitionDefinition {
        var def = benchCompetition(id: "bench-sheets", name: LocalizedText(zh: "评分基准", en: "Sheets bench"))
        let skills = (1...judges).map { String(format: "S%02d", $0) }
        def.skills = skills.map { benchSkill($0, LocalizedText(zh: "项目\($0)", en: "Skill \($0)"), module: LocalizedText("实操")) }
        def.competitors = skills.flatMap { s in
            (1...30).map { Competitor(id: "\(s)C\(String(format: "%02d", $0))", name: "选手\($0)号", delegation: "JD", skill: s) }
        }
        def.judges = skills.enumerated().map { i, s in Judge(id: String(format: "J%02d", i + 1), name: "裁判\(i + 1)", delegation: "XX", skills: [s]) }
        return def
    }

    /// A venue for the row on a scratch database: with placement (as `podium init` makes it) or
    /// without (as before).
    static func makeSheetsVenue(_ url: PostgresURL, judges: Int, placement: Bool) throws {
        let events = try Decide.decide(.defineCompetition(sheetsDefinition(judges: judges)), on: VenueState(),
                                       by: Actor(.system, "init"), now: Date())
        try PostgresStoreKind().create(url.asString, genesis: FileHeader(createdMicros: Int64(Date().timeIntervalSince1970 * 1e6)),
                                       asyncCommit: true, placement: placement)
        let store = try PostgresStoreKind().openStore(url.asString) { _ in }
        _ = try store.append(actor: "system:init", timeMicros: nil) { _ in events.map(\.entry) }
    }

    /// A judge process (`podium bench worker URL --judge K`): opens the venue and submits `count`
    /// sheets for its skill's competitors in turn (as corrections, so each may come again),
    /// printing each one's time from command to durable.
    static func sheetsWorker(url: PostgresURL, judge: Int, count: Int, startAt: Double?, warmUp: Bool = false) throws {
        let venue = try Venue(directory: url.asString)
        let me = Actor(.judge, String(format: "J%02d", judge))
        let skill = String(format: "S%02d", judge)
        func sheet(_ i: Int) throws {
            let competitor = "\(skill)C\(String(format: "%02d", i % 30 + 1))"
            let command = Command.submitMarks(skill: skill, round: "final",
                                              marks: (1...6).map { MarkInput(competitor: competitor, aspect: "A\($0)", value: .judgement(i % 4)) },
                                              reason: "bench")
            guard try venue.execute(command, as: me) != nil else { throw CLIError("judge \(me.logName): the sheet appended nothing") }
        }
        if warmUp { try sheet(count) }
        if let startAt { waitUntil(startAt) }
        for i in 0..<count {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try sheet(i)
            emitLine(String(DispatchTime.now().uptimeNanoseconds - t0))
        }
    }

    /// The row: `judges` processes, `each` sheets each, on both venues; the venues verify.
    func sheetsFigures(judges: Int, each: Int, scratch: (String) throws -> PostgresURL) throws -> [BenchFigure] {
        var runs: [(latencies: [UInt64], seconds: Double)] = []
        for placement in [false, true] {
            let venueURL = try scratch("sheets\(placement ? "" : "head")")
            try Self.makeSheetsVenue(venueURL, judges: judges, placement: placement)
            let startAt = Date().addingTimeInterval(2 + Double(judges) * 0.05).timeIntervalSince1970
            let spawned = Date().timeIntervalSince1970
            let run = try runWorkers(binary: binary, log: venueURL.asString, processes: judges, count: each, bodyBytes: 0, plain: false,
                                     extra: ["--start-at", String(startAt), "--warm-up"], perWriterExtra: { ["--judge", String($0 + 1)] })
            runs.append((run.latencies, run.seconds - (startAt - spawned)))
            let report = try PostgresStoreKind().verify(venueURL.asString)
            guard report.ok else { throw CLIError("the judges' bench venue does not verify") }
        }
        let (b, n) = (Stats(runs[0].latencies), Stats(runs[1].latencies))
        func rate(_ r: (latencies: [UInt64], seconds: Double)) -> Double { Double(r.latencies.count) / r.seconds }
        print(String(format: "%3d judges, sheets of 6 marks through Venue.execute: head-checked (before) p50 %6.0f µs p99 %8.0f µs %5.0f/s | placed, combined p50 %6.0f µs p99 %8.0f µs %5.0f/s",
                     judges, Double(b.p50) / 1000, Double(b.p99) / 1000, rate(runs[0]), Double(n.p50) / 1000, Double(n.p99) / 1000, rate(runs[1])))
        let what = "PostgreSQL judge's sheet → durable, \(judges) judges of \(judges) skills"
        let anchorWhat = "head-checked (before)"
        return [
            BenchFigure(bench: "postgres", what: "\(what), p50", value: Double(n.p50) / 1000, unit: .micros,
                        anchor: Double(b.p50) / 1000, anchorWhat: anchorWhat),
            BenchFigure(bench: "postgres", what: "\(what), p99", value: Double(n.p99) / 1000, unit: .micros,
                        anchor: Double(b.p99) / 1000, anchorWhat: anchorWhat,
                        note: String(format: "%d sheets of 6 marks through Venue.execute, decided on the latest state; %.0f/s (before %.0f/s)",
                                     runs[1].latencies.count, rate(runs[1]), rate(runs[0]))),
        ]
    }
}
