import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One data row of a CSV file, numbered as a spreadsheet shows it (the header is row 1).
public struct CSVRow: Hashable, Sendable {
    public var number: Int
    public var fields: [String]
    public init(number: Int, fields: [String]) { self.number = number; self.fields = fields }
}

/// A CSV file as read: its header and its data rows. `file` is the name errors give.
public struct CSVTable: Hashable, Sendable {
    public var file: String
    public var header: [String]
    public var rows: [CSVRow]
    public init(file: String, header: [String], rows: [CSVRow]) { self.file = file; self.header = header; self.rows = rows }

    /// Checks the header against a layout and returns each column's position, by its
    /// lower-case name. An unknown column or a missing required one is an error naming it
    /// (a duplicate is caught when reading).
    public func columns(required: [String], optional: [String] = []) throws(ImportError) -> [String: Int] {
        let known = required + optional
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            let key = name.lowercased()
            guard known.contains(key) else {
                let columns = required.joined(separator: ",")
                let layout = optional.isEmpty ? Said(verbatim: columns) : Said("\(columns), optional \(optional.joined(separator: ","))")
                throw ImportError(file: file, row: 1, column: name.isEmpty ? "\(i + 1)" : name,
                                  message: "unknown column (the columns are \(layout))")
            }
            index[key] = i
        }
        for name in required where index[name] == nil {
            throw ImportError(file: file, row: 1, column: name, message: "the required column is missing")
        }
        return index
    }
}

