//! Records listed more than once inside one application (the same person, instrument, site or
//! achievement under one identity key): found here so that every total counts them once and
//! says why. Pure functions of the application; linked ID documents come in as a closure.

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use crate::identity::{self, KeyFacts, Resource};
use crate::model::{Application, Role};

/// One record listed more than once in one application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WithinDuplicate {
    pub resource: Resource,
    /// 0-based indexes in the application's list of that resource, in list order.
    pub rows: Vec<usize>,
    /// The row counted (the others are left out of every total).
    pub kept: usize,
    /// Person name, instrument name, site address, achievement title (of the kept row).
    pub label: String,
    /// Masked ID document, asset number, identifier.
    pub number: String,
    /// Identity key (contains unmasked numbers: never serialised).
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) key: String,
}

/// The Chinese name of a resource's list, as the wizard titles it.
pub fn list_name(r: Resource) -> &'static str {
    match r {
        Resource::Person => "人员名单",
        Resource::Instrument => "科研仪器设备",
        Resource::Site => "研发场地",
        Resource::Achievement => "研发成果",
    }
}

/// What a record listed twice is, e.g. 同一人.
pub(crate) fn what(r: Resource) -> &'static str {
    match r {
        Resource::Person => "同一人",
        Resource::Instrument => "同一台（套）仪器设备",
        Resource::Site => "同一处场地",
        Resource::Achievement => "同一项成果",
    }
}

impl WithinDuplicate {
    /// "张三（身份证号 …1234）"; a site has no number.
    pub fn subject(&self) -> String {
        if self.number.is_empty() {
            self.label.clone()
        } else {
            format!("{}（{}）", self.label, self.number)
        }
    }

    /// "第3、7行".
    pub fn lines(&self) -> String {
        let n: Vec<String> = self.rows.iter().map(|i| (i + 1).to_string()).collect();
        format!("第{}行", n.join("、"))
    }

    /// "人员名单第3、7行为同一人：张三（身份证号 …1234），只计一次".
    pub fn sentence(&self) -> String {
        format!(
            "{}{}为{}：{}，只计一次",
            list_name(self.resource),
            self.lines(),
            what(self.resource),
            self.subject()
        )
    }
}

/// A person row's rank when one row of several is kept: the director's row first.
fn role_rank(r: Role) -> u8 {
    match r {
        Role::Director => 0,
        Role::DeputyDirector => 1,
        Role::Fixed => 2,
        Role::Visiting => 3,
    }
}

/// Groups of equal keys, in order of first appearance; `better(i, j)` says row i is kept over j.
fn group(
    resource: Resource,
    keys: Vec<(usize, KeyFacts)>,
    canonical: &dyn Fn(&str) -> String,
    better: &dyn Fn(usize, usize) -> bool,
) -> Vec<WithinDuplicate> {
    let mut order: Vec<String> = Vec::new();
    let mut by_key: HashMap<String, Vec<(usize, KeyFacts)>> = HashMap::new();
    for (i, k) in keys {
        let c = if resource == Resource::Person { canonical(&k.key) } else { k.key.clone() };
        let slot = by_key.entry(c.clone()).or_default();
        if slot.is_empty() {
            order.push(c);
        }
        slot.push((i, k));
    }
    let mut out = Vec::new();
    for key in order {
        let members = by_key.remove(&key).unwrap_or_default();
        if members.len() < 2 {
            continue;
        }
        let mut kept = 0;
        for (j, (i, _)) in members.iter().enumerate() {
            if better(*i, members[kept].0) {
                kept = j;
            }
        }
        let facts = &members[kept].1;
        out.push(WithinDuplicate {
            resource,
            rows: members.iter().map(|(i, _)| *i).collect(),
            kept: members[kept].0,
            label: facts.label.trim().to_string(),
            number: facts.number.clone(),
            key,
        });
    }
    out
}

