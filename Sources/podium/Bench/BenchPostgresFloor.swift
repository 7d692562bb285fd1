import Foundation
import PodiumCore
import PodiumPostgres

/// `podium bench log --store URL --only floor`: where a placed append's cost over the bare
/// insert comes from. In one run, from the same number of writer processes, each row on a
/// scratch database of its own: the bare insert (the anchor); then `PostgresAnchor.FloorStep`'s
/// bodies for `podium_combine_durable`, each adding one piece (the call itself; the venue's lock
/// with the flush after it; the head row; a whole append placed one writer at a time), called by
/// writers exactly as the real one is; then the real one (waiting writers combined). The whole
/// sequence runs `floorRounds` times, so the medians come from alternating runs. A diagnosis,
/// not a target (docs/performance.md).
extension PostgresBench {
    /// One row of the floor table.
    enum FloorRow: CaseIterable {
        case bare, step(PostgresAnchor.FloorStep), combined

        static var allCases: [FloorRow] { [.bare] + PostgresAnchor.FloorStep.allCases.map { .step($0) } + [.combined] }

        var name: String {
            switch self {
            case .bare: return "bare INSERT;COMMIT (the anchor)"
            case .step(.call): return "the same INSERT in the append's procedure call"
            case .step(.locked): return "+ the venue's lock, async commit, flush after"
            case .step(.head): return "+ the head row read and moved"
            case .step(.serial): return "a whole placed append, one writer at a time"
            case .combined: return "placed, waiting writers combined (podium init)"
            }
        }

        /// What `podium bench worker` needs to append this row's way.
        var workerFlags: [String] { if case .bare = self { return ["--pg-bare"] }; return [] }

        /// Whether its appends are records of the log (each warm-up append too): its venue is verified after.
        var placesRecords: Bool {
            switch self {
            case .step(.serial), .combined: return true
            default: return false
            }
        }

        var tag: String {
            switch self {
            case .bare: return "bare"
            case let .step(s): return s.rawValue
            case .combined: return "combined"
            }
        }
    }

    func floorFigures(writers: Int, each: Int, rounds: Int, scratch: (String) throws -> PostgresURL) throws -> [BenchFigure] {
        let body = 40
        var runs: [String: [(p50: UInt64, p99: UInt64, rate: Double)]] = [:]
        print("floor: \(writers) writer processes, \(each) appends each, \(rounds) rounds of every step in turn")
        for round in 1...rounds {
            var line: [String] = []
            for row in FloorRow.allCases {
                let target = try scratch("floor\(writers)\(row.tag)")
                let anchor = try PostgresAnchor(url: target)
                if case .bare = row {
                    try anchor.createBareTable()
                } else {
                    try PostgresStoreKind().create(target.asString, genesis: FileHeader(createdMicros: Int64(Date().timeIntervalSince1970 * 1e6)))
                    if case let .step(s) = row { try anchor.createFloor(s) }
                }
                let run = try runPostgresWorkers(target, processes: writers, count: each, bodyBytes: body, extra: row.workerFlags)
                guard run.latencies.count == writers * each else { throw CLIError("floor \(row.tag): \(run.latencies.count) appends timed, not \(writers * each)") }
                if row.placesRecords { try verifyFloorVenue(target, records: writers * (each + 1)) }
                let s = Stats(run.latencies)
                runs[row.tag, default: []].append((s.p50, s.p99, Double(run.latencies.count) / run.seconds))
                line.append(String(format: "%@ %.2f", row.tag, Double(s.p99) / 1e6))
            }
            print("  round \(round), p99 ms: " + line.joined(separator: ", "))
        }
        func median(_ v: [Double]) -> Double { let s = v.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
        // Each round's figures over the same round's bare inserts, then the median over rounds.
        let bare = runs["bare"] ?? []
        print("what".padding(toLength: 52, withPad: " ", startingAt: 0) + "p50 (÷ bare)        p99 (÷ bare)        appends/s (÷ bare)")
        var figures: [BenchFigure] = []
        for row in FloorRow.allCases {
            let r = runs[row.tag] ?? []
            let p50 = median(r.map { Double($0.p50) / 1000 }), p99 = median(r.map { Double($0.p99) / 1000 }), rate = median(r.map(\.rate))
            let p50x = median(zip(r, bare).map { Double($0.p50) / Double($1.p50) })
            let p99x = median(zip(r, bare).map { Double($0.p99) / Double($1.p99) })
            let ratex = median(zip(r, bare).map { $0.rate / $1.rate })
            print(row.name.padding(toLength: 52, withPad: " ", startingAt: 0)
                  + String(format: "%7.0f µs (%.2f×)  %7.0f µs (%.2f×)  %7.0f (%.2f×)", p50, p50x, p99, p99x, rate, ratex))
            figures.append(BenchFigure(bench: "postgres", what: "floor, \(writers) writers: \(row.name), p99", value: p99, unit: .micros,
                                       anchor: median(bare.map { Double($0.p99) / 1000 }), anchorWhat: "bare INSERT;COMMIT",
                                       note: String(format: "median of %d rounds; p99 ÷ bare per round, median %.2f×; p50 %.0f µs (%.2f×); %.0f/s (%.2f×)",
                                                    rounds, p99x, p50, p50x, rate, ratex)))
        }
        return figures
    }

    /// The venue a floor step placed its records in verifies, every record there.
    private func verifyFloorVenue(_ url: PostgresURL, records: Int) throws {
        let report = try PostgresStoreKind().verify(url.asString)
        guard report.ok, report.records == UInt64(records) else {
            throw CLIError("the floor's venue at \(url.display) does not verify (\(report.records) records, \(records) expected)")
        }
    }
}
