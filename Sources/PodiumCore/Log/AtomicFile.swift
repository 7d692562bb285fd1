#if canImport(Glibc)
import Glibc
#endif

/// Writes a whole file so that readers see the old one or the new one, never a part: the bytes
/// go to a temporary file beside it (same directory, so the rename stays on one file system),
/// are synced, and the temporary file is renamed over the target, then the directory is synced.
/// On any failure the temporary file is removed and the target is left as it was.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
        let temp = Posix.directory(of: path) + "/." + (path.split(separator: "/").last.map(String.init) ?? "file") + ".tmp-\(getpid())"
        unlink(temp) // a leftover of an earlier process with our pid
        let fd = try Posix.open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode)
        var renamed = false
        defer {
            close(fd)
            if !renamed { unlink(temp) }
        }
        // The umask can only take bits away; set the mode explicitly all the same.
        guard fchmod(fd, mode) == 0 else { throw LogError.io(path: temp, operation: "chmod", errno: errno) }
        try Posix.writeAll(fd, bytes, at: 0, temp)
        try Posix.fdatasync(fd, temp)
        guard rename(temp, path) == 0 else { throw LogError.io(path: path, operation: "rename", errno: errno) }
        renamed = true
        try Posix.fsyncDirectory(of: path)
    }
}
