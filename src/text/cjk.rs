//! Character classes of CJK text. Each class has one purpose, and the purposes need
//! different ranges: emphasis rules count CJK punctuation, line joining also counts the
//! quotes Chinese shares with English, reading one character at a time counts letters only,
//! and the search tokenizer must match `search.js` exactly.

/// CJK characters in the sense of the CJK-friendly amendment (East Asian Wide/Fullwidth/
/// Halfwidth, or Hangul), CJK punctuation included. Ranges, not a Unicode table, to stay
/// dependency-free; the edges (rare scripts, emoji) do not matter for emphasis.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF
        | 0x2E80..=0x2FDF
        | 0x2FF0..=0x303F
        | 0x3040..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF
        | 0xFE10..=0xFE1F
        | 0xFE30..=0xFE6F
        | 0xFF00..=0xFFEF
        | 0x16FE0..=0x18AFF
        | 0x1B000..=0x1B2FF
        | 0x20000..=0x3FFFF)
}

/// Characters a reader reads one at a time: Han, kana, Hangul, Bopomofo (no punctuation).
pub fn is_cjk_letter(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF
        | 0x3005..=0x3007
        | 0x3041..=0x309F
        | 0x30A1..=0x30FA
        | 0x30FC..=0x30FF
        | 0x3100..=0x318F
        | 0x31A0..=0x31BF
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF
        | 0xFF66..=0xFFDC
        | 0x20000..=0x3FFFF)
}

/// CJK characters plus the quotes, ellipsis and dash Chinese text shares with English; used
/// where treating those as CJK is harmless (joining lines), not for emphasis.
pub fn is_cjk_like(c: char) -> bool {
    is_cjk(c) || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// Scripts written without spaces between words: Han, kana, Hangul. The search tokenizer's
/// class; the ranges are repeated in the theme's `search.js`, so they change together.
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3041..=0x3096 | 0x30A1..=0x30FA | 0x30FC..=0x30FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Full-width ASCII (ＡＢＣ１２．５％, common in Chinese input) and the ideographic space, as
/// their ASCII forms.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_width_reads_full_width_ascii_and_the_ideographic_space() {
        let folded: String = "ＵＳＤ　１２．５％中".chars().map(fold_width).collect();
        assert_eq!(folded, "USD 12.5%中");
    }

    #[test]
    fn the_classes_differ_where_their_purposes_do() {
        // CJK punctuation counts for emphasis, not as a letter or a search token.
        assert!(is_cjk('。') && !is_cjk_letter('。') && !is_unspaced_script('。'));
        // Quotes join Chinese lines but are not CJK for emphasis.
        assert!(is_cjk_like('“') && !is_cjk('“'));
        for c in ['中', 'か', '한'] {
            assert!(is_cjk(c) && is_cjk_letter(c) && is_unspaced_script(c), "{c}");
        }
        assert!(!is_cjk('a') && !is_cjk_like('a') && !is_unspaced_script('a'));
    }
}
