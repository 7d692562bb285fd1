import ArgumentParser
import Foundation
import PodiumCore
import PodiumUI

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// A plain-text table whose columns line up for Chinese names too (PodiumUI's width authority).
func textTable(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) -> String {
    let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map { TextWidth.width(of: $0) }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, c in TextWidth.pad(c, to: widths[i], alignment: rightAligned.contains(i) ? .right : .left) }
            .joined(separator: "  ")
    }
    return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line))
        .joined(separator: "\n") + "\n"
}

struct ResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "Standings of each skill and round: rank, score, medal, provisional marker and status.",
        discussion: "Shows every mark entered so far (staff view); --public shows only what the board may show under the results policy."
    )

    @OptionGroup var venue: VenueArgument
    @Option(help: "Only this skill.") var skill: String?
    @Option(help: "Only this round (with --skill).") var round: String?
    @Option(help: "table, json or csv.") var format: OutputFormat = .table
    @Flag(help: "Only results the results policy makes public.") var `public` = false
    @OptionGroup var past: PastArguments

    func run() throws {
        let (state, now, moment) = try venueState(try venue.resolve(), past: past)
        notePast(moment, state: state, onStdout: format == .table)
        if let skill, !state.skills.contains(skill) { throw CLIError("--skill \(skill): no such skill") }
        if let round, skill == nil { throw CLIError("--round \(round) needs --skill") }
        var keys = state.roundKeys.filter { k in
            (skill == nil || k.skill == skill) && (round == nil || k.round == round) && state.skills[k.skill]!.kind == .official
        }
        if let round, keys.isEmpty { throw CLIError("--round \(round): skill \(skill!) has no such round") }
        var rounds: [RoundStandings] = []
        for k in keys {
            if self.public {
                if let s = state.publicStandings(k, now: now) { rounds.append(s) }
            } else {
                rounds.append(state.standings(k))
            }
        }
        keys = rounds.map(\.key)
        switch format {
        case .json: print(ResultsOutput.resultsJSON(rounds))
        case .csv: print(ResultsOutput.resultsCSV(rounds, state: state), terminator: "")
        case .table:
            for r in rounds {
                let s = state.skills[r.key.skill]!
                let roundName = s.rounds.first { $0.id == r.key.round }?.name.text(.zh) ?? r.key.round
                print("\(r.key.skill) \(s.name.text(.zh)) · \(roundName) — \(r.status.rawValue), marked \(r.marked)/\(r.expected) (\(r.progressPercent)%)")
                let rows = r.entries.map { e -> [String] in
                    [String(e.rank), e.competitor, state.competitors[e.competitor]?.name ?? "", e.delegation,
                     e.raw.description, e.score.description, e.medal?.rawValue ?? (e.advances == true ? "advances" : ""),
                     e.provisional ? "provisional" : ""]
                }
                print(textTable(["rank", "id", "name", "delegation", "raw", "score", "award", ""], rows, rightAligned: [0, 4, 5]))
            }
        }
    }
}

struct MedalsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "medals",
        abstract: "Delegation tables (gold, medal count, points) and team awards, from the final rounds."
    )

    @OptionGroup var venue: VenueArgument
    @Option(help: "table, json or csv.") var format: OutputFormat = .table
    @Option(help: "Which table to list for json and csv: gold, count or points (default: the competition's team table).")
    var table: String?
    @Flag(help: "Only medals the results policy makes public.") var `public` = false
    @OptionGroup var past: PastArguments

    func run() throws {
        let (state, now, moment) = try venueState(try venue.resolve(), past: past)
        notePast(moment, state: state, onStdout: format == .table)
        let (tables, awards) = state.medalTables(publicOnly: self.public, now: now)
        let chosen: TeamTable
        if let table {
            guard let t = TeamTable(rawValue: table) else { throw CLIError("--table \(table): expected gold, count or points") }
            chosen = t
        } else {
            chosen = state.competition?.teamTable ?? .points
        }
        switch format {
        case .json: print(ResultsOutput.medalsJSON(tables.table(chosen), awards: awards))
        case .csv: print(ResultsOutput.medalsCSV(tables.table(chosen), state: state), terminator: "")
        case .table:
            for (title, t) in [("Gold table 金牌榜", TeamTable.gold), ("Medal count 奖牌数", .count), ("Points 积分榜", .points)] {
                print(title + (t == (state.competition?.teamTable ?? .points) ? "  (team awards)" : ""))
                let rows = tables.table(t).map { d in
                    [String(d.rank), d.delegation, state.delegations[d.delegation]?.name.text(.zh) ?? "", String(d.gold), String(d.silver),
                     String(d.bronze), String(d.excellence), String(d.medalCount), String(d.points)]
                }
                print(textTable(["rank", "id", "delegation", "gold", "silver", "bronze", "excellence", "medals", "points"], rows,
                                rightAligned: [0, 3, 4, 5, 6, 7, 8]))
            }
            func names(_ ids: [String]) -> String { ids.isEmpty ? "—" : ids.map { state.delegations[$0]?.name.text(.zh) ?? $0 }.joined(separator: "、") }
            print("Team awards 团体奖: gold \(names(awards.gold)) · silver \(names(awards.silver)) · bronze \(names(awards.bronze))")
        }
    }
}

// publish, freeze and finalize: the same checks as the staff console.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "publish",
        abstract: "Publish a signed-off round: the board shows its results (policy on-publish).")
    @OptionGroup var target: PublicationArguments
    func run() throws { try target.execute({ .publish($0) }, done: "published") }
}

struct FreezeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "freeze",
        abstract: "Freeze a round's public standings (policy live) until it is published.")
    @OptionGroup var target: PublicationArguments
    func run() throws { try target.execute({ .freeze($0) }, done: "frozen") }
}

struct FinalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "finalize",
        abstract: "Make a published round final: refused while marks are missing, disputed or unlocked.")
    @OptionGroup var target: PublicationArguments
    func run() throws { try target.execute({ .finalize($0) }, done: "final") }
}

struct PublicationArguments: ParsableArguments {
    @Argument(help: "The venue directory (or PODIUM_VENUE), the skill, and optionally the round (default: the skill's last).")
    var words: [String] = []

    @OptionGroup var staff: StaffArguments

    func execute(_ make: (RoundKey) -> Command, done: String) throws {
        let dir: String, skill: String, round: String?
        let env = ProcessInfo.processInfo.environment["PODIUM_VENUE"]
        switch words.count {
        case 3: (dir, skill, round) = (words[0], words[1], words[2])
        case 2 where FileManager.default.fileExists(atPath: Venue.logPath(words[0])): (dir, skill, round) = (words[0], words[1], nil)
        case 2 where env != nil: (dir, skill, round) = (env!, words[0], words[1])
        case 1 where env != nil: (dir, skill, round) = (env!, words[0], nil)
        default: throw CLIError("give the venue directory (or set PODIUM_VENUE), the skill, and optionally the round")
        }
        let v = try Venue(directory: dir)
        guard let s = v.state.skills[skill] else { throw CLIError("no skill \"\(skill)\"") }
        let key = RoundKey(skill: skill, round: round ?? s.rounds.last?.id ?? "")
        let login = try staff.login(on: v)
        let receipt = try v.execute(make(key), as: login.actor)
        if !login.checked { StaffArguments.noteUnchecked(v) }
        print("\(key) \(done) (seq \(receipt!.first))")
    }
}
