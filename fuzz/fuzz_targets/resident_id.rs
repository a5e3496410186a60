//! Fuzz target: the resident ID number validator never panics, and what it accepts is a
//! normalised 18-character number whose check character is right.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = shenbao::validate::check_char(&text);
    match shenbao::validate::parse_resident_id(&text) {
        Ok(id) => {
            assert_eq!(id.number.len(), 18);
            let (first17, last) = id.number.split_at(17);
            assert_eq!(shenbao::validate::check_char(first17).map(String::from).as_deref(), Some(last));
            assert_eq!(shenbao::validate::parse_resident_id(&id.number).expect("normalised re-parses"), id);
        }
        Err(e) => {
            let _ = (e.to_string(), e.detail());
        }
    }
});
