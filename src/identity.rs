//! Identity keys: what makes two records "the same" person, unit, instrument, site or achievement.
//! Pure functions of the record text; no storage and no judgement of conflicts here. It sits below
//! the store (which keeps the keys beside each row) and `duplicates` (which judges them).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{
    Achievement, AchievementKind, ExistingPlatform, IdDocument, IdKind, Instrument, MemberRole, Person, Role,
    Site,
};
use crate::validate::{normalize_code, parse_resident_id};

/// The kind of resource an identity key names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    Person,
    Instrument,
    Site,
    Achievement,
}

impl Resource {
    /// The text stored in `identity_keys.resource`.
    pub fn as_str(self) -> &'static str {
        match self {
            Resource::Person => "person",
            Resource::Instrument => "instrument",
            Resource::Site => "site",
            Resource::Achievement => "achievement",
        }
    }

    pub fn parse(s: &str) -> Option<Resource> {
        match s {
            "person" => Some(Resource::Person),
            "instrument" => Some(Resource::Instrument),
            "site" => Some(Resource::Site),
            "achievement" => Some(Resource::Achievement),
            _ => None,
        }
    }
}

/// The identity of one record, as stored beside it in `identity_keys`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFacts {
    pub resource: Resource,
    /// Equal keys mean the same thing (an error when claimed twice).
    pub key: String,
    /// Equal hints with different keys mean "possibly the same" (a warning).
    pub hint: Option<String>,
    /// Person name, instrument name, site address or achievement title, as entered.
    pub label: String,
    /// Display number: masked ID document, asset number, room, identifier.
    pub number: String,
    /// People: `director`, `deputy_director`, `fixed` or `visiting` (registry members: `director`
    /// or `fixed`).
    pub role: Option<String>,
    /// Registry members: the date the person left the platform.
    pub left_on: Option<NaiveDate>,
    /// Sites: area in hundredths of a square metre.
    pub area: Option<i64>,
    /// Owner unit (USCC, normalised) of instruments, sites and achievements.
    pub owner_uscc: String,
    /// People of applications: the commitment in 1/1200 of a year (`Person::commitment`: 1200
    /// full time); `None` for a part-time share not stated and for registry members.
    pub share: Option<u32>,
}

// ---- text normalisation -------------------------------------------------------------------

/// Punctuation dropped from addresses, rooms, model and asset numbers, certificate numbers:
/// ASCII punctuation and the common CJK marks.
fn is_common_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '，' | '。'
                | '、'
                | '；'
                | '：'
                | '？'
                | '！'
                | '（'
                | '）'
                | '【'
                | '】'
                | '〔'
                | '〕'
                | '［'
                | '］'
                | '《'
                | '》'
                | '〈'
                | '〉'
                | '「'
                | '」'
                | '『'
                | '』'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '·'
                | '・'
                | '—'
                | '–'
                | '－'
                | '…'
                | '～'
        )
}

/// Half-width, no whitespace (nor zero-width characters), ASCII upper case, common punctuation
/// removed. The generic form of free-text identifiers.
pub fn normalize_text(s: &str) -> String {
    normalize_code(s).chars().filter(|&c| !is_common_punctuation(c)).collect()
}

/// A person's name for comparison: half-width, no whitespace or middle dots, upper case.
pub fn normalize_name(s: &str) -> String {
    normalize_text(s)
}

/// Unified social credit code in identity form (half-width, no spaces, upper case).
pub fn unit_key(uscc: &str) -> String {
    normalize_code(uscc)
}

fn id_kind_text(kind: IdKind) -> &'static str {
    match kind {
        IdKind::ResidentId => "resident_id",
        IdKind::Passport => "passport",
        IdKind::HkMacaoPermit => "hk_macao_permit",
        IdKind::TaiwanPermit => "taiwan_permit",
        IdKind::ForeignPermanentResident => "foreign_permanent_resident",
        IdKind::Other => "other",
    }
}

/// The number of an ID document in identity form. Resident IDs go through the validator's
/// normalisation (full-width, spaces, x → X); other documents are normalised as codes with
/// hyphens and brackets removed.
pub fn normalize_document_number(doc: &IdDocument) -> String {
    match doc.kind {
        // What the validator reads: the same whether or not the number is valid.
        IdKind::ResidentId => normalize_code(&doc.number),
        _ => normalize_text(&doc.number),
    }
}

/// The birth date a valid resident ID carries.
fn birth_in(doc: &IdDocument) -> Option<NaiveDate> {
    match doc.kind {
        IdKind::ResidentId => parse_resident_id(&doc.number).ok().map(|id| id.birth_date),
        _ => None,
    }
}

fn key_of(kind: IdKind, number: &str) -> String {
    format!("{}:{number}", id_kind_text(kind))
}

fn masked_of(kind: IdKind, number: &str) -> String {
    format!("{} {}", document_label(kind), mask_number(number))
}

