import Foundation
import Testing
@testable import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

@Suite("Signed checkpoints", .serialized)
struct CheckpointTests {
    static let created: Int64 = 1_750_000_000_000_000

    /// The same definition (with the jury's key registered) and the same first `n - 1` records;
    /// from record `n` on, `rewrite` gives other marks. Both logs have fully valid chains.
    static func histories(key: SigningKey, rewriteFrom n: Int) -> (original: [EventRecord], rewritten: [EventRecord]) {
        let day = simulatedDay(commands: 400)
        let pub = key.publicKey.rawRepresentation
        let register = EventRecord(seq: 0, time: day[0].time, actor: "staff:wang",
                                   event: .keyRegistered(RegisteredKey(id: SigningKeys.fingerprint(pub), publicKey: pub, holder: "评审组长 jury chair")))
        let defs = day.prefix { if case .markEntered = $0.event { return false }; return true }
        var original = Array(defs) + [register] + day.dropFirst(defs.count)
        for i in original.indices { original[i].seq = UInt64(i + 1) }
        var rewritten = original
        for i in (n - 1)..<rewritten.count {
            if case var .markEntered(m) = rewritten[i].event, case let .measurement(v) = m.value {
                m.value = .measurement(Fixed2(hundredths: max(0, v.hundredths - 1)))
                rewritten[i].event = .markEntered(m)
            }
        }
        return (original, rewritten)
    }

    static func checkpoint(_ records: [EventRecord], dir: String, at seq: UInt64, key: SigningKey) throws -> Checkpoint {
        let head = try #require(try chainHead(of: StoreLogHistory(path: Venue.logPath(dir)), at: seq))
        return try Checkpoint.sign(competition: "sh2025demo", seq: seq, head: head.chain, time: Date(timeIntervalSince1970: 1_750_400_000), with: key)
    }

    @Test("A rewritten history passes plain log verify but fails --checkpoint of the original at any seq ≥ N, and passes before N")
    func rewrittenHistory() throws {
        let key = SigningKey()
        let dir = TempDir()
        let firstMark = try #require(Self.histories(key: key, rewriteFrom: 1).original.firstIndex { if case .markEntered = $0.event { return true }; return false })
        let n = firstMark + 40  // the first record that differs (a measurement from there on)
        let (original, rewritten) = Self.histories(key: key, rewriteFrom: n)
        let changed = try #require((n - 1..<original.count).first { original[$0] != rewritten[$0] })
        let N = UInt64(changed + 1)
        let competition = original[0].event
        guard case let .competitionDefined(info) = competition else { Issue.record("no definition"); return }
        try writeVenue(dir.file("orig"), original, createdMicros: Self.created)
        try writeVenue(dir.file("fake"), rewritten, createdMicros: Self.created)
        // Plain verify: both are whole, valid chains.
        for v in ["orig", "fake"] {
            let r = try runPodium(["log", "verify", dir.file(v)])
            #expect(r.status == 0, "\(v): \(r.err)")
        }
        var files: [UInt64: String] = [:]
        for seq in [N - 5, N - 1, N, N + 1, N + 100, UInt64(original.count)] {
            var cp = try Self.checkpoint(original, dir: dir.file("orig"), at: seq, key: key)
            cp.competition = info.id
            cp.signature = Array(try key.signature(for: cp.message))
            let path = dir.file("cp-\(seq).txt")
            try CheckpointFile.text(cp).write(toFile: path, atomically: true, encoding: .utf8)
            files[seq] = path
            // The original holds every one of them.
            let ok = try runPodium(["log", "verify", dir.file("orig"), "--checkpoint", path])
            #expect(ok.status == 0, "seq \(seq): \(ok.err)")
            #expect(ok.out.contains("1 checkpoint hold"))
        }
        for (seq, path) in files.sorted(by: { $0.key < $1.key }) {
            let r = try runPodium(["log", "verify", dir.file("fake"), "--checkpoint", path])
            if seq >= N {
                #expect(r.status != 0, "seq \(seq) must fail on the rewritten log")
                #expect(r.err.contains("checkpoint \(path): the log no longer holds the signed history: at seq \(seq)"), "\(r.err)")
                #expect(r.err.split(separator: "\n").count == 1)
            } else {
                #expect(r.status == 0, "seq \(seq) < N = \(N) must pass: \(r.err)")
            }
        }
        // Several at once: the failing one is named.
        let both = try runPodium(["log", "verify", dir.file("fake"), "--checkpoint", files[N - 1]!, "--checkpoint", files[N + 100]!])
        #expect(both.status != 0 && both.err.contains(files[N + 100]!))
    }

