import Foundation
import PodiumCore

/// Opening a venue's log for reading, on whichever store names it (a directory or a
/// `postgresql://` URL): the screens and `log` commands share this, and its refusal.
enum VenueStore {
    /// A reader at the start of the venue's log; a place without a venue is refused in one line.
    static func reader(_ location: String) throws -> EventReader {
        try requireVenue(location).openReader(location)
    }

    /// The store kind of `location`, once it is known to hold a venue.
    @discardableResult
    static func requireVenue(_ location: String) throws -> any StoreKind {
        let kind = try StoreKinds.kind(of: location)
        guard try kind.exists(location) else {
            throw CLIError(kind is FileStoreKind
                ? "\(location): not a venue (no events.log); make one with `podium init`"
                : "\(kind.displayName(location)): no venue in this database; make one with `podium init URL --from FILE`")
        }
        return kind
    }

    /// Checks every record of the venue's log.
    static func verify(_ location: String) throws -> VerifyReport {
        try StoreKinds.kind(of: location).verify(location)
    }
}
