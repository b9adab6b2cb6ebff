//! Calendar dates in the forms drafts use, with their spans and what is wrong with them.
//!
//! "15 October 2019", "26-29 November 2019", "26–29 November 2019", "22 to 24 May 2019",
//! "26 November to 2 December 2019", "Monday, 26 November 2019", "November 26, 2019",
//! "June 21–25, 2021" and "2019-11-26". A date is only read where a month name or the ISO
//! shape makes it unmistakable; a bare "26/11" is left alone.

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

// The three date shapes are matched by a small backtracking matcher rather than the regex
// crate: compiling three regexes cost more than reading a whole review-sized draft (8.6 M
// instructions), and this runs once per process. The matcher has the regex crate's
// leftmost-first semantics (greedy and lazy options, alternatives in order), so the shapes
// read exactly as the regexes they replace, which a test below checks against them.

/// Capture slots.
const WD: usize = 0;
const D1: usize = 1;
const M1: usize = 2;
const Y1: usize = 3;
const D2: usize = 4;
const M2: usize = 5;
const Y2: usize = 6;

type Caps = [Option<(usize, usize)>; 7];

enum Pat {
    Seq(Vec<Pat>),
    /// Leftmost-first: the first alternative that lets the rest match wins.
    Alt(Vec<Pat>),
    /// Optional; `true` = greedy (try it first), `false` = lazy.
    Opt(Box<Pat>, bool),
    /// A run of whitespace, at least one if `true`. Always taken whole: nothing that follows
    /// a run in these shapes can start with whitespace, so a shorter run never helps.
    Ws(bool),
    Lit(&'static str),
    /// One character of a class.
    Class(fn(char) -> bool),
    /// ASCII digits, greedy, between `min` and `max` of them.
    Digits(usize, usize),
    /// One of these words, tried in order.
    Word(&'static [&'static str]),
    Cap(usize, Box<Pat>),
    /// An ASCII word boundary, as `(?-u:\b)`.
    Boundary,
}

type Next<'a> = &'a mut dyn FnMut(usize, &mut Caps) -> bool;

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn at_boundary(t: &[u8], i: usize) -> bool {
    let before = i > 0 && is_word_byte(t[i - 1]);
    let after = i < t.len() && is_word_byte(t[i]);
    before != after
}

impl Pat {
    fn go(&self, t: &str, i: usize, caps: &mut Caps, k: Next) -> bool {
        match self {
            Pat::Seq(ps) => seq(ps, t, i, caps, k),
            Pat::Alt(ps) => ps.iter().any(|p| p.go(t, i, caps, k)),
            Pat::Opt(p, true) => p.go(t, i, caps, k) || k(i, caps),
            Pat::Opt(p, false) => k(i, caps) || p.go(t, i, caps, k),
            Pat::Ws(at_least_one) => {
                let end = t[i..]
                    .char_indices()
                    .find(|(_, c)| !c.is_whitespace())
                    .map_or(t.len(), |(j, _)| i + j);
                (end > i || !at_least_one) && k(end, caps)
            }
            Pat::Lit(s) => t[i..].starts_with(s) && k(i + s.len(), caps),
            Pat::Class(f) => match t[i..].chars().next() {
                Some(c) if f(c) => k(i + c.len_utf8(), caps),
                _ => false,
            },
            Pat::Digits(min, max) => {
                let n = t.as_bytes()[i..]
                    .iter()
                    .take(*max)
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                (*min..=n).rev().any(|n| k(i + n, caps))
            }
            Pat::Word(words) => {
                let first = t.as_bytes().get(i);
                words.iter().any(|w| {
                    first == w.as_bytes().first() && t[i..].starts_with(w) && k(i + w.len(), caps)
                })
            }
            Pat::Cap(slot, p) => p.go(t, i, caps, &mut |j, c: &mut Caps| {
                let old = c[*slot];
                c[*slot] = Some((i, j));
                k(j, c) || {
                    c[*slot] = old;
                    false
                }
            }),
            Pat::Boundary => at_boundary(t.as_bytes(), i) && k(i, caps),
        }
    }

