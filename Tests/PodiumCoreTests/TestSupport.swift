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

/// Runs `podium` with `args`; returns exit status, stdout and stderr (`PodiumProcess.run`, the
/// one way tests start it).
@discardableResult
func runPodium(_ args: [String], env: [String: String] = [:], stdin: String? = nil,
               wrapper: [String] = []) throws -> (status: Int32, out: String, err: String) {
    try PodiumProcess.run(args, env: env, stdin: stdin, wrapper: wrapper)
}
