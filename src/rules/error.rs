//! Errors of pack loading: each names the file, the line and the key, in Chinese with an English
//! detail. The UI and the CLI branch on `code()`, never on the message text.

/// Where in a pack file an error sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackLocation {
    pub file: String,
    /// 1-based line; 0 when unknown.
    pub line: usize,
    pub key: String,
}

impl std::fmt::Display for PackLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} 第 {} 行，键“{}”", self.file, self.line, self.key)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackError {
    #[error("无法读取规则包文件 {file}：{detail}")]
    Io { file: String, detail: String },
    #[error("规则包格式错误：{at}（{detail}）")]
    Syntax { at: PackLocation, detail: String },
    #[error("规则包含有未知的键：{at}（{detail}）")]
    UnknownKey { at: PackLocation, detail: String },
    #[error("规则包缺少必填的键：{at}（{detail}）")]
    MissingKey { at: PackLocation, detail: String },
    #[error("条件缺少依据条款（citation）：{at}（{detail}）")]
    MissingCitation { at: PackLocation, detail: String },
    #[error("门槛值缺少单位或单位不符：{at}（{detail}）")]
    BadUnit { at: PackLocation, detail: String },
    #[error("未知的条件类别（kind）：{at}（{detail}）")]
    UnknownKind { at: PackLocation, detail: String },
    #[error("未知的计算方法（check）：{at}（{detail}）")]
    UnknownCheck { at: PackLocation, detail: String },
    #[error("取值无效：{at}（{detail}）")]
    InvalidValue { at: PackLocation, detail: String },
    #[error("条件编号重复：{at}（{detail}）")]
    DuplicateId { at: PackLocation, detail: String },
    #[error("没有名为“{id}”的内置申报类型")]
    UnknownProgramme { id: String },
}

impl PackError {
    /// Stable code for the UI and the CLI.
    pub fn code(&self) -> &'static str {
        match self {
            PackError::Io { .. } => "pack_io",
            PackError::Syntax { .. } => "pack_syntax",
            PackError::UnknownKey { .. } => "pack_unknown_key",
            PackError::MissingKey { .. } => "pack_missing_key",
            PackError::MissingCitation { .. } => "pack_missing_citation",
            PackError::BadUnit { .. } => "pack_bad_unit",
            PackError::UnknownKind { .. } => "pack_unknown_kind",
            PackError::UnknownCheck { .. } => "pack_unknown_check",
            PackError::InvalidValue { .. } => "pack_invalid_value",
            PackError::DuplicateId { .. } => "pack_duplicate_id",
            PackError::UnknownProgramme { .. } => "unknown_programme",
        }
    }

    /// The location, when the error has one.
    pub fn location(&self) -> Option<&PackLocation> {
        match self {
            PackError::Io { .. } | PackError::UnknownProgramme { .. } => None,
            PackError::Syntax { at, .. }
            | PackError::UnknownKey { at, .. }
            | PackError::MissingKey { at, .. }
            | PackError::MissingCitation { at, .. }
            | PackError::BadUnit { at, .. }
            | PackError::UnknownKind { at, .. }
            | PackError::UnknownCheck { at, .. }
            | PackError::InvalidValue { at, .. }
            | PackError::DuplicateId { at, .. } => Some(at),
        }
    }
}
