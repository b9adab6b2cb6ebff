//! Turns the rule data in `rules/` into JSON at build time.
//!
//! The data stays TOML for the people who edit it, but reading TOML at every start cost
//! more than checking a short draft; the same data as JSON is read several times faster.
//! A broken data file fails the build here, naming the file, rather than every run.

use std::path::{Path, PathBuf};

// The State near-miss index is built here too, by tally's own code.
#[allow(dead_code)]
#[path = "src/rules/near_index.rs"]
mod near_index;
#[allow(dead_code)]
#[path = "src/text.rs"]
mod text;

fn main() {
    link_without_pie();
    println!("cargo:rerun-if-changed=rules");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut files = Vec::new();
    collect(Path::new("rules"), &mut files);
    // The two files the tables below are made from, as read here.
    let (mut states, mut names) = (None, None);
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
        if path == Path::new("rules/gazetteer/states.toml") {
            states = Some(value);
        } else if path == Path::new("rules/names.toml") {
            names = Some(value);
        }
    }
    let states = states.expect("rules/gazetteer/states.toml exists");
    let names = names.expect("rules/names.toml exists");
    write_states(&out, &states);
    write_near_index(&out, &states, &names);
}

/// Writes `states.rs`: the built-in States as a constant table (see `builtin_states` in
/// `src/knowledge.rs`). Parsing them at every start cost more than checking a short draft.
/// The checks serde makes of a data file are made here, so that a mistake fails the build.
fn write_states(out: &Path, states: &toml::Value) {
    const FILE: &str = "rules/gazetteer/states.toml";
    let entities = states
        .get("entity")
        .and_then(toml::Value::as_array)
        .unwrap_or_else(|| panic!("{FILE}: no [[entity]] tables"));
    let text = |e: &toml::Value, key: &str| -> Option<String> {
        e.get(key).map(|v| {
            let s = v.as_str();
            format!(
                "{:?}",
                s.unwrap_or_else(|| panic!("{FILE}: {key} {v} is not a string"))
            )
        })
    };
    let mut rs = String::from(
        "/// The built-in States (written by build.rs from rules/gazetteer/states.toml):\n\
         /// id, name, formal name, kind, aliases, former names with the date each ended.\n\
         #[allow(clippy::type_complexity)]\n\
         static STATES: &[(&str, &str, Option<&str>, EntityKind, &[&str], &[(&str, &str)])] = &[\n",
    );
    for e in entities {
        let table = e
            .as_table()
            .unwrap_or_else(|| panic!("{FILE}: an entity is not a table"));
        for key in table.keys() {
            let known = ["id", "name", "formal", "kind", "aliases", "former"];
            assert!(
                known.contains(&key.as_str()),
                "{FILE}: unknown field {key:?}"
            );
        }
        let id = text(e, "id").unwrap_or_else(|| panic!("{FILE}: an entity has no id"));
        let name = text(e, "name").unwrap_or_else(|| panic!("{FILE}: {id} has no name"));
        let formal = text(e, "formal").map_or("None".to_string(), |f| format!("Some({f})"));
        let kind = match e.get("kind").and_then(toml::Value::as_str) {
            Some("member") => "Member",
            Some("observer") => "Observer",
            Some("territory") => "Territory",
            Some("organization") => "Organization",
            other => panic!("{FILE}: {id} has kind {other:?}"),
        };
        let list = |key: &str| -> Vec<&toml::Value> {
            match e.get(key) {
                None => Vec::new(),
                Some(v) => v
                    .as_array()
                    .unwrap_or_else(|| panic!("{FILE}: {id}'s {key} is not a list"))
                    .iter()
                    .collect(),
            }
        };
        let aliases: Vec<String> = list("aliases")
            .into_iter()
            .map(|a| {
                let a = a.as_str();
                format!(
                    "{:?}",
                    a.unwrap_or_else(|| panic!("{FILE}: {id}'s alias is no string"))
                )
            })
            .collect();
        let former: Vec<String> = list("former")
            .into_iter()
            .map(|f| {
                let t = f.as_table();
                let t = t.unwrap_or_else(|| panic!("{FILE}: {id}'s former name is no table"));
                for key in t.keys() {
                    assert!(
                        key == "name" || key == "until",
                        "{FILE}: unknown field {key:?}"
                    );
                }
                let n = text(f, "name").unwrap_or_else(|| panic!("{FILE}: {id}: no name"));
                let u = text(f, "until").unwrap_or_else(|| panic!("{FILE}: {id}: no until"));
                format!("({n}, {u})")
            })
            .collect();
        rs.push_str(&format!(
            "({id}, {name}, {formal}, EntityKind::{kind}, &[{}], &[{}]),\n",
            aliases.join(", "),
            former.join(", ")
        ));
    }
    rs.push_str("];\n");
    let dest = out.join("states.rs");
    std::fs::write(&dest, rs).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
}

