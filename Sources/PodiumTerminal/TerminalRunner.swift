import CNcursesw
import Foundation
import PodiumUI

/// Runs a `TerminalScreen` on the terminal until it quits.
///
/// One thread does everything: ncurses is not thread-safe. The loop sleeps in poll(2) on
/// standard input, a self-pipe fed by the signal handlers, and the log's change descriptor,
/// with a timeout reaching the next thing due (the screen's deadline, the log poll, a
/// pending Escape, a frame held back by the frame-rate cap), so an idle screen costs no CPU.
/// Each frame renders the screen's canvas, diffs it with the previous frame, writes only
/// the changed runs into `stdscr` and ends with one `doupdate()`. See docs/terminal.md.
public final class TerminalRunner {
    public let screen: TerminalScreen
    public let options: RunOptions

    /// The figures of the last frame drawn.
    public private(set) var lastStats = FrameStats()
    /// Sums over every frame of the run (`frames` is the count).
    public private(set) var totalStats = FrameStats()
    /// True when `bytesWritten` is exact (kernel write accounting was readable); false when
    /// it is an estimate from the text and the number of runs.
    public private(set) var bytesCountedExactly = false
    /// The colour depth the run used.
    public private(set) var colorDepth: ColorDepth = .none
    /// Why `run()` returned, once it has.
    public private(set) var stopReason: StopReason?
    /// Called after every frame with its figures (`podium bench render` records them).
    public var onFrame: ((FrameStats) -> Void)?

    private var previous: Canvas?
    private var decoder = KeyDecoder()
    private var showStats = false
    private var painter = CursesPainter(depth: .none, defaultColors: false, colorPairs: 0)
    private var sourceTheme: Theme?
    private var theme = Theme.builtIn
    private var counter: WriteCounter?
    private var rows = 0
    private var columns = 0

    /// One runner at a time: signal handlers and ncurses are process-wide.
    nonisolated(unsafe) private static var running = false

    public init(screen: TerminalScreen, options: RunOptions = RunOptions()) {
        self.screen = screen
        self.options = options
    }

    /// Takes over the terminal and runs the screen. Returns when the screen says `.quit`,
    /// on SIGINT, SIGTERM, SIGHUP or SIGQUIT (see `stopReason`), when the terminal goes
    /// away, or after `frameLimit` frames; throws when the terminal cannot be used or the
    /// screen throws. The terminal is restored on every one of these ways out.
    public func run() throws {
        guard TerminalCheck.isTTY() else { throw TerminalError.notATerminal(program: options.programName) }
        guard !Self.running else { throw TerminalError.alreadyRunning }
        Self.running = true
        defer { Self.running = false }
        stopReason = nil
        previous = nil
        decoder = KeyDecoder()

        // Signals first: ncurses only catches the signals still at their default action.
        let signals = try SignalPipe()
        defer { signals.uninstall() }

        Self.setUTF8Locale()
        fflush(podium_stdout_file())
        guard let cursesScreen = newterm(nil, podium_stdout_file(), podium_stdin_file()) else {
            let term = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
            throw TerminalError.cannotStart("ncurses does not know this terminal (TERM=\(term))")
        }
        defer {
            endwin()
            delscreen(cursesScreen)
        }
        // A terminal that cannot move the cursor (TERM=dumb) cannot show a board.
        let cursorAddress = tigetstr("cup")
        if cursorAddress == nil || Int(bitPattern: cursorAddress) == -1 {
            let term = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
            throw TerminalError.cannotStart("this terminal cannot move the cursor (TERM=\(term))")
        }
        setUpModes()
        setUpColours()
        counter = WriteCounter()
        defer { counter = nil }
        bytesCountedExactly = counter?.total() != nil
        updateSize()

        try loop(signals)
    }

    // MARK: Set-up

