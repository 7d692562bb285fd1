import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `podium` executable built beside the test bundle (or PODIUM_BIN), for tests of any target.
public enum PodiumProcess {
    public static var binary: String {
        if let p = ProcessInfo.processInfo.environment["PODIUM_BIN"] { return p }
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [me, me.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("podium").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return me.appendingPathComponent("podium").path
    }

    /// A `podium args` process, not started, in C.UTF-8 with `env` added. `wrapper` is put before
    /// it (`ip netns exec NAME` runs it inside a network namespace).
    static func process(_ args: [String], env: [String: String], wrapper: [String] = []) -> Process {
        let command = wrapper + [binary] + args
        let p = Process()
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst())
        var environment = ProcessInfo.processInfo.environment
        // The language is the test's to choose: the runner's LC_ALL (CI exports C.UTF-8, which
        // outranks LANG), LC_MESSAGES and PODIUM_LANG must not leak in.
        for k in ["LC_ALL", "LC_MESSAGES", "PODIUM_LANG"] { environment[k] = nil }
        environment["LANG"] = "C.UTF-8"
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        return p
    }

    /// Starts `podium args` with stdout on a pipe (stderr passed through).
    public static func start(_ args: [String], env: [String: String] = [:]) throws -> (Process, Pipe) {
        let p = process(args, env: env)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.standardError
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return (p, out)
    }

    /// Runs `podium args` to the end (with `stdin` as its standard input, if given); returns
    /// exit status, stdout and stderr.
    @discardableResult
    public static func run(_ args: [String], env: [String: String] = [:], stdin: String? = nil,
                           wrapper: [String] = []) throws -> (status: Int32, out: String, err: String) {
        let p = process(args, env: env, wrapper: wrapper)
        let errPath = "\(NSTemporaryDirectory())/podium-run-stderr-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { unlink(errPath) }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle(forWritingAtPath: errPath)
        if let stdin {
            // A file, not a pipe, so nothing can block on a full pipe; the open handle keeps it
            // readable once it is unlinked at the end of this block.
            let inPath = errPath + ".in"
            FileManager.default.createFile(atPath: inPath, contents: Data(stdin.utf8))
            defer { unlink(inPath) }
            p.standardInput = FileHandle(forReadingAtPath: inPath)
        } else {
            p.standardInput = FileHandle.nullDevice
        }
        try p.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return (p.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
