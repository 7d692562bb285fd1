/// An error a store may throw that can mean its server could not be reached (down, the network
/// to it cut, the connection dropped mid-append), as opposed to a damaged log or a refused
/// command. When `linkLost` is true nothing was acknowledged by the failed call, and the same
/// call may succeed once the link is back: screens keep their state and say the link is lost
/// (`PodiumUI.LinkBanner`) instead of quitting; a plain command still exits with the one line.
///
/// The file log's errors never conform: a local file that cannot be written is not a link
/// that may come back.
public protocol LinkFailure: Error {
    var linkLost: Bool { get }
    /// The link broke while the commit was on its way: the append was not acknowledged, but it
    /// may have landed. Only a read after the link is back can tell.
    var outcomeUnknown: Bool { get }
}

extension LinkFailure {
    public var linkLost: Bool { true }
    public var outcomeUnknown: Bool { false }
}

public enum Link {
    /// True when `error` says the store's server could not be reached.
    public static func isLost(_ error: Error) -> Bool { (error as? LinkFailure)?.linkLost == true }
    /// True when `error` says the link broke during the commit (the append may have landed).
    public static func isOutcomeUnknown(_ error: Error) -> Bool { (error as? LinkFailure)?.outcomeUnknown == true }
}
