//! What the printed 申请书 would still show empty: the narrative sections with their labels, and
//! the list of empty parts the export step shows (内容完整性) before the user exports.

use serde::Serialize;
use ts_rs::TS;

use crate::model::Application;
use crate::rules::presentation::Presentation;

/// The narrative sections (key, printed title), in the order the application document prints them.
pub const NARRATIVE_SECTIONS: [(&str, &str); 5] = [
    ("overview", "中心概况与建设基础"),
    ("goals", "建设目标"),
    ("tasks", "主要任务"),
    ("mechanism", "组织管理与运行机制"),
    ("funding", "经费预算与保障"),
];

/// One narrative section as the wizard shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NarrativeSection {
    pub key: String,
    pub title: String,
}

/// The narrative sections, in print order.
pub fn narrative_sections() -> Vec<NarrativeSection> {
    NARRATIVE_SECTIONS
        .iter()
        .map(|(k, t)| NarrativeSection { key: (*k).into(), title: (*t).into() })
        .collect()
}

/// The printed title of a narrative section, by key; unknown keys print as themselves.
pub fn narrative_title(key: &str) -> String {
    NARRATIVE_SECTIONS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or_else(|| key.to_string(), |(_, t)| (*t).to_string())
}

/// One part of the application that is still empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EmptyPart {
    /// Which part: `centre_name`, `hosts`, `director`, `people`, `sites`, `instruments`,
    /// `rd_investments`, `achievements`, `directions`, or `narrative.<section key>`.
    pub part: String,
    /// What the user reads, e.g. "研究方向：尚无条目".
    pub label: String,
}

/// Every part of `app` that the 申请书 would print empty, in print order. `labels` gives the
/// programme's names (中心名称 / 基地名称, 中心主任 / 基地负责人).
pub fn empty_parts(app: &Application, labels: &Presentation) -> Vec<EmptyPart> {
    let mut out = Vec::new();
    let mut push = |part: &str, label: String| out.push(EmptyPart { part: part.into(), label });
    if app.centre_name.trim().is_empty() {
        push("centre_name", format!("{}：未填写", labels.name_label));
    }
    if app.host_units.is_empty() {
        push("hosts", "依托单位：尚无条目".into());
    }
    if app.director().is_none() {
        push("director", format!("{}：未填写", labels.director_label));
    }
    let rosters: [(&str, &str, bool); 6] = [
        ("people", "人员队伍", app.people.is_empty()),
        ("sites", "研发场地", app.sites.is_empty()),
        ("instruments", "科研仪器设备", app.instruments.is_empty()),
        ("rd_investments", "研发投入", app.rd_investments.is_empty()),
        ("achievements", "成果与自主知识产权", app.achievements.is_empty()),
        ("directions", "研究方向", app.directions.is_empty()),
    ];
    for (part, title, empty) in rosters {
        if empty {
            push(part, format!("{title}：尚无条目"));
        }
    }
    for (key, title) in NARRATIVE_SECTIONS {
        if app.narratives.get(key).is_none_or(|t| t.trim().is_empty()) {
            push(&format!("narrative.{key}"), format!("{title}：尚未填写"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(parts: &[EmptyPart]) -> Vec<&str> {
        parts.iter().map(|p| p.label.as_str()).collect()
    }

    #[test]
    fn the_sample_application_has_nothing_empty() {
        let app = crate::interchange::application_from_json(crate::samples::SAMPLE_P1).unwrap();
        assert_eq!(labels(&empty_parts(&app, &Presentation::default())), Vec::<&str>::new());
    }

    #[test]
    fn empty_sections_and_directions_are_listed_by_label_in_print_order() {
        let mut app = crate::interchange::application_from_json(crate::samples::SAMPLE_P1).unwrap();
        app.directions.clear();
        app.narratives.retain(|k, _| k == "overview");
        app.narratives.insert("goals".into(), "  \n".into());
        let parts = empty_parts(&app, &Presentation::default());
        assert_eq!(
            labels(&parts),
            [
                "研究方向：尚无条目",
                "建设目标：尚未填写",
                "主要任务：尚未填写",
                "组织管理与运行机制：尚未填写",
                "经费预算与保障：尚未填写"
            ]
        );
        assert_eq!(parts[1].part, "narrative.goals");
    }

    #[test]
    fn a_missing_director_is_named_with_the_programmes_label() {
        let mut app = crate::interchange::application_from_json(crate::samples::SAMPLE_P1).unwrap();
        app.people.retain(|p| p.role != crate::model::Role::Director);
        let base = Presentation { director_label: "基地负责人".into(), ..Presentation::default() };
        assert_eq!(labels(&empty_parts(&app, &base)), ["基地负责人：未填写"]);
    }
}
