//! Amounts, areas, prices per unit, percentages and dates, as authors write them in Chinese
//! documents, stored exactly and shown per language.
//!
//! Consumes front-matter strings such as `12.5亿元`, `USD 20 million`, `300亩`,
//! `0.42元/千瓦时`, `14.5%`, `2026-09-01`; produces exact values (`rust_decimal::Decimal`, never
//! binary floating point) and display strings per language. Guarantees: no input panics;
//! every parse error is one sentence that shows the form to write instead; a bare number
//! where a unit is needed is an error, never a guess.
//!
//! Languages: `zh` (and `zh-*`) get Chinese forms, `ja` gets Japanese forms for amounts and
//! dates, `ko` and `ru` get their own date forms; every other language gets the English forms,
//! except dates, which fall back to ISO 8601 (`2026-09-01`, neutral in any script,
//! including Arabic). Numbers are grouped with `,` and use `.` for decimals in every language.
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
//! - Prices per unit in English are exact and written out in full (`CNY 120,000/mu`).
//! - Mu to m² or ha divides by 15 once, at the end; the only loss is Decimal's precision
//!   (28–29 significant digits) for results that do not terminate
//!   (1 亩 = 666.66666666666666666666666667 m²).

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use rust_decimal::{Decimal, RoundingStrategy};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::text::cjk;

/// Larger amounts are refused as typos; also keeps every multiplication far from overflow.
const MAX_AMOUNT: i64 = 10_000_000_000_000_000; // 10^16, i.e. 1亿亿
/// Larger areas are refused as typos (10^12 of any unit).
const MAX_AREA: i64 = 1_000_000_000_000;
/// More decimals than this are a typo, not a price.
const MAX_DECIMALS: usize = 12;
/// Integer digits beyond this cannot be a real value of any kind here.
const MAX_INT_DIGITS: usize = 20;

// ---------------------------------------------------------------------------------------------
// Currency and amounts

/// Currencies authors use in investment documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    /// Renminbi yuan (元, 人民币, RMB).
    Cny,
    /// US dollar (美元).
    Usd,
    /// Euro (欧元).
    Eur,
    /// Hong Kong dollar (港元).
    Hkd,
    /// Japanese yen (日元).
    Jpy,
    /// Pound sterling (英镑).
    Gbp,
}

impl Currency {
    /// ISO 4217 code: `CNY`, `USD`, …
    pub fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Hkd => "HKD",
            Currency::Jpy => "JPY",
            Currency::Gbp => "GBP",
        }
    }

    fn zh(self) -> &'static str {
        match self {
            Currency::Cny => "元",
            Currency::Usd => "美元",
            Currency::Eur => "欧元",
            Currency::Hkd => "港元",
            Currency::Jpy => "日元",
            Currency::Gbp => "英镑",
        }
    }

    fn ja(self) -> &'static str {
        match self {
            Currency::Cny => "元",
            Currency::Usd => "米ドル",
            Currency::Eur => "ユーロ",
            Currency::Hkd => "香港ドル",
            Currency::Jpy => "円",
            Currency::Gbp => "ポンド",
        }
    }
}

/// Written before the number: `USD 20 million`, `人民币12.5亿元`, `$20 million`.
/// ¥ and ￥ are yuan: that is what they mean in a Chinese document.
const CURRENCY_PREFIXES: &[(&str, Currency)] = &[
    ("人民币", Currency::Cny),
    ("RMB", Currency::Cny),
    ("CNY", Currency::Cny),
    ("USD", Currency::Usd),
    ("EUR", Currency::Eur),
    ("HKD", Currency::Hkd),
    ("JPY", Currency::Jpy),
    ("GBP", Currency::Gbp),
    ("US$", Currency::Usd),
    ("HK$", Currency::Hkd),
    ("$", Currency::Usd),
    ("¥", Currency::Cny),
    ("￥", Currency::Cny),
    ("€", Currency::Eur),
    ("£", Currency::Gbp),
];

/// Written after the number: `8000万元`, `2000万美元`, `1.25 billion yuan`, `3000 CNY`.
const CURRENCY_SUFFIXES: &[(&str, Currency)] = &[
    ("元人民币", Currency::Cny),
    ("人民币", Currency::Cny),
    ("元", Currency::Cny),
    ("yuan", Currency::Cny),
    ("RMB", Currency::Cny),
    ("CNY", Currency::Cny),
    ("美元", Currency::Usd),
    ("美金", Currency::Usd),
    ("USD", Currency::Usd),
    ("欧元", Currency::Eur),
    ("EUR", Currency::Eur),
    ("港元", Currency::Hkd),
    ("港币", Currency::Hkd),
    ("HKD", Currency::Hkd),
    ("日元", Currency::Jpy),
    ("円", Currency::Jpy),
    ("JPY", Currency::Jpy),
    ("英镑", Currency::Gbp),
    ("GBP", Currency::Gbp),
];

/// Chinese multipliers (simplified and traditional). 兆 is left out on purpose: it means
/// 10^6 or 10^12 depending on the writer.
const ZH_MULTIPLIERS: &[(&str, u32)] = &[
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
const EN_MULTIPLIERS: &[(&str, u32)] = &[
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

/// An amount of money, exact, in whole currency units (yuan, dollars), not in 万.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Amount {
    /// Value in whole currency units: `12.5亿元` is 1_250_000_000.
    pub value: Decimal,
    /// Currency of `value`.
    pub currency: Currency,
}

/// Parses an amount as Chinese documents and English summaries write it: `12.5亿元`,
/// `8000万元`, `3,000元`, `人民币500万元`, `2000万美元`, `CNY 1.25 billion`, `USD 20 million`,
/// `RMB 500,000`, `1.25 billion yuan`. Full-width digits and punctuation are accepted.
pub fn parse_amount(s: &str) -> Result<Amount, String> {
    parse_amount_inner(s).map_err(|fail| explain(s, fail, &AMOUNT))
}

fn parse_amount_inner(s: &str) -> Result<Amount, Fail> {
    let text = fold_width(s);
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err(Fail::Empty);
    }
    let prefix = take_token(&mut rest, CURRENCY_PREFIXES);
    let (number, exponent) = take_scaled_number(&mut rest, true)?;
    let suffix = take_token(&mut rest, CURRENCY_SUFFIXES);
    if !rest.trim().is_empty() {
        return Err(Fail::Unknown);
    }
    let number = number.ok_or(Fail::NoNumber)?;
    let currency = match (prefix, suffix) {
        (Some(a), Some(b)) if a != b => return Err(Fail::TwoCurrencies),
        (Some(c), _) | (None, Some(c)) => c,
        (None, None) if exponent.is_some() => return Err(Fail::NoCurrency),
        (None, None) => return Err(Fail::NoUnit),
    };
    let value = scale_up(number, exponent.unwrap_or(0), MAX_AMOUNT)?;
    Ok(Amount { value, currency })
}

impl Amount {
    /// zh: `12.5亿元`, `8000万元`, `3,000元`, `2000万美元`; ja: `12.5億元`, `2000万米ドル`;
    /// any other language: `CNY 1.25 billion`, `CNY 80 million`, `CNY 3,000`, `USD 20 million`.
    /// See the module docs for rounding.
    pub fn format(&self, lang: &str) -> String {
        match Lang::of(lang) {
            Lang::Zh => format!("{}{}", scaled(self.value, &ZH_SCALE), self.currency.zh()),
            Lang::Ja => format!("{}{}", scaled(self.value, &JA_SCALE), self.currency.ja()),
            _ => format!("{} {}", self.currency.code(), scaled(self.value, &EN_SCALE)),
        }
    }

    /// The USD equivalent of a CNY amount, given CNY per USD, to 3 significant figures:
    /// `≈ USD 176 million` (zh `约1.76亿美元`, ja `約1.76億米ドル`). `None` for other currencies,
    /// a rate that is not positive, or a result too large to represent.
    pub fn usd_approx(&self, usd_rate: Decimal, lang: &str) -> Option<String> {
        if self.currency != Currency::Cny || usd_rate <= Decimal::ZERO {
            return None;
        }
        let usd = self
            .value
            .checked_div(usd_rate)?
            .round_sf_with_strategy(3, RoundingStrategy::MidpointAwayFromZero)?
            .normalize();
        let shown = Amount { value: usd, currency: Currency::Usd }.format(lang);
        Some(match Lang::of(lang) {
            Lang::Zh => format!("约{shown}"),
            Lang::Ja => format!("約{shown}"),
            _ => format!("≈ {shown}"),
        })
    }

    /// Lossless form used for serialization, readable by [`parse_amount`]: `CNY 1250000000`.
    pub fn canonical(&self) -> String {
        format!("{} {}", self.currency.code(), plain(self.value))
    }
}

// ---------------------------------------------------------------------------------------------
// Areas

/// Units authors write areas in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaUnit {
    /// 亩, exactly 1/15 ha.
    Mu,
    /// 公顷, ha.
    Hectare,
    /// 平方米, m².
    SquareMetre,
    /// 平方公里, km².
    SquareKilometre,
}

