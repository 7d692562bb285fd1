import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The encodings an import file may be in. Excel on a Chinese Windows saves "CSV" in
/// GB 18030 (of which GBK and GB 2312 are subsets), not UTF-8.
public enum TextEncoding: String, CaseIterable, Sendable {
    case utf8 = "utf-8"
    case gb18030

    /// "utf-8", "utf8", "gb18030"; also "gbk" and "gb2312", read as GB 18030 (their superset).
    public init?(name: String) {
        switch name.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "gb18030", "gb-18030", "gbk", "gb2312": self = .gb18030
        default: return nil
        }
    }
}

/// GB 18030 to UTF-8 through the C library's iconv (glibc's gconv module), not a table of
/// our own: the mapping is large, versioned (2000/2005/2022) and already kept by glibc.
public enum GB18030 {
    public enum Failure: Error, Equatable, Sendable {
        /// The byte at this offset (from 0) starts a sequence that is not GB 18030, or the
        /// file ends inside one.
        case invalid(offset: Int)
        /// This system's iconv has no GB 18030 converter (errno of iconv_open).
        case unavailable(errno: Int32)
    }

    /// The UTF-8 of `bytes`, or where the first bad sequence starts.
    public static func decode(_ bytes: ArraySlice<UInt8>) -> Result<[UInt8], Failure> {
        if bytes.isEmpty { return .success([]) }
        let cd = iconv_open("UTF-8", "GB18030")
        if cd == iconv_t(bitPattern: -1) { return .failure(.unavailable(errno: errno)) }
        defer { iconv_close(cd) }
        // One GB 18030 byte is at most one UTF-8 byte, two at most three, four at most four.
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var input = Array(bytes)
        let (consumed, produced, ok) = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                inBuf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: inBuf.count) { inBase in
                    outBuf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: outBuf.count) { outBase in
                        var inPtr: UnsafeMutablePointer<CChar>? = inBase
                        var outPtr: UnsafeMutablePointer<CChar>? = outBase
                        var inLeft = inBuf.count, outLeft = outBuf.count
                        // EILSEQ (a bad sequence) or EINVAL (the input ends inside one) stop
                        // the conversion with inPtr at the sequence's first byte.
                        var ok = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 && inLeft == 0
                        if ok { ok = iconv(cd, nil, nil, &outPtr, &outLeft) != -1 }
                        return (inBuf.count - inLeft, outBuf.count - outLeft, ok)
                    }
                }
            }
        }
        guard ok else { return .failure(.invalid(offset: consumed)) }
        return .success(Array(output[..<produced]))
    }
}
