//! URL slugs: lowercase ASCII words joined by `-`.
//!
//! Consumes titles, file names and front-matter `slug:` values; produces slugs that are safe
//! in any URL and stay short and readable when shared in WeChat. Guarantees: every slug this
//! module returns is either empty or passes [`is_valid_slug`], and no input makes it panic.
//!
//! The spec's order is: explicit `slug:`, ASCII file name, English title, and only then the
//! pinyin of the Chinese name ([`pinyin_slug`]), because a character-by-character reading
//! misreads heteronyms (the `pinyin` crate gives 重庆 `zhong-qing`, 长沙 `zhang-sha`,
//! 厦门 `sha-men`). [`pinyin_slug`] therefore checks [`OVERRIDES`] first.
//!
//! Deliberate choices:
//! - Apostrophes are dropped rather than turned into `-`, so "Baiyin's parks" gives
//!   `baiyins-parks` and pinyin such as "Xi'an" gives `xian`.
//! - Full-width letters and digits (Ａ, ２) and common accented Latin letters (é, ü, ā, ǎ)
//!   are folded to ASCII; all other non-ASCII text becomes a separator. Pinyin ü is
//!   written `v` (lv, nv), the usual spelling in Chinese URLs and input methods.

use pinyin::ToPinyin;

/// Readings checked before the `pinyin` crate, longest match first.
///
/// The crate takes the first reading of every character, so an entry is needed only where
/// that reading is wrong in context. A few entries the crate already reads correctly
/// (会宁, 朝阳, 景泰, 平川, 靖远, 白银, 重点) are listed anyway so that a future
/// change of the crate's data cannot move the URLs of the project's own region.
///
/// Groups: place names (cities, counties, districts of the Baiyin region and major cities
/// investors search for), then common words in investment texts whose first reading is
/// wrong (银行 yin-hang, 长期 chang-qi, 会计 kuai-ji …).
pub const OVERRIDES: &[(&str, &str)] = &[
    // Baiyin and Gansu
    ("白银", "bai-yin"),
    ("会宁", "hui-ning"),
    ("景泰", "jing-tai"),
    ("平川", "ping-chuan"),
    ("靖远", "jing-yuan"),
    // Cities and counties with heteronyms
    ("重庆", "chong-qing"),
    ("长沙", "chang-sha"),
    ("长春", "chang-chun"),
    ("长治", "chang-zhi"),
    ("长安", "chang-an"),
    ("长宁", "chang-ning"),
    ("长寿", "chang-shou"),
    ("长兴", "chang-xing"),
    ("长葛", "chang-ge"),
    ("长垣", "chang-yuan"),
    ("长丰", "chang-feng"),
    ("长岛", "chang-dao"),
    ("长白山", "chang-bai-shan"),
    ("厦门", "xia-men"),
    ("朝阳", "chao-yang"),
    ("蚌埠", "beng-bu"),
    ("六安", "lu-an"),
    ("成都", "cheng-du"),
    ("郫都", "pi-du"),
    ("新都", "xin-du"),
    ("都匀", "du-yun"),
    ("都江堰", "du-jiang-yan"),
    ("佛山", "fo-shan"),
    ("西藏", "xi-zang"),
    ("番禺", "pan-yu"),
    ("乐清", "yue-qing"),
    ("乐亭", "lao-ting"),
    ("黄陂", "huang-pi"),
    ("洪洞", "hong-tong"),
    ("浚县", "xun-xian"),
    ("单县", "shan-xian"),
    ("蔚县", "yu-xian"),
    ("尉犁", "yu-li"),
    ("铅山", "yan-shan"),
    ("涡阳", "guo-yang"),
    ("泌阳", "bi-yang"),
    ("枞阳", "zong-yang"),
    ("东阿", "dong-e"),
    ("长江", "chang-jiang"),
    ("长城", "chang-cheng"),
    ("长三角", "chang-san-jiao"),
    ("柏林", "bo-lin"),
    // Words in investment texts
    ("重点", "zhong-dian"),
    ("重组", "chong-zu"),
    ("重建", "chong-jian"),
    ("银行", "yin-hang"),
    ("行业", "hang-ye"),
    ("行长", "hang-zhang"),
    ("首都", "shou-du"),
    ("古都", "gu-du"),
    ("都市", "du-shi"),
    ("长期", "chang-qi"),
    ("长效", "chang-xiao"),
    ("长远", "chang-yuan"),
    ("延长", "yan-chang"),
    ("特长", "te-chang"),
    ("专长", "zhuan-chang"),
    ("擅长", "shan-chang"),
    ("会计", "kuai-ji"),
    ("供给", "gong-ji"),
    ("协调", "xie-tiao"),
    ("还款", "huan-kuan"),
    ("音乐", "yin-yue"),
    ("人参", "ren-shen"),
    ("阿胶", "e-jiao"),
];

