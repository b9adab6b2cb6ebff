//! The draft's own date: the first full date in its front matter or its opening blocks
//! ("15 October 2019", "October 15, 2019", "2019-10-15"). Renamed States are judged against
//! it, so that a 2019 draft that says "Turkey" is right.

use super::dates;
use crate::markdown::{BlockKind, Markdown};

/// A calendar date (year, month, day).
pub type Ymd = (i32, u32, u32);

/// How many blocks at the top of a draft may carry its date, at most: the date of a UN
/// document sits in its masthead, well before the first numbered paragraph.
const OPENING_BLOCKS: usize = 20;

fn valid(y: i32, m: u32, d: u32) -> Option<Ymd> {
    ((1000..=9999).contains(&y)
        && (1..=12).contains(&m)
        && d >= 1
        && d <= dates::days_in_month(Some(y), m))
    .then_some((y, m, d))
}

/// The first full date in `s`, read by the same date reader as the `date` rule. A date
/// that ends a range ("26–29 November 2019") is the date of a meeting, not of the draft,
/// and is passed over.
pub fn first_date(s: &str) -> Option<Ymd> {
    dates::find(s).into_iter().find_map(|m| {
        if m.end.is_some() {
            return None;
        }
        valid(m.start.year?, m.start.month, m.start.day)
    })
}

/// The draft's date: front matter first, then the blocks before the first numbered
/// paragraph or first heading after the masthead, at most `OPENING_BLOCKS` of them.
pub fn find(md: &Markdown) -> Option<Ymd> {
    if let Some((fm, _)) = &md.front_matter {
        if let Some(d) = first_date(fm) {
            return Some(d);
        }
    }
    for b in md.blocks.iter().take(OPENING_BLOCKS) {
        let numbered = b
            .label
            .as_deref()
            .is_some_and(|l| l.chars().all(|c| c.is_ascii_digit()));
        if numbered || (b.item.is_some() && b.kind == BlockKind::ListItem) {
            break;
        }
        if let Some(d) = first_date(&b.text) {
            return Some(d);
        }
    }
    None
}

/// Parses YYYY-MM-DD.
pub fn parse_iso(s: &str) -> Option<Ymd> {
    let mut it = s.trim().splitn(3, '-');
    let y = it.next()?.parse::<i32>().ok()?;
    let m = it.next()?.parse::<u32>().ok()?;
    let d = it.next()?.parse::<u32>().ok()?;
    valid(y, m, d)
}

/// Today's date (UTC) from the system clock, without a date library.
pub fn today() -> Ymd {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> Ymd {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

/// The date a draft is judged at: its own date, else `--as-of`, else today.
pub fn judging_date(own: Option<Ymd>, as_of: Option<&str>) -> Ymd {
    own.or_else(|| as_of.and_then(parse_iso))
        .unwrap_or_else(today)
}

/// "2 June 2022".
pub fn display(d: Ymd) -> String {
    let m = dates::MONTHS[(d.1 as usize).saturating_sub(1).min(11)];
    format!("{} {m} {}", d.2, d.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_three_forms() {
        assert_eq!(first_date("15 October 2019"), Some((2019, 10, 15)));
        assert_eq!(
            first_date("Tuesday, October 18, 2022"),
            Some((2022, 10, 18))
        );
        assert_eq!(first_date("date: 2019-10-15"), Some((2019, 10, 15)));
        assert_eq!(first_date("Oslo, 26-29 November 2019"), None);
        assert_eq!(first_date("31 February 2019"), None);
        assert_eq!(first_date("Annual Report 2022"), None);
    }

    #[test]
    fn finds_the_masthead_date() {
        let md = crate::markdown::parse(
            "**Title**\n\nOslo, 26–29 November 2019\n\n15 October 2019\n\n1. On 3 May 2020 it met.\n",
            0,
        );
        assert_eq!(find(&md), Some((2019, 10, 15)));
        let md = crate::markdown::parse("1. On 3 May 2020 it met.\n", 0);
        assert_eq!(find(&md), None);
        let md = crate::markdown::parse("---\ndate: 2021-03-04\n---\n\nText.\n", 0);
        assert_eq!(find(&md), Some((2021, 3, 4)));
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_000), (2022, 1, 8));
        assert_eq!(display((2022, 6, 2)), "2 June 2022");
    }
}
