import ArgumentParser
import Foundation
import PodiumCore
import PodiumPostgres
#if canImport(Glibc)
import Glibc
#endif

@main
struct Podium: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podium",
        abstract: "Screens and records for a live skills competition: one append-only event log, folded into boards and consoles.",
        discussion: "Every command but `demo` and `themes` takes a venue directory first; PODIUM_VENUE may stand in for it.",
        subcommands: [
            InitCommand.self,
            AnnounceCommand.self,
            JudgesCommand.self,
            StaffCommand.self,
            ImportCommand.self,
            ResultsCommand.self,
            MedalsCommand.self,
            PublishCommand.self,
            FreezeCommand.self,
            FinalizeCommand.self,
            LogCommand.self,
            SimulateCommand.self,
            BenchCommand.self,
            BoardCommand.self,
            ConsoleCommand.self,
            DemoCommand.self,
            ThemesCommand.self,
            WithdrawCommand.self,
            ScheduleCommand.self,
            ClockCommand.self,
            CeremonyCommand.self,
            ExportCommand.self,
            SnapshotCommand.self,
            JudgeCommand.self,
        ]
    )

    /// Runs the command line. A failure prints one line on stderr and exits non-zero;
    /// `--help` prints help and exits 0.
    static func main() {
        setlocale(LC_ALL, "")
        StoreKinds.register(PostgresStoreKind()) // postgresql:// venues (issue 11)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is CleanExit {
                exit(withError: error) // help and version
            }
            let message = describe(error)
            FileHandle.standardError.write(Data("podium: \(message)\n".utf8))
            Foundation.exit(code == .success ? 1 : code.rawValue)
        }
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case let e as CustomStringConvertible where !(error is ValidationError) && !(type(of: error) is ParsableArguments.Type):
            let text = String(describing: e)
            if text.isEmpty { break }
            if error is CommandError || error is LogError || error is CLIError || error is WireError || error is VenueError || error is CredentialError
                || error is StoreError || error is PostgresStoreError {
                return text.replacingOccurrences(of: "\n", with: " ")
            }
        default: break
        }
        // Argument errors: ArgumentParser's own message, first line only (no usage dump).
        let full = message(for: error)
        return full.split(separator: "\n").first.map(String.init) ?? full
    }
}

/// An error of the command line itself (a missing venue, a bad option value).
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// The venue directory: the first argument, or PODIUM_VENUE.
struct VenueArgument: ParsableArguments {
    @Argument(help: "The venue directory or postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE (or set PODIUM_VENUE).")
    var directory: String?

    func resolve() throws -> String {
        if let d = directory, !d.isEmpty { return d }
        if let d = ProcessInfo.processInfo.environment["PODIUM_VENUE"], !d.isEmpty { return d }
        throw CLIError("no venue directory given (pass DIR or set PODIUM_VENUE)")
    }
}

/// Who runs a plain command: venue staff, named by the login.
func currentStaffActor() -> Actor {
    let env = ProcessInfo.processInfo.environment
    let login = getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } }
    let user = env["PODIUM_ACTOR"] ?? env["USER"] ?? env["LOGNAME"] ?? login ?? String(getuid())
    return Actor(.staff, user)
}
