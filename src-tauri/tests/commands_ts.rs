//! Generates `ui/src/bindings/commands.ts` (typed `invoke` wrappers) from the command functions
//! in src/commands.rs, and checks that every command is registered, in build.rs's manifest and
//! granted in capabilities/default.json — and nothing else is granted (but the two file dialogs
//! and listening to the drag-drop events).
//! The test run fails on a stale generated file through `git diff` in scripts/test.sh.

mod common;

use std::collections::BTreeSet;

use common::camel;
use std::path::Path;

struct Command {
    name: String,
    params: Vec<(String, String)>,
    ret: String,
}

fn split_top_level(s: &str) -> Vec<String> {
    let (mut depth, mut cur, mut out) = (0i32, String::new(), Vec::new());
    for c in s.chars() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                out.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// Index of the ')' that closes the '(' at `open`.
fn matching_paren(s: &str, open: usize) -> usize {
    let mut depth = 0;
    for (i, c) in s.char_indices().skip_while(|(i, _)| *i < open) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced parentheses in {s}")
}

fn parse_commands(src: &str) -> Vec<Command> {
    let mut out = Vec::new();
    for chunk in src.split("#[tauri::command]").skip(1) {
        let sig_start = chunk.find("fn ").expect("fn after #[tauri::command]") + 3;
        let sig = &chunk[sig_start..chunk.find('{').expect("body")];
        let name = sig[..sig.find('(').unwrap()].trim().to_string();
        let open = sig.find('(').unwrap();
        let close = matching_paren(sig, open);
        let params = split_top_level(&sig[open + 1..close])
            .into_iter()
            .filter_map(|p| {
                let (n, t) = p.split_once(':')?;
                let t = t.trim();
                // `Arg<T>` reads T from the call (see src/arg.rs).
                let t = t.strip_prefix("Arg<").and_then(|t| t.strip_suffix('>')).unwrap_or(t).to_string();
                (!t.starts_with("State<") && !t.starts_with("tauri::")).then(|| (n.trim().to_string(), t))
            })
            .collect();
        let ret = sig[close + 1..].trim().trim_start_matches("->").trim().to_string();
        out.push(Command { name, params, ret });
    }
    out
}

fn ts_type(t: &str, imports: &mut BTreeSet<String>) -> String {
    let t = t.trim();
    if let Some(inner) = t.strip_prefix("Vec<").and_then(|r| r.strip_suffix('>')) {
        return format!("{}[]", ts_type(inner, imports));
    }
    if let Some(inner) = t.strip_prefix("Option<").and_then(|r| r.strip_suffix('>')) {
        return format!("{} | null", ts_type(inner, imports));
    }
    if let Some(inner) = t.strip_prefix("Result<").and_then(|r| r.strip_suffix('>')) {
        let ok = split_top_level(inner).remove(0);
        return ts_type(&ok, imports);
    }
    match t {
        "" | "()" => "void".into(),
        "i64" | "i32" | "u32" | "u64" | "usize" | "RowId" => "number".into(),
        "String" | "&str" | "PathBuf" => "string".into(),
        "bool" => "boolean".into(),
        // Raw bytes (`tauri::ipc::Response`) arrive as an ArrayBuffer.
        "tauri::ipc::Response" => "ArrayBuffer".into(),
        other => {
            let name = other.rsplit("::").next().unwrap().to_string();
            imports.insert(name.clone());
            name
        }
    }
}

fn generate(commands: &[Command]) -> String {
    let mut imports = BTreeSet::new();
    let mut body = String::new();
    for c in commands {
        let params: Vec<String> =
            c.params.iter().map(|(n, t)| format!("{}: {}", camel(n), ts_type(t, &mut imports))).collect();
        let ret = ts_type(&c.ret, &mut imports);
        let args = if c.params.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = c.params.iter().map(|(n, _)| camel(n)).collect();
            format!(", {{ {} }}", names.join(", "))
        };
        body.push_str(&format!(
            "  {}: ({}): Promise<{}> => call(\"{}\"{}),\n",
            camel(&c.name),
            params.join(", "),
            ret,
            c.name,
            args
        ));
    }
    let mut out = String::from(
        "// Generated from src-tauri/src/commands.rs by src-tauri/tests/commands_ts.rs. Do not edit.\n\
         import { call } from \"../api/invoke\";\n",
    );
    for i in &imports {
        out.push_str(&format!("import type {{ {i} }} from \"./{i}\";\n"));
    }
    out.push_str(
        "\n/** Shenbao's commands; a failure rejects with a `CommandError` `{ code, message }`. */\n",
    );
    out.push_str("export const commands = {\n");
    out.push_str(&body);
    out.push_str("};\n");
    out
}

#[test]
fn commands_ts_is_generated_and_every_command_is_registered_and_granted() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = std::fs::read_to_string(root.join("src/commands.rs")).unwrap();
    let commands = parse_commands(&src);
    assert!(!commands.is_empty());
    let names: BTreeSet<String> = commands.iter().map(|c| c.name.clone()).collect();

    let build = std::fs::read_to_string(root.join("build.rs")).unwrap();
    let manifest = &build[build.find("COMMANDS").unwrap()..];
    let manifest = &manifest[manifest.find("= &[").unwrap() + 4..];
    let manifest = &manifest[..manifest.find(']').unwrap()];
    let in_manifest: BTreeSet<String> = manifest
        .split(',')
        .map(|s| s.trim().trim_matches('"').to_string())
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(in_manifest, names, "build.rs COMMANDS must list exactly the commands");

    let lib = std::fs::read_to_string(root.join("src/lib.rs")).unwrap();
    for n in &names {
        assert!(lib.contains(&format!("commands::{n},")), "{n} missing from generate_handler!");
    }

    let caps: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("capabilities/default.json")).unwrap())
            .unwrap();
    let granted: BTreeSet<String> = caps["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("plain permission identifiers").to_string())
        .collect();
    let mut expected: BTreeSet<String> =
        names.iter().map(|n| format!("allow-{}", n.replace('_', "-"))).collect();
    // The file dialogs, and nothing else of the dialog plugin (no message, ask or confirm boxes);
    // listening to events, for the files dropped onto the window (the webview's drag-drop events),
    // and not emitting them.
    expected.extend(
        ["dialog:allow-open", "dialog:allow-save", "core:event:allow-listen", "core:event:allow-unlisten"]
            .map(String::from),
    );
    assert_eq!(
        granted, expected,
        "capabilities grant exactly Shenbao's commands, the two file dialogs and listening to drops"
    );

    let out = root.join("../ui/src/bindings/commands.ts");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    std::fs::write(out, generate(&commands)).unwrap();
}
