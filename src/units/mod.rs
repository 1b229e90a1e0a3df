//! Amounts, areas, prices per unit, percentages and dates, as authors write them in Chinese
//! documents, stored exactly and shown per language.
//!
//! Consumes front-matter strings such as `12.5亿元`, `USD 20 million`, `300亩`,
//! `0.42元/千瓦时`, `14.5%`, `2026-09-01`; produces exact values (`rust_decimal::Decimal`, never
//! binary floating point) and display strings per language. Guarantees: no input panics;
//! every parse error is one sentence that shows the form to write instead; a bare number
//! where a unit is needed is an error, never a guess.
//!
//! Languages (the locale table; separators and short scale names after CLDR):
//!
//! | lang | number        | amount                 | date                 | percent  |
//! |------|---------------|------------------------|----------------------|----------|
//! | zh   | `12345.6`, `4500` | `12.5亿元`         | `2026年9月1日`       | `14.5%`  |
//! | ja   | as zh         | `12.5億元`             | `2026年9月1日`       | `14.5%`  |
//! | ko   | `12,345.6`    | `12.5억 위안`          | `2026년 9월 1일`     | `14.5%`  |
//! | en   | `12,345.6`    | `CNY 1.25 billion`     | `1 September 2026`   | `14.5%`  |
//! | ru   | `12 345,6` (U+00A0) | `1,25 млрд юаней`, `3 000 юаней` | `1 сентября 2026 г.` | `14,5 %` |
//! | fr   | `12 345,6` (U+202F) | `1,25 Md CNY`    | `1 septembre 2026`   | `14,5 %` |
//! | de   | `12.345,6`    | `1,25 Mrd. CNY`        | `1. September 2026`  | `14,5 %` |
//! | es   | `1234,5`, `12.345,6` | `1,25 mil M CNY` | `1 de septiembre de 2026` | `14,5 %` |
//! | ar   | `12,345.6` (Latin digits) | `1.25 مليار CNY` | `2026-09-01` | `14.5%` |
//!
//! Any other language gets the English forms, except dates, which fall back to ISO 8601
//! (neutral in any script). Plural categories for counts: [`plural`].
//!
//! # Rounding rules
//! Parsing is exact. Formatting rounds half away from zero, only where stated:
//! - Chinese/Japanese amounts: the unit is the largest the value reaches (亿 from 1亿, 万 from
//!   1万) and its coefficient keeps at most 4 decimals (`1.23456亿元` shows as `1.2346亿元`,
//!   9999.9999万 stays `9999.9999万元`); a rounding that carries over the next unit moves up
//!   (9999.99995万 shows as `1亿元`). 万亿 is used only when it shows the value exactly, so
//!   `12345.6789亿元` stays as it is. Amounts below 1万 are shown exactly. Hence
//!   `parse_amount(a.format("zh")) == a` for every amount with at most 4 decimals in its unit.
//! - English amounts: the same rule with trillion/billion/million and at most 3 decimals
//!   (`CNY 1.235 million`); amounts below 1 million are shown exactly.
//! - USD approximations: 3 significant figures.
//! - English areas: hectares converted from mu or m² keep at most 2 decimals (100 m²), or
//!   3 significant figures for areas under 0.005 ha. Values in the author's own unit are exact.
//! - Prices per unit in English are exact and written out in full (`CNY 0.42/kWh`); land
//!   prices per mu are shown per hectare like an amount, with the exact price per mu in
//!   brackets (`CNY 1.8 million/ha (CNY 120,000/mu)`).
//! - Mu to m² or ha divides by 15 once, at the end; the only loss is Decimal's precision
//!   (28–29 significant digits) for results that do not terminate
//!   (1 亩 = 666.66666666666666666666666667 m²).

mod amounts;
mod areas;
mod dates;
mod format;
mod indicators;
mod numbers;
mod parse;
mod phone;
mod plural;
mod prices;
mod serialize;
#[cfg(test)]
mod tests;

pub use amounts::*;
pub use areas::*;
pub use dates::*;
pub use indicators::*;
pub use numbers::*;
pub use phone::*;
pub use plural::*;
pub use prices::*;

/// Larger amounts are refused as typos; also keeps every multiplication far from overflow.
const MAX_AMOUNT: i64 = 10_000_000_000_000_000; // 10^16, i.e. 1亿亿
/// Larger areas are refused as typos (10^12 of any unit).
const MAX_AREA: i64 = 1_000_000_000_000;
/// More decimals than this are a typo, not a price.
const MAX_DECIMALS: usize = 12;
/// Integer digits beyond this cannot be a real value of any kind here.
const MAX_INT_DIGITS: usize = 20;
