//! The Chinese label of every model enum and the Chinese name of every field, once: the rules'
//! messages, the core's field issues, the history, the PDF, the CLI and the window (through
//! `ui/src/bindings/labels.ts`, written from [`typescript`] by the bindings test) all print these
//! words.

use serde::Serialize;

use crate::attachment::inspect::FileKind;
use crate::model::{
    AchievementKind, Category, ChangeKind, Education, Gender, Honour, IdKind, ImportKind, MemberRole,
    PlatformKind, PlatformLevel, Role, Title, UnitKind,
};

/// Defines `ALL` (every variant, in the order a list shows them) and `label()` from one table, so
/// a variant without a label does not compile and the UI's option list cannot miss one.
macro_rules! labels {
    ($ty:ident { $($variant:ident => $label:expr),+ $(,)? }) => {
        impl $ty {
            /// Every variant, in the order a choice list shows them.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The Chinese label, as the window, the PDF and the rules' messages print it.
            pub fn label(self) -> &'static str {
                match self {
                    $($ty::$variant => $label),+
                }
            }
        }
    };
}

labels!(Category { Comprehensive => "综合类", Field => "领域类" });

labels!(UnitKind {
    Enterprise => "企业",
    University => "高等院校",
    ResearchInstitute => "科研院所",
    Other => "其他",
});

labels!(PlatformLevel { National => "国家级", Provincial => "省级", City => "市级" });

labels!(IdKind {
    ResidentId => "居民身份证",
    Passport => "护照",
    HkMacaoPermit => "港澳居民证件",
    TaiwanPermit => "台湾居民证件",
    ForeignPermanentResident => "外国人永久居留身份证",
    Other => "其他证件",
});

labels!(Gender { Male => "男", Female => "女" });

labels!(Education {
    Doctorate => "博士研究生",
    Master => "硕士研究生",
    Bachelor => "大学本科",
    College => "大专",
    Other => "其他",
});

labels!(Title {
    FullSenior => "正高级",
    AssociateSenior => "副高级",
    Intermediate => "中级",
    Junior => "初级",
    None => "无",
});

labels!(Role { Director => "主任", DeputyDirector => "副主任", Fixed => "固定人员", Visiting => "流动人员" });

labels!(Honour {
    CasAcademician => "中国科学院院士",
    CaeAcademician => "中国工程院院士",
    NsfcDistinguishedYoung => "国家杰出青年科学基金获得者",
    OtherNationalTalent => "其他国家级高层次人才",
});

labels!(AchievementKind {
    InventionPatent => "发明专利",
    UtilityPatent => "实用新型专利",
    DesignPatent => "外观设计专利",
    Software => "软件著作权",
    Standard => "标准",
    Award => "科技奖励",
    Paper => "论文",
    Other => "其他",
});

labels!(PlatformKind {
    KeyLab => "重点实验室",
    Tic => "技术创新中心",
    ClinicalCentre => "临床医学研究中心",
    EngineeringCentre => "工程（技术）研究中心",
    PilotBase => "中试基地",
    Other => "其他科技创新平台",
});

labels!(MemberRole { Director => "主任", Fixed => "固定人员" });

labels!(ImportKind {
    Staff => "人员名单",
    Instruments => "科研仪器设备",
    Sites => "研发场地",
    Achievements => "成果",
    Platforms => "已建平台名录",
});

labels!(FileKind { Pdf => "PDF", Jpeg => "JPEG 图片", Png => "PNG 图片" });

labels!(ChangeKind { Added => "新增", Removed => "删除", Changed => "修改" });

impl Education {
    /// The short form a narrow table column or a sentence uses: "博士", "本科".
    pub fn short(self) -> &'static str {
        match self {
            Education::Doctorate => "博士",
            Education::Master => "硕士",
            Education::Bachelor => "本科",
            Education::College => "大专",
            Education::Other => "其他",
        }
    }
}

