import Foundation
import Testing
@testable import PodiumCore

/// Files as Excel saves "CSV" on a Chinese Windows: GB 18030 (GBK is its two-byte part).
/// The bytes below are written out by hand from the standard's tables (张 D5C5, 李 C0EE,
/// 强 C7BF, 王 CDF5; 𠀀 U+20000 is the four-byte 95 32 82 36), not made by the decoder under test.
@Suite("CSV import: GB 18030")
struct GB18030ImportTests {
    static func gb(_ parts: [Any]) -> [UInt8] {
        parts.flatMap { p -> [UInt8] in
            if let b = p as? [UInt8] { return b }
            if let n = p as? [Int] { return n.map { UInt8($0) } }
            return Array((p as? String ?? "").utf8)
        }
    }
    static let zhang: [UInt8] = [0xD5, 0xC5], li: [UInt8] = [0xC0, 0xEE], qiang: [UInt8] = [0xC7, 0xBF]
    static let wang: [UInt8] = [0xCD, 0xF5], ext: [UInt8] = [0x95, 0x32, 0x82, 0x36]

    @Test("Decoding: two- and four-byte characters, ASCII untouched; a bad byte is placed by its offset")
    func decode() {
        #expect(GB18030.decode(Self.gb(["a,", Self.zhang, Self.li, Self.ext, "\n"])[...]) == .success(Array("a,张李𠀀\n".utf8)))
        #expect(GB18030.decode([][...]) == .success([]))
        #expect(GB18030.decode(Self.gb(["ab", [0xFF], "c"])[...]) == .failure(.invalid(offset: 2)))
        // A file that ends inside a character.
        #expect(GB18030.decode(Self.gb(["ab", [0x81, 0x30]])[...]) == .failure(.invalid(offset: 2)))
    }

    @Test("With --encoding gb18030 a GBK competitors file imports exactly as its UTF-8 twin")
    func importsLikeUTF8() throws {
        let gbFile = try ImportTests.Fixture(), utf8File = try ImportTests.Fixture()
        let bytes = Self.gb(["id,name,delegation,skill,members\nC3,", Self.zhang, Self.qiang, ",YP,S01,", Self.li, ";", Self.wang, Self.ext, "\n"])
        try gbFile.run("competitors", bytes: bytes, encoding: .gb18030)
        try utf8File.run("competitors", "id,name,delegation,skill,members\nC3,张强,YP,S01,李;王𠀀\n")
        let a = try #require(gbFile.venue.state.competitors["C3"]), b = try #require(utf8File.venue.state.competitors["C3"])
        #expect(a == b)
        #expect(a.name == "张强" && a.members == ["李", "王𠀀"])
    }

    @Test("Row and column errors and all-or-nothing are the same in GB 18030")
    func sameErrors() throws {
        let f = try ImportTests.Fixture()
        // Row 3 names a delegation that does not exist: nothing of row 2 is kept either.
        let bytes = Self.gb(["id,name,delegation,skill\nC3,", Self.zhang, ",YP,S01\nC4,", Self.li, ",XX,S01\n"])
        try f.refuses("competitors", bytes: bytes, encoding: .gb18030, "competitors.csv: row 3, column delegation: no delegation \"XX\" at this competition (JD, PD, YP)")
        #expect(f.venue.state.competitors["C3"] == nil)
        // A byte that is not GB 18030 is placed by its line and offset, and the flag is named.
        let bad = Self.gb(["id,name,delegation,skill\nC3,", Self.zhang, ",YP,S01\nC4,", [0xFF], ",PD,S01\n"])
        try f.refuses("competitors", bytes: bad, encoding: .gb18030,
                      "competitors.csv: line 3: byte 0xFF at byte offset 41 is not GB 18030; check the file's encoding (--encoding utf-8 or gb18030)")
    }

    @Test("The same refusals in Chinese")
    func chinese() throws {
        let f = try ImportTests.Fixture()
        let bytes = Self.gb(["id,name,delegation,skill\nC3,", Self.zhang, ",YP,S01\nC4,", Self.li, ",XX,S01\n"])
        do {
            try f.run("competitors", bytes: bytes, encoding: .gb18030)
            Issue.record("accepted")
        } catch let e as ImportError {
            #expect(e.text(.zh) == "competitors.csv: 第 3 行, 列 delegation: 本届比赛没有代表队 \"XX\"（JD, PD, YP）")
        }
        #expect(TextEncoding(name: "GBK") == .gb18030 && TextEncoding(name: "utf8") == .utf8 && TextEncoding(name: "big5") == nil)
    }
}
