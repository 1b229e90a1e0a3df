//! The Markdown stage.
//!
//! Consumes the Markdown body of one content file (front matter already removed, so line
//! numbers are relative to the body) plus the page language, and produces:
//! - the HTML of the body, with heading ids, prefixed footnote ids and resolved links;
//! - the table of contents (every heading with its id);
//! - the plain text, for summaries, reading time and search;
//! - problems (broken links, refused addresses, unclosed bold, raw HTML the sanitiser removes)
//!   with 1-based line numbers.
//!
//! The HTML is cleaned by [`crate::sanitize::Sanitizer`] unless the site trusts raw HTML.
//!
//! Parsing is pulldown-cmark 0.13, whose emphasis follows CommonMark to the letter and so
//! leaves `**注意：**正文` as literal asterisks. A repair pass re-pairs delimiter runs with the
//! CJK-friendly flanking rules (tats-u's amendment, commonmark-spec#650) in the paragraphs that
//! need it. Delete that pass when pulldown-cmark ships `ENABLE_CJK_FRIENDLY_EMPHASIS` (0.14).

use crate::text::escape;

mod classes;
mod emphasis;
mod headings;
mod line_breaks;
mod links;
mod output;
mod parsing;
mod pictures;
mod summaries;
#[cfg(test)]
mod tests;
mod types;

use emphasis::repair_cjk_emphasis;
use headings::{assign_heading_ids, collect_headings, unique_heading_ids};
use line_breaks::drop_cjk_soft_breaks;
use links::{check_raw_html, prefix_footnote_ids, resolve_links};
use output::{plain_text, to_html};
use parsing::{LineIndex, parse, parser_options};
use summaries::{count_text, flatten_whitespace, summary_cut, trim_dangling_separators};

pub use types::{Heading, LinkKind, Options, PictureFn, Problem, Rendered, UNMATCHED_BOLD};

/// Renders Markdown to HTML. Every link and image destination must pass the address policy
/// (else an error Problem at its line, and an empty address in the HTML). `resolve` is then
/// called for every destination that is not absolute (no URL scheme like
/// `https:`/`mailto:`/`tel:`, not starting with `//`, not a pure `#fragment`). It returns the
/// URL to write, or Err(message) — the message becomes an error Problem at the line of that link
/// (the link is then written unchanged).
pub fn render(
    src: &str,
    opts: &Options,
    resolve: &mut dyn FnMut(&str, LinkKind) -> Result<String, String>,
) -> Rendered {
    let lines = LineIndex::new(src);
    let mut problems = Vec::new();
    let events = parse(src, parser_options(opts.lang));
    let events = repair_cjk_emphasis(src, events, &lines, &mut problems);
    let mut events = drop_cjk_soft_breaks(events);
    let toc = assign_heading_ids(&mut events, &lines, &mut problems);
    prefix_footnote_ids(&mut events, opts.id_prefix);
    pictures::check_alt_text(&events, &lines, &mut problems);
    resolve_links(&mut events, opts.html, resolve, &lines, &mut problems);
    let too_deep = check_raw_html(src, &events, opts.html, &lines, &mut problems);
    let text = plain_text(&events);
    let pictures = pictures::take_pictures(&mut events, opts.picture);
    // Too deep to parse in reasonable time; the error fails the build, so plain text will do.
    let html = if too_deep { escape(&to_html(events)) } else { opts.html.clean(&to_html(events)) };
    let html = pictures::put_pictures(html, &pictures);
    problems.sort_by_key(|p| p.line);
    Rendered { html, toc, text, problems }
}

/// The heading ids `render` would produce for `src`, cheaply (used to check `page.md#anchor` links
/// before the target page is rendered). Must agree exactly with `render`'s ids.
pub fn heading_ids(src: &str) -> Vec<String> {
    // Ids come from ASCII letters and digits only, which neither the emphasis repair nor smart
    // punctuation ever change, so the raw parse gives the same ids as `render`.
    let events = parse(src, parser_options(""));
    unique_heading_ids(&collect_headings(&events))
}

/// A summary of at most `max_chars` characters cut from plain `text` at a sentence or word
/// boundary (Chinese: after 。！？；, else at a character; Latin: at a space), with "…" when cut.
/// The "…" counts towards `max_chars`.
pub fn summarize(text: &str, max_chars: usize) -> String {
    let flat = flatten_whitespace(text);
    let chars: Vec<char> = flat.chars().collect();
    if chars.len() <= max_chars {
        return flat;
    }
    if max_chars == 0 {
        return String::new();
    }
    let cut = summary_cut(&chars, max_chars - 1);
    let mut summary: String = chars[..cut].iter().collect();
    trim_dangling_separators(&mut summary);
    summary.push('…');
    summary
}

/// Reading time in whole minutes (at least 1), rounded to the nearest minute: CJK characters at
/// 300 per minute plus other words at 200 per minute, for mixed text.
pub fn reading_minutes(text: &str) -> u32 {
    let counts = count_text(text);
    // In 1/600ths of a minute: a CJK character is 2, a word 3.
    let units = (counts.cjk as u64).saturating_mul(2).saturating_add((counts.words as u64).saturating_mul(3));
    let minutes = units.saturating_add(300) / 600;
    u32::try_from(minutes).unwrap_or(u32::MAX).max(1)
}

/// Counts: CJK characters + non-CJK words.
pub fn word_count(text: &str) -> usize {
    let counts = count_text(text);
    counts.cjk + counts.words
}
