//! Fuzz target: the spreadsheet/CSV roster import answers any bytes (as CSV or as a workbook)
//! with a preview or an error, never a panic or a hang.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use shenbao::import::{preview, ColumnMap, ImportKind};
use shenbao::model::HostUnit;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let kind = ImportKind::ALL[usize::from(selector & 3)];
    let file_name = match (selector >> 2) & 3 {
        0 => "名单.csv",
        1 => "名单.xlsx",
        2 => "名单.ods",
        _ => "名单",
    };
    static HOSTS: OnceLock<Vec<HostUnit>> = OnceLock::new();
    let hosts = HOSTS.get_or_init(|| {
        shenbao::interchange::application_from_json(shenbao::samples::SAMPLE_P1)
            .map(|a| a.host_units)
            .unwrap_or_default()
    });
    match preview(bytes, file_name, kind, &ColumnMap::default(), hosts) {
        Ok(p) => {
            let _ = p.rejected_lines();
        }
        Err(e) => {
            let _ = (e.code(), e.to_string());
        }
    }
});
