//! Chinese names of the fields and values a diff or the history shows (`people` · `title`:
//! 职称, `full_senior`: 正高级); display only, no rule.

use serde::de::DeserializeOwned;

use crate::model::{
    AchievementKind, Category, Education, Gender, Honour, IdKind, PlatformLevel, Role, Title, UnitKind,
};
use crate::pdf::text;

/// The field's Chinese name in `table` ("applications" or a roster's table): `id_doc.number` →
/// 证件号码, `honours.0` → 人才称号 1; an unknown path is shown as it is.
pub fn field_label(table: &str, path: &str) -> String {
    let (head, rest) = path.split_once('.').unwrap_or((path, ""));
    let name = match (table, head) {
        ("applications", "programme") => "申报类型",
        ("applications", "category") => "类别",
        ("applications", "centre_name") => "中心名称",
        ("applications", "field") => "领域",
        ("applications", "sub_area") => "细分方向",
        ("applications", "reference_date") => "审查基准日",
        ("applications", "city") => "所在市",
        ("applications", "recommendation_letter") => "推荐函",
        ("applications", "attestations") => "承诺与确认",
        ("applications", "narratives") => "申报书正文",
        ("directions", "title") => "方向名称",
        ("directions", "description") => "方向说明",
        ("host_units", "name") => "单位名称",
        ("host_units", "uscc") => "统一社会信用代码",
        ("host_units", "kind") => "单位类型",
        ("host_units", "independent_legal_person") => "独立法人",
        ("host_units", "registered_region") => "注册地",
        ("host_units", "core_member") => "核心成员",
        ("host_units", "high_tech_enterprise") => "高新技术企业",
        ("host_units", "above_scale_with_rd_institution") => "规模以上且设研发机构",
        ("host_units", "key_discipline_or_doctoral") => "重点学科或博士学位授予点",
        ("host_units", "led_national_or_provincial_tasks") => "牵头国家或省级任务",
        ("host_units", "own_ip") => "自主知识产权",
        ("host_units", "applied_results") => "成果已应用",
        ("host_units", "tech_centre_level") => "企业技术中心级别",
        ("host_units", "chain_leader") => "链主企业",
        ("host_units", "city_key_lab") => "市重点实验室",
        ("host_units", "out_of_province_with_national_platform") => "省外单位且有国家级平台",
        ("host_units", "jingjinji_xiongan") => "京津冀雄安单位",
        ("host_units", "agreement_signed") => "已签共建协议",
        ("host_units", "supervising_department") => "归口管理部门",
        ("host_units", "has_provincial_platform") => "已有省级平台",
        ("host_units", "safety_self_check_done") => "已完成安全自查",
        ("people", "name") => "姓名",
        ("people", "id_doc") => match rest {
            "kind" => "证件类型",
            _ => "证件号码",
        },
        ("people", "birth_date") => "出生日期",
        ("people", "gender") => "性别",
        ("people", "employer_uscc") => "工作单位统一社会信用代码",
        ("people", "employer_name") => "工作单位",
        ("people", "education") => "学历",
        ("people", "title") => "职称",
        ("people", "role") => "在中心职务",
        ("people", "full_time") => "是否全职",
        ("people", "discipline") => "学科专业",
        ("people", "honours") => "人才称号",
        ("people", "awards_first_completer") => "科技奖励（第一完成人）",
        ("people", "projects_first_pi") => "科技计划项目（负责人）",
        ("instruments", "name") => "仪器名称",
        ("instruments", "model") => "型号",
        ("instruments", "serial_number") => "出厂编号",
        ("instruments", "asset_number") => "资产编号",
        ("instruments", "owner_uscc") | ("sites", "owner_uscc") | ("achievements", "owner_uscc") => {
            "所属单位统一社会信用代码"
        }
        ("rd_investments", "owner_uscc") => "投入单位统一社会信用代码",
        ("instruments", "original_value") => "原值（元）",
        ("instruments", "site") => "放置地点",
        ("sites", "address") => "场地地址",
        ("sites", "building_room") => "楼宇房间",
        ("sites", "area") => "面积（平方米）",
        ("sites", "usage") => "用途",
        ("sites", "headquarters") => "是否本部",
        ("rd_investments", "year") => "年度",
        ("rd_investments", "amount") => "金额（元）",
        ("achievements", "kind") => "成果类型",
        ("achievements", "identifier") => "编号",
        ("achievements", "title") => "成果名称",
        ("achievements", "date") => "日期",
        ("achievements", "applied") => "是否已应用",
        _ => return path.to_string(),
    };
    // A list's item keeps its place: 人才称号 2; a keyed part keeps its key.
    match rest.parse::<usize>() {
        Ok(i) => format!("{name} {}", i + 1),
        Err(_) if head == "attestations" || head == "narratives" => format!("{name} · {rest}"),
        Err(_) => name.to_string(),
    }
}

fn parsed<T: DeserializeOwned>(raw: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(raw.to_string())).ok()
}

/// A value as the window shows it: enums in Chinese, true/false as 是/否; anything else as it is.
pub fn value_label(table: &str, path: &str, raw: &str) -> String {
    let head = path.split('.').next().unwrap_or(path);
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
        assert_eq!(field_label("people", "no_such_field"), "no_such_field");
        assert_eq!(value_label("people", "title", "full_senior"), "正高级");
        assert_eq!(value_label("people", "full_time", "false"), "否");
        assert_eq!(value_label("people", "name", "true"), "true");
        assert_eq!(value_label("people", "title", "not_a_title"), "not_a_title");
    }
}
