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
//!
//! A bounded date (`"2013/2013-06-07"`, a subset of EDTF interval
//! notation) says the act happened somewhere between two dates, each at
//! its own precision: it covers the first day of the one to the last day
//! of the other, and sorts like a date of that span's end, after any
//! plain date ending the same day.

use std::fmt;

/// How much of a date the source states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A calendar date of year, month or day precision, or a span between
/// two such dates (a bounded date).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
    /// The lower bound of a bounded date (`None`: a plain date).
    from: Option<Point>,
}

/// One end of a bounded date: year, month (0: none), day (0: none).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Point {
    year: u16,
    month: u8,
    day: u8,
}

fn vagueness(precision: Precision) -> u8 {
    match precision {
        Precision::Day => 0,
        Precision::Month => 1,
        Precision::Year => 2,
    }
}

/// End day, vagueness, start day (later first), start vagueness.
type OrderKey = (u16, u8, u8, u8, std::cmp::Reverse<(u16, u8, u8)>, u8);

impl Date {
    /// The key dates sort by: the period's last day, then the more
    /// precise date first (a bounded date after any plain one, the later
    /// its start the earlier). Distinct dates have distinct keys.
    fn order_key(&self) -> OrderKey {
        let end = self.last_day();
        let start = self.first_day();
        let bound_vagueness = self.from.map_or(0, |p| 1 + vagueness(Date::plain(p).precision()));
        (
            end.year,
            end.month,
            end.day,
            vagueness(self.end_point().precision()) + 3 * u8::from(self.from.is_some()),
            std::cmp::Reverse((start.year, start.month, start.day)),
            bound_vagueness,
        )
    }

    fn plain(p: Point) -> Date {
        Date {
            year: p.year,
            month: p.month,
            day: p.day,
            from: None,
        }
    }

    /// The upper end alone (the date itself when it is plain).
    pub(crate) fn end_point(&self) -> Date {
        Date { from: None, ..*self }
    }

    /// The lower end alone (the date itself when it is plain).
    pub(crate) fn start_point(&self) -> Date {
        self.from.map_or(*self, Date::plain)
    }

    /// True for a bounded date (`A/B`).
    pub fn is_bounded(&self) -> bool {
        self.from.is_some()
    }

    /// The date somewhere between `start` and `end` (each plain), or why
    /// not: the span must not end before it starts.
    pub fn between(start: Date, end: Date) -> Result<Date, DateError> {
        let (start, end) = (start.end_point(), end.end_point());
        if end.last_day() < start.first_day() {
            return Err(DateError::EndsBeforeStart(format!(
                "{}/{}",
                start.iso(),
                end.iso()
            )));
        }
        if start == end {
            return Ok(start);
        }
        let from = Point {
            year: start.year,
            month: start.month,
            day: start.day,
        };
        Ok(Date {
            from: Some(from),
            ..end
        })
    }

    /// Parses a plain date or a bounded one, `START/END`.
    pub fn parse_bounded(text: &str) -> Result<Self, DateError> {
        match text.split_once('/') {
            None => Date::parse(text),
            Some((a, b)) => Date::between(Date::parse(a)?, Date::parse(b)?),
        }
    }
}