impl Title {
    /// The short form a narrow table column uses: "正高", "副高".
    pub fn short(self) -> &'static str {
        match self {
            Title::FullSenior => "正高",
            Title::AssociateSenior => "副高",
            Title::Intermediate => "中级",
            Title::Junior => "初级",
            Title::None => "无",
        }
    }
}

/// The stored (serde) name of a variant: "full_senior".
fn code<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// One choice list of the window, `export const NAME: Option<Type>[] = [...]`: its constant, its
/// type and each variant's stored name with its label. Types defined above this module (the
/// library's kinds, a change's kind) are handed to [`typescript`] by the bindings test.
pub struct Choices {
    name: &'static str,
    ty: &'static str,
    options: Vec<(String, &'static str)>,
}

impl Choices {
    pub fn of<T: Serialize + Copy>(
        name: &'static str,
        ty: &'static str,
        all: &[T],
        label: fn(T) -> &'static str,
    ) -> Choices {
        Choices { name, ty, options: all.iter().map(|v| (code(v), label(*v))).collect() }
    }

    fn write(&self, out: &mut String) {
        out.push_str(&format!("export const {}: Option<{}>[] = [\n", self.name, self.ty));
        for (value, label) in &self.options {
            out.push_str(&format!("  {{ value: {value:?}, label: {label:?} }},\n"));
        }
        out.push_str("]\n\n");
    }
}

/// One field of a stored record: its table, its path in the record, its Chinese name and the
/// unit the window and the PDF show its value in.
struct Field {
    table: &'static str,
    path: &'static str,
    name: &'static str,
    unit: Option<&'static str>,
}

const fn field(table: &'static str, path: &'static str, name: &'static str) -> Field {
    Field { table, path, name, unit: None }
}

const fn quantity(table: &'static str, path: &'static str, name: &'static str, unit: &'static str) -> Field {
    Field { unit: Some(unit), ..field(table, path, name) }
}

/// The unit money is shown in: amounts are stored in whole 元 and shown in 万元.
pub const MONEY_UNIT: &str = "万元";

/// Every field the window edits, as its column or form names it.
const FIELDS: &[Field] = &[
    field("applications", "programme", "申报类型"),
    field("applications", "category", "申报类别"),
    field("applications", "centre_name", "中心名称"),
    field("applications", "field", "所属领域"),
    field("applications", "sub_area", "细分领域"),
    field("applications", "reference_date", "审查基准日"),
    field("applications", "city", "所在市"),
    field("applications", "recommendation_letter", "推荐函"),
    field("applications", "attestations", "承诺与确认"),
    field("applications", "narratives", "申报书正文"),
    field("directions", "title", "方向名称"),
    field("directions", "description", "方向说明"),
    field("host_units", "name", "单位名称"),
    field("host_units", "uscc", "统一社会信用代码"),
    field("host_units", "kind", "单位类型"),
    field("host_units", "independent_legal_person", "具有独立法人资格"),
    field("host_units", "registered_region", "登记地"),
    field("host_units", "core_member", "联盟核心成员"),
    field("host_units", "high_tech_enterprise", "高新技术企业"),
    field("host_units", "above_scale_with_rd_institution", "规模以上企业且建有专门研发机构"),
    field("host_units", "key_discipline_or_doctoral", "有省级以上重点学科（临床重点专科）或博士学位授予点"),
    field("host_units", "led_national_or_provincial_tasks", "牵头承担过国家或省部级科技任务"),
    field("host_units", "own_ip", "拥有自主知识产权"),
    field("host_units", "applied_results", "产生了获得应用的创新成果"),
    field("host_units", "tech_centre_level", "企业技术中心级别"),
    field("host_units", "chain_leader", "省重点产业链链主、链核企业"),
    field("host_units", "city_key_lab", "已获批其他部门或市重点实验室"),
    field("host_units", "out_of_province_with_national_platform", "省外单位且拥有国家级科技创新平台"),
    field("host_units", "jingjinji_xiongan", "京津冀、雄安新区优势科研单位"),
    field("host_units", "agreement_signed", "已签署共建协议"),
    field("host_units", "supervising_department", "归口管理部门"),
    field("host_units", "has_provincial_platform", "已建有省重点实验室或省技术创新中心"),
    field("host_units", "safety_self_check_done", "已完成安全自查自纠"),
    field("people", "name", "姓名"),
    field("people", "id_doc.kind", "证件类型"),
    field("people", "id_doc.number", "证件号码"),
    field("people", "birth_date", "出生日期"),
    field("people", "gender", "性别"),
    field("people", "employer_uscc", "工作单位统一社会信用代码"),
    field("people", "employer_name", "工作单位"),
    field("people", "education", "学历"),
    field("people", "title", "职称"),
    field("people", "role", "在中心职务"),
    field("people", "full_time", "全职"),
    field("people", "share", "全职/兼职比例"),
    field("people", "discipline", "学科专业"),
    field("people", "honours", "人才称号"),
    field("people", "awards_first_completer", "省部级以上科技奖励（第一完成人）"),
    field("people", "projects_first_pi", "省部级以上科技计划项目（第一负责人）"),
    field("instruments", "name", "仪器名称"),
    field("instruments", "model", "型号"),
    field("instruments", "serial_number", "出厂编号"),
    field("instruments", "asset_number", "资产编号"),
    field("instruments", "owner_uscc", "所属单位"),
    quantity("instruments", "original_value", "原值", MONEY_UNIT),
    field("instruments", "site", "放置地点"),
    field("sites", "address", "场地地址"),
    field("sites", "building_room", "楼宇房间"),
    quantity("sites", "area", "面积", "m²"),
    field("sites", "usage", "用途"),
    field("sites", "owner_uscc", "所属单位"),
    field("sites", "headquarters", "本部"),
    field("rd_investments", "year", "年度"),
    quantity("rd_investments", "amount", "研发投入", MONEY_UNIT),
    field("rd_investments", "owner_uscc", "所属单位"),
    field("achievements", "kind", "成果类型"),
    field("achievements", "identifier", "编号"),
    field("achievements", "title", "成果名称"),
    field("achievements", "date", "日期"),
    field("achievements", "owner_uscc", "所属单位"),
    field("achievements", "applied", "已应用"),
];

fn find_field(table: &str, path: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.table == table && f.path == path)
}

