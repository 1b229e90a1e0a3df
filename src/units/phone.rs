//! Chinese phone numbers, written in any of the usual forms (`0943-8212306`,
//! `(0943) 8212306`, `138 1234 5678`, `+86 943 821 2306`), shown as written on Chinese pages
//! and in the international form (`+86 943 821 2306`) elsewhere, and dialled as
//! `tel:+869438212306` from any phone in or outside China.

/// A phone number as a page shows it and as its `tel:` link dials it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    pub display: String,
    /// The whole `tel:` address.
    pub tel: String,
}

/// How a reader of `lang` sees `raw` (already checked by `domain::check_phone`). Numbers
/// that are not recognisably Chinese (another country's, a short hotline such as 12345)
/// are shown as written and dialled digit for digit.
pub fn present_phone(raw: &str, lang: &str) -> Phone {
    let raw = raw.trim();
    let Some(national) = chinese_national(raw) else {
        return Phone { display: raw.to_string(), tel: format!("tel:{}", dial_digits(raw)) };
    };
    let display = if super::format::Lang::of(lang) == super::format::Lang::Zh {
        raw.to_string()
    } else {
        format!("+86 {}", group(&national))
    };
    Phone { display, tel: format!("tel:+86{national}") }
}

/// The number without the country code and the domestic trunk 0: `9438212306`.
fn chinese_national(raw: &str) -> Option<String> {
    let digits = dial_digits(raw);
    let national = if let Some(rest) = digits.strip_prefix("+86").or_else(|| digits.strip_prefix("0086")) {
        rest.strip_prefix('0').unwrap_or(rest).to_string()
    } else if digits.starts_with('+') {
        return None;
    } else if let Some(rest) = digits.strip_prefix('0') {
        rest.to_string()
    } else {
        digits
    };
    let valid = match national.as_bytes().first()? {
        b'1' if national.starts_with("10") => (9..=10).contains(&national.len()),
        b'1' => national.len() == 11,
        b'4' | b'8' if national.starts_with("400") || national.starts_with("800") => national.len() == 10,
        b'2'..=b'9' => (9..=11).contains(&national.len()) && area_len(&national) + 7 <= national.len(),
        _ => false,
    };
    valid.then_some(national)
}

/// Digits and a leading `+`, as a `tel:` link wants them.
fn dial_digits(raw: &str) -> String {
    let plus = raw.trim_start().starts_with('+');
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    if plus { format!("+{digits}") } else { digits }
}

/// Beijing (10) and the 2x cities have two-digit area codes; the rest three.
fn area_len(national: &str) -> usize {
    if national.starts_with("10") || national.starts_with('2') { 2 } else { 3 }
}

/// `13812345678` → `138 1234 5678`; `9438212306` → `943 821 2306`; `1012345678` → `10 1234 5678`.
fn group(national: &str) -> String {
    let mobile = national.starts_with('1') && !national.starts_with("10");
    let service = national.starts_with("400") || national.starts_with("800");
    let (head, rest) = national.split_at(if mobile || service { 3 } else { area_len(national) });
    let split = if rest.len() == 8 { 4 } else { 3 };
    let (a, b) = rest.split_at(split.min(rest.len()));
    [head, a, b].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(raw: &str) -> (String, String) {
        let p = present_phone(raw, "en");
        (p.display, p.tel)
    }

    #[test]
    fn landlines_in_every_usual_form_become_one_international_number() {
        for raw in [
            "0943-8212306",
            "(0943) 8212306",
            "（0943）8212306",
            "0943 821 2306",
            "+86 943 821 2306",
            "+86-0943-8212306",
            "0086 943 8212306",
        ] {
            assert_eq!(en(raw), ("+86 943 821 2306".into(), "tel:+869438212306".into()), "{raw}");
        }
        assert_eq!(en("010-12345678"), ("+86 10 1234 5678".into(), "tel:+861012345678".into()));
        assert_eq!(en("020 8765 4321"), ("+86 20 8765 4321".into(), "tel:+862087654321".into()));
        assert_eq!(en("0931-88812345"), ("+86 931 8881 2345".into(), "tel:+8693188812345".into()));
    }

    #[test]
    fn mobiles_and_service_numbers() {
        assert_eq!(en("138-1234-5678"), ("+86 138 1234 5678".into(), "tel:+8613812345678".into()));
        assert_eq!(en("400-123-4567"), ("+86 400 123 4567".into(), "tel:+864001234567".into()));
    }

    #[test]
    fn chinese_pages_keep_the_authors_form_and_dial_internationally() {
        let p = present_phone("0943-8212306", "zh");
        assert_eq!(p.display, "0943-8212306");
        assert_eq!(p.tel, "tel:+869438212306");
    }

    #[test]
    fn other_numbers_are_shown_as_written() {
        assert_eq!(en("12345"), ("12345".into(), "tel:12345".into()));
        assert_eq!(en("+7 495 123-45-67"), ("+7 495 123-45-67".into(), "tel:+74951234567".into()));
        assert_eq!(en("0943-82123"), ("0943-82123".into(), "tel:094382123".into()));
    }
}
