//! Footnotes, links, raw HTML.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::parsing::{LineIndex, Spanned, error, error_at, warning};
use super::types::{LinkKind, Problem};
use crate::sanitize::{Finding, Sanitizer};

pub(super) fn prefix_footnote_ids(events: &mut [Spanned], prefix: &str) {
    if prefix.is_empty() {
        return;
    }
    for (event, _) in events.iter_mut() {
        match event {
            Event::FootnoteReference(label) | Event::Start(Tag::FootnoteDefinition(label)) => {
                *label = CowStr::from(format!("{prefix}{label}"));
            }
            _ => {}
        }
    }
}

pub(super) fn resolve_links(
    events: &mut [Spanned],
    html: &Sanitizer,
    resolve: &mut dyn FnMut(&str, LinkKind) -> Result<String, String>,
    lines: &LineIndex,
    problems: &mut Vec<Problem>,
) {
    for (event, range) in events.iter_mut() {
        let (kind, link_type, dest) = match event {
            Event::Start(Tag::Link { link_type, dest_url, .. }) => (LinkKind::Link, *link_type, dest_url),
            Event::Start(Tag::Image { link_type, dest_url, .. }) => (LinkKind::Image, *link_type, dest_url),
            _ => continue,
        };
        // pulldown-cmark has decoded entities and escapes; the policy sees what a browser would.
        if let Err(why) = html.policy().check(dest) {
            let what = if kind == LinkKind::Image { "image" } else { "link" };
            problems.push(error_at(lines, range.start, format!("{what} address \"{dest}\": {why}")));
            *dest = CowStr::Borrowed("");
            continue;
        }
        if !needs_resolving(link_type, dest) {
            continue;
        }
        match resolve(dest, kind) {
            Ok(url) => *dest = CowStr::from(url),
            Err(message) => problems.push(error_at(lines, range.start, message)),
        }
    }
}

pub(super) fn needs_resolving(link_type: LinkType, dest: &str) -> bool {
    // `<a@b.cn>` has the bare address as destination; the writer adds `mailto:`.
    let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
    !autolink && !is_absolute_url(dest)
}

pub(super) fn is_absolute_url(dest: &str) -> bool {
    dest.starts_with("//") || dest.starts_with('#') || has_url_scheme(dest)
}

/// `https:`, `mailto:`, `tel:`…; one letter before the colon is a Windows drive, not a scheme.
pub(super) fn has_url_scheme(dest: &str) -> bool {
    let Some((scheme, _)) = dest.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    scheme.len() >= 2
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Warns about each thing in raw HTML (and in heading attributes) that the sanitiser removes,
/// and reports addresses the policy refuses as errors. A removal repeated in one file is
/// reported once, at its first line, with the count. True when the elements nest deeper than
/// the sanitiser accepts.
pub(super) fn check_raw_html(
    src: &str,
    events: &[Spanned],
    html: &Sanitizer,
    lines: &LineIndex,
    problems: &mut Vec<Problem>,
) -> bool {
    if html.is_trusted() {
        return false;
    }
    let mut scanner = html.scanner();
    let mut found: Vec<(usize, Finding)> = Vec::new();
    let mut block: Option<RawBlock> = None;
    let mut depth = 0usize;
    for (event, range) in events {
        match event {
            Event::Start(tag) if nests(tag) => {
                depth += 1;
                found.extend(scanner.check_depth(depth, range.start).map(|f| (range.start, f)));
            }
            Event::End(tag) if !matches!(tag, TagEnd::Image | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some(RawBlock::default()),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(b) = block.take() {
                    let in_block = scanner.feed_at_depth(&b.text, depth);
                    found.extend(in_block.into_iter().map(|f| (b.source_offset(f.offset), f)));
                }
            }
            Event::Html(t) | Event::InlineHtml(t) => {
                let borrowed = src.get(range.clone()) == Some(t.as_ref());
                match block.as_mut() {
                    Some(b) => b.push(t, range.start, borrowed),
                    None => {
                        let at = |offset: usize| if borrowed { range.start + offset } else { range.start };
                        found.extend(scanner.feed_at_depth(t, depth).into_iter().map(|f| (at(f.offset), f)));
                    }
                }
            }
            Event::Start(Tag::Heading { level, attrs, .. }) => {
                let attrs: Vec<(String, Option<String>)> =
                    attrs.iter().map(|(k, v)| (k.to_string(), v.as_ref().map(|v| v.to_string()))).collect();
                for message in scanner.heading_attributes(&level.to_string(), &attrs) {
                    found.push((range.start, Finding { offset: 0, message, is_error: false }));
                }
            }
            _ => {}
        }
    }
    report_findings(found, lines, problems);
    scanner.is_too_deep()
}

/// Markdown elements that hold others (an image is one void `<img>`).
pub(super) fn nests(tag: &Tag) -> bool {
    !matches!(tag, Tag::Image { .. } | Tag::HtmlBlock | Tag::MetadataBlock(_))
}

pub(super) fn report_findings(found: Vec<(usize, Finding)>, lines: &LineIndex, problems: &mut Vec<Problem>) {
    let mut warnings: Vec<(usize, String, usize)> = Vec::new();
    for (offset, f) in found {
        let line = lines.line_of(offset);
        if f.is_error {
            problems.push(error(line, f.message));
        } else if let Some(w) = warnings.iter_mut().find(|w| w.1 == f.message) {
            w.2 += 1;
        } else {
            warnings.push((line, f.message, 1));
        }
    }
    for (line, message, count) in warnings {
        let message = if count > 1 { format!("{message} — {count} times in this file, first here") } else { message };
        problems.push(warning(line, message));
    }
}

/// The lines of one HTML block joined, with where each came from in the source (inside a list
/// or quote, the markers before each line are not part of the HTML).
#[derive(Default)]
pub(super) struct RawBlock {
    pub(super) text: String,
    /// (offset in `text`, offset in the source, whether the text is the source as written).
    pub(super) pieces: Vec<(usize, usize, bool)>,
}

impl RawBlock {
    pub(super) fn push(&mut self, text: &str, source_start: usize, borrowed: bool) {
        self.pieces.push((self.text.len(), source_start, borrowed));
        self.text.push_str(text);
    }

    pub(super) fn source_offset(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.0 <= offset).saturating_sub(1);
        match self.pieces.get(i) {
            Some(&(start, source, true)) => source + (offset - start),
            Some(&(_, source, false)) => source,
            None => 0,
        }
    }
}
