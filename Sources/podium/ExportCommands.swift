import ArgumentParser
import Foundation
import PodiumCore
import PodiumUI

enum ExportFormat: String, ExpressibleByArgument, CaseIterable { case csv, json }
enum SnapshotFormat: String, ExpressibleByArgument, CaseIterable { case txt, html }

/// Writes `text` to `output` atomically (a reader sees the old file or the new one), or to stdout.
func writeOutput(_ text: String, to output: String?) throws {
    guard let output else { print(text, terminator: ""); return }
    try AtomicFile.write(Array(text.utf8), to: output)
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Result files for other systems: position, medal, delegation, skill, competitor, score, raw, round, status.",
        usage: "podium export DIR results --format csv|json [--all] [--lang zh|en] [--output FILE]",
        discussion: """
        By default only what the results policy makes public (what may leave the building); --all \
        exports every round as marked so far (staff view, with its status). Names are in --lang; the \
        ids follow in their own columns. With --output the file is written atomically.
        """
    )

    @Argument(help: "The venue directory (or PODIUM_VENUE), then what to export: results.")
    var words: [String] = []
    @Option(help: "csv or json.") var format: ExportFormat = .csv
    @Flag(help: "Every round, public or not (staff view).") var all = false
    @Option(help: "Write to this file (atomically) instead of stdout.") var output: String?
    @OptionGroup var past: PastArguments

    func run() throws {
        let dir: String
        switch words.count {
        case 2 where words[1] == "results": dir = words[0]
        case 1 where words[0] == "results": dir = try VenueArgument(directory: nil).resolve()
        case 1, 2: throw CLIError("\"\(words.last!)\": the only export is results (podium export DIR results --format csv|json)")
        default: throw CLIError("give the venue directory and what to export: podium export DIR results --format csv|json")
        }
        let lang = RunLanguage.language
        let (state, now, moment) = try venueState(dir, past: past)
        notePast(moment, state: state, onStdout: false)
        let rounds = state.roundKeys.filter { state.skills[$0.skill]?.kind == .official }
            .compactMap { all ? state.standings($0) : state.publicStandings($0, now: now) }
        let rows = ResultsExport.rows(rounds, state: state, lang: lang)
        try writeOutput(format == .csv ? ResultsExport.csv(rows) : ResultsExport.json(rows), to: output)
    }
}

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "The public board as a static file: txt (the board's own screens) or html, for a web page or for print.",
        discussion: """
        Shows exactly what the board shows now: results only as the results policy makes them public, \
        the reveal's current step while a ceremony runs. txt is every page of the board drawn at \
        --width x --height (the reveal page alone during a ceremony), a skill too long for a page on \
        its sub-pages; html is the public results page (one self-contained file: both names, the \
        countdown, the medal tables, each skill's public results; one column on a phone, a grid on \
        a wall screen; every text escaped). --refresh SECONDS makes the html page reload itself, \
        for a wall screen's browser (regenerate the file as often, e.g. from cron). With --output \
        the file is written atomically, so a web server never serves half of one.
        """
    )

    @OptionGroup var venue: VenueArgument
    @Option(help: "txt or html.") var format: SnapshotFormat = .txt
    @Option(help: "Write to this file (atomically) instead of stdout.") var output: String?
    @Option(help: "Only this site's sessions and skills.") var site: String?
    @Option(help: "txt: columns (at least 80).") var width = 100
    @Option(help: "txt: rows (at least 24).") var height = 30
    @Option(help: "html: the page reloads itself every SECONDS (5 to 86400), for a wall screen.") var refresh: Int?
    @OptionGroup var past: PastArguments

    func checkOptions() throws {
        guard width >= BoardScreen.minimumWidth, height >= BoardScreen.minimumHeight, width <= 1000, height <= 500 else {
            throw UsageError("--width and --height must be at least \(BoardScreen.minimumWidth)x\(BoardScreen.minimumHeight) (and at most 1000x500)")
        }
        if let refresh {
            guard format == .html else { throw UsageError(SnapshotMessage.refreshNeedsHTML.said) }
            guard PublicPage.refreshRange.contains(refresh) else { throw UsageError(SnapshotMessage.refreshRange(refresh).said) }
        }
    }

    func run() throws {
        try checkOptions()
        let (state, now, moment) = try venueState(try venue.resolve(), past: past)
        if let site, !state.sites.contains(site) { throw CLIError("--site \(site): no such site") }
        var model = BoardModel(state: state, now: now, options: BoardOptions(lang: RunLanguage.language, site: site))
        model.past = moment
        let text = format == .txt ? BoardSnapshot.text(model, width: width, height: height, now: now) : BoardSnapshot.html(model, now: now, refresh: refresh)
        try writeOutput(text, to: output)
    }
}

/// The snapshot command's own refusals (one place, for the message catalogue).
enum SnapshotMessage: CustomStringConvertible, Localized {
    case refreshNeedsHTML
    case refreshRange(Int)

    var description: String { said.text(.en) }

    var said: Said {
        switch self {
        case .refreshNeedsHTML: return "--refresh reloads a web page: use it with --format html"
        case let .refreshRange(n): let r = PublicPage.refreshRange
            return "--refresh \(n): give the seconds between reloads, \(r.lowerBound) to \(r.upperBound)"
        }
    }
}
