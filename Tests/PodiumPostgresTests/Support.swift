import Foundation
import Testing
import PodiumCore
import PodiumPostgres
import PodiumTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// One throw-away server for the tests of this process that do not stop it (each test takes a
/// database of its own); tests that stop or cut the server make their own.
enum SharedServer {
    nonisolated(unsafe) private static var made: Result<PostgresServer, Error>?
    private static let lock = NSLock()

    static func get() throws -> PostgresServer {
        lock.lock(); defer { lock.unlock() }
        if made == nil { made = Result { try PostgresServer() } }
        return try made!.get()
    }
}

/// Which store a contract test runs on.
enum StoreUnderTest: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case file, postgres
    var testDescription: String { rawValue }
}

/// A new, empty bare log (no competition) on a store, as the log-contract tests need it.
final class ContractLog {
    let store: StoreUnderTest
    let location: String
    let kind: any StoreKind
    /// What `podium bench worker` takes: the log file, or the URL.
    let workerTarget: String
    private let dir: String?

    static let genesis = FileHeader(createdMicros: 1_750_000_000_000_000)

    init(_ store: StoreUnderTest, server: PostgresServer? = nil) throws {
        self.store = store
        switch store {
        case .file:
            var template = Array("\(NSTemporaryDirectory())/podium-contract-XXXXXX".utf8CString)
            let d = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
            dir = d
            location = d
            kind = FileStoreKind()
            workerTarget = Venue.logPath(d)
        case .postgres:
            let s = try server ?? SharedServer.get()
            let db = try s.createDatabase(prefix: "contract")
            dir = nil
            location = s.url(database: db)
            kind = PostgresStoreKind()
            workerTarget = location
        }
        try kind.create(location, genesis: Self.genesis)
    }

    deinit { if let dir { try? FileManager.default.removeItem(atPath: dir) } }

    func reader() throws -> EventReader { try kind.openReader(location) }
    func writer() throws -> EventStore { try kind.openStore(location) { _ in } }
    func verify() throws -> VerifyReport { try kind.verify(location) }
    func records() throws -> [RawRecord] { try reader().records() }
}

/// Starts `podium bench worker` appending to `target`; stdout is a pipe of "ack SEQ TAG:I" lines.
func startWorker(_ target: String, tag: String, count: Int, bigEvery: Int = 0, acks: Bool = false) throws -> (Process, Pipe) {
    var args = ["bench", "worker", target, "--tag", tag, "--count", String(count), "--body-bytes", "64"]
    if bigEvery > 0 { args += ["--big-every", String(bigEvery)] }
    if acks { args.append("--print-acks") }
    return try PodiumProcess.start(args)
}

/// A worker body's tag: "TAG:I".
func tagOf(_ body: [UInt8]) -> String {
    let s = String(decoding: body.prefix(40), as: UTF8.self)
    let parts = s.split(separator: ":", maxSplits: 2)
    return "\(parts[0]):\(parts[1])"
}

/// The tags a worker acknowledged, from its stdout.
func ackedTags(_ out: Pipe) -> [String] {
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return text.split(separator: "\n").filter { $0.hasPrefix("ack ") }.map { String($0.split(separator: " ")[2]) }
}