impl AreaUnit {
    fn zh(self) -> &'static str {
        match self {
            AreaUnit::Mu => "亩",
            AreaUnit::Hectare => "公顷",
            AreaUnit::SquareMetre => "平方米",
            AreaUnit::SquareKilometre => "平方公里",
        }
    }

    fn code(self) -> &'static str {
        match self {
            AreaUnit::Mu => "mu",
            AreaUnit::Hectare => "ha",
            AreaUnit::SquareMetre => "m2",
            AreaUnit::SquareKilometre => "km2",
        }
    }
}

const AREA_UNITS: &[(&str, AreaUnit)] = &[
    ("亩", AreaUnit::Mu),
    ("mu", AreaUnit::Mu),
    ("公顷", AreaUnit::Hectare),
    ("ha", AreaUnit::Hectare),
    ("hectare", AreaUnit::Hectare),
    ("hectares", AreaUnit::Hectare),
    ("平方米", AreaUnit::SquareMetre),
    ("平米", AreaUnit::SquareMetre),
    ("㎡", AreaUnit::SquareMetre),
    ("m²", AreaUnit::SquareMetre),
    ("m2", AreaUnit::SquareMetre),
    ("sqm", AreaUnit::SquareMetre),
    ("sq m", AreaUnit::SquareMetre),
    ("square metres", AreaUnit::SquareMetre),
    ("square meters", AreaUnit::SquareMetre),
    ("square metre", AreaUnit::SquareMetre),
    ("square meter", AreaUnit::SquareMetre),
    ("平方公里", AreaUnit::SquareKilometre),
    ("平方千米", AreaUnit::SquareKilometre),
    ("㎢", AreaUnit::SquareKilometre),
    ("km²", AreaUnit::SquareKilometre),
    ("km2", AreaUnit::SquareKilometre),
    ("sq km", AreaUnit::SquareKilometre),
    ("square kilometres", AreaUnit::SquareKilometre),
    ("square kilometers", AreaUnit::SquareKilometre),
    ("square kilometre", AreaUnit::SquareKilometre),
    ("square kilometer", AreaUnit::SquareKilometre),
];

/// An area in the unit the author wrote it in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Area {
    /// Value in `unit`; `1.2万亩` is stored as 12000 mu.
    pub value: Decimal,
    /// The author's unit, kept for Chinese display.
    pub unit: AreaUnit,
}

/// Parses `300亩`, `1.2万亩`, `300 mu`, `20公顷`, `20 ha`, `5000平方米`, `5万平方米`, `5000 m2`,
/// `5000㎡`, `25平方公里`, `25 km2`, `25 km²`.
pub fn parse_area(s: &str) -> Result<Area, String> {
    parse_area_inner(s).map_err(|fail| explain(s, fail, &AREA))
}

fn parse_area_inner(s: &str) -> Result<Area, Fail> {
    let text = fold_width(s);
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err(Fail::Empty);
    }
    let (number, exponent) = take_scaled_number(&mut rest, false)?;
    let unit = take_token(&mut rest, AREA_UNITS);
    let number = number.ok_or(Fail::NoNumber)?;
    if !rest.trim().is_empty() {
        return Err(if unit.is_some() { Fail::Unknown } else { Fail::UnknownUnit });
    }
    let unit = unit.ok_or(Fail::NoUnit)?;
    let value = scale_up(number, exponent.unwrap_or(0), MAX_AREA)?;
    Ok(Area { value, unit })
}

impl Area {
    /// Square metres; exact except for mu, where the division by 15 happens once, last, and is
    /// rounded to Decimal's 28–29 significant digits. Saturates at `Decimal::MAX` for values far
    /// beyond anything [`parse_area`] accepts.
    pub fn square_metres(&self) -> Decimal {
        let (multiplier, divisor) = match self.unit {
            AreaUnit::Mu => (10_000, 15),
            AreaUnit::Hectare => (10_000, 1),
            AreaUnit::SquareMetre => (1, 1),
            AreaUnit::SquareKilometre => (1_000_000, 1),
        };
        convert(self.value, multiplier, divisor)
    }

    /// Hectares, by the same rule as [`Area::square_metres`]: 300 mu is exactly 20 ha.
    pub fn hectares(&self) -> Decimal {
        match self.unit {
            AreaUnit::Mu => convert(self.value, 1, 15),
            AreaUnit::Hectare => self.value,
            AreaUnit::SquareMetre => convert(self.value, 1, 10_000),
            AreaUnit::SquareKilometre => convert(self.value, 100, 1),
        }
    }

    /// zh: the author's unit, exact (`300亩`, `1.2万亩`, `25平方公里`); any other language:
    /// hectares for mu with the mu in brackets (`20 ha (300 mu)`), hectares for ha and for
    /// m² from 10,000 up (`1.5 ha`), else `5,000 m²`; km² stays `25 km²`.
    pub fn format(&self, lang: &str) -> String {
        if Lang::of(lang) == Lang::Zh {
            return format!("{}{}", scaled(self.value, &ZH_AREA_SCALE), self.unit.zh());
        }
        match self.unit {
            AreaUnit::Mu => {
                format!("{} ha ({} mu)", group(round_hectares(self.hectares())), group(self.value))
            }
            AreaUnit::Hectare => format!("{} ha", group(self.value)),
            AreaUnit::SquareMetre if self.value.abs() >= Decimal::from(10_000) => {
                format!("{} ha", group(round_hectares(self.hectares())))
            }
            AreaUnit::SquareMetre => format!("{} m²", group(self.value)),
            AreaUnit::SquareKilometre => format!("{} km²", group(self.value)),
        }
    }

    /// Lossless form used for serialization, readable by [`parse_area`]: `300 mu`.
    pub fn canonical(&self) -> String {
        format!("{} {}", plain(self.value), self.unit.code())
    }
}

/// value × multiplier ÷ divisor, dividing last so that mu stay exact as long as possible.
fn convert(value: Decimal, multiplier: i64, divisor: i64) -> Decimal {
    value
        .checked_mul(Decimal::from(multiplier))
        .and_then(|v| v.checked_div(Decimal::from(divisor)))
        .map(|v| v.normalize())
        .unwrap_or(if value.is_sign_negative() { Decimal::MIN } else { Decimal::MAX })
}

fn round_hectares(ha: Decimal) -> Decimal {
    let rounded = round_dp(ha, 2);
    if rounded.is_zero() && !ha.is_zero() {
        // A 2-decimal zero would hide a real (if tiny) plot.
        return ha.round_sf_with_strategy(3, RoundingStrategy::MidpointAwayFromZero).map_or(rounded, |v| v.normalize());
    }
    rounded
}

// ---------------------------------------------------------------------------------------------
// Prices per unit

/// What a price is per. `SquareMetreMonth` and friends are the rent units parks quote
/// (`15元/平方米·月`); other compound units are refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PerUnit {
    /// 亩 / mu (land).
    Mu,
    /// 千瓦时, 度 / kWh (electricity).
    Kwh,
    /// 立方米, 方 / m³ (water, gas).
    CubicMetre,
    /// 吨 / t (steam, freight).
    Tonne,
    /// 月 / month (wages, rent).
    Month,
    /// 年 / year.
    Year,
    /// 平方米 / m².
    SquareMetre,
    /// 天, 日 / day.
    Day,
    /// 人 / person.
    Person,
    /// 个, 件 / unit.
    Unit,
    /// 台 / unit (machines).
    Machine,
    /// 套 / set.
    Set,
    /// 平方米·月 / m²/month (rent).
    SquareMetreMonth,
    /// 平方米·天 / m²/day (office rent).
    SquareMetreDay,
    /// 平方米·年 / m²/year.
    SquareMetreYear,
}

impl PerUnit {
    fn zh(self) -> &'static str {
        match self {
            PerUnit::Mu => "亩",
            PerUnit::Kwh => "千瓦时",
            PerUnit::CubicMetre => "立方米",
            PerUnit::Tonne => "吨",
            PerUnit::Month => "月",
            PerUnit::Year => "年",
            PerUnit::SquareMetre => "平方米",
            PerUnit::Day => "天",
            PerUnit::Person => "人",
            PerUnit::Unit => "个",
            PerUnit::Machine => "台",
            PerUnit::Set => "套",
            PerUnit::SquareMetreMonth => "平方米·月",
            PerUnit::SquareMetreDay => "平方米·天",
            PerUnit::SquareMetreYear => "平方米·年",
        }
    }

    fn en(self) -> &'static str {
        match self {
            PerUnit::Mu => "mu",
            PerUnit::Kwh => "kWh",
            PerUnit::CubicMetre => "m³",
            PerUnit::Tonne => "t",
            PerUnit::Month => "month",
            PerUnit::Year => "year",
            PerUnit::SquareMetre => "m²",
            PerUnit::Day => "day",
            PerUnit::Person => "person",
            PerUnit::Unit | PerUnit::Machine => "unit",
            PerUnit::Set => "set",
            PerUnit::SquareMetreMonth => "m²/month",
            PerUnit::SquareMetreDay => "m²/day",
            PerUnit::SquareMetreYear => "m²/year",
        }
    }

    /// Like `en`, but 台 keeps its own spelling so that serialization loses nothing.
    fn canonical(self) -> &'static str {
        match self {
            PerUnit::Machine => "台",
            other => other.en(),
        }
    }

    /// The rent unit for "per m² per `self`", if `self` is a period.
    fn per_square_metre(self) -> Option<PerUnit> {
        match self {
            PerUnit::Month => Some(PerUnit::SquareMetreMonth),
            PerUnit::Day => Some(PerUnit::SquareMetreDay),
            PerUnit::Year => Some(PerUnit::SquareMetreYear),
            _ => None,
        }
    }
}