/// The identity key of an ID document: kind and normalised number, e.g. `resident_id:1401…`.
pub fn document_key(doc: &IdDocument) -> String {
    key_of(doc.kind, &normalize_document_number(doc))
}

/// The Chinese name of a document kind, as used in messages ("身份证号 …1234").
pub fn document_label(kind: IdKind) -> &'static str {
    match kind {
        IdKind::ResidentId => "身份证号",
        IdKind::Passport => "护照号",
        IdKind::HkMacaoPermit => "港澳居民证件号",
        IdKind::TaiwanPermit => "台湾居民证件号",
        IdKind::ForeignPermanentResident => "永久居留身份证号",
        IdKind::Other => "证件号",
    }
}

/// The last four characters of a number after "…"; shorter numbers show only their last half.
pub fn mask_number(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    let shown = if chars.len() >= 8 { 4 } else { chars.len() / 2 };
    let tail: String = chars.iter().skip(chars.len().saturating_sub(shown)).collect();
    format!("…{tail}")
}

/// "身份证号 …1234": the masked form used in every message and stored display column.
pub fn masked_document(doc: &IdDocument) -> String {
    masked_of(doc.kind, &normalize_document_number(doc))
}

/// Normalised patent application number: the 12 digits of a post-2003 number (or the 8 digits
/// of an older one) without the "ZL"/"CN" prefix and without the check digit after the dot.
/// `ZL201910123456.7`, `201910123456.7`, `CN201910123456`, `ZL 2019 1 0123456.7` → `201910123456`.
pub fn patent_number(s: &str) -> Option<String> {
    let text = normalize_code(s);
    let text = text.strip_prefix("ZL").or_else(|| text.strip_prefix("CN")).unwrap_or(&text);
    let (main, check) = match text.split_once('.') {
        Some((m, c)) => (m, Some(c)),
        None => (text, None),
    };
    if let Some(c) = check {
        let ok = c.len() == 1 && c.chars().all(|ch| ch.is_ascii_digit() || ch == 'X');
        if !ok {
            return None;
        }
    }
    if !main.chars().all(|c| c.is_ascii_digit() || c == 'X') {
        return None;
    }
    let digits_only = main.chars().all(|c| c.is_ascii_digit());
    let base = match (main.len(), check.is_some()) {
        (12, _) | (8, _) if digits_only => main,
        // The check digit written without its dot.
        (13, false) | (9, false) => main.get(..main.len() - 1)?,
        _ => return None,
    };
    base.chars().all(|c| c.is_ascii_digit()).then(|| base.to_string())
}

/// The identity key of an achievement identifier, or `None` when nothing identifies it.
/// Patents by application number; awards, standards, software and others by their normalised
/// certificate or standard number within their kind.
pub fn achievement_key(kind: AchievementKind, identifier: &str) -> Option<String> {
    let is_patent = matches!(
        kind,
        AchievementKind::InventionPatent | AchievementKind::UtilityPatent | AchievementKind::DesignPatent
    );
    if is_patent || kind == AchievementKind::Other {
        if let Some(n) = patent_number(identifier) {
            return Some(format!("patent:{n}"));
        }
    }
    let norm = normalize_text(identifier);
    if norm.is_empty() {
        return None;
    }
    let family = match kind {
        AchievementKind::InventionPatent | AchievementKind::UtilityPatent | AchievementKind::DesignPatent => {
            "patent"
        }
        AchievementKind::Software => "software",
        AchievementKind::Standard => "standard",
        AchievementKind::Award => "award",
        AchievementKind::Paper => "paper",
        AchievementKind::Other => "other",
    };
    Some(format!("{family}:{norm}"))
}

/// The identity key of an instrument: owner and asset number, else model and serial number.
pub fn instrument_key(i: &Instrument) -> Option<String> {
    let asset = normalize_text(&i.asset_number);
    if !asset.is_empty() {
        return Some(format!("asset:{}:{asset}", unit_key(&i.owner_uscc)));
    }
    let (model, serial) = (normalize_text(&i.model), normalize_text(&i.serial_number));
    if !model.is_empty() && !serial.is_empty() {
        return Some(format!("serial:{model}:{serial}"));
    }
    None
}

/// The "possibly the same instrument" hint: owner and model.
pub fn instrument_hint(i: &Instrument) -> Option<String> {
    let model = normalize_text(&i.model);
    (!model.is_empty()).then(|| format!("{}:{model}", unit_key(&i.owner_uscc)))
}

/// The identity key of a site: normalised address and building/room.
pub fn site_key(address: &str, building_room: &str) -> Option<String> {
    let address = normalize_text(address);
    (!address.is_empty()).then(|| format!("{address}#{}", normalize_text(building_room)))
}

/// The "possibly the same person" hint: normalised name and birth date.
pub fn person_hint(name: &str, birth: Option<NaiveDate>) -> Option<String> {
    let name = normalize_name(name);
    match birth {
        Some(b) if !name.is_empty() => Some(format!("{name}|{b}")),
        _ => None,
    }
}

