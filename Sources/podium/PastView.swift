import ArgumentParser
import Foundation
import PodiumCore
import PodiumUI

/// `--at TIME|SEQ`: the venue as it stood then, folded through the `LogHistory` seam. Read-only:
/// a past view opens no writer, so it can neither append nor repair the log.
struct PastArguments: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Show the venue as it stood then (read-only): a sequence number, an ISO 8601 time with offset, HH:MM (competition time zone, the log's last day) or \"YYYY-MM-DD HH:MM\".",
        valueName: "TIME|SEQ"))
    var at: String?

    /// The spec, parsed (nil without --at).
    func spec() throws -> AtSpec? { try at.map(AtSpec.parse) }

    /// The state at --at, or nil without it.
    func load(_ dir: String) throws -> (state: VenueState, moment: PastMoment)? {
        guard let spec = try spec() else { return nil }
        return try PastVenue.state(spec, in: try history(dir))
    }
}

/// The read seam for a venue (a directory or a postgresql:// URL). The only place the CLI's past views open the log.
func history(_ dir: String) throws -> LogHistory {
    let kind = try VenueStore.requireVenue(dir)
    return StoreLogHistory { try kind.openReader(dir) }
}

/// The state for a command that can show the past: the live venue, or the one at --at.
/// `now` is the moment publication rules are applied at.
func venueState(_ dir: String, past: PastArguments) throws -> (state: VenueState, now: Date, moment: PastMoment?) {
    if let (state, moment) = try past.load(dir) { return (state, moment.time, moment) }
    return (try Venue(directory: dir).state, Date(), nil)
}

/// A past view's marking for plain output: on stdout before a table, on stderr otherwise (so
/// JSON and CSV stay machine-readable).
func notePast(_ moment: PastMoment?, state: VenueState, onStdout: Bool) {
    guard let moment else { return }
    let line = PastViewText.line(moment, timeZone: state.timeZone)
    if onStdout { print(line) } else { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}
