import Foundation
import PodiumCore
import PodiumUI

/// What a screen wants after a key.
public enum ScreenAction: Sendable {
    /// Nothing visible changed.
    case none
    /// Draw a new frame.
    case redraw
    /// Leave the run loop.
    case quit
}

/// A full-terminal screen driven by `TerminalRunner`. Everything it shows comes from
/// `render`, a pure function of its cached state, the size and the time; the runner decides
/// when to call it and copies only what changed to the terminal.
public protocol TerminalScreen: AnyObject {
    var theme: Theme { get }
    /// The whole frame for this size and time, drawn from cached state (pure).
    func render(width: Int, height: Int, now: Date) -> Canvas
    func handle(_ key: Key, now: Date) -> ScreenAction
    /// The log may have new records: fold them into the cached state; true when the screen
    /// should redraw.
    func logChanged() throws -> Bool
    /// When the screen must next be redrawn without any input (the next clock second, page
    /// turn, ticker step), or nil.
    func nextDeadline(after now: Date) -> Date?
}

/// How `TerminalRunner` runs a screen.
public struct RunOptions: Sendable {
    /// A descriptor that becomes readable when the log changes (the inotify descriptor from
    /// `LogReader.changeDescriptor()`), or nil: then `logChanged()` is polled every
    /// `logPollMillis`.
    public var changeDescriptor: Int32?
    /// Toggles the frame-statistics overlay; this key never reaches the screen.
    public var statsKey: Character = "F"
    /// How often `logChanged()` is called when there is no change descriptor.
    public var logPollMillis: Int = 50
    /// How long a lone ESC (or an unfinished sequence) waits for more bytes before it is
    /// taken as the Escape key.
    public var escapeDelayMillis: Int = 50
    /// At most this many frames a second (0: no limit). A resize, a resume and the first
    /// frame are drawn at once regardless.
    public var maxFramesPerSecond: Int = 60
    /// Stop after this many frames (for `podium bench render`); nil runs until quit.
    public var frameLimit: Int?
    /// Names the program in the "needs a terminal" error.
    public var programName: String = "podium board"

    public init(changeDescriptor: Int32? = nil, statsKey: Character = "F",
                logPollMillis: Int = 50, escapeDelayMillis: Int = 50,
                maxFramesPerSecond: Int = 60, frameLimit: Int? = nil,
                programName: String = "podium board") {
        self.changeDescriptor = changeDescriptor
        self.statsKey = statsKey
        self.logPollMillis = logPollMillis
        self.escapeDelayMillis = escapeDelayMillis
        self.maxFramesPerSecond = maxFramesPerSecond
        self.frameLimit = frameLimit
        self.programName = programName
    }
}

/// What drawing frames cost. For one frame (`TerminalRunner.lastStats`) `frames` is that
/// frame's number; summed over a run (`TerminalRunner.totalStats`) it is the number of
/// frames and the other fields are totals.
public struct FrameStats: Sendable, Hashable {
    /// Time from the start of `render` to the end of `doupdate()`, in milliseconds.
    public var frameMillis: Double
    /// Cells in the runs that were drawn (a wide glyph counts 2).
    public var cellsChanged: Int
    /// Bytes written to the terminal by `doupdate()`.
    public var bytesWritten: Int
    public var frames: Int

    public init(frameMillis: Double = 0, cellsChanged: Int = 0, bytesWritten: Int = 0, frames: Int = 0) {
        self.frameMillis = frameMillis
        self.cellsChanged = cellsChanged
        self.bytesWritten = bytesWritten
        self.frames = frames
    }

    /// Mean frame time over `frames` (for totals).
    public var meanFrameMillis: Double { frames > 0 ? frameMillis / Double(frames) : 0 }
}

/// Why `TerminalRunner.run()` returned.
public enum StopReason: Sendable, Hashable {
    /// The screen returned `.quit`.
    case quit
    /// SIGINT, SIGTERM, SIGHUP or SIGQUIT arrived. Callers exit with 128 + the number.
    case signal(Int32)
    /// The terminal went away (end of input, or a read error).
    case hangup
    /// `RunOptions.frameLimit` frames were drawn.
    case frameLimit
}

public enum TerminalCheck {
    /// True when both standard input and standard output are terminals.
    public static func isTTY() -> Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }
}

public enum TerminalError: Error, Sendable, Hashable, CustomStringConvertible, Localized {
    /// Standard input or output is a pipe or a file.
    case notATerminal(program: String)
    /// ncurses could not start (unknown TERM, for example).
    case cannotStart(String)
    /// A system call the loop depends on failed.
    case system(String, errno: Int32)
    /// Another `TerminalRunner` is already running in this process.
    case alreadyRunning

    public var description: String { said.text(.en) }

    public var said: Said {
        switch self {
        case .notATerminal(let program):
            return "\(program) needs a terminal: standard input and output must not be redirected"
        case .cannotStart(let why):
            return "cannot start the terminal: \(why)"
        case .system(let call, let code):
            return "\(call) failed: \(String(cString: strerror(code)))"
        case .alreadyRunning:
            return "a terminal screen is already running in this process"
        }
    }
}
