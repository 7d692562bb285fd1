import ArgumentParser
import Foundation
import PodiumCore

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Read and check the venue's event log.",
        subcommands: [LogTail.self, LogVerify.self, LogCopy.self]
    )
}

struct LogTail: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print events, oldest first; --follow keeps printing new ones as they are appended."
    )

    @OptionGroup var venue: VenueArgument

    @Option(help: "First sequence number to print.")
    var from: UInt64 = 1

    @Flag(help: "Keep following the log (Ctrl-C to stop).")
    var follow = false

    @Option(help: "text or json (one JSON object per line).")
    var format: String = "text"

    func run() throws {
        guard format == "text" || format == "json" else { throw CLIError("--format \"\(format)\": expected text or json") }
        let dir = try venue.resolve()
        let reader = try VenueStore.reader(dir)
        var state = VenueState()
        let out = FileHandle.standardOutput
        var pending = Data()
        func emit(_ raw: RawRecord) throws {
            let record = try EventRecord(raw)
            state.apply(record)
            guard record.seq >= from else { return }
            if format == "json" {
                pending.append(Data((try record.jsonLine() + "\n").utf8))
            } else {
                pending.append(Data((EventText.line(record, state: state) + "\n").utf8))
            }
            if pending.count > 1 << 16 { out.write(pending); pending.removeAll(keepingCapacity: true) }
        }
        try reader.readNew { try emit($0) }
        out.write(pending); pending.removeAll()
        if let torn = (reader as? LogReader)?.tornTail, !follow {
            throw CLIError("the log's tail is damaged after seq \(reader.lastSeq) (\(torn)); the next writer repairs it, or run `podium log verify`")
        }
        guard follow else { return }
        // A lost link is said once on stderr and followed on; the records resume when it is back.
        reader.onLinkChange = { link in
            switch link {
            case let .lost(_, reason): FileHandle.standardError.write(Data("podium: link lost: \(reason)\n".utf8))
            case .up: FileHandle.standardError.write(Data("podium: link back\n".utf8))
            }
        }
        try reader.followLive { raw in
            try emit(raw)
            out.write(pending); pending.removeAll()
            return true
        }
    }
}

struct LogVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every frame, checksum, sequence number and the SHA-256 chain; exit 0 only if all hold."
    )

    @OptionGroup var venue: VenueArgument

    func run() throws {
        let dir = try venue.resolve()
        try VenueStore.requireVenue(dir)
        let report = try VenueStore.verify(dir)
        if let problem = report.problem {
            throw CLIError("verify failed after \(report.records) good records: \(problem)")
        }
        let head = report.head?.hex ?? "-"
        print("ok: \(report.records) records, \(report.bytes) bytes, chain head \(head)")
    }
}

struct LogCopy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole venue's log between stores (directory or postgresql:// URL), checking the chain as it goes.",
        discussion: """
            SRC and DST are each a venue directory or a postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE URL. \
            The copy has the same records, batches and SHA-256 chain values; DST must not hold a venue yet. \
            On any failure the half-made DST is removed. Credentials are not copied (set them again on DST).
            """
    )

    @Argument(help: "The venue to copy from.")
    var source: String

    @Argument(help: "Where to copy it (a new directory or an empty database).")
    var destination: String

    func run() throws {
        let report = try PodiumCore.LogCopy.copy(from: source, to: destination)
        let name = try StoreKinds.kind(of: destination).displayName(destination)
        print("copied \(report.records) records in \(report.batches) batches to \(name), chain head \(report.head.hex)")
    }
}
