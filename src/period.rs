//! Calendar periods given on the command line: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, each
//! meaning every day it covers.

use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// An inclusive range of days named by a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl FromStr for Period {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("invalid date {s:?}: expected YYYY, YYYY-MM or YYYY-MM-DD");
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, String> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        // The shape is right but the calendar says no: name what does not exist, since
        // repeating the expected shape to someone who typed it helps nobody.
        let month = |y: i32, m: u32| {
            NaiveDate::from_ymd_opt(y, m, 1)
                .ok_or_else(|| format!("invalid date {s:?}: there is no month {m}"))
        };
        match parts.as_slice() {
            [y] => {
                let y = num(y, 4)? as i32;
                Ok(Period {
                    first: NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(bad)?,
                    last: NaiveDate::from_ymd_opt(y, 12, 31).ok_or_else(bad)?,
                })
            }
            [y, m] => {
                let first = month(num(y, 4)? as i32, num(m, 2)?)?;
                Ok(Period {
                    first,
                    last: last_day_of_month(first),
                })
            }
            [y, m, d] => {
                let first = month(num(y, 4)? as i32, num(m, 2)?)?;
                let d = num(d, 2)?;
                let day = first.with_day(d).ok_or_else(|| {
                    format!(
                        "invalid date {s:?}: {} has no day {d} (it has {})",
                        first.format("%B %Y"),
                        last_day_of_month(first).day()
                    )
                })?;
                Ok(Period {
                    first: day,
                    last: day,
                })
            }
            _ => Err(bad()),
        }
    }
}

/// The first and last day of `--from FROM --to TO` as ISO text (`None` where open), or an
/// error when the range is empty: a range that ends before it starts is a typo, and
/// answering it with zero rows would hide that.
pub fn range_bounds(
    from: Option<Period>,
    to: Option<Period>,
) -> Result<(Option<String>, Option<String>), String> {
    if let (Some(f), Some(t)) = (from, to) {
        if f.first > t.last {
            return Err(format!(
                "--from {} is after --to {}: the range holds no day",
                f.first, t.last
            ));
        }
    }
    Ok((
        from.map(|p| p.first.to_string()),
        to.map(|p| p.last.to_string()),
    ))
}

/// The last day of the month `date` falls in.
pub fn last_day_of_month(date: NaiveDate) -> NaiveDate {
    let (y, m) = if date.month() == 12 {
        (date.year() + 1, 1)
    } else {
        (date.year(), date.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .expect("first of a month is valid")
        .pred_opt()
        .expect("has a previous day")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> (String, String) {
        let p: Period = s.parse().unwrap();
        (p.first.to_string(), p.last.to_string())
    }

    #[test]
    fn periods() {
        assert_eq!(p("2021"), ("2021-01-01".into(), "2021-12-31".into()));
        assert_eq!(p("2024-02"), ("2024-02-01".into(), "2024-02-29".into()));
        assert_eq!(p("2021-12"), ("2021-12-01".into(), "2021-12-31".into()));
        assert_eq!(p("2021-08-28"), ("2021-08-28".into(), "2021-08-28".into()));
        for bad in ["21", "2021-13", "2021-02-30", "2021-8", "yesterday", ""] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
    }

    #[test]
    fn impossible_dates_name_what_does_not_exist() {
        let err = "2021-02-30".parse::<Period>().unwrap_err();
        assert!(
            err.contains("February 2021 has no day 30 (it has 28)"),
            "{err}"
        );
        let err = "2021-13".parse::<Period>().unwrap_err();
        assert!(err.contains("there is no month 13"), "{err}");
        let err = "2021-8".parse::<Period>().unwrap_err();
        assert!(
            err.contains("expected YYYY, YYYY-MM or YYYY-MM-DD"),
            "{err}"
        );
    }

    #[test]
    fn a_range_that_ends_before_it_starts_is_refused() {
        let p = |s: &str| Some(s.parse::<Period>().unwrap());
        let err = range_bounds(p("2022"), p("2020")).unwrap_err();
        assert!(
            err.contains("--from 2022-01-01 is after --to 2020-12-31"),
            "{err}"
        );
        assert_eq!(
            range_bounds(p("2020-05"), p("2020-05")).unwrap(),
            (Some("2020-05-01".into()), Some("2020-05-31".into()))
        );
        assert_eq!(
            range_bounds(None, p("2020")).unwrap(),
            (None, Some("2020-12-31".into()))
        );
    }
}
