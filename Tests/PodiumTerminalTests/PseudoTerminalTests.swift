import Foundation
import Testing
@testable import PodiumTerminal
#if canImport(Glibc)
import Glibc
#endif

/// The pieces `podium bench render` counts with: the byte scanner, /proc/PID/stat parsing and
/// a child in a pseudo-terminal whose output is read, byte for byte, from the master.
@Suite("Pseudo-terminal and byte counting")
struct PseudoTerminalTests {
    @Test func scannerCountsAndFindsANeedleSplitAcrossChunks() {
        var s = ByteStreamScanner(needle: "QZXW")
        let first = s.feed(Array("abc Q".utf8))
        let second = s.feed(Array("Z".utf8))
        let third = s.feed(Array("XW 世界".utf8))
        #expect(!first && !second && third)
        #expect(s.count == 5 + 1 + 9)   // 世 and 界 are three bytes each
        #expect(s.found)
        // Still counts after the needle.
        s.feed([1, 2, 3])
        #expect(s.count == 18)
    }

    @Test func scannerDoesNotFindWhatIsNotThere() {
        var s = ByteStreamScanner(needle: "ABAB")
        for chunk in ["AB", "A", "xB", "ABA", "C"] { s.feed(Array(chunk.utf8)) }
        #expect(!s.found)
        #expect(s.count == 9)
        var empty = ByteStreamScanner()
        let found = empty.feed(Array("anything".utf8))
        #expect(!found)
        #expect(empty.count == 8)
    }

    @Test func statLineFieldsAreCountedFromTheLastParenthesis() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
        let line = "4242 (podium (x) y) S 1 4242 4242 34816 4242 4194560 1200 0 3 0 157 43 0 0 20 0 1 0 9999 1000000 500"
        #expect(ProcessCPU.ticks(statLine: line) == 200)
        #expect(ProcessCPU.ticks(statLine: "garbage") == nil)
        #expect(ProcessCPU.ticks(statLine: "1 (short) S 1 2") == nil)
        #expect(ProcessCPU.ticks(pid: getpid()) != nil)
    }

    @Test func bytesWrittenByTheChildAreReadExactly() throws {
        let text = "hello 世界 \u{1B}[1mbold\u{1B}[0m"
        let pty = try PseudoTerminal(["/bin/sh", "-c", "printf '%s' \"$TEXT\""], environment: ["TEXT": text],
                                     width: 80, height: 24)
        var got: [UInt8] = []
        while let chunk = pty.read(timeoutMillis: 5000), !chunk.isEmpty { got += chunk }
        #expect(got == Array(text.utf8))
        #expect(pty.bytesRead == text.utf8.count)
        let status = pty.waitForExit(seconds: 5)
        #expect(status == 0)
    }

    @Test func theChildHasTheTerminalAsItsOwnAtTheGivenSize() throws {
        let pty = try PseudoTerminal(["/bin/sh", "-c", "stty size; tty"], environment: ["PATH": "/usr/bin:/bin"],
                                     width: 123, height: 45)
        var got: [UInt8] = []
        while let chunk = pty.read(timeoutMillis: 5000), !chunk.isEmpty { got += chunk }
        let out = String(decoding: got, as: UTF8.self)
        // The terminal's output processing turns \n into \r\n.
        #expect(out.hasPrefix("45 123\r\n/dev/pts/"))
        #expect(pty.waitForExit(seconds: 5) == 0)
    }

    @Test func waitForSeesTypedInputEchoedBack() throws {
        let pty = try PseudoTerminal(["/bin/cat"], environment: [:], width: 80, height: 24)
        pty.write("abc QZXW\n")
        #expect(pty.waitFor(Array("QZXW".utf8), timeoutSeconds: 5) != nil)
        pty.stop()
        #expect(pty.exited() != nil)
    }
}
