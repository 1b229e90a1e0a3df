//! Shared parsing.

use rust_decimal::Decimal;

use super::format::pow10;
use super::{MAX_DECIMALS, MAX_INT_DIGITS};
use crate::text::cjk;

/// Why a parse failed; worded per kind of value by `explain`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Fail {
    Empty,
    NoNumber,
    NoUnit,
    NoCurrency,
    NoPer,
    NoPercent,
    Negative,
    Malformed,
    Grouping,
    TooPrecise,
    TooLarge,
    TwoCurrencies,
    UnknownUnit,
    Compound,
    Unknown,
}

pub(super) struct Kind {
    pub(super) noun: &'static str,
    pub(super) examples: &'static str,
    pub(super) units: &'static str,
}

pub(super) const AMOUNT: Kind = Kind {
    noun: "an amount",
    examples: "12.5亿元, 8000万元 or USD 20 million",
    units: "元, 美元, 欧元, 港元, 日元, 英镑 or a code such as CNY or USD",
};
pub(super) const AREA: Kind = Kind {
    noun: "an area",
    examples: "300亩, 20 ha or 25平方公里",
    units: "亩 (mu), 公顷 (ha), 平方米 (m2) or 平方公里 (km2)",
};
pub(super) const PRICE: Kind = Kind {
    noun: "a price",
    examples: "0.42元/千瓦时, 12万元/亩 or CNY 0.42/kWh",
    units: "亩, 千瓦时, 立方米, 吨, 月, 年, 平方米, 天, 人, 个, 台, 套 or 平方米·月",
};
pub(super) const PERCENT: Kind = Kind { noun: "a percentage", examples: "14.5%", units: "%" };
pub(super) const NUMBER: Kind = Kind { noun: "a number", examples: "7.1 or 1,250", units: "" };

pub(super) fn explain(input: &str, fail: Fail, kind: &Kind) -> String {
    let q = quote(input);
    let (noun, ex, units) = (kind.noun, kind.examples, kind.units);
    match fail {
        Fail::Empty => format!("nothing is written where {noun} belongs: write it like {ex}"),
        Fail::NoNumber => format!("{q} has no number: write it like {ex}"),
        Fail::NoUnit => format!("{q} has no unit: write it like {ex}"),
        Fail::NoCurrency => format!("{q} has no currency: write it like {ex}"),
        Fail::NoPer => format!("{q} does not say what it is the price of: write it like {ex}"),
        Fail::NoPercent => format!("{q} has no % sign: write it like {ex}"),
        Fail::Negative => format!("{q} is negative, which {noun} cannot be: write it like {ex}"),
        Fail::Malformed => format!("{q} has a mistyped number: write it like {ex}"),
        Fail::Grouping => format!(
            "{q} has a comma in the wrong place: commas separate groups of three digits, as in 3,000 or 1,250,000"
        ),
        Fail::TooPrecise => {
            format!("{q} has more than {MAX_DECIMALS} decimal places: round it, and write it like {ex}")
        }
        Fail::TooLarge => format!(
            "{q} is too large for {noun}: check the number and its unit (1亿 is 100 million, 1万 is 10 thousand)"
        ),
        Fail::TwoCurrencies => {
            format!("{q} names two different currencies: write one, like 2000万美元 or USD 20 million")
        }
        Fail::UnknownUnit => {
            format!("{q} has a unit this site does not know: use {units}, like {ex}")
        }
        Fail::Compound => {
            format!("{q} has a combined unit this site does not know: use one unit or 平方米·月, like {ex}")
        }
        Fail::Unknown => format!("{q} is not {noun}: write it like {ex}"),
    }
}

/// The input as the author wrote it, shortened so that a pasted paragraph stays readable.
pub(super) fn quote(s: &str) -> String {
    let s = s.trim();
    let mut shown: String = s.chars().take(40).collect();
    if shown.len() < s.len() {
        shown.push('…');
    }
    format!("\"{shown}\"")
}

/// Full-width ASCII (１２．５％, ＵＳＤ) and the ideographic space, as Word and Chinese input
/// methods produce them, read as their ASCII forms; the minus sign U+2212 as '-'.
pub(super) fn fold_width(s: &str) -> String {
    s.chars().map(cjk::fold_width).map(|c| if c == '\u{2212}' { '-' } else { c }).collect()
}

