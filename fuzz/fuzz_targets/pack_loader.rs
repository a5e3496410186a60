//! Fuzz target: the programme pack loader (TOML, strict) must refuse bad text with an error
//! carrying a location, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = shenbao::rules::load_pack_str(text, "fuzz.toml") {
            let _ = (e.code(), e.to_string());
        }
    }
});
