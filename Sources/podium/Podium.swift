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
        discussion: """
            Every command but `demo` and `themes` takes a venue directory first; PODIUM_VENUE may stand in for it.
            Every command takes --lang zh|en for what it shows and prints (else PODIUM_LANG, else a zh_* locale in LC_ALL/LC_MESSAGES/LANG means Chinese, else English).
            """,
        subcommands: [
            InitCommand.self,
            AnnounceCommand.self,
            JudgesCommand.self,
            StaffCommand.self,
            ImportCommand.self,
            ResultsCommand.self,
            KeysCommand.self,
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
        let lang: Language
        switch RunLanguage.chosen {
        case let .success(l): lang = l
        case let .failure(e):
            FileHandle.standardError.write(Data("podium: \(e)\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot(RunLanguage.arguments)
            try command.run()
        } catch {
            let code = error is UsageError ? ExitCode.validationFailure : exitCode(for: error)
            if code == .success || error is CleanExit {
                exit(withError: error) // help and version
            }
            let message = describe(error, lang)
            FileHandle.standardError.write(Data("podium: \(message)\n".utf8))
            Foundation.exit(code == .success ? 1 : code.rawValue)
        }
    }

    /// One line: Podium's own errors in `lang`; ArgumentParser's usage errors as it words them.
    static func describe(_ error: Error, _ lang: Language = RunLanguage.language) -> String {
        if let e = error as? Localized {
            let text = e.text(lang)
            if !text.isEmpty { return text.replacingOccurrences(of: "\n", with: " ") }
        }
        // Argument errors: ArgumentParser's own message, first line only (no usage dump).
        let full = message(for: error)
        return full.split(separator: "\n").first.map(String.init) ?? full
    }
}

extension Podium {
    /// An error as a message, to wrap in another (a login failure, a console refusal).
    static func said(_ error: Error) -> Said {
        error is Localized ? Said.describing(error) : Said(verbatim: describe(error, .en))
    }
}

/// A line on stderr that is not the run's last word (a note, a refused simulated command):
/// `podium: …`, in the run's language.
func note(_ said: Said) {
    FileHandle.standardError.write(Data("podium: \(said.text(RunLanguage.language))\n".utf8))
}

/// An error of the command line itself (a missing venue, a bad option value).
struct CLIError: Error, CustomStringConvertible, Localized, Sendable {
    var said: Said
    var description: String { said.text(.en) }
    init(_ d: Said) { said = d }
}

/// A bad option value: exits as ArgumentParser's `ValidationError` does (64), with the
/// message in the run's language. Commands check their options at the start of `run()`
/// (`checkOptions`), not in `validate()`, where ArgumentParser would wrap the error in its own
/// type and print it in English.
struct UsageError: Error, CustomStringConvertible, Localized, Sendable {
    var said: Said
    var description: String { said.text(.en) }
    init(_ d: Said) { said = d }
}

/// The language of this run (`Language.choose`): `--lang zh|en` may stand anywhere on the
/// command line, so every command and screen takes it the same way; it is taken out before
/// the arguments are parsed.
enum RunLanguage {
    /// The arguments without `--lang X` / `--lang=X` (none after a lone `--`), and the flag's value.
    static func split(_ args: [String]) -> (rest: [String], flag: String?) {
        var rest: [String] = []
        var flag: String?
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--" { rest += args[i...]; break }
            if a == "--lang" {
                flag = i + 1 < args.count ? args[i + 1] : ""
                i += 2
                continue
            }
            if a.hasPrefix("--lang=") { flag = String(a.dropFirst(7)); i += 1; continue }
            rest.append(a)
            i += 1
        }
        return (rest, flag)
    }

    static let parts = split(Array(CommandLine.arguments.dropFirst()))
    static var arguments: [String] { parts.rest }
    static let chosen = Result { () throws(LanguageChoiceError) -> Language in
        try Language.choose(flag: parts.flag, environment: ProcessInfo.processInfo.environment)
    }

    /// The chosen language (main has already refused a bad choice).
    static var language: Language { (try? chosen.get()) ?? .en }
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
