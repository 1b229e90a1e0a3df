//! Plural categories (CLDR cardinal rules) for the built-in languages, so that a count reads
//! "1 item" / "2 items" and "1 проект" / "2 проекта" / "5 проектов".
//!
//! | language      | categories                 | rule (i: integer part, v: visible decimals)          |
//! |---------------|----------------------------|------------------------------------------------------|
//! | zh, ja, ko    | other                      | one form for every number (measure words do the work) |
//! | en, de, es    | one, other                 | one: i = 1 and v = 0                                  |
//! | fr            | one, other                 | one: i = 0 or 1 (0, 1, 1.5)                           |
//! | ru            | one, few, many, other      | one: v = 0, i % 10 = 1, i % 100 ≠ 11; few: v = 0, i % 10 = 2–4, i % 100 ≠ 12–14; many: v = 0 and the rest; other: decimals |
//! | ar            | zero, one, two, few, many, other | zero: 0; one: 1; two: 2; few: n % 100 = 3–10; many: n % 100 = 11–99 |
//! | any other     | one, other                 | as English                                            |
//!
//! CLDR's `many` for millions in es and fr (`1 millón de …`) is left out: counts shown with a
//! UI string are never written that way here.

use rust_decimal::Decimal;

use super::format::Lang;

/// A CLDR plural category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Plural {
    /// The category's CLDR name, used as the suffix of a UI string's forms (`items_count.one`).
    pub fn name(self) -> &'static str {
        match self {
            Plural::Zero => "zero",
            Plural::One => "one",
            Plural::Two => "two",
            Plural::Few => "few",
            Plural::Many => "many",
            Plural::Other => "other",
        }
    }
}

/// Every category name, for telling a plural form's key (`items_count.few`) from others.
pub const PLURAL_NAMES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The categories `lang` distinguishes, `other` last.
pub fn plural_categories(lang: &str) -> &'static [Plural] {
    match Lang::of(lang) {
        Lang::Zh | Lang::Ja | Lang::Ko => &[Plural::Other],
        Lang::Ru => &[Plural::One, Plural::Few, Plural::Many, Plural::Other],
        Lang::Ar => &[Plural::Zero, Plural::One, Plural::Two, Plural::Few, Plural::Many, Plural::Other],
        Lang::En | Lang::Fr | Lang::De | Lang::Es | Lang::Other => &[Plural::One, Plural::Other],
    }
}

/// The category of `n` (as shown: `1.50` counts as `1.5`) in `lang`.
pub fn plural(n: Decimal, lang: &str) -> Plural {
    let n = n.abs().normalize();
    let whole = n.fract().is_zero();
    // Counts beyond u64 are not counts; the category of their last digits is still right.
    let i = n.trunc().to_string().parse::<u128>().unwrap_or(u128::MAX);
    match Lang::of(lang) {
        Lang::Zh | Lang::Ja | Lang::Ko => Plural::Other,
        Lang::Fr if i <= 1 => Plural::One,
        Lang::Fr => Plural::Other,
        Lang::Ru => russian(i, whole),
        Lang::Ar => arabic(i, whole),
        Lang::En | Lang::De | Lang::Es | Lang::Other if i == 1 && whole => Plural::One,
        Lang::En | Lang::De | Lang::Es | Lang::Other => Plural::Other,
    }
}

fn russian(i: u128, whole: bool) -> Plural {
    if !whole {
        return Plural::Other;
    }
    match (i % 10, i % 100) {
        (1, r) if r != 11 => Plural::One,
        (2..=4, r) if !(12..=14).contains(&r) => Plural::Few,
        _ => Plural::Many,
    }
}

fn arabic(i: u128, whole: bool) -> Plural {
    if !whole {
        return Plural::Other;
    }
    match (i, i % 100) {
        (0, _) => Plural::Zero,
        (1, _) => Plural::One,
        (2, _) => Plural::Two,
        (_, 3..=10) => Plural::Few,
        (_, 11..=99) => Plural::Many,
        _ => Plural::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(n: &str, lang: &str) -> &'static str {
        plural(n.parse().unwrap(), lang).name()
    }

    #[test]
    fn russian_counts_take_one_few_many_and_decimals_other() {
        let cases = [
            ("1", "one"),
            ("21", "one"),
            ("101", "one"),
            ("11", "many"),
            ("2", "few"),
            ("24", "few"),
            ("12", "many"),
            ("14", "many"),
            ("5", "many"),
            ("0", "many"),
            ("111", "many"),
            ("1.5", "other"),
            ("1.0", "one"),
        ];
        for (n, expected) in cases {
            assert_eq!(of(n, "ru"), expected, "{n}");
        }
    }

    #[test]
    fn english_french_and_cjk() {
        assert_eq!(of("1", "en"), "one");
        assert_eq!(of("1.5", "en"), "other");
        assert_eq!(of("0", "en"), "other");
        assert_eq!(of("0", "fr"), "one");
        assert_eq!(of("1.5", "fr"), "one");
        assert_eq!(of("2", "fr"), "other");
        assert_eq!(of("1", "de-AT"), "one");
        assert_eq!(of("1", "zh"), "other");
        assert_eq!(of("1", "ja"), "other");
    }

    #[test]
    fn arabic_has_six_forms() {
        let cases = [
            ("0", "zero"),
            ("1", "one"),
            ("2", "two"),
            ("3", "few"),
            ("110", "few"),
            ("11", "many"),
            ("100", "other"),
            ("2.5", "other"),
        ];
        for (n, expected) in cases {
            assert_eq!(of(n, "ar"), expected, "{n}");
        }
    }
}