    /// `setlocale(LC_ALL, "")` so the wide API and wcwidth work; when the environment's
    /// locale is not UTF-8 (a service started without LANG), UTF-8 character handling is
    /// taken from C.UTF-8 so Chinese names are not shown as `?`.
    private static func setUTF8Locale() {
        setlocale(LC_ALL, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) == "UTF-8" { return }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            return
        }
    }

    private func setUpModes() {
        cbreak()                 // keys at once; Ctrl-C and Ctrl-Z still send signals
        noecho()
        nonl()
        intrflush(podium_stdscr(), false)
        leaveok(podium_stdscr(), true)
        curs_set(0)
        // Never abandon an update half-way because input is waiting: the previous canvas
        // must match what is on the screen.
        typeahead(-1)
        // Ctrl-S must not freeze a venue screen (XON/XOFF flow control): turn IXON off,
        // then save the modes as ncurses' program mode so resuming after suspend keeps it.
        var modes = termios()
        if tcgetattr(STDOUT_FILENO, &modes) == 0 {
            modes.c_iflag &= ~tcflag_t(IXON)
            tcsetattr(STDOUT_FILENO, TCSANOW, &modes)
            def_prog_mode()
        }
    }

    private func setUpColours() {
        let environment = ProcessInfo.processInfo.environment
        var terminalColours = 0
        var defaultColours = false
        // NO_COLOR: do not even start colour (no colour escape sequences at all).
        if ColorDepth.detect(environment: environment, terminalColors: 256) != .none, has_colors() {
            start_color()
            defaultColours = use_default_colors() == podium_ok()
            terminalColours = Int(podium_colors())
        }
        colorDepth = ColorDepth.detect(environment: environment, terminalColors: terminalColours)
        painter = CursesPainter(depth: colorDepth, defaultColors: defaultColours,
                                colorPairs: Int(podium_color_pairs()))
        sourceTheme = nil
    }

    // MARK: The loop

    private func loop(_ signals: SignalPipe) throws {
        var needsDraw = true
        var urgent = true                   // draw without waiting for the frame-rate cap
        var lastFrame: UInt64?              // monotonic nanoseconds
        let frameInterval: UInt64 = options.maxFramesPerSecond > 0
            ? 1_000_000_000 / UInt64(options.maxFramesPerSecond) : 0
        let logPoll = TimeInterval(max(1, options.logPollMillis)) / 1000
        var nextLogPoll: Date? = options.changeDescriptor == nil ? Date().addingTimeInterval(logPoll) : nil
        var escapeDeadline: Date?
        var changeDescriptor = options.changeDescriptor
        var input = [UInt8](repeating: 0, count: 4096)

        while true {
            // Draw when something asked for it, unless the cap holds the frame back.
            var heldUntil: UInt64?
            if needsDraw {
                let now = Self.monotonicNanos()
                if urgent || lastFrame == nil || now &- lastFrame! >= frameInterval {
                    drawFrame()
                    lastFrame = Self.monotonicNanos()
                    needsDraw = false
                    urgent = false
                    if let limit = options.frameLimit, totalStats.frames >= limit {
                        stopReason = .frameLimit
                        return
                    }
                } else {
                    heldUntil = lastFrame! + frameInterval
                }
            }

            // Sleep until input, a signal, a log change or the next thing due.
            let now = Date()
            let screenDeadline = screen.nextDeadline(after: now)
            var timeout = -1
            func due(_ date: Date?) {
                guard let date else { return }
                let millis = Int((date.timeIntervalSince(now) * 1000).rounded(.up))
                timeout = timeout < 0 ? max(0, millis) : min(timeout, max(0, millis))
            }
            // While a frame is held back by the cap, a past screen deadline is already
            // served by it; waiting for it again would spin.
            if heldUntil == nil { due(screenDeadline) }
            due(nextLogPoll)
            due(escapeDeadline)
            if let heldUntil {
                let millis = Int((heldUntil &- min(heldUntil, Self.monotonicNanos()) + 999_999) / 1_000_000)
                timeout = timeout < 0 ? millis : min(timeout, millis)
            }
            var fds = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signals.readEnd, events: Int16(POLLIN), revents: 0),
            ]
            if let changeDescriptor { fds.append(pollfd(fd: changeDescriptor, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(clamping: timeout))
            if ready < 0, errno != EINTR { throw TerminalError.system("poll", errno: errno) }
            let woke = Date()

            // Signals, in the order they came.
            if ready > 0, fds[1].revents != 0 {
                var pending = signals.drain()
                while !pending.isEmpty {
                    let signal = pending.removeFirst()
                    switch signal {
                    case SIGWINCH:
                        if try resized(now: woke) { return }
                        needsDraw = true
                        urgent = true
                    case SIGTSTP:
                        suspend(signals)
                        // The SIGCONT that resumed us is already in the pipe: take it now,
                        // so the full redraw below happens once.
                        pending += signals.drain()
                        needsDraw = true
                        urgent = true
                    case SIGCONT:
                        // Continued (after SIGSTOP or our own suspend): the screen may hold
                        // anything, so repaint it all.
                        // The shell may have reset the terminal's modes while we were
                        // stopped: put ours back.
                        reset_prog_mode()
                        if try resized(now: woke, force: false) { return }
                        forceFullRepaint()
                        needsDraw = true
                        urgent = true
                    default:
                        stopReason = .signal(signal)
                        return
                    }
                }
            }

            // Keys.
            var keys: [Key] = []
            if ready > 0, fds[0].revents != 0 {
                if fds[0].revents & Int16(POLLIN) != 0 {
                    let n = read(STDIN_FILENO, &input, input.count)
                    if n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN) {
                        stopReason = .hangup
                        return
                    }
                    if n > 0 { keys += decoder.feed(Array(input[0..<n])) }
                } else {
                    // POLLHUP or POLLERR without data: the terminal is gone.
                    stopReason = .hangup
                    return
                }
                escapeDeadline = decoder.hasPending
                    ? woke.addingTimeInterval(TimeInterval(options.escapeDelayMillis) / 1000) : nil
            } else if let deadline = escapeDeadline, woke >= deadline {
                keys += decoder.flush()
                escapeDeadline = nil
            }
            for key in keys {
                if key == .char(options.statsKey) {
                    showStats.toggle()
                    needsDraw = true
                    continue
                }
                switch screen.handle(key, now: woke) {
                case .none: break
                case .redraw: needsDraw = true
                case .quit:
                    stopReason = .quit
                    return
                }
            }

            // The log.
            if let descriptor = changeDescriptor, ready > 0, fds.count > 2, fds[2].revents != 0 {
                if fds[2].revents & Int16(POLLNVAL) != 0 {
                    // Closed under us: fall back to polling.
                    changeDescriptor = nil
                    nextLogPoll = woke
                } else {
                    Self.drainChanges(descriptor)
                    if try screen.logChanged() { needsDraw = true }
                }
            }
            if let poll = nextLogPoll, woke >= poll {
                if try screen.logChanged() { needsDraw = true }
                nextLogPoll = Date().addingTimeInterval(logPoll)
            }

            // The screen's own clock.
            if let deadline = screenDeadline, woke >= deadline { needsDraw = true }
        }
    }

    // MARK: Frames

    private func drawFrame() {
        let start = Self.monotonicNanos()
        let now = Date()
        let source = screen.theme
        if source != sourceTheme {
            // A new theme: same canvas, other colours, so the diff would miss it.
            sourceTheme = source
            theme = source.adapted(to: colorDepth)
            forceFullRepaint()
        }
        var canvas = screen.render(width: columns, height: rows, now: now)
        if showStats {
            StatsOverlay.draw(into: &canvas, last: lastStats, total: totalStats,
                              exactBytes: bytesCountedExactly, depth: colorDepth,
                              statsKey: options.statsKey)
        }
        let changes = canvas.diff(from: previous ?? Canvas(width: 0, height: 0))
        var cells = 0
        var estimate = 0
        for change in changes {
            painter.draw(change, theme: theme, rows: rows, columns: columns)
            cells += change.width
            estimate += CursesPainter.estimatedBytes(change)
        }
        wnoutrefresh(podium_stdscr())
        let before = counter?.total()
        doupdate()
        let after = counter?.total()
        previous = canvas

        let written: Int
        if let before, let after {
            written = after - before
        } else {
            written = estimate
            bytesCountedExactly = false
        }
        let millis = Double(Self.monotonicNanos() &- start) / 1_000_000
        totalStats.frames += 1
        totalStats.frameMillis += millis
        totalStats.cellsChanged += cells
        totalStats.bytesWritten += written
        lastStats = FrameStats(frameMillis: millis, cellsChanged: cells, bytesWritten: written,
                               frames: totalStats.frames)
        onFrame?(lastStats)
    }

    /// Forget what is on the screen: the next frame draws every cell, and ncurses clears
    /// the terminal and repaints it all.
    private func forceFullRepaint() {
        previous = nil
        clearok(podium_curscr(), true)
    }

    /// Reads the terminal's size and tells ncurses and the screen when it changed (or
    /// always, with `force`). Returns true when the screen asked to quit.
    private func resized(now: Date, force: Bool = true) throws -> Bool {
        let before = (rows, columns)
        var newRows: Int32 = 0
        var newColumns: Int32 = 0
        if podium_window_size(STDOUT_FILENO, &newRows, &newColumns) == 0,
           Int(newRows) != Int(podium_lines()) || Int(newColumns) != Int(podium_cols()) {
            resizeterm(newRows, newColumns)
        }
        updateSize()
        guard force || (rows, columns) != before else { return false }
        forceFullRepaint()
        if screen.handle(.resize, now: now) == .quit {
            stopReason = .quit
            return true
        }
        return false
    }

    private func updateSize() {
        rows = max(0, Int(podium_lines()))
        columns = max(0, Int(podium_cols()))
    }

    /// SIGTSTP (Ctrl-Z): give the terminal back, stop as the shell expects, and on
    /// resume take the terminal again with a full repaint at the current size.
    private func suspend(_ signals: SignalPipe) {
        endwin()
        signals.stopForJobControl()
        // Resumed. The next doupdate() restores ncurses' program mode.
        _ = try? resized(now: Date(), force: false)
        forceFullRepaint()
    }

    /// Empties the change descriptor after poll said it is readable (one read when it
    /// blocks, all of it when it does not).
    private static func drainChanges(_ descriptor: Int32) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let nonBlocking = fcntl(descriptor, F_GETFL) & O_NONBLOCK != 0
        repeat {
            if read(descriptor, &buffer, buffer.count) <= 0 { return }
        } while nonBlocking
    }

    private static func monotonicNanos() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
