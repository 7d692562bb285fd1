import Foundation
import Testing
@testable import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

/// Starts `podium bench worker` appending to `log`; stdout is a pipe of "ack SEQ TAG:I" lines.
func startWorker(log: String, tag: String, count: Int, bigEvery: Int = 0, acks: Bool = false) throws -> (Process, Pipe) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: podiumBinary())
    var args = ["bench", "worker", log, "--tag", tag, "--count", String(count), "--body-bytes", "64"]
    if bigEvery > 0 { args += ["--big-every", String(bigEvery)] }
    if acks { args.append("--print-acks") }
    p.arguments = args
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.standardError
    try p.run()
    return (p, out)
}

/// Parses a worker body: "TAG:I:" then padding.
func tagOf(_ body: [UInt8]) -> String {
    let s = String(decoding: body.prefix(40), as: UTF8.self)
    let parts = s.split(separator: ":", maxSplits: 2)
    return "\(parts[0]):\(parts[1])"
}

@Suite("Log across processes", .serialized)
struct LogProcessTests {
    // Concurrent writers and kill -9 of writers run on both stores in PodiumPostgresTests'
    // LogContractTests (one suite: the file and PostgreSQL). Here: the file's own follow modes.

    @Test("A follower sees another process's appends in order, exactly once (inotify, and the polling fallback)",
          arguments: [false, true])
    func followerSeesAppends(polling: Bool) throws {
        let dir = TempDir()
        let log = dir.file("events.log")
        try LogWriter.create(at: log)
        let reader = try LogReader(path: log)
        reader.forcePolling = polling
        #expect((reader.changeDescriptor() == nil) == polling)
        let (p, out) = try startWorker(log: log, tag: "f", count: 300, bigEvery: 11)
        var got: [RawRecord] = []
        let deadline = Date().addingTimeInterval(60)
        try reader.follow { r in
            got.append(r)
            return got.count < 300 && Date() < deadline
        }
        _ = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(got.map(\.seq) == Array(1...300))
        #expect(got.map { tagOf($0.body) } == (0..<300).map { "f:\($0)" })
        #expect(try reader.readNew { _ in } == 0, "nothing delivered twice")
    }
}

@Suite("Log on a full disk", .serialized)
struct LogFullDiskTests {
    @Test("A file-size limit (EFBIG): the writer fails cleanly, acknowledges nothing more, loses nothing, and the log recovers")
    func fileSizeLimit() throws {
        let dir = TempDir()
        let log = dir.file("events.log")
        try LogWriter.create(at: log)
        // ulimit -f counts 1024-byte blocks in bash, 512 in some shells: either way a few KiB.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "ulimit -f 16; exec \"$0\" bench worker \"$1\" --tag z --count 100000 --body-bytes 64 --print-acks", podiumBinary(), log]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus != 0, "the writer must fail, not be killed by SIGXFSZ or carry on")
        #expect(p.terminationReason == .exit)
        #expect(message.contains("File too large"), "\(message)")
        let acked = text.split(separator: "\n").map { String($0.split(separator: " ")[2]) }
        #expect(acked.count > 10)
        // Everything acknowledged is there, nothing more, and the log verifies and takes appends again.
        let records = try LogReader(path: log).records()
        #expect(records.map { String(decoding: $0.body.prefix(8), as: UTF8.self).split(separator: ":").prefix(2).joined(separator: ":") } == acked)
        #expect(try LogVerifier.verify(path: log).ok)
        let w = try LogWriter(path: log)
        #expect(try w.append(actor: "test:t") { _ in [RawEntry(type: 999, body: [1])] }?.first == UInt64(acked.count + 1))
    }
}

/// The file's size in bytes (0 if it cannot be read).