/// Every spelling accepted after the slash (English also in the plural).
const PER_UNITS: &[(&str, PerUnit)] = &[
    ("亩", PerUnit::Mu),
    ("mu", PerUnit::Mu),
    ("千瓦时", PerUnit::Kwh),
    ("度", PerUnit::Kwh),
    ("kWh", PerUnit::Kwh),
    ("kW·h", PerUnit::Kwh),
    ("kW.h", PerUnit::Kwh),
    ("立方米", PerUnit::CubicMetre),
    ("立方", PerUnit::CubicMetre),
    ("方", PerUnit::CubicMetre),
    ("m³", PerUnit::CubicMetre),
    ("m3", PerUnit::CubicMetre),
    ("㎥", PerUnit::CubicMetre),
    ("cbm", PerUnit::CubicMetre),
    ("cubic metre", PerUnit::CubicMetre),
    ("cubic meter", PerUnit::CubicMetre),
    ("吨", PerUnit::Tonne),
    ("t", PerUnit::Tonne),
    ("tonne", PerUnit::Tonne),
    ("ton", PerUnit::Tonne),
    ("月", PerUnit::Month),
    ("month", PerUnit::Month),
    ("mo", PerUnit::Month),
    ("年", PerUnit::Year),
    ("year", PerUnit::Year),
    ("yr", PerUnit::Year),
    ("annum", PerUnit::Year),
    ("平方米", PerUnit::SquareMetre),
    ("平米", PerUnit::SquareMetre),
    ("㎡", PerUnit::SquareMetre),
    ("m²", PerUnit::SquareMetre),
    ("m2", PerUnit::SquareMetre),
    ("sqm", PerUnit::SquareMetre),
    ("sq m", PerUnit::SquareMetre),
    ("square metre", PerUnit::SquareMetre),
    ("square meter", PerUnit::SquareMetre),
    ("天", PerUnit::Day),
    ("日", PerUnit::Day),
    ("day", PerUnit::Day),
    ("人", PerUnit::Person),
    ("person", PerUnit::Person),
    ("head", PerUnit::Person),
    ("个", PerUnit::Unit),
    ("件", PerUnit::Unit),
    ("unit", PerUnit::Unit),
    ("piece", PerUnit::Unit),
    ("台", PerUnit::Machine),
    ("套", PerUnit::Set),
    ("set", PerUnit::Set),
];

/// Separators between m² and the period in a rent unit: 平方米·月, ㎡•月, m²/month, m2.month.
const RENT_SEPARATORS: &[char] = &['·', '•', '・', '.', '/', '*', '×'];

/// A price per unit: `0.42元/千瓦时` is 0.42 CNY per kWh.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UnitPrice {
    /// The price of one `per`.
    pub amount: Amount,
    /// What the price is for one of.
    pub per: PerUnit,
}

/// Parses `0.42元/千瓦时`, `0.42元/度`, `12万元/亩`, `3.6元/立方米`, `4500元/月`, `180元/吨`,
/// `15元/平方米·月`, `CNY 0.42/kWh`, `USD 1,200/month`, `RMB 0.42 per kWh`.
pub fn parse_unit_price(s: &str) -> Result<UnitPrice, String> {
    parse_unit_price_inner(s).map_err(|fail| explain(s, fail, &PRICE))
}

fn parse_unit_price_inner(s: &str) -> Result<UnitPrice, Fail> {
    let text = fold_width(s);
    let text = text.trim();
    if text.is_empty() {
        return Err(Fail::Empty);
    }
    let Some((left, right)) = split_per(text) else {
        return Err(match parse_amount_inner(text) {
            Ok(_) => Fail::NoPer,
            Err(fail) => fail,
        });
    };
    let amount = parse_amount_inner(left).map_err(|fail| match fail {
        Fail::NoUnit => Fail::NoCurrency,
        Fail::Empty => Fail::NoNumber,
        other => other,
    })?;
    let per = parse_per(right.trim())?;
    Ok(UnitPrice { amount, per })
}

fn split_per(text: &str) -> Option<(&str, &str)> {
    if let Some(at) = text.find('/') {
        return Some((&text[..at], &text[at + 1..]));
    }
    let lower = text.to_ascii_lowercase();
    // ASCII lowering keeps byte offsets, so `at` is valid in `text` too.
    lower.find(" per ").map(|at| (&text[..at], &text[at + " per ".len()..]))
}

fn parse_per(text: &str) -> Result<PerUnit, Fail> {
    if text.is_empty() {
        return Err(Fail::NoPer);
    }
    if let Some(per) = whole_token(text, PER_UNITS) {
        return Ok(per);
    }
    if let Some(rent) = parse_rent_unit(text) {
        return Ok(rent);
    }
    if text.contains(RENT_SEPARATORS) {
        return Err(Fail::Compound);
    }
    Err(Fail::UnknownUnit)
}

fn parse_rent_unit(text: &str) -> Option<PerUnit> {
    let (area, period) = text.split_once(RENT_SEPARATORS)?;
    if whole_token(area.trim(), PER_UNITS)? != PerUnit::SquareMetre {
        return None;
    }
    whole_token(period.trim(), PER_UNITS)?.per_square_metre()
}

/// The token that spells all of `text`, allowing an English plural `s`.
fn whole_token<T: Copy>(text: &str, table: &[(&str, T)]) -> Option<T> {
    let singular = match text.strip_suffix('s') {
        Some(stem) if stem.len() > 1 && stem.is_ascii() => stem,
        _ => text,
    };
    table
        .iter()
        .find(|(token, _)| token.eq_ignore_ascii_case(text) || token.eq_ignore_ascii_case(singular))
        .map(|&(_, value)| value)
}

impl UnitPrice {
    /// zh: `0.42元/千瓦时`, `12万元/亩`, `4,500元/月`; any other language, exact and written
    /// out: `CNY 0.42/kWh`, `CNY 120,000/mu`, `CNY 3.6/m³`, `CNY 4,500/month`, `CNY 180/t`.
    pub fn format(&self, lang: &str) -> String {
        match Lang::of(lang) {
            Lang::Zh => format!("{}/{}", self.amount.format(lang), self.per.zh()),
            _ => format!("{} {}/{}", self.amount.currency.code(), group(self.amount.value), self.per.en()),
        }
    }

    /// Lossless form used for serialization, readable by [`parse_unit_price`]: `CNY 0.42/kWh`.
    pub fn canonical(&self) -> String {
        format!("{}/{}", self.amount.canonical(), self.per.canonical())
    }
}

// ---------------------------------------------------------------------------------------------
// Percentages and plain numbers

/// A percentage as written, `14.5%` being 14.5 (not 0.145).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Percent(pub Decimal);

/// Parses `14.5%`, `14.5 %`, `14.5％`, `-3%` into 14.5, 14.5, 14.5, -3. Negative values are
/// allowed: growth rates and returns can be negative.
pub fn parse_percent(s: &str) -> Result<Decimal, String> {
    parse_percent_inner(s).map_err(|fail| explain(s, fail, &PERCENT))
}

