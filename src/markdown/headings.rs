//! Headings.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::parsing::{LineIndex, Spanned, warning};
use super::types::{Heading, Problem};
use crate::text::slug;

pub(super) struct HeadingInfo {
    pub(super) event: usize,
    pub(super) level: u8,
    pub(super) explicit_id: Option<String>,
    pub(super) text: String,
}

pub(super) fn collect_headings(events: &[Spanned]) -> Vec<HeadingInfo> {
    let mut headings = Vec::new();
    let mut current: Option<HeadingInfo> = None;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some(HeadingInfo {
                    event: i,
                    level: *level as u8,
                    explicit_id: id.as_ref().map(|id| id.to_string()),
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(mut heading) = current.take() {
                    heading.text = heading.text.trim().to_string();
                    headings.push(heading);
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                if let Some(heading) = current.as_mut() {
                    heading.text.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(heading) = current.as_mut() {
                    heading.text.push(' ');
                }
            }
            _ => {}
        }
    }
    headings
}

/// Explicit `{#id}`s are kept as written; the others are slugs of their ASCII words, or
/// `sec-N` for headings with none (N counts all headings), made unique with `-2`, `-3`, ….
pub(super) fn unique_heading_ids(headings: &[HeadingInfo]) -> Vec<String> {
    let mut used: HashSet<String> = headings.iter().filter_map(|h| h.explicit_id.clone()).collect();
    let mut ids = Vec::with_capacity(headings.len());
    for (n, heading) in headings.iter().enumerate() {
        if let Some(id) = &heading.explicit_id {
            ids.push(id.clone());
            continue;
        }
        let slug = slug::slugify(&heading.text);
        let base = if slug.is_empty() { format!("sec-{}", n + 1) } else { slug };
        let mut id = base.clone();
        let mut suffix = 2;
        while used.contains(&id) {
            id = format!("{base}-{suffix}");
            suffix += 1;
        }
        used.insert(id.clone());
        ids.push(id);
    }
    ids
}

pub(super) fn assign_heading_ids(
    events: &mut [Spanned],
    lines: &LineIndex,
    problems: &mut Vec<Problem>,
) -> Vec<Heading> {
    let headings = collect_headings(events);
    let ids = unique_heading_ids(&headings);
    warn_duplicate_explicit_ids(events, &headings, lines, problems);
    let mut toc = Vec::with_capacity(headings.len());
    for (heading, id) in headings.into_iter().zip(ids) {
        if let Some((Event::Start(Tag::Heading { id: slot, .. }), _)) = events.get_mut(heading.event) {
            *slot = Some(CowStr::from(id.clone()));
        }
        toc.push(Heading { level: heading.level, id, text: heading.text });
    }
    toc
}

pub(super) fn warn_duplicate_explicit_ids(
    events: &[Spanned],
    headings: &[HeadingInfo],
    lines: &LineIndex,
    problems: &mut Vec<Problem>,
) {
    let mut seen = HashSet::new();
    for heading in headings {
        let Some(id) = &heading.explicit_id else {
            continue;
        };
        if !seen.insert(id.as_str()) {
            let line = lines.line_of(events[heading.event].1.start);
            let message = format!("heading id `{id}` is used twice; links to #{id} reach only the first");
            problems.push(warning(line, message));
        }
    }
}
