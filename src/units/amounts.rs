//! Currency and amounts.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::MAX_AMOUNT;
use super::format::{EN_SCALE, JA_SCALE, KO_SCALE, Lang, RU_SCALE, ZH_SCALE, plain, pow10, scaled};
use super::parse::{AMOUNT, Fail, explain, fold_width, scale_up, take_scaled_number, take_token};
use super::plural::{Plural, plural};

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

    pub(super) fn zh(self) -> &'static str {
        match self {
            Currency::Cny => "元",
            Currency::Usd => "美元",
            Currency::Eur => "欧元",
            Currency::Hkd => "港元",
            Currency::Jpy => "日元",
            Currency::Gbp => "英镑",
        }
    }

    pub(super) fn ja(self) -> &'static str {
        match self {
            Currency::Cny => "元",
            Currency::Usd => "米ドル",
            Currency::Eur => "ユーロ",
            Currency::Hkd => "香港ドル",
            Currency::Jpy => "円",
            Currency::Gbp => "ポンド",
        }
    }

    pub(super) fn ko(self) -> &'static str {
        match self {
            Currency::Cny => "위안",
            Currency::Usd => "달러",
            Currency::Eur => "유로",
            Currency::Hkd => "홍콩달러",
            Currency::Jpy => "엔",
            Currency::Gbp => "파운드",
        }
    }

    /// The Russian name in the form a number of `category` takes: 1 юань, 2 юаня, 5 юаней,
    /// 1,5 юаня.
    pub(super) fn ru(self, category: Plural) -> &'static str {
        let [one, few, many, other] = match self {
            Currency::Cny => ["юань", "юаня", "юаней", "юаня"],
            Currency::Usd => ["доллар США", "доллара США", "долларов США", "доллара США"],
            Currency::Eur => ["евро"; 4],
            Currency::Hkd => {
                ["гонконгский доллар", "гонконгских доллара", "гонконгских долларов", "гонконгского доллара"]
            }
            Currency::Jpy => ["иена", "иены", "иен", "иены"],
            Currency::Gbp => ["фунт стерлингов", "фунта стерлингов", "фунтов стерлингов", "фунта стерлингов"],
        };
        match category {
            Plural::One => one,
            Plural::Few => few,
            Plural::Many | Plural::Zero | Plural::Two => many,
            Plural::Other => other,
        }
    }
}

/// Written before the number: `USD 20 million`, `人民币12.5亿元`, `$20 million`.
/// ¥ and ￥ are yuan: that is what they mean in a Chinese document.
pub(super) const CURRENCY_PREFIXES: &[(&str, Currency)] = &[
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
pub(super) const CURRENCY_SUFFIXES: &[(&str, Currency)] = &[
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

pub(super) fn parse_amount_inner(s: &str) -> Result<Amount, Fail> {
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
    /// ko: `12.5억 위안`; ru: `1,25 млрд юаней`, `3 000 юаней`; fr: `1,25 Md CNY`;
    /// de: `1,25 Mrd. CNY`; es: `1,25 mil M CNY`; ar: `1.25 مليار CNY`; English and any other
    /// language: `CNY 1.25 billion`, `CNY 80 million`, `CNY 3,000`, `USD 20 million`.
    /// See the module docs for rounding and the locale table.
    pub fn format(&self, lang: &str) -> String {
        let l = Lang::of(lang);
        match l {
            Lang::Zh => format!("{}{}", scaled(self.value, &ZH_SCALE), self.currency.zh()),
            Lang::Ja => format!("{}{}", scaled(self.value, &JA_SCALE), self.currency.ja()),
            Lang::Ko => format!("{} {}", scaled(self.value, &KO_SCALE), self.currency.ko()),
            Lang::Ru => format!("{} {}", scaled(self.value, &RU_SCALE), self.currency.ru(self.russian_form())),
            Lang::Fr | Lang::De | Lang::Es | Lang::Ar => {
                format!("{} {}", scaled(self.value, l.big()), self.currency.code())
            }
            Lang::En | Lang::Other => format!("{} {}", self.currency.code(), scaled(self.value, &EN_SCALE)),
        }
    }

    /// After млн and млрд the currency is always genitive plural (1 млн юаней); below a
    /// million the number shown, which is exact, decides.
    fn russian_form(&self) -> Plural {
        if self.value.abs() >= pow10(6) { Plural::Many } else { plural(self.value, "ru") }
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
            Lang::Ko => format!("약 {shown}"),
            _ => format!("≈ {shown}"),
        })
    }

    /// Lossless form used for serialization, readable by [`parse_amount`]: `CNY 1250000000`.
    pub fn canonical(&self) -> String {
        format!("{} {}", self.currency.code(), plain(self.value))
    }
}
