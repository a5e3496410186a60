//! Printed wording of model values (enums, dates, money, areas) and the list of every printed
//! field with its Chinese name, used to report characters the fonts cannot print.

use chrono::NaiveDate;

use super::ExportInputs;
use crate::model::{
    AchievementKind, Application, Category, Education, Gender, Honour, IdKind, PlatformLevel, Role, Title,
    UnitKind,
};
use crate::quantity::Yuan;

pub fn date(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

pub fn category(c: Category) -> &'static str {
    match c {
        Category::Comprehensive => "综合类",
        Category::Field => "领域类",
    }
}

/// "领域类（新材料·先进金属材料）", leaving out what is not entered: "领域类（新材料）", "领域类".
pub fn category_with_field(app: &Application) -> String {
    let parts: Vec<&str> =
        [app.field.trim(), app.sub_area.trim()].into_iter().filter(|s| !s.is_empty()).collect();
    if parts.is_empty() {
        category(app.category).to_string()
    } else {
        format!("{}（{}）", category(app.category), parts.join("·"))
    }
}

pub fn unit_kind(k: UnitKind) -> &'static str {
    match k {
        UnitKind::Enterprise => "企业",
        UnitKind::University => "高等院校",
        UnitKind::ResearchInstitute => "科研院所",
        UnitKind::Other => "其他",
    }
}

pub fn level(l: Option<PlatformLevel>) -> &'static str {
    match l {
        Some(PlatformLevel::National) => "国家级",
        Some(PlatformLevel::Provincial) => "省级",
        Some(PlatformLevel::City) => "市级",
        None => "无",
    }
}

pub fn gender(g: Option<Gender>) -> &'static str {
    match g {
        Some(Gender::Male) => "男",
        Some(Gender::Female) => "女",
        None => "",
    }
}

pub fn education(e: Education) -> &'static str {
    match e {
        Education::Doctorate => "博士研究生",
        Education::Master => "硕士研究生",
        Education::Bachelor => "大学本科",
        Education::College => "大专",
        Education::Other => "其他",
    }
}

pub fn title(t: Title) -> &'static str {
    match t {
        Title::FullSenior => "正高级",
        Title::AssociateSenior => "副高级",
        Title::Intermediate => "中级",
        Title::Junior => "初级",
        Title::None => "无",
    }
}

pub fn role(r: Role) -> &'static str {
    match r {
        Role::Director => "主任",
        Role::DeputyDirector => "副主任",
        Role::Fixed => "固定人员",
        Role::Visiting => "流动人员",
    }
}

pub fn id_kind(k: IdKind) -> &'static str {
    match k {
        IdKind::ResidentId => "居民身份证",
        IdKind::Passport => "护照",
        IdKind::HkMacaoPermit => "港澳居民证件",
        IdKind::TaiwanPermit => "台湾居民证件",
        IdKind::ForeignPermanentResident => "外国人永久居留身份证",
        IdKind::Other => "其他证件",
    }
}

pub fn honour(h: Honour) -> &'static str {
    match h {
        Honour::CasAcademician => "中国科学院院士",
        Honour::CaeAcademician => "中国工程院院士",
        Honour::NsfcDistinguishedYoung => "国家杰出青年科学基金获得者",
        Honour::OtherNationalTalent => "其他国家级高层次人才",
    }
}

pub fn achievement(k: AchievementKind) -> &'static str {
    match k {
        AchievementKind::InventionPatent => "发明专利",
        AchievementKind::UtilityPatent => "实用新型专利",
        AchievementKind::DesignPatent => "外观设计专利",
        AchievementKind::Software => "软件著作权",
        AchievementKind::Standard => "标准",
        AchievementKind::Award => "科技奖励",
        AchievementKind::Paper => "论文",
        AchievementKind::Other => "其他",
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

/// Every user-supplied string that is printed, with the name of its field.
pub fn fields(app: &Application, inputs: &ExportInputs) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = vec![
        (inputs.labels.name_label.clone(), app.centre_name.clone()),
        ("所属领域".into(), app.field.clone()),
        ("细分领域".into(), app.sub_area.clone()),
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
    for p in &inputs.priorities {
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
