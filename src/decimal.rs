//! Exact decimal arithmetic for stated figures, and the intervals they stand for.
//!
//! A reported figure is a rounded figure: "1.9 billion" stands for [1.85, 1.95) billion. The
//! ends of such intervals are decimals written by people, so they are kept exact (an i128
//! mantissa with a power-of-ten scale); binary floats would turn 0.1 + 0.2 into a finding.

use crate::knowledge::HedgeKind;
use std::cmp::Ordering;
use std::fmt;

/// `m / 10^s`, exactly.
#[derive(Debug, Clone, Copy)]
pub struct Dec {
    pub m: i128,
    pub s: u32,
}

/// The largest scale kept; figures in drafts have a few decimals, products a few more.
const MAX_SCALE: u32 = 30;

fn pow10(k: u32) -> Option<i128> {
    10i128.checked_pow(k)
}

impl Dec {
    pub const ZERO: Dec = Dec { m: 0, s: 0 };

    pub fn int(v: i128) -> Dec {
        Dec { m: v, s: 0 }
    }

    /// Reads "1,963.3", "0.5", "12". Commas are thousands separators; anything else fails.
    pub fn parse(text: &str) -> Option<Dec> {
        let t = text.trim();
        if t.is_empty() || t.len() > 30 {
            return None;
        }
        let (ip, fp) = match t.split_once('.') {
            Some((a, b)) => (a, b),
            None => (t, ""),
        };
        if ip.is_empty() && fp.is_empty() {
            return None;
        }
        let mut m: i128 = 0;
        for c in ip.chars().chain(fp.chars()) {
            match c {
                '0'..='9' => m = m.checked_mul(10)?.checked_add(c as i128 - '0' as i128)?,
                ',' => {}
                _ => return None,
            }
        }
        if fp.contains(',') {
            return None;
        }
        Some(Dec {
            m,
            s: fp.len() as u32,
        })
    }

    fn at_scale(self, s: u32) -> Option<i128> {
        debug_assert!(s >= self.s);
        self.m.checked_mul(pow10(s - self.s)?)
    }

    /// Both at a common scale, or None on overflow.
    fn align(self, o: Dec) -> Option<(i128, i128, u32)> {
        let s = self.s.max(o.s);
        Some((self.at_scale(s)?, o.at_scale(s)?, s))
    }

    pub fn checked_add(self, o: Dec) -> Option<Dec> {
        let (a, b, s) = self.align(o)?;
        Some(Dec {
            m: a.checked_add(b)?,
            s,
        })
    }

    pub fn checked_sub(self, o: Dec) -> Option<Dec> {
        let (a, b, s) = self.align(o)?;
        Some(Dec {
            m: a.checked_sub(b)?,
            s,
        })
    }

    pub fn checked_mul(self, o: Dec) -> Option<Dec> {
        let s = self.s + o.s;
        if s > MAX_SCALE {
            return None;
        }
        Some(Dec {
            m: self.m.checked_mul(o.m)?,
            s,
        })
    }

    /// Multiplies by 10^k (k may be negative).
    pub fn shift(self, k: i32) -> Option<Dec> {
        if k >= 0 {
            let k = k as u32;
            if self.s >= k {
                Some(Dec {
                    m: self.m,
                    s: self.s - k,
                })
            } else {
                Some(Dec {
                    m: self.m.checked_mul(pow10(k - self.s)?)?,
                    s: 0,
                })
            }
        } else {
            let s = self.s + k.unsigned_abs();
            (s <= MAX_SCALE).then_some(Dec { m: self.m, s })
        }
    }

    /// One unit in the last written place: 0.1 for "1.9", 1 for "12".
    pub fn ulp(self) -> Dec {
        Dec { m: 1, s: self.s }
    }

    /// The step the writer rounded to when the figure may be rounded at its last non-zero
    /// digit: 10 for "40", 100 for "1,900", 0.1 for "1.9". Trailing zeros of a whole number
    /// say nothing about precision, so the coarser reading is taken.
    pub fn coarse_ulp(self) -> Dec {
        if self.s > 0 || self.m == 0 {
            return self.ulp();
        }
        let mut m = self.m.abs();
        let mut k = 0;
        while m % 10 == 0 {
            m /= 10;
            k += 1;
        }
        Dec {
            m: pow10(k).unwrap_or(1),
            s: 0,
        }
    }

