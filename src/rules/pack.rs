//! Programme packs: the validated type the engine uses, and the strict loader from TOML.
//! Every legal number lives in the pack file with its citation; this module only checks that a
//! pack is complete and well-formed. It reads files only in `load_pack_file`.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;
use toml::Spanned;
use ts_rs::TS;

use super::error::{PackError, PackLocation};
use super::presentation::{Material, Presentation, Section, Shown, FIELDS, OPTIONAL_INPUTS};
use super::raw::*;
use crate::model::{Category, Education, PlatformKind, PlatformLevel, Title, UnitKind};
use crate::quantity::{AreaM2, Yuan};

/// 国家 / 省 / 市 level of the issuing authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PackLevel {
    Provincial,
    City,
}

/// Whether the engine checks the programme's conditions, or the pack only points to a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    Full,
    ReferenceOnly,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Document {
    pub title: String,
    pub short: String,
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Contact {
    pub purpose: String,
    pub unit: String,
    pub people: Vec<String>,
    pub phones: Vec<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
pub struct Submission {
    pub channel: Option<String>,
    pub online_system: Option<String>,
    pub recipient: Option<String>,
    pub address: Option<String>,
    pub requirements: Vec<String>,
    /// Parcel items besides 申请书 and 印证材料, from the notice.
    pub enclosures: Vec<String>,
    /// Checks before mailing, from the notice.
    pub checks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Citation {
    pub document: String,
    pub clause: String,
}

impl std::fmt::Display for Citation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "《{}》{}", self.document, self.clause)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Cultivation {
    pub id: String,
    pub note: String,
    pub citation: Citation,
    /// Clause prefixes of the conditions whose shortfall the note is about (e.g. "二（四）");
    /// empty: any hard criterion.
    #[serde(skip)]
    #[ts(skip)]
    pub covers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Field {
    pub name: String,
    pub sub_areas: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Naming {
    pub pattern: String,
    pub citation: Option<Citation>,
}

/// The kind of a criterion (criteria.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Hard,
    Warn,
    Attest,
    Cross,
    Bonus,
    /// A remark the app shows; never a condition.
    Note,
}

/// Which host units a host check covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Lead,
    All,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub code_prefix: String,
    pub name: String,
}

/// A yes/no fact on a host unit, used by `any_host_flag`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostFlag {
    ChainLeader,
    CityKeyLab,
    OutOfProvinceWithNationalPlatform,
    JingjinjiXiongan,
    /// 国家级或省级企业技术中心.
    ProvincialOrNationalTechCentre,
    HighTechEnterprise,
}

/// A query answered by the registry view (duplicates and existing platforms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CrossCheck {
    OnePerYear,
    NotAlreadyBuilt,
    NoDoubleResources,
    StaffExclusive,
    NameUnique,
    /// Director or fixed staff of an existing platform; `cooling_off_years` after leaving.
    NoConcurrent {
        cooling_off_years: u32,
    },
    /// Recommendation letters from one city this year.
    RecommendationCount {
        max_per_city: u32,
    },
}

/// Platforms (existing ones, or what other applications' programmes build) a cross check
/// compares with: a union of sets, each these levels × these kinds (an empty list means any).
/// The legal scope is pack data (e.g. P1 二（四）3 names national TICs but only provincial
/// clinical research centres), never code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PlatformScope {
    pub sets: Vec<PlatformSet>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PlatformSet {
    #[serde(default)]
    pub kinds: Vec<PlatformKind>,
    #[serde(default)]
    pub levels: Vec<PlatformLevel>,
}

impl PlatformScope {
    /// One set: these kinds at these levels.
    pub fn new(kinds: &[PlatformKind], levels: &[PlatformLevel]) -> Self {
        PlatformScope { sets: vec![PlatformSet { kinds: kinds.to_vec(), levels: levels.to_vec() }] }
    }

    /// This scope and one more set.
    pub fn or(mut self, kinds: &[PlatformKind], levels: &[PlatformLevel]) -> Self {
        self.sets.push(PlatformSet { kinds: kinds.to_vec(), levels: levels.to_vec() });
        self
    }

    pub fn contains(&self, kind: PlatformKind, level: PlatformLevel) -> bool {
        self.sets.iter().any(|s| {
            (s.kinds.is_empty() || s.kinds.contains(&kind))
                && (s.levels.is_empty() || s.levels.contains(&level))
        })
    }

    /// The levels any set may match (all three when a set leaves levels open).
    pub fn levels(&self) -> Vec<PlatformLevel> {
        let all = [PlatformLevel::National, PlatformLevel::Provincial, PlatformLevel::City];
        all.into_iter()
            .filter(|l| self.sets.iter().any(|s| s.levels.is_empty() || s.levels.contains(l)))
            .collect()
    }
}

/// The legal scope of a cross criterion, from its pack.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CrossScope {
    /// Existing platforms compared with (`platforms = [...]`).
    pub platforms: Option<PlatformScope>,
    /// Applications that are peers, by what their programme builds and its level (`peers = [...]`).
    pub peers: Option<PlatformScope>,
}

/// The computation the engine performs for a criterion, with its thresholds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    Attest,
    Note,
    HostsAgreement,
    FixedStaffMin {
        min: i64,
    },
    DirectorAgeMax {
        max_years: i64,
    },
    DirectorTitle {
        titles: Vec<Title>,
    },
    DirectorRecord,
    DirectorEmployer,
    DirectorHonours,
    StaffEmployer,
    TeamQualityMin {
        min_percent: i64,
        education_min: Education,
        title_min: Title,
    },
    HostsLegalEntity,
    HostsCountMax {
        max: i64,
    },
    /// With `core_only`, only units marked as core members (联盟核心成员) count.
    HostsCountMin {
        min: i64,
        core_only: bool,
    },
    Registered {
        region: Region,
        scope: Scope,
        require_legal_person: bool,
        unit_kinds: Vec<UnitKind>,
    },
    LeadLedTasks,
    LeadOwnIp {
        require_applied: bool,
    },
    LeadShareMin {
        min_percent: i64,
    },
    OtherHostsStaffMin {
        min: i64,
    },
    EnterpriseLead,
    NonEnterpriseLead,
    SafetySelfCheck,
    /// Sites whose usage is one of `exclude_usages` are not counted; for the categories in
    /// `headquarters_only`, only sites marked 本部 count.
    AreaMin {
        min: AreaM2,
        exclude_usages: Vec<String>,
        headquarters_only: Vec<Category>,
    },
    InstrumentsMin {
        min: Yuan,
    },
    RdInvestmentMin {
        min: Yuan,
        years: i32,
    },
    DirectionsRange {
        min: i64,
        max: i64,
    },
    NameCharacters,
    NameNoEnterprise {
        strip_suffixes: Vec<String>,
    },
    NamePattern,
    FieldMembership,
    FieldInList,
    RecommendationLetter {
        max_per_city: u32,
    },
    AnyHostFlag {
        flag: HostFlag,
        scope: Scope,
    },
    /// Every one of these unit kinds is among the host (member) units.
    HostKindsPresent {
        kinds: Vec<UnitKind>,
    },
    Registry(CrossCheck),
}

