//! The application document (申请书) as blocks: cover, contents, basic information, host units,
//! director, staff, sites, instruments, R&D investment, achievements, directions, narratives,
//! priority-support items, commitment and opinion pages, and the index of supporting material.

use std::collections::BTreeSet;

use super::layout::{Block, Face, OpinionBox, Part};
use super::table::{Cell, Table};
use super::text::{self, wan, yes_no};
use super::ExportInputs;
use crate::model::{Application, Education, HostUnit, Person, Title};
use crate::quantity::{AreaM2, Yuan};

const NUMERALS: [&str; 20] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
    "十六", "十七", "十八", "十九", "二十",
];

fn numeral(k: usize) -> String {
    NUMERALS.get(k).map_or_else(|| (k + 1).to_string(), |s| s.to_string())
}

/// Signature lines at the bottom of an opinion box.
pub(crate) fn signature_footer(signer: &str) -> Vec<String> {
    vec![
        format!("{signer}（签字）：　　　　　　　　"),
        "（盖章）　　　　　　　　".into(),
        "年　　月　　日".into(),
    ]
}

/// The name of the host with this USCC, or the code itself.
fn host_name(app: &Application, uscc: &str) -> String {
    app.host_units.iter().find(|h| h.uscc == uscc).map_or_else(|| uscc.to_string(), |h| h.name.clone())
}

fn employer(app: &Application, p: &Person) -> String {
    match &p.employer_uscc {
        Some(u) => host_name(app, u),
        None => p.employer_name.clone(),
    }
}

fn sum_yuan<'a>(it: impl Iterator<Item = &'a Yuan>) -> Yuan {
    Yuan(it.map(|y| y.0).sum())
}

fn sum_area<'a>(it: impl Iterator<Item = &'a AreaM2>) -> AreaM2 {
    AreaM2(it.map(|a| a.0).sum())
}

/// "xx.x%" of part in whole, from integers.
fn percent(part: i64, whole: i64) -> String {
    if whole <= 0 {
        return "—".into();
    }
    let permille = (part * 1000 + whole / 2) / whole;
    format!("{}.{}%", permille / 10, permille % 10)
}

/// The R&D years printed: the window the programme's R&D criterion sums (the engine's, from the
/// pack's years and the reference date), else every year entered; ascending.
pub(crate) fn rd_years(app: &Application, inputs: &ExportInputs) -> Vec<i32> {
    if !inputs.rd_years.is_empty() {
        return inputs.rd_years.clone();
    }
    let years: BTreeSet<i32> = app.rd_investments.iter().map(|r| r.year).collect();
    years.into_iter().collect()
}

/// "近三年研发投入" for a three-year window; "研发投入" when the programme sets none.
fn rd_title(inputs: &ExportInputs) -> String {
    match inputs.rd_years.len() {
        0 => "研发投入".into(),
        n => format!("近{}年研发投入", numeral(n - 1)),
    }
}

struct Totals {
    fixed: usize,
    visiting: usize,
    area: AreaM2,
    instruments: Yuan,
    rd: Yuan,
}

fn totals(app: &Application, inputs: &ExportInputs) -> Totals {
    let years = rd_years(app, inputs);
    Totals {
        fixed: app.fixed_staff_count(),
        visiting: app.people.len() - app.fixed_staff_count(),
        area: sum_area(app.sites.iter().map(|s| &s.area)),
        instruments: sum_yuan(app.instruments.iter().map(|i| &i.original_value)),
        rd: sum_yuan(app.rd_investments.iter().filter(|r| years.contains(&r.year)).map(|r| &r.amount)),
    }
}

/// All parts of the application document.
pub fn parts(app: &Application, inputs: &ExportInputs) -> Vec<Part> {
    vec![
        cover(app, inputs),
        Part {
            title: "目录".into(),
            blocks: vec![Block::Heading { text: "目　　录".into(), level: 0, toc: false }, Block::Toc],
            numbered: true,
        },
        Part { title: "申请书正文".into(), blocks: body(app, inputs), numbered: true },
        Part { title: "承诺与意见".into(), blocks: opinions(app, inputs), numbered: true },
        supporting_part(inputs),
    ]
}

