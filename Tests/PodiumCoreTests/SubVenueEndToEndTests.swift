import Foundation
import Testing
@testable import PodiumCore
import PodiumTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A competition with nothing on, a chief judge (J1) and one competitor to mark.
private func subVenueDefinition() -> CompetitionDefinition {
    var info = CompetitionInfo(id: "e2e", name: LocalizedText(zh: "分赛区测试赛", en: "Sub-venue test"),
                               timezone: "Asia/Shanghai", closing: Date().addingTimeInterval(5 * 86_400))
    info.resultsPolicy = .onPublish
    var d = CompetitionDefinition(competition: info)
    d.sites = [Site(id: "main", name: LocalizedText(zh: "主赛区", en: "Main venue")),
               Site(id: "jd", name: LocalizedText(zh: "嘉定分赛区", en: "Jiading sub-venue"))]
    d.delegations = [Delegation(id: "JD", name: LocalizedText(zh: "嘉定区", en: "Jiading")),
                     Delegation(id: "PD", name: LocalizedText(zh: "浦东新区", en: "Pudong"))]
    d.skills = [Skill(id: "S01", name: LocalizedText(zh: "焊接", en: "Welding"), origin: .worldskills, kind: .official,
                      rounds: [Round(id: "final", name: LocalizedText(zh: "决赛", en: "Final"))],
                      modules: [Module(id: "A", name: LocalizedText("A"), aspects: [
                          Aspect(id: "A1", type: .M, max: Fixed2(40), text: "x"),
                          Aspect(id: "A2", type: .M, max: Fixed2(60), text: "y"),
                      ])])]
    d.competitors = [Competitor(id: "C1", name: "张伟", delegation: "JD", skill: "S01")]
    d.judges = [Judge(id: "J1", name: "李华", delegation: "PD", skills: ["S01"], chief: true)]
    return d
}

private struct TailFailed: Error, CustomStringConvertible { var description: String }

/// The records of a venue as `podium log tail --format json` prints them: (seq, type).
private func tail(_ url: String, wrapper: [String] = []) throws -> [(seq: Int, type: String)] {
    let r = try runPodium(["log", "tail", url, "--format", "json"], wrapper: wrapper)
    guard r.status == 0 else { throw TailFailed(description: "log tail \(url): \(r.err)") }
    return r.out.split(separator: "\n").compactMap { line in
        guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let seq = o["seq"] as? Int, let type = o["type"] as? String else { return nil }
        return (seq, type)
    }
}

/// A sub-venue on a streaming hot standby, driven as people would: boards in tmux on real
/// `podium` processes, a throw-away primary and standby (`pg_basebackup`), failover with
/// `pg_ctl promote`, and a link between two network namespaces the test cuts and restores.
@Suite("Sub-venues on a standby (PostgreSQL, tmux)", .serialized)
struct SubVenueEndToEndTests {
    @Test("a board on the standby shows the primary's announcement; the primary is lost, the standby promoted, a judge's sheet lands on it and the chain verifies",
          .enabled(if: tmuxPath != nil, "needs tmux (CI installs it)"))
    func standbyAndFailover() throws {
        let tmux = Tmux(tmuxPath!, name: "standby")
        let scratch = TempDir()
        let toml = scratch.file("competition.toml")
        try CompetitionTOML.render(subVenueDefinition()).write(toFile: toml, atomically: true, encoding: .utf8)

        let primary = try PostgresServer()
        let db = try primary.createDatabase()
        let onPrimary = primary.url(database: db)
        var r = try runPodium(["init", onPrimary, "--from", toml])
        try #require(r.status == 0, "init: \(r.err)")
        let sheet = scratch.file("sheet.csv")
        try "judge,competitor,aspect,score\nJ1,C1,A1,31.5\nJ1,C1,A2,47\n".write(toFile: sheet, atomically: true, encoding: .utf8)

        let standby = try PostgresServer(standbyOf: primary)
        try standby.waitForReplay()
        #expect(try standby.isInRecovery())
        let onStandby = standby.url(database: db)

        // A sub-venue board on the standby, in Chinese.
        try tmux.start("board", width: 100, height: 30, "LANG=C.UTF-8 '\(podiumBinary())' board '\(onStandby)' --lang zh; echo BOARD-EXITED $?; sleep 60")
        let (up, ok) = tmux.wait("board", seconds: 60) { $0.contains("分赛区测试赛") && $0.contains("距闭幕式还有") }
        try #require(ok, "the board on the standby did not come up:\n\(up)")

        // An announcement made at the main venue reaches it through replication.
        r = try runPodium(["announce", onPrimary, "主赛区通知：午餐时间延后半小时"])
        try #require(r.status == 0, "announce: \(r.err)")
        let (shown, arrived) = tmux.wait("board", seconds: 60) { $0.contains("午餐时间延后半小时") }
        #expect(arrived, "the announcement did not reach the board on the standby:\n\(shown)")
        #expect(!shown.contains("连接中断"))

        // The main venue's server is lost; the sub-venue's standby takes over.
        let before = try tail(onStandby)
        try primary.stop(.immediate)
        try standby.promote()
        #expect(try standby.isInRecovery() == false)

        // A judge's sheet (both aspects, one batch: all rows or none), on the new primary.
        r = try runPodium(["import", onStandby, "marks", sheet], env: ["PODIUM_ACTOR": "J1"])
        #expect(r.status == 0, "the sheet on the promoted standby: \(r.out) \(r.err)")

        // The chain continues: the same records as before, then the sheet's two marks, and
        // every row verifies.
        let after = try tail(onStandby)
        #expect(Array(after.prefix(before.count)).map(\.seq) == before.map(\.seq))
        let added = after.dropFirst(before.count)
        #expect(added.map(\.type) == ["mark.entered", "mark.entered"], "\(added)")
        #expect(added.first?.seq == (before.last?.seq ?? 0) + 1)
        r = try runPodium(["log", "verify", onStandby])
        #expect(r.status == 0, "verify after failover: \(r.out) \(r.err)")
        #expect(r.out.contains("\(after.count) records"), "\(r.out)")
        // The board, still on the (now promoted) server, never lost it.
        #expect(!tmux.capture("board").contains("连接中断"))
    }

