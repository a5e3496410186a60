//! The shell is locked down: the content security policy allows no remote origin, and the app
//! depends on no plugin that could reach the network, a shell or the file system at large.
//! (The capability granting only Shenbao's commands, the file dialogs and listening to dropped
//! files is checked in commands_ts.rs; that nothing else is callable, in bad_args.rs; that the app
//! works with no network at all, in the end-to-end tests, which run in a network namespace with
//! only loopback.)

use std::path::Path;

fn read(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
}

/// A CSP source that stays on this machine: the app's own assets, inline styles, data and blob
/// URLs made by the page itself, and Tauri's IPC.
fn local_source(source: &str) -> bool {
    matches!(
        source,
        "'self'" | "'none'" | "'unsafe-inline'" | "data:" | "blob:" | "ipc:" | "http://ipc.localhost"
    )
}

#[test]
fn the_content_security_policy_allows_no_remote_origin() {
    let conf: serde_json::Value = serde_json::from_str(&read("tauri.conf.json")).unwrap();
    let csp = conf["app"]["security"]["csp"].as_object().expect("a CSP is set, directive by directive");
    assert_eq!(csp["default-src"], "'self'");
    for directive in ["script-src", "connect-src", "object-src", "form-action"] {
        assert!(csp.contains_key(directive), "{directive} is set");
    }
    for (directive, sources) in csp {
        for source in sources.as_str().unwrap().split_whitespace() {
            assert!(local_source(source), "{directive} allows {source}");
        }
        if directive == "script-src" {
            assert!(!sources.as_str().unwrap().contains("unsafe"), "no inline or eval scripts");
        }
    }
    assert_eq!(conf["app"]["withGlobalTauri"], false);
}

#[test]
fn no_plugin_reaches_the_network_a_shell_or_the_file_system() {
    let manifest = read("Cargo.toml");
    let plugins: Vec<&str> = manifest
        .lines()
        .filter_map(|l| l.trim().split_once(" = "))
        .map(|(k, _)| k)
        .filter(|k| k.starts_with("tauri-plugin-"))
        .collect();
    // The dialog, and single-instance (it only hands a second launch's arguments to the running app
    // over the session bus; it grants the window nothing).
    assert_eq!(plugins, ["tauri-plugin-dialog", "tauri-plugin-single-instance"], "no other plugin");
    let caps = read("capabilities/default.json");
    for forbidden in ["shell:", "http:", "fs:", "opener:", "process:", "updater:"] {
        assert!(!caps.contains(forbidden), "capability grants {forbidden}");
    }
}
