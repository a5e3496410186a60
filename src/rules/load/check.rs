//! A criterion's `check`: the engine computation it names and that computation's parameters
//! (threshold with its unit, range, region, flags…). A parameter the check does not use is
//! refused, so a misspelt or misplaced key never passes silently.

use std::ops::Range;

use super::{Validator, R};
use crate::quantity::{AreaM2, Yuan};
use crate::rules::error::PackError;
use crate::rules::pack::{Check, CrossCheck, HostFlag, Pack, Region, Scope};
use crate::rules::raw::RawCriterion;

/// The optional parameters each check takes; `None`: the engine has no such computation.
fn parameters_of(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
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
        | "director_full_time"
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
        _ => return None,
    })
}

/// Which optional parameters a raw criterion sets, to refuse those its check does not use.
fn parameters_set(r: &RawCriterion) -> [(&'static str, bool); 17] {
    [
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
    ]
}

fn flag_set(b: &Option<toml::Spanned<bool>>) -> bool {
    b.as_ref().is_some_and(|b| *b.get_ref())
}

/// What one check's validation needs: the raw criterion, its key and the span of `check`.
struct At<'r> {
    r: &'r RawCriterion,
    key: &'r str,
    span: Range<usize>,
    threshold: String,
}

impl Validator<'_> {
    pub(super) fn check(&self, r: &RawCriterion, key: &str, pack: &Pack) -> R<Check> {
        let name = r.check.get_ref().as_str();
        let span = r.check.span();
        let Some(allowed) = parameters_of(name) else {
            return Err(self.unknown_check(&span, key, name));
        };
        for (p, present) in parameters_set(r) {
            if present && !allowed.contains(&p) {
                return self.invalid(
                    &span,
                    &format!("{key}.{p}"),
                    format!("check `{name}` does not use `{p}`"),
                );
            }
        }
        let at = At { r, key, span, threshold: format!("{key}.threshold") };
        self.build(name, &at, pack)
    }

    fn unknown_check(&self, span: &Range<usize>, key: &str, name: &str) -> PackError {
        PackError::UnknownCheck {
            at: self.at(span, &format!("{key}.check")),
            detail: format!("the engine has no computation named `{name}`"),
        }
    }

    /// The check named `name`, its parameters already known to be ones it takes.
    fn build(&self, name: &str, at: &At, pack: &Pack) -> R<Check> {
        let r = at.r;
        Ok(match name {
            "attest" => Check::Attest,
            "director_full_time" => Check::DirectorFullTime,
            "note" => Check::Note,
            "hosts_agreement" => Check::HostsAgreement,
            "fixed_staff_min" => Check::FixedStaffMin { min: self.threshold(at, "人")? },
            "other_hosts_staff_min" => Check::OtherHostsStaffMin { min: self.threshold(at, "人")? },
            "director_age_max" => Check::DirectorAgeMax { max_years: self.threshold(at, "周岁")? },
            "hosts_count_max" => Check::HostsCountMax { max: self.threshold(at, "家")? },
            "hosts_count_min" => Check::HostsCountMin {
                min: self.threshold(at, "家")?,
                core_only: flag_set(&r.core_members_only),
            },
            "lead_share_min" => Check::LeadShareMin { min_percent: self.percentage(at)? },
            "team_quality_min" => self.team_quality_min(at)?,
            "area_min" => self.area_min(at)?,
            "instruments_min" => Check::InstrumentsMin { min: Yuan(self.threshold(at, "元")?) },
            "rd_investment_min" => self.rd_investment_min(at)?,
            "director_title" => self.director_title(at)?,
            "director_record" => Check::DirectorRecord,
            "director_employer" => Check::DirectorEmployer,
            "director_honours" => Check::DirectorHonours,
            "staff_employer" => Check::StaffEmployer,
            "hosts_legal_entity" => Check::HostsLegalEntity,
            "registered_in_region" => self.registered_in_region(at)?,
            "lead_led_tasks" => Check::LeadLedTasks,
            "lead_own_ip" => Check::LeadOwnIp { require_applied: flag_set(&r.require_applied) },
            "enterprise_lead" => Check::EnterpriseLead,
            "non_enterprise_lead" => Check::NonEnterpriseLead,
            "safety_self_check" => Check::SafetySelfCheck,
            "directions_range" => self.directions_range(at)?,
            "host_kinds_present" => self.host_kinds_present(at)?,
            "name_characters" => Check::NameCharacters,
            "name_no_enterprise" => Check::NameNoEnterprise {
                strip_suffixes: self.texts(&r.strip_suffixes, &format!("{}.strip_suffixes", at.key))?,
            },
            "name_pattern" => self.name_pattern(at, pack)?,
            "field_membership" | "field_in_list" => self.field_check(name, at, pack)?,
            "recommendation_letter" => {
                let v = self.threshold(at, "个")?;
                Check::RecommendationLetter {
                    max_per_city: u32::try_from(v)
                        .or_else(|_| self.invalid(&at.span, &at.threshold, "too large"))?,
                }
            }
            "any_host_flag" => self.any_host_flag(at)?,
            "registry_one_per_year" => Check::Cross(CrossCheck::OnePerYear),
            "registry_not_already_built" => Check::Cross(CrossCheck::NotAlreadyBuilt),
            "registry_no_double_resources" => Check::Cross(CrossCheck::NoDoubleResources),
            "registry_staff_exclusive" => Check::Cross(CrossCheck::StaffExclusive),
            "registry_name_unique" => Check::Cross(CrossCheck::NameUnique),
            "registry_no_concurrent" => self.registry_no_concurrent(at)?,
            other => return Err(self.unknown_check(&at.span, at.key, other)),
        })
    }

    /// `threshold = { value = N, unit = "<unit>" }` as a non-negative integer.
    fn threshold(&self, at: &At, unit: &str) -> R<i64> {
        self.quantity_int(&at.r.threshold, &at.threshold, unit, &at.span)
    }

    /// A threshold in per cent, at most 100.
    fn percentage(&self, at: &At) -> R<i64> {
        let p = self.threshold(at, "%")?;
        if p > 100 {
            return self.invalid(&at.span, &at.threshold, "a percentage above 100");
        }
        Ok(p)
    }

    fn team_quality_min(&self, at: &At) -> R<Check> {
        let (r, key) = (at.r, at.key);
        Ok(Check::TeamQualityMin {
            min_percent: self.percentage(at)?,
            education_min: self
                .education(self.need_text(&r.education_min, key, "education_min", &at.span)?, key)?,
            title_min: self.title(self.need_text(&r.title_min, key, "title_min", &at.span)?, key)?,
        })
    }

    /// An exact area in 平方米 (a decimal string or an integer), with the usages and categories
    /// that narrow what counts.
    fn area_min(&self, at: &At) -> R<Check> {
        let (r, key, th) = (at.r, at.key, &at.threshold);
        let q = self.need_threshold(&r.threshold, th, &at.span)?;
        let rq = q.get_ref();
        self.expect_unit(&rq.unit, th, "平方米", &q.span())?;
        let v = self.need_value(&rq.value, th, &q.span())?;
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
            self.invalid(&v.span(), &format!("{th}.value"), "not an exact area with at most two decimals")
        })?;
        Ok(Check::AreaMin {
            min: area,
            exclude_usages: self.texts(&r.exclude_usages, &format!("{key}.exclude_usages"))?,
            headquarters_only: r
                .headquarters_only
                .iter()
                .map(|c| self.category(c, &format!("{key}.headquarters_only")))
                .collect::<R<_>>()?,
        })
    }

    fn rd_investment_min(&self, at: &At) -> R<Check> {
        let key = at.key;
        let min = Yuan(self.threshold(at, "元")?);
        let years = self.quantity_int(&at.r.years, &format!("{key}.years"), "年", &at.span)?;
        if !(1..=50).contains(&years) {
            return self.invalid(&at.span, &format!("{key}.years"), "years must be between 1 and 50");
        }
        Ok(Check::RdInvestmentMin { min, years: years as i32 })
    }

    fn director_title(&self, at: &At) -> R<Check> {
        let (r, key) = (at.r, at.key);
        if r.titles.is_empty() {
            return Err(PackError::MissingKey {
                at: self.at(&at.span, &format!("{key}.titles")),
                detail: "director_title needs titles = [..]".into(),
            });
        }
        Ok(Check::DirectorTitle {
            titles: r.titles.iter().map(|t| self.title(t, &format!("{key}.titles"))).collect::<R<_>>()?,
        })
    }

    fn registered_in_region(&self, at: &At) -> R<Check> {
        let (r, key) = (at.r, at.key);
        let Some(reg) = &r.region else {
            return Err(PackError::MissingKey {
                at: self.at(&at.span, &format!("{key}.region")),
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
        Ok(Check::Registered {
            region: Region {
                code_prefix: prefix,
                name: self.text_of(&g.name, &format!("{key}.region.name"))?,
            },
            scope: self.scope(&r.scope, key)?,
            require_legal_person: flag_set(&r.require_legal_person),
            unit_kinds: r
                .unit_kinds
                .iter()
                .map(|u| self.unit_kind(u, &format!("{key}.unit_kinds")))
                .collect::<R<_>>()?,
        })
    }

    fn directions_range(&self, at: &At) -> R<Check> {
        let key = at.key;
        let Some(rg) = &at.r.range else {
            return Err(PackError::MissingKey {
                at: self.at(&at.span, &format!("{key}.range")),
                detail: "directions_range needs range = { min, max, unit = \"个\" }".into(),
            });
        };
        let g = rg.get_ref();
        let rk = format!("{key}.range");
        self.expect_unit(&g.unit, &rk, "个", &rg.span())?;
        let min =
            self.int_value(self.need_value(&g.min, &format!("{rk}.min"), &rg.span())?, &format!("{rk}.min"))?;
        let max =
            self.int_value(self.need_value(&g.max, &format!("{rk}.max"), &rg.span())?, &format!("{rk}.max"))?;
        if max < min {
            return self.invalid(&rg.span(), &rk, "max is below min");
        }
        Ok(Check::DirectionsRange { min, max })
    }

    fn host_kinds_present(&self, at: &At) -> R<Check> {
        let (r, key) = (at.r, at.key);
        if r.unit_kinds.is_empty() {
            return Err(PackError::MissingKey {
                at: self.at(&at.span, &format!("{key}.unit_kinds")),
                detail: "host_kinds_present needs unit_kinds".into(),
            });
        }
        Ok(Check::HostKindsPresent {
            kinds: r
                .unit_kinds
                .iter()
                .map(|u| self.unit_kind(u, &format!("{key}.unit_kinds")))
                .collect::<R<_>>()?,
        })
    }

    fn name_pattern(&self, at: &At, pack: &Pack) -> R<Check> {
        if pack.naming.is_none() {
            return Err(PackError::MissingKey {
                at: self.at(&at.span, "naming.pattern"),
                detail: "name_pattern needs a [naming] pattern in the pack".into(),
            });
        }
        Ok(Check::NamePattern)
    }

    /// `field_membership` / `field_in_list`: both need the pack's `[[fields]]`.
    fn field_check(&self, name: &str, at: &At, pack: &Pack) -> R<Check> {
        if pack.fields.is_empty() {
            return Err(PackError::MissingKey {
                at: self.at(&at.span, "fields"),
                detail: format!("{name} needs [[fields]] in the pack"),
            });
        }
        Ok(if name == "field_membership" { Check::FieldMembership } else { Check::FieldInList })
    }

    fn any_host_flag(&self, at: &At) -> R<Check> {
        let (r, key) = (at.r, at.key);
        let Some(f) = &r.flag else {
            return Err(PackError::MissingKey {
                at: self.at(&at.span, &format!("{key}.flag")),
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
        Ok(Check::AnyHostFlag { flag, scope })
    }

    fn registry_no_concurrent(&self, at: &At) -> R<Check> {
        let key = at.key;
        let y = self.quantity_int(&at.r.cooling_off, &format!("{key}.cooling_off"), "年", &at.span)?;
        Ok(Check::Cross(CrossCheck::NoConcurrent {
            cooling_off_years: u32::try_from(y).or_else(|_| self.invalid(&at.span, key, "too large"))?,
        }))
    }
}
