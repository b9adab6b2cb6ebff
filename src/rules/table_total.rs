use super::{Context, Rule};
use crate::decimal::{Dec, Interval};
use crate::declare_rule;
use crate::extract::numbers::{number_at, spell};
use crate::finding::{Finding, Severity};
use crate::markdown::BlockKind;
use crate::text::{fold, tokens};
use std::collections::BTreeMap;
use std::ops::Range;

declare_rule! {
    /// ## What it does
    /// Checks the total rows and total columns of Markdown tables ("Total", "Sum", "All")
    /// against the figures they add up: a "Total" row that says 38 under 9, 7, 15 and 5.
    ///
    /// Figures with decimals are read as rounded ("14.1" is 14.05 to 14.15), so a total that
    /// differs from its column only by rounding holds. Empty cells and cells with "-", "–" or
    /// "n/a" are skipped, and the finding says so. Columns with shares, rates or averages are
    /// not added. A total row that counts names ("13 States not party" under a column of
    /// twelve names) is a count against a list and is reported as count-list.
    ///
    /// ## Why is this bad?
    /// Tables are where readers check arithmetic first. A total that does not add up makes
    /// every figure in the table doubtful.
    ///
    /// ## Example
    /// ```markdown
    /// | Region | Reports |
    /// |---|---:|
    /// | Africa | 9 |
    /// | Europe | 15 |
    /// | Total | 25 |
    /// ```
    /// fires (9 + 15 = 24). This stays quiet:
    /// ```markdown
    /// | Region | 2022 | 2023 |
    /// |---|---:|---:|
    /// | Africa | 14.1 | 9.4 |
    /// | Europe | 6.3 | – |
    /// | Total | 20.4 | 9.4 |
    /// ```
    ///
    /// ## Fix
    /// Correct the total or the figure that is wrong; the help gives the sum.
    pub struct TableTotal {
        id: "table-total",
        severity: Error,
        summary: "a table total that does not match its column or row",
    }
}

struct Cell {
    text: String,
    span: Range<usize>,
    block: usize,
}

enum Val {
    Num(Dec),
    Blank,
    Other,
}

fn value(text: &str) -> Val {
    let t = text.trim();
    if matches!(t, "" | "-" | "–" | "—" | ".." | "..." | "…")
        || t.eq_ignore_ascii_case("n/a")
        || t.eq_ignore_ascii_case("na")
        || t.eq_ignore_ascii_case("n.a.")
    {
        return Val::Blank;
    }
    match Dec::parse(t) {
        // Grouping must be real thousands groups.
        Some(d)
            if t.split('.')
                .next()
                .is_some_and(|ip| ip.split(',').skip(1).all(|g| g.len() == 3)) =>
        {
            Val::Num(d)
        }
        _ => Val::Other,
    }
}

fn is_total_label(text: &str) -> bool {
    let f = fold(text.trim());
    let first = f.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    matches!(first, "total" | "sum" | "all" | "overall") || f.starts_with("grand total")
}

/// Headers of columns that do not add up.
fn not_additive(header: &str) -> bool {
    let f = fold(header);
    [
        "%",
        "per cent",
        "percent",
        "share",
        "rate",
        "average",
        "mean",
        "median",
        "ratio",
        "change",
        "per capita",
        "index",
    ]
    .iter()
    .any(|w| f.contains(w))
}

/// The interval a table figure stands for: whole numbers exactly, decimals rounded.
fn interval(d: Dec) -> Interval {
    if d.s == 0 {
        Interval::point(d)
    } else {
        Interval::stated(d, d.ulp(), d.ulp(), None).unwrap_or(Interval::point(d))
    }
}

impl Rule for TableTotal {
    fn meta(&self) -> &'static super::Meta {
        &Self::META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let mut tables: BTreeMap<usize, BTreeMap<(usize, usize), Cell>> = BTreeMap::new();
        let mut header_rows: BTreeMap<usize, usize> = BTreeMap::new();
        for (bi, b) in doc.markdown.blocks.iter().enumerate() {
            if let BlockKind::TableCell {
                table,
                row,
                col,
                header,
            } = b.kind
            {
                tables.entry(table).or_default().insert(
                    (row, col),
                    Cell {
                        text: b.text.clone(),
                        span: b.span.clone(),
                        block: bi,
                    },
                );
                if header {
                    header_rows.insert(table, row);
                }
            }
        }
        for (t, cells) in &tables {
            let rows = cells.keys().map(|k| k.0).max().map_or(0, |r| r + 1);
            let cols = cells.keys().map(|k| k.1).max().map_or(0, |c| c + 1);
            let header = header_rows.get(t).copied();
            let body_start = header.map_or(0, |h| h + 1);
            let text = |r: usize, c: usize| cells.get(&(r, c)).map_or("", |c| c.text.as_str());
            let total_rows: Vec<usize> = (body_start..rows)
                .filter(|&r| is_total_label(text(r, 0)))
                .collect();
            let total_cols: Vec<usize> = match header {
                Some(h) => (1..cols).filter(|&c| is_total_label(text(h, c))).collect(),
                None => Vec::new(),
            };
            // Nested breakdowns ("of which") make plain column sums wrong.
            let nested = (body_start..rows).any(|r| {
                let f = fold(text(r, 0));
                f.starts_with("of which")
                    || f.starts_with("incl")
                    || f.starts_with("subtotal")
                    || f.starts_with("- ")
            });
            if nested {
                continue;
            }
            let mut prev = body_start;
            for &tr in &total_rows {
                let part_rows: Vec<usize> =
                    (prev..tr).filter(|r| !total_rows.contains(r)).collect();
                prev = tr + 1;
                for c in 1..cols {
                    if header.is_some_and(|h| not_additive(text(h, c))) {
                        continue;
                    }
                    let items: Vec<(usize, usize)> = part_rows.iter().map(|&r| (r, c)).collect();
                    let what = match header {
                        Some(h) if !text(h, c).trim().is_empty() => {
                            format!("column \"{}\"", text(h, c).trim())
                        }
                        _ => format!("column {}", c + 1),
                    };
                    self.check_sum(cells, (tr, c), &items, &what, out);
                }
            }
            // A last row that counts the names above it: "13 States not party".
            if rows > body_start + 2 {
                let last = rows - 1;
                for c in 0..cols {
                    if let Some(tcell) = cells.get(&(last, c)) {
                        let items: Vec<(usize, usize)> =
                            (body_start..last).map(|r| (r, c)).collect();
                        self.count_names(doc, cells, tcell, &items, out);
                    }
                }
            }
            for &tc in &total_cols {
                let part_cols: Vec<usize> = (1..cols)
                    .filter(|c| !total_cols.contains(c))
                    .filter(|&c| !header.is_some_and(|h| not_additive(text(h, c))))
                    .collect();
                if part_cols.len() + total_cols.len() + 1 != cols {
                    continue;
                }
                for r in body_start..rows {
                    let items: Vec<(usize, usize)> = part_cols.iter().map(|&c| (r, c)).collect();
                    let what = format!("row \"{}\"", text(r, 0).trim());
                    self.check_sum(cells, (r, tc), &items, &what, out);
                }
            }
        }
    }
}

