//! Summaries and counts.

use crate::text::cjk::{is_cjk_letter, is_cjk_like};

/// One line of text; a line break between CJK characters disappears, any other becomes a space.
pub(super) fn flatten_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            let prev = out.chars().next_back();
            let joins_cjk = prev.is_some_and(is_cjk_like) && is_cjk_like(c);
            if !joins_cjk {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// Where to cut `chars` to keep at most `budget` of them.
pub(super) fn summary_cut(chars: &[char], budget: usize) -> usize {
    // A boundary too near the start would throw most of the budget away.
    let earliest = budget / 3;
    let sentence_end = chars[..budget].iter().rposition(|c| matches!(c, '。' | '！' | '？' | '；')).map(|i| i + 1);
    if let Some(end) = sentence_end.filter(|&end| end > earliest) {
        return end;
    }
    let last_kept = budget.checked_sub(1).map(|i| chars[i]);
    let first_dropped = chars.get(budget).copied();
    if last_kept.is_some_and(is_cjk_like) || first_dropped.is_some_and(is_cjk_like) {
        return budget;
    }
    match chars[..=budget.min(chars.len() - 1)].iter().rposition(|c| c.is_whitespace()) {
        Some(space) if space > earliest => space,
        _ => budget,
    }
}

pub(super) fn trim_dangling_separators(summary: &mut String) {
    let kept = summary.trim_end_matches(|c: char| c.is_whitespace() || ",，、:：-—".contains(c)).len();
    summary.truncate(kept);
}

pub(super) struct TextCounts {
    pub(super) cjk: usize,
    pub(super) words: usize,
}

pub(super) fn count_text(text: &str) -> TextCounts {
    let mut counts = TextCounts { cjk: 0, words: 0 };
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk_letter(c) {
            counts.cjk += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                counts.words += 1;
            }
            in_word = true;
        } else if !(in_word && matches!(c, '\'' | '’' | '-')) {
            // Apostrophes and hyphens inside a word ("don't", "well-known") do not split it.
            in_word = false;
        }
    }
    counts
}
