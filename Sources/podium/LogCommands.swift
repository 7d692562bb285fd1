import ArgumentParser
import Foundation
import PodiumCore

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Read and check the venue's event log.",
        subcommands: [LogTail.self, LogVerify.self, LogCopy.self, LogCheckpoint.self]
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

    @OptionGroup var past: PastArguments

    func run() throws {
        guard format == "text" || format == "json" else { throw CLIError("--format \"\(format)\": expected text or json") }
        let dir = try venue.resolve()
        if let spec = try past.spec() {
            // The log as it stood then: its records up to the moment, nothing after.
            if follow { throw CLIError("--at shows a past moment; it cannot --follow") }
            let h = try history(dir)
            let moment = try PastVenue.resolve(spec, in: h)
            var state = VenueState()
            var out = ""
            try PastVenue.replay(h, through: moment) { raw in
                let record = try EventRecord(raw)
                state.apply(record)
                guard record.seq >= from else { return }
                out += (format == "json" ? try record.jsonLine() : EventText.line(record, state: state)) + "\n"
            }
            notePast(moment, state: state, onStdout: false)
            print(out, terminator: "")
            return
        }
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
                pending.append(Data((EventText.line(record, state: state, lang: RunLanguage.language) + "\n").utf8))
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

    @Option(help: ArgumentHelp("A checkpoint file (`podium log checkpoint --output`) the log must still hold; may be given several times.", valueName: "CP"))
    var checkpoint: [String] = []

    func run() throws {
        let dir = try venue.resolve()
        // Every file first: a file that cannot be read or parsed is named before the log is read.
        let given = try checkpoint.map { path -> (name: String, checkpoint: Checkpoint) in
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw CLIError("checkpoint \(path): cannot read the file")
            }
            return ("checkpoint \(path)", try CheckpointFile.parse(text, file: path))
        }
        var audit = CheckpointAudit(checkpoints: given)
        let kind = try VenueStore.requireVenue(dir)
        let report: VerifyReport
        if kind is FileStoreKind {
            // One pass over the file: frames, chain and checkpoints together.
            report = try LogVerifier.verify(path: Venue.logPath(dir)) { try audit.consume($0) }
        } else {
            // A server checks its rows first; the checkpoints then read them through the history seam.
            report = try VenueStore.verify(dir)
            if report.problem == nil {
                try history(dir).read(from: 1, through: report.records) { try audit.consume($0); return true }
            }
        }
        if let problem = report.problem {
            throw CLIError("verify failed after \(report.records) good records: \(problem)")
        }
        if let first = audit.finish().first { throw CLIError("verify failed: \(first)") }
        let head = report.head?.hex ?? "-"
        let checked = given.count + audit.logCheckpoints
        print("ok: \(report.records) records, \(report.bytes) bytes, chain head \(head)"
              + (checked > 0 ? "; \(checked) checkpoint\(checked == 1 ? "" : "s") hold (\(given.count) given, \(audit.logCheckpoints) in the log)" : ""))
    }
}

struct LogCheckpoint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Sign the log's chain head (competition, seq, time, head) with an Ed25519 key: appended as an event and written as a small text file to keep off the host.",
        discussion: """
        The key's public half must be registered in the log first (`podium keys register`). With \
        --every MINUTES it keeps signing until stopped, a checkpoint whenever the log has grown \
        (for a service or a cron line); each file is then written as CP (replaced atomically) and \
        CP-SEQ beside it.
        """
    )

    @OptionGroup var venue: VenueArgument
    @Option(help: "The private key file (`podium keys new`); refused if group or others can read it.")
    var key: String
    @Option(help: "Write the checkpoint here as text (atomically).")
    var output: String?
    @Option(help: "Keep signing every MINUTES minutes until stopped.")
    var every: Int?

    func checkOptions() throws {
        if let every, !(1...1440).contains(every) { throw UsageError("--every \(every): expected 1 to 1440 minutes") }
    }

    func run() throws {
        try checkOptions()
        let dir = try venue.resolve()
        let privateKey = try SigningKeys.loadPrivate(key)
        let venue = try Venue(directory: dir)
        var lastEvent: UInt64 = 0
        while true {
            if let recorded = try signOnce(venue, privateKey, after: lastEvent) { lastEvent = recorded }
            guard let every else { return }
            sleep(UInt32(every * 60))
        }
    }

    /// Signs the log's last record unless it is our own last checkpoint event (nothing new);
    /// returns the seq of the checkpoint event appended.
    func signOnce(_ venue: Venue, _ privateKey: SigningKey, after lastEvent: UInt64) throws -> UInt64? {
        let h = try history(venue.directory)
        guard let head = try h.lastRecord() else { throw CLIError("\(venue.directory): the log is empty") }
        if every != nil, head.seq == lastEvent { return nil }  // nothing new since our last checkpoint
        guard let competition = venue.state.competition?.id else {
            throw CLIError("\(venue.directory): the venue has no competition defined yet")
        }
        let cp = try Checkpoint.sign(competition: competition, seq: head.seq, head: head.chain, time: Date(), with: privateKey)
        let receipt = try venue.execute(.recordCheckpoint(cp), as: Actor(.system, "checkpoint"))
        let text = CheckpointFile.text(cp)
        if let output {
            // The numbered file first: whoever sees CP change finds CP-SEQ already there.
            if every != nil { try AtomicFile.write(Array(text.utf8), to: "\(output)-\(cp.seq)") }
            try AtomicFile.write(Array(text.utf8), to: output)
        } else {
            print(text, terminator: "")
        }
        FileHandle.standardError.write(Data("checkpoint of seq \(cp.seq) (chain \(head.chain.hex)) signed by key \(cp.key), recorded at seq \(receipt?.first ?? 0)\n".utf8))
        return receipt?.last
    }
}

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Ed25519 keys for signed checkpoints: make a key pair, register its public half in the log.",
        subcommands: [KeysNew.self, KeysRegister.self]
    )
}

struct KeysNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Make an Ed25519 key pair: FILE (private, mode 0600) and FILE.pub. Neither is ever overwritten."
    )
    @Argument(help: "The private key file to make (FILE.pub is made beside it).")
    var file: String

    func run() throws {
        let id = try SigningKeys.create(at: file)
        print("key \(id): private key \(file) (mode 0600, keep it off the venue host), public key \(file).pub")
        print("register it with: podium keys register DIR \(file).pub --holder \"WHO KEEPS IT\"")
    }
}

struct KeysRegister: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register a public key in the log (a key.registered event): checkpoints signed by it are then accepted and checked."
    )
    @OptionGroup var venue: VenueArgument
    @Argument(help: "The public key file (FILE.pub from `podium keys new`).")
    var publicKey: String
    @Option(help: "Who holds the private key, in words (\"jury chair\").")
    var holder: String
    @OptionGroup var staff: StaffArguments

    func run() throws {
        let pub = try SigningKeys.loadPublic(publicKey)
        let v = try Venue(directory: try venue.resolve())
        let login = try staff.login(on: v)
        let key = RegisteredKey(id: SigningKeys.fingerprint(pub), publicKey: pub, holder: holder)
        let receipt = try v.execute(.registerKey(key), as: login.actor)
        if !login.checked { StaffArguments.noteUnchecked(v) }
        print("key \(key.id) registered (seq \(receipt!.first))")
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