/// The 申请书正文: its numbered sections in print order (also what the transcription sheet reads).
pub(super) fn body(app: &Application, inputs: &ExportInputs) -> Vec<Block> {
    let mut body = Vec::new();
    let mut n = 0;
    let mut section = |blocks: &mut Vec<Block>, title: &str| {
        blocks.push(Block::Heading { text: format!("{}、{}", numeral(n), title), level: 1, toc: true });
        n += 1;
    };
    section(&mut body, "基本信息");
    body.push(Block::Table(basic(app, inputs)));
    section(&mut body, "依托单位情况");
    hosts(app, inputs, &mut body);
    section(&mut body, &inputs.labels.director_label);
    director(app, inputs, &mut body);
    section(&mut body, "人员队伍");
    staff(app, inputs, &mut body);
    section(&mut body, "研发场地");
    body.push(Block::Table(sites(app)));
    section(&mut body, "科研仪器设备");
    body.push(Block::Table(instruments(app)));
    section(&mut body, &rd_title(inputs));
    body.push(Block::Table(rd(app, inputs)));
    section(&mut body, "成果与自主知识产权");
    body.push(Block::Table(achievements(app)));
    section(&mut body, "研究方向");
    for (k, d) in app.directions.iter().enumerate() {
        body.push(Block::Heading {
            text: format!("方向{}：{}", numeral(k), d.title), level: 2, toc: false
        });
        body.push(Block::Paragraph { text: d.description.clone(), indent: true });
    }
    let mut keys: Vec<&String> = app.narratives.keys().collect();
    keys.sort_by_key(|k| {
        (
            crate::completeness::NARRATIVE_SECTIONS.iter().position(|(o, _)| o == k).unwrap_or(usize::MAX),
            k.as_str(),
        )
    });
    for key in keys {
        section(&mut body, &text::narrative_title(key));
        body.push(Block::Paragraph { text: app.narratives[key].clone(), indent: true });
    }
    // A programme without priority items (its pack has none) has no such section.
    if !inputs.priority_support.is_empty() {
        section(&mut body, "优先支持条件");
        body.push(priority_support(inputs));
    }
    body
}

/// The 印证材料目录 as a part of its own (also the first part of the evidence volume).
pub(super) fn supporting_part(inputs: &ExportInputs) -> Part {
    Part { title: "印证材料目录".into(), blocks: supporting(inputs), numbered: true }
}

fn cover(app: &Application, inputs: &ExportInputs) -> Part {
    let lead = app.lead_host();
    let co: Vec<&str> = app.host_units.iter().skip(1).map(|h| h.name.as_str()).collect();
    let rows = vec![
        (inputs.labels.name_label.clone(), app.centre_name.clone()),
        ("申报类别".into(), text::category_with_field(app)),
        ("第一依托单位".into(), lead.map(|h| h.name.clone()).unwrap_or_default()),
        ("共建依托单位".into(), if co.is_empty() { "无".into() } else { co.join("、") }),
        (inputs.labels.director_label.clone(), app.director().map(|p| p.name.clone()).unwrap_or_default()),
        ("归口管理部门".into(), lead.map(|h| h.supervising_department.clone()).unwrap_or_default()),
        ("填报日期".into(), text::date(inputs.date)),
    ];
    Part {
        title: "封面".into(),
        blocks: vec![
            Block::Spacer(40.0),
            Block::Centered(vec![(inputs.programme.clone(), 16.0, Face::Sans)]),
            Block::Spacer(16.0),
            Block::Centered(vec![(inputs.document_title.clone(), 28.0, Face::SansBold)]),
            Block::Spacer(90.0),
            Block::Form(rows),
            Block::Bottom(vec![(format!("{}制", inputs.issuer), 15.0, Face::Sans)]),
        ],
        numbered: false,
    }
}

