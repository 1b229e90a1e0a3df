//! Output.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::parsing::{Spanned, is_inline_end};

pub(super) fn to_html(events: Vec<Spanned>) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(event, _)| event));
    html_void_elements(html)
}

/// pulldown-cmark writes XHTML-style `<br />`, `<hr />` and `<img … />`; in HTML the slash
/// means nothing and validators warn about it. Text never holds a raw `/>` (it is escaped).
pub(super) fn html_void_elements(html: String) -> String {
    if html.contains(" />") { html.replace(" />", ">") } else { html }
}

/// Text as a reader sees it: one line per block, no markup, no image alt text, no raw HTML.
pub(super) fn plain_text(events: &[Spanned]) -> String {
    let mut text = String::new();
    let mut image_depth = 0usize;
    for (event, _) in events {
        match event {
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            _ if image_depth > 0 => {}
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                text.push_str(t);
            }
            Event::SoftBreak => text.push(' '),
            Event::HardBreak | Event::Rule => text.push('\n'),
            Event::End(TagEnd::TableCell) => text.push(' '),
            Event::End(tag) if !is_inline_end(tag) => text.push('\n'),
            _ => {}
        }
    }
    tidy_lines(&text)
}

pub(super) fn tidy_lines(text: &str) -> String {
    text.lines().map(str::trim).filter(|line| !line.is_empty()).collect::<Vec<_>>().join("\n")
}
