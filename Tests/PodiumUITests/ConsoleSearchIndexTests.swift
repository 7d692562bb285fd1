import Foundation
import Testing
@testable import PodiumCore
@testable import PodiumUI

/// The audit `/` search runs on a byte index of the records' search lines (built in slices,
/// extended as records arrive). It must find exactly what a plain filter over the lines finds.
struct ConsoleSearchIndexTests {
    static let queries = ["s01", "S01", "c1", " = ", "final", "published", "欧阳", "上海", "闭幕", "12", "1", "mark",
                          "staff", "ZZZ-nothing", "by k", "locked", "é", "e\u{301}", "jose", "josé m"]

    /// What a plain filter over every record's summary line finds, as seqs.
    static func plain(_ m: ConsoleModel, _ q: String, type: String = "") -> [UInt64] {
        m.records.filter { r in
            (type.isEmpty || r.event.typeName.contains(type)) && m.searchLine(r).contains(q.lowercased())
        }.map(\.seq)
    }

    static func found(_ m: ConsoleModel) -> [UInt64] { m.auditMatches.map { m.records[$0].seq } }

    @Test func theIndexedSearchFindsWhatAPlainFilterOverTheSummariesFinds() {
        let bench = boardBench()
        var m = ConsoleModel(options: ConsoleOptions(lang: .zh), actor: boardStaff)
        // Half the log first, indexed in small slices as the controller does between frames.
        let half = bench.records.count / 2
        for r in bench.records[..<half] { m.apply(r) }
        #expect(m.searchIndexPending && m.searchIndexed == 0)
        m.indexSearch(count: 7)
        #expect(m.searchIndexed == 7)
        // Records arriving while the index is incomplete, then the rest of the slices.
        for r in bench.records[half..<(half + 3)] { m.apply(r) }
        while m.searchIndexPending { m.indexSearch(count: 11) }
        for r in bench.records[(half + 3)...] { m.apply(r) }   // extended as they arrive
        #expect(m.searchIndexed == m.records.count && !m.searchIndexPending)

        // Queries made of the end of one line and the start of the next must not match across.
        let lines = m.records.map { m.searchLine($0) }
        var queries = Self.queries
        for i in stride(from: 0, to: lines.count - 1, by: max(1, lines.count / 9)) {
            queries.append(String(lines[i].suffix(3)) + String(lines[i + 1].prefix(2)))
        }
        var nonEmpty = 0
        for q in queries {
            var f = AuditFilter()
            f.search = q
            m.setAuditFilter(f)
            #expect(Self.found(m) == Self.plain(m, q), "/\(q) \(Self.plain(m, q).map { lines[Int($0) - 1] })")
            if !m.auditMatches.isEmpty { nonEmpty += 1 }
            f.type = "mark"
            m.setAuditFilter(f)
            #expect(Self.found(m) == Self.plain(m, q, type: "mark"), "/\(q) type mark")
        }
        #expect(nonEmpty >= 8)

        // An unindexed model (a search before any slice) gives the same answers.
        var cold = ConsoleModel(options: ConsoleOptions(lang: .zh), actor: boardStaff)
        for r in bench.records { cold.apply(r) }
        var f = AuditFilter()
        f.search = "S01"
        cold.setAuditFilter(f)
        #expect(Self.found(cold) == Self.plain(cold, "S01") && !cold.auditMatches.isEmpty)
    }
}