/// Takes the longest token of `table` at the start of `rest` (after whitespace), matching
/// ASCII letters in any case. A token ending in a letter must not run on into another letter,
/// so `m` (million) never eats `mu`, while `USD20` still reads as USD 20.
pub(super) fn take_token<T: Copy>(rest: &mut &str, table: &[(&str, T)]) -> Option<T> {
    let text = rest.trim_start();
    let (token, value) =
        table.iter().filter(|(token, _)| starts_with_token(text, token)).max_by_key(|(token, _)| token.len())?;
    *rest = &text[token.len()..];
    Some(*value)
}

pub(super) fn starts_with_token(text: &str, token: &str) -> bool {
    let Some(head) = text.get(..token.len()) else {
        return false;
    };
    if !head.eq_ignore_ascii_case(token) {
        return false;
    }
    let ends_in_letter = token.chars().last().is_some_and(|c| c.is_ascii_alphabetic());
    let next = text[token.len()..].chars().next();
    !(ends_in_letter && next.is_some_and(|c| c.is_ascii_alphabetic()))
}

/// Chinese multipliers (simplified and traditional). 兆 is left out on purpose: it means
/// 10^6 or 10^12 depending on the writer.
pub(super) const ZH_MULTIPLIERS: &[(&str, u32)] = &[
    ("千", 3),
    ("万", 4),
    ("萬", 4),
    ("十万", 5),
    ("百万", 6),
    ("千万", 7),
    ("亿", 8),
    ("億", 8),
    ("十亿", 9),
    ("百亿", 10),
    ("千亿", 11),
    ("万亿", 12),
];

/// English multipliers; each must end at a word boundary, so `m` never eats `mu` or `m2`.
pub(super) const EN_MULTIPLIERS: &[(&str, u32)] = &[
    ("thousand", 3),
    ("k", 3),
    ("million", 6),
    ("mln", 6),
    ("mn", 6),
    ("m", 6),
    ("billion", 9),
    ("bn", 9),
    ("trillion", 12),
    ("tn", 12),
];

/// Reads `[-]number [multiplier]`: the number (if any) and the power of ten of its
/// multiplier (if any). English multipliers only where they cannot clash with a unit.
pub(super) fn take_scaled_number(rest: &mut &str, english: bool) -> Result<(Option<Decimal>, Option<u32>), Fail> {
    let text = rest.trim_start();
    if text.starts_with('-') || text.starts_with('负') {
        return Err(Fail::Negative);
    }
    let end = text.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(text.len());
    let number = match &text[..end] {
        "" => None,
        digits => Some(parse_unsigned(digits)?),
    };
    *rest = &text[end..];
    let mut exponent = take_token(rest, ZH_MULTIPLIERS);
    if exponent.is_none() && english && number.is_some() {
        exponent = take_token(rest, EN_MULTIPLIERS);
    }
    Ok((number, exponent))
}

/// An unsigned decimal with optional `,` grouping: `1,250,000.5`, `.5`.
pub(super) fn parse_unsigned(text: &str) -> Result<Decimal, Fail> {
    let (int, frac) = match text.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (text, None),
    };
    let frac = frac.unwrap_or("");
    let has_point = text.contains('.');
    if frac.contains(',') {
        return Err(Fail::Grouping);
    }
    let well_formed = (int.bytes().any(|b| b.is_ascii_digit()) || !frac.is_empty())
        && (!has_point || !frac.is_empty())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && int.bytes().all(|b| b.is_ascii_digit() || b == b',');
    if !well_formed {
        return Err(Fail::Malformed);
    }
    let int = ungroup(int)?;
    if int.len() > MAX_INT_DIGITS {
        return Err(Fail::TooLarge);
    }
    if frac.len() > MAX_DECIMALS {
        return Err(Fail::TooPrecise);
    }
    let int = if int.is_empty() { "0" } else { int.as_str() };
    let literal = if frac.is_empty() { int.to_string() } else { format!("{int}.{frac}") };
    Decimal::from_str_exact(&literal).map(|d| d.normalize()).map_err(|_| Fail::TooLarge)
}

/// Removes grouping commas after checking they sit every three digits.
pub(super) fn ungroup(int: &str) -> Result<String, Fail> {
    if !int.contains(',') {
        return Ok(int.to_string());
    }
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    let first_ok = (1..=3).contains(&first.len());
    if !first_ok || !groups.clone().all(|g| g.len() == 3) {
        return Err(Fail::Grouping);
    }
    Ok(int.replace(',', ""))
}

pub(super) fn scale_up(number: Decimal, exponent: u32, max: i64) -> Result<Decimal, Fail> {
    let value = number.checked_mul(pow10(exponent)).ok_or(Fail::TooLarge)?.normalize();
    if value > Decimal::from(max) {
        return Err(Fail::TooLarge);
    }
    Ok(value)
}
