use super::{Context, Rule};
use crate::declare_rule;
use crate::extract::dates::{self, Problem, MONTHS, WEEKDAYS};
use crate::finding::{Finding, Severity};

declare_rule! {
    /// ## What it does
    /// Checks every calendar date in the draft: days that do not exist ("31 June 2019",
    /// "29 February 2019"), ranges that run backwards ("29-26 November 2019") and weekdays
    /// that do not match the date ("Monday, 26 November 2019" was a Tuesday).
    ///
    /// Dates are read in the forms drafts use: "26-29 November 2019", "26–29 November
    /// 2019", "22 to 24 May 2019", "26 November to 2 December 2019", "November 26, 2019",
    /// "June 21–25, 2021", "Monday, 26 November 2019" and "2019-11-26". Leap years follow the
    /// Gregorian calendar; a date without a year is only checked against its month.
    ///
    /// ## Why is this bad?
    /// A date that cannot be right sends readers to the wrong day, or tells them the draft
    /// was never checked. Meeting dates are copied into calendars and travel plans.
    ///
    /// ## Example
    /// ```markdown
    /// The workshop was held on 31 September 2021.
    /// ```
    /// fires (September has 30 days). These stay quiet:
    /// ```markdown
    /// Oslo, 26–29 November 2019
    /// Tuesday, 26 November 2019
    /// ```
    ///
    /// ## Fix
    /// Check the date against the source (the meeting notice, the calendar) and correct it.
    /// tally cannot know which part is wrong, so it changes nothing.
    pub struct Date {
        id: "date",
        severity: Error,
        summary: "a date that does not exist, a range that runs backwards or a wrong weekday",
    }
}

fn show(d: &dates::Day) -> String {
    let month = MONTHS[(d.month - 1) as usize];
    match d.year {
        Some(y) => format!("{} {month} {y}", d.day),
        None => format!("{} {month}", d.day),
    }
}

impl Rule for Date {
    fn meta(&self) -> &'static super::Meta {
        &Self::META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for unit in &doc.units {
            for d in dates::find(&unit.text) {
                let span = unit.span_of(d.range.clone());
                let written = &doc.source.text[span.clone()];
                // The date as written, without its weekday: "November 10, 2022".
                let bare = match &d.weekday {
                    Some((_, r)) => unit.text[r.end..d.range.end]
                        .trim_start_matches([',', ' '])
                        .to_string(),
                    None => written.to_string(),
                };
                for p in d.problems() {
                    let (message, help) = match p {
                        Problem::NoSuchDay(day) => {
                            let month = MONTHS[(day.month - 1) as usize];
                            let max = dates::days_in_month(day.year, day.month);
                            let why = match day.year {
                                Some(y) if day.month == 2 && day.day == 29 => {
                                    format!("{y} is not a leap year")
                                }
                                None if day.month == 2 => {
                                    format!("{month} has at most {max} days")
                                }
                                _ => format!("{month} has {max} days"),
                            };
                            let what = if d.end.is_none() && d.weekday.is_none() {
                                format!("\"{written}\" does not exist")
                            } else {
                                format!("\"{written}\": {} does not exist", show(&day))
                            };
                            (
                                format!("{what}: {why}"),
                                "check the date against the source and correct it".to_string(),
                            )
                        }
                        Problem::Backwards => (
                            format!("the date range \"{written}\" runs backwards: it ends before it starts"),
                            "check the order of the two dates".to_string(),
                        ),
                        Problem::WrongWeekday(w, actual) => (
                            format!(
                                "\"{written}\": {bare} was a {}, not a {}",
                                WEEKDAYS[actual as usize],
                                WEEKDAYS[w as usize]
                            ),
                            "correct the weekday or the date".to_string(),
                        ),
                    };
                    let mut f =
                        Finding::new(self.meta().id, Severity::Error, span.clone(), message)
                            .help(help);
                    if let (Problem::WrongWeekday(..), Some((_, r))) = (&p, &d.weekday) {
                        f = f.label(unit.span_of(r.clone()), "this weekday");
                    }
                    out.push(f);
                }
            }
        }
    }
}