    /// Adds to `set` every byte a match can start with; true if the pattern can match
    /// nothing at all.
    fn first_bytes(&self, set: &mut [bool; 256]) -> bool {
        match self {
            Pat::Seq(ps) => ps.iter().all(|p| p.first_bytes(set)),
            Pat::Alt(ps) => {
                // Every alternative adds its bytes, so no short-circuit here.
                let mut empty = false;
                for p in ps {
                    empty |= p.first_bytes(set);
                }
                empty
            }
            Pat::Opt(p, _) => {
                p.first_bytes(set);
                true
            }
            Pat::Ws(at_least_one) => {
                // The first bytes of every Unicode whitespace character.
                for b in [
                    b' ', b'\t', b'\n', 0x0b, 0x0c, b'\r', 0xc2, 0xe1, 0xe2, 0xe3,
                ] {
                    set[b as usize] = true;
                }
                !at_least_one
            }
            Pat::Lit(s) => {
                set[s.as_bytes()[0] as usize] = true;
                false
            }
            Pat::Class(_) => {
                set.fill(true);
                false
            }
            Pat::Digits(min, _) => {
                for b in b'0'..=b'9' {
                    set[b as usize] = true;
                }
                *min == 0
            }
            Pat::Word(words) => {
                for w in words.iter() {
                    set[w.as_bytes()[0] as usize] = true;
                }
                false
            }
            Pat::Cap(_, p) => p.first_bytes(set),
            Pat::Boundary => true,
        }
    }

    /// Leftmost-first matches, without overlaps, as `captures_iter` would give them. Every
    /// shape starts at a word boundary before an ASCII letter or digit, and most words
    /// cannot start a date at all, so only the places where one can are tried.
    fn find_iter(&self, t: &str, starts: &[bool; 256]) -> Vec<(Range<usize>, Caps)> {
        let b = t.as_bytes();
        let mut out = Vec::new();
        let mut s = 0;
        while s < b.len() {
            if !starts[b[s] as usize]
                || !b[s].is_ascii_alphanumeric()
                || (s > 0 && is_word_byte(b[s - 1]))
            {
                s += 1;
                continue;
            }
            let mut caps: Caps = [None; 7];
            let mut end = None;
            self.go(t, s, &mut caps, &mut |j, _| {
                end = Some(j);
                true
            });
            match end {
                Some(e) if e > s => {
                    out.push((s..e, caps));
                    s = e;
                }
                _ => s += 1,
            }
        }
        out
    }
}

fn seq(ps: &[Pat], t: &str, i: usize, caps: &mut Caps, k: Next) -> bool {
    match ps.split_first() {
        None => k(i, caps),
        Some((p, rest)) => p.go(t, i, caps, &mut |j, c: &mut Caps| seq(rest, t, j, c, k)),
    }
}

fn opt(p: Pat) -> Pat {
    Pat::Opt(Box::new(p), true)
}

fn cap(slot: usize, p: Pat) -> Pat {
    Pat::Cap(slot, Box::new(p))
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‑')
}

/// Day first, month first, ISO.
/// A date shape and the bytes a match of it can start with, worked out once.
struct Shape {
    pat: Pat,
    starts: [bool; 256],
}

impl Shape {
    fn new(pat: Pat) -> Shape {
        let mut starts = [false; 256];
        pat.first_bytes(&mut starts);
        Shape { pat, starts }
    }

    fn find_iter(&self, t: &str) -> Vec<(Range<usize>, Caps)> {
        self.pat.find_iter(t, &self.starts)
    }
}

fn shapes() -> &'static [Shape; 3] {
    static SHAPES: OnceLock<[Shape; 3]> = OnceLock::new();
    SHAPES.get_or_init(|| {
        use Pat::*;
        // "Monday, " before the date.
        let wd = || opt(Seq(vec![cap(WD, Word(&WEEKDAYS)), opt(Lit(",")), Ws(true)]));
        let ord = || opt(Alt(vec![Lit("st"), Lit("nd"), Lit("rd"), Lit("th")]));
        // "-", "–" with or without spaces, or " to ".
        let dash = || {
            Alt(vec![
                Seq(vec![Ws(false), Class(is_dash), Ws(false)]),
                Seq(vec![Ws(true), Lit("to"), Ws(true)]),
            ])
        };
        let day = |slot| cap(slot, Digits(1, 2));
        let year = |slot| cap(slot, Digits(4, 4));
        let month = |slot| cap(slot, Word(&MONTHS));
        // "Monday, 26 November 2019", "26-29 November", "26 November to 2 December 2019".
        let day_first = Seq(vec![
            Boundary,
            wd(),
            day(D1),
            ord(),
            opt(Seq(vec![Ws(true), month(M1)])),
            Opt(
                Box::new(Seq(vec![opt(Lit(",")), Ws(true), year(Y1)])),
                false,
            ),
            opt(Seq(vec![dash(), day(D2), ord()])),
            Ws(true),
            month(M2),
            Boundary,
            opt(Seq(vec![opt(Lit(",")), Ws(true), year(Y2), Boundary])),
        ]);
        // "Friday, November 10, 2022", "June 21–25, 2021", "November 26".
        let month_first = Seq(vec![
            Boundary,
            wd(),
            month(M1),
            Ws(true),
            day(D1),
            ord(),
            opt(Seq(vec![
                dash(),
                opt(Seq(vec![month(M2), Ws(true)])),
                day(D2),
                ord(),
            ])),
            Boundary,
            opt(Seq(vec![Lit(","), Ws(false), year(Y2), Boundary])),
        ]);
        // "2019-11-26": year, month and day in the slots Y1, M1 and D1.
        let iso = Seq(vec![
            Boundary,
            year(Y1),
            Lit("-"),
            cap(M1, Digits(2, 2)),
            Lit("-"),
            cap(D1, Digits(2, 2)),
            Boundary,
        ]);
        [day_first, month_first, iso].map(Shape::new)
    })
}

