//! Dates.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use super::format::Lang;
use super::parse::{fold_width, quote};

/// A calendar date (proleptic Gregorian), compared chronologically.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Date {
    /// Four-digit year.
    pub year: i32,
    /// 1–12.
    pub month: u8,
    /// 1–31, valid for the month.
    pub day: u8,
}

pub(super) const DATE_FORM: &str = "write it like 2026-09-01";

pub(super) const EN_MONTHS: [&str; 12] = [
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

pub(super) const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

pub(super) const DE_MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

pub(super) const ES_MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// Genitive, as in "1 сентября 2026 г.".
pub(super) const RU_MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// Nominative, as in "октябрь 2026 г.".
pub(super) const RU_MONTHS: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

impl Date {
    /// Parses `2026-09-01`, also `2026-9-1`, `2026/9/1`, `2026.9.1` and `2026年9月1日`
    /// (or `…1号`), with full-width digits accepted. The year has four digits; the day must
    /// exist in that month (leap years included).
    pub fn parse(s: &str) -> Result<Date, String> {
        let text = fold_width(s);
        let text = text.trim();
        let Some([y, m, d]) = split_date(text) else {
            return Err(format!("{} is not a date: {DATE_FORM}", quote(s)));
        };
        let (year, month) = parse_year_month(s, y, m)?;
        let day = parse_small(d, 2).ok_or_else(|| format!("{} is not a date: {DATE_FORM}", quote(s)))?;
        let last = days_in_month(year, month);
        if day == 0 || day > last {
            let name = EN_MONTHS[usize::from(month - 1)];
            return Err(format!("{} is not a real date ({name} {year} has {last} days): {DATE_FORM}", quote(s)));
        }
        Ok(Date { year, month, day })
    }

    /// ISO 8601: `2026-09-01`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// zh/ja: `2026年9月1日`; ko: `2026년 9월 1일`; en: `1 September 2026`;
    /// ru: `1 сентября 2026 г.`; fr `1 septembre 2026`; de `1. September 2026`;
    /// es `1 de septiembre de 2026`; any other language (Arabic included): ISO `2026-09-01`,
    /// which GB/T 15835 allows and every reader parses. A date with an impossible month
    /// (built by hand, not parsed) is shown as ISO.
    pub fn format(&self, lang: &str) -> String {
        let (y, m, d) = (self.year, self.month, self.day);
        let month = usize::from(m).wrapping_sub(1);
        match (Lang::of(lang), EN_MONTHS.get(month), RU_MONTHS_GENITIVE.get(month)) {
            (Lang::Zh | Lang::Ja, Some(_), _) => format!("{y}年{m}月{d}日"),
            (Lang::Ko, Some(_), _) => format!("{y}년 {m}월 {d}일"),
            (Lang::En, Some(name), _) => format!("{d} {name} {y}"),
            (Lang::Ru, _, Some(name)) => format!("{d} {name} {y} г."),
            (Lang::Fr, Some(_), _) => format!("{d} {} {y}", FR_MONTHS[month]),
            (Lang::De, Some(_), _) => format!("{d}. {} {y}", DE_MONTHS[month]),
            (Lang::Es, Some(_), _) => format!("{d} de {} de {y}", ES_MONTHS[month]),
            _ => self.iso(),
        }
    }

    /// Today's date in UTC from the system clock.
    pub fn today_utc() -> Date {
        let days = match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(since) => i64::try_from(since.as_secs() / 86_400).unwrap_or(i64::MAX),
            // A clock before 1970: count back, rounding toward the earlier day.
            Err(e) => -i64::try_from(e.duration().as_secs().div_ceil(86_400)).unwrap_or(0),
        };
        Date::from_days_since_epoch(days)
    }

    /// Days since 1970-01-01 (negative before it). Useful for "expires in N days".
    pub fn days_since_epoch(&self) -> i64 {
        days_from_civil(i64::from(self.year), i64::from(self.month), i64::from(self.day))
    }

    /// The date `days` days after 1970-01-01. Years beyond `i32` saturate.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let (year, month, day) = civil_from_days(days);
        let year = i32::try_from(year).unwrap_or(if year < 0 { i32::MIN } else { i32::MAX });
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// A month of a year, as in the currency rate's `as_of: 2026-10`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct YearMonth {
    /// Four-digit year.
    pub year: i32,
    /// 1–12.
    pub month: u8,
}