/// Lowercase ASCII slug: ASCII letters and digits kept (full-width and accented Latin letters
/// folded to ASCII), every other run of characters collapsed to one `-`, no `-` at either end.
/// Returns `""` when nothing ASCII remains, so the caller can fall back to the next source.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{FF07}') {
            continue;
        }
        let before = out.len();
        if gap && !out.is_empty() {
            out.push('-');
        }
        if push_folded(c, &mut out) {
            gap = false;
        } else {
            out.truncate(before);
            gap = true;
        }
    }
    out
}

/// Pinyin slug for Chinese text: one syllable per character joined with `-`, ASCII letters
/// and digits passed through (`2026年招商` → `2026-nian-zhao-shang`), [`OVERRIDES`] checked
/// first at every position. Text that is already ASCII gives exactly [`slugify`]'s result.
/// Characters without a reading (rare CJK, emoji, other scripts) act as separators.
pub fn pinyin_slug(s: &str) -> String {
    let mut spelled = String::with_capacity(s.len() * 3);
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if let Some((word, reading)) = longest_override(rest) {
            push_syllables(&mut spelled, reading);
            rest = &rest[word.len()..];
            continue;
        }
        match c.to_pinyin() {
            Some(p) => push_syllables(&mut spelled, p.plain()),
            None => spelled.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    slugify(&spelled)
}

/// Is this a valid slug: non-empty, only `a-z`, `0-9` and `-`, no `-` at either end, no `--`?
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// Shortens a valid slug to at most `max_len` bytes, cutting at a `-` when one is in reach
/// so that words stay whole (long pinyin titles make WeChat links unreadable). The result
/// is still a valid slug unless `max_len` is 0. Uniqueness is the caller's to check.
pub fn truncate_slug(slug: &str, max_len: usize) -> &str {
    if slug.len() <= max_len {
        return slug;
    }
    let head = slug.get(..max_len).unwrap_or("");
    // A cut just before a '-' keeps the whole last word.
    if slug.as_bytes().get(max_len) == Some(&b'-') {
        return head.trim_end_matches('-');
    }
    match head.rfind('-') {
        Some(cut) if cut > 0 => head[..cut].trim_end_matches('-'),
        _ => head.trim_end_matches('-'),
    }
}

fn longest_override(text: &str) -> Option<(&'static str, &'static str)> {
    OVERRIDES.iter().filter(|(word, _)| text.starts_with(word)).max_by_key(|(word, _)| word.len()).copied()
}

/// Surrounds the reading with separators so that neighbouring syllables and ASCII runs never
/// fuse ("2026年" must not become "2026nian"); `slugify` collapses the extra dashes.
fn push_syllables(out: &mut String, reading: &str) {
    out.push('-');
    for c in reading.chars() {
        // The crate writes ü in its plain style (lü); URLs use v.
        out.push(if c == 'ü' { 'v' } else { c });
    }
    out.push('-');
}

/// Appends the ASCII spelling of `c` if it has one.
fn push_folded(c: char, out: &mut String) -> bool {
    if c.is_ascii_alphanumeric() {
        out.push(c.to_ascii_lowercase());
        return true;
    }
    if let Some(ascii) = full_width_alnum(c) {
        out.push(ascii.to_ascii_lowercase());
        return true;
    }
    match latin_fold(c) {
        Some(s) => {
            out.push_str(s);
            true
        }
        None => false,
    }
}

fn full_width_alnum(c: char) -> Option<char> {
    let folded = match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(u32::from(c) - 0xFEE0)
        }
        _ => None,
    };
    folded.filter(char::is_ascii_alphanumeric)
}

