//! `shenbao seal | seals | diff | reprint`: sealed versions (定稿) of an application, each one
//! call into `service`, printed.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use shenbao::service::{self, ServiceError};
use shenbao::store::{self, Store};

pub fn seal(
    store: &mut Store,
    id: i64,
    note: &str,
    today: NaiveDate,
    out: &mut String,
) -> Result<(), ServiceError> {
    let s = service::seal(store, id, note, &store::now_rfc3339(), today)?;
    say!(out, "已定稿（定稿编号 {}，{}，{} {}）", s.id, s.sealed_at, s.pack_id, s.pack_version);
    Ok(())
}

pub fn seals(store: &Store, id: i64, out: &mut String) -> Result<(), ServiceError> {
    let seals = service::list_seals(store, id)?;
    if seals.is_empty() {
        say!(out, "尚未定稿：可用 shenbao seal {id} --note 说明 定稿");
    }
    for s in seals {
        say!(
            out,
            "{}\t{}\t{}\t{}\t审查表 SHA-256 {}",
            s.id,
            s.sealed_at,
            s.note,
            s.pack_id,
            s.review_sheet_sha256
        );
    }
    Ok(())
}

pub fn diff(store: &Store, id: i64, against: Option<i64>, out: &mut String) -> Result<(), ServiceError> {
    let d = service::diff(store, id, against)?;
    let note = if d.seal.note.is_empty() { String::new() } else { format!("，{}", d.seal.note) };
    say!(out, "定稿 {}（{}{note}）后修改 {} 处", d.seal.id, d.seal.sealed_at, d.changes.len());
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "（空）".into());
    for c in &d.changes {
        let place = [Some(c.part.clone()), c.row.clone(), c.field.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        match c.kind {
            service::ChangeKind::Added => say!(out, "+ {place}：{}", show(&c.after)),
            service::ChangeKind::Removed => say!(out, "- {place}：{}", show(&c.before)),
            service::ChangeKind::Changed => say!(out, "~ {place}：{} → {}", show(&c.before), show(&c.after)),
        }
    }
    Ok(())
}

pub fn reprint(store: &Store, seal: i64, file: &Path, out: &mut String) -> Result<(), ServiceError> {
    service::reprint_sealed_review_sheet(store, seal, file)?;
    say!(out, "已写出定稿 {seal} 的申请资格审查表：{}", file.display());
    Ok(())
}
