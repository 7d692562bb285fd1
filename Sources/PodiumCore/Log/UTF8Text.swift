/// Strings from bytes the log holds. Nearly every id and actor is ASCII, which needs no
/// validation beyond a high-bit check; anything else goes through full UTF-8 validation.
/// (`String(validating:as:)` alone is generic over the encoding and, unspecialised, spends
/// much of a replay looking up metadata.)
enum UTF8Text {
    static func string(_ bytes: UnsafeRawBufferPointer) -> String? {
        let u8 = bytes.bindMemory(to: UInt8.self)
        var high: UInt8 = 0
        for b in u8 { high |= b }
        if high < 0x80 { return String(decoding: u8, as: UTF8.self) }
        return String(validating: u8, as: UTF8.self)
    }
}