/// The Chinese name of a field (`people`, `id_doc.number` → 证件号码), as the core's field issues
/// name it.
pub fn field_name(table: &str, path: &str) -> Option<&'static str> {
    find_field(table, path).map(|f| f.name)
}

/// The field's name, or its path when the table has no such field (what an issue, a form row or
/// a printed line is headed with).
pub fn field_name_or_path<'a>(table: &str, path: &'a str) -> &'a str {
    field_name(table, path).unwrap_or(path)
}

/// The field's name with the unit its value is shown in, as a column heads it: 原值（万元）.
pub fn field_heading(table: &str, path: &str) -> Option<String> {
    find_field(table, path).map(heading)
}

fn heading(f: &Field) -> String {
    match f.unit {
        Some(u) => format!("{}（{u}）", f.name),
        None => f.name.to_string(),
    }
}

/// The unit a quantity field's value is shown in (原值: 万元), if it is one.
pub fn field_unit(table: &str, path: &str) -> Option<&'static str> {
    find_field(table, path).and_then(|f| f.unit)
}

fn fields_typescript(out: &mut String) {
    out.push_str(
        "/** Column headings of every field the window edits, by table and path (the core's names). */\n\
         export const FIELD = {\n",
    );
    let mut tables: Vec<&str> = Vec::new();
    for f in FIELDS {
        if !tables.contains(&f.table) {
            tables.push(f.table);
        }
    }
    for t in tables {
        out.push_str(&format!("  {t}: {{\n"));
        for f in FIELDS.iter().filter(|f| f.table == t) {
            out.push_str(&format!("    {:?}: {:?},\n", f.path, heading(f)));
        }
        out.push_str("  },\n");
    }
    out.push_str("} as const\n\n");
}

