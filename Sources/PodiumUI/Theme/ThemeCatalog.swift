import Foundation

extension Theme {
    /// Parses a theme from TOML text; `file` names it in error messages.
    public static func parse(_ source: String, file: String) throws(ThemeError) -> Theme {
        try ThemeParser.parse(source, file: file)
    }

    /// Reads and parses a theme file.
    public static func load(path: String) throws(ThemeError) -> Theme {
        let source: String
        do {
            source = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ThemeError(file: path, line: nil, message: "cannot read the theme file (\(error.localizedDescription))")
        }
        return try parse(source, file: path)
    }

    /// The theme `name` from `directory/name.toml`. When the directory does not exist,
    /// the built-in theme is returned whatever the name, so the program still runs from
    /// anywhere; a missing file in an existing directory is an error.
    public static func named(_ name: String, in directory: String) throws(ThemeError) -> Theme {
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
            throw ThemeError(file: directory, line: nil, message: "'\(name)' is not a theme name")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            return builtIn
        }
        let path = (directory as NSString).appendingPathComponent(name + ".toml")
        guard FileManager.default.fileExists(atPath: path) else {
            let known = listThemes(in: directory).map(\.name).joined(separator: ", ")
            throw ThemeError(file: path, line: nil, message: "no theme named '\(name)' (available: \(known))")
        }
        return try load(path: path)
    }
}

/// One entry of a theme listing.
public struct ThemeInfo: Sendable, Hashable {
    /// The theme's `name` (for a file that does not parse: the file name without `.toml`).
    public var name: String
    /// The theme's `description`, or the error for a file that does not parse.
    public var description: String
    /// `Theme.previewLine`, empty for a file that does not parse.
    public var previewLine: String
    /// The file it came from.
    public var path: String
    /// Why the file could not be used, if it could not.
    public var error: ThemeError?
}

/// The `*.toml` themes of a directory, sorted by file name. A file that does not parse is
/// listed too, with its error, so a typo does not make a theme silently disappear. An
/// absent directory lists nothing.
public func listThemes(in directory: String) -> [ThemeInfo] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return files.filter { $0.hasSuffix(".toml") }.sorted().map { file in
        let path = (directory as NSString).appendingPathComponent(file)
        do throws(ThemeError) {
            let theme = try Theme.load(path: path)
            return ThemeInfo(name: theme.name, description: theme.description,
                             previewLine: theme.previewLine, path: path, error: nil)
        } catch {
            return ThemeInfo(name: String(file.dropLast(".toml".count)), description: error.description,
                             previewLine: "", path: path, error: error)
        }
    }
}
