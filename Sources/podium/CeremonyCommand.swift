import ArgumentParser
import Foundation
import PodiumCore
import PodiumUI

struct CeremonyCommand: ParsableCommand {
    static let verbs = ["show", "start", "next", "back", "end"]
    static let usage = "podium ceremony DIR show|start|next|back|end"
    static let configuration = CommandConfiguration(
        commandName: "ceremony",
        abstract: "The closing-ceremony reveal: start it, step forward or back, end it; every board follows.",
        usage: "podium ceremony DIR show|start|next|back|end [--lang zh|en]",
        discussion: """
        The reveal goes skill by skill (in the competition's order) bronze, silver, gold, then the \
        gold, medal count and points tables and the team awards (docs/scoring.md). It uses only \
        results the policy lets out: final rounds under at-ceremony (where the reveal is what makes \
        them public), published or final ones otherwise. `start` fixes the steps; `next` and `back` \
        move one step and print the step the hall now sees and the one after it (the presenter's \
        preview); `show` prints where the reveal stands, or, before it starts, the steps it would \
        have. Refused: next past the last step, back before the opening, stepping with no reveal \
        running, starting with nothing to reveal.
        """
    )

    @Argument(help: "The venue directory (or PODIUM_VENUE) and the verb.")
    var words: [String] = []
    @OptionGroup var staff: StaffArguments

    func run() throws {
        let w = try StaffWords(words, verbs: Self.verbs, usage: Self.usage)
        _ = try w.arguments(0, "")
        let v = try Venue(directory: w.directory)
        let lang = RunLanguage.language
        switch w.verb {
        case "show":
            let c = v.state.ceremony
            if c.running {
                print("running: \(Formats(lang: .en, timeZone: v.state.timeZone).ceremonyStep(c.current + 1, of: c.steps.count))")
                describe(v.state, lang: lang)
            } else {
                let plan = Ceremony.plan(v.state)
                print(plan.isEmpty ? "not running; nothing to reveal yet" : "not running; a reveal started now would have \(plan.count) steps:")
                for (i, s) in plan.enumerated() { print("\(i + 1)\t\(RevealText.line(s, state: v.state, lang: lang))") }
            }
        case "start": try step(.startCeremony, v, lang)
        case "next": try step(.ceremonyNext, v, lang)
        case "back": try step(.ceremonyBack, v, lang)
        default: try step(.endCeremony, v, lang)
        }
    }

    func step(_ command: Command, _ v: Venue, _ lang: Language) throws {
        try executeAndReport(command, in: v, staff: staff)
        if v.state.ceremony.running { describe(v.state, lang: lang) }
    }

    /// `now:  ...` (what the hall sees) and `next: ...` (the presenter's preview).
    func describe(_ state: VenueState, lang: Language) {
        let c = state.ceremony
        if let s = c.step { print("now\t\(c.current + 1)/\(c.steps.count)\t\(RevealText.line(s, state: state, lang: lang))") }
        if let s = c.nextStep { print("next\t\(c.current + 2)/\(c.steps.count)\t\(RevealText.line(s, state: state, lang: lang))") }
        else { print("next\t—\t(the last step: `podium ceremony DIR end` ends the reveal)") }
    }
}