    @Test("An edited checkpoint file fails its signature; a key not in the log is named; a malformed file names its line")
    func editedCheckpoint() throws {
        let key = SigningKey()
        let dir = TempDir()
        let (original, _) = Self.histories(key: key, rewriteFrom: 100)
        try writeVenue(dir.path, original, createdMicros: Self.created)
        guard case let .competitionDefined(info) = original[0].event else { return }
        let head = try #require(try chainHead(of: StoreLogHistory(path: Venue.logPath(dir.path)), at: 200))
        let cp = try Checkpoint.sign(competition: info.id, seq: 200, head: head.chain, time: Date(timeIntervalSince1970: 1_750_400_000), with: key)
        let text = CheckpointFile.text(cp)
        #expect(try CheckpointFile.parse(text, file: "x") == cp)
        // Move the checkpoint to another seq (keeping everything else): the signature no longer holds.
        let edited = text.replacingOccurrences(of: "seq 200\n", with: "seq 201\n")
        let path = dir.file("edited.txt")
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try runPodium(["log", "verify", dir.path, "--checkpoint", path])
        #expect(r.status != 0)
        #expect(r.err.contains("checkpoint \(path): the signature does not check against key \(cp.key)"), "\(r.err)")
        // Signed by a key the log never registered.
        let stranger = try Checkpoint.sign(competition: info.id, seq: 200, head: head.chain, time: Date(), with: SigningKey())
        try CheckpointFile.text(stranger).write(toFile: path, atomically: true, encoding: .utf8)
        let s = try runPodium(["log", "verify", dir.path, "--checkpoint", path])
        #expect(s.status != 0 && s.err.contains("which is not registered in this log"), "\(s.err)")
        // A file that is not a checkpoint, or has a broken line.
        try text.replacingOccurrences(of: "head ", with: "hed ").write(toFile: path, atomically: true, encoding: .utf8)
        let m = try runPodium(["log", "verify", dir.path, "--checkpoint", path])
        #expect(m.status != 0 && m.err.contains("\(path):5: expected \"head …\""), "\(m.err)")
        let missing = try runPodium(["log", "verify", dir.path, "--checkpoint", dir.file("nope")])
        #expect(missing.status != 0 && missing.err.contains("nope"))
    }

    @Test("keys new: 0600, never overwritten; a key readable by others is refused; checkpoint, plain verify of checkpoint events")
    func keysAndCheckpointCommand() throws {
        let dir = TempDir()
        let venue = dir.file("v")
        try writeVenue(venue, simulatedDay(commands: 100), createdMicros: Self.created)
        let keyFile = dir.file("jury.key")
        let made = try runPodium(["keys", "new", keyFile])
        #expect(made.status == 0, "\(made.err)")
        var st = stat()
        #expect(stat(keyFile, &st) == 0 && st.st_mode & 0o777 == 0o600)
        #expect(FileManager.default.fileExists(atPath: keyFile + ".pub"))
        let again = try runPodium(["keys", "new", keyFile])
        #expect(again.status != 0 && again.err.contains("already exists"))
        // Not registered yet: refused, nothing appended.
        let before = try LogReader(path: Venue.logPath(venue)).records().count
        let early = try runPodium(["log", "checkpoint", venue, "--key", keyFile])
        #expect(early.status != 0 && early.err.contains("is not registered in this log"), "\(early.err)")
        #expect(try LogReader(path: Venue.logPath(venue)).records().count == before)
        let reg = try runPodium(["keys", "register", venue, keyFile + ".pub", "--holder", "评审组长"])
        #expect(reg.status == 0, "\(reg.err)")
        let twice = try runPodium(["keys", "register", venue, keyFile + ".pub", "--holder", "x"])
        #expect(twice.status != 0 && twice.err.contains("already registered"))
        // Readable by others: refused before anything is signed.
        chmod(keyFile, 0o644)
        let open = try runPodium(["log", "checkpoint", venue, "--key", keyFile])
        #expect(open.status != 0 && open.err.contains("can be read by others (mode 644)"), "\(open.err)")
        chmod(keyFile, 0o640)
        #expect(try runPodium(["log", "checkpoint", venue, "--key", keyFile]).status != 0)
        chmod(keyFile, 0o600)
        let cpFile = dir.file("cp.txt")
        let cp = try runPodium(["log", "checkpoint", venue, "--key", keyFile, "--output", cpFile])
        #expect(cp.status == 0, "\(cp.err)")
        let records = try LogReader(path: Venue.logPath(venue)).records()
        let last = try EventRecord(records.last!)
        guard case let .checkpointSigned(signed) = last.event else { Issue.record("no checkpoint event"); return }
        #expect(signed.seq == last.seq - 1)
        let text = try String(contentsOfFile: cpFile, encoding: .utf8)
        #expect(try CheckpointFile.parse(text, file: cpFile) == signed)
        let verify = try runPodium(["log", "verify", venue, "--checkpoint", cpFile])
        #expect(verify.status == 0 && verify.out.contains("2 checkpoints hold (1 given, 1 in the log)"), "\(verify.out) \(verify.err)")
        #expect(try runPodium(["log", "verify", venue]).out.contains("1 checkpoint hold (0 given, 1 in the log)"))
    }

