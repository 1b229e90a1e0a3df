//! Percentages and plain numbers.

use rust_decimal::Decimal;

use super::format::{Lang, localized};
use super::parse::{Fail, NUMBER, PERCENT, explain, fold_width, parse_unsigned};

/// A percentage as written, `14.5%` being 14.5 (not 0.145).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Percent(pub Decimal);

/// Parses `14.5%`, `14.5 %`, `14.5％`, `-3%` into 14.5, 14.5, 14.5, -3. Negative values are
/// allowed: growth rates and returns can be negative.
pub fn parse_percent(s: &str) -> Result<Decimal, String> {
    parse_percent_inner(s).map_err(|fail| explain(s, fail, &PERCENT))
}

pub(super) fn parse_percent_inner(s: &str) -> Result<Decimal, Fail> {
    let text = fold_width(s);
    let text = text.trim();
    if text.is_empty() {
        return Err(Fail::Empty);
    }
    let Some(number) = text.strip_suffix('%') else {
        return Err(match parse_signed_number(text) {
            Ok(_) => Fail::NoPercent,
            Err(_) => Fail::Unknown,
        });
    };
    parse_signed_number(number.trim())
}

/// `14.5%`, with the number as [`format_number`] writes it; ru, de and es put a no-break
/// space before the sign (`14,5 %`), fr a narrow one, as CLDR does.
pub fn format_percent(v: Decimal, lang: &str) -> String {
    let space = match Lang::of(lang) {
        Lang::Ru | Lang::De | Lang::Es => "\u{a0}",
        Lang::Fr => "\u{202f}",
        _ => "",
    };
    format!("{}{space}%", format_number(v, lang))
}

/// Exact, never rounded, trailing zeros stripped, in the language's separators:
/// `1250.50` → en `1,250.5`, ru `1 250,5`, de `1.250,5` (GB/T 15835 allows comma grouping in
/// Chinese; zh and ja leave four-digit numbers ungrouped).
pub fn format_number(v: Decimal, lang: &str) -> String {
    localized(v, Lang::of(lang))
}

/// Parses a plain number as authors write one: `7.1`, `1,250`, `-3.5`, `１２.５`.
pub fn parse_number(s: &str) -> Result<Decimal, String> {
    let text = fold_width(s);
    parse_signed_number(text.trim()).map_err(|fail| explain(s, fail, &NUMBER))
}

pub(super) fn parse_signed_number(text: &str) -> Result<Decimal, Fail> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text.strip_prefix('+').unwrap_or(text).trim_start()),
    };
    if digits.is_empty() {
        return Err(Fail::NoNumber);
    }
    let value = parse_unsigned(digits)?;
    Ok(if negative { -value } else { value })
}

impl Percent {
    /// See [`parse_percent`].
    pub fn parse(s: &str) -> Result<Percent, String> {
        parse_percent(s).map(Percent)
    }

    /// See [`format_percent`].
    pub fn format(&self, lang: &str) -> String {
        format_percent(self.0, lang)
    }
}
