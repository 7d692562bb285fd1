import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An Ed25519 private key (swift-crypto), named so that callers need not import Crypto.
public typealias SigningKey = Curve25519.Signing.PrivateKey

/// A public key registered in the log (`key.registered`): the key checkpoints are checked
/// against. `id` is the key's fingerprint (`SigningKeys.fingerprint`), never typed by hand.
public struct RegisteredKey: Hashable, Sendable, Codable, WireCodable {
    public var id: String
    /// The Ed25519 public key, 32 bytes (base64 in JSON).
    public var publicKey: Data
    /// Who holds the private key, in words ("jury chair", "IT office safe").
    public var holder: String

    public init(id: String, publicKey: Data, holder: String) {
        self.id = id; self.publicKey = publicKey; self.holder = holder
    }
    public func write(to w: inout WireWriter) {
        w.string(id); w.blob(publicKey); w.string(holder)
    }
    public init(from r: inout WireReader) throws {
        id = try r.string()
        publicKey = Data(try r.blob())
        holder = try r.string()
    }
}

/// What goes wrong with key files, each naming the file. One place, for the i18n catalogue.
public enum KeyFileMessage: Error, CustomStringConvertible, Localized, Equatable, Sendable {
    case exists(String)
    case cannotWrite(String, String)
    case cannotRead(String, String)
    case readableByOthers(String, mode: UInt32)
    case malformed(String, line: Int, String)

    public var description: String { said.text(.en) }

    public var said: Said {
        switch self {
        case let .exists(p): return "\(p): already exists; a key file is never overwritten (choose another name)"
        case let .cannotWrite(p, why): return "\(p): cannot write the key file: \(why)"
        case let .cannotRead(p, why): return "\(p): cannot read the key file: \(why)"
        case let .readableByOthers(p, mode):
            return "\(p): the private key can be read by others (mode \(String(mode & 0o777, radix: 8))); run `chmod 600 \(p)` (nothing was signed)"
        case let .malformed(p, line, why): return "\(p):\(line): \(why)"
        }
    }
}

/// Ed25519 key files (swift-crypto's Curve25519.Signing). The private key file holds the
/// 32-byte seed in base64 under a fixed first line, mode 0600; `FILE.pub` holds the public key
/// and its fingerprint.
public enum SigningKeys {
    static let privateHeader = "podium-ed25519-private-key v1"
    static let publicHeader = "podium-ed25519-public-key v1"

    /// The key's id: the first 8 bytes of SHA-256 of the public key, in hex.
    public static func fingerprint(_ publicKey: Data) -> String {
        SHA256.hash(data: publicKey).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// Makes a key pair: `path` (mode 0600, refused if it or `path.pub` exists) and `path.pub`.
    /// Returns the public key's fingerprint.
    @discardableResult
    public static func create(at path: String) throws -> String {
        let pubPath = path + ".pub"
        for p in [path, pubPath] where FileManager.default.fileExists(atPath: p) { throw KeyFileMessage.exists(p) }
        let key = Curve25519.Signing.PrivateKey()
        let pub = key.publicKey.rawRepresentation
        let id = fingerprint(pub)
        let secret = "\(privateHeader)\n\(key.rawRepresentation.base64EncodedString())\n"
        try writeNew(path, secret, mode: 0o600)
        do {
            try writeNew(pubPath, "\(publicHeader) \(pub.base64EncodedString()) \(id)\n", mode: 0o644)
        } catch {
            unlink(path)
            throw error
        }
        return id
    }

    private static func writeNew(_ path: String, _ text: String, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            if errno == EEXIST { throw KeyFileMessage.exists(path) }
            throw KeyFileMessage.cannotWrite(path, String(cString: strerror(errno)))
        }
        defer { close(fd) }
        // The umask may have taken bits away but never adds any; set exactly the mode asked for.
        guard fchmod(fd, mode) == 0 else {
            let why = String(cString: strerror(errno)); unlink(path)
            throw KeyFileMessage.cannotWrite(path, why)
        }
        let bytes = Array(text.utf8)
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard n == bytes.count, fsync(fd) == 0 else {
            let why = String(cString: strerror(errno)); unlink(path)
            throw KeyFileMessage.cannotWrite(path, why)
        }
    }

    /// Loads a private key; refuses a file that group or others may read.
    public static func loadPrivate(_ path: String) throws -> Curve25519.Signing.PrivateKey {
        var st = stat()
        guard stat(path, &st) == 0 else { throw KeyFileMessage.cannotRead(path, String(cString: strerror(errno))) }
        guard st.st_mode & 0o077 == 0 else { throw KeyFileMessage.readableByOthers(path, mode: UInt32(st.st_mode)) }
        let lines = try readLines(path)
        guard lines.first == privateHeader else {
            throw KeyFileMessage.malformed(path, line: 1, "not a podium private key (expected \"\(privateHeader)\"; make one with `podium keys new`)")
        }
        guard lines.count == 2, let seed = Data(base64Encoded: lines[1]),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw KeyFileMessage.malformed(path, line: 2, "expected the key's 32 bytes in base64")
        }
        return key
    }

    /// Loads `FILE.pub` (or a private key file, whose public half is derived).
    public static func loadPublic(_ path: String) throws -> Data {
        let lines = try readLines(path)
        if lines.first == privateHeader { return try loadPrivate(path).publicKey.rawRepresentation }
        let parts = lines.first?.split(separator: " ").map(String.init) ?? []
        guard lines.count == 1, parts.count == 4, "\(parts[0]) \(parts[1])" == publicHeader else {
            throw KeyFileMessage.malformed(path, line: 1, "not a podium public key (expected \"\(publicHeader) BASE64 ID\")")
        }
        guard let pub = Data(base64Encoded: parts[2]), (try? Curve25519.Signing.PublicKey(rawRepresentation: pub)) != nil else {
            throw KeyFileMessage.malformed(path, line: 1, "the public key is not 32 bytes of base64")
        }
        guard fingerprint(pub) == parts[3] else {
            throw KeyFileMessage.malformed(path, line: 1, "the key id \(parts[3]) does not match the key (its fingerprint is \(fingerprint(pub)))")
        }
        return pub
    }

    static func readLines(_ path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KeyFileMessage.cannotRead(path, FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw KeyFileMessage.malformed(path, line: 1, "not UTF-8 text") }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }
}
