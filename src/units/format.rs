//! Shared formatting.

use rust_decimal::{Decimal, RoundingStrategy};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lang {
    Zh,
    Ja,
    Ko,
    Ru,
    En,
    Fr,
    De,
    Es,
    Ar,
    Other,
}

impl Lang {
    /// By the primary subtag, so `zh-CN`, `zh_Hans` and `ZH` are all Chinese.
    pub(super) fn of(lang: &str) -> Lang {
        let primary = lang.trim().split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "zh" => Lang::Zh,
            "ja" => Lang::Ja,
            "ko" => Lang::Ko,
            "ru" => Lang::Ru,
            "en" => Lang::En,
            "fr" => Lang::Fr,
            "de" => Lang::De,
            "es" => Lang::Es,
            "ar" => Lang::Ar,
            _ => Lang::Other,
        }
    }

    /// How this language writes digits apart (see [`Numerals`]).
    pub(super) fn numerals(self) -> &'static Numerals {
        match self {
            Lang::Ru => &RU,
            Lang::Fr => &FR,
            Lang::De => &DE,
            Lang::Es => &ES,
            // Plain numbers in Chinese and Japanese group every thousand (GB/T 15835 allows
            // it); amounts in 万 and 亿 follow their scale's CJK rule instead.
            Lang::Zh | Lang::Ja | Lang::Ko | Lang::En | Lang::Ar | Lang::Other => &LATIN,
        }
    }

    /// Millions, billions (or 万, 亿) of things, for counts and amounts.
    pub(super) fn big(self) -> &'static Scale {
        match self {
            Lang::Zh => &ZH_SCALE,
            Lang::Ja => &JA_SCALE,
            Lang::Ko => &KO_SCALE,
            Lang::Ru => &RU_SCALE,
            Lang::Fr => &FR_SCALE,
            Lang::De => &DE_SCALE,
            Lang::Es => &ES_SCALE,
            Lang::Ar => &AR_SCALE,
            Lang::En | Lang::Other => &EN_SCALE,
        }
    }
}

/// Separators as CLDR gives them for each language (Latin digits everywhere: the Arabic
/// interface keeps the digits its readers see in figures from China). `min_grouping` is
/// CLDR's minimumGroupingDigits: 2 means a four-digit number stays ungrouped (es `1234,5`,
/// zh `4500元`) while `12.345,6` is grouped.
pub(super) struct Numerals {
    pub(super) group: &'static str,
    pub(super) decimal: &'static str,
    pub(super) min_grouping: usize,
}

pub(super) const LATIN: Numerals = Numerals { group: ",", decimal: ".", min_grouping: 1 };
pub(super) const CJK: Numerals = Numerals { group: ",", decimal: ".", min_grouping: 2 };
/// No-break space (U+00A0), as CLDR's ru.
pub(super) const RU: Numerals = Numerals { group: "\u{a0}", decimal: ",", min_grouping: 1 };
/// Narrow no-break space (U+202F), as CLDR's fr.
pub(super) const FR: Numerals = Numerals { group: "\u{202f}", decimal: ",", min_grouping: 1 };
pub(super) const DE: Numerals = Numerals { group: ".", decimal: ",", min_grouping: 1 };
pub(super) const ES: Numerals = Numerals { group: ".", decimal: ",", min_grouping: 2 };

/// How a language writes large numbers: a unit used only when it shows the value exactly
/// (万亿, so that 12345.6789亿 is not rounded to 1.2346万亿), then units chosen by magnitude
/// and rounded to `decimals`, largest first.
pub(super) struct Scale {
    pub(super) exact_top: Option<(u32, &'static str)>,
    pub(super) rounded: &'static [(u32, &'static str)],
    pub(super) decimals: u32,
    pub(super) numerals: &'static Numerals,
    /// A space between the number and the unit's name (`1,5 млрд`, not `1.5亿`).
    pub(super) spaced: bool,
}

pub(super) const ZH_SCALE: Scale = Scale {
    exact_top: Some((12, "万亿")),
    rounded: &[(8, "亿"), (4, "万")],
    decimals: 4,
    numerals: &CJK,
    spaced: false,
};
pub(super) const JA_SCALE: Scale =
    Scale {
        exact_top: Some((12, "兆")), rounded: &[(8, "億"), (4, "万")], decimals: 4, numerals: &CJK, spaced: false
    };
