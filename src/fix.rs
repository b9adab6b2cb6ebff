//! `--fix` and `--diff`: applying safe fixes, and nothing else.
//!
//! Only `Fix { safe: true }` is applied, never a fix from a rule about counts or totals
//! (tally cannot know which side is wrong). Edits replace exact byte spans, so no byte outside
//! them changes; a replacement that contains line breaks takes the file's own line ending.
//! Files are written atomically: a temporary file in the same folder, given the original's
//! permissions, renamed over it.

use crate::finding::{Edit, Finding};
use std::io::Write;
use std::path::Path;

/// Rules whose findings are never fixed automatically, whatever a fix says: a count against
/// a list, a total against its parts. Which side is wrong is the editor's call.
pub const NEVER_FIXED: &[&str] = &["count-list", "total-parts", "percent-of", "table-total"];

/// The edits of every safe fix, in order, dropping any fix whose edits are out of bounds,
/// split a character, touch the byte order mark or overlap an earlier fix. Returns the edits
/// and how many findings they fix.
pub fn safe_edits(text: &str, bom_len: usize, findings: &[Finding]) -> (Vec<Edit>, usize) {
    let crlf = text.contains("\r\n");
    let mut fixes: Vec<(usize, Vec<Edit>)> = Vec::new();
    for f in findings {
        let Some(fix) = &f.fix else { continue };
        if !fix.safe || fix.edits.is_empty() || NEVER_FIXED.contains(&f.rule) {
            continue;
        }
        let ok = fix.edits.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.start >= bom_len
                && e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        if !ok {
            continue;
        }
        let mut edits = fix.edits.clone();
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        if edits.windows(2).any(|w| w[0].span.end > w[1].span.start) {
            continue;
        }
        if crlf {
            for e in &mut edits {
                if e.replacement.contains('\n') && !e.replacement.contains("\r\n") {
                    e.replacement = e.replacement.replace('\n', "\r\n");
                }
            }
        }
        fixes.push((edits[0].span.start, edits));
    }
    fixes.sort_by_key(|(s, _)| *s);
    let mut taken: Vec<Edit> = Vec::new();
    let mut count = 0;
    for (_, edits) in fixes {
        let overlaps = edits.iter().any(|e| {
            taken.iter().any(|t| {
                e.span.start < t.span.end && t.span.start < e.span.end
                    || (e.span.start == t.span.start && (e.span.is_empty() || t.span.is_empty()))
            })
        });
        if overlaps {
            continue;
        }
        taken.extend(edits);
        count += 1;
    }
    taken.sort_by_key(|e| (e.span.start, e.span.end));
    (taken, count)
}

/// Applies sorted, non-overlapping edits.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A unified diff of one file, with three lines of context.
pub fn diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Replaces a file's contents atomically, keeping its permissions. A symbolic link is
/// followed, so the link stays a link.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let perms = std::fs::metadata(&target)?.permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".tally-fix-")
        .tempfile_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), perms)?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Fix, Severity};

    fn finding(rule: &'static str, span: std::ops::Range<usize>, to: &str, safe: bool) -> Finding {
        Finding::new(rule, Severity::Warning, span.clone(), "m").fix(Fix {
            edits: vec![Edit {
                span,
                replacement: to.to_string(),
            }],
            safe,
        })
    }

    #[test]
    fn applies_only_safe_fixes_outside_counts() {
        let text = "Viet Nam and Vietnam and three";
        let fs = vec![
            finding("canonical-name", 13..20, "Viet Nam", true),
            finding("canonical-name", 0..4, "X", false),
            finding("count-list", 25..30, "two", true),
        ];
        let (edits, n) = safe_edits(text, 0, &fs);
        assert_eq!(n, 1);
        assert_eq!(apply(text, &edits), "Viet Nam and Viet Nam and three");
    }

    #[test]
    fn refuses_bad_and_overlapping_edits() {
        let text = "\u{FEFF}Côte";
        let fs = vec![
            finding("canonical-name", 0..3, "", true),      // the BOM
            finding("canonical-name", 3..5, "C", true),     // splits "ô"
            finding("canonical-name", 3..8, "Cote", true),  // fine
            finding("canonical-name", 4..8, "ote", true),   // overlaps the previous
            finding("canonical-name", 3..99, "Cote", true), // out of bounds
        ];
        let (edits, n) = safe_edits(text, 3, &fs);
        assert_eq!(n, 1);
        assert_eq!(apply(text, &edits), "\u{FEFF}Cote");
    }

    #[test]
    fn replacement_line_breaks_follow_the_file() {
        let text = "a\r\nb\r\n";
        let fs = vec![finding("canonical-name", 0..1, "x\ny", true)];
        let (edits, _) = safe_edits(text, 0, &fs);
        assert_eq!(apply(text, &edits), "x\r\ny\r\nb\r\n");
    }
}