    /// Half of this value, exactly.
    pub fn half(self) -> Dec {
        Dec {
            m: self.m.saturating_mul(5),
            s: self.s + 1,
        }
    }

    /// Rounded half away from zero to `s` decimals.
    pub fn round_to(self, s: u32) -> Dec {
        if self.s <= s {
            return self;
        }
        let Some(p) = pow10(self.s - s) else {
            return Dec::ZERO;
        };
        let q = self.m / p;
        let r = self.m % p;
        let q = if r.abs() * 2 >= p {
            q + self.m.signum()
        } else {
            q
        };
        Dec { m: q, s }
    }

    /// The same value with no trailing zeros in the fraction.
    pub fn normalized(self) -> Dec {
        let mut d = self;
        while d.s > 0 && d.m % 10 == 0 {
            d.m /= 10;
            d.s -= 1;
        }
        d
    }

    pub fn is_negative(self) -> bool {
        self.m < 0
    }

    /// Written with thousands separators and exactly `s` decimals (padded, never rounded
    /// here: round first).
    pub fn display_with(self, s: u32) -> String {
        let d = if s >= self.s {
            self.at_scale(s).map(|m| Dec { m, s })
        } else {
            Some(self.round_to(s))
        };
        let Some(d) = d else {
            return "?".to_string();
        };
        let neg = d.m < 0;
        let digits = d.m.unsigned_abs().to_string();
        let s = d.s as usize;
        let (ip, fp) = if digits.len() > s {
            digits.split_at(digits.len() - s)
        } else {
            ("0", digits.as_str())
        };
        let fp = format!("{:0>width$}", fp, width = s);
        let mut grouped = String::new();
        for (i, c) in ip.chars().enumerate() {
            if i > 0 && (ip.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let sign = if neg { "-" } else { "" };
        if s == 0 {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}.{fp}")
        }
    }
}

impl fmt::Display for Dec {
    /// Thousands separators, no trailing zeros: "1,963.3".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.normalized();
        f.write_str(&n.display_with(n.s))
    }
}

impl PartialEq for Dec {
    fn eq(&self, o: &Dec) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Dec {}

impl PartialOrd for Dec {
    fn partial_cmp(&self, o: &Dec) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Dec {
    fn cmp(&self, o: &Dec) -> Ordering {
        match self.align(*o) {
            Some((a, b, _)) => a.cmp(&b),
            // Only for values beyond any draft: compare by normalised magnitude.
            None => {
                let (a, b) = (self.normalized(), o.normalized());
                (a.m.signum(), a.m.abs().ilog10() as i64 - a.s as i64)
                    .cmp(&(b.m.signum(), b.m.abs().ilog10() as i64 - b.s as i64))
            }
        }
    }
}

/// One end of an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct End {
    pub v: Dec,
    pub closed: bool,
}

/// A set of values `[lo, hi]` with open or closed ends; `None` is unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub lo: Option<End>,
    pub hi: Option<End>,
}

impl Interval {
    pub fn point(v: Dec) -> Interval {
        let e = Some(End { v, closed: true });
        Interval { lo: e, hi: e }
    }

    pub fn closed(lo: Dec, hi: Dec) -> Interval {
        Interval {
            lo: Some(End {
                v: lo,
                closed: true,
            }),
            hi: Some(End {
                v: hi,
                closed: true,
            }),
        }
    }

    /// `[lo, hi)`.
    pub fn half_open(lo: Dec, hi: Dec) -> Interval {
        Interval {
            lo: Some(End {
                v: lo,
                closed: true,
            }),
            hi: Some(End {
                v: hi,
                closed: false,
            }),
        }
    }

