import ArgumentParser
import Foundation
import PodiumCore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import competitors, judges or marks from a CSV file: all rows or none.",
        usage: "podium import [DIR] competitors|judges|marks FILE.csv",
        discussion: """
        UTF-8 (a BOM is accepted), or GB 18030/GBK with --encoding gb18030; a header row first; see docs/import-format.md.
          competitors  id,name,delegation,skill[,members]  (members ;-separated)
          judges       id,name,delegation,skills,chief     (skills ;-separated)
          marks        judge,competitor,aspect,score[,round,reason]
        Each mark is checked exactly as typed at its judge's console.
        Errors name the row (the header is row 1) and the column.
        Nothing is appended unless every row is accepted.
        """
    )

    @Argument(help: "The venue directory (optional when PODIUM_VENUE is set), then competitors, judges or marks, then the CSV file.")
    var words: [String] = []
    @OptionGroup var staff: StaffArguments
    @Option(help: "The file's encoding: utf-8 (the default) or gb18030 (also for GBK, as Excel saves CSV on a Chinese Windows).")
    var encoding: String = "utf-8"

    func checkOptions() throws {
        guard TextEncoding(name: encoding) != nil else { throw UsageError("--encoding \"\(encoding)\": expected utf-8 or gb18030") }
    }

    enum Kind: String { case competitors, judges, marks }

    func run() throws {
        try checkOptions()
        let dir: String, kindText: String, file: String
        switch words.count {
        case 3: (dir, kindText, file) = (words[0], words[1], words[2])
        case 2:
            (kindText, file) = (words[0], words[1])
            dir = try VenueArgument(directory: nil).resolve()
        default: throw CLIError("give the venue directory, what to import (competitors, judges or marks) and the CSV file")
        }
        guard let kind = Kind(rawValue: kindText) else {
            throw CLIError("\"\(kindText)\": expected competitors, judges or marks")
        }
        do {
            let table = try CSVReader.read(path: file, encoding: TextEncoding(name: encoding) ?? .utf8)
            let venue = try Venue(directory: dir)
            let actor = try staff.actor(on: venue)
            let command: Command, count: Int
            switch kind {
            case .competitors:
                let list = try Importer.competitors(table, against: venue.state)
                (command, count) = (.registerCompetitors(list), list.count)
            case .judges:
                let list = try Importer.judges(table, against: venue.state)
                (command, count) = (.registerJudges(list), list.count)
            case .marks:
                let rows = try Importer.marks(table)
                (command, count) = (.importMarks(rows), rows.count)
            }
            do {
                guard let receipt = try venue.execute(command, as: actor) else { throw CLIError("\(file): nothing to import") }
                let seqs = receipt.first == receipt.last ? "seq \(receipt.first)" : "seq \(receipt.first)–\(receipt.last)"
                print("imported \(count) \(count == 1 ? String(kind.rawValue.dropLast()) : kind.rawValue) as \(seqs)")
            } catch let e as CommandError {
                // The rows' errors already say "row N, column C: …"; the file goes first.
                throw CommandError(e.kind, "\(file): \(e)")
            }
        } catch let e as ImportError {
            throw CLIError(e.said)
        }
    }
}