fn role_text(role: Role) -> &'static str {
    match role {
        Role::Director => "director",
        Role::DeputyDirector => "deputy_director",
        Role::Fixed => "fixed",
        Role::Visiting => "visiting",
    }
}

fn blank(resource: Resource, key: String, label: &str, number: String) -> KeyFacts {
    KeyFacts {
        resource,
        key,
        hint: None,
        label: label.to_string(),
        number,
        role: None,
        left_on: None,
        area: None,
        owner_uscc: String::new(),
        share: None,
    }
}

// ---- keys of application records ----------------------------------------------------------

/// A person's identity key alone (the key of [`person_keys`]); `None` without a document number.
pub fn person_key(p: &Person) -> Option<String> {
    let number = normalize_document_number(&p.id_doc);
    (!number.is_empty()).then(|| key_of(p.id_doc.kind, &number))
}

pub fn person_keys(p: &Person) -> Option<KeyFacts> {
    let number = normalize_document_number(&p.id_doc);
    if number.is_empty() {
        return None;
    }
    let kind = p.id_doc.kind;
    let mut k = blank(Resource::Person, key_of(kind, &number), &p.name, masked_of(kind, &number));
    // The birth date as entered, else the one a valid resident ID carries.
    k.hint = person_hint(&p.name, p.birth_date.or_else(|| birth_in(&p.id_doc)));
    k.role = Some(role_text(p.role).to_string());
    k.share = p.commitment();
    Some(k)
}

pub fn instrument_keys(i: &Instrument) -> Option<KeyFacts> {
    let key = instrument_key(i)?;
    let number = if i.asset_number.trim().is_empty() {
        format!("型号 {} 出厂编号 {}", i.model.trim(), i.serial_number.trim())
    } else {
        format!("资产编号 {}", i.asset_number.trim())
    };
    let mut k = blank(Resource::Instrument, key, &i.name, number);
    k.hint = instrument_hint(i);
    k.owner_uscc = unit_key(&i.owner_uscc);
    Some(k)
}

pub fn site_keys(s: &Site) -> Option<KeyFacts> {
    let key = site_key(&s.address, &s.building_room)?;
    let label = format!("{} {}", s.address.trim(), s.building_room.trim()).trim().to_string();
    let mut k = blank(Resource::Site, key, &label, String::new());
    k.area = Some(s.area.0);
    k.owner_uscc = unit_key(&s.owner_uscc);
    Some(k)
}

pub fn achievement_keys(a: &Achievement) -> Option<KeyFacts> {
    let key = achievement_key(a.kind, &a.identifier)?;
    let mut k = blank(Resource::Achievement, key, &a.title, a.identifier.trim().to_string());
    k.owner_uscc = unit_key(&a.owner_uscc);
    Some(k)
}

/// Keys of everything an existing platform holds: members, instruments, sites.
pub fn platform_keys(p: &ExistingPlatform) -> Vec<KeyFacts> {
    let mut out = Vec::new();
    for m in &p.members {
        let number = normalize_document_number(&m.id_doc);
        if number.is_empty() {
            continue;
        }
        let kind = m.id_doc.kind;
        let mut k = blank(Resource::Person, key_of(kind, &number), &m.name, masked_of(kind, &number));
        k.hint = person_hint(&m.name, birth_in(&m.id_doc));
        k.role = Some(
            match m.role {
                MemberRole::Director => "director",
                MemberRole::Fixed => "fixed",
            }
            .to_string(),
        );
        k.left_on = m.left;
        out.push(k);
    }
    out.extend(p.instruments.iter().filter_map(instrument_keys));
    out.extend(p.sites.iter().filter_map(site_keys));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patents() {
        for s in [
            "ZL201910123456.7",
            "201910123456.7",
            "CN201910123456",
            "ZL 2019 1 0123456.7",
            "zl２０１９１０１２３４５６．７",
            "2019101234567",
        ] {
            assert_eq!(patent_number(s).as_deref(), Some("201910123456"), "{s}");
        }
        assert_eq!(patent_number("ZL98123456.7").as_deref(), Some("98123456"));
        for s in ["", "ZL", "2019101234", "ZL201910123456.77", "专利", "CN110123456A"] {
            assert_eq!(patent_number(s), None, "{s}");
        }
    }

    #[test]
    fn masks() {
        assert_eq!(mask_number("140107197203152673"), "…2673");
        assert_eq!(mask_number("E123"), "…23");
        assert_eq!(mask_number(""), "…");
    }

    #[test]
    fn sites_and_text() {
        assert_eq!(site_key("太原市 学府街１２号", "Ａ座-301室"), site_key("太原市学府街12号", "a座301室"));
        assert_eq!(site_key("  ", "1"), None);
        assert_eq!(normalize_text("（ＧＢ／Ｔ　１２３４－２０２０）"), "GBT12342020");
    }
}
