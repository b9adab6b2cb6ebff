//! The SARIF output validated against the official SARIF 2.1.0 JSON schema
//! (`tests/data/sarif-2.1.0.json`, the copy shipped with Microsoft's SARIF Multitool).
//!
//! The `jsonschema` crate would add some forty crates to the build, so this file carries a
//! small validator for the keywords that schema uses: `$ref`, `type`, `properties`,
//! `required`, `additionalProperties`, `items`, `minItems`, `uniqueItems`, `minimum`,
//! `maximum`, `enum`, `pattern`, `anyOf`, `oneOf`, and `format` for `uri` and
//! `uri-reference`. The Multitool's own validator was also run by hand (see the README).

mod common;
use common::*;
use serde_json::Value;

struct Validator<'a> {
    root: &'a Value,
    errors: Vec<String>,
}

fn resolve<'r>(root: &'r Value, schema: &'r Value) -> &'r Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let path = r.strip_prefix("#/").expect("local $ref");
            let mut at = root;
            for part in path.split('/') {
                at = &at[part];
            }
            assert!(!at.is_null(), "unresolved {r}");
            resolve(root, at)
        }
        None => schema,
    }
}

impl<'a> Validator<'a> {
    fn valid(&mut self, schema: &'a Value, v: &Value, at: &str) -> bool {
        let before = self.errors.len();
        self.check(schema, v, at);
        self.errors.len() == before
    }

    fn check(&mut self, schema: &'a Value, v: &Value, at: &str) {
        let schema = resolve(self.root, schema);
        let mut failures = Vec::new();
        let mut fail = |e: String| failures.push(format!("{at}: {e}"));
        if let Some(t) = schema.get("type").and_then(Value::as_str) {
            let ok = match t {
                "object" => v.is_object(),
                "array" => v.is_array(),
                "string" => v.is_string(),
                "integer" => v.is_i64() || v.is_u64(),
                "number" => v.is_number(),
                "boolean" => v.is_boolean(),
                "null" => v.is_null(),
                _ => panic!("type {t}"),
            };
            if !ok {
                self.errors.push(format!("{at}: expected {t}, got {v}"));
                return;
            }
        }
        if let Some(e) = schema.get("enum").and_then(Value::as_array) {
            if !e.contains(v) {
                fail(format!("{v} not in {e:?}"));
            }
        }
        if let (Some(min), Some(n)) = (schema.get("minimum").and_then(Value::as_f64), v.as_f64()) {
            if n < min {
                fail(format!("{n} < minimum {min}"));
            }
        }
        if let (Some(max), Some(n)) = (schema.get("maximum").and_then(Value::as_f64), v.as_f64()) {
            if n > max {
                fail(format!("{n} > maximum {max}"));
            }
        }
        if let (Some(p), Some(s)) = (schema.get("pattern").and_then(Value::as_str), v.as_str()) {
            if !regex::Regex::new(p).unwrap().is_match(s) {
                fail(format!("{s:?} does not match {p}"));
            }
        }
        if let (Some(f), Some(s)) = (schema.get("format").and_then(Value::as_str), v.as_str()) {
            let ok = match f {
                "uri" => regex::Regex::new(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$")
                    .unwrap()
                    .is_match(s),
                "uri-reference" => !s.chars().any(|c| c.is_whitespace() || c == '\\'),
                _ => true,
            };
            if !ok {
                fail(format!("{s:?} is not a {f}"));
            }
        }
        self.errors.extend(failures);
        if let Some(obj) = v.as_object() {
            for r in schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let r = r.as_str().unwrap();
                if !obj.contains_key(r) {
                    self.errors.push(format!("{at}: missing required {r}"));
                }
            }
            let props = schema.get("properties").and_then(Value::as_object);
            for (k, val) in obj {
                let path = format!("{at}.{k}");
                match props.and_then(|p| p.get(k)) {
                    Some(s) => self.check(s, val, &path),
                    None => match schema.get("additionalProperties") {
                        Some(Value::Bool(false)) => {
                            self.errors.push(format!("{at}: property {k} not allowed"))
                        }
                        Some(s @ Value::Object(_)) => self.check(s, val, &path),
                        _ => {}
                    },
                }
            }
        }
        if let Some(arr) = v.as_array() {
            if let Some(min) = schema.get("minItems").and_then(Value::as_u64) {
                if (arr.len() as u64) < min {
                    self.errors.push(format!("{at}: fewer than {min} items"));
                }
            }
            if schema.get("uniqueItems") == Some(&Value::Bool(true)) {
                for (i, a) in arr.iter().enumerate() {
                    if arr[..i].contains(a) {
                        self.errors.push(format!("{at}[{i}]: duplicate item"));
                    }
                }
            }
            if let Some(items) = schema.get("items") {
                for (i, a) in arr.iter().enumerate() {
                    self.check(items, a, &format!("{at}[{i}]"));
                }
            }
        }
        if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
            let n = any.iter().filter(|s| self.probe(s, v, at)).count();
            if n == 0 {
                self.errors.push(format!("{at}: matches no anyOf branch"));
            }
        }
        if let Some(one) = schema.get("oneOf").and_then(Value::as_array) {
            let n = one.iter().filter(|s| self.probe(s, v, at)).count();
            if n != 1 {
                self.errors
                    .push(format!("{at}: matches {n} oneOf branches"));
            }
        }
    }

    fn probe(&self, schema: &'a Value, v: &Value, at: &str) -> bool {
        let mut sub = Validator {
            root: self.root,
            errors: Vec::new(),
        };
        sub.valid(schema, v, at)
    }
}

