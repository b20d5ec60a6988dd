//! The terminal's input bytes as key and mouse events, decoded here rather than by crossterm's
//! reader.
//!
//! crossterm's reader has two faults the reader cannot live with: it spins once its tty is
//! gone (crossterm-rs/crossterm#793), and a `ESC [200~` (start of a bracketed paste) that is
//! never closed makes it hold every later byte, waiting for a `ESC [201~` that may never come:
//! the reader stops answering keys, `q` and ctrl-c included. Here the paste markers are simply
//! dropped (the reader never asks for bracketed paste, so only a hostile or confused input
//! sends them) and what follows them is read as keys; an escape sequence that does not end
//! within [`MAX_SEQUENCE`] bytes is dropped too. The events are crossterm's types, decoded as
//! crossterm 0.29 decodes them in raw mode, so the keymap sees the same keys.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// Longest escape sequence waited for; a longer unfinished one is dropped.
pub const MAX_SEQUENCE: usize = 64;

/// Bytes read so far that do not make a whole event yet.
#[derive(Debug, Default)]
pub struct Parser {
    pending: Vec<u8>,
}

/// What the start of the pending bytes holds.
enum Step {
    /// An event, and the bytes it took.
    Event(Event, usize),
    /// Bytes that mean nothing to the reader (a paste marker, a focus report, …), skipped.
    Skip(usize),
    /// The start of a sequence whose end has not been read yet.
    Incomplete,
}

impl Parser {
    /// Decodes `bytes`, just read, into events. `more` says whether more bytes may already be
    /// waiting (the read filled its buffer): only then is an unfinished sequence kept for the
    /// next read; otherwise a lone ESC is the Esc key.
    pub fn feed(&mut self, bytes: &[u8], more: bool) -> Vec<Event> {
        self.pending.extend_from_slice(bytes);
        let mut events = Vec::new();
        let mut at = 0;
        while at < self.pending.len() {
            let rest = &self.pending[at..];
            match step(rest, more) {
                Step::Event(e, n) => {
                    events.push(e);
                    at += n;
                }
                Step::Skip(n) => at += n,
                Step::Incomplete if rest.len() > MAX_SEQUENCE => at += 1,
                Step::Incomplete => break,
            }
        }
        self.pending.drain(..at);
        events
    }
}