/// When a criterion applies; empty lists mean "always".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Applies {
    pub category: Vec<Category>,
    pub lead_kind: Vec<UnitKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Messages {
    pub met: Option<String>,
    pub unmet: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    pub check: Check,
    pub citation: Citation,
    pub applies: Applies,
    pub exclusion: bool,
    pub or_attested: bool,
    pub messages: Messages,
    pub note: Option<String>,
    /// Section, fields, confirmation sentence and materials (`presentation`).
    pub shown: Shown,
    /// For cross criteria: which platforms and applications the check compares with.
    pub cross_scope: CrossScope,
    /// Checked in a co-builder's draft for the unit's own part (`cobuilder = true`).
    pub cobuilder: bool,
}

/// A validated programme pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    pub id: String,
    pub name: String,
    pub issuer: String,
    pub level: PackLevel,
    pub coverage: Coverage,
    /// What the programme builds, when the pack says: the class `one-per-year` compares.
    pub builds: Option<crate::model::PlatformKind>,
    pub document: Document,
    pub related_documents: Vec<Document>,
    pub effective_from: Option<NaiveDate>,
    pub effective_until: Option<NaiveDate>,
    pub effective_note: Option<String>,
    pub reference_date: Option<NaiveDate>,
    pub reference_note: Option<String>,
    pub online_deadline: Option<NaiveDate>,
    pub paper_deadline: Option<NaiveDate>,
    pub year_round: bool,
    pub dates_note: Option<String>,
    pub submission: Submission,
    pub contacts: Vec<Contact>,
    pub categories: Vec<Category>,
    pub cultivation: Option<Cultivation>,
    pub fields: Vec<Field>,
    pub naming: Option<Naming>,
    pub notes: Vec<String>,
    pub criteria: Vec<Criterion>,
    pub presentation: Presentation,
}

/// Parses and validates a pack from text; `file` names it in errors.
pub fn load_pack_str(text: &str, file: &str) -> Result<Pack, PackError> {
    let raw: RawPack = toml::from_str(text).map_err(|e| syntax_error(text, file, &e))?;
    Validator { text, file }.pack(raw)
}

/// The largest pack file read: a real pack is tens of kilobytes.
pub const MAX_PACK_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a pack file at run time (e.g. next year's notice), strictly.
pub fn load_pack_file(path: &Path) -> Result<Pack, PackError> {
    let file = path.display().to_string();
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.len() > MAX_PACK_BYTES {
            let detail = format!(
                "文件过大（{} KB），规则包不超过 {} KB：请确认选择的是规则包（.toml）文件",
                meta.len() / 1024,
                MAX_PACK_BYTES / 1024
            );
            return Err(PackError::Io { file, detail });
        }
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| PackError::Io { file: file.clone(), detail: e.to_string() })?;
    load_pack_str(&text, &file)
}

fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

fn syntax_error(text: &str, file: &str, e: &toml::de::Error) -> PackError {
    let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(0);
    let message = e.message().to_string();
    let key_in_text = e.span().and_then(|s| text.get(s)).map(|s| s.trim().to_string()).unwrap_or_default();
    let quoted = message.split('`').nth(1).map(str::to_string);
    let at = |key: String| PackLocation { file: file.to_string(), line, key };
    if message.starts_with("unknown field") {
        PackError::UnknownKey { at: at(quoted.unwrap_or(key_in_text)), detail: message }
    } else if message.starts_with("missing field") {
        PackError::MissingKey { at: at(quoted.unwrap_or(key_in_text)), detail: message }
    } else {
        PackError::Syntax { at: at(key_in_text), detail: message }
    }
}

struct Validator<'a> {
    text: &'a str,
    file: &'a str,
}

type R<T> = Result<T, PackError>;

