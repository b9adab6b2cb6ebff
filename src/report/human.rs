//! Human output through miette: the finding's span in context, its labels and help.

use crate::engine::FileReport;
use crate::finding::{Finding, Severity};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};
use std::fmt;

struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    source: &'a NamedSource<String>,
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let f = self.finding;
        let mut labels: Vec<LabeledSpan> = Vec::new();
        let primary_label = f.labels.iter().find(|l| l.span == f.span);
        labels.push(LabeledSpan::new_primary_with_span(
            primary_label.map(|l| l.text.clone()),
            f.span.start..f.span.end.max(f.span.start),
        ));
        for l in &f.labels {
            if l.span == f.span {
                continue;
            }
            labels.push(LabeledSpan::new_with_span(
                Some(l.text.clone()),
                l.span.clone(),
            ));
        }
        Some(Box::new(labels.into_iter()))
    }
}

/// Whether to colour: only on a terminal, and never when NO_COLOR is set.
pub fn use_color(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn render(reports: &[FileReport], color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false)
        .with_context_lines(1);
    let mut out = String::new();
    for r in reports {
        let Some(src) = &r.source else { continue };
        if r.findings.is_empty() {
            continue;
        }
        let named = NamedSource::new(&r.path, src.text.clone());
        for f in &r.findings {
            let d = FindingDiagnostic {
                finding: f,
                source: &named,
            };
            if handler.render_report(&mut out, &d).is_err() {
                out.push_str(&format!("{}: [{}] {}\n", r.path, f.rule, f.message));
            }
        }
    }
    out
}