/// The TypeScript module of every label (the window's choice lists and `labelOf`), as the
/// bindings test writes it to `ui/src/bindings/labels.ts`.
pub fn typescript(above: &[Choices]) -> String {
    let own = [
        Choices::of("CATEGORY", "Category", Category::ALL, Category::label),
        Choices::of("UNIT_KIND", "UnitKind", UnitKind::ALL, UnitKind::label),
        Choices::of("PLATFORM_LEVEL", "PlatformLevel", PlatformLevel::ALL, PlatformLevel::label),
        Choices::of("ID_KIND", "IdKind", IdKind::ALL, IdKind::label),
        Choices::of("GENDER", "Gender", Gender::ALL, Gender::label),
        Choices::of("EDUCATION", "Education", Education::ALL, Education::label),
        Choices::of("TITLE", "Title", Title::ALL, Title::label),
        Choices::of("ROLE", "Role", Role::ALL, Role::label),
        Choices::of("HONOUR", "Honour", Honour::ALL, Honour::label),
        Choices::of("ACHIEVEMENT_KIND", "AchievementKind", AchievementKind::ALL, AchievementKind::label),
        Choices::of("PLATFORM_KIND", "PlatformKind", PlatformKind::ALL, PlatformKind::label),
        Choices::of("MEMBER_ROLE", "MemberRole", MemberRole::ALL, MemberRole::label),
        Choices::of("FILE_KIND", "FileKind", FileKind::ALL, FileKind::label),
        Choices::of("IMPORT_KIND", "ImportKind", ImportKind::ALL, ImportKind::label),
        Choices::of("CHANGE_KIND", "ChangeKind", ChangeKind::ALL, ChangeKind::label),
    ];
    let mut types: Vec<&str> = own.iter().chain(above).map(|c| c.ty).collect();
    types.sort_unstable();
    let mut out = String::from(
        "// This file was generated by src/bindings.rs from src/labels.rs. Do not edit this file manually.\n",
    );
    for t in types {
        out.push_str(&format!("import type {{ {t} }} from \"./{t}\";\n"));
    }
    out.push_str(
        "\n/** One choice of a list: the stored value and its Chinese label. */\n\
         export type Option<T extends string> = { value: T, label: string };\n\n",
    );
    for c in own.iter().chain(above) {
        c.write(&mut out);
    }
    fields_typescript(&mut out);
    out.push_str(
        "/** The label of `value` in `options`, or the value itself when unknown. */\n\
         export function labelOf<T extends string>(options: Option<T>[], value: T | undefined | null): string {\n\
         \x20 if (value === undefined || value === null) return ''\n\
         \x20 return options.find((o) => o.value === value)?.label ?? value\n\
         }\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_names_each_variant_once_with_its_stored_value() {
        let codes: Vec<String> = Education::ALL.iter().map(code).collect();
        assert_eq!(codes, ["doctorate", "master", "bachelor", "college", "other"]);
        assert_eq!(UnitKind::Other.label(), "其他");
        let ts = typescript(&[]);
        assert!(ts.contains("{ value: \"other\", label: \"其他\" }"), "{ts}");
        assert!(ts.contains("export const IMPORT_KIND: Option<ImportKind>[]"));
    }

    #[test]
    fn every_field_is_named_once_and_quantities_carry_their_unit() {
        for (i, f) in FIELDS.iter().enumerate() {
            assert!(
                !FIELDS[..i].iter().any(|g| g.table == f.table && g.path == f.path),
                "{}.{} is named twice",
                f.table,
                f.path
            );
        }
        assert_eq!(field_name("instruments", "original_value"), Some("原值"));
        assert_eq!(field_heading("instruments", "original_value").as_deref(), Some("原值（万元）"));
        assert_eq!(field_heading("people", "id_doc.number").as_deref(), Some("证件号码"));
        assert_eq!(field_name("people", "no_such_field"), None);
        let ts = typescript(&[]);
        assert!(ts.contains("\"original_value\": \"原值（万元）\""), "{ts}");
        assert!(ts.contains("\"id_doc.number\": \"证件号码\""), "{ts}");
    }
}
