import Foundation
import Testing

@Suite("Soak (short)", .serialized)
struct SoakTests {
    @Test("10 s of 6 judge processes marking while 2 followers fold: nothing lost or duplicated, followers in step, memory flat")
    func shortSoak() throws {
        let dir = TempDir()
        let r = try runPodium(["bench", "soak", "--seconds", "10", "--judges", "6", "--followers", "2", "--pause", "0.5", "--dir", dir.path])
        #expect(r.status == 0, "\(r.err)\n\(r.out)")
        #expect(r.out.contains("lost or misattributed       0"), "\(r.out)")
        #expect(r.out.contains("followers in step at end    yes"), "\(r.out)")
        #expect(!r.out.contains("acknowledged 0,"), "the judges marked: \(r.out)")
    }
}