impl Validator<'_> {
    fn at(&self, span: &Range<usize>, key: &str) -> PackLocation {
        PackLocation {
            file: self.file.to_string(),
            line: line_of(self.text, span.start),
            key: key.to_string(),
        }
    }

    fn invalid<T>(&self, span: &Range<usize>, key: &str, detail: impl Into<String>) -> R<T> {
        Err(PackError::InvalidValue { at: self.at(span, key), detail: detail.into() })
    }

    fn text_of(&self, s: &Spanned<String>, key: &str) -> R<String> {
        let v = s.get_ref().trim();
        if v.is_empty() {
            return self.invalid(&s.span(), key, "must not be empty");
        }
        Ok(v.to_string())
    }

    fn date(&self, d: &Spanned<toml::value::Datetime>, key: &str) -> R<NaiveDate> {
        let dt = d.get_ref();
        match (dt.date, dt.time, dt.offset) {
            (Some(date), None, None) => {
                NaiveDate::from_ymd_opt(i32::from(date.year), u32::from(date.month), u32::from(date.day))
                    .map_or_else(|| self.invalid(&d.span(), key, "not a calendar date"), Ok)
            }
            _ => self.invalid(&d.span(), key, "expected a plain date such as 2024-05-06"),
        }
    }

    fn opt_date(&self, d: &Option<Spanned<toml::value::Datetime>>, key: &str) -> R<Option<NaiveDate>> {
        d.as_ref().map(|d| self.date(d, key)).transpose()
    }

    fn opt_text(&self, s: &Option<Spanned<String>>, key: &str) -> R<Option<String>> {
        s.as_ref().map(|s| self.text_of(s, key)).transpose()
    }

    fn texts(&self, list: &[Spanned<String>], key: &str) -> R<Vec<String>> {
        list.iter().map(|s| self.text_of(s, key)).collect()
    }

    fn document(&self, d: &Spanned<RawDocument>, key: &str) -> R<Document> {
        let r = d.get_ref();
        Ok(Document {
            title: self.text_of(&r.title, &format!("{key}.title"))?,
            short: self.text_of(&r.short, &format!("{key}.short"))?,
            number: self.opt_text(&r.number, &format!("{key}.number"))?,
            date: self.opt_date(&r.date, &format!("{key}.date"))?,
            source: self.opt_text(&r.source, &format!("{key}.source"))?,
        })
    }

    fn citation(&self, c: &Option<Spanned<RawCitation>>, owner: &Range<usize>, key: &str) -> R<Citation> {
        let Some(c) = c else {
            return Err(PackError::MissingCitation {
                at: self.at(owner, &format!("{key}.citation")),
                detail: "every criterion needs citation = { document = \"…\", clause = \"…\" }".into(),
            });
        };
        let r = c.get_ref();
        let part = |v: &Option<Spanned<String>>, name: &str| -> R<String> {
            match v {
                Some(s) if !s.get_ref().trim().is_empty() => Ok(s.get_ref().trim().to_string()),
                _ => Err(PackError::MissingCitation {
                    at: self.at(&c.span(), &format!("{key}.citation.{name}")),
                    detail: format!("citation.{name} is missing or empty"),
                }),
            }
        };
        Ok(Citation { document: part(&r.document, "document")?, clause: part(&r.clause, "clause")? })
    }

    fn category(&self, s: &Spanned<String>, key: &str) -> R<Category> {
        match s.get_ref().as_str() {
            "comprehensive" => Ok(Category::Comprehensive),
            "field" => Ok(Category::Field),
            other => self.invalid(
                &s.span(),
                key,
                format!("unknown category `{other}`, expected comprehensive or field"),
            ),
        }
    }

    fn unit_kind(&self, s: &Spanned<String>, key: &str) -> R<UnitKind> {
        match s.get_ref().as_str() {
            "enterprise" => Ok(UnitKind::Enterprise),
            "university" => Ok(UnitKind::University),
            "research_institute" => Ok(UnitKind::ResearchInstitute),
            "other" => Ok(UnitKind::Other),
            other => self.invalid(&s.span(), key, format!("unknown unit kind `{other}`")),
        }
    }

    fn title(&self, s: &Spanned<String>, key: &str) -> R<Title> {
        match s.get_ref().as_str() {
            "none" => Ok(Title::None),
            "junior" => Ok(Title::Junior),
            "intermediate" => Ok(Title::Intermediate),
            "associate_senior" => Ok(Title::AssociateSenior),
            "full_senior" => Ok(Title::FullSenior),
            other => self.invalid(&s.span(), key, format!("unknown title `{other}`")),
        }
    }

    fn education(&self, s: &Spanned<String>, key: &str) -> R<Education> {
        match s.get_ref().as_str() {
            "other" => Ok(Education::Other),
            "college" => Ok(Education::College),
            "bachelor" => Ok(Education::Bachelor),
            "master" => Ok(Education::Master),
            "doctorate" => Ok(Education::Doctorate),
            other => self.invalid(&s.span(), key, format!("unknown education `{other}`")),
        }
    }

    fn pack(&self, raw: RawPack) -> R<Pack> {
        let id = self.text_of(&raw.id, "id")?;
        let level = match raw.level.get_ref().as_str() {
            "provincial" => PackLevel::Provincial,
            "city" => PackLevel::City,
            other => return self.invalid(&raw.level.span(), "level", format!("unknown level `{other}`")),
        };
        let coverage = match raw.coverage.as_ref().map(|c| (c.get_ref().as_str(), c.span())) {
            None | Some(("full", _)) => Coverage::Full,
            Some(("reference_only", _)) => Coverage::ReferenceOnly,
            Some((other, span)) => {
                return self.invalid(&span, "coverage", format!("unknown coverage `{other}`"));
            }
        };
        let builds = match raw.builds.as_ref() {
            None => None,
            Some(b) => match serde_json::from_value(serde_json::Value::String(b.get_ref().clone())) {
                Ok(kind) => Some(kind),
                Err(_) => {
                    return self.invalid(
                        &b.span(),
                        "builds",
                        format!(
                            "unknown platform kind `{}`, expected key_lab, tic, clinical_centre, \
                             engineering_centre, pilot_base or other",
                            b.get_ref()
                        ),
                    )
                }
            },
        };
        let eff = raw.effective.get_ref();
        let effective_from = self.opt_date(&eff.from, "effective.from")?;
        let effective_until = self.opt_date(&eff.until, "effective.until")?;
        if let (Some(f), Some(u), Some(s)) = (effective_from, effective_until, eff.until.as_ref()) {
            if u < f {
                return self.invalid(&s.span(), "effective.until", "ends before effective.from");
            }
        }
        let mut pack = Pack {
            id,
            name: self.text_of(&raw.name, "name")?,
            issuer: self.text_of(&raw.issuer, "issuer")?,
            level,
            coverage,
            builds,
            document: self.document(&raw.document, "document")?,
            related_documents: raw
                .related_documents
                .iter()
                .map(|d| self.document(d, "related_documents"))
                .collect::<R<_>>()?,
            effective_from,
            effective_until,
            effective_note: self.opt_text(&eff.note, "effective.note")?,
            reference_date: None,
            reference_note: None,
            online_deadline: None,
            paper_deadline: None,
            year_round: false,
            dates_note: None,
            submission: Submission::default(),
            contacts: Vec::new(),
            categories: Vec::new(),
            cultivation: None,
            fields: Vec::new(),
            naming: None,
            notes: self.texts(&raw.notes, "notes")?,
            criteria: Vec::new(),
            presentation: self.presentation(&raw.presentation)?,
        };
        if let Some(d) = &raw.dates {
            let d = d.get_ref();
            pack.reference_date = self.opt_date(&d.reference, "dates.reference")?;
            pack.reference_note = self.opt_text(&d.reference_note, "dates.reference_note")?;
            pack.online_deadline = self.opt_date(&d.online_deadline, "dates.online_deadline")?;
            pack.paper_deadline = self.opt_date(&d.paper_deadline, "dates.paper_deadline")?;
            pack.year_round = d.year_round.as_ref().is_some_and(|b| *b.get_ref());
            pack.dates_note = self.opt_text(&d.note, "dates.note")?;
        }
        if let Some(s) = &raw.submission {
            let s = s.get_ref();
            pack.submission = Submission {
                channel: self.opt_text(&s.channel, "submission.channel")?,
                online_system: self.opt_text(&s.online_system, "submission.online_system")?,
                recipient: self.opt_text(&s.recipient, "submission.recipient")?,
                address: self.opt_text(&s.address, "submission.address")?,
                requirements: self.texts(&s.requirements, "submission.requirements")?,
                enclosures: self.texts(&s.enclosures, "submission.enclosures")?,
                checks: self.texts(&s.checks, "submission.checks")?,
            };
        }
        for c in &raw.contacts {
            let r = c.get_ref();
            pack.contacts.push(Contact {
                purpose: self.text_of(&r.purpose, "contacts.purpose")?,
                unit: self.text_of(&r.unit, "contacts.unit")?,
                people: self.texts(&r.people, "contacts.people")?,
                phones: self.texts(&r.phones, "contacts.phones")?,
                address: self.opt_text(&r.address, "contacts.address")?,
            });
        }
        if let Some(c) = &raw.categories {
            let r = c.get_ref();
            pack.categories =
                r.allowed.iter().map(|s| self.category(s, "categories.allowed")).collect::<R<_>>()?;
            if let Some(cv) = &r.cultivation {
                let v = cv.get_ref();
                pack.cultivation = Some(Cultivation {
                    id: self.text_of(&v.id, "categories.cultivation.id")?,
                    note: self.text_of(&v.note, "categories.cultivation.note")?,
                    citation: self.citation(&v.citation, &cv.span(), "categories.cultivation")?,
                    covers: self.texts(&v.covers, "categories.cultivation.covers")?,
                });
            }
        }
        for f in &raw.fields {
            let r = f.get_ref();
            pack.fields.push(Field {
                name: self.text_of(&r.name, "fields.name")?,
                sub_areas: self.texts(&r.sub_areas, "fields.sub_areas")?,
            });
        }
        if let Some(n) = &raw.naming {
            let r = n.get_ref();
            let pattern = self.text_of(&r.pattern, "naming.pattern")?;
            if !pattern.contains(PLACEHOLDER) {
                return self.invalid(&r.pattern.span(), "naming.pattern", "pattern must contain ××");
            }
            let citation = match &r.citation {
                Some(_) => Some(self.citation(&r.citation, &n.span(), "naming")?),
                None => None,
            };
            pack.naming = Some(Naming { pattern, citation });
        }
        let mut seen = BTreeSet::new();
        for c in &raw.criteria {
            let crit = self.criterion(c, &pack)?;
            if !seen.insert(crit.id.clone()) {
                return Err(PackError::DuplicateId {
                    at: self.at(&c.get_ref().id.span(), "criteria.id"),
                    detail: format!("criterion id `{}` appears twice", crit.id),
                });
            }
            self.inputs_declared(c, &crit, &pack.presentation)?;
            pack.criteria.push(crit);
        }
        if pack.coverage == Coverage::Full && pack.criteria.is_empty() {
            return Err(PackError::MissingKey {
                at: self.at(&raw.id.span(), "criteria"),
                detail: "a pack with full coverage needs at least one criterion".into(),
            });
        }
        Ok(pack)
    }

    fn criterion(&self, c: &Spanned<RawCriterion>, pack: &Pack) -> R<Criterion> {
        let r = c.get_ref();
        let span = c.span();
        let id = self.text_of(&r.id, "criteria.id")?;
        let key = format!("criteria[{id}]");
        let kind = match r.kind.get_ref().as_str() {
            "hard" => Kind::Hard,
            "warn" => Kind::Warn,
            "attest" => Kind::Attest,
            "cross" => Kind::Cross,
            "bonus" => Kind::Bonus,
            "note" => Kind::Note,
            other => {
                return Err(PackError::UnknownKind {
                    at: self.at(&r.kind.span(), &format!("{key}.kind")),
                    detail: format!(
                        "unknown kind `{other}`, expected hard, warn, attest, cross, bonus or note"
                    ),
                });
            }
        };
        let citation = self.citation(&r.citation, &span, &key)?;
        let check = self.check(r, &key, pack)?;
        let cross_scope = self.cross_scope(r, &key, &check, &span)?;
        let compatible = match (&check, kind) {
            (Check::Note, k) => k == Kind::Note,
            (_, Kind::Note) => false,
            // A warn-kind attestation ("原则上…") is confirmed like any other; unconfirmed, it is 提示.
            (Check::Attest, k) => matches!(k, Kind::Attest | Kind::Bonus | Kind::Warn),
            (Check::HostsAgreement, k) => matches!(k, Kind::Attest | Kind::Bonus),
            (_, Kind::Attest) => false,
            (Check::Registry(_), k) => matches!(k, Kind::Cross | Kind::Warn),
            (_, Kind::Cross) => false,
            _ => true,
        };
        if !compatible {
            return self.invalid(
                &r.check.span(),
                &format!("{key}.check"),
                format!("check `{}` cannot be used with kind `{}`", r.check.get_ref(), r.kind.get_ref()),
            );
        }
        let mut applies = Applies::default();
        if let Some(a) = &r.applies {
            let a = a.get_ref();
            applies.category = a
                .category
                .iter()
                .map(|s| self.category(s, &format!("{key}.applies.category")))
                .collect::<R<_>>()?;
            applies.lead_kind = a
                .lead_kind
                .iter()
                .map(|s| self.unit_kind(s, &format!("{key}.applies.lead_kind")))
                .collect::<R<_>>()?;
        }
        let mut messages = Messages::default();
        if let Some(m) = &r.messages {
            let m = m.get_ref();
            for (v, name) in [(&m.met, "met"), (&m.unmet, "unmet")] {
                if let Some(t) = v {
                    self.template(t, &format!("{key}.messages.{name}"))?;
                }
            }
            messages.met = m.met.as_ref().map(|s| s.get_ref().clone());
            messages.unmet = m.unmet.as_ref().map(|s| s.get_ref().clone());
        }
        let shown = self.shown(r, &span, &key, kind, &check)?;
        Ok(Criterion {
            id,
            title: self.text_of(&r.title, &format!("{key}.title"))?,
            kind,
            check,
            citation,
            applies,
            exclusion: r.exclusion.as_ref().is_some_and(|b| *b.get_ref()),
            or_attested: r.or_attested.as_ref().is_some_and(|b| *b.get_ref()),
            messages,
            note: self.opt_text(&r.note, &format!("{key}.note"))?,
            shown,
            cross_scope,
            cobuilder: r.cobuilder.as_ref().is_some_and(|b| *b.get_ref()),
        })
    }

    /// `[presentation]`; a pack without one is a 中心 with no optional inputs.
    fn presentation(&self, p: &Option<Spanned<RawPresentation>>) -> R<Presentation> {
        let Some(p) = p else { return Ok(Presentation::default()) };
        let r = p.get_ref();
        let mut inputs = Vec::new();
        for i in &r.inputs {
            let name = self.text_of(i, "presentation.inputs")?;
            if !OPTIONAL_INPUTS.contains(&name.as_str()) {
                return self.invalid(
                    &i.span(),
                    "presentation.inputs",
                    format!(
                        "unknown optional input `{name}`, expected one of {}",
                        OPTIONAL_INPUTS.join(", ")
                    ),
                );
            }
            inputs.push(name);
        }
        Ok(Presentation {
            platform: self.text_of(&r.platform, "presentation.platform")?,
            name_label: self.text_of(&r.name_label, "presentation.name_label")?,
            director_label: self.text_of(&r.director_label, "presentation.director_label")?,
            inputs,
            commitment: self.opt_text(&r.commitment, "presentation.commitment")?,
        })
    }

    /// Section, fields, confirmation sentence and materials of a criterion. Rules: `section` is
    /// required except for attestations (default `attest`), bonus items (default `priority`) and
    /// notes (none); `confirm` is required exactly when the applicant can confirm the criterion
    /// (kind attest, a bonus item whose check is `attest` or that has `or_attested = true`, or a
    /// warn-kind attestation).
    fn shown(&self, r: &RawCriterion, span: &Range<usize>, key: &str, kind: Kind, check: &Check) -> R<Shown> {
        let section = match &r.section {
            Some(s) => match Section::parse(s.get_ref()) {
                Some(sec) => Some(sec),
                None => {
                    let all: Vec<&str> = Section::ALL.iter().map(|s| s.key()).collect();
                    return self.invalid(
                        &s.span(),
                        &format!("{key}.section"),
                        format!("unknown section `{}`, expected one of {}", s.get_ref(), all.join(", ")),
                    );
                }
            },
            None => match kind {
                Kind::Attest => Some(Section::Attest),
                Kind::Bonus => Some(Section::Priority),
                Kind::Note => None,
                Kind::Hard | Kind::Warn | Kind::Cross => {
                    return Err(PackError::MissingKey {
                        at: self.at(span, &format!("{key}.section")),
                        detail: "a hard, warn or cross criterion needs section = \"…\" (the wizard step \
                                 whose data decides it: basic, hosts, director, people, resources, \
                                 investment, achievements or directions)"
                            .into(),
                    });
                }
            },
        };
        let mut fields = Vec::new();
        for f in &r.fields {
            let name = self.text_of(f, &format!("{key}.fields"))?;
            if !FIELDS.contains(&name.as_str()) {
                return self.invalid(
                    &f.span(),
                    &format!("{key}.fields"),
                    format!("unknown field `{name}`, expected one of {}", FIELDS.join(", ")),
                );
            }
            fields.push(name);
        }
        let or_attested = r.or_attested.as_ref().is_some_and(|b| *b.get_ref());
        // A warn-kind attestation ("原则上…") is confirmed too; unconfirmed it is only 提示.
        let confirmable = kind == Kind::Attest
            || (kind == Kind::Bonus && (*check == Check::Attest || or_attested))
            || (kind == Kind::Warn && *check == Check::Attest);
        let confirm = match (&r.confirm, confirmable) {
            (Some(c), true) => Some(self.text_of(c, &format!("{key}.confirm"))?),
            (None, false) => None,
            (Some(c), false) => {
                return self.invalid(
                    &c.span(),
                    &format!("{key}.confirm"),
                    "confirm is only for attestations and bonus items the applicant confirms \
                     (check = \"attest\" or or_attested = true)",
                );
            }
            (None, true) => {
                return Err(PackError::MissingKey {
                    at: self.at(span, &format!("{key}.confirm")),
                    detail: "the applicant confirms this criterion: give the sentence as written in \
                             the notice, confirm = \"…\""
                        .into(),
                });
            }
        };
        let mut materials = Vec::new();
        for m in &r.materials {
            let mr = m.get_ref();
            materials.push(Material {
                title: self.text_of(&mr.title, &format!("{key}.materials.title"))?,
                required: mr.required.as_ref().is_none_or(|b| *b.get_ref()),
            });
        }
        Ok(Shown { section, fields, confirm, materials })
    }

    /// A criterion about an optional input needs the input shown: it must be in
    /// `presentation.inputs`, else the window could never satisfy it.
    fn inputs_declared(&self, c: &Spanned<RawCriterion>, crit: &Criterion, p: &Presentation) -> R<()> {
        // The optional inputs the check itself reads must be shown too.
        if let Some(f) = inputs_read_by(&crit.check).iter().find(|f| !p.uses(f)) {
            return self.invalid(
                &c.get_ref().check.span(),
                &format!("criteria[{}].check", crit.id),
                format!("the check reads `{f}`, an optional input: list it in presentation.inputs so the window shows it"),
            );
        }
        for (f, raw) in crit.shown.fields.iter().zip(&c.get_ref().fields) {
            if OPTIONAL_INPUTS.contains(&f.as_str()) && !p.uses(f) {
                return self.invalid(
                    &raw.span(),
                    &format!("criteria[{}].fields", crit.id),
                    format!(
                        "`{f}` is an optional input: list it in presentation.inputs so the window shows it"
                    ),
                );
            }
        }
        Ok(())
    }

    /// `platforms` and `peers` of a cross criterion: required where the check compares with
    /// existing platforms (or, for one-per-year, other applications), refused elsewhere.
    fn cross_scope(&self, r: &RawCriterion, key: &str, check: &Check, span: &Range<usize>) -> R<CrossScope> {
        let (wants_platforms, wants_peers) = match check {
            Check::Registry(CrossCheck::OnePerYear) => (false, true),
            Check::Registry(CrossCheck::RecommendationCount { .. }) => (false, false),
            Check::Registry(_) => (true, false),
            _ => (false, false),
        };
        let mut out = CrossScope::default();
        for (raw, name, wanted, slot) in [
            (&r.platforms, "platforms", wants_platforms, &mut out.platforms),
            (&r.peers, "peers", wants_peers, &mut out.peers),
        ] {
            match (raw, wanted) {
                (None, false) => {}
                (None, true) => {
                    return Err(PackError::MissingKey {
                        at: self.at(span, &format!("{key}.{name}")),
                        detail: format!(
                        "this check needs {name} = [{{ levels = [\"provincial\"], kinds = [\"tic\"] }}, …] \
                             (the platforms it compares with)"
                    ),
                    })
                }
                (Some(v), false) => {
                    return self.invalid(
                        &v.span(),
                        &format!("{key}.{name}"),
                        format!("check `{}` does not use `{name}`", r.check.get_ref()),
                    )
                }
                (Some(v), true) => *slot = Some(self.platform_scope(v, &format!("{key}.{name}"))?),
            }
        }
        Ok(out)
    }

    fn platform_scope(&self, v: &Spanned<Vec<RawPlatformSet>>, key: &str) -> R<PlatformScope> {
        if v.get_ref().is_empty() {
            return self.invalid(
                &v.span(),
                key,
                "an empty list compares with nothing; list at least one set",
            );
        }
        let mut scope = PlatformScope::default();
        for (i, set) in v.get_ref().iter().enumerate() {
            let mut out = PlatformSet::default();
            for l in &set.levels {
                let level = match l.get_ref().as_str() {
                    "national" => PlatformLevel::National,
                    "provincial" => PlatformLevel::Provincial,
                    "city" => PlatformLevel::City,
                    other => {
                        return self.invalid(
                            &l.span(),
                            &format!("{key}[{i}].levels"),
                            format!("unknown level `{other}`, expected national, provincial or city"),
                        )
                    }
                };
                out.levels.push(level);
            }
            for k in &set.kinds {
                match serde_json::from_value::<PlatformKind>(serde_json::Value::String(k.get_ref().clone())) {
                    Ok(kind) => out.kinds.push(kind),
                    Err(_) => {
                        return self.invalid(
                            &k.span(),
                            &format!("{key}[{i}].kinds"),
                            format!(
                                "unknown platform kind `{}`, expected key_lab, tic, clinical_centre, \
                                 engineering_centre, pilot_base or other",
                                k.get_ref()
                            ),
                        )
                    }
                }
            }
            scope.sets.push(out);
        }
        Ok(scope)
    }

    /// A message template may use only {found}, {required}, {gap} and {title}.
    fn template(&self, t: &Spanned<String>, key: &str) -> R<()> {
        let mut rest = t.get_ref().as_str();
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                return self.invalid(&t.span(), key, "unclosed { in message template");
            };
            let name = &after[..close];
            if !matches!(name, "found" | "required" | "gap" | "title") {
                return self.invalid(
                    &t.span(),
                    key,
                    format!(
                        "unknown placeholder {{{name}}}; use {{found}}, {{required}}, {{gap}} or {{title}}"
                    ),
                );
            }
            rest = &after[close + 1..];
        }
        Ok(())
    }

    /// A threshold's integer value in the unit the check needs.
    fn quantity_int(
        &self,
        q: &Option<Spanned<RawQuantity>>,
        key: &str,
        unit: &str,
        owner: &Range<usize>,
    ) -> R<i64> {
        let Some(q) = q else {
            return Err(PackError::MissingKey {
                at: self.at(owner, key),
                detail: format!("this check needs {key} = {{ value = …, unit = \"{unit}\" }}"),
            });
        };
        let r = q.get_ref();
        self.expect_unit(&r.unit, key, unit, &q.span())?;
        let Some(v) = &r.value else {
            return Err(PackError::MissingKey {
                at: self.at(&q.span(), &format!("{key}.value")),
                detail: "value is missing".into(),
            });
        };
        self.int_value(v, &format!("{key}.value"))
    }

    fn int_value(&self, v: &Spanned<toml::Value>, key: &str) -> R<i64> {
        match v.get_ref() {
            toml::Value::Integer(i) if *i >= 0 => Ok(*i),
            _ => self.invalid(&v.span(), key, "expected a non-negative integer"),
        }
    }

    fn expect_unit(
        &self,
        unit: &Option<Spanned<String>>,
        key: &str,
        want: &str,
        owner: &Range<usize>,
    ) -> R<()> {
        match unit {
            None => Err(PackError::BadUnit {
                at: self.at(owner, &format!("{key}.unit")),
                detail: format!("threshold without unit; this check needs unit = \"{want}\""),
            }),
            Some(u) if u.get_ref() != want => Err(PackError::BadUnit {
                at: self.at(&u.span(), &format!("{key}.unit")),
                detail: format!("unit `{}` does not fit this check, which needs `{want}`", u.get_ref()),
            }),
            Some(_) => Ok(()),
        }
    }

    fn check(&self, r: &RawCriterion, key: &str, pack: &Pack) -> R<Check> {
        let name = r.check.get_ref().as_str();
        let span = r.check.span();
        let th = format!("{key}.threshold");
        let params = Params::of(r);
        let allowed: &[&str] = match name {
            "fixed_staff_min"
            | "other_hosts_staff_min"
            | "director_age_max"
            | "hosts_count_max"
            | "lead_share_min"
            | "instruments_min" => &["threshold"],
            "hosts_count_min" => &["threshold", "core_members_only"],
            "area_min" => &["threshold", "exclude_usages", "headquarters_only"],
            "rd_investment_min" => &["threshold", "years"],
            "team_quality_min" => &["threshold", "education_min", "title_min"],
            "director_title" => &["titles"],
            "registered_in_region" => &["region", "scope", "require_legal_person", "unit_kinds"],
            "lead_own_ip" => &["require_applied"],
            "directions_range" => &["range"],
            "name_no_enterprise" => &["strip_suffixes"],
            "recommendation_letter" => &["threshold"],
            "any_host_flag" => &["flag", "scope"],
            "host_kinds_present" => &["unit_kinds"],
            "registry_no_concurrent" => &["cooling_off"],
            "attest"
            | "note"
            | "hosts_agreement"
            | "director_record"
            | "director_employer"
            | "director_honours"
            | "staff_employer"
            | "hosts_legal_entity"
            | "lead_led_tasks"
            | "enterprise_lead"
            | "non_enterprise_lead"
            | "safety_self_check"
            | "name_characters"
            | "name_pattern"
            | "field_membership"
            | "field_in_list"
            | "registry_one_per_year"
            | "registry_not_already_built"
            | "registry_no_double_resources"
            | "registry_staff_exclusive"
            | "registry_name_unique" => &[],
            other => {
                return Err(PackError::UnknownCheck {
                    at: self.at(&span, &format!("{key}.check")),
                    detail: format!("the engine has no computation named `{other}`"),
                });
            }
        };
        for (p, present) in params.0 {
            if present && !allowed.contains(&p) {
                return self.invalid(
                    &span,
                    &format!("{key}.{p}"),
                    format!("check `{name}` does not use `{p}`"),
                );
            }
        }
        let check = match name {
            "attest" => Check::Attest,
            "note" => Check::Note,
            "hosts_agreement" => Check::HostsAgreement,
            "fixed_staff_min" => {
                Check::FixedStaffMin { min: self.quantity_int(&r.threshold, &th, "人", &span)? }
            }
            "other_hosts_staff_min" => {
                Check::OtherHostsStaffMin { min: self.quantity_int(&r.threshold, &th, "人", &span)? }
            }
            "director_age_max" => {
                Check::DirectorAgeMax { max_years: self.quantity_int(&r.threshold, &th, "周岁", &span)? }
            }
            "hosts_count_max" => {
                Check::HostsCountMax { max: self.quantity_int(&r.threshold, &th, "家", &span)? }
            }
            "hosts_count_min" => Check::HostsCountMin {
                min: self.quantity_int(&r.threshold, &th, "家", &span)?,
                core_only: r.core_members_only.as_ref().is_some_and(|b| *b.get_ref()),
            },
            "lead_share_min" => {
                let p = self.quantity_int(&r.threshold, &th, "%", &span)?;
                if p > 100 {
                    return self.invalid(&span, &th, "a percentage above 100");
                }
                Check::LeadShareMin { min_percent: p }
            }
            "team_quality_min" => {
                let p = self.quantity_int(&r.threshold, &th, "%", &span)?;
                if p > 100 {
                    return self.invalid(&span, &th, "a percentage above 100");
                }
                Check::TeamQualityMin {
                    min_percent: p,
                    education_min: self
                        .education(self.need_text(&r.education_min, key, "education_min", &span)?, key)?,
                    title_min: self.title(self.need_text(&r.title_min, key, "title_min", &span)?, key)?,
                }
            }
            "area_min" => {
                let q = self.need_threshold(&r.threshold, &th, &span)?;
                let rq = q.get_ref();
                self.expect_unit(&rq.unit, &th, "平方米", &q.span())?;
                let v = self.need_value(&rq.value, &th, &q.span())?;
                let text = match v.get_ref() {
                    toml::Value::String(s) => s.clone(),
                    toml::Value::Integer(i) => i.to_string(),
                    _ => {
                        return self.invalid(
                            &v.span(),
                            &format!("{th}.value"),
                            "area as a decimal string, e.g. \"2000\"",
                        )
                    }
                };
                let area: AreaM2 = text.parse().or_else(|_| {
                    self.invalid(
                        &v.span(),
                        &format!("{th}.value"),
                        "not an exact area with at most two decimals",
                    )
                })?;
                Check::AreaMin {
                    min: area,
                    exclude_usages: self.texts(&r.exclude_usages, &format!("{key}.exclude_usages"))?,
                    headquarters_only: r
                        .headquarters_only
                        .iter()
                        .map(|c| self.category(c, &format!("{key}.headquarters_only")))
                        .collect::<R<_>>()?,
                }
            }
            "instruments_min" => {
                Check::InstrumentsMin { min: Yuan(self.quantity_int(&r.threshold, &th, "元", &span)?) }
            }
            "rd_investment_min" => {
                let min = Yuan(self.quantity_int(&r.threshold, &th, "元", &span)?);
                let years = self.quantity_int(&r.years, &format!("{key}.years"), "年", &span)?;
                if !(1..=50).contains(&years) {
                    return self.invalid(&span, &format!("{key}.years"), "years must be between 1 and 50");
                }
                Check::RdInvestmentMin { min, years: years as i32 }
            }
            "director_title" => {
                if r.titles.is_empty() {
                    return Err(PackError::MissingKey {
                        at: self.at(&span, &format!("{key}.titles")),
                        detail: "director_title needs titles = [..]".into(),
                    });
                }
                Check::DirectorTitle {
                    titles: r
                        .titles
                        .iter()
                        .map(|t| self.title(t, &format!("{key}.titles")))
                        .collect::<R<_>>()?,
                }
            }
            "director_record" => Check::DirectorRecord,
            "director_employer" => Check::DirectorEmployer,
            "director_honours" => Check::DirectorHonours,
            "staff_employer" => Check::StaffEmployer,
            "hosts_legal_entity" => Check::HostsLegalEntity,
            "registered_in_region" => {
                let Some(reg) = &r.region else {
                    return Err(PackError::MissingKey {
                        at: self.at(&span, &format!("{key}.region")),
                        detail: "registered_in_region needs region = { code_prefix, name }".into(),
                    });
                };
                let g = reg.get_ref();
                let prefix = self.text_of(&g.code_prefix, &format!("{key}.region.code_prefix"))?;
                if prefix.len() > 6 || !prefix.bytes().all(|b| b.is_ascii_digit()) {
                    return self.invalid(
                        &g.code_prefix.span(),
                        &format!("{key}.region.code_prefix"),
                        "1 to 6 digits of the administrative division code",
                    );
                }
                Check::Registered {
                    region: Region {
                        code_prefix: prefix,
                        name: self.text_of(&g.name, &format!("{key}.region.name"))?,
                    },
                    scope: self.scope(&r.scope, key)?,
                    require_legal_person: r.require_legal_person.as_ref().is_some_and(|b| *b.get_ref()),
                    unit_kinds: r
                        .unit_kinds
                        .iter()
                        .map(|u| self.unit_kind(u, &format!("{key}.unit_kinds")))
                        .collect::<R<_>>()?,
                }
            }
            "lead_led_tasks" => Check::LeadLedTasks,
            "lead_own_ip" => {
                Check::LeadOwnIp { require_applied: r.require_applied.as_ref().is_some_and(|b| *b.get_ref()) }
            }
            "enterprise_lead" => Check::EnterpriseLead,
            "non_enterprise_lead" => Check::NonEnterpriseLead,
            "safety_self_check" => Check::SafetySelfCheck,
            "directions_range" => {
                let Some(rg) = &r.range else {
                    return Err(PackError::MissingKey {
                        at: self.at(&span, &format!("{key}.range")),
                        detail: "directions_range needs range = { min, max, unit = \"个\" }".into(),
                    });
                };
                let g = rg.get_ref();
                let rk = format!("{key}.range");
                self.expect_unit(&g.unit, &rk, "个", &rg.span())?;
                let min = self.int_value(
                    self.need_value(&g.min, &format!("{rk}.min"), &rg.span())?,
                    &format!("{rk}.min"),
                )?;
                let max = self.int_value(
                    self.need_value(&g.max, &format!("{rk}.max"), &rg.span())?,
                    &format!("{rk}.max"),
                )?;
                if max < min {
                    return self.invalid(&rg.span(), &rk, "max is below min");
                }
                Check::DirectionsRange { min, max }
            }
            "host_kinds_present" => {
                if r.unit_kinds.is_empty() {
                    return Err(PackError::MissingKey {
                        at: self.at(&span, &format!("{key}.unit_kinds")),
                        detail: "host_kinds_present needs unit_kinds".into(),
                    });
                }
                Check::HostKindsPresent {
                    kinds: r
                        .unit_kinds
                        .iter()
                        .map(|u| self.unit_kind(u, &format!("{key}.unit_kinds")))
                        .collect::<R<_>>()?,
                }
            }
            "name_characters" => Check::NameCharacters,
            "name_no_enterprise" => Check::NameNoEnterprise {
                strip_suffixes: self.texts(&r.strip_suffixes, &format!("{key}.strip_suffixes"))?,
            },
            "name_pattern" => {
                if pack.naming.is_none() {
                    return Err(PackError::MissingKey {
                        at: self.at(&span, "naming.pattern"),
                        detail: "name_pattern needs a [naming] pattern in the pack".into(),
                    });
                }
                Check::NamePattern
            }
            "field_membership" | "field_in_list" => {
                if pack.fields.is_empty() {
                    return Err(PackError::MissingKey {
                        at: self.at(&span, "fields"),
                        detail: format!("{name} needs [[fields]] in the pack"),
                    });
                }
                if name == "field_membership" {
                    Check::FieldMembership
                } else {
                    Check::FieldInList
                }
            }
            "recommendation_letter" => {
                let v = self.quantity_int(&r.threshold, &th, "个", &span)?;
                Check::RecommendationLetter {
                    max_per_city: u32::try_from(v).or_else(|_| self.invalid(&span, &th, "too large"))?,
                }
            }
            "any_host_flag" => {
                let Some(f) = &r.flag else {
                    return Err(PackError::MissingKey {
                        at: self.at(&span, &format!("{key}.flag")),
                        detail: "any_host_flag needs flag".into(),
                    });
                };
                let flag = match f.get_ref().as_str() {
                    "chain_leader" => HostFlag::ChainLeader,
                    "city_key_lab" => HostFlag::CityKeyLab,
                    "out_of_province_with_national_platform" => HostFlag::OutOfProvinceWithNationalPlatform,
                    "jingjinji_xiongan" => HostFlag::JingjinjiXiongan,
                    "provincial_or_national_tech_centre" => HostFlag::ProvincialOrNationalTechCentre,
                    "high_tech_enterprise" => HostFlag::HighTechEnterprise,
                    other => {
                        return self.invalid(
                            &f.span(),
                            &format!("{key}.flag"),
                            format!("unknown host flag `{other}`"),
                        )
                    }
                };
                let scope = if r.scope.is_some() { self.scope(&r.scope, key)? } else { Scope::All };
                Check::AnyHostFlag { flag, scope }
            }
            "registry_one_per_year" => Check::Registry(CrossCheck::OnePerYear),
            "registry_not_already_built" => Check::Registry(CrossCheck::NotAlreadyBuilt),
            "registry_no_double_resources" => Check::Registry(CrossCheck::NoDoubleResources),
            "registry_staff_exclusive" => Check::Registry(CrossCheck::StaffExclusive),
            "registry_name_unique" => Check::Registry(CrossCheck::NameUnique),
            "registry_no_concurrent" => {
                let y = self.quantity_int(&r.cooling_off, &format!("{key}.cooling_off"), "年", &span)?;
                Check::Registry(CrossCheck::NoConcurrent {
                    cooling_off_years: u32::try_from(y).or_else(|_| self.invalid(&span, key, "too large"))?,
                })
            }
            other => {
                return Err(PackError::UnknownCheck {
                    at: self.at(&span, &format!("{key}.check")),
                    detail: format!("the engine has no computation named `{other}`"),
                });
            }
        };
        Ok(check)
    }

    fn need_text<'t>(
        &self,
        v: &'t Option<Spanned<String>>,
        key: &str,
        name: &str,
        owner: &Range<usize>,
    ) -> R<&'t Spanned<String>> {
        v.as_ref().ok_or_else(|| PackError::MissingKey {
            at: self.at(owner, &format!("{key}.{name}")),
            detail: format!("this check needs {name}"),
        })
    }

    fn need_threshold<'q>(
        &self,
        q: &'q Option<Spanned<RawQuantity>>,
        key: &str,
        owner: &Range<usize>,
    ) -> R<&'q Spanned<RawQuantity>> {
        q.as_ref().ok_or_else(|| PackError::MissingKey {
            at: self.at(owner, key),
            detail: "this check needs a threshold".into(),
        })
    }

    fn need_value<'v>(
        &self,
        v: &'v Option<Spanned<toml::Value>>,
        key: &str,
        owner: &Range<usize>,
    ) -> R<&'v Spanned<toml::Value>> {
        v.as_ref().ok_or_else(|| PackError::MissingKey {
            at: self.at(owner, &format!("{key}.value")),
            detail: "value is missing".into(),
        })
    }

    fn scope(&self, s: &Option<Spanned<String>>, key: &str) -> R<Scope> {
        match s {
            None => Ok(Scope::Lead),
            Some(v) => match v.get_ref().as_str() {
                "lead" => Ok(Scope::Lead),
                "all" => Ok(Scope::All),
                other => self.invalid(
                    &v.span(),
                    &format!("{key}.scope"),
                    format!("unknown scope `{other}`, expected lead or all"),
                ),
            },
        }
    }
}

