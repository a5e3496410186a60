//! The pack's top-level sections (identity, dates, submission, contacts, categories, fields,
//! naming, presentation, narrative similarity), validated in file order; criteria are `super::criterion`'s.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use toml::Spanned;

use super::{Validator, R};
use crate::model::PlatformKind;
use crate::rules::error::PackError;
use crate::rules::pack::{
    CommitmentLimit, Contact, Coverage, Cultivation, Field, Mistake, Naming, NarrativeSimilarity, Pack,
    PackLevel, Signature, Signer, Submission, PLACEHOLDER,
};
use crate::rules::presentation::{is_optional_input, listed, Input, Presentation, HELP_STEPS};
use crate::rules::raw::{
    RawCategories, RawCommitment, RawContact, RawDates, RawEffective, RawField, RawMistake, RawNaming,
    RawNarrativeSimilarity, RawPack, RawPresentation, RawSignature, RawSubmission,
};

impl Validator<'_> {
    pub(super) fn pack(&self, raw: RawPack) -> R<Pack> {
        let id = self.text_of(&raw.id, "id")?;
        let level = self.level(&raw.level)?;
        let coverage = self.coverage(&raw.coverage)?;
        let builds = self.builds(&raw.builds)?;
        let (effective_from, effective_until) = self.effective(&raw.effective)?;
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
            effective_note: self.opt_text(&raw.effective.get_ref().note, "effective.note")?,
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
            narrative_similarity: None,
            commitment: None,
            mistakes: Vec::new(),
        };
        if let Some(d) = &raw.dates {
            self.dates(d.get_ref(), &mut pack)?;
        }
        if let Some(s) = &raw.submission {
            pack.submission = self.submission(s.get_ref())?;
        }
        pack.contacts = raw.contacts.iter().map(|c| self.contact(c.get_ref())).collect::<R<_>>()?;
        if let Some(c) = &raw.categories {
            self.categories(c.get_ref(), &mut pack)?;
        }
        pack.fields = raw.fields.iter().map(|f| self.field(f.get_ref())).collect::<R<_>>()?;
        if let Some(n) = &raw.naming {
            pack.naming = Some(self.naming(n)?);
        }
        if let Some(n) = &raw.narrative_similarity {
            pack.narrative_similarity = Some(self.narrative_similarity(n)?);
        }
        if let Some(c) = &raw.commitment {
            pack.commitment = Some(self.commitment(c)?);
        }
        self.criteria(&raw, &mut pack)?;
        pack.mistakes = raw.mistakes.iter().map(|m| self.mistake(m, &pack)).collect::<R<_>>()?;
        if pack.coverage == Coverage::Full && pack.criteria.is_empty() {
            return Err(PackError::MissingKey {
                at: self.at(&raw.id.span(), "criteria"),
                detail: "a pack with full coverage needs at least one criterion".into(),
            });
        }
        Ok(pack)
    }

    fn level(&self, level: &Spanned<String>) -> R<PackLevel> {
        match level.get_ref().as_str() {
            "provincial" => Ok(PackLevel::Provincial),
            "city" => Ok(PackLevel::City),
            other => self.invalid(&level.span(), "level", format!("unknown level `{other}`")),
        }
    }

    fn coverage(&self, coverage: &Option<Spanned<String>>) -> R<Coverage> {
        match coverage.as_ref().map(|c| (c.get_ref().as_str(), c.span())) {
            None | Some(("full", _)) => Ok(Coverage::Full),
            Some(("reference_only", _)) => Ok(Coverage::ReferenceOnly),
            Some((other, span)) => self.invalid(&span, "coverage", format!("unknown coverage `{other}`")),
        }
    }

    fn builds(&self, builds: &Option<Spanned<String>>) -> R<Option<PlatformKind>> {
        let Some(b) = builds.as_ref() else { return Ok(None) };
        match serde_json::from_value(serde_json::Value::String(b.get_ref().clone())) {
            Ok(kind) => Ok(Some(kind)),
            Err(_) => self.invalid(
                &b.span(),
                "builds",
                format!(
                    "unknown platform kind `{}`, expected key_lab, tic, clinical_centre, \
                     engineering_centre, pilot_base or other",
                    b.get_ref()
                ),
            ),
        }
    }

    /// `effective.from` and `effective.until`; the end may not come before the start.
    fn effective(&self, eff: &Spanned<RawEffective>) -> R<(Option<NaiveDate>, Option<NaiveDate>)> {
        let eff = eff.get_ref();
        let from = self.opt_date(&eff.from, "effective.from")?;
        let until = self.opt_date(&eff.until, "effective.until")?;
        if let (Some(f), Some(u), Some(s)) = (from, until, eff.until.as_ref()) {
            if u < f {
                return self.invalid(&s.span(), "effective.until", "ends before effective.from");
            }
        }
        Ok((from, until))
    }

    fn dates(&self, d: &RawDates, pack: &mut Pack) -> R<()> {
        pack.reference_date = self.opt_date(&d.reference, "dates.reference")?;
        pack.reference_note = self.opt_text(&d.reference_note, "dates.reference_note")?;
        pack.online_deadline = self.opt_date(&d.online_deadline, "dates.online_deadline")?;
        pack.paper_deadline = self.opt_date(&d.paper_deadline, "dates.paper_deadline")?;
        pack.year_round = d.year_round.as_ref().is_some_and(|b| *b.get_ref());
        pack.dates_note = self.opt_text(&d.note, "dates.note")?;
        Ok(())
    }

    fn submission(&self, s: &RawSubmission) -> R<Submission> {
        Ok(Submission {
            channel: self.opt_text(&s.channel, "submission.channel")?,
            online_system: self.opt_text(&s.online_system, "submission.online_system")?,
            recipient: self.opt_text(&s.recipient, "submission.recipient")?,
            address: self.opt_text(&s.address, "submission.address")?,
            requirements: self.texts(&s.requirements, "submission.requirements")?,
            enclosures: self.texts(&s.enclosures, "submission.enclosures")?,
            checks: self.texts(&s.checks, "submission.checks")?,
            duplex: s.duplex,
            signatures: s.signatures.iter().map(|r| self.signature(r)).collect::<R<_>>()?,
        })
    }

    fn signature(&self, r: &Spanned<RawSignature>) -> R<Signature> {
        let key = "submission.signatures";
        let s = r.get_ref();
        let by = match s.by.get_ref().as_str() {
            "lead" => Signer::Lead,
            "co_builders" => Signer::CoBuilders,
            "hosts" => Signer::Hosts,
            "supervising" => Signer::Supervising,
            "city" => Signer::City,
            other => {
                return self.invalid(
                    &s.by.span(),
                    &format!("{key}.by"),
                    format!(
                        "unknown signer `{other}`, expected lead, co_builders, hosts, supervising or city"
                    ),
                )
            }
        };
        let sign = self.opt_text(&s.sign, &format!("{key}.sign"))?;
        if sign.is_none() && !s.seal {
            return self.invalid(&r.span(), key, "a signature place needs sign = \"…\" or seal = true");
        }
        Ok(Signature {
            document: self.text_of(&s.document, &format!("{key}.document"))?,
            place: self.opt_text(&s.place, &format!("{key}.place"))?,
            by,
            sign,
            seal: s.seal,
            categories: s
                .categories
                .iter()
                .map(|c| self.category(c, &format!("{key}.categories")))
                .collect::<R<_>>()?,
            citation: self.citation(&s.citation, &r.span(), key)?,
        })
    }

    fn contact(&self, r: &RawContact) -> R<Contact> {
        Ok(Contact {
            purpose: self.text_of(&r.purpose, "contacts.purpose")?,
            unit: self.text_of(&r.unit, "contacts.unit")?,
            people: self.texts(&r.people, "contacts.people")?,
            phones: self.texts(&r.phones, "contacts.phones")?,
            address: self.opt_text(&r.address, "contacts.address")?,
        })
    }

    fn categories(&self, r: &RawCategories, pack: &mut Pack) -> R<()> {
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
        Ok(())
    }

    /// `[commitment]`: a whole percent from 1 to 100, with its citation.
    fn commitment(&self, n: &Spanned<RawCommitment>) -> R<CommitmentLimit> {
        let v = n.get_ref();
        let max_percent = match u32::try_from(*v.max_percent.get_ref()) {
            Ok(p) if (1..=100).contains(&p) => p,
            _ => {
                return self.invalid(
                    &v.max_percent.span(),
                    "commitment.max_percent",
                    "a whole percent from 1 to 100",
                )
            }
        };
        let citation = self.citation(&v.citation, &n.span(), "commitment")?;
        Ok(CommitmentLimit { max_percent, citation })
    }

    /// `[narrative_similarity]`: a whole percent from 1 to 100, with its citation.
    fn narrative_similarity(&self, n: &Spanned<RawNarrativeSimilarity>) -> R<NarrativeSimilarity> {
        let v = n.get_ref();
        let percent = match u32::try_from(*v.percent.get_ref()) {
            Ok(p) if (1..=100).contains(&p) => p,
            _ => {
                return self.invalid(
                    &v.percent.span(),
                    "narrative_similarity.percent",
                    "a whole percent from 1 to 100",
                )
            }
        };
        let citation = self.citation(&v.citation, &n.span(), "narrative_similarity")?;
        Ok(NarrativeSimilarity { percent, citation })
    }

    fn field(&self, r: &RawField) -> R<Field> {
        Ok(Field {
            name: self.text_of(&r.name, "fields.name")?,
            sub_areas: self.texts(&r.sub_areas, "fields.sub_areas")?,
        })
    }

    /// `[[mistakes]]`: a known wizard step, a text, and a citation of one of the pack's documents.
    fn mistake(&self, m: &Spanned<RawMistake>, pack: &Pack) -> R<Mistake> {
        let r = m.get_ref();
        let step = r.step.get_ref().as_str();
        if !HELP_STEPS.contains(&step) {
            return self.invalid(
                &r.step.span(),
                "mistakes.step",
                format!("unknown step `{step}`, expected one of {}", HELP_STEPS.join(", ")),
            );
        }
        let citation = match &r.citation {
            Some(c) => {
                let citation = self.citation(&r.citation, &m.span(), "mistakes")?;
                let known = std::iter::once(&pack.document)
                    .chain(&pack.related_documents)
                    .any(|d| d.short == citation.document || d.title == citation.document);
                if !known {
                    return self.invalid(
                        &c.span(),
                        "mistakes.citation.document",
                        format!(
                            "`{}` is not the short name of one of this pack's documents",
                            citation.document
                        ),
                    );
                }
                Some(citation)
            }
            None => None,
        };
        Ok(Mistake { step: step.to_string(), text: self.text_of(&r.text, "mistakes.text")?, citation })
    }

    /// `[naming]`: the pattern must hold the placeholder ××.
    fn naming(&self, n: &Spanned<RawNaming>) -> R<Naming> {
        let r = n.get_ref();
        let pattern = self.text_of(&r.pattern, "naming.pattern")?;
        if !pattern.contains(PLACEHOLDER) {
            return self.invalid(&r.pattern.span(), "naming.pattern", "pattern must contain ××");
        }
        let citation = match &r.citation {
            Some(_) => Some(self.citation(&r.citation, &n.span(), "naming")?),
            None => None,
        };
        Ok(Naming { pattern, citation })
    }

    /// `[[criteria]]` in file order: ids unique, optional inputs declared.
    fn criteria(&self, raw: &RawPack, pack: &mut Pack) -> R<()> {
        let mut seen = BTreeSet::new();
        for c in &raw.criteria {
            let crit = self.criterion(c, pack)?;
            if !seen.insert(crit.id.clone()) {
                return Err(PackError::DuplicateId {
                    at: self.at(&c.get_ref().id.span(), "criteria.id"),
                    detail: format!("criterion id `{}` appears twice", crit.id),
                });
            }
            self.inputs_declared(c, &crit, &pack.presentation)?;
            pack.criteria.push(crit);
        }
        Ok(())
    }

    /// `[presentation]`; a pack without one is a 中心 with no optional inputs.
    fn presentation(&self, p: &Option<Spanned<RawPresentation>>) -> R<Presentation> {
        let Some(p) = p else { return Ok(Presentation::default()) };
        let r = p.get_ref();
        let mut inputs = Vec::new();
        for i in &r.inputs {
            let name = self.text_of(i, "presentation.inputs")?;
            if !is_optional_input(&name) {
                return self.invalid(
                    &i.span(),
                    "presentation.inputs",
                    format!(
                        "unknown optional input `{name}`, expected one of {}",
                        listed(Some(Input::Optional))
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
}