fn basic(app: &Application, inputs: &ExportInputs) -> Table {
    let t = totals(app, inputs);
    let lead = app.lead_host();
    let co: Vec<&str> = app.host_units.iter().skip(1).map(|h| h.name.as_str()).collect();
    let mut tb = Table::new(&[2.2, 3.0, 2.2, 3.0], 10.5);
    let pair = |a: &str, b: String, c: &str, d: String| {
        vec![Cell::label(a), Cell::value(b), Cell::label(c), Cell::value(d)]
    };
    let wide = |a: &str, b: String| vec![Cell::label(a), Cell::value(b).span(3)];
    let own = |path: &str| named("applications", path);
    tb.row(wide(&inputs.labels.name_label, app.centre_name.clone()));
    tb.row(vec![own("programme"), Cell::value(inputs.programme.clone()).span(3)]);
    tb.row(vec![
        own("category"),
        Cell::value(app.category.label()),
        own("city"),
        Cell::value(app.city.clone()),
    ]);
    tb.row(vec![
        own("field"),
        Cell::value(app.field.clone()),
        own("sub_area"),
        Cell::value(app.sub_area.clone()),
    ]);
    tb.row(wide("第一依托单位", lead.map(|h| h.name.clone()).unwrap_or_default()));
    tb.row(wide("共建依托单位", if co.is_empty() { "无".into() } else { co.join("、") }));
    tb.row(pair(
        &inputs.labels.director_label,
        app.director().map(|p| p.name.clone()).unwrap_or_default(),
        "归口管理部门",
        lead.map(|h| h.supervising_department.clone()).unwrap_or_default(),
    ));
    tb.row(pair("固定人员（人）", t.fixed.to_string(), "流动人员（人）", t.visiting.to_string()));
    tb.row(pair("研发场地面积（m²）", t.area.to_string(), "仪器设备原值（万元）", wan(t.instruments)));
    let years = rd_years(app, inputs);
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) => format!("{a}—{b}年"),
        _ => String::new(),
    };
    tb.row(pair(
        &format!("{}（万元）{span}", rd_title(inputs)),
        wan(t.rd),
        "研究方向（个）",
        app.directions.len().to_string(),
    ));
    tb.row(vec![
        Cell::label("成果（项）"),
        Cell::value(app.achievements.len().to_string()),
        Cell::label("市政府推荐函"),
        Cell::yes_no(app.recommendation_letter),
    ]);
    tb
}

fn hosts(app: &Application, inputs: &ExportInputs, body: &mut Vec<Block>) {
    let t = totals(app, inputs);
    let years = rd_years(app, inputs);
    let title = rd_title(inputs);
    for (k, h) in app.host_units.iter().enumerate() {
        let role = if k == 0 {
            "第一依托单位".to_string()
        } else {
            format!("共建依托单位：{}", h.name)
        };
        body.push(Block::Heading { text: format!("（{}）{}", numeral(k), role), level: 2, toc: false });
        body.push(Block::Table(host_table(app, h, k == 0, &t, &years, &title)));
    }
}