/// Which optional parameters a raw criterion sets, to refuse those its check does not use.
struct Params(Vec<(&'static str, bool)>);

impl Params {
    fn of(r: &RawCriterion) -> Self {
        Params(vec![
            ("threshold", r.threshold.is_some()),
            ("range", r.range.is_some()),
            ("region", r.region.is_some()),
            ("scope", r.scope.is_some()),
            ("require_legal_person", r.require_legal_person.is_some()),
            ("unit_kinds", !r.unit_kinds.is_empty()),
            ("titles", !r.titles.is_empty()),
            ("education_min", r.education_min.is_some()),
            ("title_min", r.title_min.is_some()),
            ("years", r.years.is_some()),
            ("require_applied", r.require_applied.is_some()),
            ("flag", r.flag.is_some()),
            ("strip_suffixes", !r.strip_suffixes.is_empty()),
            ("cooling_off", r.cooling_off.is_some()),
            ("core_members_only", r.core_members_only.is_some()),
            ("exclude_usages", !r.exclude_usages.is_empty()),
            ("headquarters_only", !r.headquarters_only.is_empty()),
        ])
    }
}

/// The placeholder in a naming pattern.
pub const PLACEHOLDER: &str = "××";

/// The optional inputs (see `presentation::OPTIONAL_INPUTS`) a check reads, whatever its
/// `fields` say: the window shows them only where the pack lists them in `presentation.inputs`.
pub fn inputs_read_by(check: &Check) -> &'static [&'static str] {
    match check {
        Check::Registered { .. } => &["hosts[].registered_region"],
        Check::HostsCountMin { core_only: true, .. } => &["hosts[].core_member"],
        Check::AreaMin { headquarters_only, .. } if !headquarters_only.is_empty() => {
            &["sites[].headquarters"]
        }
        _ => &[],
    }
}
