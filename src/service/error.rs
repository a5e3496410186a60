//! The one error of the use cases: every core module's error, with its code.

use crate::duplicates::DuplicatesError;
use crate::model::RowId;
use crate::pdf::PdfError;
use crate::rules::PackError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Pack(#[from] PackError),
    #[error("申报类型“{programme}”没有内置规则包：请在“申报类型”中选择 P1–P7，或导入对应的规则包文件")]
    UnknownProgramme { programme: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Duplicates(#[from] DuplicatesError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error("无法写入文件“{path}”：{reason}")]
    Write { path: String, reason: String },
    #[error("没有导入过编号为“{id}”的申报规则")]
    UserPackNotFound { id: String },
    #[error("证件“{text}”无法识别：{reason}")]
    BadDocument { text: String, reason: String },
    #[error("两份证件相同：关联须是同一人的两份不同证件（如身份证和护照）")]
    SameDocument,
    #[error("找不到冲突中的人员“{who}”：{reason}，请在冲突报告刷新后重试")]
    PersonNotFound { who: String, reason: String },
    #[error("编号为 {id} 的申报书尚未定稿：请先定稿（shenbao seal {id} --note 说明，或在窗口中点“定稿”）")]
    NotSealed { id: RowId },
    #[error("编号为 {id} 的申报书没有编号为 {seal} 的定稿版本：可用 shenbao seals {id} 查看其定稿")]
    SealNotFound { id: RowId, seal: RowId },
    #[error("定稿版本 {seal} 的存档已损坏，无法原样重印：请从数据备份恢复")]
    SealDamaged { seal: RowId },
    #[error(transparent)]
    Cases(#[from] crate::packkit::CaseError),
    #[error("文件“{file}”未添加：{reason}；本次选择的文件都未保存")]
    Attach { file: String, reason: crate::evidence::AttachError },
    #[error("没有印证材料“{wanted}”：请写材料目录中的序号（1–{count}），可用 shenbao evidence list 查看")]
    NoSuchEvidenceItem { wanted: String, count: usize },
    #[error("“{title}”是申报规则要求的印证材料，不能删除：可以删除它的文件")]
    PackEvidenceItem { title: String },
    #[error("印证材料名称为空：请填写材料名称")]
    EmptyEvidenceTitle,
    #[error("“{text}”无法识别：请写 criterion:条件编号、unit:统一社会信用代码、person:姓名 或 record:说明")]
    BadEvidenceTarget { text: String },
    #[error("无法读取文件“{path}”：{reason}")]
    Read { path: String, reason: String },
}

impl ServiceError {
    pub fn code(&self) -> &'static str {
        match self {
            ServiceError::Pack(e) => e.code(),
            ServiceError::UnknownProgramme { .. } => "unknown_programme",
            ServiceError::Store(e) => e.code(),
            ServiceError::Duplicates(e) => e.code(),
            ServiceError::Pdf(e) => e.code(),
            ServiceError::Write { .. } => "write_file",
            ServiceError::UserPackNotFound { .. } => "not_found",
            ServiceError::BadDocument { .. } => "bad_document",
            ServiceError::SameDocument => "same_document",
            ServiceError::PersonNotFound { .. } => "not_found",
            ServiceError::NotSealed { .. } => "not_sealed",
            ServiceError::SealNotFound { .. } => "not_found",
            ServiceError::SealDamaged { .. } => "seal_damaged",
            ServiceError::Cases(e) => e.code(),
            ServiceError::Attach { reason, .. } => reason.code(),
            ServiceError::NoSuchEvidenceItem { .. } => "not_found",
            ServiceError::PackEvidenceItem { .. } => "pack_evidence_item",
            ServiceError::EmptyEvidenceTitle => "empty_title",
            ServiceError::BadEvidenceTarget { .. } => "bad_value",
            ServiceError::Read { .. } => "read_file",
        }
    }
}
