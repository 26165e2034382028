//! Dates at the precision the sources give: a year, a month or a day.
//!
//! Order, in every list: a date known only to the month or year sorts at
//! the end of its period, after every more precise date inside it, since
//! it is only certain once the period is over. So "2015" (say, a meeting
//! planned for the end of 2015) sorts after "25 Sep 2015", and "2015-09"
//! after "2015-09-30". A missing month or day is stored as 0.
//!
//! Filtering by a date uses a separate rule, in `asof`: an imprecise date
//! counts from its first day.

use std::fmt;

/// How much of a date the source states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A calendar date of year, month or day precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The key dates sort by: the period's last day, then the more
    /// precise date first. Distinct dates have distinct keys.
    fn order_key(&self) -> (u16, u8, u8, u8) {
        let end = self.last_day();
        let vagueness = match self.precision() {
            Precision::Day => 0,
            Precision::Month => 1,
            Precision::Year => 2,
        };
        (end.year, end.month, end.day, vagueness)
    }
}

/// The dates' whole span: the one that starts first and the one that
/// ends last (by the sort order, which is the order of period ends).
pub fn span_of(dates: impl IntoIterator<Item = Date>) -> Option<(Date, Date)> {
    dates.into_iter().fold(None, |span, d| match span {
        None => Some((d, d)),
        Some((lo, hi)) => {
            let lo = if (d.first_day(), d) < (lo.first_day(), lo) {
                d
            } else {
                lo
            };
            Some((lo, hi.max(d)))
        }
    })
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.order_key().cmp(&other.order_key())
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Why a string is not a date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("\"{0}\" is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD")]
    Malformed(String),
    #[error("{0} does not exist: month must be 01 to 12")]
    BadMonth(String),
    #[error("{0} does not exist: {1} has {2} days")]
    BadDay(String, &'static str, u8),
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

const MONTH_NAMES: [&str; 12] = [
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

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Days in a month (1-based), allowing for leap years.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

impl Date {
    /// A year-precision date.
    pub fn year(year: u16) -> Self {
        Date {
            year,
            month: 0,
            day: 0,
        }
    }

    /// A month-precision date; the month is 1-based and must be valid.
    pub fn month(year: u16, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Date { year, month, day: 0 })
    }

    /// A day-precision date; `None` if the day does not exist.
    pub fn day(year: u16, month: u8, day: u8) -> Option<Self> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting dates that do not exist.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let malformed = || DateError::Malformed(text.to_string());
        let mut parts = text.split('-');
        let year = parts.next().and_then(|y| digits(y, 4)).ok_or_else(malformed)? as u16;
        let month = match parts.next() {
            None => return Ok(Date::year(year)),
            Some(m) => digits(m, 2).ok_or_else(malformed)? as u8,
        };
        if !(1..=12).contains(&month) {
            return Err(DateError::BadMonth(text.to_string()));
        }
        let day = match parts.next() {
            None => return Ok(Date::month(year, month).expect("month checked")),
            Some(d) => digits(d, 2).ok_or_else(malformed)? as u8,
        };
        if parts.next().is_some() {
            return Err(malformed());
        }
        Date::day(year, month, day).ok_or_else(|| {
            let name = MONTH_NAMES[usize::from(month) - 1];
            DateError::BadDay(text.to_string(), name, days_in_month(year, month))
        })
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    pub fn year_number(&self) -> u16 {
        self.year
    }

    /// The month (1-12), if the date has one.
    pub fn month_number(&self) -> Option<u8> {
        (self.month > 0).then_some(self.month)
    }

    /// The day of the month, if the date has one.
    pub fn day_number(&self) -> Option<u8> {
        (self.day > 0).then_some(self.day)
    }

    /// The last day this date covers: `2015-09` ends on 2015-09-30.
    pub fn last_day(&self) -> Date {
        match self.precision() {
            Precision::Year => Date {
                year: self.year,
                month: 12,
                day: 31,
            },
            Precision::Month => Date {
                day: days_in_month(self.year, self.month),
                ..*self
            },
            Precision::Day => *self,
        }
    }

    /// The first day this date covers: `2015-09` starts on 2015-09-01.
    pub fn first_day(&self) -> Date {
        Date {
            year: self.year,
            month: self.month.max(1),
            day: self.day.max(1),
        }
    }

    /// Months since year 0, counting a missing month as January: a position
    /// on a month axis.
    pub fn month_index(&self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month.max(1)) - 1
    }

    /// Fraction of the way through its month (0.0 at the 1st), for axes.
    pub fn day_fraction(&self) -> f64 {
        match self.day_number() {
            Some(d) => f64::from(d - 1) / f64::from(days_in_month(self.year, self.month)),
            None => 0.0,
        }
    }

    /// Machine form: `2015`, `2015-09` or `2015-09-25`.
    pub fn iso(&self) -> String {
        match self.precision() {
            Precision::Year => format!("{:04}", self.year),
            Precision::Month => format!("{:04}-{:02}", self.year, self.month),
            Precision::Day => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }

    /// Short month name, if the date has a month.
    pub fn month_abbrev(&self) -> Option<&'static str> {
        self.month_number().map(|m| MONTHS[usize::from(m) - 1])
    }
}

/// Human form at the date's precision: `25 Sep 2015`, `Sep 2015`, `2015`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month_abbrev(), self.day_number()) {
            (Some(m), Some(d)) => write!(f, "{d} {m} {}", self.year),
            (Some(m), None) => write!(f, "{m} {}", self.year),
            _ => write!(f, "{}", self.year),
        }
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(Date::parse("2015").unwrap().precision(), Precision::Year);
        assert_eq!(Date::parse("2015-09").unwrap().precision(), Precision::Month);
        assert_eq!(Date::parse("2015-09-25").unwrap().precision(), Precision::Day);
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        assert!(matches!(Date::parse("2015-02-30"), Err(DateError::BadDay(..))));
        assert!(matches!(Date::parse("2015-13"), Err(DateError::BadMonth(_))));
        assert!(Date::parse("2016-02-29").is_ok());
        assert!(Date::parse("1900-02-29").is_err());
        for bad in [
            "",
            "15",
            "2015-9",
            "2015-09-1",
            "2015/09",
            "2015-09-25-1",
            "２０１５",
        ] {
            assert!(matches!(Date::parse(bad), Err(DateError::Malformed(_))), "{bad}");
        }
    }

    #[test]
    fn an_imprecise_date_sorts_at_the_end_of_its_period() {
        let d = |s| Date::parse(s).unwrap();
        assert!(d("2015-09-01") < d("2015-09-30") && d("2015-09-30") < d("2015-09"));
        assert!(d("2015-06") < d("2015-09-25") && d("2015-09-25") < d("2015"));
        assert!(d("2015-12-31") < d("2015-12") && d("2015-12") < d("2015"));
        assert!(d("2015") < d("2016-01-01"));
        let mut dates = [d("2015"), d("2015-06"), d("2015-09-25"), d("2014")];
        dates.sort();
        let shown: Vec<String> = dates.iter().map(Date::to_string).collect();
        assert_eq!(shown, ["2014", "Jun 2015", "25 Sep 2015", "2015"]);
    }

    #[test]
    fn displays_at_precision() {
        assert_eq!(Date::parse("2015-09-25").unwrap().to_string(), "25 Sep 2015");
        assert_eq!(Date::parse("2015-09").unwrap().to_string(), "Sep 2015");
        assert_eq!(Date::parse("2015").unwrap().to_string(), "2015");
        assert_eq!(Date::parse("2015-09").unwrap().last_day().iso(), "2015-09-30");
    }
}
