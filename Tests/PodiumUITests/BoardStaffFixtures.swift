import Foundation
@testable import PodiumCore
@testable import PodiumUI

/// The standard scene on the day, at 10:00 on the 21st: S02-final started at 08:30 and
/// delayed by 20 minutes (now ending 12:20), S04-final at the Expo cancelled, the countdown
/// paused at 09:00 (frozen at 3 days 06:00:00).
func staffDayBench() -> BoardBench {
    var b = boardBench()
    b.now = boardTime(day: 21, 8, 30)
    try! b.run(.startSession("S02-final"), boardStaff)
    b.now = boardTime(day: 21, 9, 0)
    try! b.run(.delaySession("S02-final", minutes: 20), boardStaff)
    try! b.run(.cancelSession("S04-final", reason: "设备故障"), boardStaff)
    try! b.run(.pauseCountdown, boardStaff)
    return b
}

/// At-ceremony, S01 and S04 final (S02 half marked, never published), the ceremony started
/// and stepped `steps` times, at 15:05 on the closing day.
func ceremonyBench(steps: Int) -> BoardBench {
    var b = boardBench(policy: .atCeremony, publish: false)
    try! b.complete("E1", m: 3000, j: 2, skill: "S04")   // 70.00
    try! b.complete("E2", m: 2000, j: 3, skill: "S04")   // 80.00
    b.now = boardTime(day: 21, 9, 50)
    for skill in ["S01", "S04"] {
        let key = RoundKey(skill: skill, round: "final")
        try! b.run(.lockModule(skill: skill, round: "final", module: "A"), boardChief)
        try! b.run(.publish(key), boardStaff)
        try! b.run(.finalize(key), boardStaff)
    }
    b.now = boardClosing.addingTimeInterval(300)
    try! b.run(.startCeremony, boardStaff)
    for _ in 0..<steps { try! b.run(.ceremonyNext, boardStaff) }
    return b
}

let ceremonyNow = boardClosing.addingTimeInterval(300)
