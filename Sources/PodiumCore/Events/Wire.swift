import Foundation

/// The binary encoding of event bodies (docs/log-format.md, "Event bodies"):
/// unsigned integers as LEB128 varints, signed ones zigzag-encoded first, strings as a
/// varint byte count then UTF-8, arrays as a varint count then the items, optionals as a
/// presence byte (0 or 1) then the value, enums as one byte, times as signed milliseconds
/// since the Unix epoch, two-decimal values as signed hundredths.
///
/// A body is its fields in a fixed order. Fields are only ever added at the end, and a reader
/// ignores bytes after the fields it knows, so old logs decode forever and new fields default.
public struct WireWriter {
    public private(set) var bytes: [UInt8] = []
    public init() { bytes.reserveCapacity(64) }

    public mutating func uint(_ v: UInt64) {
        var v = v
        while v >= 0x80 { bytes.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        bytes.append(UInt8(v))
    }
    public mutating func int(_ v: Int64) { uint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }
    public mutating func int(_ v: Int) { int(Int64(v)) }
    public mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }
    public mutating func byte(_ v: UInt8) { bytes.append(v) }
    public mutating func string(_ s: String) {
        let u = s.utf8
        uint(UInt64(u.count))
        bytes.append(contentsOf: u)
    }
    public mutating func strings(_ a: [String]) { uint(UInt64(a.count)); for s in a { string(s) } }
    /// Length-prefixed raw bytes (keys, signatures, chain values).
    public mutating func blob<D: Collection>(_ b: D) where D.Element == UInt8 { uint(UInt64(b.count)); bytes.append(contentsOf: b) }
    public mutating func date(_ d: Date) { int(Int64((d.timeIntervalSince1970 * 1000).rounded())) }
    public mutating func fixed(_ f: Fixed2) { int(f.hundredths) }
    public mutating func text(_ t: LocalizedText) { optional(t.zh) { $0.string($1) }; optional(t.en) { $0.string($1) } }
    public mutating func optional<T>(_ v: T?, _ write: (inout WireWriter, T) -> Void) {
        if let v { bool(true); write(&self, v) } else { bool(false) }
    }
    public mutating func array<T>(_ a: [T], _ write: (inout WireWriter, T) -> Void) {
        uint(UInt64(a.count)); for x in a { write(&self, x) }
    }
    public mutating func raw<E: RawRepresentable>(_ e: E, _ table: [E]) where E: Equatable {
        byte(UInt8(table.firstIndex(of: e)!))
    }
}

public struct WireError: Error, CustomStringConvertible, Equatable, Localized {
    public var said: Said
    public var message: String { said.text(.en) }
    public init(message: Said) { said = message }
    public var description: String { message }
}

/// Reads what WireWriter wrote, refusing anything out of bounds (a damaged body can never
/// make it read past its end or allocate more than the body's size).
public struct WireReader {
    let bytes: [UInt8]
    public private(set) var pos: Int = 0
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public var atEnd: Bool { pos >= bytes.count }

    public mutating func uint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard pos < bytes.count else { throw WireError(message: "body ends inside a number") }
            let b = bytes[pos]; pos += 1
            guard shift < 64 else { throw WireError(message: "number too long") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }
    public mutating func int() throws -> Int64 { let u = try uint(); return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))) }
    public mutating func intValue() throws -> Int {
        let v = try int()
        guard let i = Int(exactly: v) else { throw WireError(message: "integer out of range") }
        return i
    }
    public mutating func count() throws -> Int {
        let n = try uint()
        guard n <= UInt64(bytes.count - pos) else { throw WireError(message: "count \(n) exceeds the body") }
        return Int(n)
    }
    /// What `WireWriter.blob` wrote.
    public mutating func blob() throws -> [UInt8] {
        let n = try count()
        defer { pos += n }
        return Array(bytes[pos..<pos + n])
    }
    public mutating func byte() throws -> UInt8 {
        guard pos < bytes.count else { throw WireError(message: "body ends early") }
        defer { pos += 1 }
        return bytes[pos]
    }
    public mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        case let b: throw WireError(message: "bad boolean \(b)")
        }
    }
    public mutating func string() throws -> String {
        let n = try count()
        let s = bytes.withUnsafeBytes { UTF8Text.string(UnsafeRawBufferPointer(rebasing: $0[pos..<pos + n])) }
        guard let s else { throw WireError(message: "string is not UTF-8") }
        pos += n
        return s
    }
    /// The byte range of the next string, bounds-checked but neither validated nor decoded
    /// (the fold looks ids up by their bytes).
    mutating func stringSpan() throws -> Range<Int> {
        let n = try count()
        defer { pos += n }
        return pos..<pos + n
    }
    /// Whether `string()` would accept these bytes: well-formed UTF-8 (Unicode's table 3-7: no
    /// overlong forms, no surrogates, nothing above U+10FFFF), checked without building a String.
    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let need: Int, lo: UInt8, hi: UInt8
            switch b {
            case 0xC2...0xDF: need = 1; lo = 0x80; hi = 0xBF
            case 0xE0: need = 2; lo = 0xA0; hi = 0xBF
            case 0xE1...0xEC, 0xEE...0xEF: need = 2; lo = 0x80; hi = 0xBF
            case 0xED: need = 2; lo = 0x80; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90; hi = 0xBF
            case 0xF1...0xF3: need = 3; lo = 0x80; hi = 0xBF
            case 0xF4: need = 3; lo = 0x80; hi = 0x8F
            default: return false
            }
            guard i + need < n else { return false }
            let second = bytes[i + 1]
            guard second >= lo && second <= hi else { return false }
            var k = 2
            while k <= need { guard bytes[i + k] & 0xC0 == 0x80 else { return false }; k += 1 }
            i += need + 1
        }
        return true
    }
    public mutating func strings() throws -> [String] { try array { try $0.string() } }
    public mutating func date() throws -> Date { Date(timeIntervalSince1970: Double(try int()) / 1000) }
    public mutating func fixed() throws -> Fixed2 { Fixed2(hundredths: try int()) }
    public mutating func text() throws -> LocalizedText {
        let zh = try optional { try $0.string() }
        let en = try optional { try $0.string() }
        return LocalizedText(zh: zh, en: en)
    }
    public mutating func optional<T>(_ read: (inout WireReader) throws -> T) throws -> T? {
        try bool() ? try read(&self) : nil
    }
    public mutating func array<T>(_ read: (inout WireReader) throws -> T) throws -> [T] {
        let n = try count()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try read(&self)) }
        return out
    }
    public mutating func raw<E>(_ table: [E]) throws -> E {
        let b = Int(try byte())
        guard b < table.count else { throw WireError(message: "enum value \(b) out of range") }
        return table[b]
    }
}
