//! Fuzz target: the attachment reader of supporting materials (type by content, PDF structure,
//! encryption, image headers, EXIF) must answer any bytes with facts or a refusal, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shenbao::evidence::inspect;

fuzz_target!(|data: &[u8]| {
    match inspect::inspect(data, inspect::DEFAULT_MAX_BYTES) {
        Ok(found) => {
            // What is accepted has pages, and its kind agrees with the sniffer.
            assert!(found.pages >= 1);
            assert_eq!(inspect::sniff(data), Ok(found.kind));
            assert!((1..=8).contains(&found.orientation));
        }
        Err(refused) => assert!(!refused.to_string().is_empty()),
    }
    let _ = inspect::exif_orientation(data);
});
