//! Test helper for the crash-safety harness (tests/integration/crash.rs), not a user tool: makes
//! autosave-style edits through the same store calls as the app's autosave commands and prints
//! one acknowledgement line after each edit is committed, so the harness can kill it at any moment
//! and check that everything acknowledged survived.
//!
//! Usage: `shenbao-autosave-writer DB FIRST_SEQ [MAX_EDITS]`. Each edit `seq` (from FIRST_SEQ on)
//! does one of, by `seq % 5`:
//! 0. narrative section `crash-<seq>` set to a ~12 KB text starting with `第<seq>次保存`;
//! 1. the centre name set to `崩溃测试中心<seq>`;
//! 2. a new site whose address is `崩溃测试地址<seq>`;
//! 3. that site's usage updated to `更新<seq>`;
//! 4. every other cycle, that site deleted.
//!
//! Acknowledgements: `ready <application id>`, then `saved <seq> narrative|centre|add|update|delete`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use shenbao::model::{RowId, Site};
use shenbao::quantity::AreaM2;
use shenbao::store::{ApplicationField, RowData, RowKind, Store, StoreError};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(db), Some(first)) = (args.first(), args.get(1).and_then(|s| s.parse::<u64>().ok())) else {
        eprintln!("用法：shenbao-autosave-writer DB FIRST_SEQ [MAX_EDITS]");
        return ExitCode::from(2);
    };
    let max = args.get(2).and_then(|s| s.parse::<u64>().ok()).unwrap_or(1_000_000);
    match run(&PathBuf::from(db), first, max) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误 [{}]：{e}", e.code());
            ExitCode::from(1)
        }
    }
}

fn ack(line: &str) {
    let mut out = std::io::stdout().lock();
    // The harness has gone: nothing left to acknowledge to.
    if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
        std::process::exit(0);
    }
}

fn run(db: &std::path::Path, first: u64, max: u64) -> Result<(), StoreError> {
    let mut store = Store::open(db)?;
    shenbao::samples::load_sample_on_first_start(&mut store)?;
    let id = match store.list_applications()?.iter().map(|a| a.id).min() {
        Some(id) => id,
        None => shenbao::samples::load_sample(&mut store)?,
    };
    ack(&format!("ready {id}"));
    let padding = "申报书正文自动保存测试。".repeat(340);
    let mut site: Option<(RowId, Site)> = None;
    for seq in first..first.saturating_add(max) {
        let what = match seq % 5 {
            0 => {
                let text = format!("第{seq}次保存{padding}");
                store.update_application_field(
                    id,
                    &ApplicationField::Narrative { section: format!("crash-{seq}"), text },
                )?;
                "narrative"
            }
            1 => {
                store.update_application_field(
                    id,
                    &ApplicationField::CentreName(format!("崩溃测试中心{seq}")),
                )?;
                "centre"
            }
            2 => {
                let row = Site {
                    id: None,
                    address: format!("崩溃测试地址{seq}"),
                    building_room: "1号楼101室".into(),
                    area: AreaM2(12_345),
                    owner_uscc: "91140105317584622R".into(),
                    usage: "实验室".into(),
                    headquarters: false,
                };
                let row_id = store.save_row(id, &RowData::Site(row.clone()))?;
                site = Some((row_id, row));
                "add"
            }
            3 => match site.as_mut() {
                Some((row_id, row)) => {
                    row.id = Some(*row_id);
                    row.usage = format!("更新{seq}");
                    store.save_row(id, &RowData::Site(row.clone()))?;
                    "update"
                }
                None => continue,
            },
            _ => match site.take() {
                Some((row_id, _)) if (seq / 5) % 2 == 1 => {
                    store.delete_row(id, RowKind::Site, row_id)?;
                    "delete"
                }
                _ => continue,
            },
        };
        ack(&format!("saved {seq} {what}"));
    }
    Ok(())
}
