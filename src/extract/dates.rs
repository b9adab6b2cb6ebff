//! Calendar dates in the forms drafts use, with their spans and what is wrong with them.
//!
//! "15 October 2019", "26-29 November 2019", "26–29 November 2019", "22 to 24 May 2019",
//! "26 November to 2 December 2019", "Monday, 26 November 2019", "November 26, 2019",
//! "June 21–25, 2021" and "2019-11-26". A date is only read where a month name or the ISO
//! shape makes it unmistakable; a bare "26/11" is left alone.

use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A calendar day as written; `year` is absent in "26 November".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub year: Option<i32>,
    /// 1 to 12.
    pub month: u32,
    pub day: u32,
}

/// A date or a date range found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// The whole mention in the text, weekday included.
    pub range: Range<usize>,
    pub start: Day,
    /// The end of a range ("26-29 November": the 29th).
    pub end: Option<Day>,
    /// A weekday written before the date, 0 = Monday, with its range.
    pub weekday: Option<(u32, Range<usize>)>,
}

/// What is wrong with a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The day does not exist in its month ("31 June", "29 February 2019").
    NoSuchDay(Day),
    /// The range ends before it starts.
    Backwards,
    /// The weekday written is not the weekday of the date: (written, actual).
    WrongWeekday(u32, u32),
}

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in a month; February has 29 when the year is unknown, since it may be a leap year.
pub fn days_in_month(year: Option<i32>, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

/// Day of the week, 0 = Monday, by Sakamoto's method for the Gregorian calendar.
pub fn weekday(year: i32, month: u32, day: u32) -> u32 {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let sunday_based =
        (y + y / 4 - y / 100 + y / 400 + T[(month - 1) as usize] + day as i32).rem_euclid(7);
    ((sunday_based + 6) % 7) as u32
}

impl Day {
    pub fn valid(&self) -> bool {
        self.day >= 1 && self.day <= days_in_month(self.year, self.month)
    }

    fn key(&self) -> (i32, u32, u32) {
        (self.year.unwrap_or(0), self.month, self.day)
    }
}

impl DateMention {
    /// Everything wrong with this date, in the order an editor would fix it.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        for d in std::iter::once(&self.start).chain(self.end.as_ref()) {
            if !d.valid() {
                out.push(Problem::NoSuchDay(*d));
            }
        }
        if !out.is_empty() {
            return out;
        }
        if let Some(end) = &self.end {
            let comparable = self.start.year.is_some() == end.year.is_some();
            if comparable && end.key() < self.start.key() {
                out.push(Problem::Backwards);
            }
        }
        if let (Some((w, _)), Some(y)) = (&self.weekday, self.start.year) {
            let actual = weekday(y, self.start.month, self.start.day);
            if actual != *w {
                out.push(Problem::WrongWeekday(*w, actual));
            }
        }
        out
    }
}

fn month_of(name: &str) -> Option<u32> {
    MONTHS.iter().position(|m| *m == name).map(|i| i as u32 + 1)
}

fn weekday_of(name: &str) -> Option<u32> {
    WEEKDAYS.iter().position(|m| *m == name).map(|i| i as u32)
}

fn patterns() -> &'static [Regex; 3] {
    static RE: OnceLock<[Regex; 3]> = OnceLock::new();
    RE.get_or_init(|| {
        let month = MONTHS.join("|");
        let wd = format!(r"(?:(?P<wd>{}),?\s+)?", WEEKDAYS.join("|"));
        let ord = r"(?:st|nd|rd|th)?";
        let dash = r"\s*[-–—‑]\s*|\s+to\s+";
        // Day first: "Monday, 26 November 2019", "26-29 November", "26 November to 2
        // December 2019".
        let day_first = format!(
            r"\b{wd}(?P<d1>\d{{1,2}}){ord}(?:\s+(?P<m1>{month}))?(?:,?\s+(?P<y1>\d{{4}}))??(?:(?:{dash})(?P<d2>\d{{1,2}}){ord})?\s+(?P<m2>{month})\b(?:,?\s+(?P<y2>\d{{4}})\b)?"
        );
        // Month first: "Friday, November 10, 2022", "June 21–25, 2021", "November 26".
        let month_first = format!(
            r"\b{wd}(?P<m1>{month})\s+(?P<d1>\d{{1,2}}){ord}(?:(?:{dash})(?:(?P<m2>{month})\s+)?(?P<d2>\d{{1,2}}){ord})?\b(?:,\s*(?P<y2>\d{{4}})\b)?"
        );
        let iso = r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b".to_string();
        [
            Regex::new(&day_first).expect("day-first date pattern"),
            Regex::new(&month_first).expect("month-first date pattern"),
            Regex::new(&iso).expect("ISO date pattern"),
        ]
    })
}

