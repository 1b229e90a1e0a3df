//! Images in the body handed to the caller, which may give richer markup for them (the
//! render stage gives processed photos a `<picture>` with `srcset`, `width` and `height`).
//! The markup is the caller's own, made from addresses it resolved: it is put in after the
//! HTML is sanitised, through a placeholder no Markdown text produces, so the sanitiser
//! neither strips `<picture>` nor sees author text in it.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::parsing::{LineIndex, Spanned, warning};
use super::types::{PictureFn, Problem};

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// An image without alt text is a warning at its line (run before addresses are resolved,
/// so the message names the image as the author wrote it).
pub(super) fn check_alt_text(events: &[Spanned], lines: &LineIndex, problems: &mut Vec<Problem>) {
    let mut open: Option<(String, usize, String)> = None;
    for (event, range) in events {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) if open.is_none() => {
                open = Some((dest_url.to_string(), range.start, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, alt)) = open.as_mut() {
                    alt.push_str(t);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((dest, start, alt)) = open.take()
                    && alt.trim().is_empty()
                    && !dest.is_empty()
                {
                    problems.push(warning(
                        lines.line_of(start),
                        format!("the image {dest} has no alt text: write what it shows between the brackets, `![园区大门](gate.jpg)`"),
                    ));
                }
            }
            _ => {}
        }
    }
}

/// Replaces each image the caller gives markup for with a placeholder; returns the markup
/// in order.
pub(super) fn take_pictures(events: &mut Vec<Spanned>, picture: Option<&PictureFn>) -> Vec<String> {
    let mut out = Vec::new();
    let mut kept: Vec<Spanned> = Vec::with_capacity(events.len());
    let mut drained = std::mem::take(events).into_iter();
    while let Some((event, range)) = drained.next() {
        let Event::Start(Tag::Image { dest_url, title, .. }) = &event else {
            kept.push((event, range));
            continue;
        };
        let (dest, title) = (dest_url.to_string(), title.to_string());
        let mut inner = vec![(event, range.clone())];
        let mut alt = String::new();
        let mut depth = 1;
        for (e, r) in drained.by_ref() {
            match &e {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) => depth -= 1,
                Event::Text(t) | Event::Code(t) => alt.push_str(t),
                _ => {}
            }
            inner.push((e, r));
            if depth == 0 {
                break;
            }
        }
        match picture.filter(|_| !dest.is_empty()).and_then(|f| f(&dest, alt.trim(), &title, out.len())) {
            Some(markup) => {
                kept.push((Event::Text(CowStr::from(format!("{OPEN}{}{CLOSE}", out.len()))), range));
                out.push(markup);
            }
            None => kept.extend(inner),
        }
    }
    *events = kept;
    out
}

/// Puts the markup back where its placeholder is.
pub(super) fn put_pictures(html: String, pictures: &[String]) -> String {
    if pictures.is_empty() {
        return html;
    }
    let mut out = String::with_capacity(html.len() + pictures.iter().map(String::len).sum::<usize>());
    let mut rest = html.as_str();
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len_utf8()..];
        let found = after.find(CLOSE).and_then(|end| Some((after[..end].parse::<usize>().ok()?, end)));
        match found.and_then(|(i, end)| Some((pictures.get(i)?, end))) {
            Some((markup, end)) => {
                out.push_str(markup);
                rest = &after[end + CLOSE.len_utf8()..];
            }
            None => {
                out.push(OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