fn schema() -> Value {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sarif-2.1.0.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn errors(doc: &Value) -> Vec<String> {
    let root = schema();
    let root = &root;
    let mut v = Validator {
        root,
        errors: Vec::new(),
    };
    v.check(root, doc, "$");
    v.errors
}

#[test]
fn the_validator_rejects_what_the_schema_forbids() {
    let bad =
        serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "colour": 1}]});
    let e = errors(&bad);
    assert!(
        e.iter().any(|e| e.contains("missing required name")),
        "{e:?}"
    );
    assert!(
        e.iter().any(|e| e.contains("property colour not allowed")),
        "{e:?}"
    );
    let bad = serde_json::json!({"version": "2.0.0", "runs": []});
    assert!(!errors(&bad).is_empty());
}

#[test]
fn sarif_output_is_valid_against_the_official_schema() {
    let d = repo();
    write(d.path(), "bad.md", BAD);
    write(d.path(), "drafts/with space.md", BAD);
    write(
        d.path(),
        "quiet.md",
        "# R\n\n<!-- tally-disable-next-line count-list -->\nThree States Parties – Chile and Peru – reported.\n\nChile, Peru, Chile and Ecuador met.\n",
    );
    let r = tally(d.path(), &["check", ".", "--format", "sarif"]);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(doc["runs"][0]["results"].as_array().unwrap().len() >= 2);
    let e = errors(&doc);
    assert!(e.is_empty(), "{}", e.join("\n"));
    // A clean run is valid too.
    let d = repo();
    write(d.path(), "good.md", GOOD);
    let r = tally(d.path(), &["check", ".", "--format", "sarif"]);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["runs"][0]["results"], serde_json::json!([]));
    assert!(errors(&doc).is_empty());
}

#[test]
fn sarif_with_fixes_is_valid() {
    let d = repo();
    write(d.path(), "draft.md", "# R\n\nVietnam reported.\n");
    let r = tally(d.path(), &["check", ".", "--format", "sarif"]);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    let fix = &doc["runs"][0]["results"][0]["fixes"][0];
    assert_eq!(
        fix["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "Viet Nam"
    );
    let e = errors(&doc);
    assert!(e.is_empty(), "{}", e.join("\n"));
}