/// Accented Latin letters seen in English titles and in tone-marked pinyin.
fn latin_fold(c: char) -> Option<&'static str> {
    let s = match c {
        'à'..='å' | 'À'..='Å' | 'ā' | 'Ā' | 'ǎ' | 'Ǎ' | 'ă' | 'ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' | 'ć' | 'č' | 'Č' => "c",
        'ð' | 'Ð' | 'đ' => "d",
        'è'..='ë' | 'È'..='Ë' | 'ē' | 'Ē' | 'ě' | 'Ě' | 'ę' => "e",
        'ì'..='ï' | 'Ì'..='Ï' | 'ī' | 'Ī' | 'ǐ' | 'Ǐ' => "i",
        'ł' | 'Ł' => "l",
        'ñ' | 'Ñ' | 'ń' | 'ň' => "n",
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' | 'ō' | 'Ō' | 'ǒ' | 'Ǒ' | 'ő' => "o",
        'ś' | 'š' | 'Š' => "s",
        'ß' => "ss",
        'þ' | 'Þ' => "th",
        'ù'..='ü' | 'Ù'..='Ü' | 'ū' | 'Ū' | 'ǔ' | 'Ǔ' | 'ů' | 'ű' => "u",
        // Tone-marked ü occurs only in pinyin, where URLs write v.
        'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'Ǖ' | 'Ǘ' | 'Ǚ' | 'Ǜ' => "v",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ź' | 'ż' | 'ž' | 'Ž' => "z",
        _ => return None,
    };
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn slugify_collapses_and_trims() {
        assert_eq!(slugify("  Baiyin High-Tech Zone!! "), "baiyin-high-tech-zone");
        assert_eq!(slugify("a -- b__c"), "a-b-c");
        assert_eq!(slugify("Copper Foil, 50,000 t/yr"), "copper-foil-50-000-t-yr");
        assert_eq!(slugify("---"), "");
        assert_eq!(slugify(""), "");
    }

    #[test]
    fn slugify_drops_apostrophes_and_folds_letters() {
        assert_eq!(slugify("Baiyin's Parks"), "baiyins-parks");
        assert_eq!(slugify("Xi’an Café"), "xian-cafe");
        assert_eq!(slugify("ＡＢＣ１２３"), "abc123");
        assert_eq!(slugify("Lǚliáng"), "lvliang");
        assert_eq!(slugify("München Straße"), "munchen-strasse");
    }

    #[test]
    fn slugify_gives_empty_for_non_latin_text() {
        assert_eq!(slugify("白银市招商引资"), "");
        assert_eq!(slugify("Инвестиции"), "");
        assert_eq!(slugify("استثمار"), "");
        assert_eq!(slugify("🚀🚀"), "");
    }

    #[test]
    fn pinyin_slug_spells_chinese() {
        assert_eq!(pinyin_slug("2026年招商"), "2026-nian-zhao-shang");
        assert_eq!(pinyin_slug("招商引资"), "zhao-shang-yin-zi");
        assert_eq!(pinyin_slug("年产5万吨铜箔项目"), "nian-chan-5-wan-dun-tong-bo-xiang-mu");
        assert_eq!(pinyin_slug("5G产业园"), "5g-chan-ye-yuan");
    }

    #[test]
    fn pinyin_slug_uses_override_table() {
        let cases = [
            ("重庆", "chong-qing"),
            ("长沙", "chang-sha"),
            ("厦门", "xia-men"),
            ("会宁", "hui-ning"),
            ("长春", "chang-chun"),
            ("重点", "zhong-dian"),
            ("银行", "yin-hang"),
            ("行业", "hang-ye"),
            ("朝阳", "chao-yang"),
            ("蚌埠", "beng-bu"),
            ("六安", "lu-an"),
            ("景泰", "jing-tai"),
            ("平川", "ping-chuan"),
            ("靖远", "jing-yuan"),
            ("白银", "bai-yin"),
        ];
        for (text, slug) in cases {
            assert_eq!(pinyin_slug(text), slug, "{text}");
        }
    }

    #[test]
    fn pinyin_slug_overrides_inside_longer_text() {
        assert_eq!(pinyin_slug("重庆市重点项目"), "chong-qing-shi-zhong-dian-xiang-mu");
        assert_eq!(pinyin_slug("白银市平川区"), "bai-yin-shi-ping-chuan-qu");
        assert_eq!(pinyin_slug("银行业"), "yin-hang-ye");
        assert_eq!(pinyin_slug("长三角"), "chang-san-jiao");
        assert_eq!(pinyin_slug("成都高新区"), "cheng-du-gao-xin-qu");
    }

    #[test]
    fn pinyin_slug_writes_u_umlaut_as_v() {
        assert_eq!(pinyin_slug("绿色"), "lv-se");
        assert_eq!(pinyin_slug("税率"), "shui-lv");
    }

    #[test]
    fn pinyin_slug_treats_punctuation_and_odd_input_as_separators() {
        assert_eq!(
            pinyin_slug("《白银市招商引资优惠政策三十条》"),
            "bai-yin-shi-zhao-shang-yin-zi-you-hui-zheng-ce-san-shi-tiao"
        );
        assert_eq!(pinyin_slug("铜箔——锂电"), "tong-bo-li-dian");
        assert_eq!(pinyin_slug(""), "");
        assert_eq!(pinyin_slug("🚀"), "");
        assert_eq!(pinyin_slug("\u{0}\u{FEFF}"), "");
        assert_eq!(pinyin_slug("２０２６年"), "2026-nian");
    }

    #[test]
    fn every_override_is_a_valid_slug() {
        for (word, reading) in OVERRIDES {
            assert!(is_valid_slug(reading), "{word} -> {reading}");
            assert!(!word.is_empty());
        }
    }

    #[test]
    fn is_valid_slug_rules() {
        for ok in ["a", "baiyin", "2026-nian", "a-b-c", "x1"] {
            assert!(is_valid_slug(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a--b", "A", "a b", "a_b", "é", "白银"] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }

    #[test]
    fn truncate_slug_keeps_words_whole() {
        let s = "nian-chan-5-wan-dun-tong-bo-xiang-mu";
        assert_eq!(truncate_slug(s, 100), s);
        assert_eq!(truncate_slug(s, 12), "nian-chan-5");
        assert_eq!(truncate_slug(s, 11), "nian-chan-5");
        assert_eq!(truncate_slug(s, 10), "nian-chan");
        assert_eq!(truncate_slug("abcdefgh", 3), "abc");
        assert_eq!(truncate_slug("abc", 0), "");
    }

    fn mixed_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[a-zA-Z0-9 ]{0,4}",
            "[\\u{4e00}-\\u{9fa5}]{0,4}",
            prop::sample::select(OVERRIDES.iter().map(|(w, _)| w.to_string()).collect::<Vec<_>>()),
            "[-_.,!?/'’、，。《》（）()\\s]{0,3}",
            any::<String>(),
        ];
        prop::collection::vec(piece, 0..6).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn slugify_is_valid_or_empty(s in any::<String>()) {
            let slug = slugify(&s);
            prop_assert!(slug.is_empty() || is_valid_slug(&slug), "{slug:?}");
        }

        #[test]
        fn slugify_is_idempotent(s in any::<String>()) {
            let once = slugify(&s);
            prop_assert_eq!(slugify(&once), once);
        }

        #[test]
        fn pinyin_slug_is_valid_or_empty(s in mixed_text()) {
            let slug = pinyin_slug(&s);
            prop_assert!(slug.is_empty() || is_valid_slug(&slug), "{slug:?}");
        }

        #[test]
        fn pinyin_slug_of_ascii_equals_slugify(s in "[ -~]{0,40}") {
            prop_assert_eq!(pinyin_slug(&s), slugify(&s));
        }

        #[test]
        fn truncate_slug_stays_valid(s in mixed_text(), max in 1usize..40) {
            let slug = pinyin_slug(&s);
            let short = truncate_slug(&slug, max);
            prop_assert!(short.len() <= max);
            prop_assert!(short.is_empty() == slug.is_empty());
            prop_assert!(short.is_empty() || is_valid_slug(short), "{short:?}");
        }
    }
}
