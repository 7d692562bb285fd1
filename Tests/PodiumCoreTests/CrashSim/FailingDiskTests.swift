import Foundation
import Testing
@testable import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

private func entry(_ s: String, pad: Int = 0) -> RawEntry {
    RawEntry(type: 999, body: Array(s.utf8) + [UInt8](repeating: 0x2E, count: pad))
}

private func bodies(_ path: String, on disk: SimDisk) throws -> [String] {
    try LogReader(path: path, on: disk).records().map { String(decoding: $0.body.prefix { $0 != 0x2E }, as: UTF8.self) }
}

/// Matches a LogError.io with this errno.
private func isIO(_ e: Error, _ code: Int32) -> Bool {
    if case let .io(_, _, got) = e as? LogError { return got == code } else { return false }
}

@Suite("Failing disks")
struct FailingDiskTests {
    @Test("A failed sync: nothing acknowledged, the writer stops for good, a power cut loses nothing acknowledged, a reopened venue carries on")
    func failedSync() throws {
        for seed in UInt64(1)...40 {
            let disk = SimDisk(seed: seed)
            let path = "/v/events.log"
            try LogWriter.create(at: path, createdMicros: 0, on: disk)
            let w = try LogWriter(path: path, on: disk)
            for i in 0..<5 { try w.append(actor: "t:t") { _ in [entry("ok\(i)", pad: 300)] } }
            disk.syncsFail = true
            #expect(throws: LogError.self) { try w.append(actor: "t:t") { _ in [entry("lost", pad: 900)] } }
            #expect(disk.syncFailures == 1)
            disk.syncsFail = false
            // The sync would work now, and "succeed" on pages the kernel forgot: the writer refuses anyway.
            #expect { try w.append(actor: "t:t") { _ in [entry("after")] } } throws: { e in
                guard case let .writerStopped(p, cause) = e as? LogError else { return false }
                return p == path && cause.contains("fdatasync") && cause.contains("Input/output error")
            }
            #expect(try bodies(path, on: disk) == (0..<5).map { "ok\($0)" })
            disk.crash()
            let reopened = try LogWriter(path: path, on: disk)
            #expect(try bodies(path, on: disk) == (0..<5).map { "ok\($0)" }, "seed \(seed)")
            #expect(try reopened.append(actor: "t:t") { _ in [entry("again")] }?.first == 6)
            #expect(try LogVerifier.verify(path: path, on: disk).ok)
        }
    }

    @Test("Group commit: a failed write's cut takes the durable mark back down with it")
    func failedWriteTakesTheMarkBack() throws {
        let disk = SimDisk(seed: 3)
        let path = "/v/events.log"
        try LogWriter.create(at: path, createdMicros: 0, on: disk)
        let w = try LogWriter(path: path, on: disk)
        try w.append(actor: "t:t") { _ in [entry("ok", pad: 300)] }
        let end = Int64(try #require(disk.contents(path)).count)
        let mark = try #require(try disk.open(path, .readWrite).durableMark(created: 0))
        #expect(mark.end == end)
        // Another process's sync read the size while part of the failing batch was in the file and
        // moved the mark past it (here before the write: the simulation runs one call at a time).
        mark.advance(to: end + 150)
        disk.capacity = Int(end) + 200
        #expect(throws: LogError.self) { try w.append(actor: "t:t") { _ in [entry("too big", pad: 900)] } }
        #expect(disk.contents(path)?.count == Int(end))
        #expect(mark.end == end, "the mark must not claim bytes the cut took away, or the next batch in their place")
        disk.capacity = nil
        #expect(try w.append(actor: "t:t") { _ in [entry("again")] }?.first == 2)
        #expect(try bodies(path, on: disk) == ["ok", "again"])
    }

    @Test("A full disk (ENOSPC) and a file-size limit (EFBIG): the append fails whole, nothing is acknowledged, and the same writer carries on once there is room",
          arguments: ["ENOSPC", "EFBIG"])
    func noRoom(kind: String) throws {
        let disk = SimDisk(seed: 7)
        let path = "/v/events.log"
        try LogWriter.create(at: path, createdMicros: 0, on: disk)
        let w = try LogWriter(path: path, on: disk)
        var acked = 0
        // Fill to within a few hundred bytes of the limit, then a batch of three that cannot fit.
        let limit = 32 + 20 * 400 + 250
        if kind == "ENOSPC" { disk.capacity = limit } else { disk.maxFileSize = limit }
        var failure: Error?
        while failure == nil {
            do {
                try w.append(actor: "t:t") { _ in [entry("r\(acked)", pad: 300)] }
                acked += 1
            } catch { failure = error }
        }
        let error = try #require(failure)
        let code: Int32 = kind == "ENOSPC" ? ENOSPC : EFBIG
        let cause = kind == "ENOSPC" ? "No space left on device" : "File too large"
        let message = String(describing: error)
        let matches = isIO(error, code)
        #expect(matches, Comment(rawValue: message))
        let oneLine = message.hasPrefix(path + ": write failed: ") && !message.contains("\n") && message.contains(cause)
        #expect(oneLine, Comment(rawValue: message))
        #expect(acked > 15)
        // A partial batch never stays: the file holds exactly the acknowledged records.
        #expect(try bodies(path, on: disk) == (0..<acked).map { "r\($0)" })
        #expect(try LogReader(path: path, on: disk).readNew { _ in } == acked)
        #expect(throws: LogError.self) { try w.append(actor: "t:t") { _ in [entry("b0"), entry("b1", pad: 400), entry("b2")] } }
        // Space is back: the same writer appends again, with no gap in the sequence.
        disk.capacity = nil; disk.maxFileSize = nil
        #expect(try w.append(actor: "t:t") { _ in [entry("b0"), entry("b1", pad: 400), entry("b2")] }?.first == UInt64(acked + 1))
        disk.crash()
        _ = try LogWriter(path: path, on: disk)
        #expect(try bodies(path, on: disk) == (0..<acked).map { "r\($0)" } + ["b0", "b1", "b2"])
        #expect(try LogVerifier.verify(path: path, on: disk).ok)
    }

    @Test("A venue on a full disk: the command fails with one line naming the log and the cause, the state is unchanged, and the venue works once space is back")
    func venueOnFullDisk() throws {
        let dir = TempDir()
        let venue = try Venue.create(directory: dir.path, definition: DemoCompetition.definition(start: Date(timeIntervalSince1970: 1_750_000_000)))
        let before = venue.state.lastSeq
        // The real disk cannot be filled here; a tmpfs mount (below) covers the real ENOSPC.
        let disk = SimDisk(seed: 1)
        let path = "/v/events.log"
        try LogWriter.create(at: path, createdMicros: 0, on: disk)
        let writer = try LogWriter(path: path, on: disk)
        let staff = Actor(.staff, "wang")
        // Copy the venue's log onto the simulated disk, then run the venue's commands against it.
        for r in try LogReader(path: venue.logPath).records() {
            try writer.append(actor: r.actor, timeMicros: r.timeMicros) { _ in [RawEntry(type: r.type, body: r.body)] }
        }
        let simVenue = try Venue(directory: "/v", on: disk)
        #expect(simVenue.state.lastSeq == before)
        disk.capacity = disk.used + 10
        #expect { try simVenue.execute(.announce(text: "午餐时间 12:00", priority: .normal, until: nil), as: staff) } throws: { e in
            isIO(e, ENOSPC) && "\(e)".contains(path)
        }
        #expect(simVenue.state.lastSeq == before)
        #expect(simVenue.state.announcements.isEmpty)
        disk.capacity = nil
        #expect(try simVenue.execute(.announce(text: "午餐时间 12:00", priority: .normal, until: nil), as: staff)?.first == before + 1)
        #expect(simVenue.state.announcements.count == 1)
    }

    @Test("A real full disk (a 192 KiB tmpfs, when this user may mount one): podium says which file and why, acknowledges nothing, and works once space is freed")
    func realFullDisk() throws {
        let mnt = TempDir()
        guard getuid() == 0, shell("mount -t tmpfs -o size=192k podium-test \(mnt.path)") == 0 else {
            print("realFullDisk: not run (mounting a tmpfs needs root); the simulated ENOSPC test covers the writer")
            return
        }
        defer { _ = shell("umount \(mnt.path)") }
        let venue = mnt.file("venue")
        let init_ = try runPodium(["init", venue, "--demo"])
        try #require(init_.status == 0, "\(init_.err)")
        // Fill the rest of the file system.
        _ = shell("dd if=/dev/zero of=\(mnt.file("filler")) bs=4k 2>/dev/null")
        let seqBefore = try LogReader(path: venue + "/events.log").records().count
        var failed: (status: Int32, out: String, err: String)?
        for i in 0..<200 {
            let r = try runPodium(["announce", venue, "通知 \(i): " + String(repeating: "场馆开放 ", count: 20)])
            if r.status != 0 { failed = r; break }
        }
        let f = try #require(failed, "the disk never filled")
        let line = f.err.trimmingCharacters(in: .newlines)
        #expect(!line.contains("\n"), "one line: \(f.err)")
        #expect(line.contains(venue + "/events.log") && line.contains("No space left on device"), "\(line)")
        let records = try LogReader(path: venue + "/events.log").records().count
        #expect(try LogVerifier.verify(path: venue + "/events.log").ok)
        #expect(records >= seqBefore)
        unlink(mnt.file("filler"))
        let again = try runPodium(["announce", venue, "恢复 back"])
        #expect(again.status == 0, "\(again.err)")
        #expect(try LogReader(path: venue + "/events.log").records().count == records + 1)
    }
}

/// Runs a shell command; returns its exit status.
func shell(_ command: String) -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return -1 }
    p.waitUntilExit()
    return p.terminationStatus
}
