//! Human output through miette: the finding's span in context, its labels and help.

use crate::engine::FileReport;
use crate::finding::{Finding, Severity};
use crate::source::Source;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, SourceCode,
    SourceSpan, SpanContents,
};
use std::fmt;
use std::ops::Range;

/// Lines longer than this (in characters) are cropped around the spans on them: drafts often
/// hold a whole paragraph on one line, and a 1,500-character line drawn in full buries the
/// finding.
const LONG_LINE: usize = 160;
/// Characters kept on each side of a span on a cropped line.
const AROUND: usize = 50;

/// A piece of the original text kept in the cropped view: `len` bytes from original offset
/// `o` appear at view offset `v`.
#[derive(Debug, Clone, Copy)]
struct Piece {
    v: usize,
    o: usize,
    len: usize,
}

/// The file as shown: every line present (so line numbers hold), long lines cropped to the
/// parts around the spans with "…" for what was left out. Columns in the header are the
/// original's, in characters.
struct Cropped<'s> {
    name: String,
    src: &'s Source,
    text: String,
    pieces: Vec<Piece>,
    /// Where each line of the view starts, so that a finding reads only its own lines and a
    /// draft with many findings renders in linear time.
    line_starts: Vec<usize>,
}

fn back_chars(text: &str, mut at: usize, n: usize, floor: usize) -> usize {
    for _ in 0..n {
        if at <= floor {
            return floor;
        }
        at -= 1;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
    }
    at.max(floor)
}

fn forward_chars(text: &str, mut at: usize, n: usize, ceil: usize) -> usize {
    for _ in 0..n {
        if at >= ceil {
            return ceil;
        }
        at += 1;
        while at < text.len() && !text.is_char_boundary(at) {
            at += 1;
        }
    }
    at.min(ceil)
}

impl<'s> Cropped<'s> {
    fn build(src: &'s Source, spans: &[Range<usize>]) -> Cropped<'s> {
        let t = &src.text;
        let b = t.as_bytes();
        let mut sorted: Vec<Range<usize>> = spans.to_vec();
        sorted.sort_by_key(|r| r.start);
        let mut text = String::with_capacity(t.len().min(1 << 20));
        let mut pieces: Vec<Piece> = Vec::new();
        let keep = |text: &mut String, pieces: &mut Vec<Piece>, r: Range<usize>| {
            if r.is_empty() {
                return;
            }
            // Pieces that follow on in both texts are one piece: the mapping is the same and
            // a draft without long lines is a single piece.
            match pieces.last_mut() {
                Some(p) if p.o + p.len == r.start && p.v + p.len == text.len() => p.len += r.len(),
                _ => pieces.push(Piece {
                    v: text.len(),
                    o: r.start,
                    len: r.len(),
                }),
            }
            // A lone CR ends a line (as in `Source`); miette splits lines at LF only, so the
            // view writes it as LF, which keeps every offset.
            let mut from = r.start;
            for cr in memchr::memchr_iter(b'\r', &b[r.clone()]).map(|i| r.start + i) {
                if b.get(cr + 1) != Some(&b'\n') {
                    text.push_str(&t[from..cr]);
                    text.push('\n');
                    from = cr + 1;
                }
            }
            text.push_str(&t[from..r.end]);
        };
        // Lines shown whole are copied in runs: `run` is where the current run started.
        let mut run = 0;
        let mut ls = 0;
        let mut first_span = 0;
        while ls < t.len() {
            // The line's end (le) and the next line's start (nl): LF, CRLF or a lone CR.
            let (le, nl) = match memchr::memchr2(b'\n', b'\r', &b[ls..]).map(|i| ls + i) {
                Some(e) if b[e..].starts_with(b"\r\n") => (e, e + 2),
                Some(e) => (e, e + 1),
                None => (t.len(), t.len()),
            };
            // No more characters than bytes: most lines need no counting.
            if le - ls <= LONG_LINE || t[ls..le].chars().count() <= LONG_LINE {
                ls = nl;
                continue;
            }
            keep(&mut text, &mut pieces, run..ls);
            // Spans touching this line, clipped to it and widened by some context.
            while first_span < sorted.len() && sorted[first_span].end < ls {
                first_span += 1;
            }
            let mut windows: Vec<Range<usize>> = Vec::new();
            for r in sorted[first_span..].iter().take_while(|r| r.start <= le) {
                if r.end < ls {
                    continue;
                }
                let a = back_chars(t, r.start.max(ls), AROUND, ls);
                let b = forward_chars(t, r.end.min(le), AROUND, le);
                match windows.last_mut() {
                    Some(w) if a <= w.end => w.end = w.end.max(b),
                    _ => windows.push(a..b),
                }
            }
            if windows.is_empty() {
                windows.push(ls..forward_chars(t, ls, LONG_LINE / 2, le));
            }
            if windows[0].start > ls {
                text.push('…');
            }
            let last = windows.len() - 1;
            for (i, w) in windows.iter().enumerate() {
                keep(&mut text, &mut pieces, w.clone());
                if i < last {
                    text.push_str(" … ");
                }
            }
            if windows[last].end < le {
                text.push('…');
            }
            // The line break starts the next run.
            run = le;
            ls = nl;
        }
        keep(&mut text, &mut pieces, run..t.len());
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Cropped {
            name: String::new(),
            src,
            text,
            pieces,
            line_starts,
        }
    }

    /// Original offset to view offset.
    fn to_view(&self, o: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.o + p.len < o);
        match self.pieces.get(i) {
            Some(p) if p.o <= o => p.v + (o - p.o),
            Some(p) => p.v,
            None => self.text.len(),
        }
    }

