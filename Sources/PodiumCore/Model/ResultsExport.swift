import Foundation

/// Result files in the columns WorldSkills' result lists use (position, medal, member, skill,
/// competitor, score), with raw, round and status added, then the ids for machines.
public enum ResultsExport {
    public struct Row: Hashable, Sendable {
        public var position: Int
        public var medal: Medal?
        public var delegation: String
        public var skill: String
        public var competitor: String
        public var score: Fixed2
        public var raw: Fixed2
        public var round: String
        public var status: ResultsStatus
        public var provisional: Bool
        public var competitorID: String
        public var delegationID: String
        public var skillID: String
        public var roundID: String
    }

    public static let csvHeader = "position,medal,delegation,skill,competitor,score,raw,round,status,provisional,competitor_id,delegation_id,skill_id,round_id"

    /// One row per entry of each round, names in `lang`, in the rounds' rank order.
    public static func rows(_ rounds: [RoundStandings], state: VenueState, lang: Language) -> [Row] {
        rounds.flatMap { r -> [Row] in
            let skill = state.skills[r.key.skill]
            let round = skill?.rounds.first { $0.id == r.key.round }?.name.text(lang) ?? r.key.round
            return r.entries.map { e in
                Row(position: e.rank, medal: e.medal, delegation: state.delegations[e.delegation]?.name.text(lang) ?? e.delegation,
                    skill: skill?.name.text(lang) ?? r.key.skill, competitor: state.competitors[e.competitor]?.name ?? e.competitor,
                    score: e.score, raw: e.raw, round: round, status: r.status, provisional: e.provisional,
                    competitorID: e.competitor, delegationID: e.delegation, skillID: r.key.skill, roundID: r.key.round)
            }
        }
    }

    public static func csv(_ rows: [Row]) -> String {
        let c = ResultsOutput.csv
        var lines = [csvHeader]
        for r in rows {
            lines.append([String(r.position), r.medal?.rawValue ?? "", c(r.delegation), c(r.skill), c(r.competitor),
                          r.score.description, r.raw.description, c(r.round), r.status.rawValue, r.provisional ? "true" : "false",
                          c(r.competitorID), c(r.delegationID), c(r.skillID), c(r.roundID)].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"results":[{"position":1,"medal":"gold",...}]}`, numbers with two decimals.
    public static func json(_ rows: [Row]) -> String {
        let j = ResultsOutput.json
        let body = rows.map { r in
            "{\"position\":\(r.position),\"medal\":\(r.medal.map { j($0.rawValue) } ?? "null"),\"delegation\":\(j(r.delegation)),"
                + "\"skill\":\(j(r.skill)),\"competitor\":\(j(r.competitor)),\"score\":\(r.score),\"raw\":\(r.raw),"
                + "\"round\":\(j(r.round)),\"status\":\(j(r.status.rawValue)),\"provisional\":\(r.provisional),"
                + "\"competitor_id\":\(j(r.competitorID)),\"delegation_id\":\(j(r.delegationID)),\"skill_id\":\(j(r.skillID)),"
                + "\"round_id\":\(j(r.roundID))}"
        }
        return "{\"results\":[\(body.joined(separator: ","))]}\n"
    }
}
