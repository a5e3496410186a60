//! The whole-database report: conflicts grouped by person, instrument, site, achievement and
//! application, and its Chinese text form for `shenbao conflicts`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::conflict::{Conflict, ConflictGroup, ConflictKind, Report, Severity};

/// Which section of the report a conflict belongs to.
fn section(c: &Conflict) -> usize {
    use super::identity::Resource;
    match c.kind {
        ConflictKind::DuplicateInApplication => match c.first.record.as_ref().map(|r| r.resource) {
            Some(Resource::Person) => 0,
            Some(Resource::Instrument) => 1,
            Some(Resource::Site) => 2,
            Some(Resource::Achievement) => 3,
            None => 4,
        },
        ConflictKind::PersonInTwoApplications
        | ConflictKind::PersonInPlatform
        | ConflictKind::PersonLeftRecently
        | ConflictKind::PossibleSamePerson
        | ConflictKind::OverCommitted => 0,
        ConflictKind::SameInstrument | ConflictKind::PossibleSameInstrument => 1,
        ConflictKind::SameSite | ConflictKind::SiteAreaExceeded => 2,
        ConflictKind::SameAchievement => 3,
        ConflictKind::OnePerYear
        | ConflictKind::SimilarNarrative
        | ConflictKind::ComprehensivePerCity
        | ConflictKind::AlreadyBuilt
        | ConflictKind::SimilarName => 4,
    }
}

/// Groups conflicts (as `all_conflicts` returns them) into a report, in a stable order.
pub fn group_conflicts(conflicts: Vec<Conflict>) -> Report {
    let mut sections: [BTreeMap<String, ConflictGroup>; 5] = Default::default();
    let mut report = Report { total: conflicts.len(), ..Report::default() };
    for c in conflicts {
        match c.severity {
            Severity::Excludes => report.excluding += 1,
            Severity::Warning => report.warnings += 1,
        }
        let s = section(&c);
        let Some(map) = sections.get_mut(s) else { continue };
        let group = map
            .entry(c.group.clone())
            .or_insert_with(|| ConflictGroup { title: c.subject.clone(), conflicts: Vec::new() });
        group.conflicts.push(c);
    }
    let finish = |m: BTreeMap<String, ConflictGroup>| -> Vec<ConflictGroup> {
        let mut v: Vec<ConflictGroup> = m.into_values().collect();
        for g in &mut v {
            g.conflicts
                .sort_by(|a, b| (a.severity, a.kind, &a.message).cmp(&(b.severity, b.kind, &b.message)));
        }
        // Groups with an excluding conflict first, then by title.
        v.sort_by(|a, b| {
            let sev = |g: &ConflictGroup| g.conflicts.iter().map(|c| c.severity).min();
            (sev(a), &a.title).cmp(&(sev(b), &b.title))
        });
        v
    };
    let [people, instruments, sites, achievements, applications] = sections;
    report.people = finish(people);
    report.instruments = finish(instruments);
    report.sites = finish(sites);
    report.achievements = finish(achievements);
    report.applications = finish(applications);
    report
}

/// The report as Chinese text, grouped, one line per conflict.
pub fn report_text(report: &Report) -> String {
    let mut out = String::new();
    if report.total == 0 {
        out.push_str("未发现重复申报或资源冲突。\n");
        return out;
    }
    let _ = writeln!(
        out,
        "冲突检查：共 {} 项，其中不可申报 {} 项、提示 {} 项。",
        report.total, report.excluding, report.warnings
    );
    let sections = [
        ("一、人员", &report.people),
        ("二、仪器设备", &report.instruments),
        ("三、研发场地", &report.sites),
        ("四、成果", &report.achievements),
        ("五、申报", &report.applications),
    ];
    for (title, groups) in sections {
        if groups.is_empty() {
            continue;
        }
        let n: usize = groups.iter().map(|g| g.conflicts.len()).sum();
        let _ = writeln!(out, "\n{title}（{n} 项）");
        for g in groups {
            let _ = writeln!(out, "  {}", g.title);
            for c in &g.conflicts {
                let tag = c.severity.label();
                let _ = writeln!(out, "    [{tag}] {}（条件：{}）", c.message, c.criterion);
                if let Some(m) = &c.narrative {
                    write_passages(&mut out, m);
                }
            }
        }
    }
    out
}

/// How many shared passages the text report prints per similar section (longest first).
const PASSAGES_SHOWN: usize = 3;

/// The shared passages of a similar narrative, one line each, with where they stand in both texts.
fn write_passages(out: &mut String, m: &super::conflict::NarrativeMatch) {
    for p in m.passages.iter().take(PASSAGES_SHOWN) {
        let _ = writeln!(
            out,
            "      共同段落（本申报第 {}–{} 字，对方第 {}–{} 字）：「{}」",
            p.first_start + 1,
            p.first_end,
            p.second_start + 1,
            p.second_end,
            p.text
        );
    }
    if m.passages.len() > PASSAGES_SHOWN {
        let _ = writeln!(out, "      另有 {} 处共同段落", m.passages.len() - PASSAGES_SHOWN);
    }
}
