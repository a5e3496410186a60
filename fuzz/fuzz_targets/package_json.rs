//! Fuzz target: reading a co-builder package (`shenbao.package`) answers any input with a
//! package or an error, never a panic; an accepted package writes out again.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        match shenbao::package::from_json(text) {
            Ok(package) => {
                let _ = shenbao::package::to_json(&package);
            }
            Err(e) => {
                let _ = (e.code(), e.to_string());
            }
        }
    }
});
