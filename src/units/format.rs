//! Shared formatting.

use rust_decimal::{Decimal, RoundingStrategy};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lang {
    Zh,
    Ja,
    Ko,
    Ru,
    En,
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
            _ => Lang::Other,
        }
    }
}

/// How a language writes large numbers: a unit used only when it shows the value exactly
/// (万亿, so that 12345.6789亿 is not rounded to 1.2346万亿), then units chosen by magnitude
/// and rounded to `decimals`, largest first.
pub(super) struct Scale {
    pub(super) exact_top: Option<(u32, &'static str)>,
    pub(super) rounded: &'static [(u32, &'static str)],
    pub(super) decimals: u32,
    pub(super) english: bool,
}

pub(super) const ZH_SCALE: Scale =
    Scale { exact_top: Some((12, "万亿")), rounded: &[(8, "亿"), (4, "万")], decimals: 4, english: false };
pub(super) const JA_SCALE: Scale =
    Scale { exact_top: Some((12, "兆")), rounded: &[(8, "億"), (4, "万")], decimals: 4, english: false };
/// Areas never round in Chinese: 万 only when exact.
pub(super) const ZH_AREA_SCALE: Scale =
    Scale { exact_top: Some((4, "万")), rounded: &[], decimals: 4, english: false };
pub(super) const EN_SCALE: Scale =
    Scale { exact_top: None, rounded: &[(12, "trillion"), (9, "billion"), (6, "million")], decimals: 3, english: true };

impl Scale {
    /// Chinese and Japanese texts write four-digit numbers without a separator (4500元/月,
    /// 1800亩) and group only longer ones; English always groups.
    pub(super) fn group(&self, v: Decimal) -> String {
        let int_digits = plain(v.abs().trunc()).len();
        if !self.english && int_digits <= 4 { plain(v) } else { group(v) }
    }

    pub(super) fn join(&self, coefficient: Decimal, name: &str) -> String {
        if self.english { format!("{} {name}", group(coefficient)) } else { format!("{}{name}", plain(coefficient)) }
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
