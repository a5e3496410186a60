//! `shenbao history ID [--row KIND:ID]`: an application's recorded changes and seals, one call
//! into `service`, printed one line a change.

use std::fmt::Write as _;

use shenbao::service::{self, ChangeKind, ServiceError};
use shenbao::store::{RowKind, Store};

/// `person:12` → the row; anything else is bad usage, named.
fn parse_row(text: &str) -> Result<(RowKind, i64), ServiceError> {
    let bad = || {
        ServiceError::BadArgument(format!(
            "--row “{text}”格式不对：应为 种类:编号，如 person:12（种类：direction、host_unit、person、instrument、site、rd_investment、achievement）"
        ))
    };
    let (kind, id) = text.split_once(':').ok_or_else(bad)?;
    let kind: RowKind =
        serde_json::from_value(serde_json::Value::String(kind.trim().into())).map_err(|_| bad())?;
    let id = id.trim().parse().map_err(|_| bad())?;
    Ok((kind, id))
}

pub fn history(store: &Store, id: i64, row: Option<&str>, out: &mut String) -> Result<(), ServiceError> {
    let row = row.map(parse_row).transpose()?;
    let lines = service::history(store, id, row)?;
    if lines.is_empty() {
        say!(out, "尚无修改记录");
    }
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "（空）".into());
    for l in &lines {
        let c = &l.change;
        let place = [Some(c.part.clone()), c.row.clone(), c.field.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        let what = match (l.seal.is_some(), c.kind) {
            (true, _) => show(&c.after),
            (false, ChangeKind::Added) => format!("+ {place}：{}", show(&c.after)),
            (false, ChangeKind::Removed) => format!("- {place}：{}", show(&c.before)),
            (false, ChangeKind::Changed) => format!("~ {place}：{} → {}", show(&c.before), show(&c.after)),
        };
        say!(out, "{}\t{}\t{what}", l.at, l.source_label);
    }
    Ok(())
}