/// True when a month name stands somewhere in `text`: the day-first and month-first shapes
/// both need one, and most paragraphs have none, so they are not tried at every figure.
fn has_month(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        matches!(c, b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D')
            && MONTHS.iter().any(|m| b[i..].starts_with(m.as_bytes()))
    })
}

/// Every date in `text`, in order, without overlaps.
pub fn find(text: &str) -> Vec<DateMention> {
    let [day_first, month_first, iso] = shapes();
    // Each shape is tried only where what it must contain is there: a month name, or the
    // hyphen of an ISO date.
    let months = has_month(text);
    let shape = |sh: &Shape, may: bool| if may { sh.find_iter(text) } else { Vec::new() };
    let mut out: Vec<DateMention> = Vec::new();
    let part = |c: &Caps, n: usize| c[n].map(|(s, e)| &text[s..e]);
    let num = |c: &Caps, n: usize| part(c, n).and_then(|m| m.parse::<u32>().ok());
    let year = |c: &Caps, n: usize| part(c, n).and_then(|m| m.parse::<i32>().ok());
    let month = |c: &Caps, n: usize| part(c, n).and_then(month_of);
    let wd = |c: &Caps| c[WD].and_then(|(s, e)| weekday_of(&text[s..e]).map(|w| (w, s..e)));
    for (whole, c) in shape(day_first, months) {
        if preceded_by_number(text, c[D1].map_or(whole.start, |m| m.0)) {
            continue;
        }
        let (Some(d1), Some(m2)) = (num(&c, D1), month(&c, M2)) else {
            continue;
        };
        let m1 = month(&c, M1);
        let y2 = year(&c, Y2);
        let y1 = year(&c, Y1).or(y2);
        let d2 = num(&c, D2);
        if d1 > 31 || d2.is_some_and(|d| d > 31) {
            continue;
        }
        let (start, end) = match (m1, d2) {
            // "26 November to 2 December 2019": a year ending before the first month
            // belongs to the next year.
            (Some(m1), Some(d2)) => {
                let y1 = match (year(&c, Y1), y2) {
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
            range: whole.clone(),
            start,
            end,
            weekday: wd(&c),
        });
    }
    let mut more = Vec::new();
    // Both lists run in text order, so the day-first dates that could overlap a month-first
    // one are found by walking a cursor rather than by scanning them all each time.
    let mut first = 0;
    for (whole, c) in shape(month_first, months) {
        while first < out.len() && out[first].range.end <= whole.start {
            first += 1;
        }
        if out.get(first).is_some_and(|d| overlaps(&d.range, &whole)) {
            continue;
        }
        let (Some(m1), Some(d1)) = (month(&c, M1), num(&c, D1)) else {
            continue;
        };
        // "May 10" needs a year or a comma-free context to be a date: "may" is a verb, but a
        // capitalised "May" followed by a number is a date in running prose.
        if text[whole.end..].starts_with(|ch: char| ch.is_ascii_digit()) || d1 > 31 {
            continue;
        }
        let y = year(&c, Y2);
        let m2 = month(&c, M2).unwrap_or(m1);
        let d2 = num(&c, D2);
        if d2.is_some_and(|d| d > 31) {
            continue;
        }
        let start_year = match (y, d2) {
            (Some(y), Some(_)) if m1 > m2 => Some(y - 1),
            _ => y,
        };
        more.push(DateMention {
            range: whole,
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
    for (whole, c) in shape(iso, text.contains('-')) {
        let (Some(y), Some(m), Some(d)) = (year(&c, Y1), num(&c, M1), num(&c, D1)) else {
            continue;
        };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1000..3000).contains(&y) {
            continue;
        }
        more.push(DateMention {
            range: whole,
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
    use regex::Regex;

    /// The regexes the matcher replaced, kept to check that it reads the same.
    #[rustfmt::skip]
    fn regex_patterns() -> &'static [Regex; 3] {
    static RE: OnceLock<[Regex; 3]> = OnceLock::new();
    RE.get_or_init(|| {
        let month = MONTHS.join("|");
        let wd = format!(r"(?:(?P<wd>{}),?\s+)?", WEEKDAYS.join("|"));
        let ord = r"(?:st|nd|rd|th)?";
        let dash = r"\s*[-–—‑]\s*|\s+to\s+";
        // Day first: "Monday, 26 November 2019", "26-29 November", "26 November to 2
        // December 2019".
        let day_first = format!(
            r"(?-u:\b){wd}(?P<d1>[0-9]{{1,2}}){ord}(?:\s+(?P<m1>{month}))?(?:,?\s+(?P<y1>[0-9]{{4}}))??(?:(?:{dash})(?P<d2>[0-9]{{1,2}}){ord})?\s+(?P<m2>{month})(?-u:\b)(?:,?\s+(?P<y2>[0-9]{{4}})(?-u:\b))?"
        );
        // Month first: "Friday, November 10, 2022", "June 21–25, 2021", "November 26".
        let month_first = format!(
            r"(?-u:\b){wd}(?P<m1>{month})\s+(?P<d1>[0-9]{{1,2}}){ord}(?:(?:{dash})(?:(?P<m2>{month})\s+)?(?P<d2>[0-9]{{1,2}}){ord})?(?-u:\b)(?:,\s*(?P<y2>[0-9]{{4}})(?-u:\b))?"
        );
        let iso = r"(?-u:\b)(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?-u:\b)".to_string();
        [
            Regex::new(&day_first).expect("day-first date pattern"),
            Regex::new(&month_first).expect("month-first date pattern"),
            Regex::new(&iso).expect("ISO date pattern"),
        ]
    })
}

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

    /// Matches with their parts, as (whole, parts).
    type Found = Vec<(Range<usize>, Vec<Option<Range<usize>>>)>;

    /// The matcher finds the same matches, with the same parts, as the regexes did, on
    /// texts made of the pieces dates are made of.
    #[test]
    fn matcher_reads_as_the_regexes_did() {
        // Words and what comes between them, taken in turn, so that most texts hold dates.
        const WORDS: [&str; 22] = [
            "1",
            "26",
            "29",
            "123",
            "2019",
            "2021",
            "20190",
            "2019-11-26",
            "2019-1-26",
            "12-05",
            "November",
            "December",
            "May",
            "may",
            "Mayor",
            "June",
            "Monday",
            "Friday",
            "Fridays",
            "x",
            "é",
            "3.",
        ];
        const BETWEEN: [&str; 17] = [
            " ", " ", " ", "  ", "\u{a0}", ", ", ",", "-", "–", " – ", "‑", " to ", "to", "th ",
            "st,", "_", "\n",
        ];
        let names = ["wd", "d1", "m1", "y1", "d2", "m2", "y2"];
        let iso_slots = [(Y1, "y"), (M1, "m"), (D1, "d")];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let regexes = regex_patterns();
        let mut matched = [0; 3];
        for _ in 0..60_000 {
            let n = 1 + next() % 6;
            let mut text = String::new();
            for i in 0..n {
                if i > 0 || next() % 4 == 0 {
                    text.push_str(BETWEEN[(next() % BETWEEN.len() as u64) as usize]);
                }
                text.push_str(WORDS[(next() % WORDS.len() as u64) as usize]);
            }
            for (k, (re, pat)) in regexes.iter().zip(shapes()).enumerate() {
                let want: Found = re
                    .captures_iter(&text)
                    .map(|c| {
                        let parts = if k == 2 {
                            iso_slots
                                .iter()
                                .map(|(_, n)| c.name(n).map(|m| m.range()))
                                .collect()
                        } else {
                            names.iter().map(|n| c.name(n).map(|m| m.range())).collect()
                        };
                        (c.get(0).unwrap().range(), parts)
                    })
                    .collect();
                let got: Found = pat
                    .find_iter(&text)
                    .into_iter()
                    .map(|(r, c)| {
                        let parts = if k == 2 {
                            iso_slots
                                .iter()
                                .map(|(s, _)| c[*s].map(|(a, b)| a..b))
                                .collect()
                        } else {
                            c.iter().map(|x| x.map(|(a, b)| a..b)).collect()
                        };
                        (r, parts)
                    })
                    .collect();
                assert_eq!(got, want, "shape {k} on {text:?}");
                matched[k] += got.len();
            }
        }
        // The pieces do make dates of every shape, often.
        assert!(matched.iter().all(|&m| m > 1_000), "{matched:?}");
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
