/// A key press as a screen sees it. Terminal input bytes become keys in `KeyDecoder`;
/// the terminal backend adds `.resize` when the window changes size.
public enum Key: Hashable, Sendable {
    /// Printable text: one grapheme cluster (a letter, a Chinese character, an emoji).
    case char(Character)
    /// Return or Enter (CR, LF, or CR LF as one).
    case enter
    /// Backspace (DEL 0x7F or Ctrl-H 0x08).
    case backspace
    /// The Delete key (`ESC [ 3 ~`).
    case delete
    case tab
    /// Shift-Tab (`ESC [ Z`).
    case backTab
    /// A lone Escape: known only after a short pause with no more bytes (`flush()`), or
    /// when ESC is followed by something that does not start a sequence.
    case escape
    case up, down, left, right
    case home, end
    case pageUp, pageDown
    /// F1–F12.
    case function(Int)
    /// The terminal changed size (from the backend, never from the decoder).
    case resize
    /// Ctrl with a letter, as the lowercase letter (`.ctrl("a")` for 0x01), or with one of
    /// `@ \ ] ^ _` (0x00, 0x1C–0x1F). Ctrl-H, Ctrl-I, Ctrl-J and Ctrl-M arrive as
    /// `.backspace`, `.tab` and `.enter`, since terminals send the same bytes for those keys.
    case ctrl(Character)
}
