//! Parsing.

use std::ops::Range;

use pulldown_cmark::{Event, Options as CmarkOptions, Parser, TagEnd};

use super::types::Problem;

pub(super) type Spanned<'a> = (Event<'a>, Range<usize>);

pub(super) fn parse(src: &str, options: CmarkOptions) -> Vec<Spanned<'_>> {
    Parser::new_ext(src, options).into_offset_iter().collect()
}

pub(super) fn parser_options(lang: &str) -> CmarkOptions {
    let mut options = CmarkOptions::ENABLE_TABLES
        | CmarkOptions::ENABLE_FOOTNOTES
        | CmarkOptions::ENABLE_STRIKETHROUGH
        | CmarkOptions::ENABLE_TASKLISTS
        | CmarkOptions::ENABLE_HEADING_ATTRIBUTES
        | CmarkOptions::ENABLE_GFM;
    if wants_smart_punctuation(lang) {
        options |= CmarkOptions::ENABLE_SMART_PUNCTUATION;
    }
    options
}

/// Latin- and Cyrillic-script languages. Smart punctuation turns `他说"你好"然后` into two opening
/// quotes (the closing `"` is followed by a letter), so CJK and unknown languages keep the
/// author's quotes.
pub(super) const SMART_PUNCTUATION_LANGS: &[&str] = &[
    "af", "az", "be", "bg", "bs", "ca", "cs", "cy", "da", "de", "en", "eo", "es", "et", "eu", "fi", "fil", "fr", "ga",
    "gl", "hr", "hu", "id", "is", "it", "kk", "ky", "la", "lt", "lv", "mk", "mn", "ms", "mt", "nb", "nl", "nn", "no",
    "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "sw", "tg", "tl", "tr", "uk", "uz", "vi",
];

pub(super) fn wants_smart_punctuation(lang: &str) -> bool {
    let primary = lang.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    SMART_PUNCTUATION_LANGS.contains(&primary.as_str())
}

/// Maps byte offsets to 1-based line numbers and columns.
pub(super) struct LineIndex<'a> {
    src: &'a str,
    pub(super) starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(super) fn new(src: &'a str) -> Self {
        let starts = std::iter::once(0).chain(src.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { src, starts }
    }

    pub(super) fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }

    /// The 1-based column of `offset` in characters (a terminal places its caret by them).
    pub(super) fn column_of(&self, offset: usize) -> usize {
        let start = self.starts[self.line_of(offset) - 1];
        let end = offset.min(self.src.len());
        self.src.get(start..end).map_or(0, |s| s.chars().count()) + 1
    }
}

pub(super) fn warning(line: usize, message: impl Into<String>) -> Problem {
    Problem { line, column: None, message: message.into(), is_error: false }
}

pub(super) fn error(line: usize, message: impl Into<String>) -> Problem {
    Problem { line, column: None, message: message.into(), is_error: true }
}

/// An error at the character `offset` points to.
pub(super) fn error_at(lines: &LineIndex, offset: usize, message: impl Into<String>) -> Problem {
    Problem { column: Some(lines.column_of(offset)), ..error(lines.line_of(offset), message) }
}

/// The end of an element that lives inside a line (emphasis, links, images), as opposed to a
/// block.
pub(super) fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}
