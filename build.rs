//! Turns the rule data in `rules/` into JSON at build time.
//!
//! The data stays TOML for the people who edit it, but reading TOML at every start cost
//! more than checking a short draft; the same data as JSON is read several times faster.
//! A broken data file fails the build here, naming the file, rather than every run.

use std::path::{Path, PathBuf};

fn main() {
    link_without_pie();
    println!("cargo:rerun-if-changed=rules");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut files = Vec::new();
    collect(Path::new("rules"), &mut files);
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: cannot read: {e}", path.display()));
        let value: toml::Value = toml::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not valid TOML: {e}", path.display()));
        let json = serde_json::to_string(&value)
            .unwrap_or_else(|e| panic!("{}: cannot be written as JSON: {e}", path.display()));
        let dest = out.join(path.with_extension("json"));
        std::fs::create_dir_all(dest.parent().expect("a file has a folder"))
            .unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
        std::fs::write(&dest, json).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a readable folder entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

/// A position-independent executable is relocated at every start: on Linux that is some
/// 20,000 pointers in 360 KB of tables, a fifth of the page faults of checking one draft. tally
/// is started once per commit in a hook, so its binary is linked at a fixed address instead.
fn link_without_pie() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
