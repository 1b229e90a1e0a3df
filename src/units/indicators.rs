//! Statistics as Chinese yearbooks give them (`738.6` 亿元, `149.0` 万人, `135` 万千瓦) shown
//! to readers who do not count in 万 and 亿: `CNY 73.86 billion`, `1.49 million`, `1,350`
//! MW. Exact decimal arithmetic, with the rounding of English amounts (at most 3 decimals of
//! million/billion/trillion).

use rust_decimal::Decimal;

use super::amounts::parse_amount;
use super::areas::parse_area;
use super::format::{Lang, scaled};
use super::numbers::parse_number;

/// An indicator as a non-Chinese reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShownIndicator {
    /// A complete text: amounts (`CNY 73.86 billion`) and areas (`1,333.33 ha`).
    Text(String),
    /// A number (`1.49 million`) for the theme's string `unit_key` (`unit.people`:
    /// `{n} people`), so each language words its units.
    Counted {
        number: String,
        unit_key: &'static str,
        /// The whole count, for the plural form of the unit (1 person, 5 people).
        value: Decimal,
    },
}

/// Chinese units of count and measure: the power of ten they hold and the unit they become.
const COUNTED: &[(&str, u32, &str)] = &[
    ("万人", 4, "unit.people"),
    ("人", 0, "unit.people"),
    ("亿人次", 8, "unit.visits"),
    ("万人次", 4, "unit.visits"),
    ("人次", 0, "unit.visits"),
    ("万户", 4, "unit.households"),
    ("户", 0, "unit.households"),
    ("家", 0, "unit.companies"),
    ("亿吨", 8, "unit.tonnes"),
    ("万吨", 4, "unit.tonnes"),
    ("吨", 0, "unit.tonnes"),
    ("吉瓦", 0, "unit.gw"),
    ("万千瓦", 1, "unit.mw"),
    ("兆瓦", 0, "unit.mw"),
    ("千瓦", 0, "unit.kw"),
    ("亿千瓦时", 8, "unit.kwh"),
    ("万千瓦时", 4, "unit.kwh"),
    ("千瓦时", 0, "unit.kwh"),
    ("度", 0, "unit.kwh"),
    ("平方公里", 0, "unit.km2"),
    ("万平方米", 4, "unit.m2"),
    ("平方米", 0, "unit.m2"),
    ("公里", 0, "unit.km"),
];

/// How `value` in the Chinese unit `zh_unit` reads in `lang`; `None` for Chinese readers
/// and for units without a conversion (the author's own unit text is shown then).
pub fn show_indicator(value: &str, zh_unit: &str, lang: &str) -> Option<ShownIndicator> {
    if Lang::of(lang) == Lang::Zh {
        return None;
    }
    let unit = zh_unit.trim();
    let number = parse_number(value).ok()?;
    if unit.ends_with('元') {
        return parse_amount(&format!("{number}{unit}")).ok().map(|a| ShownIndicator::Text(a.format(lang)));
    }
    if unit.ends_with('亩') || unit == "公顷" {
        return parse_area(&format!("{number}{unit}")).ok().map(|a| ShownIndicator::Text(a.format(lang)));
    }
    let (_, power, unit_key) = COUNTED.iter().find(|(zh, _, _)| *zh == unit)?;
    let whole = number.checked_mul(Decimal::from(10u64.pow(*power)))?;
    Some(ShownIndicator::Counted { number: scaled(whole, Lang::of(lang).big()), unit_key, value: whole })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(n: &str, key: &'static str) -> Option<(String, &'static str)> {
        Some((n.to_string(), key))
    }

    /// The number shown and the unit's key of a counted indicator.
    fn parts(shown: Option<ShownIndicator>) -> Option<(String, &'static str)> {
        match shown? {
            ShownIndicator::Counted { number, unit_key, .. } => Some((number, unit_key)),
            ShownIndicator::Text(_) => None,
        }
    }

    #[test]
    fn counts_keep_their_whole_value_for_plural_forms() {
        let Some(ShownIndicator::Counted { value, .. }) = show_indicator("149.0", "万人", "en") else { panic!() };
        assert_eq!(value, Decimal::from(1_490_000));
    }

    #[test]
    fn money_in_yi_and_wan_becomes_cny_millions_and_billions() {
        assert_eq!(show_indicator("738.6", "亿元", "en"), Some(ShownIndicator::Text("CNY 73.86 billion".into())));
        assert_eq!(show_indicator("46.8", "亿元", "en"), Some(ShownIndicator::Text("CNY 4.68 billion".into())));
        assert_eq!(show_indicator("42,350", "元", "en"), Some(ShownIndicator::Text("CNY 42,350".into())));
        assert_eq!(show_indicator("8500", "万元", "fr"), Some(ShownIndicator::Text("85 M CNY".into())));
        assert_eq!(show_indicator("738.6", "亿元", "ru"), Some(ShownIndicator::Text("73,86 млрд юаней".into())));
    }

    #[test]
    fn people_power_and_tonnes_are_counted_in_their_own_units() {
        assert_eq!(parts(show_indicator("149.0", "万人", "en")), counted("1.49 million", "unit.people"));
        assert_eq!(parts(show_indicator("41.5", "万人", "en")), counted("415,000", "unit.people"));
        assert_eq!(parts(show_indicator("135", "万千瓦", "en")), counted("1,350", "unit.mw"));
        assert_eq!(parts(show_indicator("1.2", "亿人次", "en")), counted("120 million", "unit.visits"));
        assert_eq!(parts(show_indicator("12.5", "亿千瓦时", "en")), counted("1.25 billion", "unit.kwh"));
        assert_eq!(parts(show_indicator("20100", "平方公里", "en")), counted("20,100", "unit.km2"));
        assert_eq!(parts(show_indicator("41.5", "万人", "ru")), counted("415\u{a0}000", "unit.people"));
        assert_eq!(parts(show_indicator("149.0", "万人", "de")), counted("1,49 Mio.", "unit.people"));
        assert_eq!(parts(show_indicator("149.0", "万人", "ja")), counted("149万", "unit.people"));
    }

    #[test]
    fn mu_become_hectares() {
        assert_eq!(show_indicator("2", "万亩", "en"), Some(ShownIndicator::Text("1,333.33 ha (20,000 mu)".into())));
    }

    #[test]
    fn chinese_readers_and_unknown_units_keep_what_the_author_wrote() {
        assert_eq!(show_indicator("738.6", "亿元", "zh"), None);
        assert_eq!(show_indicator("14.5", "%", "en"), None);
        assert_eq!(show_indicator("3", "个", "en"), None);
        assert_eq!(show_indicator("n/a", "亿元", "en"), None);
    }
}