fn host_table(
    app: &Application,
    h: &HostUnit,
    lead: bool,
    t: &Totals,
    years: &[i32],
    rd_title: &str,
) -> Table {
    let fixed = app
        .people
        .iter()
        .filter(|p| p.role.is_fixed() && p.employer_uscc.as_deref() == Some(&h.uscc))
        .count();
    let area = sum_area(app.sites.iter().filter(|s| s.owner_uscc == h.uscc).map(|s| &s.area));
    let value =
        sum_yuan(app.instruments.iter().filter(|i| i.owner_uscc == h.uscc).map(|i| &i.original_value));
    let rd = sum_yuan(
        app.rd_investments
            .iter()
            .filter(|r| r.owner_uscc == h.uscc && years.contains(&r.year))
            .map(|r| &r.amount),
    );
    let share = |s: String, part: i64, whole: i64| {
        if lead {
            format!("{s}（占{}）", percent(part, whole))
        } else {
            s
        }
    };
    let mut tb = Table::new(&[2.8, 3.0, 3.0, 2.1], 10.5);
    let host = |path: &str| named("host_units", path);
    let flags = |a: &str, x: bool, b: &str, y: bool| vec![host(a), Cell::yes_no(x), host(b), Cell::yes_no(y)];
    tb.row(vec![host("name"), Cell::value(h.name.clone()).span(3)]);
    tb.row(vec![host("uscc"), Cell::value(h.uscc.clone()), host("kind"), Cell::value(h.kind.label())]);
    tb.row(vec![
        host("registered_region"),
        Cell::value(h.registered_region.clone()),
        host("independent_legal_person"),
        Cell::yes_no(h.independent_legal_person),
    ]);
    tb.row(vec![host("supervising_department"), Cell::value(h.supervising_department.clone()).span(3)]);
    // Alliances mark their core members; other applications have none and print no such row.
    if app.host_units.iter().any(|u| u.core_member) {
        tb.row(vec![host("core_member"), Cell::yes_no(h.core_member).span(3)]);
    }
    tb.row(flags(
        "high_tech_enterprise",
        h.high_tech_enterprise,
        "above_scale_with_rd_institution",
        h.above_scale_with_rd_institution,
    ));
    tb.row(flags(
        "key_discipline_or_doctoral",
        h.key_discipline_or_doctoral,
        "led_national_or_provincial_tasks",
        h.led_national_or_provincial_tasks,
    ));
    tb.row(flags("own_ip", h.own_ip, "applied_results", h.applied_results));
    tb.row(vec![
        host("tech_centre_level"),
        Cell::value(text::level(h.tech_centre_level)),
        host("agreement_signed"),
        Cell::yes_no(h.agreement_signed),
    ]);
    tb.row(flags("chain_leader", h.chain_leader, "city_key_lab", h.city_key_lab));
    tb.row(flags(
        "out_of_province_with_national_platform",
        h.out_of_province_with_national_platform,
        "jingjinji_xiongan",
        h.jingjinji_xiongan,
    ));
    // The self-check only concerns units that already host a platform: 不适用 elsewhere.
    let safety = if crate::rules::safety_self_check_applies(h) {
        Cell::yes_no(h.safety_self_check_done)
    } else {
        Cell::value("不适用")
    };
    tb.row(vec![
        host("has_provincial_platform"),
        Cell::yes_no(h.has_provincial_platform),
        host("safety_self_check_done"),
        safety,
    ]);
    tb.row(vec![
        Cell::label("本单位固定人员（人）"),
        Cell::value(share(fixed.to_string(), fixed as i64, t.fixed as i64)),
        Cell::label("研发场地面积（m²）"),
        Cell::value(share(area.to_string(), area.0, t.area.0)),
    ]);
    tb.row(vec![
        Cell::label("仪器设备原值（万元）"),
        Cell::value(share(wan(value), value.0, t.instruments.0)),
        Cell::label(format!("{rd_title}（万元）")),
        Cell::value(share(wan(rd), rd.0, t.rd.0)),
    ]);
    tb
}

fn director(app: &Application, inputs: &ExportInputs, body: &mut Vec<Block>) {
    let Some(d) = app.director() else {
        let text = format!("（尚未填写{}）", inputs.labels.director_label);
        body.push(Block::Paragraph { text, indent: false });
        return;
    };
    let mut tb = Table::new(&[2.2, 3.0, 2.2, 3.0], 10.5);
    let person = |path: &str| named("people", path);
    let pair =
        |a: &str, b: String, c: &str, e: String| vec![person(a), Cell::value(b), person(c), Cell::value(e)];
    tb.row(pair("name", d.name.clone(), "gender", text::gender(d.gender).into()));
    tb.row(vec![
        person("birth_date"),
        Cell::value(d.birth_date.map(|b| b.to_string()).unwrap_or_default()),
        Cell::label(d.id_doc.kind.label()),
        Cell::value(d.id_doc.number.clone()),
    ]);
    tb.row(pair("education", d.education.label().into(), "title", d.title.label().into()));
    tb.row(vec![person("employer_name"), Cell::value(employer(app, d)).span(3)]);
    tb.row(vec![
        person("discipline"),
        Cell::value(d.discipline.clone()),
        Cell::label(format!("全职全时在{}工作", inputs.labels.platform)),
        Cell::yes_no(d.full_time),
    ]);
    let honours: Vec<&str> = d.honours.iter().map(|h| h.label()).collect();
    tb.row(vec![
        person("honours"),
        Cell::value(if honours.is_empty() { "无".into() } else { honours.join("、") }).span(3),
    ]);
    let list = |v: &[String]| if v.is_empty() { "无".to_string() } else { v.join("\n") };
    tb.row(vec![person("awards_first_completer"), Cell::value(list(&d.awards_first_completer)).span(3)]);
    tb.row(vec![person("projects_first_pi"), Cell::value(list(&d.projects_first_pi)).span(3)]);
    body.push(Block::Table(tb));
}

