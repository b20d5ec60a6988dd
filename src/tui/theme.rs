//! Named styles. A difference is never told by colour alone: every coloured style also has
//! bold, underline, italic or reverse, so the screen reads with NO_COLOR, for colour-blind
//! readers, and on light and dark terminals. Foreground and background are set in pairs
//! where a background is used, so no pairing depends on the terminal's own colours.

use ratatui::style::{Color, Modifier, Style};

use crate::analysis::DiscrepancyKind;
use crate::diff::Weight;

/// The styles of the reader.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub color: bool,
    pub header: Style,
    pub header_dim: Style,
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub title_source: Style,
    pub selected: Style,
    pub selection_bar: Style,
    pub counterpart_bar: Style,
    pub gutter: Style,
    pub gutter_discrepancy: Style,
    pub heading: Style,
    /// The part of a passage outside what its claim matched (and a passage that states
    /// nothing a claim can hold): dimmer, never bold.
    pub outside_match: Style,
    /// A loud change (number, date, negation, name, quotation) on the left / old side.
    pub old_loud: Style,
    /// A loud change on the right / new side.
    pub new_loud: Style,
    /// An ordinary changed word on the left side.
    pub old_word: Style,
    /// An ordinary changed word on the right side.
    pub new_word: Style,
    /// Punctuation, case or quote style.
    pub quiet: Style,
    pub search_hit: Style,
    pub badge: Style,
    pub kind_badge: Style,
    pub key: Style,
    pub dim: Style,
    pub message: Style,
    pub error: Style,
    pub cursor_row: Style,
    pub present: Style,
    pub silent: Style,
    pub disagree: Style,
    /// The gutter mark of an annotated passage, and the label in the detail box.
    pub annotation_mark: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::new(true)
    }
}

/// The terminal's background, which decides which colours read well (the configuration's
/// `theme`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Background {
    #[default]
    Dark,
    Light,
}

const B: Modifier = Modifier::BOLD;

impl Theme {
    /// The theme for a dark background, with or without colour (NO_COLOR).
    pub fn new(color: bool) -> Self {
        Theme::on(color, Background::Dark)
    }

    /// The theme for `background`: on a dark one, the blue of the weak diff style and of the
    /// counterpart is a light blue (dark blue is hard to read there); on a light one, the cyan
    /// of titles, keys and the selection is blue (cyan is hard to read on white).
    pub fn on(color: bool, background: Background) -> Self {
        let mut t = Theme::base(color);
        let (from, to, styles): (Color, Color, Vec<&mut Style>) = match background {
            Background::Dark => {
                (Color::Blue, Color::LightBlue, vec![&mut t.new_word, &mut t.counterpart_bar, &mut t.present])
            }
            Background::Light => (
                Color::Cyan,
                Color::Blue,
                vec![&mut t.header, &mut t.border_focused, &mut t.selection_bar, &mut t.key],
            ),
        };
        for s in styles {
            if s.fg == Some(from) {
                *s = s.fg(to);
            }
        }
        t
    }

