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
        match parts.as_slice() {
            [y] => {
                let y = num(y, 4)? as i32;
                Ok(Period {
                    first: NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(bad)?,
                    last: NaiveDate::from_ymd_opt(y, 12, 31).ok_or_else(bad)?,
                })
            }
            [y, m] => {
                let first =
                    NaiveDate::from_ymd_opt(num(y, 4)? as i32, num(m, 2)?, 1).ok_or_else(bad)?;
                Ok(Period {
                    first,
                    last: last_day_of_month(first),
                })
            }
            [y, m, d] => {
                let day = NaiveDate::from_ymd_opt(num(y, 4)? as i32, num(m, 2)?, num(d, 2)?)
                    .ok_or_else(bad)?;
                Ok(Period {
                    first: day,
                    last: day,
                })
            }
            _ => Err(bad()),
        }
    }
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
}