impl TableTotal {
    fn check_sum(
        &self,
        cells: &BTreeMap<(usize, usize), Cell>,
        total: (usize, usize),
        items: &[(usize, usize)],
        what: &str,
        out: &mut Vec<Finding>,
    ) {
        let Some(tcell) = cells.get(&total) else {
            return;
        };
        let t = match value(&tcell.text) {
            Val::Num(d) => d,
            Val::Blank => return,
            Val::Other => return,
        };
        let mut nums = Vec::new();
        let mut skipped = Vec::new();
        for k in items {
            let Some(c) = cells.get(k) else {
                continue;
            };
            match value(&c.text) {
                Val::Num(d) => nums.push((d, c)),
                Val::Blank => skipped.push(c),
                Val::Other => return,
            }
        }
        if nums.len() < 2 {
            return;
        }
        let Some(sum_iv) = nums
            .iter()
            .try_fold(Interval::point(Dec::ZERO), |acc, (d, _)| {
                acc.plus(interval(*d))
            })
        else {
            return;
        };
        if sum_iv.meets(interval(t)) {
            return;
        }
        let Some(sum) = nums
            .iter()
            .try_fold(Dec::ZERO, |acc, (d, _)| acc.checked_add(*d))
        else {
            return;
        };
        let decimals = nums.iter().map(|(d, _)| d.s).max().unwrap_or(0).max(t.s);
        let sum_text = sum.display_with(decimals);
        let mut f = Finding::new(
            self.meta().id,
            Severity::Error,
            tcell.span.clone(),
            format!(
                "the total of {what} says {} but {} = {sum_text}",
                tcell.text.trim(),
                nums.iter()
                    .map(|(_, c)| c.text.trim())
                    .collect::<Vec<_>>()
                    .join(" + ")
            ),
        )
        .label(tcell.span.clone(), format!("says {}", tcell.text.trim()));
        let first = nums[0].1.span.start;
        let last = nums[nums.len() - 1].1.span.end;
        f = f.label(
            first.min(last)..last.max(first),
            format!("add up to {sum_text}"),
        );
        for s in &skipped {
            let shown = if s.text.trim().is_empty() {
                "blank"
            } else {
                s.text.trim()
            };
            let span = if s.span.is_empty() {
                s.span.start..s.span.start
            } else {
                s.span.clone()
            };
            f = f.label(span, format!("\"{shown}\" cell skipped"));
        }
        out.push(f.help(format!(
            "the figures add up to {sum_text}: correct the total or one of the figures"
        )));
    }

    /// A total cell that counts names ("13 States not party") under a column of names.
    fn count_names(
        &self,
        doc: &crate::extract::Document,
        cells: &BTreeMap<(usize, usize), Cell>,
        tcell: &Cell,
        items: &[(usize, usize)],
        out: &mut Vec<Finding>,
    ) {
        let s = tcell.text.trim();
        let toks = tokens(s, 0..s.len());
        let Some(n) = number_at(s, &toks, 0) else {
            return;
        };
        let Some(count) = n.int else { return };
        if toks.len() <= n.tokens || n.range.start != 0 {
            return;
        }
        let names: Vec<&Cell> = items.iter().filter_map(|k| cells.get(k)).collect();
        if names.len() < 2
            || names
                .iter()
                .any(|c| c.text.trim().is_empty() || c.text.chars().any(|ch| ch.is_ascii_digit()))
        {
            return;
        }
        // Every cell must be a known name: otherwise the column is not a list of names.
        let known = names.iter().all(|c| {
            let b = &doc.markdown.blocks[c.block];
            doc.mentions
                .iter()
                .any(|m| b.span.start <= m.span.start && m.span.end <= b.span.end)
        });
        let listed = names.len() as u64;
        if !known || listed == count {
            return;
        }
        let span = names[0].span.start..names[names.len() - 1].span.end;
        out.push(
            Finding::new(
                "count-list",
                Severity::Error,
                tcell.span.clone(),
                format!(
                    "\"{s}\" but {} names are listed above it",
                    spell(listed, n.written)
                ),
            )
            .label(tcell.span.clone(), format!("says {}", &s[n.range.clone()]))
            .label(span, format!("{listed} names"))
            .help(format!(
                "did you mean {}? If the count is right, the column is missing or repeats a name",
                spell(listed, n.written)
            )),
        );
    }
}
