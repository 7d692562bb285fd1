import Foundation
import Testing
@testable import podium

/// The open-loop append bench's arithmetic: intended times, latency charged from the intended
/// start, a late start charged in full. A fake clock drives `runOnSchedule`: no timing is asserted.
@Suite struct OpenLoopScheduleTests {
    @Test func writersAreStaggeredEvenlyAtTheTotalRate() {
        // 1,000 appends a second from 8 writers: each appends every 8 ms; writer 3 is 3 ms in.
        let s = OpenLoopSchedule(originNanos: 5_000_000_000, totalRate: 1000, writers: 8, writer: 3)
        #expect(s.intervalNanos == 8_000_000)
        #expect(s.phaseNanos == 3_000_000)
        #expect(s.intended(0) == 5_003_000_000)
        #expect(s.intended(10) == 5_083_000_000)
        // Together the 8 writers offer one append every millisecond, none at the same instant.
        let all = (0..<8).flatMap { w in
            (0..<5).map { OpenLoopSchedule(originNanos: 0, totalRate: 1000, writers: 8, writer: w).intended($0) }
        }.sorted()
        #expect(all == (0..<40).map { UInt64($0) * 1_000_000 })
    }

    @Test func latencyRunsFromTheIntendedStartAndALateStartIsCharged() {
        let s = OpenLoopSchedule(originNanos: 1_000_000, totalRate: 200, writers: 1, writer: 0) // every 5 ms
        // On time: started at 6 ms as intended (append 1), ended at 6.3 ms: 300 µs.
        #expect(s.latency(of: 1, endedAt: 6_300_000) == 300_000)
        #expect(s.lateness(of: 1, startedAt: 6_000_000) == 0)
        // Its process was busy until 9 ms (a busy handler's sleep): started 3 ms late, took 300 µs;
        // charged 3.3 ms, not the 300 µs a closed-loop bench would record.
        #expect(s.lateness(of: 1, startedAt: 9_000_000) == 3_000_000)
        #expect(s.latency(of: 1, endedAt: 9_300_000) == 3_300_000)
    }

    @Test func aStallIsChargedToEveryAppendItHeldUp() {
        // One writer, every 5 ms; append 0 stalls for 20 ms (a fake clock: no real time).
        let s = OpenLoopSchedule(originNanos: 0, totalRate: 200, writers: 1, writer: 0)
        var clock: UInt64 = 0
        var slept: [UInt64] = []
        var samples: [(UInt64, UInt64)] = []
        runOnSchedule(s, count: 7, now: { clock }, sleep: { slept.append($0); clock += $0 },
                      append: { i in clock += i == 0 ? 20_000_000 : 100_000 }, report: { samples.append(($0, $1)) })
        // Appends 1-4 were due at 5, 10, 15, 20 ms while append 0 ran until 20 ms: each starts
        // at once, late, and is charged from its own intended time.
        #expect(samples.map(\.0) == [20_000_000, 15_100_000, 10_200_000, 5_300_000, 400_000, 100_000, 100_000])
        #expect(samples.map(\.1) == [0, 15_000_000, 10_100_000, 5_200_000, 300_000, 0, 0])
        // A closed loop would have recorded one slow append and six of 100 µs.
        let stats = OpenLoopStats(samples.map { (latency: $0.0, lateness: $0.1) })
        #expect(stats.late(beyond: OpenLoopStats.lateThreshold) == 3)
        // The writer slept only when it was early: before appends 5 and 6, to their intended times.
        #expect(slept == [4_600_000, 4_900_000])
    }

    @Test func theSharedStartConvertsToEachProcesssMonotonicClock() {
        // Two processes read their clocks at different moments; the origin is the same instant.
        let a = OpenLoopSchedule.origin(startAt: 100.5, wallNow: 100.0, monoNow: 7_000_000_000)
        let b = OpenLoopSchedule.origin(startAt: 100.5, wallNow: 100.25, monoNow: 7_250_000_000)
        #expect(a == 7_500_000_000 && b == 7_500_000_000)
        // A process that reads its clock after the start: the origin is in its past.
        #expect(OpenLoopSchedule.origin(startAt: 100.5, wallNow: 101.0, monoNow: 8_000_000_000) == 7_500_000_000)
    }

    @Test func openLoopWorkerLinesParseAndOthersDoNot() {
        #expect(parseOpenLoopLine("1500 0").map { [$0.latency, $0.lateness] } == [1500, 0])
        #expect(parseOpenLoopLine("1500") == nil)
        #expect(parseOpenLoopLine("ack 3 b0:1") == nil)
    }
}
