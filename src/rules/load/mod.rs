//! The strict pack loader: TOML text → raw types (`super::raw`) → the validated `Pack`.
//! Every error names the file, the line and the key. Reads a file only in `load_pack_file`;
//! the sections, criteria and checks are validated in the submodules.

mod check;
mod criterion;
mod sections;

use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;
use toml::Spanned;

use super::error::{PackError, PackLocation};
use super::pack::Pack;
use super::pack::{Citation, Document, Scope};
use super::raw::{RawCitation, RawDocument, RawPack, RawQuantity};
use crate::model::{Category, Education, Title, UnitKind};

/// Parses and validates a pack from text; `file` names it in errors.
pub fn load_pack_str(text: &str, file: &str) -> Result<Pack, PackError> {
    let raw: RawPack = toml::from_str(text).map_err(|e| syntax_error(text, file, &e))?;
    Validator { text, file }.pack(raw)
}

/// The largest pack file read: a real pack is tens of kilobytes.
pub const MAX_PACK_BYTES: u64 = 4 * 1024 * 1024;

/// Refuses a pack file of `len` bytes when it is larger than any pack: before it is read or parsed.
pub fn check_pack_size(file: &str, len: u64) -> Result<(), PackError> {
    if len <= MAX_PACK_BYTES {
        return Ok(());
    }
    let detail = format!(
        "文件过大（{} KB），规则包不超过 {} KB：请确认选择的是规则包（.toml）文件",
        len / 1024,
        MAX_PACK_BYTES / 1024
    );
    Err(PackError::Io { file: file.to_string(), detail })
}

/// Reads a pack file at run time (e.g. next year's notice), strictly.
pub fn load_pack_file(path: &Path) -> Result<Pack, PackError> {
    let file = path.display().to_string();
    if let Ok(meta) = std::fs::metadata(path) {
        check_pack_size(&file, meta.len())?;
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

    /// A message template may use only {found}, {required}, {gap} and {title}.
    fn template(&self, t: &Spanned<String>, key: &str) -> R<()> {
        let mut rest = t.get_ref().as_str();
        while let Some((_, after)) = rest.split_once('{') {
            let Some((name, tail)) = after.split_once('}') else {
                return self.invalid(&t.span(), key, "unclosed { in message template");
            };
            if !matches!(name, "found" | "required" | "gap" | "title") {
                return self.invalid(
                    &t.span(),
                    key,
                    format!(
                        "unknown placeholder {{{name}}}; use {{found}}, {{required}}, {{gap}} or {{title}}"
                    ),
                );
            }
            rest = tail;
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
