//! How a pack presents its criteria: the wizard section and fields each one is about, the
//! sentence the applicant confirms, the supporting materials, and the programme's labels and
//! optional inputs. The window and the PDF read only these; no criterion id is written there.

use serde::Serialize;
use ts_rs::TS;

/// A wizard step whose data decides a criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Basic,
    Hosts,
    Director,
    People,
    Resources,
    Investment,
    Achievements,
    Directions,
    /// 优先支持 (pack key `priority`).
    #[serde(rename = "priority")]
    PrioritySupport,
    Attest,
}

impl Section {
    pub const ALL: [Section; 10] = [
        Section::Basic,
        Section::Hosts,
        Section::Director,
        Section::People,
        Section::Resources,
        Section::Investment,
        Section::Achievements,
        Section::Directions,
        Section::PrioritySupport,
        Section::Attest,
    ];

    /// The name written in a pack file.
    pub fn key(self) -> &'static str {
        match self {
            Section::Basic => "basic",
            Section::Hosts => "hosts",
            Section::Director => "director",
            Section::People => "people",
            Section::Resources => "resources",
            Section::Investment => "investment",
            Section::Achievements => "achievements",
            Section::Directions => "directions",
            Section::PrioritySupport => "priority",
            Section::Attest => "attest",
        }
    }

    pub fn parse(s: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|x| x.key() == s)
    }
}

/// The wizard steps a pack may write help for (`[[mistakes]] step`): the sections, then 印证材料
/// and 检查与导出.
pub const HELP_STEPS: &[&str] = &[
    "basic",
    "hosts",
    "director",
    "people",
    "resources",
    "investment",
    "achievements",
    "directions",
    "priority",
    "attest",
    "materials",
    "export",
];

/// The application fields a criterion may name. `hosts[].x` is field x of every host unit.
pub const FIELDS: &[&str] = &[
    "programme",
    "centre_name",
    "category",
    "field",
    "sub_area",
    "city",
    "recommendation_letter",
    "reference_date",
    "hosts",
    "hosts[].name",
    "hosts[].uscc",
    "hosts[].kind",
    "hosts[].registered_region",
    "hosts[].supervising_department",
    "hosts[].independent_legal_person",
    "hosts[].high_tech_enterprise",
    "hosts[].above_scale_with_rd_institution",
    "hosts[].key_discipline_or_doctoral",
    "hosts[].led_national_or_provincial_tasks",
    "hosts[].own_ip",
    "hosts[].applied_results",
    "hosts[].tech_centre_level",
    "hosts[].chain_leader",
    "hosts[].city_key_lab",
    "hosts[].out_of_province_with_national_platform",
    "hosts[].jingjinji_xiongan",
    "hosts[].agreement_signed",
    "hosts[].has_provincial_platform",
    "hosts[].safety_self_check_done",
    "hosts[].core_member",
    "director",
    "director.id_doc",
    "director.birth_date",
    "director.title",
    "director.education",
    "director.employer",
    "director.full_time",
    "director.honours",
    "director.awards",
    "director.projects",
    "people",
    "sites",
    "sites[].usage",
    "sites[].headquarters",
    "instruments",
    "rd_investments",
    "achievements",
    "directions",
];

/// Inputs the window shows only when the pack lists them in `presentation.inputs`.
pub const OPTIONAL_INPUTS: &[&str] = &[
    "category",
    "recommendation_letter",
    "hosts[].high_tech_enterprise",
    "hosts[].above_scale_with_rd_institution",
    "hosts[].key_discipline_or_doctoral",
    "hosts[].led_national_or_provincial_tasks",
    "hosts[].own_ip",
    "hosts[].applied_results",
    "hosts[].tech_centre_level",
    "hosts[].chain_leader",
    "hosts[].city_key_lab",
    "hosts[].out_of_province_with_national_platform",
    "hosts[].jingjinji_xiongan",
    "hosts[].agreement_signed",
    "hosts[].has_provincial_platform",
    "hosts[].safety_self_check_done",
    "director.honours",
    "hosts[].registered_region",
    "hosts[].core_member",
    "sites[].headquarters",
];

/// A supporting material (印证材料) that evidences a criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Material {
    pub title: String,
    /// Must be enclosed; otherwise optional (提供则附).
    pub required: bool,
}

/// How a criterion appears in the window and the PDF.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
pub struct Shown {
    /// The wizard step whose data decides it; none for a note.
    pub section: Option<Section>,
    /// The application fields it is about (names from [`FIELDS`]).
    pub fields: Vec<String>,
    /// The sentence the applicant confirms; present exactly when the criterion is confirmable.
    pub confirm: Option<String>,
    pub materials: Vec<Material>,
}

/// The programme's own words for the platform and which optional inputs it uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Presentation {
    /// The platform noun, e.g. 中心 / 基地 / 联盟.
    pub platform: String,
    pub name_label: String,
    pub director_label: String,
    /// Optional inputs shown (names from [`OPTIONAL_INPUTS`]).
    pub inputs: Vec<String>,
    /// The commitment printed on the signature page, when the notice gives one.
    pub commitment: Option<String>,
}

impl Default for Presentation {
    /// A pack without a `[presentation]` table: a 中心, no optional inputs, no commitment text.
    fn default() -> Self {
        Presentation {
            platform: "中心".into(),
            name_label: "中心名称".into(),
            director_label: "中心主任".into(),
            inputs: Vec::new(),
            commitment: None,
        }
    }
}

impl Presentation {
    pub fn uses(&self, input: &str) -> bool {
        self.inputs.iter().any(|i| i == input)
    }
}