    @Test("log checkpoint --every signs at once and keeps running until stopped")
    func scheduled() throws {
        let dir = TempDir()
        let venue = dir.file("v")
        try writeVenue(venue, simulatedDay(commands: 50), createdMicros: Self.created)
        let keyFile = dir.file("k")
        #expect(try runPodium(["keys", "new", keyFile]).status == 0)
        #expect(try runPodium(["keys", "register", venue, keyFile + ".pub", "--holder", "jury"]).status == 0)
        // Spawned clean (signals unblocked): a child of Foundation's Process inherits the test
        // threads' blocked SIGTERM and could not be stopped.
        let pid = try CleanSpawn.spawn([podiumBinary(), "log", "checkpoint", venue, "--key", keyFile, "--output", dir.file("cp"), "--every", "10"],
                                       environment: ProcessInfo.processInfo.environment) { actions in
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var status: Int32 = 0
        var reaped = false
        defer { if !reaped { kill(pid, SIGKILL); _ = waitpid(pid, &status, 0) } }
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: dir.file("cp")) && Date() < deadline { usleep(20_000) }
        let cp = try CheckpointFile.parse(try String(contentsOfFile: dir.file("cp"), encoding: .utf8), file: "cp")
        #expect(FileManager.default.fileExists(atPath: dir.file("cp-\(cp.seq)")))
        #expect(waitpid(pid, &status, WNOHANG) == 0, "it keeps running until stopped")
        kill(pid, SIGTERM)
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        reaped = true
        #expect(status & 0x7f == SIGTERM, "stopped by SIGTERM")
        let verify = try runPodium(["log", "verify", venue, "--checkpoint", dir.file("cp")])
        #expect(verify.status == 0 && verify.out.contains("2 checkpoints hold (1 given, 1 in the log)"), "\(verify.out) \(verify.err)")
    }

    @Test("Plain log verify checks every checkpoint event in the log")
    func checkpointEventsInTheLog() throws {
        let key = SigningKey()
        let dir = TempDir()
        var (original, rewritten) = Self.histories(key: key, rewriteFrom: 150)
        guard case let .competitionDefined(info) = original[0].event else { return }
        let d = UInt64(try #require(original.indices.first { original[$0] != rewritten[$0] }) + 1)
        // The original's chain before the rewrite and at its end, signed, appended to both as events.
        try writeVenue(dir.file("o"), original, createdMicros: Self.created)
        let h = StoreLogHistory(path: Venue.logPath(dir.file("o")))
        let end = UInt64(original.count)
        let early = try Checkpoint.sign(competition: info.id, seq: d - 1, head: try #require(try chainHead(of: h, at: d - 1)).chain, time: Date(), with: key)
        let late = try Checkpoint.sign(competition: info.id, seq: end, head: try #require(try chainHead(of: h, at: end)).chain, time: Date(), with: key)
        for cp in [early, late] {
            let t = original.last!.time
            original.append(EventRecord(seq: UInt64(original.count + 1), time: t, actor: "system:checkpoint", event: .checkpointSigned(cp)))
            rewritten.append(EventRecord(seq: UInt64(rewritten.count + 1), time: t, actor: "system:checkpoint", event: .checkpointSigned(cp)))
        }
        try writeVenue(dir.file("o2"), original, createdMicros: Self.created)
        try writeVenue(dir.file("f2"), rewritten, createdMicros: Self.created)
        let ok = try runPodium(["log", "verify", dir.file("o2")])
        #expect(ok.status == 0 && ok.out.contains("2 checkpoints hold"), "\(ok.err)")
        let bad = try runPodium(["log", "verify", dir.file("f2")])
        #expect(bad.status != 0)
        #expect(bad.err.contains("checkpoint event seq \(rewritten.count): the log no longer holds the signed history: at seq \(end)"), "\(bad.err)")
        #expect(!bad.err.contains("seq \(rewritten.count - 1)"), "the checkpoint before the rewrite holds")
    }
}