/// The first event of `b` (not empty).
fn step(b: &[u8], more: bool) -> Step {
    match b[0] {
        0x1B => escape(b, more),
        b'\r' => key(KeyCode::Enter, KeyModifiers::NONE, 1),
        // Raw mode: a line feed is ctrl-j (Enter sends `\r`).
        b'\n' => key(KeyCode::Char('j'), KeyModifiers::CONTROL, 1),
        b'\t' => key(KeyCode::Tab, KeyModifiers::NONE, 1),
        0x7F => key(KeyCode::Backspace, KeyModifiers::NONE, 1),
        c @ 0x01..=0x1A => key(KeyCode::Char(char::from(c - 0x01 + b'a')), KeyModifiers::CONTROL, 1),
        c @ 0x1C..=0x1F => key(KeyCode::Char(char::from(c - 0x1C + b'4')), KeyModifiers::CONTROL, 1),
        0x00 => key(KeyCode::Char(' '), KeyModifiers::CONTROL, 1),
        _ => utf8(b, more),
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers, len: usize) -> Step {
    Step::Event(Event::Key(KeyEvent::new(code, modifiers)), len)
}

/// A character, SHIFT when it is upper case (as crossterm reports it).
fn utf8(b: &[u8], more: bool) -> Step {
    let len = match b[0] {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return Step::Skip(1),
    };
    let Some(bytes) = b.get(..len) else { return if more { Step::Incomplete } else { Step::Skip(1) } };
    match std::str::from_utf8(bytes).ok().and_then(|s| s.chars().next()) {
        Some(c) => {
            let mods = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
            key(KeyCode::Char(c), mods, len)
        }
        None => Step::Skip(1),
    }
}

/// What starts with ESC: a CSI or SS3 sequence, alt + a key, or the Esc key itself.
fn escape(b: &[u8], more: bool) -> Step {
    match b.get(1) {
        None if more => Step::Incomplete,
        None | Some(0x1B) => key(KeyCode::Esc, KeyModifiers::NONE, 1),
        Some(b'[') => csi(b),
        Some(b'O') => ss3(b, more),
        Some(_) => match step(&b[1..], more) {
            Step::Event(Event::Key(mut k), n) => {
                k.modifiers |= KeyModifiers::ALT;
                Step::Event(Event::Key(k), n + 1)
            }
            Step::Event(_, n) | Step::Skip(n) => Step::Skip(n + 1),
            Step::Incomplete => Step::Incomplete,
        },
    }
}

/// `ESC O x`: arrows, Home and End in application mode, F1–F4.
fn ss3(b: &[u8], more: bool) -> Step {
    let Some(&c) = b.get(2) else {
        return if more { Step::Incomplete } else { key(KeyCode::Esc, KeyModifiers::NONE, 1) };
    };
    match final_key(c) {
        Some(code) => key(code, KeyModifiers::NONE, 3),
        None => Step::Skip(3),
    }
}

/// The key of a sequence's final byte: `A`–`D` arrows, `H` Home, `F` End, `P`–`S` F1–F4.
fn final_key(c: u8) -> Option<KeyCode> {
    Some(match c {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return None,
    })
}

/// `ESC [ params final`.
fn csi(b: &[u8]) -> Step {
    if b.get(2) == Some(&b'M') {
        return x10_mouse(b);
    }
    // Parameter and intermediate bytes, then one final byte in 0x40–0x7E.
    let Some(end) = b.iter().skip(2).position(|c| (0x40..=0x7E).contains(c)).map(|i| i + 2) else {
        return if b[2..].iter().all(|c| (0x20..=0x3F).contains(c)) {
            Step::Incomplete
        } else {
            Step::Skip(2)
        };
    };
    let len = end + 1;
    let params = &b[2..end];
    let fin = b[end];
    if params.first() == Some(&b'<') {
        return sgr_mouse(&params[1..], fin, len);
    }
    let Ok(text) = std::str::from_utf8(params) else { return Step::Skip(len) };
    let nums: Vec<u16> = text.split(';').map(|p| p.parse().unwrap_or(1)).collect();
    let mods = nums.get(1).map_or(KeyModifiers::NONE, |&m| modifiers(m));
    let code = match fin {
        b'Z' => return key(KeyCode::BackTab, KeyModifiers::SHIFT, len),
        b'~' => match nums.first().copied().unwrap_or(0) {
            1 | 7 => KeyCode::Home,
            2 => KeyCode::Insert,
            3 => KeyCode::Delete,
            4 | 8 => KeyCode::End,
            5 => KeyCode::PageUp,
            6 => KeyCode::PageDown,
            n @ 11..=15 => KeyCode::F(u8::try_from(n - 10).unwrap_or(1)),
            n @ 17..=21 => KeyCode::F(u8::try_from(n - 11).unwrap_or(1)),
            n @ 23..=24 => KeyCode::F(u8::try_from(n - 12).unwrap_or(1)),
            // 200 and 201 (bracketed paste markers) and anything else: nothing to the reader.
            _ => return Step::Skip(len),
        },
        c => match final_key(c) {
            Some(code) => code,
            None => return Step::Skip(len),
        },
    };
    key(code, mods, len)
}

/// The modifiers of a `1;m` parameter: `m - 1` holds shift (1), alt (2) and ctrl (4).
fn modifiers(m: u16) -> KeyModifiers {
    let bits = m.saturating_sub(1);
    let mut mods = KeyModifiers::NONE;
    for (bit, modifier) in [(1, KeyModifiers::SHIFT), (2, KeyModifiers::ALT), (4, KeyModifiers::CONTROL)] {
        if bits & bit != 0 {
            mods |= modifier;
        }
    }
    mods
}

/// `ESC [ < b ; x ; y (M|m)`: the SGR mouse report crossterm's mouse capture asks for.
fn sgr_mouse(params: &[u8], fin: u8, len: usize) -> Step {
    let nums: Vec<u16> = std::str::from_utf8(params)
        .ok()
        .map(|t| t.split(';').filter_map(|p| p.parse().ok()).collect())
        .unwrap_or_default();
    let &[cb, cx, cy] = nums.as_slice() else { return Step::Skip(len) };
    match mouse(cb, cx, cy, fin == b'm') {
        Some(e) => Step::Event(e, len),
        None => Step::Skip(len),
    }
}

/// `ESC [ M b x y`: the old mouse report, each value offset by 32.
fn x10_mouse(b: &[u8]) -> Step {
    let Some(&[cb, cx, cy]) = b.get(3..6) else { return Step::Incomplete };
    let v = |c: u8| u16::from(c.saturating_sub(32));
    match mouse(v(cb), v(cx), v(cy), v(cb) & 3 == 3) {
        Some(e) => Step::Event(e, 6),
        None => Step::Skip(6),
    }
}

/// A mouse event from the button byte and 1-based position; `None` for what the reader
/// ignores. Only the wheel and the buttons are told apart; moves and drags are reported.
fn mouse(cb: u16, cx: u16, cy: u16, release: bool) -> Option<Event> {
    let button = match cb & 0b11 {
        0 => MouseButton::Left,
        1 => MouseButton::Middle,
        _ => MouseButton::Right,
    };
    let kind = if cb & 64 != 0 {
        match cb & 0b11 {
            0 => MouseEventKind::ScrollUp,
            1 => MouseEventKind::ScrollDown,
            2 => MouseEventKind::ScrollLeft,
            _ => MouseEventKind::ScrollRight,
        }
    } else if cb & 32 != 0 {
        if cb & 0b11 == 3 { MouseEventKind::Moved } else { MouseEventKind::Drag(button) }
    } else if release {
        MouseEventKind::Up(button)
    } else {
        MouseEventKind::Down(button)
    };
    let mut modifiers = KeyModifiers::NONE;
    for (bit, m) in [(4, KeyModifiers::SHIFT), (8, KeyModifiers::ALT), (16, KeyModifiers::CONTROL)] {
        if cb & bit != 0 {
            modifiers |= m;
        }
    }
    Some(Event::Mouse(MouseEvent { kind, column: cx.checked_sub(1)?, row: cy.checked_sub(1)?, modifiers }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(bytes: &[u8]) -> Vec<(KeyCode, KeyModifiers)> {
        Parser::default()
            .feed(bytes, false)
            .into_iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some((k.code, k.modifiers)),
                _ => None,
            })
            .collect()
    }

    const NONE: KeyModifiers = KeyModifiers::NONE;

    #[test]
    fn plain_and_control_keys_decode_as_crossterm_decodes_them() {
        assert_eq!(
            keys(b"jK\r\t\x7f\x03\x1a\n"),
            [
                (KeyCode::Char('j'), NONE),
                (KeyCode::Char('K'), KeyModifiers::SHIFT),
                (KeyCode::Enter, NONE),
                (KeyCode::Tab, NONE),
                (KeyCode::Backspace, NONE),
                (KeyCode::Char('c'), KeyModifiers::CONTROL),
                (KeyCode::Char('z'), KeyModifiers::CONTROL),
                (KeyCode::Char('j'), KeyModifiers::CONTROL),
            ]
        );
        assert_eq!(keys("é€👍".as_bytes()).len(), 3);
    }

    #[test]
    fn escape_sequences_decode_to_their_keys() {
        assert_eq!(
            keys(b"\x1b[A\x1b[1;5B\x1bOC\x1b[D\x1b[H\x1b[F\x1b[5~\x1b[6~\x1b[3~\x1b[Z\x1b[15~"),
            [
                (KeyCode::Up, NONE),
                (KeyCode::Down, KeyModifiers::CONTROL),
                (KeyCode::Right, NONE),
                (KeyCode::Left, NONE),
                (KeyCode::Home, NONE),
                (KeyCode::End, NONE),
                (KeyCode::PageUp, NONE),
                (KeyCode::PageDown, NONE),
                (KeyCode::Delete, NONE),
                (KeyCode::BackTab, KeyModifiers::SHIFT),
                (KeyCode::F(5), NONE),
            ]
        );
        assert_eq!(keys(b"\x1bx"), [(KeyCode::Char('x'), KeyModifiers::ALT)]);
        assert_eq!(keys(b"\x1b"), [(KeyCode::Esc, NONE)]);
        assert_eq!(keys(b"\x1b\x1b"), [(KeyCode::Esc, NONE), (KeyCode::Esc, NONE)]);
    }

    #[test]
    fn a_sequence_split_across_reads_waits_for_its_end() {
        let mut p = Parser::default();
        assert!(p.feed(b"\x1b[1;", true).is_empty());
        let e = p.feed(b"2C", false);
        assert!(
            matches!(e.as_slice(), [Event::Key(k)] if k.code == KeyCode::Right && k.modifiers == KeyModifiers::SHIFT)
        );
        assert!(p.feed("\u{e9}".as_bytes().get(..1).unwrap_or_default(), true).is_empty());
        assert_eq!(p.feed(&"\u{e9}".as_bytes()[1..], false).len(), 1);
    }

    /// Issue 15: a paste that never ends swallows nothing; the keys after it still act.
    #[test]
    fn an_unterminated_bracketed_paste_does_not_swallow_later_keys() {
        let mut p = Parser::default();
        let first = p.feed(b"\x1b[200~pasted", false);
        assert_eq!(first.len(), "pasted".len());
        let later = p.feed(b"q", false);
        assert!(matches!(later.as_slice(), [Event::Key(k)] if k.code == KeyCode::Char('q')));
        assert_eq!(keys(b"\x1b[200~x\x1b[201~"), [(KeyCode::Char('x'), NONE)]);
    }

    #[test]
    fn an_unfinished_sequence_is_dropped_once_too_long() {
        let mut p = Parser::default();
        let mut junk = b"\x1b[".to_vec();
        junk.extend(std::iter::repeat_n(b'1', MAX_SEQUENCE * 2));
        assert!(p.feed(&junk, true).is_empty() || p.pending.len() <= MAX_SEQUENCE + 1);
        assert!(p.pending.len() <= MAX_SEQUENCE + 1, "{} bytes held", p.pending.len());
        let q = p.feed(b"q", false);
        assert!(q.iter().any(|e| matches!(e, Event::Key(k) if k.code == KeyCode::Char('q'))));
    }

    #[test]
    fn the_wheel_and_clicks_decode_in_sgr_and_x10() {
        let e =
            Parser::default().feed(b"\x1b[<65;10;5M\x1b[<64;1;1M\x1b[<0;3;4M\x1b[<0;3;4m\x1b[M +%", false);
        let kinds: Vec<_> = e
            .iter()
            .filter_map(|e| match e {
                Event::Mouse(m) => Some((m.kind, m.column, m.row)),
                _ => None,
            })
            .collect();
        assert_eq!(
            kinds,
            [
                (MouseEventKind::ScrollDown, 9, 4),
                (MouseEventKind::ScrollUp, 0, 0),
                (MouseEventKind::Down(MouseButton::Left), 2, 3),
                (MouseEventKind::Up(MouseButton::Left), 2, 3),
                (MouseEventKind::Down(MouseButton::Left), 10, 4),
            ]
        );
    }

    #[test]
    fn focus_reports_and_unknown_sequences_are_skipped() {
        assert_eq!(keys(b"\x1b[I\x1b[O\x1b[?1;2c\x1b[99~j"), [(KeyCode::Char('j'), NONE)]);
    }
}
