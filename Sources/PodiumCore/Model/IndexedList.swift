/// Items in the order they were defined, with O(1) lookup by id.
public struct IndexedList<T: Identifiable & Sendable>: Sendable, Sequence where T.ID == String {
    public private(set) var items: [T] = []
    private var index: [String: Int] = [:]

    public init() {}

    public subscript(id: String) -> T? { index[id].map { items[$0] } }
    public func contains(_ id: String) -> Bool { index[id] != nil }
    public var count: Int { items.count }
    public var isEmpty: Bool { items.isEmpty }
    public func makeIterator() -> IndexingIterator<[T]> { items.makeIterator() }

    /// Adds `item`, or replaces the one with its id in place.
    mutating func upsert(_ item: T) {
        if let i = index[item.id] { items[i] = item } else { index[item.id] = items.count; items.append(item) }
    }

    /// Changes the item with `id` in place (nothing when there is none).
    mutating func update(_ id: String, _ change: (inout T) -> Void) {
        guard let i = index[id] else { return }
        change(&items[i])
    }

    mutating func remove(_ id: String) {
        guard let i = index.removeValue(forKey: id) else { return }
        items.remove(at: i)
        for j in i..<items.count { index[items[j].id] = j }
    }
}