impl YearMonth {
    /// Parses `2026-10`, `2026/10`, `2026.10`, `2026年10月`.
    pub fn parse(s: &str) -> Result<YearMonth, String> {
        let text = fold_width(s);
        let text = text.trim();
        let parts = match text.strip_suffix('月') {
            Some(head) => head.split_once('年'),
            None => ['-', '/', '.'].iter().find_map(|&sep| text.split_once(sep)),
        };
        let Some((y, m)) = parts else {
            return Err(format!("{} is not a month: write it like 2026-10", quote(s)));
        };
        let (year, month) = parse_year_month(s, y.trim(), m.trim())
            .map_err(|_| format!("{} is not a month: write it like 2026-10", quote(s)))?;
        Ok(YearMonth { year, month })
    }

    /// ISO 8601: `2026-10`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// zh/ja: `2026年10月`; ko: `2026년 10월`; en: `October 2026`; ru: `октябрь 2026 г.`;
    /// fr `octobre 2026`, de `Oktober 2026`, es `octubre de 2026`; any other language: ISO `2026-10`.
    pub fn format(&self, lang: &str) -> String {
        let (y, m) = (self.year, self.month);
        let month = usize::from(m).wrapping_sub(1);
        match (Lang::of(lang), EN_MONTHS.get(month), RU_MONTHS.get(month)) {
            (Lang::Zh | Lang::Ja, Some(_), _) => format!("{y}年{m}月"),
            (Lang::Ko, Some(_), _) => format!("{y}년 {m}월"),
            (Lang::En, Some(name), _) => format!("{name} {y}"),
            (Lang::Ru, _, Some(name)) => format!("{name} {y} г."),
            (Lang::Fr, Some(_), _) => format!("{} {y}", FR_MONTHS[month]),
            (Lang::De, Some(_), _) => format!("{} {y}", DE_MONTHS[month]),
            (Lang::Es, Some(_), _) => format!("{} de {y}", ES_MONTHS[month]),
            _ => self.iso(),
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

pub(super) fn split_date(text: &str) -> Option<[&str; 3]> {
    if let Some((y, rest)) = text.split_once('年') {
        let rest = rest.strip_suffix('日').or_else(|| rest.strip_suffix('号'))?;
        let (m, d) = rest.split_once('月')?;
        return Some([y.trim(), m.trim(), d.trim()]);
    }
    ['-', '/', '.'].iter().find_map(|&sep| {
        let mut parts = text.split(sep);
        let found = [parts.next()?, parts.next()?, parts.next()?];
        parts.next().is_none().then_some(found)
    })
}

pub(super) fn parse_year_month(original: &str, y: &str, m: &str) -> Result<(i32, u8), String> {
    let year =
        (y.len() == 4).then(|| y.parse::<i32>().ok()).flatten().filter(|_| y.bytes().all(|b| b.is_ascii_digit()));
    let Some(year) = year else {
        return Err(format!("{} needs a four-digit year: {DATE_FORM}", quote(original)));
    };
    match parse_small(m, 2) {
        Some(month @ 1..=12) => Ok((year, month)),
        Some(month) => Err(format!("{} has no month {month}: {DATE_FORM}", quote(original))),
        None => Err(format!("{} is not a date: {DATE_FORM}", quote(original))),
    }
}

/// One or two ASCII digits.
pub(super) fn parse_small(s: &str, max_len: usize) -> Option<u8> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

pub(super) fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub(super) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days, valid far beyond any i32 year.

pub(super) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(super) fn civil_from_days(z: i64) -> (i64, u8, u8) {
    // Clamped so that the arithmetic below cannot overflow; far outside any i32 year anyway.
    let z = z.clamp(-(1 << 50), 1 << 50) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8; // 1..=31 by construction
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8; // 1..=12 by construction
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}