    /// What a figure written as `v` stands for, rounded to `step` (zero: exact), read
    /// through its hedge. A hedge takes the coarser rounding (`coarse`): "approximately 60
    /// per cent" may have been rounded to the ten.
    pub fn stated(v: Dec, step: Dec, coarse: Dec, hedge: Option<HedgeKind>) -> Option<Interval> {
        let around = |st: Dec| -> Option<Interval> {
            if st.m == 0 {
                return Some(Interval::point(v));
            }
            let h = st.half();
            Some(Interval::half_open(v.checked_sub(h)?, v.checked_add(h)?))
        };
        let open = |v: Dec| Some(End { v, closed: false });
        let closed = |v: Dec| Some(End { v, closed: true });
        Some(match hedge {
            None => around(step)?,
            Some(HedgeKind::Approximate) => around(coarse)?,
            // "almost 40": a little under 40, down to one rounding step below.
            Some(HedgeKind::Below) => Interval {
                lo: closed(v.checked_sub(coarse)?),
                hi: closed(v),
            },
            Some(HedgeKind::Above) => Interval {
                lo: open(v),
                hi: None,
            },
            Some(HedgeKind::AtLeast) => Interval {
                lo: closed(v),
                hi: None,
            },
            Some(HedgeKind::AtMost) => Interval {
                lo: closed(Dec::ZERO),
                hi: closed(v),
            },
            Some(HedgeKind::LessThan) => Interval {
                lo: closed(Dec::ZERO),
                hi: open(v),
            },
        })
    }

    /// The set of sums a + b with a in self and b in o.
    pub fn plus(self, o: Interval) -> Option<Interval> {
        let sum = |a: Option<End>, b: Option<End>| -> Option<Option<End>> {
            match (a, b) {
                (Some(a), Some(b)) => Some(Some(End {
                    v: a.v.checked_add(b.v)?,
                    closed: a.closed && b.closed,
                })),
                _ => Some(None),
            }
        };
        Some(Interval {
            lo: sum(self.lo, o.lo)?,
            hi: sum(self.hi, o.hi)?,
        })
    }

    /// Applies `f` to both ends, keeping whether each is closed.
    fn map_ends(self, f: impl Fn(Dec) -> Option<Dec>) -> Option<Interval> {
        let end = |e: Option<End>| -> Option<Option<End>> {
            match e {
                Some(e) => Some(Some(End {
                    v: f(e.v)?,
                    closed: e.closed,
                })),
                None => Some(None),
            }
        };
        Some(Interval {
            lo: end(self.lo)?,
            hi: end(self.hi)?,
        })
    }

    /// Multiplies both ends by a non-negative factor.
    pub fn scale(self, k: Dec) -> Option<Interval> {
        debug_assert!(!k.is_negative());
        self.map_ends(|v| v.checked_mul(k))
    }

    /// Multiplies both ends by 10^k.
    pub fn shift(self, k: i32) -> Option<Interval> {
        self.map_ends(|v| v.shift(k))
    }

    /// True when `hi` lies wholly below `lo`: no value is in both.
    fn apart(hi: Option<End>, lo: Option<End>) -> bool {
        match (hi, lo) {
            (Some(h), Some(l)) => match h.v.cmp(&l.v) {
                Ordering::Less => true,
                Ordering::Equal => !(h.closed && l.closed),
                Ordering::Greater => false,
            },
            _ => false,
        }
    }

    /// Whether some value lies in both.
    pub fn meets(self, o: Interval) -> bool {
        !Interval::apart(self.hi, o.lo) && !Interval::apart(o.hi, self.lo)
    }

    pub fn contains(self, v: Dec) -> bool {
        self.meets(Interval::point(v))
    }

