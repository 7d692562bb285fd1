import Foundation
import Testing
@testable import PodiumCore

/// Times as staff type them at the console and in `--until`, read in the venue's zone.
@Suite("TimeInput")
struct TimeInputTests {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    /// 2025-06-21 10:00:00 +08:00.
    let now = Date(timeIntervalSince1970: 1_750_471_200)

    @Test("worked examples")
    func examples() {
        let cases: [(String, TimeInterval?)] = [
            ("+30", 1_750_471_200 + 1800),
            ("+30m", 1_750_471_200 + 1800),
            ("+2h", 1_750_471_200 + 7200),
            ("15:30", 1_750_491_000),                       // today 15:30 in Shanghai
            ("9:05", 1_750_467_900),                        // earlier today: read as given (the core judges it)
            ("2025-06-24 15:00", 1_750_748_400),
            ("2025-06-24T15:00:00+08:00", 1_750_748_400),
            ("2025-06-24T07:00:00Z", 1_750_748_400),
            ("  15:30 ", 1_750_491_000),
            ("24:00", nil), ("15:60", nil), ("15", nil), ("+0", nil), ("+-5", nil), ("+h", nil),
            ("2025-02-30 10:00", nil), ("2025-13-01 10:00", nil), ("明天", nil), ("", nil), ("15:30:00", nil),
        ]
        for (text, expected) in cases {
            #expect(TimeInput.parse(text, now: now, in: shanghai)?.timeIntervalSince1970 == expected, "\(text)")
        }
    }

    @Test("HH:MM is the venue's day, not the machine's")
    func venueDay() {
        // 2025-06-21 23:30 +08:00 is still the 21st in Shanghai but the 21st 15:30 UTC.
        let late = Date(timeIntervalSince1970: 1_750_519_800)
        #expect(TimeInput.parse("23:45", now: late, in: shanghai)?.timeIntervalSince1970 == 1_750_520_700)
        #expect(TimeInput.parse("23:45", now: late, in: TimeZone(identifier: "UTC")!)?.timeIntervalSince1970 == 1_750_549_500)
    }
}
