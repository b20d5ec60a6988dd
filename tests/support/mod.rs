//! What every test that runs the binary shares: its home, data and cache folders are a temp
//! folder of the tests, never the user's (the cache key and annotation stores live there).
#![allow(dead_code)] // each test file uses what it needs

use std::path::PathBuf;
use std::process::Command;

/// The folder that stands in for the user's home in every test run of the binary.
pub fn home() -> PathBuf {
    std::env::temp_dir().join("parallax-test-home")
}

/// The variables that point parallax's user folders into [`home`].
pub fn env() -> Vec<(&'static str, PathBuf)> {
    let home = home();
    vec![
        ("HOME", home.clone()),
        ("XDG_DATA_HOME", home.join("data")),
        ("XDG_CACHE_HOME", home.join("cache")),
        ("XDG_CONFIG_HOME", home.join("config")),
        ("PARALLAX_DATA_DIR", home.join("data/parallax")),
        // Never the user's own configuration file: an empty value means none.
        ("PARALLAX_CONFIG", PathBuf::new()),
    ]
}

/// `parallax` with its user folders in [`home`].
pub fn parallax() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_parallax"));
    c.envs(env());
    c
}