fn staff(app: &Application, inputs: &ExportInputs, body: &mut Vec<Block>) {
    let t = totals(app, inputs);
    let fixed: Vec<&Person> = app.people.iter().filter(|p| p.role.is_fixed()).collect();
    let count = |f: &dyn Fn(&Person) -> bool| fixed.iter().filter(|p| f(p)).count();
    body.push(Block::Paragraph {
        text: format!(
            "中心现有人员{}人，其中固定人员{}人（正高级职称{}人、副高级职称{}人，博士{}人），流动人员{}人。",
            t.fixed + t.visiting,
            t.fixed,
            count(&|p| p.title == Title::FullSenior),
            count(&|p| p.title == Title::AssociateSenior),
            count(&|p| p.education == Education::Doctorate),
            t.visiting
        ),
        indent: true,
    });
    // Widths in points at 8.5 pt: dates and 18-digit ID numbers fit on one line.
    let mut tb = Table::new(&[21.0, 37.0, 20.0, 52.0, 91.0, 24.0, 24.0, 50.0, 63.0, 32.0, 23.0], 8.5).head(
        std::iter::once(Cell::header("序号"))
            .chain(
                [
                    "name",
                    "gender",
                    "birth_date",
                    "id_doc.number",
                    "education",
                    "title",
                    "discipline",
                    "employer_name",
                ]
                .map(|f| heading("people", f)),
            )
            // The printed form's compact word for 在中心职务 (主任 / 副主任 / 固定 / 流动).
            .chain([Cell::header("类别"), heading("people", "full_time")])
            .collect(),
    );
    for (k, p) in app.people.iter().enumerate() {
        tb.row(vec![
            Cell::value((k + 1).to_string()).center(),
            Cell::value(p.name.clone()).center(),
            Cell::value(text::gender(p.gender)).center(),
            Cell::value(p.birth_date.map(|b| b.to_string()).unwrap_or_default()).center(),
            Cell::value(p.id_doc.number.clone()).center(),
            Cell::value(p.education.short()).center(),
            Cell::value(p.title.short()).center(),
            Cell::value(p.discipline.clone()),
            Cell::value(employer(app, p)),
            Cell::value(match p.role {
                crate::model::Role::Director => "主任",
                crate::model::Role::DeputyDirector => "副主任",
                crate::model::Role::Fixed => "固定",
                crate::model::Role::Visiting => "流动",
            })
            .center(),
            Cell::value(yes_no(p.full_time)).center(),
        ]);
    }
    body.push(Block::Table(tb));
    let records: Vec<&Person> = app
        .people
        .iter()
        .filter(|p| {
            !p.honours.is_empty() || !p.awards_first_completer.is_empty() || !p.projects_first_pi.is_empty()
        })
        .collect();
    if records.is_empty() {
        return;
    }
    body.push(Block::Heading { text: "主要人员科研业绩".into(), level: 2, toc: false });
    let mut tb = Table::new(&[2.2, 2.4, 11.0], 10.0).head(vec![
        Cell::header("姓名"),
        Cell::header("类别"),
        Cell::header("人才称号、科技奖励（第一完成人）、科技计划项目（第一负责人）"),
    ]);
    for p in records {
        let lines: Vec<String> = p
            .honours
            .iter()
            .map(|h| h.label().to_string())
            .chain(p.awards_first_completer.iter().cloned())
            .chain(p.projects_first_pi.iter().cloned())
            .collect();
        tb.row(vec![
            Cell::value(p.name.clone()).center(),
            Cell::value(p.role.label()).center(),
            Cell::value(lines.join("\n")),
        ]);
    }
    body.push(Block::Table(tb));
}

/// A form row's label as the window names the field (`crate::labels`).
fn named(table: &str, path: &str) -> Cell {
    Cell::label(crate::labels::field_name_or_path(table, path))
}

/// A column heading as the window names the field (`crate::labels`).
fn heading(table: &str, path: &str) -> Cell {
    Cell::header(crate::labels::field_heading(table, path).unwrap_or_else(|| path.to_string()))
}

fn sites(app: &Application) -> Table {
    let mut tb = Table::new(&[1.6, 6.0, 5.0, 2.6, 2.6, 5.2], 10.0).head(
        std::iter::once(Cell::header("序号"))
            .chain(["address", "building_room", "area", "usage", "owner_uscc"].map(|f| heading("sites", f)))
            .collect(),
    );
    for (k, s) in app.sites.iter().enumerate() {
        tb.row(vec![
            Cell::value((k + 1).to_string()).center(),
            Cell::value(s.address.clone()),
            Cell::value(s.building_room.clone()),
            Cell::value(s.area.to_string()).right(),
            Cell::value(if s.headquarters { format!("{}（本部）", s.usage) } else { s.usage.clone() })
                .center(),
            Cell::value(host_name(app, &s.owner_uscc)),
        ]);
    }
    let total = sum_area(app.sites.iter().map(|s| &s.area));
    tb.row(vec![
        Cell::label("合计").span(3),
        Cell::value(total.to_string()).right(),
        Cell::value("").span(2),
    ]);
    tb
}

