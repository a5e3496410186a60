//! `shenbao signatures ID [--done N] [--undone N]`: the signature and seal checklist, one call
//! into `service`, printed per unit with each place numbered; a place ticked off (or back) first.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;
use shenbao::service::{self, ServiceError};

pub fn run(
    db: &Option<PathBuf>,
    id: i64,
    done: Option<usize>,
    undone: Option<usize>,
    today: NaiveDate,
    out: &mut String,
) -> Result<(), ServiceError> {
    let writes = done.is_some() || undone.is_some();
    let mut store = if writes { super::open(db)? } else { super::open_reading(db)? };
    let mut list = service::signature_checklist(&store, id)?;
    for (number, tick) in [(done, true), (undone, false)] {
        let Some(n) = number else { continue };
        let keys: Vec<String> = list.units.iter().flat_map(|u| &u.places).map(|p| p.key.clone()).collect();
        let key = n.checked_sub(1).and_then(|k| keys.get(k)).ok_or_else(|| {
            ServiceError::bad_value("序号", format!("没有第 {n} 项：请写 1–{} 之间的序号", keys.len()))
        })?;
        list = service::set_signoff(&mut store, id, key, tick, today)?;
    }
    if let Some(note) = &list.note {
        say!(out, "{note}");
        return Ok(());
    }
    say!(out, "签字盖章清单：已完成 {} / {} 处", list.done, list.total);
    let mut n = 0;
    for u in &list.units {
        say!(out, "\n{}：{}", u.role, if u.name.is_empty() { "（未填写）" } else { &u.name });
        for p in &u.problems {
            say!(out, "  ！{p}");
        }
        for p in &u.places {
            n += 1;
            let mark = if p.done_on.is_some() { "☑" } else { "☐" };
            let when = p.done_on.map_or(String::new(), |d| format!("（{d} 已完成）"));
            say!(out, "  {n:>2}. {mark} {}：{}{when}　{}", p.document, p.needs, p.citation);
        }
    }
    Ok(())
}