    /// True when every value of self is above every value of o.
    pub fn above(self, o: Interval) -> bool {
        Interval::apart(o.hi, self.lo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Dec {
        Dec::parse(s).unwrap()
    }

    #[test]
    fn parses_and_prints() {
        assert_eq!(d("1,963.3").to_string(), "1,963.3");
        assert_eq!(d("0.5").to_string(), "0.5");
        assert_eq!(d("1.90").to_string(), "1.9");
        assert_eq!(d("1963.3").display_with(2), "1,963.30");
        assert_eq!(d("1.963").round_to(1).to_string(), "2");
        assert_eq!(d("1.963").round_to(1).display_with(1), "2.0");
        assert!(Dec::parse("1.2.3").is_none());
        assert!(Dec::parse("abc").is_none());
        assert!(Dec::parse("99999999999999999999999999999999999999999").is_none());
    }

    #[test]
    fn rounding_intervals() {
        let i = Interval::stated(d("1.9"), d("0.1"), d("0.1"), None).unwrap();
        assert!(i.contains(d("1.85")));
        assert!(!i.contains(d("1.95")));
        assert!(!i.contains(d("1.9633")));
        assert_eq!(d("40").coarse_ulp(), d("10"));
        assert_eq!(d("1,900").coarse_ulp(), d("100"));
        let almost = Interval::stated(d("40"), d("1"), d("10"), Some(HedgeKind::Below)).unwrap();
        assert!(almost.contains(d("37.9")));
        assert!(!almost.contains(d("40.1")));
        let over = Interval::stated(d("1.9"), d("0.1"), d("0.1"), Some(HedgeKind::Above)).unwrap();
        assert!(over.contains(d("1.9633")));
        assert!(!over.contains(d("1.9")));
    }

    fn dec() -> impl Strategy<Value = Dec> {
        (-1_000_000_000i64..1_000_000_000, 0u32..6).prop_map(|(m, s)| Dec { m: m as i128, s })
    }

    proptest! {
        #[test]
        fn addition_is_exact_and_commutative(a in dec(), b in dec(), c in dec()) {
            let ab = a.checked_add(b).unwrap();
            prop_assert_eq!(ab, b.checked_add(a).unwrap());
            prop_assert_eq!(ab.checked_add(c).unwrap(), a.checked_add(b.checked_add(c).unwrap()).unwrap());
            prop_assert_eq!(ab.checked_sub(b).unwrap(), a);
        }

        #[test]
        fn display_round_trips(a in dec()) {
            let a = Dec { m: a.m.abs(), s: a.s };
            prop_assert_eq!(Dec::parse(&a.to_string()).unwrap(), a);
        }

        #[test]
        fn order_agrees_with_subtraction(a in dec(), b in dec()) {
            let diff = a.checked_sub(b).unwrap();
            prop_assert_eq!(a.cmp(&b), diff.m.cmp(&0));
        }

        #[test]
        fn a_figure_lies_in_its_own_interval(a in dec(), h in proptest::option::of(0usize..6)) {
            let kinds = [HedgeKind::Approximate, HedgeKind::Below, HedgeKind::Above,
                HedgeKind::AtLeast, HedgeKind::AtMost, HedgeKind::LessThan];
            let a = Dec { m: a.m.abs(), s: a.s };
            let hedge = h.map(|i| kinds[i]);
            let i = Interval::stated(a, a.ulp(), a.coarse_ulp(), hedge).unwrap();
            let strict = matches!(hedge, Some(HedgeKind::Above) | Some(HedgeKind::LessThan));
            prop_assert_eq!(i.contains(a), !strict);
        }

        #[test]
        fn sums_of_members_are_members_of_sums(
            a in dec(), b in dec(), ta in 0i64..1000, tb in 0i64..1000,
        ) {
            // x in [a, a+ta/1000] and y in [b, b+tb/1000]: x+y in the sum interval.
            let wa = Dec { m: ta as i128, s: 3 };
            let wb = Dec { m: tb as i128, s: 3 };
            let ia = Interval::closed(a, a.checked_add(wa).unwrap());
            let ib = Interval::closed(b, b.checked_add(wb).unwrap());
            let s = ia.plus(ib).unwrap();
            let x = a.checked_add(Dec { m: ta as i128 / 2, s: 3 }).unwrap();
            let y = b.checked_add(Dec { m: tb as i128 / 3, s: 3 }).unwrap();
            prop_assert!(s.contains(x.checked_add(y).unwrap()));
            prop_assert!(ia.meets(s.plus(Interval::point(Dec::ZERO.checked_sub(b).unwrap())).unwrap()));
        }

        #[test]
        fn meets_is_symmetric(a in dec(), b in dec(), c in dec(), e in dec()) {
            let (lo1, hi1) = if a <= b { (a, b) } else { (b, a) };
            let (lo2, hi2) = if c <= e { (c, e) } else { (e, c) };
            let i = Interval::half_open(lo1, hi1);
            let j = Interval::closed(lo2, hi2);
            prop_assert_eq!(i.meets(j), j.meets(i));
            let expected = lo1 <= hi2 && lo2 < hi1;
            prop_assert_eq!(i.meets(j), expected);
        }

        #[test]
        fn rounding_lands_within_half_a_step(a in dec(), s in 0u32..4) {
            let r = a.round_to(s);
            let diff = r.checked_sub(a).unwrap();
            let diff = Dec { m: diff.m.abs(), s: diff.s };
            let half = Dec { m: 1, s }.half();
            prop_assert!(diff <= half);
        }
    }
}
