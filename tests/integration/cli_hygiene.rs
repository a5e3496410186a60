//! No panic and no English library message reaches a user of the `shenbao` binary: every
//! subcommand writing into a closed pipe ends quietly, a date that does not exist and a name with
//! a control character are refused with exit 2 and a Chinese message naming the field.

use std::process::{Command, Output, Stdio};

use crate::common::TempDb;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_shenbao"));
    c.env_remove("SHENBAO_DB");
    c
}

fn run(db: &TempDb, args: &[&str]) -> Output {
    bin().arg("--db").arg(db.path()).args(args).output().expect("run shenbao")
}

/// Runs with stdout a pipe whose reading end is closed before anything is written.
fn into_closed_pipe(db: &TempDb, args: &[&str]) -> Output {
    let mut child = bin()
        .arg("--db")
        .arg(db.path())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn shenbao");
    drop(child.stdout.take());
    child.wait_with_output().expect("wait for shenbao")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// What a panic or a library's English would leave on stderr.
fn assert_no_panic_or_english(o: &Output, what: &str) {
    let err = stderr(o);
    for bad in ["panicked", "thread 'main'", "RUST_BACKTRACE", "out of range", "Broken pipe", "error:"] {
        assert!(!err.contains(bad), "{what}: stderr has “{bad}”: {err}");
    }
}

/// The sample, exported to a JSON file in the test's folder, with `edit` applied to its text.
fn sample_file(db: &TempDb, name: &str, edit: impl Fn(&mut serde_json::Value)) -> String {
    let mut doc: serde_json::Value =
        serde_json::from_str(&shenbao::interchange::application_to_json(&crate::common::sample())).unwrap();
    edit(&mut doc["application"]);
    let path = db.path().with_file_name(name);
    std::fs::write(&path, serde_json::to_string(&doc).unwrap()).unwrap();
    path.display().to_string()
}

#[test]
fn every_subcommand_into_a_closed_pipe_ends_without_a_panic() {
    let db = TempDb::new();
    assert_eq!(run(&db, &["init", "--sample"]).status.code(), Some(0));
    let file = sample_file(&db, "app.json", |_| {});
    let dir = db.path().with_file_name("out");
    let dir = dir.to_str().unwrap();
    let archive = db.path().with_file_name("all.json");
    let template = db.path().with_file_name("t.xlsx");
    let commands: Vec<Vec<&str>> = vec![
        vec!["--version"],
        vec!["--help"],
        vec!["init"],
        vec!["import", &file],
        vec!["list"],
        vec!["export-json", "1"],
        vec!["export-all", "--out", archive.to_str().unwrap()],
        vec!["programmes"],
        vec!["packs", "list"],
        vec!["check", "1"],
        vec!["check", "1", "--format", "json"],
        vec!["export", "1", "--out", dir, "--only", "review"],
        vec!["conflicts"],
        vec!["registry", "list"],
        vec!["person", "links"],
        vec!["backup"],
        vec!["backups"],
        vec!["about"],
        vec!["roster", "template", "--kind", "staff", "--out", template.to_str().unwrap()],
        vec!["completions", "bash"],
        vec!["completions", "zsh"],
    ];
    for args in commands {
        let o = into_closed_pipe(&db, &args);
        let code = o.status.code();
        assert!(matches!(code, Some(0 | 1)), "{args:?}: exit {:?}, stderr {}", o.status, stderr(&o));
        assert_no_panic_or_english(&o, &format!("{args:?}"));
    }
}

#[test]
fn a_date_that_does_not_exist_is_refused_in_chinese_naming_the_field() {
    let db = TempDb::new();
    assert_eq!(run(&db, &["init", "--sample"]).status.code(), Some(0));
    for args in [
        vec!["check", "1", "--as-of", "2025-02-30"],
        vec!["check", "1", "--as-of", "2025-13-01"],
        vec!["export", "1", "--out", "x", "--as-of", "明天"],
    ] {
        let o = run(&db, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("--as-of") && stderr(&o).contains("YYYY-MM-DD"),
            "{args:?}: {}",
            stderr(&o)
        );
        assert_no_panic_or_english(&o, &format!("{args:?}"));
    }
    let file = sample_file(&db, "bad-date.json", |app| app["people"][0]["birth_date"] = "1980-02-30".into());
    for command in ["import", "check"] {
        let o = run(&db, &[command, &file]);
        assert_eq!(o.status.code(), Some(2), "{command}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("people[0].birth_date") && err.contains("日期不存在"), "{command}: {err}");
        assert_no_panic_or_english(&o, command);
    }
}

#[test]
fn a_name_with_a_control_character_is_refused_naming_the_field() {
    let db = TempDb::new();
    assert_eq!(run(&db, &["init"]).status.code(), Some(0));
    for (i, bad) in ["张\u{0}三", "张\u{202E}三", "\u{2066}张三"].into_iter().enumerate() {
        let file =
            sample_file(&db, &format!("bad-name-{i}.json"), |app| app["people"][1]["name"] = bad.into());
        for command in ["import", "check"] {
            let o = run(&db, &[command, &file]);
            assert_eq!(o.status.code(), Some(2), "{command} {bad:?}: {}", stderr(&o));
            let err = stderr(&o);
            assert!(
                err.contains("人员名单第2行 姓名") && err.contains("控制字符"),
                "{command} {bad:?}: {err}"
            );
            assert_no_panic_or_english(&o, command);
        }
    }
    assert!(
        String::from_utf8_lossy(&run(&db, &["list"]).stdout).contains("尚无申报书"),
        "nothing was imported"
    );
}

#[test]
fn version_and_completion_scripts_are_printed() {
    let db = TempDb::new();
    let o = run(&db, &["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with(&format!("shenbao {}", env!("CARGO_PKG_VERSION"))));
    for (shell, marker) in [("bash", "complete -F _shenbao"), ("zsh", "#compdef shenbao")] {
        let o = run(&db, &["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&o.stdout);
        assert!(script.contains(marker) && script.contains("roster"), "{shell}: {script}");
    }
    let o = run(&db, &["completions", "fish"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("不在可选范围内") && stderr(&o).contains("bash、zsh"), "{}", stderr(&o));
}
