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

/// Whether the window always shows an input, or only when the pack lists it in
/// `presentation.inputs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Always,
    Optional,
}

/// The application fields a criterion may name (`hosts[].x` is field x of every host unit), and
/// whether the window shows each only on the pack's request.
pub const FIELDS: &[(&str, Input)] = &[
    ("programme", Input::Always),
    ("centre_name", Input::Always),
    ("category", Input::Optional),
    ("field", Input::Always),
    ("sub_area", Input::Always),
    ("city", Input::Always),
    ("recommendation_letter", Input::Optional),
    ("reference_date", Input::Always),
    ("hosts", Input::Always),
    ("hosts[].name", Input::Always),
    ("hosts[].uscc", Input::Always),
    ("hosts[].kind", Input::Always),
    ("hosts[].registered_region", Input::Optional),
    ("hosts[].supervising_department", Input::Always),
    ("hosts[].independent_legal_person", Input::Always),
    ("hosts[].high_tech_enterprise", Input::Optional),
    ("hosts[].above_scale_with_rd_institution", Input::Optional),
    ("hosts[].key_discipline_or_doctoral", Input::Optional),
    ("hosts[].led_national_or_provincial_tasks", Input::Optional),
    ("hosts[].own_ip", Input::Optional),
    ("hosts[].applied_results", Input::Optional),
    ("hosts[].tech_centre_level", Input::Optional),
    ("hosts[].chain_leader", Input::Optional),
    ("hosts[].city_key_lab", Input::Optional),
    ("hosts[].out_of_province_with_national_platform", Input::Optional),
    ("hosts[].jingjinji_xiongan", Input::Optional),
    ("hosts[].agreement_signed", Input::Optional),
    ("hosts[].has_provincial_platform", Input::Optional),
    ("hosts[].safety_self_check_done", Input::Optional),
    ("hosts[].core_member", Input::Optional),
    ("director", Input::Always),
    ("director.id_doc", Input::Always),
    ("director.birth_date", Input::Always),
    ("director.title", Input::Always),
    ("director.education", Input::Always),
    ("director.employer", Input::Always),
    ("director.full_time", Input::Always),
    ("director.honours", Input::Optional),
    ("director.awards", Input::Always),
    ("director.projects", Input::Always),
    ("people", Input::Always),
    ("sites", Input::Always),
    ("sites[].usage", Input::Always),
    ("sites[].headquarters", Input::Optional),
    ("instruments", Input::Always),
    ("rd_investments", Input::Always),
    ("achievements", Input::Always),
    ("directions", Input::Always),
];

/// A field a criterion may name.
pub fn is_field(name: &str) -> bool {
    FIELDS.iter().any(|(f, _)| *f == name)
}

/// An input the window shows only when the pack lists it in `presentation.inputs`.
pub fn is_optional_input(name: &str) -> bool {
    FIELDS.iter().any(|(f, i)| *f == name && *i == Input::Optional)
}

/// The names of [`FIELDS`] shown `input`, in order, comma-separated (for a loader's message).
pub fn listed(input: Option<Input>) -> String {
    FIELDS
        .iter()
        .filter(|(_, i)| input.is_none_or(|w| *i == w))
        .map(|(f, _)| *f)
        .collect::<Vec<_>>()
        .join(", ")
}

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
    /// Optional inputs shown (names from [`FIELDS`] marked [`Input::Optional`]).
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