    /// The styles both backgrounds start from.
    fn base(color: bool) -> Self {
        let c = |s: Style, fg: Option<Color>, bg: Option<Color>| {
            if color {
                let s = if let Some(fg) = fg { s.fg(fg) } else { s };
                if let Some(bg) = bg { s.bg(bg) } else { s }
            } else {
                s
            }
        };
        let plain = Style::new();
        Theme {
            color,
            header: c(plain.add_modifier(B), Some(Color::Cyan), None),
            header_dim: plain.add_modifier(Modifier::DIM),
            border: plain.add_modifier(Modifier::DIM),
            border_focused: c(plain.add_modifier(B), Some(Color::Cyan), None),
            title: plain.add_modifier(B),
            title_source: plain.add_modifier(Modifier::ITALIC),
            selected: plain.add_modifier(B),
            selection_bar: c(plain.add_modifier(B), Some(Color::Cyan), None),
            counterpart_bar: c(plain.add_modifier(B), Some(Color::Blue), None),
            gutter: plain.add_modifier(Modifier::DIM),
            gutter_discrepancy: c(plain.add_modifier(B | Modifier::REVERSED), Some(Color::Yellow), None),
            heading: plain.add_modifier(B | Modifier::UNDERLINED),
            outside_match: plain.add_modifier(Modifier::DIM).remove_modifier(B),
            old_loud: if color {
                plain.fg(Color::White).bg(Color::Red).add_modifier(B)
            } else {
                plain.add_modifier(B | Modifier::REVERSED)
            },
            new_loud: if color {
                plain.fg(Color::Black).bg(Color::Cyan).add_modifier(B)
            } else {
                plain.add_modifier(B | Modifier::REVERSED)
            },
            old_word: c(plain.add_modifier(Modifier::UNDERLINED), Some(Color::Red), None),
            new_word: c(plain.add_modifier(Modifier::UNDERLINED), Some(Color::Blue), None),
            quiet: plain.add_modifier(Modifier::ITALIC | Modifier::DIM),
            search_hit: if color {
                plain.fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::UNDERLINED)
            } else {
                plain.add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
            },
            badge: if color {
                plain.fg(Color::Black).bg(Color::Cyan).add_modifier(B)
            } else {
                plain.add_modifier(B | Modifier::REVERSED)
            },
            kind_badge: if color {
                plain.fg(Color::Black).bg(Color::Yellow).add_modifier(B)
            } else {
                plain.add_modifier(B | Modifier::REVERSED)
            },
            key: c(plain.add_modifier(B), Some(Color::Cyan), None),
            dim: plain.add_modifier(Modifier::DIM),
            message: plain.add_modifier(Modifier::ITALIC),
            error: c(plain.add_modifier(B), Some(Color::Red), None),
            cursor_row: plain.add_modifier(Modifier::REVERSED),
            present: c(plain.add_modifier(B), Some(Color::Blue), None),
            silent: plain.add_modifier(Modifier::DIM),
            disagree: if color {
                plain.fg(Color::Black).bg(Color::Yellow).add_modifier(B)
            } else {
                plain.add_modifier(B | Modifier::REVERSED)
            },
            annotation_mark: c(plain.add_modifier(B), Some(Color::Magenta), None),
        }
    }

    /// The style of a changed span: loud kinds shout, ordinary words are underlined, style
    /// changes whisper.
    pub fn change(&self, weight: Weight, old_side: bool) -> Style {
        match weight {
            Weight::Quiet => self.quiet,
            Weight::Word => {
                if old_side {
                    self.old_word
                } else {
                    self.new_word
                }
            }
            _ => {
                if old_side {
                    self.old_loud
                } else {
                    self.new_loud
                }
            }
        }
    }
}

/// One-letter gutter mark of a discrepancy kind, explained in the help.
pub fn kind_mark(kind: DiscrepancyKind) -> char {
    kind.info().mark
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_background_gets_colours_that_read_on_it_and_no_color_has_none() {
        let dark = Theme::on(true, Background::Dark);
        assert_eq!(dark.new_word.fg, Some(Color::LightBlue), "no dark blue on a dark background");
        assert_eq!(dark.key.fg, Some(Color::Cyan));
        let light = Theme::on(true, Background::Light);
        for s in [light.key, light.header, light.selection_bar, light.border_focused] {
            assert_eq!(s.fg, Some(Color::Blue), "no cyan on a light background");
        }
        assert_eq!(light.new_word.fg, Some(Color::Blue));
        for bg in [Background::Dark, Background::Light] {
            let plain = Theme::on(false, bg);
            assert!([plain.key, plain.new_word, plain.header].iter().all(|s| s.fg.is_none()));
            assert!(plain.new_word.add_modifier.contains(Modifier::UNDERLINED), "told apart without colour");
        }
    }
}