fn parse_percent_inner(s: &str) -> Result<Decimal, Fail> {
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

/// `14.5%`, with the number grouped and trimmed as [`format_number`] does, in every language.
pub fn format_percent(v: Decimal, lang: &str) -> String {
    format!("{}%", format_number(v, lang))
}

/// Groups thousands with `,` and strips trailing zeros: `1250.50` → `1,250.5`. The same in
/// every language (GB/T 15835 allows comma grouping in Chinese); exact, never rounded.
pub fn format_number(v: Decimal, _lang: &str) -> String {
    group(v)
}

/// Parses a plain number as authors write one: `7.1`, `1,250`, `-3.5`, `１２.５`.
pub fn parse_number(s: &str) -> Result<Decimal, String> {
    let text = fold_width(s);
    parse_signed_number(text.trim()).map_err(|fail| explain(s, fail, &NUMBER))
}

fn parse_signed_number(text: &str) -> Result<Decimal, Fail> {
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

// ---------------------------------------------------------------------------------------------
// Dates

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

const DATE_FORM: &str = "write it like 2026-09-01";

const EN_MONTHS: [&str; 12] = [
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

/// Genitive, as in "1 сентября 2026 г.".
const RU_MONTHS_GENITIVE: [&str; 12] = [
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
const RU_MONTHS: [&str; 12] = [
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
    /// ru: `1 сентября 2026 г.`; any other language (Arabic included): ISO `2026-09-01`,
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
    /// any other language: ISO `2026-10`.
    pub fn format(&self, lang: &str) -> String {
        let (y, m) = (self.year, self.month);
        let month = usize::from(m).wrapping_sub(1);
        match (Lang::of(lang), EN_MONTHS.get(month), RU_MONTHS.get(month)) {
            (Lang::Zh | Lang::Ja, Some(_), _) => format!("{y}年{m}月"),
            (Lang::Ko, Some(_), _) => format!("{y}년 {m}월"),
            (Lang::En, Some(name), _) => format!("{name} {y}"),
            (Lang::Ru, _, Some(name)) => format!("{name} {y} г."),
            _ => self.iso(),
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

fn split_date(text: &str) -> Option<[&str; 3]> {
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

fn parse_year_month(original: &str, y: &str, m: &str) -> Result<(i32, u8), String> {
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
fn parse_small(s: &str, max_len: usize) -> Option<u8> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days, valid far beyond any i32 year.

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u8, u8) {
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

// ---------------------------------------------------------------------------------------------
// Serde: every type is written as the string an author would write

/// Reads a value from its string form with a parse function; integers from loosely typed
/// formats (YAML `price: 12`) go through the same parser, so they get the same "has no unit"
/// message instead of a type error.
struct StrVisitor<T> {
    parse: fn(&str) -> Result<T, String>,
    expecting: &'static str,
}

impl<T> Visitor<'_> for StrVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.parse)(v).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        self.visit_str(&v.to_string())
    }
}

macro_rules! serde_as_string {
    ($ty:ty, $to_string:expr, $parse:expr, $expecting:literal) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&($to_string)(self))
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(StrVisitor { parse: $parse, expecting: $expecting })
            }
        }
    };
}

serde_as_string!(
    Amount,
    Amount::canonical,
    parse_amount,
    "an amount with a unit, like 12.5亿元, 8000万元 or USD 20 million"
);
serde_as_string!(Area, Area::canonical, parse_area, "an area with a unit, like 300亩 or 20 ha");
serde_as_string!(
    UnitPrice,
    UnitPrice::canonical,
    parse_unit_price,
    "a price per unit, like 0.42元/千瓦时 or 12万元/亩"
);
serde_as_string!(Percent, |p: &Percent| format!("{}%", plain(p.0)), Percent::parse, "a percentage, like 14.5%");
serde_as_string!(Date, Date::iso, Date::parse, "a date, like 2026-09-01");
serde_as_string!(YearMonth, YearMonth::iso, YearMonth::parse, "a month, like 2026-10");

// ---------------------------------------------------------------------------------------------
// Shared parsing

/// Why a parse failed; worded per kind of value by `explain`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fail {
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

struct Kind {
    noun: &'static str,
    examples: &'static str,
    units: &'static str,
}

const AMOUNT: Kind = Kind {
    noun: "an amount",
    examples: "12.5亿元, 8000万元 or USD 20 million",
    units: "元, 美元, 欧元, 港元, 日元, 英镑 or a code such as CNY or USD",
};
const AREA: Kind = Kind {
    noun: "an area",
    examples: "300亩, 20 ha or 25平方公里",
    units: "亩 (mu), 公顷 (ha), 平方米 (m2) or 平方公里 (km2)",
};
const PRICE: Kind = Kind {
    noun: "a price",
    examples: "0.42元/千瓦时, 12万元/亩 or CNY 0.42/kWh",
    units: "亩, 千瓦时, 立方米, 吨, 月, 年, 平方米, 天, 人, 个, 台, 套 or 平方米·月",
};
const PERCENT: Kind = Kind { noun: "a percentage", examples: "14.5%", units: "%" };
const NUMBER: Kind = Kind { noun: "a number", examples: "7.1 or 1,250", units: "" };

fn explain(input: &str, fail: Fail, kind: &Kind) -> String {
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
fn quote(s: &str) -> String {
    let s = s.trim();
    let mut shown: String = s.chars().take(40).collect();
    if shown.len() < s.len() {
        shown.push('…');
    }
    format!("\"{shown}\"")
}

/// Full-width ASCII (１２．５％, ＵＳＤ) and the ideographic space, as Word and Chinese input
/// methods produce them, read as their ASCII forms; the minus sign U+2212 as '-'.
fn fold_width(s: &str) -> String {
    s.chars().map(cjk::fold_width).map(|c| if c == '\u{2212}' { '-' } else { c }).collect()
}

/// Takes the longest token of `table` at the start of `rest` (after whitespace), matching
/// ASCII letters in any case. A token ending in a letter must not run on into another letter,
/// so `m` (million) never eats `mu`, while `USD20` still reads as USD 20.
fn take_token<T: Copy>(rest: &mut &str, table: &[(&str, T)]) -> Option<T> {
    let text = rest.trim_start();
    let (token, value) =
        table.iter().filter(|(token, _)| starts_with_token(text, token)).max_by_key(|(token, _)| token.len())?;
    *rest = &text[token.len()..];
    Some(*value)
}

fn starts_with_token(text: &str, token: &str) -> bool {
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

/// Reads `[-]number [multiplier]`: the number (if any) and the power of ten of its
/// multiplier (if any). English multipliers only where they cannot clash with a unit.
fn take_scaled_number(rest: &mut &str, english: bool) -> Result<(Option<Decimal>, Option<u32>), Fail> {
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
fn parse_unsigned(text: &str) -> Result<Decimal, Fail> {
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
fn ungroup(int: &str) -> Result<String, Fail> {
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

fn scale_up(number: Decimal, exponent: u32, max: i64) -> Result<Decimal, Fail> {
    let value = number.checked_mul(pow10(exponent)).ok_or(Fail::TooLarge)?.normalize();
    if value > Decimal::from(max) {
        return Err(Fail::TooLarge);
    }
    Ok(value)
}

// ---------------------------------------------------------------------------------------------
// Shared formatting

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lang {
    Zh,
    Ja,
    Ko,
    Ru,
    En,
    Other,
}

impl Lang {
    /// By the primary subtag, so `zh-CN`, `zh_Hans` and `ZH` are all Chinese.
    fn of(lang: &str) -> Lang {
        let primary = lang.trim().split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "zh" => Lang::Zh,
            "ja" => Lang::Ja,
            "ko" => Lang::Ko,
            "ru" => Lang::Ru,
            "en" => Lang::En,
            _ => Lang::Other,
        }
    }
}

/// How a language writes large numbers: a unit used only when it shows the value exactly
/// (万亿, so that 12345.6789亿 is not rounded to 1.2346万亿), then units chosen by magnitude
/// and rounded to `decimals`, largest first.
struct Scale {
    exact_top: Option<(u32, &'static str)>,
    rounded: &'static [(u32, &'static str)],
    decimals: u32,
    english: bool,
}

const ZH_SCALE: Scale =
    Scale { exact_top: Some((12, "万亿")), rounded: &[(8, "亿"), (4, "万")], decimals: 4, english: false };
const JA_SCALE: Scale =
    Scale { exact_top: Some((12, "兆")), rounded: &[(8, "億"), (4, "万")], decimals: 4, english: false };
/// Areas never round in Chinese: 万 only when exact.
const ZH_AREA_SCALE: Scale = Scale { exact_top: Some((4, "万")), rounded: &[], decimals: 4, english: false };
const EN_SCALE: Scale =
    Scale { exact_top: None, rounded: &[(12, "trillion"), (9, "billion"), (6, "million")], decimals: 3, english: true };

impl Scale {
    /// Chinese and Japanese texts write four-digit numbers without a separator (4500元/月,
    /// 1800亩) and group only longer ones; English always groups.
    fn group(&self, v: Decimal) -> String {
        let int_digits = plain(v.abs().trunc()).len();
        if !self.english && int_digits <= 4 { plain(v) } else { group(v) }
    }

    fn join(&self, coefficient: Decimal, name: &str) -> String {
        if self.english { format!("{} {name}", group(coefficient)) } else { format!("{}{name}", plain(coefficient)) }
    }

    /// The power of the next unit above `power`, if any.
    fn next_up(&self, power: u32) -> Option<u32> {
        let larger = self.rounded.iter().map(|&(p, _)| p).chain(self.exact_top.map(|(p, _)| p));
        larger.filter(|&p| p > power).min()
    }
}

/// `v` in the largest unit it reaches. Below the smallest unit it is exact and grouped.
fn scaled(v: Decimal, scale: &Scale) -> String {
    let mut v = v;
    // Each carry moves up one unit and the next pass cannot carry at the same unit again,
    // so a few passes always settle; the bound only guards against a future table mistake.
    for _ in 0..4 {
        match scaled_once(v, scale) {
            Ok(shown) => return shown,
            Err(carried) => v = carried,
        }
    }
    scale.group(v)
}

/// `Err(rounded)` when rounding carried the value over the next unit's threshold
/// (9999.99995万 → 10000万), so that it is shown again from the top, as 1亿.
fn scaled_once(v: Decimal, scale: &Scale) -> Result<String, Decimal> {
    if let Some((power, name)) = scale.exact_top {
        let coefficient = div_pow10(v, power).normalize();
        if coefficient.abs() >= Decimal::ONE && coefficient.scale() <= scale.decimals {
            return Ok(scale.join(coefficient, name));
        }
    }
    for &(power, name) in scale.rounded {
        if v.abs() < pow10(power) {
            continue;
        }
        let coefficient = round_dp(div_pow10(v, power), scale.decimals);
        let rounded = coefficient.checked_mul(pow10(power)).unwrap_or(v);
        let carried = scale.next_up(power).is_some_and(|up| v.abs() < pow10(up) && rounded.abs() >= pow10(up));
        if carried {
            return Err(rounded);
        }
        return Ok(scale.join(coefficient, name));
    }
    Ok(scale.group(v))
}

fn pow10(power: u32) -> Decimal {
    Decimal::from_i128_with_scale(10_i128.pow(power.min(18)), 0)
}

fn div_pow10(v: Decimal, power: u32) -> Decimal {
    // Dividing by a number ≥ 1 cannot overflow; the fallback only satisfies the type.
    v.checked_div(pow10(power)).unwrap_or(Decimal::ZERO)
}

fn round_dp(v: Decimal, dp: u32) -> Decimal {
    v.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero).normalize()
}

/// Without trailing zeros or a negative zero: `1.2500` → `1.25`.
fn plain(v: Decimal) -> String {
    v.normalize().to_string()
}

/// `plain` with `,` between thousands: `1250000.5` → `1,250,000.5`.
fn group(v: Decimal) -> String {
    let text = plain(v);
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = match unsigned.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (unsigned, None),
    };
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    out.push_str(sign);
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::de::IntoDeserializer;
    use serde::de::value::{Error as ValueError, F64Deserializer, StrDeserializer, U64Deserializer};

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn cny(s: &str) -> Amount {
        Amount { value: d(s), currency: Currency::Cny }
    }

    fn amount(s: &str) -> Amount {
        parse_amount(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    // --- amounts: parsing -------------------------------------------------------------------

    #[test]
    fn parses_chinese_amounts_exactly() {
        assert_eq!(amount("12.5亿元").value, Decimal::from(1_250_000_000));
        assert_eq!(amount("8000万元"), cny("80000000"));
        assert_eq!(amount("3,000元"), cny("3000"));
        assert_eq!(amount("0.42元"), cny("0.42"));
        assert_eq!(amount("1.62万亿元"), cny("1620000000000"));
        assert_eq!(amount("5千元"), cny("5000"));
        assert_eq!(amount("3百万元"), cny("3000000"));
        assert_eq!(amount("2千万元"), cny("20000000"));
        assert_eq!(amount("人民币500万元"), cny("5000000"));
        assert_eq!(amount("12.5亿元人民币"), cny("1250000000"));
        assert_eq!(amount("500万人民币"), cny("5000000"));
        assert_eq!(amount("12.5億元"), cny("1250000000"));
    }

    #[test]
    fn parses_other_currencies_in_chinese() {
        let cases = [
            ("2000万美元", Currency::Usd),
            ("2000万美金", Currency::Usd),
            ("2000万欧元", Currency::Eur),
            ("2000万港元", Currency::Hkd),
            ("2000万港币", Currency::Hkd),
            ("2000万日元", Currency::Jpy),
            ("2000万英镑", Currency::Gbp),
        ];
        for (text, currency) in cases {
            assert_eq!(amount(text), Amount { value: d("20000000"), currency }, "{text}");
        }
    }

    #[test]
    fn parses_as_word_and_full_width_input() {
        assert_eq!(amount("１２．５亿元"), cny("1250000000"));
        assert_eq!(amount("3，000元"), cny("3000"));
        assert_eq!(amount("  12.5 亿 元  "), cny("1250000000"));
        assert_eq!(amount("12.5\u{3000}亿元"), cny("1250000000"));
        assert_eq!(amount("ＵＳＤ 20 million").currency, Currency::Usd);
    }

    #[test]
    fn parses_english_amounts() {
        assert_eq!(amount("CNY 1.25 billion"), cny("1250000000"));
        assert_eq!(amount("USD 20 million"), Amount { value: d("20000000"), currency: Currency::Usd });
        assert_eq!(amount("RMB 500,000"), cny("500000"));
        assert_eq!(amount("EUR 3 million").currency, Currency::Eur);
        assert_eq!(amount("usd 20m").value, d("20000000"));
        assert_eq!(amount("USD20m").value, d("20000000"));
        assert_eq!(amount("CNY 2bn"), cny("2000000000"));
        assert_eq!(amount("CNY 500k"), cny("500000"));
        assert_eq!(amount("CNY 3 thousand"), cny("3000"));
        assert_eq!(amount("CNY 1.62 trillion"), cny("1620000000000"));
        assert_eq!(amount("1.25 billion yuan"), cny("1250000000"));
        assert_eq!(amount("3000 CNY"), cny("3000"));
        assert_eq!(amount("$20 million").currency, Currency::Usd);
        assert_eq!(amount("US$ 5 million").currency, Currency::Usd);
        assert_eq!(amount("HK$ 3 million").currency, Currency::Hkd);
        assert_eq!(amount("￥500万"), cny("5000000"));
        assert_eq!(amount("¥ 3,000"), cny("3000"));
        assert_eq!(amount("USD 5万美元").value, d("50000"));
    }

    #[test]
    fn twelve_and_a_half_yi_is_exact() {
        let a = amount("12.5亿元");
        assert_eq!(a.value.to_string(), "1250000000");
        assert_eq!(amount("0.1亿元").value + amount("0.2亿元").value, amount("0.3亿元").value);
    }

    #[test]
    fn bare_number_error_tells_what_to_write() {
        assert_eq!(
            parse_amount("12.5").unwrap_err(),
            "\"12.5\" has no unit: write it like 12.5亿元, 8000万元 or USD 20 million"
        );
    }

    #[test]
    fn amount_errors_are_one_clear_sentence() {
        let cases = [
            ("500万", "has no currency"),
            ("12.5 million", "has no currency"),
            ("", "nothing is written"),
            ("   ", "nothing is written"),
            ("亿元", "has no number"),
            ("元", "has no number"),
            ("CNY", "has no number"),
            ("..元", "mistyped number"),
            ("1.2.3元", "mistyped number"),
            ("5.元", "mistyped number"),
            ("-5万元", "negative"),
            ("负5万元", "negative"),
            ("USD -5 million", "negative"),
            ("－5万元", "negative"),
            ("1,5亿元", "comma in the wrong place"),
            ("1,0000元", "comma in the wrong place"),
            (",100元", "comma in the wrong place"),
            ("1.5,0元", "comma in the wrong place"),
            ("99999999999999999999亿元", "too large"),
            ("99999999999999999999999999999999元", "too large"),
            ("2亿亿元", "is not an amount"),
            ("0.0000000000001元", "decimal places"),
            ("USD 5万欧元", "two different currencies"),
            ("五十亿元", "is not an amount"),
            ("1e9元", "is not an amount"),
            ("12.5 mu", "is not an amount"),
            ("12.5亿元整", "is not an amount"),
        ];
        for (text, expected) in cases {
            let err = parse_amount(text).expect_err(text);
            assert!(err.contains(expected), "{text}: {err}");
            assert!(!err.contains('\n'), "{text}: {err}");
        }
    }

    #[test]
    fn long_input_is_shortened_in_messages() {
        let long = "很".repeat(500);
        let err = parse_amount(&long).unwrap_err();
        assert!(err.chars().count() < 150, "{err}");
        assert!(err.contains('…'));
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let odd = [
            "",
            "亿元",
            "..元",
            ".",
            ",",
            "万",
            "万万元",
            "元元",
            "USD",
            "$",
            "-",
            "--5",
            "1..2",
            "0",
            "0元",
            "00000元",
            "\u{0}",
            "\u{FEFF}12元",
            "🚀元",
            "12🚀元",
            "9".repeat(200).as_str(),
            "CNY 9999999999999999999999999999 trillion",
            "0.000000000001万亿元",
        ]
        .map(String::from);
        for text in odd {
            let _ = parse_amount(&text);
            let _ = parse_area(&text);
            let _ = parse_unit_price(&text);
            let _ = parse_percent(&text);
            let _ = parse_number(&text);
            let _ = Date::parse(&text);
            let _ = YearMonth::parse(&text);
        }
        assert_eq!(amount("0元"), cny("0"));
    }

    // --- amounts: formatting ----------------------------------------------------------------

    #[test]
    fn formats_amounts_in_chinese() {
        let cases = [
            ("1250000000", "12.5亿元"),
            ("123450000", "1.2345亿元"),
            ("123456789", "1.2346亿元"),
            ("100000000", "1亿元"),
            ("80000000", "8000万元"),
            ("99999999", "9999.9999万元"),
            ("99999999.5", "1亿元"),
            ("120000", "12万元"),
            ("10000", "1万元"),
            ("9999", "9999元"),
            ("3000", "3000元"),
            ("0.42", "0.42元"),
            ("0.4235", "0.4235元"),
            ("0", "0元"),
            ("1620000000000", "1.62万亿元"),
            ("1234567800000", "12345.678亿元"),
            ("999999999999.99", "1万亿元"),
        ];
        for (value, shown) in cases {
            assert_eq!(cny(value).format("zh"), shown, "{value}");
        }
        let usd = Amount { value: d("20000000"), currency: Currency::Usd };
        assert_eq!(usd.format("zh"), "2000万美元");
    }

    #[test]
    fn formats_amounts_in_english() {
        let cases = [
            ("1250000000", "CNY 1.25 billion"),
            ("80000000", "CNY 80 million"),
            ("1234567", "CNY 1.235 million"),
            ("1234500", "CNY 1.235 million"),
            ("999999999.9", "CNY 1 billion"),
            ("1000000", "CNY 1 million"),
            ("999999", "CNY 999,999"),
            ("3000", "CNY 3,000"),
            ("0.42", "CNY 0.42"),
            ("1620000000000", "CNY 1.62 trillion"),
            ("2500000000000000", "CNY 2,500 trillion"),
        ];
        for (value, shown) in cases {
            assert_eq!(cny(value).format("en"), shown, "{value}");
        }
        let usd = Amount { value: d("20000000"), currency: Currency::Usd };
        assert_eq!(usd.format("en"), "USD 20 million");
    }

    #[test]
    fn formats_amounts_in_japanese() {
        assert_eq!(cny("1250000000").format("ja"), "12.5億元");
        assert_eq!(cny("1620000000000").format("ja"), "1.62兆元");
        let usd = Amount { value: d("20000000"), currency: Currency::Usd };
        assert_eq!(usd.format("ja"), "2000万米ドル");
    }

    #[test]
    fn language_tags_are_matched_by_primary_subtag() {
        let a = cny("1250000000");
        for lang in ["zh", "zh-CN", "zh_Hans", "ZH", " zh-TW "] {
            assert_eq!(a.format(lang), "12.5亿元", "{lang}");
        }
        for lang in ["en", "en-GB", "ru", "ar", "fr", "", "x"] {
            assert_eq!(a.format(lang), "CNY 1.25 billion", "{lang}");
        }
    }

    #[test]
    fn negative_values_built_by_hand_still_format() {
        assert_eq!(cny("-1250000000").format("zh"), "-12.5亿元");
        assert_eq!(cny("-3000").format("en"), "CNY -3,000");
    }

    #[test]
    fn extreme_values_built_by_hand_do_not_panic() {
        for value in [Decimal::MAX, Decimal::MIN, Decimal::new(1, 28), Decimal::new(-1, 28)] {
            for currency in [Currency::Cny, Currency::Usd] {
                let a = Amount { value, currency };
                for lang in ["zh", "ja", "en"] {
                    assert!(!a.format(lang).is_empty());
                    let _ = a.usd_approx(Decimal::new(71, 1), lang);
                    let _ = a.usd_approx(Decimal::new(1, 28), lang);
                }
            }
            let area = Area { value, unit: AreaUnit::Mu };
            let _ = (area.square_metres(), area.hectares(), area.format("zh"), area.format("en"));
            let km = Area { value, unit: AreaUnit::SquareKilometre };
            let _ = (km.square_metres(), km.hectares());
        }
    }

    #[test]
    fn usd_approximation() {
        let rate = d("7.1");
        let a = cny("1250000000");
        assert_eq!(a.usd_approx(rate, "en").as_deref(), Some("≈ USD 176 million"));
        assert_eq!(a.usd_approx(rate, "fr").as_deref(), Some("≈ USD 176 million"));
        assert_eq!(a.usd_approx(rate, "zh").as_deref(), Some("约1.76亿美元"));
        assert_eq!(a.usd_approx(rate, "ja").as_deref(), Some("約1.76億米ドル"));
        assert_eq!(cny("3000").usd_approx(rate, "en").as_deref(), Some("≈ USD 423"));
        assert_eq!(cny("0.42").usd_approx(rate, "en").as_deref(), Some("≈ USD 0.0592"));
        assert_eq!(cny("710000000").usd_approx(rate, "en").as_deref(), Some("≈ USD 100 million"));
        let usd = Amount { value: d("20000000"), currency: Currency::Usd };
        assert_eq!(usd.usd_approx(rate, "en"), None);
        assert_eq!(a.usd_approx(Decimal::ZERO, "en"), None);
        assert_eq!(a.usd_approx(d("-7.1"), "en"), None);
    }

    #[test]
    fn canonical_amount_is_lossless() {
        let a = cny("1250000000.4235");
        assert_eq!(a.canonical(), "CNY 1250000000.4235");
        assert_eq!(parse_amount(&a.canonical()), Ok(a));
    }

    // --- areas ------------------------------------------------------------------------------

    fn area(s: &str) -> Area {
        parse_area(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn parses_areas_in_every_spelling() {
        let cases = [
            ("300亩", "300", AreaUnit::Mu),
            ("300 mu", "300", AreaUnit::Mu),
            ("1.2万亩", "12000", AreaUnit::Mu),
            ("20公顷", "20", AreaUnit::Hectare),
            ("20 ha", "20", AreaUnit::Hectare),
            ("20 hectares", "20", AreaUnit::Hectare),
            ("5000平方米", "5000", AreaUnit::SquareMetre),
            ("5万平方米", "50000", AreaUnit::SquareMetre),
            ("5000 m2", "5000", AreaUnit::SquareMetre),
            ("5000 M2", "5000", AreaUnit::SquareMetre),
            ("5000㎡", "5000", AreaUnit::SquareMetre),
            ("5000 m²", "5000", AreaUnit::SquareMetre),
            ("5,000 sq m", "5000", AreaUnit::SquareMetre),
            ("25平方公里", "25", AreaUnit::SquareKilometre),
            ("25平方千米", "25", AreaUnit::SquareKilometre),
            ("25 km2", "25", AreaUnit::SquareKilometre),
            ("25 km²", "25", AreaUnit::SquareKilometre),
            ("２５ｋｍ２", "25", AreaUnit::SquareKilometre),
        ];
        for (text, value, unit) in cases {
            assert_eq!(area(text), Area { value: d(value), unit }, "{text}");
        }
    }

    #[test]
    fn area_errors() {
        assert_eq!(parse_area("300").unwrap_err(), "\"300\" has no unit: write it like 300亩, 20 ha or 25平方公里");
        let cases = [
            ("300 acres", "unit this site does not know"),
            ("亩", "has no number"),
            ("-3亩", "negative"),
            ("", "nothing is written"),
            ("300亩地", "is not an area"),
            ("9999999999999999亩", "too large"),
        ];
        for (text, expected) in cases {
            let err = parse_area(text).expect_err(text);
            assert!(err.contains(expected), "{text}: {err}");
        }
    }

    #[test]
    fn mu_convert_exactly() {
        assert_eq!(area("300亩").hectares(), d("20"));
        assert_eq!(area("300亩").square_metres(), d("200000"));
        assert_eq!(area("1800亩").hectares(), d("120"));
        assert_eq!(area("1亩").square_metres().to_string(), "666.66666666666666666666666667");
        assert_eq!(area("20 ha").square_metres(), d("200000"));
        assert_eq!(area("25 km2").square_metres(), d("25000000"));
        assert_eq!(area("25 km2").hectares(), d("2500"));
        assert_eq!(area("5000 m2").hectares(), d("0.5"));
    }

    #[test]
    fn formats_areas() {
        let cases = [
            ("300亩", "300亩", "20 ha (300 mu)"),
            ("7.5亩", "7.5亩", "0.5 ha (7.5 mu)"),
            ("1000亩", "1000亩", "66.67 ha (1,000 mu)"),
            ("1.2万亩", "1.2万亩", "800 ha (12,000 mu)"),
            ("12345.67亩", "12,345.67亩", "823.04 ha (12,345.67 mu)"),
            ("0.05亩", "0.05亩", "0.00333 ha (0.05 mu)"),
            ("20 ha", "20公顷", "20 ha"),
            ("5000 m2", "5000平方米", "5,000 m²"),
            ("15000 m2", "1.5万平方米", "1.5 ha"),
            ("25 km2", "25平方公里", "25 km²"),
        ];
        for (text, zh, en) in cases {
            let a = area(text);
            assert_eq!(a.format("zh"), zh, "{text}");
            assert_eq!(a.format("en"), en, "{text}");
        }
    }

    // --- unit prices ------------------------------------------------------------------------

    fn price(s: &str) -> UnitPrice {
        parse_unit_price(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn parses_unit_prices() {
        let cases = [
            ("0.42元/千瓦时", "0.42", PerUnit::Kwh),
            ("0.42元/度", "0.42", PerUnit::Kwh),
            ("0.42元／千瓦时", "0.42", PerUnit::Kwh),
            ("12万元/亩", "120000", PerUnit::Mu),
            ("3.6元/立方米", "3.6", PerUnit::CubicMetre),
            ("3.6元/方", "3.6", PerUnit::CubicMetre),
            ("4500元/月", "4500", PerUnit::Month),
            ("180元/吨", "180", PerUnit::Tonne),
            ("25元/平方米", "25", PerUnit::SquareMetre),
            ("150元/天", "150", PerUnit::Day),
            ("5万元/人", "50000", PerUnit::Person),
            ("1.2万元/年", "12000", PerUnit::Year),
            ("15元/平方米·月", "15", PerUnit::SquareMetreMonth),
            ("15元/㎡·月", "15", PerUnit::SquareMetreMonth),
            ("2元/平方米·天", "2", PerUnit::SquareMetreDay),
            ("CNY 0.42/kWh", "0.42", PerUnit::Kwh),
            ("CNY 0.42/kW·h", "0.42", PerUnit::Kwh),
            ("CNY 120,000/mu", "120000", PerUnit::Mu),
            ("CNY 3.6/m³", "3.6", PerUnit::CubicMetre),
            ("CNY 180/t", "180", PerUnit::Tonne),
            ("CNY 15/m²/month", "15", PerUnit::SquareMetreMonth),
            ("RMB 0.42 per kWh", "0.42", PerUnit::Kwh),
            ("CNY 4,500/months", "4500", PerUnit::Month),
        ];
        for (text, value, per) in cases {
            let p = price(text);
            assert_eq!((p.amount, p.per), (cny(value), per), "{text}");
        }
        let usd = price("USD 1,200/month");
        assert_eq!(usd.amount, Amount { value: d("1200"), currency: Currency::Usd });
    }

    #[test]
    fn formats_unit_prices() {
        let cases = [
            ("0.42元/千瓦时", "0.42元/千瓦时", "CNY 0.42/kWh"),
            ("0.42元/度", "0.42元/千瓦时", "CNY 0.42/kWh"),
            ("12万元/亩", "12万元/亩", "CNY 120,000/mu"),
            ("3.6元/立方米", "3.6元/立方米", "CNY 3.6/m³"),
            ("4500元/月", "4500元/月", "CNY 4,500/month"),
            ("180元/吨", "180元/吨", "CNY 180/t"),
            ("15元/平方米·月", "15元/平方米·月", "CNY 15/m²/month"),
            ("USD 1,200/month", "1200美元/月", "USD 1,200/month"),
            ("5000万元/台", "5000万元/台", "CNY 50,000,000/unit"),
        ];
        for (text, zh, en) in cases {
            let p = price(text);
            assert_eq!(p.format("zh"), zh, "{text}");
            assert_eq!(p.format("en"), en, "{text}");
            assert_eq!(price(&p.format("en")).amount, p.amount, "{text}");
        }
    }

    #[test]
    fn unit_price_errors() {
        let cases = [
            ("0.42元", "does not say what it is the price of"),
            ("0.42元/", "does not say what it is the price of"),
            ("0.42/千瓦时", "has no currency"),
            ("0.42", "has no unit"),
            ("15元/平方米·人", "combined unit"),
            ("15元/人/月", "combined unit"),
            ("15元/桶", "unit this site does not know"),
            ("", "nothing is written"),
            ("-0.42元/千瓦时", "negative"),
            ("/千瓦时", "has no number"),
        ];
        for (text, expected) in cases {
            let err = parse_unit_price(text).expect_err(text);
            assert!(err.contains(expected), "{text}: {err}");
            assert!(err.contains("0.42元/千瓦时") || err.contains("3,000"), "{text}: {err}");
        }
    }

    // --- percentages and numbers ------------------------------------------------------------

    #[test]
    fn parses_percentages() {
        for text in ["14.5%", "14.5 %", "14.5％", "１４．５％", " 14.50% "] {
            assert_eq!(parse_percent(text), Ok(d("14.5")), "{text}");
        }
        assert_eq!(parse_percent("-3%"), Ok(d("-3")));
        assert_eq!(parse_percent("14.5").unwrap_err(), "\"14.5\" has no % sign: write it like 14.5%");
        assert!(parse_percent("abc%").unwrap_err().contains("mistyped"));
        assert!(parse_percent("%").unwrap_err().contains("no number"));
        assert!(parse_percent("").unwrap_err().contains("nothing is written"));
        assert!(parse_percent("high").unwrap_err().contains("is not a percentage"));
        assert_eq!(Percent::parse("8%").map(|p| p.format("en")), Ok("8%".to_string()));
    }

    #[test]
    fn formats_numbers_and_percentages() {
        assert_eq!(format_percent(d("14.5"), "zh"), "14.5%");
        assert_eq!(format_percent(d("14.50"), "en"), "14.5%");
        assert_eq!(format_number(d("1250"), "en"), "1,250");
        assert_eq!(format_number(d("1250"), "zh"), "1,250");
        assert_eq!(format_number(d("1250.50"), "en"), "1,250.5");
        assert_eq!(format_number(d("100"), "en"), "100");
        assert_eq!(format_number(d("1000"), "en"), "1,000");
        assert_eq!(format_number(d("-1234567.891"), "en"), "-1,234,567.891");
        assert_eq!(format_number(-Decimal::ZERO, "en"), "0");
        assert_eq!(format_number(d("0.0000"), "en"), "0");
        assert_eq!(parse_number("7.1"), Ok(d("7.1")));
        assert_eq!(parse_number("１,２５０"), Ok(d("1250")));
        assert!(parse_number("7,1").unwrap_err().contains("comma"));
    }

    // --- dates ------------------------------------------------------------------------------

    fn date(y: i32, m: u8, day: u8) -> Date {
        Date { year: y, month: m, day }
    }

    #[test]
    fn parses_dates_in_every_form() {
        for text in [
            "2026-09-01",
            "2026-9-1",
            "2026/9/1",
            "2026/09/01",
            "2026.9.1",
            "2026年9月1日",
            "2026 年 9 月 1 日",
            "2026年09月01日",
            "2026年9月1号",
            "２０２６年９月１日",
            " 2026-09-01 ",
        ] {
            assert_eq!(Date::parse(text), Ok(date(2026, 9, 1)), "{text}");
        }
    }

    #[test]
    fn validates_days_and_leap_years() {
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2000-02-29").is_ok());
        assert!(Date::parse("2026-02-29").is_err());
        assert!(Date::parse("1900-02-29").is_err());
        assert!(Date::parse("2026-04-31").is_err());
        assert!(Date::parse("2026-12-31").is_ok());
        assert_eq!(
            Date::parse("2026-02-30").unwrap_err(),
            "\"2026-02-30\" is not a real date (February 2026 has 28 days): write it like 2026-09-01"
        );
        assert_eq!(Date::parse("2026-13-01").unwrap_err(), "\"2026-13-01\" has no month 13: write it like 2026-09-01");
        let cases = [
            ("next year", "is not a date"),
            ("明年", "is not a date"),
            ("", "is not a date"),
            ("2026-09", "is not a date"),
            ("2026-09-01-02", "is not a date"),
            ("26-9-1", "four-digit year"),
            ("2026-00-10", "has no month 0"),
            ("2026-09-00", "not a real date"),
            ("2026-09-001", "is not a date"),
            ("2026-09-01T10:00", "is not a date"),
            ("2026/09-01", "is not a date"),
        ];
        for (text, expected) in cases {
            let err = Date::parse(text).expect_err(text);
            assert!(err.contains(expected), "{text}: {err}");
            assert!(err.ends_with("write it like 2026-09-01"), "{text}: {err}");
        }
    }

    #[test]
    fn formats_dates_per_language() {
        let day = date(2026, 9, 1);
        assert_eq!(day.iso(), "2026-09-01");
        assert_eq!(day.to_string(), "2026-09-01");
        assert_eq!(day.format("zh"), "2026年9月1日");
        assert_eq!(day.format("ja"), "2026年9月1日");
        assert_eq!(day.format("ko"), "2026년 9월 1일");
        assert_eq!(day.format("en"), "1 September 2026");
        assert_eq!(day.format("en-US"), "1 September 2026");
        assert_eq!(day.format("ru"), "1 сентября 2026 г.");
        assert_eq!(day.format("ar"), "2026-09-01");
        assert_eq!(day.format("fr"), "2026-09-01");
        assert_eq!(date(2027, 12, 31).format("en"), "31 December 2027");
    }

    #[test]
    fn impossible_dates_built_by_hand_format_as_iso() {
        assert_eq!(date(2026, 13, 1).format("en"), "2026-13-01");
        assert_eq!(date(2026, 0, 1).format("ru"), "2026-00-01");
        assert_eq!(YearMonth { year: 2026, month: 0 }.format("zh"), "2026-00");
    }

    #[test]
    fn dates_order_chronologically() {
        assert!(date(2026, 9, 1) < date(2026, 10, 1));
        assert!(date(2026, 12, 31) < date(2027, 1, 1));
        assert!(date(2026, 9, 2) > date(2026, 9, 1));
    }

    #[test]
    fn epoch_days() {
        assert_eq!(date(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(date(2000, 3, 1).days_since_epoch(), 11_017);
        assert_eq!(date(1969, 12, 31).days_since_epoch(), -1);
        assert_eq!(Date::from_days_since_epoch(20_697), date(2026, 9, 1));
        assert_eq!(Date::from_days_since_epoch(-719_468), date(0, 3, 1));
        let _ = Date::from_days_since_epoch(i64::MAX);
        let _ = Date::from_days_since_epoch(i64::MIN);
        let _ = date(i32::MAX, 255, 255).days_since_epoch();
        let _ = date(i32::MIN, 0, 0).days_since_epoch();
    }

    #[test]
    fn today_is_a_real_recent_date() {
        let today = Date::today_utc();
        assert!(today >= date(2024, 1, 1), "{today}");
        assert_eq!(Date::parse(&today.iso()), Ok(today));
    }

    #[test]
    fn year_months() {
        for text in ["2026-10", "2026/10", "2026.10", "2026年10月", "2026-1O".replace('O', "0").as_str()] {
            assert_eq!(YearMonth::parse(text), Ok(YearMonth { year: 2026, month: 10 }), "{text}");
        }
        let ym = YearMonth { year: 2026, month: 10 };
        assert_eq!(ym.iso(), "2026-10");
        assert_eq!(ym.format("zh"), "2026年10月");
        assert_eq!(ym.format("en"), "October 2026");
        assert_eq!(ym.format("ru"), "октябрь 2026 г.");
        assert_eq!(ym.format("ar"), "2026-10");
        assert_eq!(YearMonth { year: 2026, month: 3 }.iso(), "2026-03");
        for bad in ["2026-13", "2026", "Oct 2026", "", "26-10", "2026-10-01"] {
            let err = YearMonth::parse(bad).expect_err(bad);
            assert!(err.contains("write it like 2026-10"), "{bad}: {err}");
        }
    }

    // --- serde ------------------------------------------------------------------------------

    fn from_str<'a, T: Deserialize<'a>>(s: &'a str) -> Result<T, String> {
        let de: StrDeserializer<'a, ValueError> = s.into_deserializer();
        T::deserialize(de).map_err(|e| e.to_string())
    }

    #[test]
    fn deserializes_from_author_strings() {
        assert_eq!(from_str::<Amount>("12.5亿元"), Ok(cny("1250000000")));
        assert_eq!(from_str::<Area>("300亩"), Ok(area("300亩")));
        assert_eq!(from_str::<UnitPrice>("0.42元/千瓦时"), Ok(price("0.42元/千瓦时")));
        assert_eq!(from_str::<Percent>("14.5%"), Ok(Percent(d("14.5"))));
        assert_eq!(from_str::<Date>("2026-09-01"), Ok(date(2026, 9, 1)));
        assert_eq!(from_str::<YearMonth>("2026-10"), Ok(YearMonth { year: 2026, month: 10 }));
        assert_eq!(from_str::<Amount>("12.5").unwrap_err(), parse_amount("12.5").unwrap_err());
    }

    #[test]
    fn deserializing_bare_numbers_explains_the_unit() {
        let int: U64Deserializer<ValueError> = 500_u64.into_deserializer();
        let err = Amount::deserialize(int).unwrap_err().to_string();
        assert!(err.contains("\"500\" has no unit"), "{err}");
        let float: F64Deserializer<ValueError> = 12.5_f64.into_deserializer();
        let err = Amount::deserialize(float).unwrap_err().to_string();
        assert!(err.contains("12.5亿元"), "{err}");
    }

    #[test]
    fn canonical_forms_parse_back() {
        let a = area("1.2万亩");
        assert_eq!(a.canonical(), "12000 mu");
        assert_eq!(parse_area(&a.canonical()), Ok(a));
        let p = price("15元/平方米·月");
        assert_eq!(p.canonical(), "CNY 15/m²/month");
        assert_eq!(parse_unit_price(&p.canonical()), Ok(p));
    }

    // --- properties -------------------------------------------------------------------------

    fn currency() -> impl Strategy<Value = Currency> {
        prop::sample::select(vec![
            Currency::Cny,
            Currency::Usd,
            Currency::Eur,
            Currency::Hkd,
            Currency::Jpy,
            Currency::Gbp,
        ])
    }

    /// Amounts with at most 4 decimals in the unit Chinese formatting picks for them.
    fn zh_exact_amount() -> impl Strategy<Value = Amount> {
        let value = prop_oneof![
            // 亿 (and 万亿 where exact): coefficient 1..10^8 with 4 decimals
            (10_000_i64..=1_000_000_000_000).prop_map(|m| Decimal::from(m) * Decimal::from(10_000)),
            // 万: coefficient 1..10^4 with 4 decimals, i.e. whole yuan
            (10_000_i64..100_000_000).prop_map(Decimal::from),
            // below 1万: up to 6 decimals, shown exactly
            (0_i64..10_000_000_000).prop_map(|n| Decimal::new(n, 6)),
        ];
        (value, currency()).prop_map(|(value, currency)| Amount { value: value.normalize(), currency })
    }

    fn any_amount() -> impl Strategy<Value = Amount> {
        // Up to the 10^16 ceiling that parsing enforces.
        let value = (0_i64..=MAX_AMOUNT, 0_u32..12).prop_map(|(n, scale)| Decimal::new(n, scale));
        (value, currency()).prop_map(|(value, currency)| Amount { value, currency })
    }

    proptest! {
        #[test]
        fn chinese_format_round_trips(a in zh_exact_amount()) {
            let shown = a.format("zh");
            prop_assert_eq!(parse_amount(&shown), Ok(a), "{}", shown);
        }

        #[test]
        fn english_format_parses_back_within_rounding(a in any_amount()) {
            let shown = a.format("en");
            let back = parse_amount(&shown).map_err(TestCaseError::fail)?;
            prop_assert_eq!(back.currency, a.currency);
            let diff = (back.value - a.value).abs();
            // 3 decimals of million/billion/trillion: at most half a unit of the 4th digit
            prop_assert!(diff * Decimal::from(1000) <= a.value, "{} -> {}", a.value, shown);
            if a.value < Decimal::from(1_000_000) {
                prop_assert_eq!(back.value, a.value);
            }
        }

        #[test]
        fn chinese_format_is_close_for_any_amount(a in any_amount()) {
            let shown = a.format("zh");
            let back = parse_amount(&shown).map_err(TestCaseError::fail)?;
            let diff = (back.value - a.value).abs();
            prop_assert!(diff * Decimal::from(10_000) <= a.value, "{} -> {}", a.value, shown);
        }

        #[test]
        fn canonical_round_trips(a in any_amount()) {
            prop_assert_eq!(parse_amount(&a.canonical()), Ok(a));
        }

        #[test]
        fn parsers_never_panic(s in any::<String>()) {
            let _ = parse_amount(&s);
            let _ = parse_area(&s);
            let _ = parse_unit_price(&s);
            let _ = parse_percent(&s);
            let _ = parse_number(&s);
            let _ = Date::parse(&s);
            let _ = YearMonth::parse(&s);
        }

        #[test]
        fn parsers_never_panic_on_plausible_text(
            s in "[0-9０-９.,，．、 \\-/万亿千百十元美欧港日英镑人民币亩公顷平方米公里度吨月年%％]{0,16}"
        ) {
            let _ = parse_amount(&s);
            let _ = parse_area(&s);
            let _ = parse_unit_price(&s);
            let _ = parse_percent(&s);
            let _ = Date::parse(&s);
        }

        #[test]
        fn numbers_round_trip(n in any::<i64>(), scale in 0_u32..12) {
            let v = Decimal::new(n, scale);
            let shown = format_number(v, "en");
            prop_assert_eq!(parse_number(&shown), Ok(v), "{}", shown);
            prop_assert_eq!(parse_percent(&format_percent(v, "zh")), Ok(v));
        }

        #[test]
        fn areas_round_trip_in_chinese(n in 0_i64..1_000_000_000_000, scale in 0_u32..6, unit in 0_usize..4) {
            let unit = [AreaUnit::Mu, AreaUnit::Hectare, AreaUnit::SquareMetre, AreaUnit::SquareKilometre][unit];
            let a = Area { value: Decimal::new(n, scale).normalize(), unit };
            prop_assert_eq!(parse_area(&a.format("zh")), Ok(a), "{}", a.format("zh"));
            prop_assert_eq!(parse_area(&a.canonical()), Ok(a));
            prop_assert!(!a.format("en").is_empty());
        }

        #[test]
        fn mu_to_hectares_is_one_fifteenth(n in 0_i64..1_000_000_000) {
            let a = Area { value: Decimal::from(n) * Decimal::from(15), unit: AreaUnit::Mu };
            prop_assert_eq!(a.hectares(), Decimal::from(n));
            prop_assert_eq!(a.square_metres(), Decimal::from(n) * Decimal::from(10_000));
        }

        #[test]
        fn unit_prices_round_trip_in_english(n in 0_i64..10_000_000_000, scale in 0_u32..5, per in 0_usize..15) {
            let pers = [
                PerUnit::Mu, PerUnit::Kwh, PerUnit::CubicMetre, PerUnit::Tonne, PerUnit::Month,
                PerUnit::Year, PerUnit::SquareMetre, PerUnit::Day, PerUnit::Person, PerUnit::Unit,
                PerUnit::Machine, PerUnit::Set, PerUnit::SquareMetreMonth, PerUnit::SquareMetreDay,
                PerUnit::SquareMetreYear,
            ];
            let p = UnitPrice { amount: cny(&Decimal::new(n, scale).to_string()), per: pers[per] };
            let en = parse_unit_price(&p.format("en")).map_err(TestCaseError::fail)?;
            prop_assert_eq!(en.amount, p.amount);
            prop_assert_eq!(parse_unit_price(&p.canonical()), Ok(p));
            let zh = parse_unit_price(&p.format("zh")).map_err(TestCaseError::fail)?;
            prop_assert_eq!(zh.per, p.per);
        }

        #[test]
        fn dates_round_trip_through_days(days in -3_000_000_i64..3_000_000) {
            let day = Date::from_days_since_epoch(days);
            prop_assert_eq!(day.days_since_epoch(), days);
            prop_assert!((1..=12).contains(&day.month));
            prop_assert!(day.day >= 1 && day.day <= days_in_month(day.year, day.month));
            if (1000..=9999).contains(&day.year) {
                prop_assert_eq!(Date::parse(&day.iso()), Ok(day));
                prop_assert_eq!(Date::parse(&day.format("zh")), Ok(day));
            }
        }

        #[test]
        fn consecutive_days_are_consecutive_dates(days in -3_000_000_i64..3_000_000) {
            let a = Date::from_days_since_epoch(days);
            let b = Date::from_days_since_epoch(days + 1);
            prop_assert!(a < b);
        }

        #[test]
        fn any_date_fields_format_without_panic(y in any::<i32>(), m in any::<u8>(), day in any::<u8>()) {
            let date = Date { year: y, month: m, day };
            let month = YearMonth { year: y, month: m };
            for lang in ["zh", "ja", "ko", "en", "ru", "ar"] {
                prop_assert!(!date.format(lang).is_empty());
                prop_assert!(!month.format(lang).is_empty());
            }
        }
    }
}