/// Every record of `app` listed more than once, people by their document key as `canonical`
/// maps it (linked documents of one person map to one key).
pub fn duplicates_linked(app: &Application, canonical: &dyn Fn(&str) -> String) -> Vec<WithinDuplicate> {
    let keys = |facts: Vec<Option<KeyFacts>>| -> Vec<(usize, KeyFacts)> {
        facts.into_iter().enumerate().filter_map(|(i, k)| k.map(|k| (i, k))).collect()
    };
    let mut out = Vec::new();
    let people = keys(app.people.iter().map(identity::person_keys).collect());
    let rank = |i: usize| app.people.get(i).map_or(u8::MAX, |p| role_rank(p.role));
    out.extend(group(Resource::Person, people, canonical, &|i, j| rank(i) < rank(j)));
    let instruments = keys(app.instruments.iter().map(identity::instrument_keys).collect());
    out.extend(group(Resource::Instrument, instruments, canonical, &|_, _| false));
    let sites = keys(app.sites.iter().map(identity::site_keys).collect());
    // The largest declared area of one site is the one counted (as across applications).
    let area = |i: usize| app.sites.get(i).map_or(i64::MIN, |s| s.area.0);
    out.extend(group(Resource::Site, sites, canonical, &|i, j| area(i) > area(j)));
    let achievements = keys(app.achievements.iter().map(identity::achievement_keys).collect());
    out.extend(group(Resource::Achievement, achievements, canonical, &|_, _| false));
    out
}

/// Every record of `app` listed more than once (documents compared as entered).
pub fn duplicates(app: &Application) -> Vec<WithinDuplicate> {
    duplicates_linked(app, &|k| k.to_string())
}

/// The application with every repeated record counted once (the kept row stays where the
/// first of its group was listed), and the repeats. An application without repeats is
/// returned unchanged.
pub fn distinct(app: &Application) -> (Application, Vec<WithinDuplicate>) {
    let found = duplicates(app);
    if found.is_empty() {
        return (app.clone(), found);
    }
    let mut out = app.clone();
    fn keep<T: Clone>(list: &[T], resource: Resource, found: &[WithinDuplicate]) -> Vec<T> {
        let mut v: Vec<Option<T>> = list.iter().cloned().map(Some).collect();
        for r in found.iter().filter(|r| r.resource == resource) {
            let first = r.rows[0];
            let kept = list[r.kept].clone();
            for &i in &r.rows {
                v[i] = None;
            }
            v[first] = Some(kept);
        }
        v.into_iter().flatten().collect()
    }
    out.people = keep(&app.people, Resource::Person, &found);
    out.instruments = keep(&app.instruments, Resource::Instrument, &found);
    out.sites = keep(&app.sites, Resource::Site, &found);
    out.achievements = keep(&app.achievements, Resource::Achievement, &found);
    (out, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Application {
        crate::interchange::application_from_json(crate::samples::SAMPLE_P1).expect("sample")
    }

    #[test]
    fn a_person_listed_twice_is_one_repeat_and_counted_once() {
        let mut app = sample();
        let n = app.people.len();
        assert!(duplicates(&app).is_empty(), "the sample has no repeats");
        let mut copy = app.people[5].clone();
        copy.id_doc.number = format!(" {} ", copy.id_doc.number.to_lowercase());
        app.people.push(copy);
        let found = duplicates(&app);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rows, vec![5, n]);
        assert!(found[0].sentence().starts_with(&format!("人员名单第6、{}行为同一人：", n + 1)));
        let (d, _) = distinct(&app);
        assert_eq!(d.people.len(), n);
    }

    #[test]
    fn the_directors_row_is_the_one_kept() {
        let mut app = sample();
        let director = app.people.iter().position(|p| p.role == Role::Director).expect("director");
        let mut copy = app.people[director].clone();
        copy.role = Role::Fixed;
        app.people.insert(0, copy);
        let (d, found) = distinct(&app);
        assert_eq!(found[0].kept, director + 1);
        assert_eq!(d.people[0].role, Role::Director);
        assert_eq!(d.people.iter().filter(|p| p.role == Role::Director).count(), 1);
    }

    #[test]
    fn a_site_twice_counts_its_largest_area_once() {
        let mut app = sample();
        let mut copy = app.sites[0].clone();
        copy.area.0 += 100;
        app.sites.push(copy.clone());
        let (d, found) = distinct(&app);
        assert_eq!(found[0].resource, Resource::Site);
        assert_eq!(d.sites.len(), app.sites.len() - 1);
        assert_eq!(d.sites[0].area, copy.area);
    }
}
