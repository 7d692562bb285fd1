import Testing
@testable import PodiumUI

/// The bytes of a string, for readable test input.
private func b(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Decodes one chunk after another, then flushes.
private func decodeChunks(_ chunks: [[UInt8]], flush: Bool = true) -> [Key] {
    var decoder = KeyDecoder()
    var keys = chunks.flatMap { decoder.feed($0) }
    if flush { keys += decoder.flush() }
    return keys
}

private func decode(_ bytes: [UInt8]) -> [Key] { decodeChunks([bytes]) }

/// A tiny deterministic generator, so fuzz failures reproduce.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Cuts bytes into chunks at random places (some empty).
private func randomChunks(_ bytes: [UInt8], using rng: inout SplitMix) -> [[UInt8]] {
    var chunks: [[UInt8]] = []
    var i = 0
    while i < bytes.count {
        let size = Int.random(in: 0...4, using: &rng)
        chunks.append(Array(bytes[i..<min(bytes.count, i + size)]))
        i += size
    }
    return chunks
}

@Suite("KeyDecoder")
struct KeyDecoderTests {
    // MARK: Text

    @Test func asciiTextIsCharacters() {
        #expect(decode(b("aZ 9~")) == [.char("a"), .char("Z"), .char(" "), .char("9"), .char("~")])
    }

    @Test func chineseTextSplitInsideCharacters() {
        // 张 = E5 BC A0, 伟 = E4 BC 9F; cut inside both.
        var decoder = KeyDecoder()
        #expect(decoder.feed([0xE5]) == [])
        #expect(decoder.hasPending)
        #expect(decoder.feed([0xBC]) == [])
        #expect(decoder.feed([0xA0, 0xE4, 0xBC]) == [.char("张")])
        #expect(decoder.feed([0x9F]) == [.char("伟")])
        #expect(!decoder.hasPending)
        #expect(decoder.flush() == [])
    }

    @Test func everySplitOfMixedTextDecodesTheSame() {
        let text = "决赛 Final 🥇 ok"
        let bytes = b(text)
        let expected = text.map(Key.char)
        for cut in 0...bytes.count {
            let keys = decodeChunks([Array(bytes[..<cut]), Array(bytes[cut...])])
            #expect(keys == expected, "cut at \(cut)")
        }
    }

    @Test func emojiSplitAcrossFeeds() {
        // 😀 = F0 9F 98 80, fed a byte at a time.
        var decoder = KeyDecoder()
        var keys: [Key] = []
        for byte in b("😀") { keys += decoder.feed([byte]) }
        #expect(keys == [.char("😀")])
    }

    @Test func clustersWithinOneFeedStayTogether() {
        #expect(decode(b("e\u{301}")) == [.char("e\u{301}")])
        #expect(decode(b("🇨🇳")) == [.char("🇨🇳")])
        #expect(decode(b("👩‍💻!")) == [.char("👩‍💻"), .char("!")])
        #expect(decode(b("❤️")) == [.char("❤️")])
    }

    // MARK: Sequences

    @Test func arrowsInBothCursorModes() {
        #expect(decode(b("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D")) == [.up, .down, .right, .left])
        #expect(decode(b("\u{1B}OA\u{1B}OB\u{1B}OC\u{1B}OD")) == [.up, .down, .right, .left])
        // With a modifier (Ctrl-Up): still an arrow.
        #expect(decode(b("\u{1B}[1;5A")) == [.up])
    }

    @Test func homeEndAndPages() {
        #expect(decode(b("\u{1B}[H\u{1B}[F\u{1B}OH\u{1B}OF")) == [.home, .end, .home, .end])
        #expect(decode(b("\u{1B}[1~\u{1B}[4~\u{1B}[7~\u{1B}[8~")) == [.home, .end, .home, .end])
        #expect(decode(b("\u{1B}[5~\u{1B}[6~")) == [.pageUp, .pageDown])
        #expect(decode(b("\u{1B}[3~")) == [.delete])
        #expect(decode(b("\u{1B}[2~")) == [])   // Insert: no key
    }

    @Test func functionKeys() {
        #expect(decode(b("\u{1B}OP\u{1B}OQ\u{1B}OR\u{1B}OS")) == (1...4).map(Key.function))
        #expect(decode(b("\u{1B}[11~\u{1B}[12~\u{1B}[13~\u{1B}[14~")) == (1...4).map(Key.function))
        let f5to12 = "\u{1B}[15~\u{1B}[17~\u{1B}[18~\u{1B}[19~\u{1B}[20~\u{1B}[21~\u{1B}[23~\u{1B}[24~"
        #expect(decode(b(f5to12)) == (5...12).map(Key.function))
        #expect(decode(b("\u{1B}[[A\u{1B}[[E")) == [.function(1), .function(5)])
        #expect(decode(b("\u{1B}[1;2P")) == [.function(1)])
    }

    @Test func backTab() {
        #expect(decode(b("\u{1B}[Z")) == [.backTab])
    }

    @Test func sequenceSplitAtEveryByte() {
        let bytes = b("a\u{1B}[24~b\u{1B}OPc\u{1B}[1;5Dd")
        let expected: [Key] = [.char("a"), .function(12), .char("b"), .function(1), .char("c"), .left, .char("d")]
        for cut in 0...bytes.count {
            #expect(decodeChunks([Array(bytes[..<cut]), Array(bytes[cut...])]) == expected, "cut at \(cut)")
        }
        #expect(decodeChunks(bytes.map { [$0] }) == expected)
    }

    @Test func unknownSequencesProduceNothing() {
        #expect(decode(b("\u{1B}[99~x")) == [.char("x")])
        #expect(decode(b("\u{1B}[<0;10;5Mx")) == [.char("x")])    // SGR mouse report
        #expect(decode(b("\u{1B}[?1;2cx")) == [.char("x")])       // device attributes reply
        #expect(decode(b("\u{1B}[1 qx")) == [.char("x")])         // intermediate byte
        #expect(decode(b("\u{1B}[99999999999999999999~x")) == [.char("x")])
    }

    // MARK: Escape

    @Test func loneEscapeWaitsForFlush() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.hasPending)
        #expect(decoder.flush() == [.escape])
        #expect(!decoder.hasPending)
        #expect(decoder.flush() == [])
    }

    @Test func unfinishedSequenceAtFlushIsEscapeThenText() {
        var decoder = KeyDecoder()
        #expect(decoder.feed(b("\u{1B}[1;")) == [])
        #expect(decoder.flush() == [.escape, .char("["), .char("1"), .char(";")])
    }

    @Test func escapeBeforeOtherBytes() {
        // Alt-x and Esc typed quickly before a letter.
        #expect(decode(b("\u{1B}x")) == [.escape, .char("x")])
        #expect(decode(b("\u{1B}\u{1B}[A")) == [.escape, .up])
        #expect(decode(b("\u{1B}中")) == [.escape, .char("中")])
        #expect(decode(b("\u{1B}O\u{1B}")) == [.escape, .char("O"), .escape])
    }

    // MARK: Controls

    @Test func controlKeys() {
        #expect(decode([0x01, 0x03, 0x1A]) == [.ctrl("a"), .ctrl("c"), .ctrl("z")])
        let letters: [UInt8] = Array(0x01...0x1A).filter { ![0x08, 0x09, 0x0A, 0x0D].contains($0) }
        for byte in letters {
            #expect(decode([byte]) == [.ctrl(Character(Unicode.Scalar(byte + 0x60)))])
        }
        #expect(decode([0x00, 0x1C, 0x1F]) == [.ctrl("@"), .ctrl("\\"), .ctrl("_")])
    }

    @Test func enterTabAndBackspace() {
        #expect(decode([0x0D, 0x0A, 0x0A, 0x09, 0x7F, 0x08]) == [.enter, .enter, .tab, .backspace, .backspace])
        // CR LF split across feeds is still one Enter.
        #expect(decodeChunks([[0x0D], [0x0A]]) == [.enter])
        #expect(decodeChunks([[0x0D], [0x0D, 0x0A]]) == [.enter, .enter])
    }

    @Test func textAroundControlsKeepsOrder() {
        #expect(decode(b("ab\u{7F}c\r")) == [.char("a"), .char("b"), .backspace, .char("c"), .enter])
    }

    // MARK: Garbage

    @Test func invalidUTF8IsSkipped() {
        #expect(decode([0xFF, 0x61]) == [.char("a")])
        #expect(decode([0x80, 0xBF, 0x61]) == [.char("a")])             // stray continuations
        #expect(decode([0xC0, 0xAF, 0x61]) == [.char("a")])             // overlong '/'
        #expect(decode([0xED, 0xA0, 0x80, 0x61]) == [.char("a")])       // surrogate
        #expect(decode([0xF4, 0x90, 0x80, 0x80, 0x61]) == [.char("a")]) // above U+10FFFF
        #expect(decode([0xE5, 0x61]) == [.char("a")])                   // cut short by ASCII
        #expect(decode([0xC2, 0x85, 0x61]) == [.char("a")])             // C1 control NEL
    }

    @Test func partialCharacterAtFlushIsDropped() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x61, 0xE5, 0xBC]) == [.char("a")])
        #expect(decoder.flush() == [])
        #expect(decoder.feed(b("b")) == [.char("b")])
    }

    @Test func endlessSequenceIsDroppedNotKept() {
        var decoder = KeyDecoder()
        var keys = decoder.feed(b("\u{1B}["))
        for _ in 0..<100 { keys += decoder.feed(b("1;")) }
        keys += decoder.feed(b("A"))
        // Too long to be a real sequence: dropped, and not taken as Up when it ends.
        #expect(!keys.contains(.up))
        keys += decoder.feed(b("x"))
        #expect(keys.last == .char("x"))
        #expect(decoder.flush() == [])
    }

    @Test(arguments: 0..<20)
    func randomBytesNeverTrapAndKeepLittle(seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &* 7919 &+ 1)
        var decoder = KeyDecoder()
        for _ in 0..<200 {
            let count = Int.random(in: 0...16, using: &rng)
            // Bias towards the interesting bytes: ESC, '[', 'O', digits, UTF-8 leads.
            let palette: [UInt8] = [0x1B, 0x5B, 0x4F, 0x31, 0x3B, 0x7E, 0x0D, 0x0A, 0xE4, 0xBC, 0xF0, 0x9F, 0x80]
            let bytes: [UInt8] = (0..<count).map { _ in
                Bool.random(using: &rng) ? palette.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
            }
            let keys = decoder.feed(bytes)
            #expect(decoder.pendingByteCount <= KeyDecoder.maxSequenceLength)
            #expect(!keys.contains(.resize))
            for case .char(let c) in keys {
                #expect(!c.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            }
            if Int.random(in: 0..<10, using: &rng) == 0 { _ = decoder.flush() }
        }
        _ = decoder.flush()
        #expect(!decoder.hasPending)
    }

    @Test(arguments: 0..<20)
    func chunkingDoesNotChangeTheKeys(seed: Int) {
        // Streams of well-formed tokens (no lone ESC, no combining marks) decode the same
        // however the bytes are cut.
        var rng = SplitMix(state: UInt64(seed) &+ 12345)
        let tokens = ["a", "Z", "张", "伟", "🥇", "\r", "\r\n", "\t", "\u{7F}", "\u{01}",
                      "\u{1B}[A", "\u{1B}OB", "\u{1B}[5~", "\u{1B}[24~", "\u{1B}[Z", "\u{1B}OP",
                      "\u{1B}[1;5C", "\u{1B}[3~", "\u{1B}x", "\u{1B}[99~"]
        let stream = (0..<60).map { _ in tokens.randomElement(using: &rng)! }.joined()
        let bytes = b(stream)
        let whole = decode(bytes)
        for _ in 0..<10 {
            #expect(decodeChunks(randomChunks(bytes, using: &rng)) == whole)
        }
    }
}