/// Every date in `text`, in order, without overlaps.
pub fn find(text: &str) -> Vec<DateMention> {
    let [day_first, month_first, iso] = patterns();
    let mut out: Vec<DateMention> = Vec::new();
    let num = |c: &regex::Captures, n: &str| c.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
    let year =
        |c: &regex::Captures, n: &str| c.name(n).and_then(|m| m.as_str().parse::<i32>().ok());
    let wd = |c: &regex::Captures| {
        c.name("wd")
            .and_then(|m| weekday_of(m.as_str()).map(|w| (w, m.range())))
    };
    for c in day_first.captures_iter(text) {
        let whole = c.get(0).expect("match");
        if preceded_by_number(text, c.name("d1").map_or(whole.start(), |m| m.start())) {
            continue;
        }
        let (Some(d1), Some(m2)) = (
            num(&c, "d1"),
            c.name("m2").and_then(|m| month_of(m.as_str())),
        ) else {
            continue;
        };
        let m1 = c.name("m1").and_then(|m| month_of(m.as_str()));
        let y2 = year(&c, "y2");
        let y1 = year(&c, "y1").or(y2);
        let d2 = num(&c, "d2");
        if d1 > 31 || d2.is_some_and(|d| d > 31) {
            continue;
        }
        let (start, end) = match (m1, d2) {
            // "26 November to 2 December 2019": a year ending before the first month
            // belongs to the next year.
            (Some(m1), Some(d2)) => {
                let y1 = match (year(&c, "y1"), y2) {
                    (Some(y), _) => Some(y),
                    (None, Some(y)) if m1 > m2 => Some(y - 1),
                    (None, y) => y,
                };
                (
                    Day {
                        year: y1,
                        month: m1,
                        day: d1,
                    },
                    Some(Day {
                        year: y2,
                        month: m2,
                        day: d2,
                    }),
                )
            }
            (None, Some(d2)) => (
                Day {
                    year: y2,
                    month: m2,
                    day: d1,
                },
                Some(Day {
                    year: y2,
                    month: m2,
                    day: d2,
                }),
            ),
            // "Monday, 26 November 2019" has one day and one month.
            (Some(_), None) => continue,
            (None, None) => (
                Day {
                    year: y1,
                    month: m2,
                    day: d1,
                },
                None,
            ),
        };
        out.push(DateMention {
            range: whole.range(),
            start,
            end,
            weekday: wd(&c),
        });
    }
    let mut more = Vec::new();
    for c in month_first.captures_iter(text) {
        let whole = c.get(0).expect("match");
        if out.iter().any(|d| overlaps(&d.range, &whole.range())) {
            continue;
        }
        let (Some(m1), Some(d1)) = (
            c.name("m1").and_then(|m| month_of(m.as_str())),
            num(&c, "d1"),
        ) else {
            continue;
        };
        // "May 10" needs a year or a comma-free context to be a date: "may" is a verb, but a
        // capitalised "May" followed by a number is a date in running prose.
        if text[whole.end()..].starts_with(|ch: char| ch.is_ascii_digit()) || d1 > 31 {
            continue;
        }
        let y = year(&c, "y2");
        let m2 = c
            .name("m2")
            .and_then(|m| month_of(m.as_str()))
            .unwrap_or(m1);
        let d2 = num(&c, "d2");
        if d2.is_some_and(|d| d > 31) {
            continue;
        }
        let start_year = match (y, d2) {
            (Some(y), Some(_)) if m1 > m2 => Some(y - 1),
            _ => y,
        };
        more.push(DateMention {
            range: whole.range(),
            start: Day {
                year: start_year,
                month: m1,
                day: d1,
            },
            end: d2.map(|d| Day {
                year: y,
                month: m2,
                day: d,
            }),
            weekday: wd(&c),
        });
    }
    for c in iso.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let (Some(y), Some(m), Some(d)) = (year(&c, "y"), num(&c, "m"), num(&c, "d")) else {
            continue;
        };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1000..3000).contains(&y) {
            continue;
        }
        more.push(DateMention {
            range: whole.range(),
            start: Day {
                year: Some(y),
                month: m,
                day: d,
            },
            end: None,
            weekday: None,
        });
    }
    out.extend(more);
    out.sort_by_key(|d| d.range.start);
    join_ranges(text, out)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// "1,412 May" or "3.15 June" is not a day of the month.
