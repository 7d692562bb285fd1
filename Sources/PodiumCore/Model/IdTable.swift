/// Ids interned to dense integers (0, 1, 2, … in order of first sight), looked up by their
/// UTF-8 bytes: the fold finds a mark's skill, competitor, aspect and judge straight from the
/// bytes of its event body, without building a `String` or hashing one with `Hasher`.
///
/// Open addressing with linear probing over a power-of-two table kept at most half full; FNV-1a
/// over the bytes. Ids are compared byte for byte, so two ids are the same slot exactly when
/// their UTF-8 is the same, which is `String` equality for the NFC ids the log holds.
struct IdTable: Sendable {
    /// The ids, by index.
    private(set) var ids: [String] = []
    /// Every id's UTF-8, one after another: id i is `bytes[starts[i]..<starts[i + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    /// Index + 1 of the id in each slot (0: empty).
    private var slots: [Int32] = Array(repeating: 0, count: 16)

    init() {}

    var count: Int { ids.count }

    /// The index of the id with these UTF-8 bytes, if it has been interned.
    @inline(__always)
    func index(bytes key: UnsafeRawBufferPointer) -> Int? {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: Self.hash(key)) & mask
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBytes { all in
                while true {
                    let v = Int(slots[s])
                    if v == 0 { return nil }
                    let lo = starts[v - 1], hi = starts[v]
                    if hi - lo == key.count && Self.same(all, lo, key) { return v - 1 }
                    s = (s + 1) & mask
                }
            }
        }
    }

    func index(_ id: String) -> Int? {
        if let i = id.utf8.withContiguousStorageIfAvailable({ index(bytes: UnsafeRawBufferPointer($0)) }) { return i }
        return Array(id.utf8).withUnsafeBytes { index(bytes: $0) }
    }

    /// The index of `id`, interning it (at the next index) if it is new.
    @discardableResult
    mutating func intern(_ id: String) -> Int {
        if let i = index(id) { return i }
        let i = ids.count
        ids.append(id)
        bytes.append(contentsOf: id.utf8)
        starts.append(bytes.count)
        if (ids.count) * 2 > slots.count { rehash(slots.count * 2) } else { place(i) }
        return i
    }

    private mutating func place(_ i: Int) {
        let mask = slots.count - 1
        let h = bytes.withUnsafeBytes { Self.hash(UnsafeRawBufferPointer(rebasing: $0[starts[i]..<starts[i + 1]])) }
        var s = Int(truncatingIfNeeded: h) & mask
        while slots[s] != 0 { s = (s + 1) & mask }
        slots[s] = Int32(i + 1)
    }

    private mutating func rehash(_ capacity: Int) {
        slots = Array(repeating: 0, count: capacity)
        for i in 0..<ids.count { place(i) }
    }

    /// Whether `all[from..<from + key.count]` holds `key`'s bytes (ids are short: a plain loop).
    @inline(__always)
    static func same(_ all: UnsafeRawBufferPointer, _ from: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        while i < key.count {
            if all[from + i] != key[i] { return false }
            i += 1
        }
        return true
    }

    @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h ^ (h >> 29)
    }
}