/// The strings of array `key` of `v`, none when it is absent.
fn strings<'a>(v: &'a toml::Value, key: &str) -> Vec<&'a str> {
    v.get(key)
        .and_then(toml::Value::as_array)
        .map(|a| a.iter().filter_map(toml::Value::as_str).collect())
        .unwrap_or_default()
}

/// Writes `near_index.rs`: the near-miss index of the built-in data, as a constant (see
/// `src/rules/near_index.rs`). The input is read from the data files as
/// `Knowledge::builtin` reads it; if the two ever differ, their fingerprints do, and tally
/// builds its own index (a test says so).
fn write_near_index(out: &Path, states: &toml::Value, names: &toml::Value) {
    println!("cargo:rerun-if-changed=src/rules/near_index.rs");
    println!("cargo:rerun-if-changed=src/text.rs");
    let entities = states
        .get("entity")
        .and_then(toml::Value::as_array)
        .expect("rules/gazetteer/states.toml has entities");
    let mut input = near_index::Input::default();
    for e in entities {
        let name = e.get("name").and_then(toml::Value::as_str).expect("a name");
        let formal = e.get("formal").and_then(toml::Value::as_str);
        let aliases = strings(e, "aliases");
        let former = e.get("former").and_then(toml::Value::as_array);
        let former = former.into_iter().flatten();
        input.all_forms.push(name);
        input.all_forms.extend(formal);
        input.all_forms.extend(aliases.iter().copied());
        input
            .all_forms
            .extend(former.filter_map(|f| f.get("name").and_then(toml::Value::as_str)));
    }
    for (i, e) in entities.iter().enumerate() {
        let name = e.get("name").and_then(toml::Value::as_str).expect("a name");
        let formal = e.get("formal").and_then(toml::Value::as_str);
        let forms = std::iter::once(name)
            .chain(formal)
            .chain(strings(e, "aliases"));
        input.state_forms.extend(forms.map(|f| (i as u32, f)));
    }
    input.function_words = strings(names, "function_words");
    input.not_slips = strings(names, "not_slips");
    let idx = near_index::NearIndex::build(&input);

    use std::fmt::Write;
    let mut rs =
        String::from("/// The near-miss index of the built-in data (written by build.rs).\n");
    let ty = "crate::rules::near_index";
    let cow = "std::borrow::Cow::Borrowed";
    let pairs =
        |t: &[(u64, u32)]| -> String { t.iter().map(|(h, n)| format!("({h:#x},{n}),")).collect() };
    let span = |s: &near_index::Span| format!("{ty}::Span{{start:{},end:{}}}", s.start, s.end);
    let set = |t: &[(u64, near_index::Span)]| -> String {
        t.iter()
            .map(|(h, s)| format!("({h:#x},{}),", span(s)))
            .collect()
    };
    let names = |t: &[near_index::Name]| -> String {
        t.iter()
            .map(|n| {
                let (f, k) = (span(&n.form), span(&n.key));
                format!("{ty}::Name{{entity:{},form:{f},key:{k}}},", n.entity)
            })
            .collect()
    };
    let _ = writeln!(
        rs,
        "pub static BUILTIN_NEAR_INDEX: {ty}::NearIndex = {ty}::NearIndex {{"
    );
    let _ = writeln!(rs, "fingerprint: {:#x},", idx.fingerprint);
    let _ = writeln!(rs, "text: {cow}({:?}),", idx.text);
    for (field, table) in [
        ("keys", &idx.keys),
        ("first", &idx.first),
        ("slots", &idx.slots),
        ("deletes", &idx.deletes),
    ] {
        let _ = writeln!(rs, "{field}: {cow}(&[{}]),", pairs(table));
    }
    for (field, table) in [
        ("function", &idx.function),
        ("known", &idx.known),
        ("not_slips", &idx.not_slips),
    ] {
        let _ = writeln!(rs, "{field}: {cow}(&[{}]),", set(table));
    }
    let slot_at: String = idx
        .slot_at
        .iter()
        .map(|(a, b)| format!("({a},{b}),"))
        .collect();
    let _ = writeln!(rs, "slot_at: {cow}(&[{slot_at}]),");
    let lens: String = idx.slot_lens.iter().map(|n| format!("{n},")).collect();
    let _ = writeln!(rs, "slot_lens: {cow}(&[{lens}]),");
    let _ = writeln!(rs, "names: {cow}(&[{}]),", names(&idx.names));
    let _ = writeln!(rs, "singles: {cow}(&[{}]),", names(&idx.singles));
    rs.push_str("};\n");
    let dest = out.join("near_index.rs");
    std::fs::write(&dest, rs).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
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
