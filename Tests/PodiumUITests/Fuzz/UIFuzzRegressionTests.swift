import Foundation
import Testing

private let fuzzRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fuzz")

@Suite("Fuzz regressions (PodiumUI)")
struct UIFuzzRegressionTests {
    @Test("Every seed and every crash the fuzzers found runs clean", arguments: ["theme", "keys"])
    func replay(target: String) {
        var count = 0
        for kind in ["corpus", "crashes"] {
            let dir = fuzzRoot.appendingPathComponent(kind).appendingPathComponent(target)
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() {
                let bytes = [UInt8](FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) ?? Data())
                if target == "theme" { UIFuzz.theme(bytes) } else { UIFuzz.keys(bytes) }
                count += 1
            }
        }
        #expect(count >= 2, "fuzz/corpus/\(target) holds its seeds")
    }
}