/// The dates' whole span: the one that starts first and the one that
/// ends last (by the sort order, which is the order of period ends); of a
/// bounded date, only the end that counts.
pub fn span_of(dates: impl IntoIterator<Item = Date>) -> Option<(Date, Date)> {
    let span = dates.into_iter().fold(None, |span, d| match span {
        None => Some((d, d)),
        Some((lo, hi)) => {
            let lo = if (d.first_day(), d) < (lo.first_day(), lo) {
                d
            } else {
                lo
            };
            Some((lo, hi.max(d)))
        }
    });
    span.map(|(lo, hi): (Date, Date)| (lo.start_point(), hi.end_point()))
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
    #[error("\"{0}\" ends before it starts: give the earlier date first")]
    EndsBeforeStart(String),
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
            from: None,
        }
    }

    /// A month-precision date; the month is 1-based and must be valid.
    pub fn month(year: u16, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Date {
            year,
            month,
            day: 0,
            from: None,
        })
    }

    /// A day-precision date; `None` if the day does not exist.
    pub fn day(year: u16, month: u8, day: u8) -> Option<Self> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date {
            year,
            month,
            day,
            from: None,
        })
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
    pub(crate) fn month_number(&self) -> Option<u8> {
        (self.month > 0).then_some(self.month)
    }

    /// The day of the month, if the date has one.
    pub(crate) fn day_number(&self) -> Option<u8> {
        (self.day > 0).then_some(self.day)
    }

    /// The last day this date covers: `2015-09` ends on 2015-09-30.
    pub fn last_day(&self) -> Date {
        let end = self.end_point();
        match end.precision() {
            Precision::Year => Date {
                year: end.year,
                month: 12,
                day: 31,
                from: None,
            },
            Precision::Month => Date {
                day: days_in_month(end.year, end.month),
                ..end
            },
            Precision::Day => end,
        }
    }

    /// The first day this date covers: `2015-09` starts on 2015-09-01,
    /// `2013/2013-06-07` on 2013-01-01.
    pub fn first_day(&self) -> Date {
        let start = self.start_point();
        Date {
            year: start.year,
            month: start.month.max(1),
            day: start.day.max(1),
            from: None,
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

    /// Machine form: `2015`, `2015-09` or `2015-09-25`; bounded,
    /// `2013/2013-06-07`.
    pub fn iso(&self) -> String {
        if let Some(from) = self.from {
            return format!("{}/{}", Date::plain(from).iso(), self.end_point().iso());
        }
        match self.precision() {
            Precision::Year => format!("{:04}", self.year),
            Precision::Month => format!("{:04}-{:02}", self.year, self.month),
            Precision::Day => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }

    /// The ways to write it, longest first, for a narrow cell: `Display`,
    /// then for a bounded date its latest day (`by 7 Jun 2013`) and that
    /// day's month (`by Jun 2013`). Each is true of the act.
    pub fn shorter_forms(&self) -> Vec<String> {
        let mut forms = vec![self.to_string()];
        if self.from.is_some() {
            let end = self.end_point();
            forms.push(format!("by {end}"));
            if let (Some(month), Some(_)) = (end.month_abbrev(), end.day_number()) {
                forms.push(format!("by {month} {}", end.year));
            }
        }
        forms
    }

    /// Short month name, if the date has a month.
    pub fn month_abbrev(&self) -> Option<&'static str> {
        self.month_number().map(|m| MONTHS[usize::from(m) - 1])
    }
}

/// Human form at the date's precision: `25 Sep 2015`, `Sep 2015`, `2015`;
/// a bounded date as its span, `2013 – 7 Jun 2013`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(from) = self.from {
            return write!(f, "{} – {}", Date::plain(from), self.end_point());
        }
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
    fn bounded_dates_cover_their_span_and_sort_after_its_end() {
        let d = |s| Date::parse_bounded(s).unwrap();
        let b = d("2013/2013-06-07");
        assert!(b.is_bounded());
        assert_eq!(
            (b.first_day().iso(), b.last_day().iso()),
            ("2013-01-01".into(), "2013-06-07".into())
        );
        assert_eq!(b.to_string(), "2013 – 7 Jun 2013");
        assert_eq!(
            b.shorter_forms(),
            ["2013 – 7 Jun 2013", "by 7 Jun 2013", "by Jun 2013"]
        );
        assert_eq!(b.iso(), "2013/2013-06-07");
        assert!(d("2013-06-07") < b && b < d("2013-06-08"));
        assert!(d("2013-06/2013-06-07") < b, "the narrower span first");
        assert_eq!(d("2015-06-24/2015-06-24"), d("2015-06-24"));
        assert!(matches!(
            Date::parse_bounded("2014/2013"),
            Err(DateError::EndsBeforeStart(_))
        ));
        assert!(Date::parse("2013/2014").is_err(), "a cursor is never bounded");
    }

    #[test]
    fn displays_at_precision() {
        assert_eq!(Date::parse("2015-09-25").unwrap().to_string(), "25 Sep 2015");
        assert_eq!(Date::parse("2015-09").unwrap().to_string(), "Sep 2015");
        assert_eq!(Date::parse("2015").unwrap().to_string(), "2015");
        assert_eq!(Date::parse("2015-09").unwrap().last_day().iso(), "2015-09-30");
    }
}