fn instruments(app: &Application) -> Table {
    let mut tb = Table::new(&[2.0, 5.6, 3.6, 3.6, 3.8, 3.0, 3.6, 5.0], 9.0).head(
        std::iter::once(Cell::header("序号"))
            .chain(
                ["name", "model", "serial_number", "asset_number", "original_value", "site", "owner_uscc"]
                    .map(|f| heading("instruments", f)),
            )
            .collect(),
    );
    for (k, i) in app.instruments.iter().enumerate() {
        tb.row(vec![
            Cell::value((k + 1).to_string()).center(),
            Cell::value(i.name.clone()),
            Cell::value(i.model.clone()),
            Cell::value(i.serial_number.clone()),
            Cell::value(i.asset_number.clone()),
            Cell::value(wan(i.original_value)).right(),
            Cell::value(i.site.clone()),
            Cell::value(host_name(app, &i.owner_uscc)),
        ]);
    }
    let total = sum_yuan(app.instruments.iter().map(|i| &i.original_value));
    tb.row(vec![Cell::label("合计").span(5), Cell::value(wan(total)).right(), Cell::value("").span(2)]);
    tb
}

fn rd(app: &Application, inputs: &ExportInputs) -> Table {
    let years = rd_years(app, inputs);
    let mut widths = vec![6.0];
    widths.extend(years.iter().map(|_| 2.6));
    widths.push(2.8);
    let mut head = vec![Cell::header("依托单位")];
    head.extend(years.iter().map(|y| Cell::header(format!("{y}年"))));
    head.push(Cell::header("合计"));
    let mut tb = Table::new(&widths, 10.5).head(head);
    let amount = |uscc: Option<&str>, year: Option<i32>| {
        sum_yuan(
            app.rd_investments
                .iter()
                .filter(|r| uscc.is_none_or(|u| r.owner_uscc == u))
                .filter(|r| year.map_or(years.contains(&r.year), |y| r.year == y))
                .map(|r| &r.amount),
        )
    };
    for h in &app.host_units {
        let mut row = vec![Cell::value(h.name.clone())];
        row.extend(years.iter().map(|y| Cell::value(wan(amount(Some(&h.uscc), Some(*y)))).right()));
        row.push(Cell::value(wan(amount(Some(&h.uscc), None))).right());
        tb.row(row);
    }
    let mut total = vec![Cell::label("合计")];
    total.extend(years.iter().map(|y| Cell::value(wan(amount(None, Some(*y)))).right()));
    total.push(Cell::value(wan(amount(None, None))).right());
    tb.row(total);
    tb.row(vec![Cell::value("单位：万元。").span(years.len() + 2)]);
    tb
}

fn achievements(app: &Application) -> Table {
    let mut tb = Table::new(&[1.6, 3.0, 7.0, 4.2, 4.4, 2.8, 1.8], 9.0).head(
        std::iter::once(Cell::header("序号"))
            .chain(
                ["kind", "title", "identifier", "owner_uscc", "date", "applied"]
                    .map(|f| heading("achievements", f)),
            )
            .collect(),
    );
    for (k, a) in app.achievements.iter().enumerate() {
        tb.row(vec![
            Cell::value((k + 1).to_string()).center(),
            Cell::value(a.kind.label()).center(),
            Cell::value(a.title.clone()),
            Cell::value(a.identifier.clone()),
            Cell::value(host_name(app, &a.owner_uscc)),
            Cell::value(a.date.map(|d| d.to_string()).unwrap_or_default()).center(),
            Cell::value(yes_no(a.applied)).center(),
        ]);
    }
    tb
}