/// Korean counts in 만 and 억 too, and groups every number of four digits or more.
pub(super) const KO_SCALE: Scale = Scale {
    exact_top: Some((12, "조")),
    rounded: &[(8, "억"), (4, "만")],
    decimals: 4,
    numerals: &LATIN,
    spaced: false,
};
/// Areas never round in Chinese: 万 only when exact.
pub(super) const ZH_AREA_SCALE: Scale =
    Scale { exact_top: Some((4, "万")), rounded: &[], decimals: 4, numerals: &CJK, spaced: false };
pub(super) const EN_SCALE: Scale = western(&[(12, "trillion"), (9, "billion"), (6, "million")], &LATIN);
/// CLDR's short forms: млн, млрд, трлн.
pub(super) const RU_SCALE: Scale = western(&[(12, "трлн"), (9, "млрд"), (6, "млн")], &RU);
/// CLDR's short forms: M (million), Md (milliard), Bn (billion = 10¹²).
pub(super) const FR_SCALE: Scale = western(&[(12, "Bn"), (9, "Md"), (6, "M")], &FR);
pub(super) const DE_SCALE: Scale = western(&[(12, "Bio."), (9, "Mrd."), (6, "Mio.")], &DE);
/// M (millón), mil M (mil millones), B (billón = 10¹²).
pub(super) const ES_SCALE: Scale = western(&[(12, "B"), (9, "mil M"), (6, "M")], &ES);
pub(super) const AR_SCALE: Scale = western(&[(12, "تريليون"), (9, "مليار"), (6, "مليون")], &LATIN);

/// Millions and up, rounded to 3 decimals, the number grouped and spaced from its unit.
const fn western(rounded: &'static [(u32, &'static str)], numerals: &'static Numerals) -> Scale {
    Scale { exact_top: None, rounded, decimals: 3, numerals, spaced: true }
}

impl Scale {
    /// Chinese and Japanese texts write four-digit numbers without a separator (4500元/月,
    /// 1800亩) and group only longer ones; English always groups.
    pub(super) fn group(&self, v: Decimal) -> String {
        group_with(v, self.numerals)
    }

    pub(super) fn join(&self, coefficient: Decimal, name: &str) -> String {
        // 万 and 亿 keep their coefficient ungrouped, as Chinese yearbooks do (12345.6789亿).
        if self.spaced {
            format!("{} {name}", group_with(coefficient, self.numerals))
        } else {
            format!("{}{name}", plain(coefficient))
        }
    }

    /// The power of the next unit above `power`, if any.
    pub(super) fn next_up(&self, power: u32) -> Option<u32> {
        let larger = self.rounded.iter().map(|&(p, _)| p).chain(self.exact_top.map(|(p, _)| p));
        larger.filter(|&p| p > power).min()
    }
}

/// `v` in the largest unit it reaches. Below the smallest unit it is exact and grouped.
pub(super) fn scaled(v: Decimal, scale: &Scale) -> String {
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
pub(super) fn scaled_once(v: Decimal, scale: &Scale) -> Result<String, Decimal> {
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

pub(super) fn pow10(power: u32) -> Decimal {
    Decimal::from_i128_with_scale(10_i128.pow(power.min(18)), 0)
}

pub(super) fn div_pow10(v: Decimal, power: u32) -> Decimal {
    // Dividing by a number ≥ 1 cannot overflow; the fallback only satisfies the type.
    v.checked_div(pow10(power)).unwrap_or(Decimal::ZERO)
}

pub(super) fn round_dp(v: Decimal, dp: u32) -> Decimal {
    v.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero).normalize()
}

/// Without trailing zeros or a negative zero: `1.2500` → `1.25`.
pub(super) fn plain(v: Decimal) -> String {
    v.normalize().to_string()
}

/// `plain` with `,` between thousands: `1250000.5` → `1,250,000.5`.
pub(super) fn group(v: Decimal) -> String {
    group_with(v, &LATIN)
}

/// `v` exact, in `lang`'s separators: ru `1 250 000,5`, de `1.250.000,5`, es `1250,5`.
pub(super) fn localized(v: Decimal, lang: Lang) -> String {
    group_with(v, lang.numerals())
}

/// `plain` with `numerals`' separators.
pub(super) fn group_with(v: Decimal, numerals: &Numerals) -> String {
    let text = plain(v);
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = match unsigned.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (unsigned, None),
    };
    let grouped = int.len() >= 3 + numerals.min_grouping;
    let mut out = String::with_capacity(text.len() + int.len());
    out.push_str(sign);
    for (i, digit) in int.chars().enumerate() {
        if grouped && i > 0 && (int.len() - i) % 3 == 0 {
            out.push_str(numerals.group);
        }
        out.push(digit);
    }
    if let Some(frac) = frac {
        out.push_str(numerals.decimal);
        out.push_str(frac);
    }
    out
}
