import Foundation
@testable import PodiumCore
import PodiumTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory, removed when the value is dropped. `memory` puts it on tmpfs, for tests
/// that open thousands of damaged copies and care about correctness, not durability.
final class TempDir {
    let path: String
    init(memory: Bool = false) {
        let base = memory && FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        var template = Array("\(base)/podium-test-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }
    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
    func file(_ name: String) -> String { "\(path)/\(name)" }
}

func readBytes(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }
func writeBytes(_ path: String, _ bytes: [UInt8]) { FileManager.default.createFile(atPath: path, contents: Data(bytes)) }

/// Writes `batches` (each a list of bodies) to a new log at `path`, at fixed times.
@discardableResult
func makeLog(_ path: String, batches: [[[UInt8]]], actor: String = "test:t", version: UInt32 = LogFormat.version) throws -> [RawRecord] {
    try LogWriter.create(at: path, createdMicros: 1_750_000_000_000_000, version: version)
    let w = try LogWriter(path: path)
    for (i, b) in batches.enumerated() {
        try w.append(actor: actor, timeMicros: 1_750_000_000_000_000 + Int64(i) * 1_000_000) { _ in
            b.map { RawEntry(type: 999, body: $0) }
        }
    }
    return try LogReader(path: path).records()
}

/// The `podium` executable built beside the test bundle (or PODIUM_BIN).
func podiumBinary() -> String { PodiumProcess.binary }

/// Runs `podium` with `args`; returns exit status, stdout and stderr. `wrapper` is put before
/// it (`ip netns exec NAME` runs it inside a network namespace).
@discardableResult
func runPodium(_ args: [String], env: [String: String] = [:], stdin: String? = nil,
               wrapper: [String] = []) throws -> (status: Int32, out: String, err: String) {
    let p = Process()
    let command = wrapper + [podiumBinary()] + args
    p.executableURL = URL(fileURLWithPath: command[0])
    p.arguments = Array(command.dropFirst())
    var environment = ProcessInfo.processInfo.environment
    // The language is the test's to choose: the runner's own locale (CI exports LC_ALL=C.UTF-8,
    // which outranks LANG) and PODIUM_LANG must not leak in. A test names LANG (or LC_ALL) itself.
    for k in ["LC_ALL", "LC_MESSAGES", "PODIUM_LANG"] { environment[k] = nil }
    environment["LANG"] = "C.UTF-8"
    for (k, v) in env { environment[k] = v }
    p.environment = environment
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    if let stdin {
        let inp = Pipe()
        p.standardInput = inp
        try p.run()
        inp.fileHandleForWriting.write(Data(stdin.utf8))
        try inp.fileHandleForWriting.close()
    } else {
        p.standardInput = FileHandle.nullDevice
        try p.run()
    }
    // Read both pipes to the end before waiting, so a chatty child cannot block on a full pipe.
    nonisolated(unsafe) var errData = Data()
    let t = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
    t.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    while !t.isFinished { usleep(1000) }
    return (p.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}