fn priority_support(inputs: &ExportInputs) -> Block {
    if inputs.priority_support.is_empty() {
        return Block::Paragraph { text: "（本申报未列优先支持条件。）".into(), indent: false };
    }
    let mut tb = Table::new(&[1.4, 11.0, 2.6], 10.5).head(vec![
        Cell::header("序号"),
        Cell::header("优先支持条件"),
        Cell::header("是否符合"),
    ]);
    for (k, p) in inputs.priority_support.iter().enumerate() {
        let text =
            if p.citation.is_empty() { p.text.clone() } else { format!("{}（{}）", p.text, p.citation) };
        tb.row(vec![Cell::value((k + 1).to_string()).center(), Cell::value(text), Cell::yes_no(p.met)]);
    }
    Block::Table(tb)
}

fn opinions(app: &Application, inputs: &ExportInputs) -> Vec<Block> {
    let mut blocks = vec![
        Block::Heading { text: "承诺与意见".into(), level: 0, toc: true },
        Block::Paragraph { text: inputs.commitment.clone(), indent: true },
        Block::Spacer(8.0),
    ];
    for (k, h) in app.host_units.iter().enumerate() {
        let role = if k == 0 { "第一依托单位" } else { "共建依托单位" };
        blocks.push(Block::Opinions {
            boxes: vec![OpinionBox {
                title: format!("{role}意见：{}", h.name),
                body: String::new(),
                footer: signature_footer("法定代表人"),
            }],
            height: 132.0,
        });
    }
    let dept = app.lead_host().map(|h| h.supervising_department.clone()).unwrap_or_default();
    blocks.push(Block::Opinions {
        boxes: vec![OpinionBox {
            title: format!("归口管理部门推荐意见：{dept}"),
            body: String::new(),
            footer: signature_footer("负责人"),
        }],
        height: 150.0,
    });
    blocks
}

fn supporting(inputs: &ExportInputs) -> Vec<Block> {
    let mut tb = Table::new(&[1.4, 7.0, 6.2, 1.8], 10.5).head(vec![
        Cell::header("序号"),
        Cell::header("材料名称"),
        Cell::header("支撑的申报条件"),
        Cell::header("页码"),
    ]);
    for (k, s) in inputs.supporting.iter().enumerate() {
        tb.row(vec![
            Cell::value((k + 1).to_string()).center(),
            Cell::value(s.title.clone()),
            Cell::value(s.supports.clone()),
            Cell::value(s.pages.clone()).center(),
        ]);
    }
    vec![
        Block::Heading { text: "印证材料目录".into(), level: 0, toc: true },
        Block::Table(tb),
        Block::Small("注：页码按装订后的实际页码填写；印证材料按本目录顺序附于申请书之后。".into()),
    ]
}

#[cfg(test)]
mod rd_window {
    use super::*;
    use crate::model::RdInvestment;
    use crate::rules::{builtin_pack, evaluate, UnknownCross};
    use chrono::NaiveDate;

    fn inputs_for(app: &Application, programme: &str, as_of: &str) -> ExportInputs {
        let pack = builtin_pack(programme).expect("pack");
        let as_of: NaiveDate = as_of.parse().expect("date");
        let a = evaluate(&pack, app, &UnknownCross, as_of);
        super::super::inputs_from_assessment(&pack, &a, as_of)
    }

    #[test]
    fn printed_rd_years_are_the_engines_window_not_the_latest_years_entered() {
        let (mut app, _) = super::super::tests::sample();
        let lead = app.host_units[0].uscc.clone();
        // A row in the reference year (2024) must not enter P1's window 2021—2023.
        app.rd_investments.push(RdInvestment {
            id: None,
            owner_uscc: lead,
            year: 2024,
            amount: Yuan(99_000_000),
        });
        let inputs = inputs_for(&app, "P1", "2024-05-06");
        assert_eq!(rd_years(&app, &inputs), [2021, 2022, 2023]);
        assert_eq!(totals(&app, &inputs).rd, Yuan(30_560_000), "the engine's 2021—2023 sum");
        assert_eq!(rd_title(&inputs), "近三年研发投入");
        // Another reference date moves the window with it (P3, 2025: 2022—2024).
        let inputs = inputs_for(&app, "P3", "2025-06-01");
        assert_eq!(rd_years(&app, &inputs), [2022, 2023, 2024]);
        // A programme without an R&D criterion (P4): every year entered, no "近三年".
        let inputs = inputs_for(&app, "P4", "2024-06-01");
        assert_eq!(rd_years(&app, &inputs), [2021, 2022, 2023, 2024]);
        assert_eq!(rd_title(&inputs), "研发投入");
    }
}
