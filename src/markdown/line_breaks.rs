//! Line breaks.

use pulldown_cmark::{Event, TagEnd};

use super::emphasis::is_inline_tag;
use super::parsing::Spanned;
use crate::text::cjk::{is_cjk, is_cjk_like};

/// A line break between two CJK characters is not a space in Chinese, but browsers render the
/// newline as one; so drop the break.
pub(super) fn drop_cjk_soft_breaks(events: Vec<Spanned>) -> Vec<Spanned> {
    let keep: Vec<bool> =
        (0..events.len()).map(|i| !matches!(events[i].0, Event::SoftBreak) || !joins_cjk(&events, i)).collect();
    events.into_iter().zip(keep).filter_map(|(event, keep)| keep.then_some(event)).collect()
}

pub(super) fn joins_cjk(events: &[Spanned], i: usize) -> bool {
    let before = adjacent_char(events[..i].iter().rev(), |t| t.chars().next_back());
    let after = adjacent_char(events[i + 1..].iter(), |t| t.chars().next());
    match (before, after) {
        (Some(a), Some(b)) => is_cjk_like(a) && is_cjk_like(b) && (is_cjk(a) || is_cjk(b)),
        _ => false,
    }
}

/// The nearest visible character, looking through emphasis and link tags.
pub(super) fn adjacent_char<'e, 'a: 'e>(
    events: impl Iterator<Item = &'e Spanned<'a>>,
    pick: impl Fn(&str) -> Option<char>,
) -> Option<char> {
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = pick(t) {
                    return Some(c);
                }
            }
            Event::Start(tag) if is_inline_tag(tag) => {}
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link) => {}
            _ => return None,
        }
    }
    None
}
