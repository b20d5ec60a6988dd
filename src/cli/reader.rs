//! What the reader needs before it takes the screen.

use std::io::IsTerminal;

use super::Failure;

/// The reader draws on stdout and reads keys from stdin (or, when stdin is a pipe, from the
/// controlling terminal): without those it says so in plain words instead of failing on a
/// terminal call.
pub fn check_terminal() -> Result<(), Failure> {
    let keys = std::io::stdin().is_terminal() || std::fs::File::open("/dev/tty").is_ok();
    let why = if !keys {
        "there is no terminal to read keys from (stdin is not a terminal)"
    } else if !std::io::stdout().is_terminal() {
        "the reader draws on a terminal, and stdout is not one"
    } else {
        return Ok(());
    };
    Err(Failure::Usage(format!(
        "{why}; run `parallax` in a terminal, or use `parallax report` or `parallax align --json` for text"
    )))
}
