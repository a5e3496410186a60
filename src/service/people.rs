//! Two documents of one person (关联证件): parse, link, unlink, list, and link the two people of
//! a conflict as the window names them.

use super::ServiceError;
use crate::duplicates::{self, Owner, Side};
use crate::model::{IdDocument, IdKind, RowId};
use crate::store::Store;

/// Document kinds as typed on the command line, English and Chinese.
const DOCUMENT_KINDS: &[(&str, IdKind)] = &[
    ("resident_id", IdKind::ResidentId),
    ("身份证", IdKind::ResidentId),
    ("passport", IdKind::Passport),
    ("护照", IdKind::Passport),
    ("hk_macao_permit", IdKind::HkMacaoPermit),
    ("港澳通行证", IdKind::HkMacaoPermit),
    ("taiwan_permit", IdKind::TaiwanPermit),
    ("台湾通行证", IdKind::TaiwanPermit),
    ("foreign_permanent_resident", IdKind::ForeignPermanentResident),
    ("永居证", IdKind::ForeignPermanentResident),
    ("other", IdKind::Other),
    ("其他", IdKind::Other),
];

/// Reads "KIND:NUMBER" (e.g. `resident_id:140105…`, `护照:E12345678`) into a checked document.
pub fn parse_document(text: &str) -> Result<IdDocument, ServiceError> {
    let bad = |reason: &str| ServiceError::BadDocument { text: text.to_string(), reason: reason.to_string() };
    let t = text.trim().replace('：', ":");
    let Some((kind, number)) = t.split_once(':') else {
        return Err(bad("应写成“证件类型:号码”，如 resident_id:140105198001010011 或 passport:E12345678"));
    };
    let kind = DOCUMENT_KINDS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(kind.trim()))
        .map(|(_, k)| *k)
        .ok_or_else(|| bad("证件类型应为 resident_id（身份证）、passport（护照）、hk_macao_permit、taiwan_permit、foreign_permanent_resident 或 other"))?;
    checked_document(IdDocument { kind, number: number.trim().to_string() })
        .map_err(|reason| ServiceError::BadDocument { text: text.to_string(), reason })
}

fn checked_document(doc: IdDocument) -> Result<IdDocument, String> {
    if doc.number.trim().is_empty() {
        return Err("证件号码未填写".into());
    }
    if doc.kind == IdKind::ResidentId {
        crate::validate::parse_resident_id(&doc.number).map_err(|e| e.to_string())?;
    }
    Ok(doc)
}

/// Records that two documents belong to one person: duplicate detection then treats them as
/// one person in every application and the registry. Returns the sentence to show.
pub fn link_documents(store: &mut Store, a: &IdDocument, b: &IdDocument) -> Result<String, ServiceError> {
    let (a, b) = (checked_document(a.clone()), checked_document(b.clone()));
    let (a, b) = match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(reason), _) | (_, Err(reason)) => {
            return Err(ServiceError::BadDocument { text: "关联的证件".into(), reason })
        }
    };
    if duplicates::identity::document_key(&a) == duplicates::identity::document_key(&b) {
        return Err(ServiceError::SameDocument);
    }
    let (ma, mb) = (duplicates::identity::masked_document(&a), duplicates::identity::masked_document(&b));
    Ok(if store.link_documents(&a, &b)? {
        format!("已将{ma}与{mb}关联为同一人；冲突核对会把两份证件视为同一人")
    } else {
        format!("{ma}与{mb}此前已关联为同一人")
    })
}

/// Every link, each document masked ("身份证号 …1234"), in stored order.
pub fn document_links(store: &Store) -> Result<Vec<(String, String)>, ServiceError> {
    let show = |key: &str| match parse_document(key) {
        Ok(d) => duplicates::identity::masked_document(&d),
        Err(_) => duplicates::identity::mask_number(key),
    };
    Ok(store.document_links()?.iter().map(|(a, b)| (show(a), show(b))).collect())
}

/// Undoes [`link_documents`]. Returns the sentence to show.
pub fn unlink_documents(store: &mut Store, a: &IdDocument, b: &IdDocument) -> Result<String, ServiceError> {
    let (ma, mb) = (duplicates::identity::masked_document(a), duplicates::identity::masked_document(b));
    Ok(if store.unlink_documents(a, b)? {
        format!("已取消{ma}与{mb}的关联")
    } else {
        format!("{ma}与{mb}没有关联，无需取消")
    })
}

/// One person of a conflict, as the window names it: a roster row of a saved application, or
/// a member of a registry platform (name and masked document, as the conflict shows them).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct PersonRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub application_id: Option<RowId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub row_id: Option<RowId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub platform_id: Option<RowId>,
    pub name: String,
    /// The masked document ("身份证号 …1234").
    pub number: String,
}

impl PersonRef {
    /// The person on one side of a conflict, when that side is a person.
    pub fn of(side: &Side) -> Option<PersonRef> {
        let r = side.record.as_ref().filter(|r| r.resource == duplicates::Resource::Person)?;
        let (application_id, platform_id) = match &side.owner {
            Owner::Application { id, .. } => (*id, None),
            Owner::Platform { id, .. } => (None, Some(*id)),
        };
        Some(PersonRef {
            application_id,
            row_id: r.row_id,
            platform_id,
            name: r.label.clone(),
            number: r.number.clone(),
        })
    }
}

fn document_of(store: &Store, person: &PersonRef) -> Result<IdDocument, ServiceError> {
    let missing =
        |reason: &str| ServiceError::PersonNotFound { who: person.name.clone(), reason: reason.into() };
    match (person.application_id, person.platform_id) {
        (Some(id), _) => {
            let row = person.row_id.ok_or_else(|| missing("人员尚未保存"))?;
            let app = store.load_application(id)?;
            app.people
                .into_iter()
                .find(|p| p.id == Some(row))
                .map(|p| p.id_doc)
                .ok_or_else(|| missing("人员已删除"))
        }
        (None, Some(id)) => {
            let platform = store.load_platform(id)?;
            let mut found = platform.members.into_iter().filter(|m| {
                m.name == person.name && duplicates::identity::masked_document(&m.id_doc) == person.number
            });
            match (found.next(), found.next()) {
                (Some(m), None) => Ok(m.id_doc),
                (None, _) => Err(missing("已建平台中已无此成员")),
                (Some(_), Some(_)) => {
                    Err(missing("已建平台中有两名同名且证件尾号相同的成员，请用命令行按完整证件号关联"))
                }
            }
        }
        (None, None) => Err(missing("申报书尚未保存")),
    }
}

/// Links the two people of a "possibly the same person" conflict (the window's action).
pub fn link_conflict_people(
    store: &mut Store,
    first: &PersonRef,
    second: &PersonRef,
) -> Result<String, ServiceError> {
    let a = document_of(store, first)?;
    let b = document_of(store, second)?;
    link_documents(store, &a, &b)
}
