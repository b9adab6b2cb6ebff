//! One finding per line, `path:line:col: severity [rule] message`: what editors' quickfix
//! lists (`errorformat=%f:%l:%c:\ %m`) and CI problem matchers parse.

use crate::engine::FileReport;

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        let Some(src) = &r.source else { continue };
        for f in &r.findings {
            let (line, col) = src.line_col(f.span.start);
            // A message is one line; a stray line break would split the record.
            let message = f.message.replace(['\r', '\n'], " ");
            out.push_str(&format!(
                "{}:{line}:{col}: {} [{}] {message}\n",
                r.path,
                f.severity.as_str(),
                f.rule
            ));
        }
    }
    out
}
