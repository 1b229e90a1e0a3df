//! What the Markdown stage takes and hands out: the options, the rendered document, its
//! headings and problems. Kept apart from `mod.rs` so that the parts depend on these types
//! and `mod.rs` on the parts, one way.

use crate::sanitize::Sanitizer;

/// How a piece of Markdown is rendered.
pub struct Options<'a> {
    /// BCP-47-ish language code of the text: "zh", "en", "ru", "ar", …
    pub lang: &'a str,
    /// Prefix for footnote ids so several documents can share one HTML page ("" for none).
    pub id_prefix: &'a str,
    /// The address policy every destination passes, and what raw HTML may keep.
    pub html: &'a Sanitizer,
    /// Markup for an image (resolved address, alt text, title, its number in the body),
    /// instead of a plain `<img>`; `None` from it keeps the plain one.
    pub picture: Option<&'a PictureFn<'a>>,
}

pub type PictureFn<'a> = dyn Fn(&str, &str, &str, usize) -> Option<String> + Sync + 'a;

/// What a link or image destination in the Markdown is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Link,
    Image,
}

/// The output of rendering one document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered {
    pub html: String,
    /// Headings in document order.
    pub toc: Vec<Heading>,
    /// Plain text of the document (no markup), for summaries, reading time and search.
    pub text: String,
    /// Problems found, each with a 1-based line number relative to the Markdown source given.
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    /// 1-based column in characters, when the problem is at one place of the line.
    pub column: Option<usize>,
    pub message: String,
    pub is_error: bool,
}

/// The warning for a `**` left literal in CJK text; public so callers can recognise it.
pub const UNMATCHED_BOLD: &str = "unmatched ** — bold was not closed; write **text** with no space inside";
