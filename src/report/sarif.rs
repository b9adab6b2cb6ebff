//! SARIF 2.1.0, for code-scanning dashboards: every rule's metadata in `tool.driver.rules`,
//! each finding a result with its region (line and column in Unicode code points, and the
//! byte range), its labels as related locations, and its safe fix if it has one.
//! Hand-written structs: the serde-sarif crate does not build on its own.

use crate::engine::FileReport;
use crate::finding::{Finding, Severity};
use crate::rules;
use crate::source::Source;
use serde::Serialize;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: Properties,
}

#[derive(Serialize)]
struct Properties {
    fixable: bool,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: ByteRegion,
    inserted_content: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ByteRegion {
    byte_offset: usize,
    byte_length: usize,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// "count-list" -> "CountList", SARIF's convention for a rule's name.
fn pascal(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// A path as a URI reference: '/' separators, everything outside the unreserved set
/// percent-encoded; an absolute path becomes a `file://` URI.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let absolute = path.starts_with('/') || path.as_bytes().get(1) == Some(&b':');
    let mut out = String::from(match (absolute, path.starts_with('/')) {
        (true, true) => "file://",
        (true, false) => "file:///",
        _ => "",
    });
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) || (absolute && b == b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The "What it does" section of a rule's documentation, for `fullDescription`.
fn what_it_does(doc: &str) -> String {
    let body = doc.split("## What it does").nth(1).unwrap_or(doc);
    body.split("\n## ")
        .next()
        .unwrap_or(body)
        .trim()
        .to_string()
}

fn region(src: &Source, span: &std::ops::Range<usize>) -> Region {
    let (start_line, start_column) = src.line_col(span.start);
    let (end_line, end_column) = src.line_col(span.end);
    Region {
        start_line,
        start_column,
        end_line,
        end_column,
        byte_offset: span.start,
        byte_length: span.end - span.start,
    }
}

fn result<'a>(path: &str, src: &Source, f: &'a Finding) -> SarifResult<'a> {
    let rule_index = rules::all().iter().position(|r| r.meta().id == f.rule);
    let location = |span: &std::ops::Range<usize>| PhysicalLocation {
        artifact_location: ArtifactLocation { uri: uri(path) },
        region: region(src, span),
    };
    let mut text = f.message.clone();
    if let Some(h) = &f.help {
        text.push_str("\nhelp: ");
        text.push_str(h);
    }
    let fixes = match &f.fix {
        Some(fix) if fix.safe && !crate::fix::NEVER_FIXED.contains(&f.rule) => vec![SarifFix {
            description: Text {
                text: f
                    .help
                    .clone()
                    .unwrap_or_else(|| "apply the fix".to_string()),
            },
            artifact_changes: vec![ArtifactChange {
                artifact_location: ArtifactLocation { uri: uri(path) },
                replacements: fix
                    .edits
                    .iter()
                    .map(|e| Replacement {
                        deleted_region: ByteRegion {
                            byte_offset: e.span.start,
                            byte_length: e.span.end - e.span.start,
                        },
                        inserted_content: Text {
                            text: e.replacement.clone(),
                        },
                    })
                    .collect(),
            }],
        }],
        _ => Vec::new(),
    };
    SarifResult {
        rule_id: f.rule,
        rule_index,
        level: level(f.severity),
        message: Text { text },
        locations: vec![Location {
            id: None,
            physical_location: location(&f.span),
            message: None,
        }],
        related_locations: f
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| Location {
                id: Some(i),
                physical_location: location(&l.span),
                message: Some(Text {
                    text: l.text.clone(),
                }),
            })
            .collect(),
        fixes,
    }
}

pub fn render(reports: &[FileReport]) -> String {
    super::render(super::Format::Sarif, reports)
}

/// Where the results array's elements sit in the pretty-printed log.
const INDENT: usize = 8;

fn descriptors() -> Vec<Descriptor> {
    rules::all()
        .iter()
        .map(|r| {
            let m = r.meta();
            let doc = rules::doc_text(m);
            Descriptor {
                id: m.id,
                name: pascal(m.id),
                short_description: Text {
                    text: m.summary.to_string(),
                },
                full_description: Text {
                    text: what_it_does(&doc),
                },
                help: Help {
                    text: doc.clone(),
                    markdown: doc,
                },
                default_configuration: Configuration {
                    level: level(m.severity),
                },
                properties: Properties { fixable: m.fixable },
            }
        })
        .collect()
}

fn log(results: Vec<SarifResult<'_>>) -> Log<'_> {
    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "tally",
                    version: env!("CARGO_PKG_VERSION"),
                    rules: descriptors(),
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    }
}

/// The log around the results: every rule's descriptor (all rules, whatever was found),
/// then the results array, last in the document.
pub(super) fn envelope() -> super::Envelope {
    let e = super::Envelope::of(&log(Vec::new()));
    debug_assert_eq!(e.indent, INDENT);
    e
}

/// One file's findings as elements of the results array.
pub fn fragment(path: &str, src: &Source, findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        super::element(&result(path, src, f), INDENT, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(pascal("count-list"), "CountList");
        assert_eq!(uri("drafts/a b.md"), "drafts/a%20b.md");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(uri("/tmp/a b.md"), "file:///tmp/a%20b.md");
        assert_eq!(uri("C:\\d\\a.md"), "file:///C:/d/a.md");
    }

    /// The pieces put together are what printing the whole log at once gives.
    #[test]
    fn pieces_make_the_whole_log() {
        use crate::engine::{check_source, Settings};
        use crate::knowledge::Knowledge;
        let kb = Knowledge::builtin();
        let texts = [
            "# A\n\nThree States Parties - Chile and Peru - reported.\n",
            "# B\n\nNothing to see.\n",
            "# C\n\nTwo States - Chile, Peru and Ecuador - met. Viet Nam and Vietnam.\n",
        ];
        let reports: Vec<FileReport> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                check_source(
                    Source::from_string(format!("d {i}.md"), t.to_string()),
                    &kb,
                    &Settings::default(),
                )
            })
            .collect();
        assert!(reports.iter().map(|r| r.findings.len()).sum::<usize>() >= 2);
        for set in [&reports[..], &reports[1..2], &[]] {
            let results = set
                .iter()
                .flat_map(|r| {
                    let src = r.source.as_ref().unwrap();
                    r.findings.iter().map(|f| result(&r.path, src, f))
                })
                .collect();
            let mut expected = serde_json::to_string_pretty(&log(results)).unwrap();
            expected.push('\n');
            assert_eq!(render(set), expected);
        }
    }
}
