//! One finding per line, `path:line:col: severity [rule] message`: what editors' quickfix
//! lists (`errorformat=%f:%l:%c:\ %m`) and CI problem matchers parse.

use crate::engine::FileReport;
use crate::finding::Finding;
use crate::source::Source;

pub fn render(reports: &[FileReport]) -> String {
    super::render(super::Format::Concise, reports)
}

/// One file's lines.
pub fn fragment(path: &str, src: &Source, findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let (line, col) = src.line_col(f.span.start);
        // A message is one line; a stray line break would split the record.
        let message = f.message.replace(['\r', '\n'], " ");
        out.push_str(&format!(
            "{path}:{line}:{col}: {} [{}] {message}\n",
            f.severity.as_str(),
            f.rule
        ));
    }
    out
}
