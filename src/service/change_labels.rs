//! Chinese names of the fields and values a diff or the history shows (`people` · `title`:
//! 职称, `full_senior`: 正高级); display only, no rule.

use serde::de::DeserializeOwned;

use crate::labels;
use crate::model::{
    AchievementKind, Category, Education, Gender, Honour, IdKind, PlatformLevel, Role, Title, UnitKind,
};
use crate::pdf::text;
use crate::quantity::Yuan;

/// The field's Chinese name in `table` ("applications" or a roster's table), as the window heads
/// it (`crate::labels`): `id_doc.number` → 证件号码, `honours.0` → 人才称号 1, `original_value` →
/// 原值（万元）; an unknown path is shown as it is.
pub fn field_label(table: &str, path: &str) -> String {
    if let Some(name) = labels::field_heading(table, path) {
        return name;
    }
    let (head, rest) = path.split_once('.').unwrap_or((path, ""));
    let Some(name) = labels::field_heading(table, head) else { return path.to_string() };
    // A list's item keeps its place: 人才称号 2; a keyed part keeps its key.
    match rest.parse::<usize>() {
        Ok(i) => format!("{name} {}", i + 1),
        Err(_) if !rest.is_empty() => format!("{name} · {rest}"),
        Err(_) => name,
    }
}

fn parsed<T: DeserializeOwned>(raw: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(raw.to_string())).ok()
}

/// A value as the window shows it: enums in Chinese, true/false as 是/否, money in 万元 (the unit
/// [`field_label`] names); anything else as it is.
pub fn value_label(table: &str, path: &str, raw: &str) -> String {
    let head = path.split('.').next().unwrap_or(path);
    if labels::field_unit(table, path) == Some(labels::MONEY_UNIT) {
        if let Ok(yuan) = raw.trim().parse::<i64>() {
            return Yuan(yuan).as_wan();
        }
    }
    let label: Option<&str> = match (table, head) {
        (_, "recommendation_letter" | "attestations")
        | ("host_units", _)
        | (_, "full_time" | "headquarters" | "applied")
            if raw == "true" || raw == "false" =>
        {
            Some(text::yes_no(raw == "true"))
        }
        ("applications", "category") => parsed::<Category>(raw).map(Category::label),
        ("host_units", "kind") => parsed::<UnitKind>(raw).map(UnitKind::label),
        ("host_units", "tech_centre_level") => parsed::<PlatformLevel>(raw).map(PlatformLevel::label),
        ("people", "id_doc") if path.ends_with("kind") => parsed::<IdKind>(raw).map(IdKind::label),
        ("people", "gender") => parsed::<Gender>(raw).map(Gender::label),
        ("people", "education") => parsed::<Education>(raw).map(Education::label),
        ("people", "title") => parsed::<Title>(raw).map(Title::label),
        ("people", "role") => parsed::<Role>(raw).map(Role::label),
        ("people", "honours") => parsed::<Honour>(raw).map(Honour::label),
        ("achievements", "kind") => parsed::<AchievementKind>(raw).map(AchievementKind::label),
        _ => None,
    };
    label.map_or_else(|| raw.to_string(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_values_read_in_chinese() {
        assert_eq!(field_label("people", "id_doc.number"), "证件号码");
        assert_eq!(field_label("people", "honours.1"), "人才称号 2");
        assert_eq!(field_label("applications", "centre_name"), "中心名称");
        assert_eq!(
            field_label("applications", "attestations.director_full_time"),
            "承诺与确认 · director_full_time"
        );
        assert_eq!(field_label("instruments", "original_value"), "原值（万元）");
        assert_eq!(value_label("instruments", "original_value", "23805000"), "2380.5");
        assert_eq!(value_label("rd_investments", "amount", "abc"), "abc");
        assert_eq!(field_label("people", "no_such_field"), "no_such_field");
        assert_eq!(value_label("people", "title", "full_senior"), "正高级");
        assert_eq!(value_label("people", "full_time", "false"), "否");
        assert_eq!(value_label("people", "name", "true"), "true");
        assert_eq!(value_label("people", "title", "not_a_title"), "not_a_title");
    }
}
