import Foundation
import Testing
@testable import PodiumCore

/// The command-line faces of the engine, run as a user would run them.
@Suite("podium results, medals, publish, finalize", .serialized)
struct ResultsCLITests {
    /// S01 fully marked (C1 90, C2 60, C3 30) and signed off, but not published.
    func venue() throws -> (TempDir, String) {
        let dir = TempDir()
        let path = dir.file("v")
        let v = try Venue.create(directory: path, definition: markingDefinition())
        var b = Bench(markingDefinition())
        try b.complete("C1", m: 3000, j: [3, 3, 3])
        try b.complete("C2", m: 2000, j: [2, 2, 2])
        try b.complete("C3", m: 1000, j: [1, 1, 1])
        try enterMarks(of: b, into: v)
        try v.execute(.lockModule(skill: "S01", round: "final", module: "A"), as: chief)
        return (dir, path)
    }

    @Test("results --format json is the document of interfaces.md, two decimals kept")
    func resultsJSON() throws {
        let (dir, path) = try venue()
        _ = dir
        let r = try runPodium(["results", path, "--skill", "S01", "--format", "json"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix(#"{"skills":[{"skill":"S01","round":"final","status":"locked","#))
        #expect(r.out.contains(#"{"competitor":"C1","delegation":"JD","raw":90.00,"score":90.00,"rank":1,"medal":"gold","provisional":false}"#))
        #expect(r.out.contains(#""competitor":"C3","delegation":"YP","raw":30.00,"score":30.00,"rank":3,"medal":"bronze""#))
        let doc = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        #expect((doc?["skills"] as? [Any])?.count == 1)
        // Nothing is public before publication.
        let pub = try runPodium(["results", path, "--public", "--format", "json"])
        #expect(pub.out.trimmingCharacters(in: .whitespacesAndNewlines) == #"{"skills":[]}"#)
    }

    @Test("medals --format json lists every delegation and the team awards")
    func medalsJSON() throws {
        let (dir, path) = try venue()
        _ = dir
        let r = try runPodium(["medals", path, "--format", "json"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix(#"{"delegations":[{"delegation":"JD","gold":1,"silver":0,"bronze":0,"excellence":0,"points":4,"rank":1},"#))
        #expect(r.out.contains(#""team_awards":{"gold":"JD","silver":"PD","bronze":"YP"}"#))
    }

    @Test("results --format csv and the table show Chinese names")
    func tableAndCSV() throws {
        let (dir, path) = try venue()
        _ = dir
        let csv = try runPodium(["results", path, "--format", "csv", "--skill", "S01"])
        #expect(csv.out.hasPrefix(ResultsOutput.resultsCSVHeader + "\nS01,final,locked,1,C1,张伟,JD,90.00,90.00,gold,false\n"))
        let table = try runPodium(["results", path, "--skill", "S01"])
        #expect(table.out.contains("张伟"))
        #expect(table.out.contains("locked"))
    }

    @Test("publish and finalize: guards, one line on stderr, nothing appended when refused")
    func publication() throws {
        let (dir, path) = try venue()
        _ = dir
        let log = Venue.logPath(path)
        let before = try LogReader(path: log).records().count
        let early = try runPodium(["finalize", path, "S01"])
        #expect(early.status != 0)
        #expect(early.err == "podium: S01/final cannot be finalized: it must be signed off (every module locked) and published first\n")
        #expect(try LogReader(path: log).records().count == before)
        #expect(try runPodium(["publish", path, "S01"]).status == 0)
        #expect(try runPodium(["finalize", path, "S01", "final"]).status == 0)
        let again = try runPodium(["publish", path, "S01"])
        #expect(again.status != 0)
        #expect(again.err.hasPrefix("podium: S01/final is already final"))
        let pub = try runPodium(["results", path, "--public", "--format", "json"])
        #expect(pub.out.contains(#""status":"final""#))
        let unknown = try runPodium(["results", path, "--skill", "S99"])
        #expect(unknown.status != 0)
        #expect(unknown.err == "podium: --skill S99: no such skill\n")
    }
}
