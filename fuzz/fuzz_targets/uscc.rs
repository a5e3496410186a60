//! Fuzz target: the unified social credit code validator never panics, and what it accepts is
//! a normalised 18-character code whose check character is right.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = shenbao::validate::uscc_check_char(&text);
    match shenbao::validate::parse_uscc(&text) {
        Ok(u) => {
            assert_eq!(u.code.len(), 18);
            let (first17, last) = u.code.split_at(17);
            assert_eq!(shenbao::validate::uscc_check_char(first17).map(String::from).as_deref(), Some(last));
            let _ = u.region_code();
        }
        Err(e) => {
            let _ = (e.to_string(), e.detail());
        }
    }
});