    /// View offset to original offset.
    fn to_original(&self, v: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.v + p.len <= v);
        match self.pieces.get(i) {
            Some(p) if p.v <= v => p.o + (v - p.v),
            Some(p) => p.o,
            None => self.src.text.len(),
        }
    }

    fn span(&self, r: &Range<usize>) -> Range<usize> {
        let a = self.to_view(r.start);
        a..self.to_view(r.end).max(a)
    }
}

/// A span's lines as miette reads them. Like `MietteSpanContents`, but borrowing the file's
/// name instead of a copy for each of the four or so reads of a finding.
struct Lines<'a> {
    data: &'a [u8],
    span: SourceSpan,
    line: usize,
    column: usize,
    line_count: usize,
    name: &'a str,
}

impl<'a> SpanContents<'a> for Lines<'a> {
    fn data(&self) -> &'a [u8] {
        self.data
    }
    fn span(&self) -> &SourceSpan {
        &self.span
    }
    fn name(&self) -> Option<&str> {
        Some(self.name)
    }
    fn line(&self) -> usize {
        self.line
    }
    fn column(&self) -> usize {
        self.column
    }
    fn line_count(&self) -> usize {
        self.line_count
    }
}

impl Cropped<'_> {
    /// The span's lines and their context: the view's lines `first..` from `lo` to `hi`, with
    /// the span's offset relative to `lo`.
    fn window(
        &self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> (usize, usize, &[u8], usize) {
        let line_of = |o: usize| {
            self.line_starts
                .partition_point(|&s| s <= o)
                .saturating_sub(1)
        };
        let first = line_of(span.offset()).saturating_sub(before);
        let last = line_of(span.offset() + span.len().saturating_sub(1)) + after;
        let lo = self.line_starts[first];
        let hi = self
            .line_starts
            .get(last + 1)
            .copied()
            .unwrap_or(self.text.len());
        (first, lo, &self.text.as_bytes()[lo..hi], span.offset() - lo)
    }

    /// miette's header gives the column in bytes of the view; give the original's, in
    /// characters, as every other format does. miette asks for it with no context lines.
    fn column(&self, span: &SourceSpan) -> usize {
        self.src.line_col(self.to_original(span.offset())).1 - 1
    }

    /// What miette's reader for bytes gives on the span's lines, scanning them.
    fn lines_scanned(
        &self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Lines<'_>, MietteError> {
        let (first, lo, bytes, at) = self.window(span, before, after);
        let local = SourceSpan::new(at.into(), span.len());
        let c = bytes.read_span(&local, before, after)?;
        Ok(Lines {
            data: c.data(),
            span: SourceSpan::new((c.span().offset() + lo).into(), c.span().len()),
            line: c.line() + first,
            column: if before == 0 {
                self.column(span)
            } else {
                c.column()
            },
            line_count: c.line_count(),
            name: &self.name,
        })
    }

    /// The same without the scan, in the two cases miette asks for, the span not being
    /// empty: context on both sides (the handler's one line), and the primary span alone
    /// (for the header). The window holds exactly the lines wanted and the view has no lone
    /// CR, so the scan reads the whole window with context, or the span alone without
    /// (unless it ends on a CR, whose LF the scan takes too); it counts each LF as a line
    /// and starts at the window's first line. Differentially tested against the scan.
    fn lines(
        &self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Lines<'_>, MietteError> {
        let (first, lo, bytes, at) = self.window(span, before, after);
        let end = at + span.len();
        let lfs = |b: &[u8]| memchr::memchr_iter(b'\n', b).count();
        if span.is_empty() || end > bytes.len() {
            return self.lines_scanned(span, before, after);
        }
        if before > 0 && after > 0 {
            return Ok(Lines {
                data: bytes,
                span: SourceSpan::new(lo.into(), bytes.len()),
                line: first,
                column: 0,
                line_count: lfs(bytes),
                name: &self.name,
            });
        }
        if before == 0 && after == 0 && bytes[end - 1] != b'\r' {
            return Ok(Lines {
                data: &bytes[at..end],
                span: *span,
                line: first,
                column: self.column(span),
                line_count: lfs(&bytes[..end]),
                name: &self.name,
            });
        }
        self.lines_scanned(span, before, after)
    }
}