    @Test("a sub-venue's link cut and restored (network namespaces): the board keeps its screen and says so, marks typed meanwhile are refused, everything catches up",
          .enabled(if: tmuxPath != nil && SubVenueLink.unavailable == nil, "needs tmux, root and iproute2 (CI has them)"))
    func linkCutAndRestored() throws {
        let tmux = Tmux(tmuxPath!, name: "link")
        let scratch = TempDir()
        let toml = scratch.file("competition.toml")
        try CompetitionTOML.render(subVenueDefinition()).write(toFile: toml, atomically: true, encoding: .utf8)

        let link = try SubVenueLink()
        let atMain = link.wrap(link.main, []), atSub = link.wrap(link.sub, [])
        // The main venue's server listens on its loopback and on its end of the link.
        let primary = try PostgresServer(settings: ["listen_addresses = '127.0.0.1,\(link.mainAddress)'"], start: false, wrapper: atMain)
        try primary.trust(address: link.subAddress)
        try primary.start()
        // The standby notices a dead link within 2 s (the default is a minute).
        let standby = try PostgresServer(settings: ["wal_receiver_timeout = 2s", "wal_retrieve_retry_interval = 1s"],
                                         standbyOf: primary, primaryHost: link.mainAddress, wrapper: atSub)
        defer { try? standby.stop(.immediate); try? primary.stop(.immediate) }
        let db = try primary.createDatabase()
        let local = primary.url(database: db)                                   // from the main venue
        let acrossLink = local.replacingOccurrences(of: "@127.0.0.1:", with: "@\(link.mainAddress):")
        var r = try runPodium(["init", local, "--from", toml], wrapper: atMain)
        try #require(r.status == 0, "init: \(r.err)")
        let sheet = scratch.file("sheet.csv")
        try "judge,competitor,aspect,score\nJ1,C1,A1,31.5\nJ1,C1,A2,47\n".write(toFile: sheet, atomically: true, encoding: .utf8)
        try standby.waitForReplay()
        let subBoard = standby.url(database: db)

        // At the sub-venue: a board on its standby.
        let podium = podiumBinary()
        try tmux.start("board", width: 100, height: 30,
                       "LANG=C.UTF-8 \(atSub.joined(separator: " ")) '\(podium)' board '\(subBoard)' --lang zh; echo BOARD-EXITED $?; sleep 60")
        var (board, ok) = tmux.wait("board", seconds: 60) { $0.contains("分赛区测试赛") && $0.contains("距闭幕式还有") }
        try #require(ok, "the sub-venue board did not come up:\n\(board)")
        r = try runPodium(["announce", local, "第一条公告：开幕"], wrapper: atMain)
        try #require(r.status == 0, "announce: \(r.err)")
        (board, ok) = tmux.wait("board", seconds: 60) { $0.contains("第一条公告") }
        try #require(ok, "the first announcement did not reach the sub-venue:\n\(board)")
        let marksBefore = try tail(local, wrapper: atMain).filter { $0.type == "mark.entered" }.count

        // Cut. The board keeps its screen and says the link is lost.
        try link.cut()
        (board, ok) = tmux.wait("board", seconds: 60) { $0.contains("连接中断") }
        #expect(ok, "the board did not say the link is lost:\n\(board)")
        #expect(board.contains("距闭幕式还有"), "the board lost its screen:\n\(board)")

        // A judge's marks sent from the sub-venue while the link is down: refused with one clear
        // line naming the server; nothing written.
        r = try runPodium(["import", acrossLink, "marks", sheet], env: ["PODIUM_ACTOR": "J1"], wrapper: atSub)
        #expect(r.status != 0)
        #expect(r.err.split(separator: "\n").count == 1 && r.err.contains(link.mainAddress) && r.err.contains("nothing was written"), "\(r.err)")
        // Meanwhile the main venue goes on.
        r = try runPodium(["announce", local, "第二条公告：闭幕式改到三号馆"], wrapper: atMain)
        try #require(r.status == 0, "announce during the cut: \(r.err)")
        #expect(!tmux.capture("board").contains("第二条公告"))
        #expect(try tail(local, wrapper: atMain).filter { $0.type == "mark.entered" }.count == marksBefore)

        // Restore: the board catches up by itself and the bar goes.
        try link.restore()
        (board, ok) = tmux.wait("board", seconds: 90) { $0.contains("第二条公告") && !$0.contains("连接中断") }
        #expect(ok, "the board did not catch up after the link came back:\n\(board)")
        // The refused sheet was never half-written, and the log verifies; the same sheet now lands.
        #expect(try tail(local, wrapper: atMain).filter { $0.type == "mark.entered" }.count == marksBefore)
        r = try runPodium(["import", acrossLink, "marks", sheet], env: ["PODIUM_ACTOR": "J1"], wrapper: atSub)
        #expect(r.status == 0, "the sheet after the link came back: \(r.err)")
        r = try runPodium(["log", "verify", local], wrapper: atMain)
        #expect(r.status == 0, "verify: \(r.out) \(r.err)")
    }
}
