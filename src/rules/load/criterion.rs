//! One criterion: its kind, citation, check (`super::check`), scope, applicability, messages
//! and how the window shows it; each part refused when it does not fit the others.

use std::ops::Range;

use toml::Spanned;

use super::{Validator, R};
use crate::model::{PlatformKind, PlatformLevel};
use crate::rules::error::PackError;
use crate::rules::pack::{
    inputs_read_by, Applies, Check, Criterion, CrossCheck, CrossScope, Kind, Messages, Pack, PlatformScope,
    PlatformSet,
};
use crate::rules::presentation::{
    is_field, is_optional_input, listed, Material, Presentation, Section, Shown,
};
use crate::rules::raw::{RawApplies, RawCriterion, RawMessages, RawPlatformSet};

impl Validator<'_> {
    pub(super) fn criterion(&self, c: &Spanned<RawCriterion>, pack: &Pack) -> R<Criterion> {
        let r = c.get_ref();
        let span = c.span();
        let id = self.text_of(&r.id, "criteria.id")?;
        let key = format!("criteria[{id}]");
        let kind = self.kind(&r.kind, &key)?;
        let citation = self.citation(&r.citation, &span, &key)?;
        let check = self.check(r, &key, pack)?;
        let cross_scope = self.cross_scope(r, &key, &check, &span)?;
        if !fits(&check, kind) {
            return self.invalid(
                &r.check.span(),
                &format!("{key}.check"),
                format!("check `{}` cannot be used with kind `{}`", r.check.get_ref(), r.kind.get_ref()),
            );
        }
        let applies = match &r.applies {
            Some(a) => self.applies(a.get_ref(), &key)?,
            None => Applies::default(),
        };
        let messages = match &r.messages {
            Some(m) => self.messages(m.get_ref(), &key)?,
            None => Messages::default(),
        };
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

    fn kind(&self, kind: &Spanned<String>, key: &str) -> R<Kind> {
        match kind.get_ref().as_str() {
            "hard" => Ok(Kind::Hard),
            "warn" => Ok(Kind::Warn),
            "attest" => Ok(Kind::Attest),
            "cross" => Ok(Kind::Cross),
            "bonus" => Ok(Kind::PrioritySupport),
            "note" => Ok(Kind::Note),
            other => Err(PackError::UnknownKind {
                at: self.at(&kind.span(), &format!("{key}.kind")),
                detail: format!("unknown kind `{other}`, expected hard, warn, attest, cross, bonus or note"),
            }),
        }
    }

    fn applies(&self, a: &RawApplies, key: &str) -> R<Applies> {
        Ok(Applies {
            category: a
                .category
                .iter()
                .map(|s| self.category(s, &format!("{key}.applies.category")))
                .collect::<R<_>>()?,
            lead_kind: a
                .lead_kind
                .iter()
                .map(|s| self.unit_kind(s, &format!("{key}.applies.lead_kind")))
                .collect::<R<_>>()?,
        })
    }

    /// `messages.met` / `messages.unmet`, each a template checked by `template`.
    fn messages(&self, m: &RawMessages, key: &str) -> R<Messages> {
        for (v, name) in [(&m.met, "met"), (&m.unmet, "unmet")] {
            if let Some(t) = v {
                self.template(t, &format!("{key}.messages.{name}"))?;
            }
        }
        Ok(Messages {
            met: m.met.as_ref().map(|s| s.get_ref().clone()),
            unmet: m.unmet.as_ref().map(|s| s.get_ref().clone()),
        })
    }

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
                Kind::PrioritySupport => Some(Section::PrioritySupport),
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
            if !is_field(&name) {
                return self.invalid(
                    &f.span(),
                    &format!("{key}.fields"),
                    format!("unknown field `{name}`, expected one of {}", listed(None)),
                );
            }
            fields.push(name);
        }
        let or_attested = r.or_attested.as_ref().is_some_and(|b| *b.get_ref());
        // A warn-kind attestation ("原则上…") is confirmed too; unconfirmed it is only 提示.
        let confirmable = kind == Kind::Attest
            || (kind == Kind::PrioritySupport && (*check == Check::Attest || or_attested))
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
    pub(super) fn inputs_declared(
        &self,
        c: &Spanned<RawCriterion>,
        crit: &Criterion,
        p: &Presentation,
    ) -> R<()> {
        // The optional inputs the check itself reads must be shown too.
        if let Some(f) = inputs_read_by(&crit.check).iter().find(|f| !p.uses(f)) {
            return self.invalid(
                &c.get_ref().check.span(),
                &format!("criteria[{}].check", crit.id),
                format!("the check reads `{f}`, an optional input: list it in presentation.inputs so the window shows it"),
            );
        }
        for (f, raw) in crit.shown.fields.iter().zip(&c.get_ref().fields) {
            if is_optional_input(f) && !p.uses(f) {
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
            Check::Cross(CrossCheck::OnePerYear) => (false, true),
            Check::Cross(CrossCheck::RecommendationCount { .. }) => (false, false),
            Check::Cross(_) => (true, false),
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
}

/// Whether a check may serve a criterion of this kind.
fn fits(check: &Check, kind: Kind) -> bool {
    match (check, kind) {
        (Check::Note, k) => k == Kind::Note,
        (_, Kind::Note) => false,
        // A warn-kind attestation ("原则上…") is confirmed like any other; unconfirmed, it is 提示.
        (Check::Attest, k) => matches!(k, Kind::Attest | Kind::PrioritySupport | Kind::Warn),
        (Check::HostsAgreement, k) => matches!(k, Kind::Attest | Kind::PrioritySupport),
        (Check::DirectorFullTime, k) => k == Kind::Attest,
        (_, Kind::Attest) => false,
        (Check::Cross(_), k) => matches!(k, Kind::Cross | Kind::Warn),
        (_, Kind::Cross) => false,
        _ => true,
    }
}
