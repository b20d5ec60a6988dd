//! The user's configuration file: key remapping, a light or dark theme, the default threshold.
//!
//! It lives at the platform's config path (`~/.config/parallax/config.toml` on Linux,
//! `~/Library/Application Support/parallax/config.toml` on macOS), or where `PARALLAX_CONFIG`
//! says; `PARALLAX_CONFIG` set to nothing reads no file, which is how the tests keep away from
//! the user's own. A small TOML subset, read by hand so that a mistake is one line naming the
//! file, the line and the problem, after which every default is used:
//!
//! ```toml
//! theme = "light"        # or "dark" (the default); NO_COLOR still turns colour off
//! threshold = 0.2        # the default --threshold
//! [keys]                 # action = "keys", as the help names them; replaces the defaults
//! next_passage = "j ↓ ctrl-e"
//! quit = "Q ctrl-c"
//! ```

use std::path::PathBuf;

use crate::tui::keymap::KeySpec;
use crate::tui::theme::Background;

/// Environment variable naming the configuration file; empty: none.
pub const ENV: &str = "PARALLAX_CONFIG";

/// Largest configuration file read.
const MAX_BYTES: u64 = 256 * 1024;

/// What the file sets; everything unset keeps its default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    pub background: Option<Background>,
    pub threshold: Option<f32>,
    /// Action name and its keys, in file order.
    pub keys: Vec<(String, Vec<KeySpec>)>,
    /// The line of each of `keys`, for messages.
    pub key_lines: Vec<usize>,
}

/// Where the configuration file is looked for: `PARALLAX_CONFIG`, else the platform's config
/// folder; `None` when `PARALLAX_CONFIG` is empty or there is no config folder.
pub fn path() -> Option<PathBuf> {
    match std::env::var_os(ENV) {
        Some(p) if p.is_empty() => None,
        Some(p) => Some(PathBuf::from(p)),
        None => dirs::config_dir().map(|d| d.join("parallax").join("config.toml")),
    }
}

/// Reads the configuration file and rebinds the keys it names; the settings, and the one line
/// to say when it could not be used (then every default holds).
pub fn apply() -> (Settings, Option<String>) {
    let (settings, warning) = load();
    if warning.is_some() {
        return (settings, warning);
    }
    match crate::tui::keymap::set_overrides(settings.keys.clone()) {
        Ok(()) => (settings, None),
        Err((i, why)) => {
            let shown = path().map(|p| crate::sanitize::path(&p)).unwrap_or_default();
            let line = settings.key_lines.get(i).copied().unwrap_or(0);
            (Settings::default(), Some(format!("config {shown} line {line}: {why}; defaults used")))
        }
    }
}

/// The settings of the configuration file, and the one line to say when it could not be used
/// (then every default holds). A missing file is no problem.
pub fn load() -> (Settings, Option<String>) {
    let Some(path) = path() else { return (Settings::default(), None) };
    let shown = crate::sanitize::path(&path);
    let text = match crate::fs::read_capped(&path, MAX_BYTES) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                return (Settings::default(), Some(format!("config {shown}: not UTF-8 text; defaults used")));
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Settings::default(), None),
        Err(e) => {
            return (Settings::default(), Some(format!("config {shown}: cannot read: {e}; defaults used")));
        }
    };
    match parse(&text) {
        Ok(s) => (s, None),
        Err((line, why)) => {
            (Settings::default(), Some(format!("config {shown} line {line}: {why}; defaults used")))
        }
    }
}

/// Parses the file's text; `Err` is the 1-based line and what is wrong with it.
pub fn parse(text: &str) -> Result<Settings, (usize, String)> {
    let mut s = Settings::default();
    let mut in_keys = false;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('[') {
            in_keys = match line {
                "[keys]" => true,
                _ => return Err((n, format!("unknown section `{line}`; the one section is [keys]"))),
            };
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err((n, "expected `name = value`".into()));
        };
        let (key, value) = (key.trim(), value.trim());
        if in_keys {
            let keys =
                string(value).ok_or((n, format!("the keys of `{key}` go in quotes: {key} = \"j ↓\"")))?;
            let keys: Vec<KeySpec> = keys
                .split_whitespace()
                .map(|k| {
                    k.parse().map_err(|e: String| {
                        (n, format!("{e} (keys are written as in the help: j, ctrl-n, PgDn, Space)"))
                    })
                })
                .collect::<Result<_, _>>()?;
            if keys.is_empty() {
                return Err((n, format!("`{key}` has no keys")));
            }
            s.keys.push((key.to_string(), keys));
            s.key_lines.push(n);
            continue;
        }
        match key {
            "theme" => {
                s.background = Some(match string(value) {
                    Some("dark") => Background::Dark,
                    Some("light") => Background::Light,
                    _ => return Err((n, format!("theme is \"dark\" or \"light\", not {value}"))),
                })
            }
            "threshold" => match value.parse::<f32>() {
                Ok(t) if (0.0..=1.0).contains(&t) => s.threshold = Some(t),
                _ => return Err((n, format!("threshold is a number from 0 to 1, not {value}"))),
            },
            _ => return Err((n, format!("unknown setting `{key}` (theme, threshold, or a [keys] section)"))),
        }
    }
    Ok(s)
}

/// The text of a `"quoted"` value.
fn string(value: &str) -> Option<&str> {
    value.strip_prefix('"')?.strip_suffix('"')
}

/// The line without a `#` comment outside quotes.
fn strip_comment(line: &str) -> &str {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted => return &line[..i],
            _ => {}
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_file_sets_theme_threshold_and_keys() {
        let s = parse("# mine\ntheme = \"light\"\nthreshold = 0.25 # stricter\n\n[keys]\nnext_passage = \"j ctrl-e\"\nquit = \"Q #\"\n").unwrap();
        assert_eq!(s.background, Some(Background::Light));
        assert_eq!(s.threshold, Some(0.25));
        assert_eq!(s.keys[0], ("next_passage".to_string(), vec![KeySpec::ch('j'), KeySpec::ctrl('e')]));
        assert_eq!(s.keys[1].1, [KeySpec::ch('Q'), KeySpec::ch('#')]);
    }

    #[test]
    fn a_mistake_names_its_line_and_what_is_wrong() {
        for (text, line, why) in [
            ("theme = \"blue\"", 1, "theme is \"dark\" or \"light\""),
            ("\nthreshold = -0.5", 2, "threshold is a number from 0 to 1"),
            ("colour = 1", 1, "unknown setting `colour`"),
            ("[keys]\nquit = Q", 2, "go in quotes"),
            ("[keys]\nquit = \"ctrl-\"", 2, "unknown key"),
            ("[colors]", 1, "unknown section"),
            ("theme", 1, "expected `name = value`"),
        ] {
            let (n, msg) = parse(text).unwrap_err();
            assert_eq!(n, line, "{text}");
            assert!(msg.contains(why), "{text}: {msg}");
        }
    }
}
