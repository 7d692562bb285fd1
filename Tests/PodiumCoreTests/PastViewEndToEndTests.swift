import Foundation
import Testing
@testable import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

/// `--at` on the terminal screens, in tmux: the board, the console and the judge console open
/// at a past moment with the marking, take keys, append nothing, and quit cleanly.
@Suite("Past views end to end (tmux)", .serialized)
struct PastViewEndToEndTests {
    @Test("board, console and judge with --at in tmux", .enabled(if: tmuxPath != nil, "tmux is not installed (CI installs it)"))
    func screensInTmux() throws {
        let tmux = Tmux(tmuxPath!, name: "past")
        let podium = podiumBinary()
        let dir = TempDir()
        let records = simulatedDay(commands: 300)
        try writeVenue(dir.path, records)
        let before = readBytes(Venue.logPath(dir.path))
        let judge = try #require(records.compactMap { r -> String? in
            if case let .markEntered(m) = r.event { return m.judge } else { return nil }
        }.first)
        let firstMark = try #require(records.firstIndex { if case .markEntered = $0.event { return true }; return false })
        let at = String(firstMark + 50)
        for (session, command, expect) in [
            ("board", "board '\(dir.path)' --at \(at) --lang en", "PAST VIEW"),
            ("console", "console '\(dir.path)' --at \(at)", "过去的画面（只读）"),
            ("judge", "judge '\(dir.path)' --at \(at) --judge \(judge)", "过去的画面（只读）"),
        ] {
            try tmux.start(session, width: 100, height: 30, "LANG=C.UTF-8 PODIUM_ACTOR=wang '\(podium)' \(command); echo EXITED $?; sleep 30")
            let shown = tmux.wait(session, seconds: 20) { $0.contains(expect) && $0.contains("#\(at)") || $0.contains("record \(at) of") }
            #expect(shown.ok, "\(session): \(shown.screen)")
            try tmux.run(["send-keys", "-t", session, "q"])
            if session == "console" { try tmux.run(["send-keys", "-t", session, "y"]) }
            let exited = tmux.wait(session, seconds: 10) { $0.contains("EXITED 0") }
            #expect(exited.ok, "\(session) did not quit: \(exited.screen)")
        }
        #expect(readBytes(Venue.logPath(dir.path)) == before, "a past view appends nothing")
        let outside = try runPodium(["board", dir.path, "--at", "99999"])
        #expect(outside.status != 0 && outside.err.contains("--at 99999: the log ends at seq \(records.count)"))
        let noJudge = try runPodium(["judge", dir.path, "--at", at])
        #expect(noJudge.status != 0 && noJudge.err.contains("give --judge ID"))
    }
}
