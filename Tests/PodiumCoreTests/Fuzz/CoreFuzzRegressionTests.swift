import Foundation
import Testing

/// The repository's `fuzz/` folder, found from this file.
private let fuzzRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fuzz")

/// Every input of `fuzz/corpus/TARGET` and `fuzz/crashes/TARGET` (the crashes the fuzzers found, kept).
func fuzzInputs(_ target: String, root: URL) -> [(name: String, bytes: [UInt8])] {
    ["corpus", "crashes"].flatMap { kind -> [(String, [UInt8])] in
        let dir = root.appendingPathComponent(kind).appendingPathComponent(target)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
        return names.map { ("\(kind)/\(target)/\($0)", [UInt8](FileManager.default.contents(atPath: dir.appendingPathComponent($0).path) ?? Data())) }
    }
}

@Suite("Fuzz regressions (PodiumCore)")
struct CoreFuzzRegressionTests {
    @Test("Every seed and every crash the fuzzers found runs clean", arguments: ["frames", "competition-toml", "csv"])
    func replay(target: String) {
        let inputs = fuzzInputs(target, root: fuzzRoot)
        #expect(inputs.count >= 2, "fuzz/corpus/\(target) holds its seeds")
        for input in inputs {
            switch target {
            case "frames": CoreFuzz.frames(input.bytes)
            case "competition-toml": CoreFuzz.competitionTOML(input.bytes)
            default: CoreFuzz.csv(input.bytes)
            }
        }
    }
}
