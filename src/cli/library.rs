//! `shenbao library …`: the unit's library (单位资料库), each subcommand one call into
//! `service`, printed.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde_json::Value;
use shenbao::service::{self, LibraryFieldChange, ServiceError};
use shenbao::store::library::LibraryKind;
use shenbao::store::RowData;

use super::args::{Format, LibraryCommand, LibraryKindArg};
use super::{json, open, open_reading};

fn kind(k: LibraryKindArg) -> LibraryKind {
    match k {
        LibraryKindArg::Person => LibraryKind::Person,
        LibraryKindArg::Instrument => LibraryKind::Instrument,
        LibraryKindArg::Site => LibraryKind::Site,
        LibraryKindArg::Achievement => LibraryKind::Achievement,
    }
}

pub fn run(
    db: &Option<PathBuf>,
    command: LibraryCommand,
    today: NaiveDate,
    out: &mut String,
) -> Result<(), ServiceError> {
    match command {
        LibraryCommand::List { unit, kind: k, format } => {
            let query = service::LibraryQuery {
                units: unit.into_iter().collect(),
                kind: k.map(kind),
                ..Default::default()
            };
            let entries = service::library_list(&open_reading(db)?, &query, None)?.entries;
            match format {
                Format::Json => say!(out, "{}", json(&entries)?),
                Format::Text => {
                    if entries.is_empty() {
                        say!(out, "单位资料库为空：可用 shenbao library collect 把申报书中的人员、仪器、场地和成果收入资料库");
                    }
                    for e in &entries {
                        say!(
                            out,
                            "{}\t{}\t{}\t{}\t{}",
                            e.id,
                            e.kind_label,
                            e.label,
                            e.unit_uscc,
                            e.usage_text
                        );
                    }
                }
            }
        }
        LibraryCommand::Show { record, format } => {
            let detail = service::library_show(&open_reading(db)?, record)?;
            match format {
                Format::Json => say!(out, "{}", json(&detail)?),
                Format::Text => {
                    let e = &detail.entry;
                    say!(out, "{} {}（{}）：{}", e.kind_label, e.label, e.unit_uscc, e.usage_text);
                    for u in &detail.uses {
                        let role = u.role_label.as_deref().map(|r| format!("，{r}")).unwrap_or_default();
                        say!(out, "  申报书 {} {}（第 {} 行{role}）", u.application, u.centre_name, u.row);
                        for d in &u.differs {
                            say!(out, "    与资料库不同：{}", change_text(d));
                        }
                    }
                }
            }
        }
        LibraryCommand::Usage { unit } => {
            let query = service::LibraryQuery { units: unit.into_iter().collect(), ..Default::default() };
            let entries = service::library_list(&open_reading(db)?, &query, None)?.entries;
            for e in entries.iter().filter(|e| e.usage.applications > 0) {
                say!(out, "{}：{}", e.label, e.usage_text);
            }
        }
        LibraryCommand::Edit { record, set, commit } => {
            let mut store = open(db)?;
            let current = store.library_record(record)?;
            let edited = with_fields(&current.record, &set)?;
            let preview = service::library_preview(&mut store, record, edited.clone(), today)?;
            say!(out, "资料库记录 {record} {}：", current.label);
            if preview.fields.is_empty() {
                say!(out, "  没有修改");
            }
            for f in &preview.fields {
                say!(out, "  {}", change_text(f));
            }
            for i in &preview.issues {
                say!(out, "  问题：{}：{}", i.field, i.message);
            }
            say!(out, "将修改 {} 份申报书中的 {} 行：", count_apps(&preview.changes), preview.changes.len());
            for c in &preview.changes {
                let fields: Vec<String> = c.fields.iter().map(change_text).collect();
                say!(
                    out,
                    "  申报书 {} {}（第 {} 行）：{}",
                    c.application,
                    c.centre_name,
                    c.row,
                    fields.join("；")
                );
            }
            let moved: Vec<_> = preview.verdicts.iter().filter(|v| v.before != v.after).collect();
            if moved.is_empty() {
                say!(out, "审查结论不变（核对 {} 份申报书）", preview.checked);
            }
            for v in moved {
                say!(
                    out,
                    "  审查结论：申报书 {} {}：{} → {}",
                    v.application,
                    v.centre_name,
                    v.before_label,
                    v.after_label
                );
            }
            if commit {
                let applied = service::library_apply(&mut store, record, edited)?;
                say!(out, "已保存：{} 份申报书中的 {} 行已随资料库修改", applied.applications, applied.rows);
            } else {
                say!(out, "（预览，未保存：加 --commit 保存）");
            }
        }
        LibraryCommand::Collect => {
            let n = service::library_collect(&mut open(db)?)?;
            say!(out, "已把 {n} 行收入单位资料库");
        }
        LibraryCommand::Pick { id, records } => {
            let saved = service::library_pick(&mut open(db)?, id, &records)?;
            for s in &saved {
                let issues: Vec<String> =
                    s.issues.iter().map(|i| format!("{}：{}", i.field, i.message)).collect();
                let note =
                    if issues.is_empty() { String::new() } else { format!("（{}）", issues.join("；")) };
                say!(out, "已加入申报书 {id}：第 {} 行{note}", s.id);
            }
        }
    }
    Ok(())
}

fn count_apps(changes: &[service::LibraryRowChange]) -> usize {
    let mut apps: Vec<i64> = changes.iter().map(|c| c.application).collect();
    apps.sort_unstable();
    apps.dedup();
    apps.len()
}

fn change_text(c: &LibraryFieldChange) -> String {
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "（空）".into());
    format!("{}：{} → {}", c.label, show(&c.before), show(&c.after))
}

/// `record` with each `FIELD=VALUE` set (a dotted path; the value read as the field's type:
/// a number or true/false where the field holds one, else text).
fn with_fields(record: &RowData, set: &[String]) -> Result<RowData, ServiceError> {
    let mut whole = serde_json::to_value(record).map_err(|e| ServiceError::BadArgument(e.to_string()))?;
    for item in set {
        let Some((path, value)) = item.split_once('=') else {
            return Err(ServiceError::bad_value(
                "--set",
                format!("“{item}”格式不对：应为 字段=值，如 title=full_senior"),
            ));
        };
        let mut at = whole.get_mut("row").ok_or_else(|| ServiceError::BadArgument("记录无内容".into()))?;
        let parts: Vec<&str> = path.trim().split('.').collect();
        for (i, part) in parts.iter().enumerate() {
            let last = i + 1 == parts.len();
            let Value::Object(o) = at else {
                return Err(ServiceError::bad_value("--set", format!("没有字段“{path}”")));
            };
            if last {
                let typed = match o.get(*part) {
                    Some(Value::Number(_)) => value.parse::<i64>().map(Value::from).ok(),
                    Some(Value::Bool(_)) => value.parse::<bool>().map(Value::from).ok(),
                    _ => None,
                };
                o.insert((*part).to_string(), typed.unwrap_or_else(|| Value::String(value.to_string())));
                break;
            }
            at = o
                .get_mut(*part)
                .ok_or_else(|| ServiceError::bad_value("--set", format!("没有字段“{path}”")))?;
        }
    }
    serde_json::from_value(whole).map_err(|e| ServiceError::bad_value("--set", format!("取值不对：{e}")))
}
