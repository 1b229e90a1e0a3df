//! Areas.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::MAX_AREA;
use super::format::{Lang, ZH_AREA_SCALE, localized, plain, round_dp, scaled};
use super::parse::{AREA, Fail, explain, fold_width, scale_up, take_scaled_number, take_token};

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
    pub(super) fn zh(self) -> &'static str {
        match self {
            AreaUnit::Mu => "亩",
            AreaUnit::Hectare => "公顷",
            AreaUnit::SquareMetre => "平方米",
            AreaUnit::SquareKilometre => "平方公里",
        }
    }

    pub(super) fn code(self) -> &'static str {
        match self {
            AreaUnit::Mu => "mu",
            AreaUnit::Hectare => "ha",
            AreaUnit::SquareMetre => "m2",
            AreaUnit::SquareKilometre => "km2",
        }
    }
}

pub(super) const AREA_UNITS: &[(&str, AreaUnit)] = &[
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

pub(super) fn parse_area_inner(s: &str) -> Result<Area, Fail> {
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
        let l = Lang::of(lang);
        if l == Lang::Zh {
            return format!("{}{}", scaled(self.value, &ZH_AREA_SCALE), self.unit.zh());
        }
        let n = |v: Decimal| localized(v, l);
        // Russian writes the symbols in Cyrillic; the others use the SI symbols.
        let [ha, mu, m2, km2] =
            if l == Lang::Ru { ["га", "му", "м²", "км²"] } else { ["ha", "mu", "m²", "km²"] };
        match self.unit {
            AreaUnit::Mu => format!("{} {ha} ({} {mu})", n(round_hectares(self.hectares())), n(self.value)),
            AreaUnit::Hectare => format!("{} {ha}", n(self.value)),
            AreaUnit::SquareMetre if self.value.abs() >= Decimal::from(10_000) => {
                format!("{} {ha}", n(round_hectares(self.hectares())))
            }
            AreaUnit::SquareMetre => format!("{} {m2}", n(self.value)),
            AreaUnit::SquareKilometre => format!("{} {km2}", n(self.value)),
        }
    }

    /// Lossless form used for serialization, readable by [`parse_area`]: `300 mu`.
    pub fn canonical(&self) -> String {
        format!("{} {}", plain(self.value), self.unit.code())
    }
}

/// value × multiplier ÷ divisor, dividing last so that mu stay exact as long as possible.
pub(super) fn convert(value: Decimal, multiplier: i64, divisor: i64) -> Decimal {
    value
        .checked_mul(Decimal::from(multiplier))
        .and_then(|v| v.checked_div(Decimal::from(divisor)))
        .map(|v| v.normalize())
        .unwrap_or(if value.is_sign_negative() { Decimal::MIN } else { Decimal::MAX })
}

pub(super) fn round_hectares(ha: Decimal) -> Decimal {
    let rounded = round_dp(ha, 2);
    if rounded.is_zero() && !ha.is_zero() {
        // A 2-decimal zero would hide a real (if tiny) plot.
        return ha.round_sf_with_strategy(3, RoundingStrategy::MidpointAwayFromZero).map_or(rounded, |v| v.normalize());
    }
    rounded
}
