//! Fuzz target: the JSON interchange import (one application, and the registry of existing
//! platforms) must answer any input with a value or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(app) = shenbao::interchange::application_from_json(text) {
            // Whatever is accepted exports and re-imports to the same application.
            let again = shenbao::interchange::application_to_json(&app);
            let back = shenbao::interchange::application_from_json(&again).expect("export re-imports");
            assert_eq!(back, app);
        }
        let _ = shenbao::interchange::registry_from_json(text);
    }
});
