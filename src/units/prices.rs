//! Prices per unit.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::amounts::{Amount, parse_amount_inner};
use super::format::{Lang, group, localized};
use super::parse::{Fail, PRICE, explain, fold_width};

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
    pub(super) fn zh(self) -> &'static str {
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

    pub(super) fn en(self) -> &'static str {
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

    /// The unit's name after the slash in `lang` (English names for languages not listed).
    pub(super) fn local(self, lang: Lang) -> &'static str {
        let symbol = match self {
            PerUnit::Kwh => Some(if lang == Lang::Ru { "кВт·ч" } else { "kWh" }),
            PerUnit::CubicMetre => Some(if lang == Lang::Ru { "м³" } else { "m³" }),
            PerUnit::Tonne => Some(if lang == Lang::Ru { "т" } else { "t" }),
            PerUnit::SquareMetre => Some(if lang == Lang::Ru { "м²" } else { "m²" }),
            _ => None,
        };
        if let Some(symbol) = symbol {
            return symbol;
        }
        // mu, month, year, day, person, unit, set, m²/month, m²/day, m²/year
        let i = match self {
            PerUnit::Mu => 0,
            PerUnit::Month => 1,
            PerUnit::Year => 2,
            PerUnit::Day => 3,
            PerUnit::Person => 4,
            PerUnit::Unit | PerUnit::Machine => 5,
            PerUnit::Set => 6,
            PerUnit::SquareMetreMonth => 7,
            PerUnit::SquareMetreDay => 8,
            _ => 9,
        };
        let names: [&'static str; 10] = match lang {
            Lang::Ru => ["му", "мес.", "год", "день", "чел.", "ед.", "компл.", "м²/мес.", "м²/день", "м²/год"],
            Lang::Fr => ["mu", "mois", "an", "jour", "personne", "unité", "lot", "m²/mois", "m²/jour", "m²/an"],
            Lang::De => ["mu", "Monat", "Jahr", "Tag", "Person", "Stück", "Satz", "m²/Monat", "m²/Tag", "m²/Jahr"],
            Lang::Es => ["mu", "mes", "año", "día", "persona", "unidad", "juego", "m²/mes", "m²/día", "m²/año"],
            Lang::Ar => ["مو", "شهر", "سنة", "يوم", "شخص", "وحدة", "مجموعة", "م²/شهر", "م²/يوم", "م²/سنة"],
            Lang::Ja => ["ムー", "月", "年", "日", "人", "台", "セット", "m²・月", "m²・日", "m²・年"],
            Lang::Ko => ["무", "월", "년", "일", "명", "대", "세트", "m²·월", "m²·일", "m²·년"],
            Lang::Zh | Lang::En | Lang::Other => return self.en(),
        };
        names[i]
    }

    /// Like `en`, but 台 keeps its own spelling so that serialization loses nothing.
    pub(super) fn canonical(self) -> &'static str {
        match self {
            PerUnit::Machine => "台",
            other => other.en(),
        }
    }

    /// The rent unit for "per m² per `self`", if `self` is a period.
    pub(super) fn per_square_metre(self) -> Option<PerUnit> {
        match self {
            PerUnit::Month => Some(PerUnit::SquareMetreMonth),
            PerUnit::Day => Some(PerUnit::SquareMetreDay),
            PerUnit::Year => Some(PerUnit::SquareMetreYear),
            _ => None,
        }
    }
}

/// Every spelling accepted after the slash (English also in the plural).
pub(super) const PER_UNITS: &[(&str, PerUnit)] = &[
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
pub(super) const RENT_SEPARATORS: &[char] = &['·', '•', '・', '.', '/', '*', '×'];

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

pub(super) fn parse_unit_price_inner(s: &str) -> Result<UnitPrice, Fail> {
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

pub(super) fn split_per(text: &str) -> Option<(&str, &str)> {
    if let Some(at) = text.find('/') {
        return Some((&text[..at], &text[at + 1..]));
    }
    let lower = text.to_ascii_lowercase();
    // ASCII lowering keeps byte offsets, so `at` is valid in `text` too.
    lower.find(" per ").map(|at| (&text[..at], &text[at + " per ".len()..]))
}

pub(super) fn parse_per(text: &str) -> Result<PerUnit, Fail> {
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

pub(super) fn parse_rent_unit(text: &str) -> Option<PerUnit> {
    let (area, period) = text.split_once(RENT_SEPARATORS)?;
    if whole_token(area.trim(), PER_UNITS)? != PerUnit::SquareMetre {
        return None;
    }
    whole_token(period.trim(), PER_UNITS)?.per_square_metre()
}

/// The token that spells all of `text`, allowing an English plural `s`.
pub(super) fn whole_token<T: Copy>(text: &str, table: &[(&str, T)]) -> Option<T> {
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
    /// zh: `0.42元/千瓦时`, `12万元/亩`, `4,500元/月`; en (and languages without a table),
    /// exact and written out: `CNY 0.42/kWh`, `CNY 120,000/mu`, `CNY 3.6/m³`,
    /// `CNY 4,500/month`, `CNY 180/t`; ru `0,42 юаня/кВт·ч`, `4 500 юаней/мес.`; fr `0,42 CNY/kWh`;
    /// ja `0.42元/kWh`, ko `0.42 위안/kWh`.
    pub fn format(&self, lang: &str) -> String {
        let l = Lang::of(lang);
        match l {
            Lang::Zh => format!("{}/{}", self.amount.format(lang), self.per.zh()),
            _ if self.per == PerUnit::Mu => self.per_hectare(lang),
            _ => self.exact(lang, self.amount.value, self.per.local(l)),
        }
    }

    /// `value` per `per`, exact: prices per unit are small numbers that rounding would spoil.
    fn exact(&self, lang: &str, value: Decimal, per: &str) -> String {
        let amount = Amount { value, ..self.amount };
        let l = Lang::of(lang);
        match l {
            // Amounts in these languages are exact below 1万 / 1 million, as prices must be.
            Lang::Ja | Lang::Ko if value.abs() < Decimal::from(10_000) => format!("{}/{per}", amount.format(lang)),
            Lang::Ru if value.abs() < Decimal::from(1_000_000) => format!("{}/{per}", amount.format(lang)),
            Lang::Ja | Lang::Ko | Lang::Ru | Lang::Fr | Lang::De | Lang::Es | Lang::Ar => {
                format!("{} {}/{per}", localized(value, l), self.amount.currency.code())
            }
            Lang::Zh | Lang::En | Lang::Other => format!("{} {}/{per}", self.amount.currency.code(), group(value)),
        }
    }

    /// Land prices like land areas: per hectare (15 mu, exact), with the price per mu as
    /// written in brackets: `CNY 1.8 million/ha (CNY 120,000/mu)`.
    fn per_hectare(&self, lang: &str) -> String {
        let l = Lang::of(lang);
        let per_mu = self.exact(lang, self.amount.value, self.per.local(l));
        let ha = if l == Lang::Ru { "га" } else { "ha" };
        match self.amount.value.checked_mul(Decimal::from(15)) {
            Some(value) => format!("{}/{ha} ({per_mu})", Amount { value, ..self.amount }.format(lang)),
            None => per_mu,
        }
    }

    /// Lossless form used for serialization, readable by [`parse_unit_price`]: `CNY 0.42/kWh`.
    pub fn canonical(&self) -> String {
        format!("{}/{}", self.amount.canonical(), self.per.canonical())
    }
}
