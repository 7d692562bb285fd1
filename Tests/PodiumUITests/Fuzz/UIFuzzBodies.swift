import Foundation
@testable import PodiumUI

/// What the PodiumUI fuzz targets do with one input (see `CoreFuzz` in PodiumCoreTests: the
/// libFuzzer targets and the regression tests share these). Must compile on its own beside PodiumUI.
enum UIFuzz {
    static func check(_ condition: Bool, _ what: @autoclosure () -> String) {
        if !condition { fatalError("fuzz invariant: \(what())") }
    }

    /// The theme loader: any text parses to a theme or fails with a ThemeError naming a line.
    static func theme(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        do {
            let theme = try Theme.parse(text, file: "fuzz.toml")
            checkClean(theme.name, "theme name")
            checkClean(theme.description, "theme description")
        } catch {
            check(error.line != nil && error.line! >= 1, "theme error without a line: \(error)")
        }
    }

    /// What the canvas would draw of `s` holds no control character, and sanitizing is idempotent.
    static func checkClean(_ s: String, _ field: String) {
        let once = TextWidth.sanitize(s)
        check(TextWidth.sanitize(once) == once, "\(field): sanitizing twice changes it")
        check(!once.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(field): a control character survives sanitizing")
    }

    /// The key decoder: the first byte sets how the rest is split into reads (as a terminal may
    /// deliver it); the decoder never keeps more than its limit, and a flush empties it.
    static func keys(_ data: [UInt8]) {
        guard let first = data.first else { return }
        let step = Int(first % 7) + 1
        var decoder = KeyDecoder()
        var rest = data.dropFirst()[...]
        while !rest.isEmpty {
            let chunk = Array(rest.prefix(step))
            rest = rest.dropFirst(step)
            for key in decoder.feed(chunk) { checkKey(key) }
            check(decoder.pendingByteCount <= KeyDecoder.maxSequenceLength, "kept \(decoder.pendingByteCount) bytes")
        }
        for key in decoder.flush() { checkKey(key) }
        check(!decoder.hasPending, "bytes kept after a flush")
    }

    static func checkKey(_ key: Key) {
        if case let .char(c) = key {
            check(!c.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "a control character decoded as text: \(c.unicodeScalars.map(\.value))")
        }
    }
}