fn preceded_by_number(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && text[..at]
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| c.is_ascii_digit())
}

/// "from 1 April 2020 to 31 March 2021": two full dates joined by "to" or a dash are a range.
fn join_ranges(text: &str, dates: Vec<DateMention>) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::with_capacity(dates.len());
    for d in dates {
        if let Some(prev) = out.last_mut() {
            let between = text.get(prev.range.end..d.range.start).unwrap_or("x");
            let joiner = matches!(between.trim(), "to" | "-" | "–" | "—" | "until" | "through");
            if joiner
                && prev.end.is_none()
                && d.end.is_none()
                && d.weekday.is_none()
                && prev.start.year.is_some()
                && d.start.year.is_some()
            {
                prev.end = Some(d.start);
                prev.range.end = d.range.end;
                continue;
            }
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> DateMention {
        let d = find(s);
        assert_eq!(d.len(), 1, "{s}: {d:?}");
        d.into_iter().next().unwrap()
    }

    fn day(y: Option<i32>, month: u32, day: u32) -> Day {
        Day {
            year: y,
            month,
            day,
        }
    }

    #[test]
    fn weekdays_by_algorithm() {
        assert_eq!(weekday(2019, 11, 26), 1); // Tuesday
        assert_eq!(weekday(2022, 11, 10), 3); // Thursday
        assert_eq!(weekday(2000, 2, 29), 1); // Tuesday
        assert_eq!(weekday(2024, 2, 6), 1); // Tuesday
        assert_eq!(weekday(2021, 11, 8), 0); // Monday
    }

    #[test]
    fn leap_years() {
        assert!(is_leap(2000) && is_leap(2024) && !is_leap(1900) && !is_leap(2022));
        assert_eq!(days_in_month(Some(2019), 2), 28);
        assert_eq!(days_in_month(None, 2), 29);
    }

    #[test]
    fn every_form() {
        let s = "Oslo, 26-29 November 2019";
        let d = one(s);
        assert_eq!(&s[d.range.clone()], "26-29 November 2019");
        assert_eq!(d.start, day(Some(2019), 11, 26));
        assert_eq!(d.end, Some(day(Some(2019), 11, 29)));
        assert_eq!(
            one("on 26–29 November 2019.").end,
            Some(day(Some(2019), 11, 29))
        );
        assert_eq!(
            one("held 22 to 24 May 2019 in").start,
            day(Some(2019), 5, 22)
        );
        assert_eq!(
            one("on November 26, 2019 at").start,
            day(Some(2019), 11, 26)
        );
        assert_eq!(one("dated 2019-11-26.").start, day(Some(2019), 11, 26));
        let d = one("Monday, 26 November 2019");
        assert_eq!(d.weekday.as_ref().map(|w| w.0), Some(0));
        assert_eq!(d.problems(), vec![Problem::WrongWeekday(0, 1)]);
        assert_eq!(one("15 October 2019").start, day(Some(2019), 10, 15));
        let s = "Suva, June 21–25, 2021";
        let d = one(s);
        assert_eq!(&s[d.range.clone()], "June 21–25, 2021");
        assert_eq!(d.end, Some(day(Some(2021), 6, 25)));
        let d = one("from 26 November to 2 December 2019");
        assert_eq!(d.start, day(Some(2019), 11, 26));
        assert_eq!(d.end, Some(day(Some(2019), 12, 2)));
        let d = one("from 1 April 2020 to 31 March 2021");
        assert_eq!(d.end, Some(day(Some(2021), 3, 31)));
        assert!(d.problems().is_empty());
    }

    #[test]
    fn problems() {
        assert_eq!(
            one("31 June 2019").problems(),
            vec![Problem::NoSuchDay(day(Some(2019), 6, 31))]
        );
        assert_eq!(one("29 February 2019").problems().len(), 1);
        assert!(one("29 February 2020").problems().is_empty());
        assert_eq!(one("29-26 November").problems(), vec![Problem::Backwards]);
        assert_eq!(one("14–11 May 2021").problems(), vec![Problem::Backwards]);
        assert!(one("Tuesday, October 18, 2022").problems().is_empty());
        assert_eq!(one("Friday, November 10, 2022").problems().len(), 1);
    }

    #[test]
    fn not_dates() {
        assert!(find("the years 2014-2017 and 1,412 tonnes").is_empty());
        assert!(find("States may 10 times").is_empty());
        assert!(find("Item 7 of the agenda, 3.5 May").is_empty());
    }
}
