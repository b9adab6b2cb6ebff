//! GitHub Actions workflow commands: `::error file=…,line=…,col=…,endLine=…,endColumn=…,
//! title=…::message`, which the runner turns into annotations on the pull request.
//! Warnings are `::warning`, info findings `::notice`.

use crate::engine::FileReport;
use crate::finding::{Finding, Severity};
use crate::source::Source;

/// Escapes a command's message: `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as the message, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(reports: &[FileReport]) -> String {
    super::render(super::Format::Github, reports)
}

/// One file's workflow commands.
pub fn fragment(path: &str, src: &Source, findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let (line, col) = src.line_col(f.span.start);
        let (end_line, end_col) = src.line_col(f.span.end);
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = f.message.clone();
        if let Some(h) = &f.help {
            message.push_str("\nhelp: ");
            message.push_str(h);
        }
        out.push_str(&format!(
            "::{command} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}\n",
            escape_property(path),
            escape_property(&format!("tally {}", f.rule)),
            escape_data(&message),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
