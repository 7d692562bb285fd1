import ArgumentParser
import Foundation
import PodiumCore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a venue (a directory, or a postgresql:// database) whose log starts with the competition definition.",
        discussion: "Refuses a directory that already holds a log, or a database that already holds a venue. Nothing is written when the definition has an error."
    )

    @Argument(help: "The venue directory to make (created if missing), or postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE.")
    var directory: String

    @Option(name: .long, help: "The competition definition (competition.toml).")
    var from: String?

    @Flag(help: "Use the built-in demo competition instead, moved to begin three days ago (today 00:00 Asia/Shanghai minus 3 days), so its closing ceremony is three days ahead at 15:00.")
    var demo = false

    func checkOptions() throws {
        if demo, from != nil { throw UsageError("give either --from FILE.toml or --demo, not both") }
        if from == nil, !demo { throw UsageError("give the definition with --from FILE.toml (or --demo)") }
    }

    func run() throws {
        try checkOptions()
        let definition = demo ? DemoCompetition.definition(start: InitDemo.start(now: Date())) : try CompetitionTOML.load(path: from!)
        let venue = try Venue.create(directory: directory, definition: definition)
        let s = venue.state
        print("initialised \(try StoreKinds.kind(of: directory).displayName(directory)): \(s.competition!.id), \(s.delegations.count) delegations, \(s.skills.count) skills, \(s.competitors.count) competitors, \(s.judges.count) judges, \(s.sessions.count) sessions (\(s.lastSeq) events)")
    }
}

struct AnnounceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "announce",
        abstract: "Post an announcement to every board.",
        usage: "podium announce [DIR] TEXT [--priority normal|high|urgent] [--until TIME]"
    )

    @Argument(help: "The venue directory (optional when PODIUM_VENUE is set), then the text.")
    var words: [String] = []
    @OptionGroup var staff: StaffArguments

    @Option(help: "normal, high or urgent.")
    var priority: String = "normal"

    @Option(help: "When it stops showing: an RFC 3339 time (2025-06-24T15:00:00+08:00) or minutes from now (+30).")
    var until: String?

    func run() throws {
        let dir: String, text: String
        switch words.count {
        case 2: (dir, text) = (words[0], words[1])
        case 1:
            text = words[0]
            dir = try VenueArgument(directory: nil).resolve()
        default: throw CLIError("give the venue directory and the announcement text (quote the text)")
        }
        guard let p = Priority(rawValue: priority) else {
            throw CLIError("--priority \"\(priority)\": expected normal, high or urgent")
        }
        let now = Date()
        let venue = try Venue(directory: dir)
        let untilDate = try until.map { try parseWhen($0, now: now, option: "--until", in: venue.state.timeZone) }
        let receipt = try venue.execute(.announce(text: text, priority: p, until: untilDate), as: try staff.actor(on: venue, now: now), now: now)
        var id = ""
        if case let .announcementPosted(a)? = venue.lastAppended.first?.event { id = a.id + " " }
        print("announced \(id)as seq \(receipt!.first)")
    }
}

struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Withdraw an announcement from every board.",
        usage: "podium withdraw [DIR] ID",
        discussion: "ID is the announcement's id as `podium announce` printed it (A1, A2, ...); `podium log tail` lists them too."
    )

    @Argument(help: "The venue directory (optional when PODIUM_VENUE is set), then the announcement's id.")
    var words: [String] = []
    @OptionGroup var staff: StaffArguments

    func run() throws {
        let dir: String, id: String
        switch words.count {
        case 2: (dir, id) = (words[0], words[1])
        case 1:
            id = words[0]
            dir = try VenueArgument(directory: nil).resolve()
        default: throw CLIError("give the venue directory and the announcement's id (e.g. A3)")
        }
        try executeAndReport(.withdrawAnnouncement(id: id), in: try Venue(directory: dir), staff: staff)
    }
}

extension VenueArgument {
    init(directory: String?) { self.init(); self.directory = directory }
}

/// A time as staff type it (`TimeInput`): RFC 3339, "+N" minutes from now, HH:MM in the venue's zone...
func parseWhen(_ s: String, now: Date, option: String, in tz: TimeZone = TimeZone(identifier: "UTC")!) throws -> Date {
    if let d = TimeInput.parse(s, now: now, in: tz) { return d }
    throw CLIError("\(option) \"\(s)\": expected \(TimeInput.accepted), such as 2025-06-24T15:00:00+08:00 or +30")
}
