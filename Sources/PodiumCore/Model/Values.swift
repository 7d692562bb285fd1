import Foundation

/// A name given in Chinese, English or both. A plain TOML string fills both.
public struct LocalizedText: Codable, Hashable, Sendable {
    public var zh: String?
    public var en: String?

    public init(zh: String? = nil, en: String? = nil) { self.zh = zh; self.en = en }
    public init(_ both: String) { zh = both; en = both }

    /// The text in `lang`, falling back to the other language.
    public func text(_ lang: Language) -> String {
        switch lang {
        case .zh: return zh ?? en ?? ""
        case .en: return en ?? zh ?? ""
        }
    }
}

/// The two languages everything is shown in. Which one a run uses: `Language.choose`
/// (Localization/Said.swift).
public enum Language: String, Codable, Sendable, CaseIterable {
    case zh, en
}

/// An exact decimal with two places (marks, maxima, scores), held as hundredths.
/// Parsing never goes through binary floating point.
public struct Fixed2: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var hundredths: Int64

    public init(hundredths: Int64) { self.hundredths = hundredths }
    public init(_ whole: Int) { hundredths = Int64(whole) * 100 }

    /// Parses "40", "40.5", "-3.25"; nil for more than two decimals or anything else.
    public init?(parsing s: String) {
        var t = Substring(s.trimmingCharacters(in: .whitespaces))
        var negative = false
        if t.first == "-" { negative = true; t = t.dropFirst() } else if t.first == "+" { t = t.dropFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, let intPart = parts.first,
              !intPart.isEmpty || (parts.count == 2 && !parts[1].isEmpty),
              intPart.allSatisfy({ $0.isASCII && $0.isNumber }), intPart.count <= 15 else { return nil }
        var value = Int64(intPart.isEmpty ? "0" : String(intPart))! * 100
        if parts.count == 2 {
            let frac = parts[1]
            guard !frac.isEmpty, frac.count <= 2, frac.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            value += Int64(frac.count == 1 ? String(frac) + "0" : String(frac))!
        }
        hundredths = negative ? -value : value
    }

    /// From a TOML float such as 40.0: exact only when the value has at most two decimals.
    public init?(exactly d: Double) {
        let scaled = (d * 100).rounded()
        guard d.isFinite, abs(scaled) < 1e15, abs(scaled / 100 - d) < 1e-9 else { return nil }
        hundredths = Int64(scaled)
    }

    public var description: String {
        let sign = hundredths < 0 ? "-" : ""
        let a = abs(hundredths)
        let frac = a % 100
        return "\(sign)\(a / 100).\(frac < 10 ? "0" : "")\(frac)"
    }

    public var doubleValue: Double { Double(hundredths) / 100 }

    public static func < (l: Fixed2, r: Fixed2) -> Bool { l.hundredths < r.hundredths }
    public static func + (l: Fixed2, r: Fixed2) -> Fixed2 { Fixed2(hundredths: l.hundredths + r.hundredths) }
    public static func - (l: Fixed2, r: Fixed2) -> Fixed2 { Fixed2(hundredths: l.hundredths - r.hundredths) }
    public static let zero = Fixed2(hundredths: 0)
}

extension Fixed2: Codable {
    /// JSON carries it as a number; n/100 always prints as its two-decimal form.
    public init(from decoder: Decoder) throws {
        let d = try decoder.singleValueContainer().decode(Double.self)
        guard let v = Fixed2(exactly: d) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(d) has more than two decimals"))
        }
        self = v
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(doubleValue)
    }
}

/// A fraction such as 0.5 for `top_fraction` and `advance_fraction`, exact in ten-thousandths.
public struct Fraction: Hashable, Sendable, Codable, CustomStringConvertible {
    public var perTenThousand: Int
    public init(perTenThousand: Int) { self.perTenThousand = perTenThousand }
    public init?(exactly d: Double) {
        guard d.isFinite, d > 0, d <= 1 else { return nil }
        let v = (d * 10_000).rounded()
        guard abs(v / 10_000 - d) < 1e-12 else { return nil }
        perTenThousand = Int(v)
    }
    /// floor(n × fraction), exactly.
    public func of(_ n: Int) -> Int { n * perTenThousand / 10_000 }
    public var description: String {
        var s = String(Double(perTenThousand) / 10_000)
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}