impl SourceCode for Cropped<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        Ok(Box::new(self.lines(
            span,
            context_lines_before,
            context_lines_after,
        )?))
    }
}

struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    source: &'a Cropped<'a>,
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
            self.source.span(&f.span),
        ));
        for l in &f.labels {
            if l.span == f.span {
                continue;
            }
            labels.push(LabeledSpan::new_with_span(
                Some(l.text.clone()),
                self.source.span(&l.span),
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
    super::render(super::Format::Human { color }, reports)
}

/// One file's findings drawn with their source lines.
pub fn fragment(
    path: &str,
    src: &Source,
    findings: &[Finding],
    color: bool,
    threads: usize,
) -> String {
    if findings.is_empty() {
        return String::new();
    }
    let spans: Vec<Range<usize>> = findings
        .iter()
        .flat_map(|f| {
            std::iter::once(f.span.clone()).chain(f.labels.iter().map(|l| l.span.clone()))
        })
        .collect();
    let mut named = Cropped::build(src, &spans);
    named.name = path.to_string();
    let render = |findings: &[Finding]| render_findings(path, &named, findings, color);
    // Each finding renders on its own (miette takes some 100,000 instructions for one), so a
    // draft's findings can be cut into runs rendered side by side and joined in order.
    let threads = threads.min(findings.len() / MIN_FINDINGS_PER_THREAD).max(1);
    if threads == 1 {
        return render(findings);
    }
    let per = findings.len().div_ceil(threads);
    let mut runs = findings.chunks(per);
    let first = runs.next().unwrap_or_default();
    std::thread::scope(|scope| {
        let others: Vec<_> = runs.map(|run| scope.spawn(move || render(run))).collect();
        let mut out = render(first);
        for h in others {
            match h.join() {
                Ok(part) => out.push_str(&part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

/// Fewest findings worth a thread of their own.
const MIN_FINDINGS_PER_THREAD: usize = 4;

/// The width miette draws to.
const WIDTH: usize = 100;

/// The two handlers a run of findings is drawn with: they differ only in whether the
/// message and help go through textwrap, which takes about a third of miette's time on a
/// finding (Unicode line breaking) and changes nothing when the text fits on its line.
struct Handlers {
    wrapping: GraphicalReportHandler,
    plain: GraphicalReportHandler,
    /// Columns at most of the indent before the message, by severity: "  ☞ ".
    message_indent: [usize; 3],
}

impl Handlers {
    fn new(color: bool) -> Handlers {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let c = &theme.characters;
        let message_indent = [&c.error, &c.warning, &c.advice].map(|icon| 3 + cols_at_most(icon));
        let wrapping = GraphicalReportHandler::new_themed(theme)
            .with_width(WIDTH)
            .with_links(false)
            .with_context_lines(1);
        let plain = wrapping.clone().with_wrap_lines(false);
        Handlers {
            wrapping,
            plain,
            message_indent,
        }
    }

    fn for_finding(&self, f: &Finding) -> &GraphicalReportHandler {
        let indent = self.message_indent[match f.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }];
        // The help's indent is "  help: ".
        let fits = fits_one_line(&f.message, indent)
            && f.help.as_ref().is_none_or(|h| fits_one_line(h, 8));
        if fits {
            &self.plain
        } else {
            &self.wrapping
        }
    }
}

/// Columns `s` takes at most as textwrap counts them (a character is never wider than 3,
/// U+17D8; escape sequences count for nothing).
fn cols_at_most(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 3 }).sum()
}

/// Whether textwrap, filling `text` after an indent of at most `indent` columns to miette's
/// width, gives back the indent and `text` unchanged, as miette writes it when it does not
/// wrap: one line (no line break, and short enough that first-fit never breaks it, even
/// counting a hyphen penalty), nothing trimmed (no trailing space), and not blank (miette
/// trims the indent before a blank line). Control characters are left to textwrap.
fn fits_one_line(text: &str, indent: usize) -> bool {
    let mut cols = indent;
    for c in text.chars() {
        cols += if c.is_ascii() { 1 } else { 3 };
        if c.is_control() || cols >= WIDTH - 2 {
            return false;
        }
    }
    !text.ends_with(' ') && !text.trim().is_empty()
}

fn render_findings(path: &str, named: &Cropped, findings: &[Finding], color: bool) -> String {
    let handlers = Handlers::new(color);
    let mut out = String::new();
    for f in findings {
        let d = FindingDiagnostic {
            finding: f,
            source: named,
        };
        if handlers.for_finding(f).render_report(&mut out, &d).is_err() {
            out.push_str(&format!("{path}: [{}] {}\n", f.rule, f.message));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{check_source, Settings};
    use crate::eval::Rng;
    use crate::knowledge::Knowledge;

    /// Findings rendered in runs on several threads read as rendered on one.
    #[test]
    fn rendering_on_threads_joins_in_order() {
        let kb = Knowledge::builtin();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/corpus");
        let mut text = String::new();
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "md") {
                text.push_str(&std::fs::read_to_string(e.path()).unwrap());
                text.push_str("\n\n");
            }
        }
        let r = check_source(Source::from_string("c.md", text), &kb, &Settings::default());
        let src = r.source.as_ref().unwrap();
        assert!(
            r.findings.len() >= 3 * MIN_FINDINGS_PER_THREAD,
            "{}",
            r.findings.len()
        );
        for color in [false, true] {
            let one = fragment("c.md", src, &r.findings, color, 1);
            assert_eq!(fragment("c.md", src, &r.findings, color, 2), one);
            assert_eq!(fragment("c.md", src, &r.findings, color, 3), one);
        }
    }

    /// Random drafts: short and long lines (cropped), LF, CRLF and lone CR, accents, CJK,
    /// emoji and tabs, so that spans fall anywhere, line ends and view edits included.
    fn random_text(rng: &mut Rng) -> String {
        const BITS: [&str; 14] = [
            "word ",
            "Préambule ",
            "日本語",
            "🎉",
            "\t",
            "–",
            "States Parties ",
            "a",
            " ",
            "\n",
            "\r\n",
            "\r",
            "\n\n",
            "(b) ",
        ];
        let mut text = String::new();
        for _ in 0..rng.below(400) {
            let bit = BITS[rng.below(BITS.len())];
            // Long runs without a break, so that some lines are cropped.
            let times = if rng.below(8) == 0 { 60 } else { 1 };
            for _ in 0..times {
                text.push_str(bit);
            }
        }
        text
    }

    fn random_span(rng: &mut Rng, text: &str) -> Range<usize> {
        let at =
            |rng: &mut Rng| crate::source::floor_char_boundary(text, rng.below(text.len() + 1));
        let (a, b) = (at(rng), at(rng));
        if rng.below(4) == 0 {
            a..a
        } else {
            a.min(b)..a.max(b).min(a.min(b) + 300)
        }
    }

    /// The view's own reading of a span's lines gives what miette's scan of them gives.
    #[test]
    fn reading_lines_matches_the_scan() {
        let mut rng = Rng::new(11);
        let mut fast = 0;
        for _ in 0..400 {
            let text = random_text(&mut rng);
            let src = Source::from_string("r.md", text.clone());
            let spans: Vec<Range<usize>> = (0..1 + rng.below(6))
                .map(|_| random_span(&mut rng, &text))
                .collect();
            let view = Cropped::build(&src, &spans);
            for r in &spans {
                let v = view.span(r);
                for (before, after) in [(1, 1), (0, 0), (2, 1), (1, 2), (0, 1), (1, 0)] {
                    let span = SourceSpan::new(v.start.into(), v.len());
                    let got = view.lines(&span, before, after);
                    let want = view.lines_scanned(&span, before, after);
                    match (got, want) {
                        (Ok(g), Ok(w)) => {
                            assert_eq!(
                                (g.data, g.span, g.line, g.column, g.line_count, g.name),
                                (w.data, w.span, w.line, w.column, w.line_count, w.name),
                                "{span:?} {before} {after} {text:?}"
                            );
                        }
                        (Err(_), Err(_)) => {}
                        (g, w) => panic!("{:?} against {:?}", g.is_ok(), w.is_ok()),
                    }
                    fast += usize::from(!v.is_empty() && before == after && before < 2);
                }
            }
        }
        assert!(fast > 1000, "{fast}");
    }

    /// A finding whose message and help are taken to fit is drawn the same by the handler
    /// that does not wrap as by the one that does.
    #[test]
    fn unwrapped_findings_draw_as_wrapped() {
        const WORDS: [&str; 16] = [
            "States",
            "Parties",
            "\"seven\"",
            "well-known",
            "–",
            "“quoted”",
            "Türkiye",
            "日本",
            "🎉",
            "\u{17D8}",
            "(a)",
            "1,963.3",
            "and/or",
            "paragraph",
            "x",
            "  ",
        ];
        let text =
            "# T\n\nThe Committee met twice and reviewed the reports received.\n".to_string();
        let src = Source::from_string("w.md", text);
        let view = Cropped::build(&src, std::slice::from_ref(&(15..24)));
        let mut rng = Rng::new(5);
        let (mut plain, mut near) = (0, 0);
        for color in [false, true] {
            let handlers = Handlers::new(color);
            for i in 0..1000 {
                let sentence = |rng: &mut Rng| {
                    let mut s = String::new();
                    for _ in 0..rng.below(18) {
                        s.push_str(WORDS[rng.below(WORDS.len())]);
                        s.push(' ');
                    }
                    s.truncate(s.trim_end().len() + rng.below(2));
                    s
                };
                let severity = [Severity::Error, Severity::Warning, Severity::Info][i % 3];
                let mut f = Finding::new("count-list", severity, 15..24, sentence(&mut rng));
                f.help = (i % 4 != 0).then(|| sentence(&mut rng));
                let d = FindingDiagnostic {
                    finding: &f,
                    source: &view,
                };
                let handler = handlers.for_finding(&f);
                if !std::ptr::eq(handler, &handlers.plain) {
                    continue;
                }
                let (mut a, mut b) = (String::new(), String::new());
                handlers.wrapping.render_report(&mut a, &d).unwrap();
                handlers.plain.render_report(&mut b, &d).unwrap();
                assert_eq!(a, b, "{f:?}");
                plain += 1;
                let longest = f.message.len().max(f.help.as_ref().map_or(0, |h| h.len()));
                near += usize::from(longest > 80);
            }
        }
        assert!(plain > 300 && near > 20, "{plain} {near}");
    }

    #[test]
    fn cropping_keeps_lines_and_span_texts() {
        let long = format!(
            "{}Three States Parties – Chile, Peru, Ecuador and Bolivia (Plurinational State of) – reported. {}\r\n",
            "Préambule, ".repeat(30),
            "Fin ".repeat(60)
        );
        let text = format!(
            "\u{FEFF}# T\r\n\r\n{long}\r\nshort\r\n{}\n",
            "x".repeat(400)
        );
        let src = Source::from_string("t.md", text.clone());
        let start = text.find("Three").unwrap();
        let list = text.find("Chile").unwrap()..text.find(" – reported").unwrap();
        let spans = vec![start..start + 5, list.clone()];
        let view = Cropped::build(&src, &spans);
        assert_eq!(view.text.lines().count(), text.lines().count());
        for r in &spans {
            assert_eq!(&view.text[view.span(r)], &text[r.clone()]);
            assert_eq!(view.to_original(view.to_view(r.start)), r.start);
        }
        assert!(view.text.len() < text.len() / 2);
        assert!(view.text.contains("…"));
    }

    #[test]
    fn long_paragraph_snapshot() {
        let text = format!(
            "# Review\n\n{}Since then, seven States Parties have taken part - Chile, Peru, Ecuador, Bolivia (Plurinational State of), Brazil, Guyana, Suriname and Uruguay. {}\n",
            "The Committee met twice and reviewed the reports received. ".repeat(8),
            "It thanked them for their work. ".repeat(8)
        );
        let report = check_source(
            Source::from_string("review.md", text),
            &Knowledge::builtin(),
            &Settings::default(),
        );
        assert_eq!(report.findings.len(), 1);
        insta::assert_snapshot!(render(&[report], false));
    }
}
