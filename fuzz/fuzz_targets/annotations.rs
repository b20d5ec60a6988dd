//! The annotations-file parser, through the public `Store::open_at` on a temporary file: any
//! contents give a store (possibly read-only, with a reason), never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::annotate::Store;

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("annotations.json");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    if let Ok(store) = Store::open_at(path) {
        let _ = store.annotations();
        let _ = store.tags();
        let _ = store.read_only();
    }
});
