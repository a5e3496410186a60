//! Printed wording of model values (enums, dates, money, areas) and the list of every printed
//! field with its Chinese name, used to report characters the fonts cannot print.

use chrono::NaiveDate;

use super::ExportInputs;
use crate::model::{Application, Gender, PlatformLevel};
use crate::quantity::Yuan;

pub fn date(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

/// "领域类（新材料·先进金属材料）", leaving out what is not entered: "领域类（新材料）", "领域类".
pub fn category_with_field(app: &Application) -> String {
    let parts: Vec<&str> =
        [app.field.trim(), app.sub_area.trim()].into_iter().filter(|s| !s.is_empty()).collect();
    if parts.is_empty() {
        app.category.label().to_string()
    } else {
        format!("{}（{}）", app.category.label(), parts.join("·"))
    }
}

pub fn level(l: Option<PlatformLevel>) -> &'static str {
    match l {
        Some(l) => l.label(),
        None => "无",
    }
}

pub fn gender(g: Option<Gender>) -> &'static str {
    match g {
        Some(g) => g.label(),
        None => "",
    }
}

pub fn yes_no(b: bool) -> &'static str {
    if b {
        "是"
    } else {
        "否"
    }
}

/// 万元 with up to four decimals, exact.
pub fn wan(y: Yuan) -> String {
    y.as_wan()
}

pub use crate::completeness::narrative_title;

/// The Chinese name of an application's field (`crate::labels`).
fn field_name(path: &str) -> String {
    crate::labels::field_name_or_path("applications", path).to_string()
}

/// Every user-supplied string that is printed, with the name of its field.
pub fn fields(app: &Application, inputs: &ExportInputs) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = vec![
        (inputs.labels.name_label.clone(), app.centre_name.clone()),
        (field_name("field"), app.field.clone()),
        (field_name("sub_area"), app.sub_area.clone()),
        ("所在市".into(), app.city.clone()),
        ("申报类型".into(), inputs.programme.clone()),
        ("申请书标题".into(), inputs.document_title.clone()),
        ("发文单位".into(), inputs.issuer.clone()),
        ("承诺".into(), inputs.commitment.clone()),
        ("自查结论".into(), inputs.review.verdict.clone()),
        ("自查说明".into(), inputs.review.note.clone().unwrap_or_default()),
        ("审查依据".into(), inputs.review.source.clone()),
    ];
    for (k, d) in app.directions.iter().enumerate() {
        out.push((format!("研究方向{}·名称", k + 1), d.title.clone()));
        out.push((format!("研究方向{}·说明", k + 1), d.description.clone()));
    }
    for (key, text) in &app.narratives {
        out.push((narrative_title(key), text.clone()));
    }
    for (k, h) in app.host_units.iter().enumerate() {
        let at = format!("依托单位{}", k + 1);
        out.push((format!("{at}·名称"), h.name.clone()));
        out.push((format!("{at}·统一社会信用代码"), h.uscc.clone()));
        out.push((format!("{at}·注册地"), h.registered_region.clone()));
        out.push((format!("{at}·归口管理部门"), h.supervising_department.clone()));
    }
    for (k, p) in app.people.iter().enumerate() {
        let at = format!("人员名单第 {} 行", k + 1);
        out.push((format!("{at}·姓名"), p.name.clone()));
        out.push((format!("{at}·证件号码"), p.id_doc.number.clone()));
        out.push((format!("{at}·工作单位"), p.employer_name.clone()));
        out.push((format!("{at}·学科"), p.discipline.clone()));
        for a in p.awards_first_completer.iter().chain(&p.projects_first_pi) {
            out.push((format!("{at}·奖励与项目"), a.clone()));
        }
    }
    for (k, i) in app.instruments.iter().enumerate() {
        let at = format!("仪器设备第 {} 行", k + 1);
        for (f, v) in [
            ("名称", &i.name),
            ("型号", &i.model),
            ("出厂编号", &i.serial_number),
            ("资产编号", &i.asset_number),
            ("放置地点", &i.site),
        ] {
            out.push((format!("{at}·{f}"), v.clone()));
        }
    }
    for (k, s) in app.sites.iter().enumerate() {
        let at = format!("研发场地第 {} 行", k + 1);
        for (f, v) in [("地址", &s.address), ("楼宇房间", &s.building_room), ("用途", &s.usage)] {
            out.push((format!("{at}·{f}"), v.clone()));
        }
    }
    for (k, a) in app.achievements.iter().enumerate() {
        let at = format!("成果第 {} 行", k + 1);
        out.push((format!("{at}·名称"), a.title.clone()));
        out.push((format!("{at}·编号"), a.identifier.clone()));
    }
    for (k, r) in inputs.review.rows.iter().enumerate() {
        let at = format!("审查表第 {} 行", k + 1);
        out.push((format!("{at}·条件"), r.requirement.clone()));
        out.push((format!("{at}·依据"), r.citation.clone()));
        out.push((format!("{at}·申报值"), r.declared.clone()));
    }
    for p in &inputs.priority_support {
        out.push(("优先支持条件".into(), format!("{}{}", p.text, p.citation)));
    }
    for s in &inputs.supporting {
        out.push(("印证材料目录".into(), format!("{}{}", s.title, s.supports)));
    }
    let m = &inputs.mailing;
    for v in [&m.recipient, &m.address, &m.deadline_note]
        .into_iter()
        .chain(&m.contacts)
        .chain(&m.phones)
        .chain(&m.requirements)
    {
        out.push(("报送信息".into(), v.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Category;

    #[test]
    fn category_leaves_out_what_is_not_entered() {
        let mut app: Application =
            crate::interchange::application_from_json(crate::samples::SAMPLE_P1).expect("sample");
        app.category = Category::Field;
        app.field = "新材料".into();
        app.sub_area = "先进金属材料".into();
        assert_eq!(category_with_field(&app), "领域类（新材料·先进金属材料）");
        app.sub_area.clear();
        assert_eq!(category_with_field(&app), "领域类（新材料）");
        app.field.clear();
        assert_eq!(category_with_field(&app), "领域类");
    }
}
