//! The one list of settings (`server::settings::SETTINGS`) against what reads them: the README's
//! configuration table is the list's, every environment variable the code reads is in it, and
//! every setting in it is read somewhere.

use server::settings::SETTINGS;
use std::collections::BTreeSet;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// Read by a library rather than by the portal's code: Leptos' configuration and tracing's filter.
fn read_by_a_library(name: &str) -> bool {
    name.starts_with("LEPTOS_") || name == "RUST_LOG"
}

fn sources() -> Vec<(String, String)> {
    let mut out = crate::access::rust_files("app/src");
    out.extend(crate::access::rust_files("server/src"));
    out.retain(|(path, _)| !path.ends_with("server/src/settings.rs"));
    out
}

/// The quoted names like `"SMTP_URL"` on lines that read the environment.
fn names_read(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for line in text.lines().filter(|l| l.contains("env")) {
        for (i, quoted) in line.split('"').enumerate() {
            if i % 2 == 1
                && quoted.len() > 2
                && quoted.starts_with(|c: char| c.is_ascii_uppercase())
                && quoted
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                && !quoted.starts_with("CARGO_")
            {
                names.insert(quoted.to_string());
            }
        }
    }
    names
}

#[test]
fn the_readme_table_is_the_list() {
    let readme = std::fs::read_to_string(format!("{ROOT}/README.md")).unwrap();
    let section = readme
        .split("\n## Configuration (environment)\n")
        .nth(1)
        .expect("the README's section \"Configuration (environment)\"");
    let table: String = section
        .trim_start()
        .lines()
        .take_while(|l| l.starts_with('|'))
        .map(|l| format!("{l}\n"))
        .collect();
    let ours = server::settings::markdown_table();
    assert!(
        table == ours,
        "the README's configuration table is not server::settings::SETTINGS: paste the output \
         of `server settings --markdown` there.\nREADME:\n{table}\nlist:\n{ours}"
    );
}

#[test]
fn every_variable_the_code_reads_is_a_setting_and_every_setting_is_read() {
    let listed: BTreeSet<String> = SETTINGS.iter().map(|s| s.name.to_string()).collect();
    assert_eq!(listed.len(), SETTINGS.len(), "a setting listed twice");
    let mut read = BTreeSet::new();
    for (path, text) in sources() {
        for name in names_read(&text) {
            if !listed.contains(&name) {
                panic!(
                    "{path} reads {name}, which is not in server::settings::SETTINGS (the list \
                     --help, the example settings file and the README's table are made from)"
                );
            }
            read.insert(name);
        }
    }
    for s in SETTINGS {
        assert!(
            read.contains(s.name) || read_by_a_library(s.name),
            "{} is listed but nothing reads it: take it off server::settings::SETTINGS",
            s.name
        );
    }
}

#[test]
fn the_example_file_and_help_name_every_setting() {
    let example = server::settings::env_example();
    let help = server::settings::help();
    for s in SETTINGS {
        assert!(example.contains(&format!("\n#{}=", s.name)), "{}", s.name);
        assert!(help.contains(&format!("  {}  ", s.name)), "{}", s.name);
    }
}
