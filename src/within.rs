//! Records listed more than once inside one application (the same person, instrument, site or
//! achievement under one identity key): found here so that every total counts them once and
//! says why. Pure functions of the application; linked ID documents come in as a closure.

use std::borrow::Cow;
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

/// Groups of equal keys, in order of first appearance; `better(i, j)` says row i is kept over j;
/// `facts(i)` gives row i's label and number (asked only of kept rows).
fn group(
    resource: Resource,
    keys: impl Iterator<Item = (usize, String)>,
    better: &dyn Fn(usize, usize) -> bool,
    facts: &dyn Fn(usize) -> Option<KeyFacts>,
) -> Vec<WithinDuplicate> {
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, key) in keys {
        by_key.entry(key).or_default().push(i);
    }
    // Groups in order of their first row.
    let mut groups: Vec<(String, Vec<usize>)> =
        by_key.into_iter().filter(|(_, rows)| rows.len() > 1).collect();
    groups.sort_by_key(|(_, rows)| rows[0]);
    let mut out = Vec::with_capacity(groups.len());
    for (key, rows) in groups {
        let mut kept = rows[0];
        for &i in &rows[1..] {
            if better(i, kept) {
                kept = i;
            }
        }
        let Some(facts) = facts(kept) else { continue };
        out.push(WithinDuplicate {
            resource,
            rows,
            kept,
            label: facts.label.trim().to_string(),
            number: facts.number,
            key,
        });
    }
    out
}

/// Every record of `app` listed more than once, people by their document key as `canonical`
/// maps it (linked documents of one person map to one key).
pub fn duplicates_linked(app: &Application, canonical: &dyn Fn(&str) -> String) -> Vec<WithinDuplicate> {
    fn keyed<'a, T>(
        list: &'a [T],
        key: impl Fn(&T) -> Option<String> + 'a,
    ) -> impl Iterator<Item = (usize, String)> + 'a {
        list.iter().enumerate().filter_map(move |(i, x)| key(x).map(|k| (i, k)))
    }
    let mut out = Vec::new();
    let people = keyed(&app.people, |p| identity::person_key(p).map(|k| canonical(&k)));
    let rank = |i: usize| app.people.get(i).map_or(u8::MAX, |p| role_rank(p.role));
    let person = |i: usize| app.people.get(i).and_then(identity::person_keys);
    out.extend(group(Resource::Person, people, &|i, j| rank(i) < rank(j), &person));
    let instruments = keyed(&app.instruments, identity::instrument_key);
    let instrument = |i: usize| app.instruments.get(i).and_then(identity::instrument_keys);
    out.extend(group(Resource::Instrument, instruments, &|_, _| false, &instrument));
    let sites = keyed(&app.sites, |s| identity::site_key(&s.address, &s.building_room));
    // The largest declared area of one site is the one counted (as across applications).
    let area = |i: usize| app.sites.get(i).map_or(i64::MIN, |s| s.area.0);
    let site = |i: usize| app.sites.get(i).and_then(identity::site_keys);
    out.extend(group(Resource::Site, sites, &|i, j| area(i) > area(j), &site));
    let achievements = keyed(&app.achievements, |a| identity::achievement_key(a.kind, &a.identifier));
    let achievement = |i: usize| app.achievements.get(i).and_then(identity::achievement_keys);
    out.extend(group(Resource::Achievement, achievements, &|_, _| false, &achievement));
    out
}

/// Every record of `app` listed more than once (documents compared as entered).
pub fn duplicates(app: &Application) -> Vec<WithinDuplicate> {
    duplicates_linked(app, &|k| k.to_string())
}

/// The application with every repeated record counted once (the kept row stays where the
/// first of its group was listed), and the repeats. An application without repeats is
/// returned unchanged.
pub fn distinct(app: &Application) -> (Cow<'_, Application>, Vec<WithinDuplicate>) {
    let found = duplicates(app);
    if found.is_empty() {
        return (Cow::Borrowed(app), found);
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
    (Cow::Owned(out), found)
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