/// A strict RFC 4180 reader for the import files.
///
/// Hand-written rather than a dependency (SwiftCSV 0.10, say) because every error must name its
/// row and column, and a byte that is not UTF-8 its line, which SwiftCSV does not report.
///
/// - UTF-8 only; a BOM at the start is skipped. The first byte that is not UTF-8 is an error
///   naming its line (lines count line feeds; a quoted field may span several).
/// - Fields are separated by commas; records end with CRLF or LF (the last one may have none).
/// - A field is either unquoted (no `"` in it, no bare CR) or wholly quoted: `"…"`, with `""`
///   standing for one quote; a quoted field may hold commas and line breaks. Anything between
///   a closing quote and the next comma or line end is an error, and so is a quote left open.
/// - The first record is the header. Column names are trimmed and matched case-insensitively;
///   a name given twice is an error. Every row must have as many fields as the header.
/// - Rows are numbered as a spreadsheet shows them: the header is row 1. A row whose fields are
///   all empty (a blank line, or `,,,` from a spreadsheet) is skipped but still counted.
public enum CSVReader {
    /// Reads the file at `path`; errors name it as `name` (default: the path as given).
    /// A file in GB 18030 is decoded to UTF-8 first (through iconv), so rows, columns and
    /// every rule are the same in both encodings.
    public static func read(path: String, name: String? = nil, encoding: TextEncoding = .utf8) throws(ImportError) -> CSVTable {
        let file = name ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            throw ImportError(file: file, message: !exists ? "no such file" : isDir.boolValue ? "is a directory, not a CSV file" : "cannot be read")
        }
        return try parse([UInt8](data), file: file, encoding: encoding)
    }

    public static func parse(_ input: [UInt8], file: String, encoding: TextEncoding) throws(ImportError) -> CSVTable {
        switch encoding {
        case .utf8: return try parse(input, file: file)
        case .gb18030:
            switch GB18030.decode(input[...]) {
            case let .success(utf8): return try parse(utf8, file: file)
            case let .failure(.invalid(offset)):
                let line = input[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
                throw ImportError(file: file, line: line,
                                  message: "byte 0x\(String(input[offset], radix: 16, uppercase: true)) at byte offset \(offset) is not GB 18030; check the file's encoding (--encoding utf-8 or gb18030)")
            case let .failure(.unavailable(code)):
                throw ImportError(file: file, message: "this system cannot decode GB 18030 (iconv: \(String(cString: strerror(code)))); save the file as UTF-8")
            }
        }
    }

    public static func parse(_ text: String, file: String) throws(ImportError) -> CSVTable {
        try parse(Array(text.utf8), file: file)
    }

    public static func parse(_ input: [UInt8], file: String) throws(ImportError) -> CSVTable {
        var bytes = input[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        try checkUTF8(bytes, file: file)

        let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        var records: [(number: Int, fields: [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var row = 1
        var i = bytes.startIndex
        let end = bytes.endIndex

        func fieldError(_ message: Said) -> ImportError {
            let header = records.first?.fields
            let column = header.flatMap { fields.count < $0.count ? $0[fields.count].trimmingCharacters(in: .whitespaces) : nil }
            return ImportError(file: file, row: row, column: (column?.isEmpty ?? true) ? "\(fields.count + 1)" : column, message: message)
        }
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            records.append((row, fields))
            fields.removeAll(keepingCapacity: true)
            row += 1
        }

        while i < end {
            // At the start of a field.
            if bytes[i] == quote {
                i += 1
                var closed = false
                while i < end {
                    if bytes[i] == quote {
                        if i + 1 < end && bytes[i + 1] == quote { field.append(quote); i += 2; continue }
                        closed = true; i += 1; break
                    }
                    field.append(bytes[i]); i += 1
                }
                guard closed else {
                    throw ImportError(file: file, row: row, column: fieldError("").column,
                                      message: "a quoted field is never closed (a \" is missing; a quote inside a quoted field is written \"\")")
                }
                // After the closing quote: a comma, a line end or the end of the file.
                if i == end { break }
                switch bytes[i] {
                case comma: endField(); i += 1
                case lf: endRecord(); i += 1
                case cr where i + 1 < end && bytes[i + 1] == lf: endRecord(); i += 2
                default: throw fieldError("text after a closing quote (a quote inside a quoted field is written \"\")")
                }
            } else {
                while i < end, bytes[i] != comma, bytes[i] != lf, bytes[i] != cr {
                    if bytes[i] == quote {
                        throw fieldError("a quote inside a field that does not start with one (quote the whole field, and write the quote as \"\")")
                    }
                    field.append(bytes[i]); i += 1
                }
                if i == end { break }
                switch bytes[i] {
                case comma: endField(); i += 1
                case lf: endRecord(); i += 1
                default:
                    guard i + 1 < end, bytes[i + 1] == lf else { throw fieldError("a carriage return that does not end a line (lines end with CRLF or LF)") }
                    endRecord(); i += 2
                }
            }
        }
        // The last record, without a line break after it ("a,b," ends with an empty field).
        if !fields.isEmpty || !field.isEmpty { endRecord() }
        return try table(records, file: file)
    }

    private static func table(_ records: [(number: Int, fields: [String])], file: String) throws(ImportError) -> CSVTable {
        let nonBlank = records.filter { !$0.fields.allSatisfy(\.isEmpty) }
        guard let head = nonBlank.first else { throw ImportError(file: file, message: "the file is empty") }
        guard head.number == 1 else {
            throw ImportError(file: file, row: 1, column: nil, message: "the first row must be the header (it is empty)")
        }
        let header = head.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var seen: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            if name.isEmpty { throw ImportError(file: file, row: 1, column: "\(i + 1)", message: "the header has an empty column name") }
            if let first = seen[name.lowercased()] {
                throw ImportError(file: file, row: 1, column: name, message: "the column is given twice (columns \(first + 1) and \(i + 1))")
            }
            seen[name.lowercased()] = i
        }
        var rows: [CSVRow] = []
        rows.reserveCapacity(nonBlank.count - 1)
        for r in nonBlank.dropFirst() {
            guard r.fields.count == header.count else {
                throw ImportError(file: file, row: r.number, column: nil,
                                  message: r.fields.count == 1 ? Said("1 field, expected \(header.count) as in the header")
                                      : Said("\(r.fields.count) fields, expected \(header.count) as in the header"))
            }
            rows.append(CSVRow(number: r.number, fields: r.fields))
        }
        return CSVTable(file: file, header: header, rows: rows)
    }

    /// The whole input must be UTF-8; the first bad byte is reported with its line.
    private static func checkUTF8(_ bytes: ArraySlice<UInt8>, file: String) throws(ImportError) {
        if bytes.allSatisfy({ $0 < 0x80 }) { return }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var consumed = bytes.startIndex
        var line = 1, character = 1
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(s):
                consumed += UTF8.width(s)
                if s == "\n" { line += 1; character = 1 } else { character += 1 }
            case .emptyInput:
                return
            case .error:
                // `consumed` is where the bad sequence starts.
                let byte = String(bytes[consumed], radix: 16, uppercase: true)
                if case .success = GB18030.decode(bytes) {
                    throw ImportError(file: file, line: line,
                                      message: "character \(character) (byte 0x\(byte)) is not UTF-8, but the whole file reads as GB 18030 (as Excel saves CSV on a Chinese Windows): import it with --encoding gb18030")
                }
                throw ImportError(file: file, line: line,
                                  message: "character \(character) (byte 0x\(byte)) is not UTF-8; save the file as UTF-8 (\"CSV UTF-8\" in a spreadsheet)")
            }
        }
    }
}
