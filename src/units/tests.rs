use proptest::prelude::*;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::IntoDeserializer;
use serde::de::value::{Error as ValueError, F64Deserializer, StrDeserializer, U64Deserializer};

use super::*;

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
    for lang in ["en", "en-GB", "it", "", "x"] {
        assert_eq!(a.format(lang), "CNY 1.25 billion", "{lang}");
    }
    for lang in ["ru", "ru-RU", "RU"] {
        assert_eq!(a.format(lang), "1,25 млрд юаней", "{lang}");
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
    assert_eq!(a.usd_approx(rate, "fr").as_deref(), Some("≈ 176 M USD"));
    assert_eq!(a.usd_approx(rate, "ru").as_deref(), Some("≈ 176 млн долларов США"));
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
        ("12万元/亩", "12万元/亩", "CNY 1.8 million/ha (CNY 120,000/mu)"),
        ("8.5万元/亩", "8.5万元/亩", "CNY 1.275 million/ha (CNY 85,000/mu)"),
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
        assert_eq!(price(exact_part(&p.format("en"))).amount, p.amount, "{text}");
    }
}

/// The exact form in an English price: the price per mu in brackets after the price per
/// hectare, else the whole text.
fn exact_part(en: &str) -> &str {
    en.rsplit_once(" (").map(|(_, rest)| rest.trim_end_matches(')')).unwrap_or(en)
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

#[test]
fn numbers_follow_each_languages_separators() {
    let n = d("1234567.5");
    let cases = [
        ("ru", "1\u{a0}234\u{a0}567,5"),
        ("fr", "1\u{202f}234\u{202f}567,5"),
        ("de", "1.234.567,5"),
        ("es", "1.234.567,5"),
        ("ar", "1,234,567.5"),
        ("ko", "1,234,567.5"),
        ("ja", "1,234,567.5"),
    ];
    for (lang, expected) in cases {
        assert_eq!(format_number(n, lang), expected, "{lang}");
    }
    // CLDR's minimum grouping digits: Spanish leaves four-digit numbers alone.
    assert_eq!(format_number(d("1234.5"), "es"), "1234,5");
    assert_eq!(format_number(d("12345.6"), "es"), "12.345,6");
    assert_eq!(format_number(d("1234.5"), "ru"), "1\u{a0}234,5");
    assert_eq!(format_percent(d("14.5"), "ru"), "14,5\u{a0}%");
    assert_eq!(format_percent(d("14.5"), "fr"), "14,5\u{202f}%");
    assert_eq!(format_percent(d("14.5"), "ar"), "14.5%");
}

#[test]
fn amounts_per_locale() {
    let cases = [
        ("1500000000", "ru", "1,5 млрд юаней"),
        ("80000000", "ru", "80 млн юаней"),
        ("3000", "ru", "3\u{a0}000 юаней"),
        ("1", "ru", "1 юань"),
        ("22", "ru", "22 юаня"),
        ("1.5", "ru", "1,5 юаня"),
        ("1500000000", "fr", "1,5 Md CNY"),
        ("3000", "fr", "3\u{202f}000 CNY"),
        ("1500000000", "de", "1,5 Mrd. CNY"),
        ("1500000000", "es", "1,5 mil M CNY"),
        ("1500000000", "ar", "1.5 مليار CNY"),
        ("1250000000", "ko", "12.5억 위안"),
    ];
    for (value, lang, expected) in cases {
        assert_eq!(cny(value).format(lang), expected, "{lang}");
    }
    let usd = Amount { value: d("20000000"), currency: Currency::Usd };
    assert_eq!(usd.format("ru"), "20 млн долларов США");
}

#[test]
fn areas_and_prices_per_locale() {
    let mu = Area { value: d("300"), unit: AreaUnit::Mu };
    assert_eq!(mu.format("ru"), "20 га (300 му)");
    assert_eq!(mu.format("de"), "20 ha (300 mu)");
    let land = parse_unit_price("12万元/亩").unwrap();
    assert_eq!(land.format("ru"), "1,8 млн юаней/га (120\u{a0}000 юаней/му)");
    assert_eq!(parse_unit_price("0.42元/千瓦时").unwrap().format("ru"), "0,42 юаня/кВт·ч");
    assert_eq!(parse_unit_price("4500元/月").unwrap().format("ru"), "4\u{a0}500 юаней/мес.");
    assert_eq!(parse_unit_price("0.42元/千瓦时").unwrap().format("fr"), "0,42 CNY/kWh");
    assert_eq!(parse_unit_price("4500元/月").unwrap().format("es"), "4500 CNY/mes");
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
    assert_eq!(day.format("fr"), "1 septembre 2026");
    assert_eq!(day.format("de"), "1. September 2026");
    assert_eq!(day.format("es"), "1 de septiembre de 2026");
    assert_eq!(YearMonth { year: 2026, month: 10 }.format("es"), "octubre de 2026");
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
    prop::sample::select(vec![Currency::Cny, Currency::Usd, Currency::Eur, Currency::Hkd, Currency::Jpy, Currency::Gbp])
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
        let en = parse_unit_price(exact_part(&p.format("en"))).map_err(TestCaseError::fail)?;
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
