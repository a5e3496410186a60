//! The built-in programme packs, embedded at build time from assets/programmes/.
//! Next year's notice can be loaded at run time with `load_pack_file` instead.

use std::sync::OnceLock;

use super::error::PackError;
use super::pack::{load_pack_str, Pack};

/// (id, file name, text) of every built-in pack, in display order.
const BUILTIN: &[(&str, &str, &str)] = &[
    ("P1", "P1.toml", include_str!("../../assets/programmes/P1.toml")),
    ("P2", "P2.toml", include_str!("../../assets/programmes/P2.toml")),
    ("P3", "P3.toml", include_str!("../../assets/programmes/P3.toml")),
    ("P4", "P4.toml", include_str!("../../assets/programmes/P4.toml")),
    ("P5", "P5.toml", include_str!("../../assets/programmes/P5.toml")),
    ("P6", "P6.toml", include_str!("../../assets/programmes/P6.toml")),
    ("P7-key-lab", "P7-key-lab.toml", include_str!("../../assets/programmes/P7-key-lab.toml")),
    ("P7-incubator", "P7-incubator.toml", include_str!("../../assets/programmes/P7-incubator.toml")),
    ("P7-maker-space", "P7-maker-space.toml", include_str!("../../assets/programmes/P7-maker-space.toml")),
    ("P7-new-rd", "P7-new-rd.toml", include_str!("../../assets/programmes/P7-new-rd.toml")),
    ("P7-star-space", "P7-star-space.toml", include_str!("../../assets/programmes/P7-star-space.toml")),
];

/// Ids of the built-in packs, in display order.
pub fn builtin_ids() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(id, _, _)| *id)
}

/// The built-in packs, parsed once per process: every live check uses them.
fn parsed() -> Result<&'static [Pack], PackError> {
    static PACKS: OnceLock<Vec<Pack>> = OnceLock::new();
    if let Some(packs) = PACKS.get() {
        return Ok(packs);
    }
    let packs = BUILTIN
        .iter()
        .map(|(_, file, text)| load_pack_str(text, &format!("assets/programmes/{file}")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(PACKS.get_or_init(|| packs))
}

/// One built-in pack by id (e.g. "P1").
pub fn builtin_pack(id: &str) -> Result<Pack, PackError> {
    parsed()?
        .iter()
        .find(|p| p.id.eq_ignore_ascii_case(id.trim()))
        .cloned()
        .ok_or_else(|| PackError::UnknownProgramme { id: id.to_string() })
}

/// Every built-in pack, in display order.
pub fn builtin_packs() -> Result<Vec<Pack>, PackError> {
    Ok(parsed()?.to_vec())
}
