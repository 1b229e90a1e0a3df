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

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Options as CmarkOptions, Parser, Tag, TagEnd};

use crate::sanitize::{Finding, Sanitizer};
use crate::text::cjk::{is_cjk, is_cjk_letter, is_cjk_like};
use crate::text::escape;
use crate::text::slug;

/// How a piece of Markdown is rendered.
pub struct Options<'a> {
    /// BCP-47-ish language code of the text: "zh", "en", "ru", "ar", …
    pub lang: &'a str,
    /// Prefix for footnote ids so several documents can share one HTML page ("" for none).
    pub id_prefix: &'a str,
    /// The address policy every destination passes, and what raw HTML may keep.
    pub html: &'a Sanitizer,
}

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
    pub message: String,
    pub is_error: bool,
}

/// The warning for a `**` left literal in CJK text; public so callers can recognise it.
pub const UNMATCHED_BOLD: &str = "unmatched ** — bold was not closed; write **text** with no space inside";

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
    resolve_links(&mut events, opts.html, resolve, &lines, &mut problems);
    let too_deep = check_raw_html(src, &events, opts.html, &lines, &mut problems);
    let text = plain_text(&events);
    // Too deep to parse in reasonable time; the error fails the build, so plain text will do.
    let html = if too_deep { escape(&to_html(events)) } else { opts.html.clean(&to_html(events)) };
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

// ---------------------------------------------------------------------------------------------
// Parsing

type Spanned<'a> = (Event<'a>, Range<usize>);

fn parse(src: &str, options: CmarkOptions) -> Vec<Spanned<'_>> {
    Parser::new_ext(src, options).into_offset_iter().collect()
}

fn parser_options(lang: &str) -> CmarkOptions {
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
const SMART_PUNCTUATION_LANGS: &[&str] = &[
    "af", "az", "be", "bg", "bs", "ca", "cs", "cy", "da", "de", "en", "eo", "es", "et", "eu", "fi", "fil", "fr", "ga",
    "gl", "hr", "hu", "id", "is", "it", "kk", "ky", "la", "lt", "lv", "mk", "mn", "ms", "mt", "nb", "nl", "nn", "no",
    "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "sw", "tg", "tl", "tr", "uk", "uz", "vi",
];

fn wants_smart_punctuation(lang: &str) -> bool {
    let primary = lang.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    SMART_PUNCTUATION_LANGS.contains(&primary.as_str())
}

/// Maps byte offsets to 1-based line numbers.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(src: &str) -> Self {
        let starts = std::iter::once(0).chain(src.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }
}

fn warning(line: usize, message: impl Into<String>) -> Problem {
    Problem { line, message: message.into(), is_error: false }
}

fn error(line: usize, message: impl Into<String>) -> Problem {
    Problem { line, message: message.into(), is_error: true }
}

// ---------------------------------------------------------------------------------------------
// Character classes

/// CommonMark's "Unicode punctuation" (general categories P and S), approximated by ranges.
fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    matches!(c as u32,
        0xA1..=0xA9 | 0xAB | 0xAC | 0xAE..=0xB1 | 0xB4 | 0xB6..=0xB8 | 0xBB | 0xBF | 0xD7 | 0xF7
        | 0x2010..=0x2027
        | 0x2030..=0x205E
        | 0x20A0..=0x20CF
        | 0x2103 | 0x2109 | 0x2116 | 0x2117 | 0x2120 | 0x2122
        | 0x2190..=0x23FF
        | 0x2500..=0x2BFF
        | 0x2E00..=0x2E7F
        | 0x3001..=0x3004
        | 0x3008..=0x3020
        | 0x3030
        | 0x303D..=0x303F
        | 0x30A0
        | 0x30FB
        | 0xFE10..=0xFE19
        | 0xFE30..=0xFE4F
        | 0xFE50..=0xFE6B
        | 0xFF01..=0xFF0F
        | 0xFF1A..=0xFF20
        | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65
        | 0xFFE0..=0xFFEE
        | 0x1F000..=0x1FBFF)
}

// ---------------------------------------------------------------------------------------------
// CJK-friendly emphasis repair
//
// pulldown-cmark has already paired emphasis with CommonMark's rules. Within each run of inline
// events (one paragraph, heading or table cell) we turn its emphasis back into delimiter runs;
// if any run flanks differently under the CJK-friendly rules, the whole run of inlines is
// re-paired with pulldown-cmark's own algorithm and the amended flanking. Paragraphs where no run
// changes are left exactly as parsed, so Latin text keeps CommonMark's behaviour.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Emphasis,
    Strong,
    Strike,
}

impl Mark {
    fn start(self) -> Tag<'static> {
        match self {
            Mark::Emphasis => Tag::Emphasis,
            Mark::Strong => Tag::Strong,
            Mark::Strike => Tag::Strikethrough,
        }
    }

    fn end(self) -> TagEnd {
        match self {
            Mark::Emphasis => TagEnd::Emphasis,
            Mark::Strong => TagEnd::Strong,
            Mark::Strike => TagEnd::Strikethrough,
        }
    }

    fn of_start(tag: &Tag) -> Option<Mark> {
        match tag {
            Tag::Emphasis => Some(Mark::Emphasis),
            Tag::Strong => Some(Mark::Strong),
            Tag::Strikethrough => Some(Mark::Strike),
            _ => None,
        }
    }

    fn of_end(tag: &TagEnd) -> Option<Mark> {
        match tag {
            TagEnd::Emphasis => Some(Mark::Emphasis),
            TagEnd::Strong => Some(Mark::Strong),
            TagEnd::Strikethrough => Some(Mark::Strike),
            _ => None,
        }
    }
}

/// A maximal run of one delimiter character in the source, with how it was (or will be) used.
#[derive(Debug, Clone)]
struct Run {
    ch: u8,
    start: usize,
    len: usize,
    /// Characters written as literal text.
    literal: usize,
    /// First thing in its line's content: what precedes it (`>`, `- `) is not text.
    at_line_start: bool,
    can_open: bool,
    can_close: bool,
    /// What plain CommonMark allows, to tell whether the CJK rules change anything.
    std_open: bool,
    std_close: bool,
    /// Marks this run closes, innermost first, with the characters each uses.
    closes: Vec<(Mark, usize)>,
    /// Marks this run opens, innermost first.
    opens: Vec<(Mark, usize)>,
}

impl Run {
    fn flanking_changed(&self) -> bool {
        (self.can_open, self.can_close) != (self.std_open, self.std_close)
    }
}

enum Token {
    Event(usize),
    Run(usize),
}

/// Where a run of inline events sits, which decides how (and whether) it is repaired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InlineContext {
    Prose,
    TableCell,
    /// Code and HTML blocks: their text events are verbatim content.
    Verbatim,
}

fn repair_cjk_emphasis<'a>(
    src: &'a str,
    events: Vec<Spanned<'a>>,
    lines: &LineIndex,
    problems: &mut Vec<Problem>,
) -> Vec<Spanned<'a>> {
    repair_emphasis(src, events, Repair::WhereCjkRulesDiffer, lines, problems)
}

/// `Always` exists for tests: re-pairing ASCII text must reproduce pulldown-cmark exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Repair {
    WhereCjkRulesDiffer,
    #[cfg(test)]
    Always,
}

fn repair_emphasis<'a>(
    src: &'a str,
    events: Vec<Spanned<'a>>,
    repair: Repair,
    lines: &LineIndex,
    problems: &mut Vec<Problem>,
) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut blocks: Vec<InlineContext> = Vec::new();
    let mut inlines: Vec<Spanned<'a>> = Vec::new();
    for (event, range) in events {
        if is_inline(&event) {
            inlines.push((event, range));
            continue;
        }
        let context = blocks.last().copied().unwrap_or(InlineContext::Prose);
        flush_inlines(src, &mut inlines, context, repair, &mut out, lines, problems);
        match &event {
            Event::Start(tag) => blocks.push(block_context(tag)),
            Event::End(_) => {
                blocks.pop();
            }
            _ => {}
        }
        out.push((event, range));
    }
    let context = blocks.last().copied().unwrap_or(InlineContext::Prose);
    flush_inlines(src, &mut inlines, context, repair, &mut out, lines, problems);
    out
}

fn is_inline(event: &Event) -> bool {
    match event {
        Event::Start(tag) => is_inline_tag(tag),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineMath(_)
        | Event::DisplayMath(_)
        | Event::InlineHtml(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::FootnoteReference(_)
        | Event::TaskListMarker(_) => true,
        Event::Html(_) | Event::Rule => false,
    }
}

fn is_inline_tag(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn block_context(tag: &Tag) -> InlineContext {
    match tag {
        Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => InlineContext::Verbatim,
        Tag::TableCell => InlineContext::TableCell,
        _ => InlineContext::Prose,
    }
}

fn flush_inlines<'a>(
    src: &'a str,
    inlines: &mut Vec<Spanned<'a>>,
    context: InlineContext,
    repair: Repair,
    out: &mut Vec<Spanned<'a>>,
    lines: &LineIndex,
    problems: &mut Vec<Problem>,
) {
    let segment = std::mem::take(inlines);
    if segment.is_empty() {
        return;
    }
    if context == InlineContext::Verbatim {
        out.extend(segment);
        return;
    }
    let in_table = context == InlineContext::TableCell;
    out.extend(repair_segment(src, segment, in_table, repair, lines, problems));
}

fn repair_segment<'a>(
    src: &'a str,
    segment: Vec<Spanned<'a>>,
    in_table: bool,
    repair: Repair,
    lines: &LineIndex,
    problems: &mut Vec<Problem>,
) -> Vec<Spanned<'a>> {
    let Some((tokens, mut runs)) = tokenize(src, &segment) else {
        return segment;
    };
    for run in &mut runs {
        set_flanking(src, run, in_table);
    }
    let needs_repair = repair != Repair::WhereCjkRulesDiffer || runs.iter().any(Run::flanking_changed);
    if !needs_repair {
        warn_unmatched_bold(src, &runs, lines, problems);
        return segment;
    }
    pair_runs(&segment, &tokens, &mut runs);
    warn_unmatched_bold(src, &runs, lines, problems);
    emit_segment(src, segment, &tokens, &runs)
}

/// Splits inline events into plain events and delimiter runs. `None` when an emphasis tag's
/// delimiters cannot be found in the source, in which case the segment is left alone.
fn tokenize(src: &str, segment: &[Spanned]) -> Option<(Vec<Token>, Vec<Run>)> {
    let mut tokens = Vec::with_capacity(segment.len());
    let mut runs: Vec<Run> = Vec::new();
    for (i, (event, range)) in segment.iter().enumerate() {
        let at_line_start = match tokens.last() {
            None => true,
            Some(Token::Event(j)) => matches!(segment[*j].0, Event::SoftBreak | Event::HardBreak),
            Some(Token::Run(_)) => false,
        };
        let piece = match event {
            Event::Start(tag) => match Mark::of_start(tag) {
                Some(mark) => Some(opening_piece(src, segment, i, mark)?),
                None => None,
            },
            Event::End(tag) => match Mark::of_end(tag) {
                Some(mark) => Some(closing_piece(src, segment, i, mark)?),
                None => None,
            },
            Event::Text(text) => literal_piece(src, text, range),
            _ => None,
        };
        match piece {
            Some(piece) => add_piece(&mut tokens, &mut runs, piece, at_line_start),
            None => tokens.push(Token::Event(i)),
        }
    }
    Some((tokens, runs))
}

/// Delimiter characters found in the source: which character, where, how many, how many of
/// them pulldown-cmark left as literal text.
#[derive(Debug, Clone, Copy)]
struct Piece {
    ch: u8,
    start: usize,
    len: usize,
    literal: bool,
}

fn add_piece(tokens: &mut Vec<Token>, runs: &mut Vec<Run>, piece: Piece, at_line_start: bool) {
    let literal = if piece.literal { piece.len } else { 0 };
    if let Some(Token::Run(last)) = tokens.last()
        && let Some(run) = runs.get_mut(*last)
        && run.ch == piece.ch
        && run.start + run.len == piece.start
    {
        run.len += piece.len;
        run.literal += literal;
        return;
    }
    tokens.push(Token::Run(runs.len()));
    runs.push(Run {
        ch: piece.ch,
        start: piece.start,
        len: piece.len,
        literal,
        at_line_start,
        can_open: false,
        can_close: false,
        std_open: false,
        std_close: false,
        closes: Vec::new(),
        opens: Vec::new(),
    });
}

fn is_delimiter(ch: u8) -> bool {
    matches!(ch, b'*' | b'_' | b'~')
}

fn is_run_of(src: &str, range: Range<usize>, ch: u8) -> bool {
    is_delimiter(ch) && src.get(range).is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b == ch))
}

/// A Start(Emphasis/Strong/Strikethrough) covers its delimiters up to where its content begins.
fn opening_piece(src: &str, segment: &[Spanned], i: usize, mark: Mark) -> Option<Piece> {
    let range = &segment[i].1;
    let ch = *src.as_bytes().get(range.start)?;
    let content_start = segment.get(i + 1).map_or(range.end, |(_, r)| r.start);
    let width = if is_run_of(src, range.start..content_start, ch) {
        content_start - range.start
    } else {
        // The content starts with an escape like `\*`, whose range skips the backslash.
        default_width(src, mark, range.start, ch, Direction::Forward)
    };
    let piece = Piece { ch, start: range.start, len: width, literal: false };
    is_run_of(src, range.start..range.start + width, ch).then_some(piece)
}

fn closing_piece(src: &str, segment: &[Spanned], i: usize, mark: Mark) -> Option<Piece> {
    let range = &segment[i].1;
    let ch = *src.as_bytes().get(range.end.checked_sub(1)?)?;
    let content_end = if i > 0 { segment[i - 1].1.end } else { range.start };
    let width = if content_end < range.end && is_run_of(src, content_end..range.end, ch) {
        range.end - content_end
    } else {
        default_width(src, mark, range.end, ch, Direction::Backward)
    };
    let start = range.end.checked_sub(width)?;
    let piece = Piece { ch, start, len: width, literal: false };
    is_run_of(src, start..range.end, ch).then_some(piece)
}

#[derive(Clone, Copy)]
enum Direction {
    Forward,
    Backward,
}

fn default_width(src: &str, mark: Mark, at: usize, ch: u8, direction: Direction) -> usize {
    match mark {
        Mark::Emphasis => 1,
        Mark::Strong => 2,
        Mark::Strike => {
            let bytes = src.as_bytes();
            let tilde_at = |offset: Option<usize>| offset.and_then(|o| bytes.get(o)) == Some(&ch);
            let second = match direction {
                Direction::Forward => at.checked_add(1),
                Direction::Backward => at.checked_sub(2),
            };
            if tilde_at(second) { 2 } else { 1 }
        }
    }
}

/// Unmatched delimiters come out as one Text event per character, borrowed from the source.
fn literal_piece(src: &str, text: &str, range: &Range<usize>) -> Option<Piece> {
    let ch = *text.as_bytes().first()?;
    let from_source = src.get(range.clone()) == Some(text);
    if !from_source || !is_run_of(src, range.clone(), ch) || is_escaped(src, range.start) {
        return None;
    }
    Some(Piece { ch, start: range.start, len: text.len(), literal: true })
}

/// An odd number of backslashes before a character escapes it.
fn is_escaped(src: &str, at: usize) -> bool {
    let before = src.as_bytes().get(..at).unwrap_or(&[]);
    before.iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// How the character beside a delimiter run takes part in the flanking rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Space,
    Punct,
    CjkPunct,
    Cjk,
    Other,
}

impl Side {
    fn of(c: Option<char>, in_table: bool) -> Side {
        match c {
            None => Side::Space,
            Some(c) if c.is_whitespace() => Side::Space,
            // pulldown-cmark treats a cell border like the start or end of a line.
            Some('|') if in_table => Side::Space,
            Some(c) if is_punctuation(c) && is_cjk(c) => Side::CjkPunct,
            Some(c) if is_punctuation(c) => Side::Punct,
            Some(c) if is_cjk(c) => Side::Cjk,
            Some(_) => Side::Other,
        }
    }

    fn is_punct(self) -> bool {
        matches!(self, Side::Punct | Side::CjkPunct)
    }
}

struct Flanking {
    left: bool,
    right: bool,
}

/// CommonMark 0.31 flanking.
fn standard_flanking(prev: Side, next: Side) -> Flanking {
    Flanking {
        left: next != Side::Space && (!next.is_punct() || prev == Side::Space || prev.is_punct()),
        right: prev != Side::Space && (!prev.is_punct() || next == Side::Space || next.is_punct()),
    }
}

/// The CJK-friendly amendment: CJK punctuation no longer counts as punctuation on the inner
/// side, and a CJK character on the outer side is as good as a space.
fn cjk_friendly_flanking(prev: Side, next: Side) -> Flanking {
    Flanking {
        left: next != Side::Space && (next != Side::Punct || prev != Side::Other),
        right: prev != Side::Space && (prev != Side::Punct || next != Side::Other),
    }
}

/// Who may open and close, per delimiter character, as pulldown-cmark decides it.
fn open_close(run: &Run, f: &Flanking, prev: Side, next: Side, after_tilde: bool) -> (bool, bool) {
    let intraword_strict = (f.left && (!f.right || prev.is_punct()), f.right && (!f.left || next.is_punct()));
    match run.ch {
        b'*' => (f.left, f.right),
        b'~' => {
            // pulldown-cmark lets `~~` open anywhere not followed by a space, and treats a tilde
            // right after an escaped `\~` as if it continued a run.
            let continues = after_tilde && prev != Side::Space;
            let open = if run.len > 1 {
                next != Side::Space
            } else {
                intraword_strict.0 || (after_tilde && next != Side::Space && !next.is_punct())
            };
            let close = if run.len > 1 { f.right } else { intraword_strict.1 };
            (open, close || continues)
        }
        _ => intraword_strict,
    }
}

fn set_flanking(src: &str, run: &mut Run, in_table: bool) {
    let before = if run.at_line_start { "" } else { src.get(..run.start).unwrap_or("") };
    let prev = before.chars().next_back();
    let next = src.get(run.start + run.len..).and_then(|s| s.chars().next());
    let after_tilde = prev == Some('~');
    let next = Side::of(next, in_table);
    let prev_std = Side::of(prev, in_table);
    let standard = standard_flanking(prev_std, next);
    let (std_open, std_close) = open_close(run, &standard, prev_std, next, after_tilde);
    let prev_cjk = side_before_with_selectors(before, in_table);
    let amended = cjk_friendly_flanking(prev_cjk, next);
    let (can_open, can_close) = open_close(run, &amended, prev_cjk, next, after_tilde);
    // A run of three or more tildes is never strikethrough.
    let usable = run.ch != b'~' || run.len <= 2;
    run.std_open = std_open && usable;
    run.std_close = std_close && usable;
    run.can_open = can_open && usable;
    run.can_close = can_close && usable;
}

/// The amendment reads a variation selector together with the character it modifies: `葛󠄀`
/// (with an ideographic selector) is CJK, `。︁` is CJK punctuation, and `“︁` (the fullwidth
/// form of a quote) is CJK punctuation too.
fn side_before_with_selectors(before: &str, in_table: bool) -> Side {
    let mut chars = before.chars().rev();
    let Some(last) = chars.next() else {
        return Side::Space;
    };
    match last as u32 {
        0xE0100..=0xE01EF => Side::Cjk,
        0xFE00..=0xFE0E => match Side::of(chars.next(), in_table) {
            Side::Punct if matches!(before.chars().rev().nth(1), Some('“' | '”' | '‘' | '’')) => Side::CjkPunct,
            Side::Space => Side::Other,
            side => side,
        },
        _ => Side::of(Some(last), in_table),
    }
}

/// An opener waiting on the delimiter stack.
#[derive(Debug, Clone, Copy)]
struct Opener {
    run: usize,
    count: usize,
    run_len: usize,
    ch: u8,
    both: bool,
}

/// Pairs runs like pulldown-cmark's `handle_emphasis`, one stack per link or image text since
/// emphasis cannot cross their brackets.
fn pair_runs(segment: &[Spanned], tokens: &[Token], runs: &mut [Run]) {
    let mut frames: Vec<DelimiterStack> = vec![DelimiterStack::default()];
    for token in tokens {
        match *token {
            Token::Event(i) => match &segment[i].0 {
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                    frames.push(DelimiterStack::default());
                }
                Event::End(TagEnd::Link | TagEnd::Image) if frames.len() > 1 => {
                    frames.pop();
                }
                _ => {}
            },
            Token::Run(r) => {
                if let Some(stack) = frames.last_mut() {
                    pair_run(stack, runs, r);
                }
            }
        }
    }
    for run in runs.iter_mut() {
        let used: usize = run.closes.iter().chain(&run.opens).map(|&(_, w)| w).sum();
        run.literal = run.len.saturating_sub(used);
    }
}

fn pair_run(stack: &mut DelimiterStack, runs: &mut [Run], r: usize) {
    let (ch, run_len) = (runs[r].ch, runs[r].len);
    let (can_open, can_close) = (runs[r].can_open, runs[r].can_close);
    let both = can_open && can_close;
    let mut count = run_len;
    while can_close && count > 0 {
        let Some(opener) = stack.pop_match(ch, run_len, both) else {
            break;
        };
        let used = count.min(opener.count);
        add_marks(runs, opener.run, r, ch, used);
        if opener.count > used {
            stack.push(Opener { count: opener.count - used, ..opener });
        }
        count -= used;
    }
    if count > 0 && can_open {
        stack.push(Opener { run: r, count, run_len, ch, both });
    }
}

/// pulldown-cmark's `InlineStack`, lower bounds included: they are an optimisation there, but
/// they also decide which tildes may pair, so results only match with them.
#[derive(Debug, Default)]
struct DelimiterStack {
    openers: Vec<Opener>,
    lower_bounds: [usize; 9],
}

impl DelimiterStack {
    const UNDERSCORE_NOT_BOTH: usize = 0;
    const ASTERISK_NOT_BOTH: usize = 1;
    const ASTERISK_BASE: usize = 2;
    const TILDES: usize = 5;
    const UNDERSCORE_BASE: usize = 6;

    fn bound_slots(ch: u8, run_len: usize, both: bool) -> (usize, Option<usize>) {
        let not_both = |slot| if both { None } else { Some(slot) };
        match ch {
            b'_' => (Self::UNDERSCORE_BASE + run_len % 3, not_both(Self::UNDERSCORE_NOT_BOTH)),
            b'*' => (Self::ASTERISK_BASE + run_len % 3, not_both(Self::ASTERISK_NOT_BOTH)),
            _ => (Self::TILDES, None),
        }
    }

    fn lower_bound(&self, ch: u8, run_len: usize, both: bool) -> usize {
        let (slot, other) = Self::bound_slots(ch, run_len, both);
        let bound = self.lower_bounds[slot];
        other.map_or(bound, |other| bound.min(self.lower_bounds[other]))
    }

    fn set_lower_bound(&mut self, ch: u8, run_len: usize, both: bool) {
        let (slot, other) = Self::bound_slots(ch, run_len, both);
        self.lower_bounds[slot] = self.openers.len();
        if let Some(other) = other {
            self.lower_bounds[other] = self.openers.len();
        }
    }

    fn push(&mut self, opener: Opener) {
        if opener.ch == b'~' {
            let bound = &mut self.lower_bounds[Self::TILDES];
            *bound = (*bound).min(self.openers.len());
        }
        self.openers.push(opener);
    }

    /// The nearest opener that may pair with this closer; openers above it become literal.
    fn pop_match(&mut self, ch: u8, run_len: usize, both: bool) -> Option<Opener> {
        let lower = self.lower_bound(ch, run_len, both).min(self.openers.len());
        let found = self.openers[lower..].iter().rposition(|o| {
            o.ch == ch
                && (ch != b'~' || o.run_len == run_len)
                // CommonMark's "rule of 3", written as pulldown-cmark writes it.
                && ((!both && !o.both) || !(run_len + o.run_len).is_multiple_of(3)
                    || run_len.is_multiple_of(3))
        });
        let Some(i) = found.map(|i| i + lower) else {
            self.set_lower_bound(ch, run_len, both);
            return None;
        };
        let opener = self.openers[i];
        self.openers.truncate(i);
        for bound in &mut self.lower_bounds {
            *bound = (*bound).min(i);
        }
        Some(opener)
    }
}

/// Innermost first: `***` pairs as strong inside emphasis.
fn add_marks(runs: &mut [Run], opener: usize, closer: usize, ch: u8, count: usize) {
    let mut left = count;
    while left > 0 {
        let width = if left >= 2 { 2 } else { 1 };
        let mark = match (ch, width) {
            (b'~', _) => Mark::Strike,
            (_, 2) => Mark::Strong,
            _ => Mark::Emphasis,
        };
        runs[opener].opens.push((mark, width));
        runs[closer].closes.push((mark, width));
        left -= width;
    }
}

fn emit_segment<'a>(src: &'a str, segment: Vec<Spanned<'a>>, tokens: &[Token], runs: &[Run]) -> Vec<Spanned<'a>> {
    let mut slots: Vec<Option<Spanned<'a>>> = segment.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(slots.len());
    for token in tokens {
        match *token {
            Token::Event(i) => out.extend(slots.get_mut(i).and_then(Option::take)),
            Token::Run(r) => emit_run(src, &runs[r], &mut out),
        }
    }
    out
}

/// A run's characters, left to right: the marks it closes, literal text, the marks it opens.
fn emit_run<'a>(src: &'a str, run: &Run, out: &mut Vec<Spanned<'a>>) {
    let mut pos = run.start;
    for &(mark, width) in &run.closes {
        out.push((Event::End(mark.end()), pos..pos + width));
        pos += width;
    }
    let opened: usize = run.opens.iter().map(|&(_, w)| w).sum();
    let literal_end = (run.start + run.len).saturating_sub(opened).max(pos);
    if let Some(text) = src.get(pos..literal_end).filter(|t| !t.is_empty()) {
        out.push((Event::Text(CowStr::Borrowed(text)), pos..literal_end));
    }
    let mut pos = literal_end;
    for &(mark, width) in run.opens.iter().rev() {
        out.push((Event::Start(mark.start()), pos..pos + width));
        pos += width;
    }
}

/// A literal `**` that could have opened or closed is almost always a bold the author meant,
/// in CJK text typically broken by punctuation and a space inside the markers.
fn warn_unmatched_bold(src: &str, runs: &[Run], lines: &LineIndex, problems: &mut Vec<Problem>) {
    for run in runs {
        let attempted = run.can_open || run.can_close;
        if run.ch == b'*' && run.literal >= 2 && attempted && near_cjk(src, run) {
            problems.push(warning(lines.line_of(run.start), UNMATCHED_BOLD));
        }
    }
}

/// Whether the line around a run has CJK text.
fn near_cjk(src: &str, run: &Run) -> bool {
    let line_start = src.get(..run.start).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1);
    let line_end = src.get(run.start..).and_then(|s| s.find('\n')).map_or(src.len(), |i| run.start + i);
    src.get(line_start..line_end).is_some_and(|line| line.chars().any(is_cjk))
}

// ---------------------------------------------------------------------------------------------
// Line breaks

/// A line break between two CJK characters is not a space in Chinese, but browsers render the
/// newline as one; so drop the break.
fn drop_cjk_soft_breaks(events: Vec<Spanned>) -> Vec<Spanned> {
    let keep: Vec<bool> =
        (0..events.len()).map(|i| !matches!(events[i].0, Event::SoftBreak) || !joins_cjk(&events, i)).collect();
    events.into_iter().zip(keep).filter_map(|(event, keep)| keep.then_some(event)).collect()
}

fn joins_cjk(events: &[Spanned], i: usize) -> bool {
    let before = adjacent_char(events[..i].iter().rev(), |t| t.chars().next_back());
    let after = adjacent_char(events[i + 1..].iter(), |t| t.chars().next());
    match (before, after) {
        (Some(a), Some(b)) => is_cjk_like(a) && is_cjk_like(b) && (is_cjk(a) || is_cjk(b)),
        _ => false,
    }
}

/// The nearest visible character, looking through emphasis and link tags.
fn adjacent_char<'e, 'a: 'e>(
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

// ---------------------------------------------------------------------------------------------
// Headings

struct HeadingInfo {
    event: usize,
    level: u8,
    explicit_id: Option<String>,
    text: String,
}

fn collect_headings(events: &[Spanned]) -> Vec<HeadingInfo> {
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
fn unique_heading_ids(headings: &[HeadingInfo]) -> Vec<String> {
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

fn assign_heading_ids(events: &mut [Spanned], lines: &LineIndex, problems: &mut Vec<Problem>) -> Vec<Heading> {
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

fn warn_duplicate_explicit_ids(
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

// ---------------------------------------------------------------------------------------------
// Footnotes, links, raw HTML

fn prefix_footnote_ids(events: &mut [Spanned], prefix: &str) {
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

fn resolve_links(
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
            problems.push(error(lines.line_of(range.start), format!("{what} address \"{dest}\": {why}")));
            *dest = CowStr::Borrowed("");
            continue;
        }
        if !needs_resolving(link_type, dest) {
            continue;
        }
        match resolve(dest, kind) {
            Ok(url) => *dest = CowStr::from(url),
            Err(message) => problems.push(error(lines.line_of(range.start), message)),
        }
    }
}

fn needs_resolving(link_type: LinkType, dest: &str) -> bool {
    // `<a@b.cn>` has the bare address as destination; the writer adds `mailto:`.
    let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
    !autolink && !is_absolute_url(dest)
}

fn is_absolute_url(dest: &str) -> bool {
    dest.starts_with("//") || dest.starts_with('#') || has_url_scheme(dest)
}

/// `https:`, `mailto:`, `tel:`…; one letter before the colon is a Windows drive, not a scheme.
fn has_url_scheme(dest: &str) -> bool {
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
fn check_raw_html(
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
fn nests(tag: &Tag) -> bool {
    !matches!(tag, Tag::Image { .. } | Tag::HtmlBlock | Tag::MetadataBlock(_))
}

fn report_findings(found: Vec<(usize, Finding)>, lines: &LineIndex, problems: &mut Vec<Problem>) {
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
struct RawBlock {
    text: String,
    /// (offset in `text`, offset in the source, whether the text is the source as written).
    pieces: Vec<(usize, usize, bool)>,
}

impl RawBlock {
    fn push(&mut self, text: &str, source_start: usize, borrowed: bool) {
        self.pieces.push((self.text.len(), source_start, borrowed));
        self.text.push_str(text);
    }

    fn source_offset(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.0 <= offset).saturating_sub(1);
        match self.pieces.get(i) {
            Some(&(start, source, true)) => source + (offset - start),
            Some(&(_, source, false)) => source,
            None => 0,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Output

fn to_html(events: Vec<Spanned>) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(event, _)| event));
    html_void_elements(html)
}

/// pulldown-cmark writes XHTML-style `<br />`, `<hr />` and `<img … />`; in HTML the slash
/// means nothing and validators warn about it. Text never holds a raw `/>` (it is escaped).
fn html_void_elements(html: String) -> String {
    if html.contains(" />") { html.replace(" />", ">") } else { html }
}

/// Text as a reader sees it: one line per block, no markup, no image alt text, no raw HTML.
fn plain_text(events: &[Spanned]) -> String {
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

fn is_inline_end(tag: &TagEnd) -> bool {
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

fn tidy_lines(text: &str) -> String {
    text.lines().map(str::trim).filter(|line| !line.is_empty()).collect::<Vec<_>>().join("\n")
}

// ---------------------------------------------------------------------------------------------
// Summaries and counts

/// One line of text; a line break between CJK characters disappears, any other becomes a space.
fn flatten_whitespace(text: &str) -> String {
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
fn summary_cut(chars: &[char], budget: usize) -> usize {
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

fn trim_dangling_separators(summary: &mut String) {
    let kept = summary.trim_end_matches(|c: char| c.is_whitespace() || ",，、:：-—".contains(c)).len();
    summary.truncate(kept);
}

struct TextCounts {
    cjk: usize,
    words: usize,
}

fn count_text(text: &str) -> TextCounts {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn render_in(lang: &str, src: &str) -> Rendered {
        let opts = Options { lang, id_prefix: "", html: &Sanitizer::default() };
        render(src, &opts, &mut |dest, _| Ok(dest.to_string()))
    }

    fn html_zh(src: &str) -> String {
        render_in("zh", src).html
    }

    fn plain_pulldown_html(src: &str, lang: &str) -> String {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, Parser::new_ext(src, parser_options(lang)));
        html
    }

    fn warnings(rendered: &Rendered) -> Vec<(usize, &str)> {
        let found = rendered.problems.iter().filter(|p| !p.is_error);
        found.map(|p| (p.line, p.message.as_str())).collect()
    }

    // --- CJK-friendly emphasis -------------------------------------------------------------

    #[test]
    fn bold_closing_after_a_quote_before_han() {
        assert_eq!(html_zh("**“引大引强引头部”**行动"), "<p><strong>“引大引强引头部”</strong>行动</p>\n");
    }

    #[test]
    fn bold_closing_after_a_fullwidth_colon() {
        assert_eq!(html_zh("**注意：**正文"), "<p><strong>注意：</strong>正文</p>\n");
    }

    #[test]
    fn bold_closing_after_a_full_stop_mid_sentence() {
        assert_eq!(
            html_zh("本项目**总投资50亿元。**预计2027年投产"),
            "<p>本项目<strong>总投资50亿元。</strong>预计2027年投产</p>\n"
        );
    }

    #[test]
    fn emphasis_closing_after_a_fullwidth_bracket() {
        assert_eq!(html_zh("这是*斜体（括号）*后文"), "<p>这是<em>斜体（括号）</em>后文</p>\n");
    }

    #[test]
    fn strikethrough_closing_after_a_fullwidth_bracket() {
        assert_eq!(html_zh("~~删除（括号）~~后文"), "<p><del>删除（括号）</del>后文</p>\n");
    }

    #[test]
    fn bold_opening_before_punctuation_after_han() {
        assert_eq!(html_zh("他说**“你好”**然后"), "<p>他说<strong>“你好”</strong>然后</p>\n");
    }

    #[test]
    fn plain_bold_still_works() {
        assert_eq!(html_zh("**bold** normal"), "<p><strong>bold</strong> normal</p>\n");
    }

    #[test]
    fn latin_punctuation_cases_follow_commonmark() {
        let html = render_in("en", "English **bold.** tail and **“quoted”**text").html;
        assert!(html.contains("<strong>bold.</strong> tail"), "{html}");
        assert!(html.contains("**“quoted”**text"), "{html}");
    }

    #[test]
    fn latin_output_is_exactly_pulldown_cmark() {
        let cases = [
            "English **bold.** tail",
            "a **b** c *d* e ***f*** g",
            "**“quoted”**text and *foo**bar*",
            "x**a* and *a**y and __init__ and snake_case_name",
            "~~gone~~ and ~one~ and ~~~three~~~",
            "*[link*](x.md) and **[a](b)**",
            "> **Note:** text\n\n| a | **b** |\n|---|---|\n| *c* | d |",
        ];
        for src in cases {
            assert_eq!(render_in("en", src).html, plain_pulldown_html(src, "en"), "{src}");
        }
    }

    #[test]
    fn code_spans_and_blocks_keep_their_asterisks() {
        assert_eq!(html_zh("`**代码**`"), "<p><code>**代码**</code></p>\n");
        let html = html_zh("```\n**注意：**正文\n```");
        assert!(html.contains("<code>**注意：**正文\n</code>"), "{html}");
        assert!(!html.contains("<strong>"), "{html}");
    }

    #[test]
    fn escaped_asterisks_stay_literal() {
        let rendered = render_in("zh", r"\*\*不是粗体\*\*");
        assert_eq!(rendered.html, "<p>**不是粗体**</p>\n");
        assert!(rendered.problems.is_empty(), "{:?}", rendered.problems);
    }

    #[test]
    fn an_escaped_asterisk_does_not_join_the_run_next_to_it() {
        // Unescaped, `\**` would be a run of two and pair with the closing `**`.
        assert_eq!(html_zh(r"本项目\**总投资。**预计"), "<p>本项目**总投资。**预计</p>\n");
        assert_eq!(html_zh(r"**注意\*：**正文"), "<p><strong>注意*：</strong>正文</p>\n");
    }

    #[test]
    fn english_bold_inside_chinese() {
        assert_eq!(html_zh("中文**English**中文"), "<p>中文<strong>English</strong>中文</p>\n");
    }

    #[test]
    fn emphasis_nested_in_bold() {
        assert_eq!(html_zh("**加粗*斜体*加粗**"), "<p><strong>加粗<em>斜体</em>加粗</strong></p>\n");
        assert_eq!(
            html_zh("**注意：*重点（一）*结束。**后文"),
            "<p><strong>注意：<em>重点（一）</em>结束。</strong>后文</p>\n"
        );
    }

    #[test]
    fn two_bold_spans_on_one_line() {
        assert_eq!(
            html_zh("**甲方：**负责，**乙方：**配合"),
            "<p><strong>甲方：</strong>负责，<strong>乙方：</strong>配合</p>\n"
        );
        // Plain CommonMark pairs the middle two runs here; the repair must undo that.
        assert_eq!(
            html_zh("**注意：**正文**再来：**结束"),
            "<p><strong>注意：</strong>正文<strong>再来：</strong>结束</p>\n"
        );
    }

    #[test]
    fn bold_and_strikethrough_in_one_paragraph() {
        assert_eq!(
            html_zh("**注意：**正文，~~旧（作废）~~新"),
            "<p><strong>注意：</strong>正文，<del>旧（作废）</del>新</p>\n"
        );
    }

    #[test]
    fn emphasis_does_not_cross_link_brackets() {
        let html = html_zh("[**注意：](a.md)**正文");
        assert!(!html.contains("<strong>"), "{html}");
        let html = html_zh("[**注意：**正文](a.md)");
        assert!(html.contains("<a href=\"a.md\"><strong>注意：</strong>正文</a>"), "{html}");
    }

    #[test]
    fn bold_in_table_cells_headings_and_quotes() {
        let html = html_zh("## **注意：**标题\n\n> **提示：**内容\n\n| 甲 |\n|---|\n| **说明：**文字 |");
        assert!(html.contains("<strong>注意：</strong>标题</h2>"), "{html}");
        assert!(html.contains("<p><strong>提示：</strong>内容</p>"), "{html}");
        assert!(html.contains("<td><strong>说明：</strong>文字</td>"), "{html}");
    }

    #[test]
    fn intraword_underscore_stays_literal() {
        assert_eq!(html_zh("中文_斜体_中文"), "<p>中文_斜体_中文</p>\n");
    }

    #[test]
    fn cjk_friendly_cases_from_the_amendment_leave_no_asterisks() {
        let cases = [
            "**推荐几个框架：**React、Vue等前端框架。",
            "Go**「入门」**系列文章",
            "国际标准**[ECMA-262](https://tc39.es/ecma262/)**已发布",
            "**[产业园](parks/a.md)**与**[物流园](parks/b.md)**欢迎考察",
            "税费**¥10,000**以内",
            "**C#**和**F#**运行在**「.NET」**平台上",
            "**真，**她 **真）**她 真**（她** **真…**她 **真—**她 **真-**她",
            "패키지를 발행하려면 **`npm publish`**를 실행하십시오.",
            "**스크립트(script)**라고",
            "これは**私のやりたかったこと。**だからするの。",
            "葛\u{E0100}**(正式表記)**城市",
            "〽\u{FE0E}**(庵点)**は",
            "~~甲~~：~~乙~~",
            "注意：__注意事项__",
        ];
        for src in cases {
            let rendered = render_in("zh", src);
            assert!(!rendered.html.contains("**"), "{src} => {}", rendered.html);
            assert!(!rendered.html.contains("~~"), "{src} => {}", rendered.html);
            assert!(!rendered.html.contains("__"), "{src} => {}", rendered.html);
            assert!(rendered.problems.is_empty(), "{src} => {:?}", rendered.problems);
        }
    }

    #[test]
    fn bold_around_code_and_links_in_cjk() {
        assert_eq!(html_zh("运行**`cargo build`**即可"), "<p>运行<strong><code>cargo build</code></strong>即可</p>\n");
        assert_eq!(html_zh("见**[三十条](p.md)**。"), "<p>见<strong><a href=\"p.md\">三十条</a></strong>。</p>\n");
    }

    #[test]
    fn unclosed_bold_in_chinese_warns_with_its_line() {
        let rendered = render_in("zh", "第一段。\n\n第二段\n中文**未闭合");
        assert_eq!(warnings(&rendered), vec![(4, UNMATCHED_BOLD)]);
        assert!(rendered.html.contains("中文**未闭合"));
    }

    #[test]
    fn unclosed_bold_after_a_repaired_one_warns() {
        let rendered = render_in("zh", "前言\n\n**注意：**正文，还有**未闭合");
        assert!(rendered.html.contains("<strong>注意：</strong>正文，还有**未闭合"));
        assert_eq!(warnings(&rendered), vec![(3, UNMATCHED_BOLD)]);
    }

    #[test]
    fn space_inside_bold_warns() {
        let rendered = render_in("zh", "这是** 加粗**文字");
        assert_eq!(warnings(&rendered), vec![(1, UNMATCHED_BOLD), (1, UNMATCHED_BOLD)]);
    }

    #[test]
    fn literal_asterisks_that_are_not_bold_attempts_do_not_warn() {
        assert!(render_in("zh", "计算 2 ** 3 等于八").problems.is_empty());
        assert!(render_in("en", "English a**b stays").problems.is_empty());
        assert!(render_in("zh", "带*号为必填项").problems.is_empty());
    }

    // --- line breaks and punctuation -------------------------------------------------------

    #[test]
    fn soft_break_between_chinese_lines_is_dropped() {
        let rendered = render_in("zh", "第一行中文\n第二行中文");
        assert_eq!(rendered.html, "<p>第一行中文第二行中文</p>\n");
        assert_eq!(rendered.text, "第一行中文第二行中文");
        assert_eq!(html_zh("句子结束。\n“引号”开始"), "<p>句子结束。“引号”开始</p>\n");
        assert_eq!(html_zh("**加粗中文**\n下一行"), "<p><strong>加粗中文</strong>下一行</p>\n");
    }

    #[test]
    fn other_soft_breaks_stay() {
        assert_eq!(html_zh("line one\nline two"), "<p>line one\nline two</p>\n");
        assert_eq!(html_zh("中文\nEnglish"), "<p>中文\nEnglish</p>\n");
        assert_eq!(render_in("en", "line one\nline two").text, "line one line two");
    }

    #[test]
    fn smart_punctuation_only_for_latin_and_cyrillic_languages() {
        let zh = "他说\"你好\"然后离开。";
        for lang in ["zh", "zh-Hans", "ja", "ko", "ar", ""] {
            let html = render_in(lang, zh).html;
            assert_eq!(html, "<p>他说\"你好\"然后离开。</p>\n", "{lang}");
        }
        for lang in ["en", "en-GB", "ru", "fr"] {
            let html = render_in(lang, "He said \"hi\" -- twice...").html;
            assert_eq!(html, "<p>He said “hi” – twice…</p>\n", "{lang}");
        }
    }

    // --- extensions ------------------------------------------------------------------------

    #[test]
    fn tables_tasklists_alerts_and_strikethrough_are_on() {
        let html = html_zh("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] 完成\n- [ ] 未完\n\n> [!NOTE]\n> 提示\n\n~~旧~~");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("type=\"checkbox\" checked=\"\""), "{html}");
        assert!(html.contains("markdown-alert-note"), "{html}");
        assert!(html.contains("<del>旧</del>"), "{html}");
    }

    #[test]
    fn footnote_ids_get_the_prefix() {
        let opts = Options { lang: "zh", id_prefix: "news-3-", html: &Sanitizer::default() };
        let html = render("正文[^1]。\n\n[^1]: 注释。", &opts, &mut |d, _| Ok(d.into())).html;
        assert!(html.contains("href=\"#news-3-1\""), "{html}");
        assert!(html.contains("id=\"news-3-1\""), "{html}");
        let plain = html_zh("正文[^1]。\n\n[^1]: 注释。");
        assert!(plain.contains("href=\"#1\"") && plain.contains("id=\"1\""), "{plain}");
    }

    // --- headings --------------------------------------------------------------------------

    const HEADINGS: &str = "# 项目概况\n\n## 概况 {#overview}\n\n## Investment Guide 2026\n\n\
        ## 投资 **指南**\n\n## Investment Guide 2026\n\n### Sec 1\n\nText\n---\n";

    #[test]
    fn heading_ids_slug_explicit_numbered_and_unique() {
        let rendered = render_in("zh", HEADINGS);
        let ids: Vec<&str> = rendered.toc.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            ["sec-1", "overview", "investment-guide-2026", "sec-4", "investment-guide-2026-2", "sec-1-2", "text"]
        );
        assert!(rendered.html.contains("<h2 id=\"sec-4\">投资 <strong>指南</strong></h2>"));
        assert!(rendered.html.contains("<h1 id=\"sec-1\">项目概况</h1>"));
    }

    #[test]
    fn heading_ids_follow_the_page_slug_rules() {
        // One slugify for pages and headings: apostrophes dropped, accented and full-width
        // letters folded, so an anchor reads like the page address it belongs to.
        let rendered = render_in(
            "en",
            "## China's Café

## ＥＶ Ｐａｒｋ
",
        );
        let ids: Vec<&str> = rendered.toc.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["chinas-cafe", "ev-park"]);
        assert_eq!(ids[0], crate::text::slug::slugify("China's Café"));
    }

    #[test]
    fn toc_has_levels_and_plain_text() {
        let toc = render_in("zh", HEADINGS).toc;
        assert_eq!(toc[3], Heading { level: 2, id: "sec-4".into(), text: "投资 指南".into() });
        assert_eq!(toc[5].level, 3);
        assert_eq!(toc[6], Heading { level: 2, id: "text".into(), text: "Text".into() });
    }

    #[test]
    fn heading_ids_agrees_with_render() {
        let docs = [
            HEADINGS,
            "## **注意：**标题\n\n## Don't \"quote\" -- me...\n\n## Don't \"quote\" -- me...",
            "# A\n# a\n# A-2\n# 中\n文\n",
            "",
        ];
        for src in docs {
            for lang in ["zh", "en"] {
                let from_render: Vec<String> = render_in(lang, src).toc.into_iter().map(|h| h.id).collect();
                assert_eq!(heading_ids(src), from_render, "{src:?} {lang}");
            }
        }
    }

    #[test]
    fn duplicate_explicit_heading_id_warns() {
        let rendered = render_in("zh", "## 甲 {#a}\n\n## 乙 {#a}\n");
        assert_eq!(rendered.problems.len(), 1);
        assert_eq!(rendered.problems[0].line, 3);
        assert!(!rendered.problems[0].is_error);
    }

    // --- links -----------------------------------------------------------------------------

    #[test]
    fn relative_destinations_go_to_resolve_absolute_ones_do_not() {
        let src = "[三十条](../policies/baiyin-30.md#clause-3) [根](/policies/baiyin-30.md)\n\n\
            ![现场](site.jpg) [原件](attachments/original.pdf)\n\n\
            [站](https://example.cn) [信](mailto:a@b.cn) [电](tel:+86-943) [协议](//cdn.cn/x.js)\n\
            [锚](#overview) <https://auto.cn> <a@b.cn>";
        let mut seen = Vec::new();
        let opts = Options { lang: "zh", id_prefix: "", html: &Sanitizer::default() };
        let rendered = render(src, &opts, &mut |dest, kind| {
            seen.push((dest.to_string(), kind));
            Ok(format!("/out/{}", seen.len()))
        });
        let expected = [
            ("../policies/baiyin-30.md#clause-3", LinkKind::Link),
            ("/policies/baiyin-30.md", LinkKind::Link),
            ("site.jpg", LinkKind::Image),
            ("attachments/original.pdf", LinkKind::Link),
        ];
        let expected: Vec<(String, LinkKind)> = expected.iter().map(|(d, k)| (d.to_string(), *k)).collect();
        assert_eq!(seen, expected);
        let html = rendered.html;
        assert!(html.contains("<a href=\"/out/1\">三十条</a>"), "{html}");
        assert!(html.contains("<img src=\"/out/3\" alt=\"现场\">"), "{html}");
        assert!(html.contains("href=\"https://example.cn\""), "{html}");
        assert!(html.contains("href=\"#overview\""), "{html}");
        assert!(html.contains("href=\"mailto:a@b.cn\""), "{html}");
    }

    #[test]
    fn image_alt_and_title_are_kept() {
        let opts = Options { lang: "zh", id_prefix: "", html: &Sanitizer::default() };
        let html = render("![产业园 *航拍*](site.jpg \"白银产业园\")", &opts, &mut |_, _| {
            Ok("/img/site.webp".into())
        })
        .html;
        assert_eq!(html, "<p><img src=\"/img/site.webp\" alt=\"产业园 航拍\" title=\"白银产业园\"></p>\n");
    }

    #[test]
    fn failed_link_is_an_error_at_its_line_and_left_unchanged() {
        let src = "第一行\n\n见[政策](missing.md)。\n\n[ref]: gone.md\n\n后文[引用][ref]";
        let opts = Options { lang: "zh", id_prefix: "", html: &Sanitizer::default() };
        let rendered = render(src, &opts, &mut |dest, _| Err(format!("no page {dest}")));
        let errors: Vec<(usize, &str)> =
            rendered.problems.iter().filter(|p| p.is_error).map(|p| (p.line, p.message.as_str())).collect();
        assert_eq!(errors, vec![(3, "no page missing.md"), (7, "no page gone.md")]);
        assert!(rendered.html.contains("<a href=\"missing.md\">政策</a>"));
    }

    #[test]
    fn problem_lines_count_crlf_lines() {
        let src = "第一行\r\n\r\n中文**未闭合\r\n\r\n[x](missing.md)\r\n";
        let opts = Options { lang: "zh", id_prefix: "", html: &Sanitizer::default() };
        let rendered = render(src, &opts, &mut |_, _| Err("missing".into()));
        let lines: Vec<(usize, bool)> = rendered.problems.iter().map(|p| (p.line, p.is_error)).collect();
        assert_eq!(lines, vec![(3, false), (5, true)]);
    }

    #[test]
    fn url_schemes() {
        for absolute in ["https://a.cn", "mailto:x@y.cn", "tel:123", "//cdn.cn/a", "#top", "data:x"] {
            assert!(is_absolute_url(absolute), "{absolute}");
        }
        for relative in ["a.md", "../a.md#b", "/a.md", "C:/x.md", "a.md?x=1:2", ""] {
            assert!(!is_absolute_url(relative), "{relative}");
        }
    }

    // --- raw HTML --------------------------------------------------------------------------

    #[test]
    fn raw_html_is_sanitised_and_each_removal_warns_at_its_line() {
        let rendered = render_in(
            "zh",
            "正文\n\n<div class=\"map\"\n  onclick=\"x()\">\n<SCRIPT src=\"x.js\"></script>\n</div>\n\n行内<script>x</script>\n\n\
             - 列表\n\n  <p style=\"color:red\">红</p>\n  <p style=\"color:blue\">蓝</p>",
        );
        let html = &rendered.html;
        assert!(html.contains("<div class=\"map\">"), "{html}");
        for removed in ["onclick", "script", "SCRIPT", "x.js", "style"] {
            assert!(!html.contains(removed), "{removed}: {html}");
        }
        assert_eq!(
            warnings(&rendered),
            vec![
                (4, "raw HTML: attribute onclick removed from <div> (event handlers run scripts)"),
                (5, "raw HTML: <script> removed (scripts belong in the theme) — 2 times in this file, first here"),
                (
                    12,
                    "raw HTML: attribute style removed from <p> (styles belong in the theme's CSS) — 2 times in this file, first here"
                ),
            ]
        );
        assert!(render_in("zh", "<div>安全</div>").problems.is_empty());
    }

    #[test]
    fn heading_attributes_outside_the_allow_list_are_removed() {
        let rendered = render_in("zh", "# 标题 {#top .lead onclick=alert(1) style=color:red}");
        assert_eq!(rendered.html, "<h1 id=\"top\" class=\"lead\">标题</h1>\n");
        let lines = warnings(&rendered);
        assert_eq!(lines[0], (1, "heading attribute onclick removed (event handlers run scripts)"));
        assert_eq!(lines[1], (1, "heading attribute style removed (styles belong in the theme's CSS)"));
        let aligned = render_in("zh", "## 居中 {align=center lang=en}");
        assert_eq!(aligned.html, "<h2 id=\"sec-1\" align=\"center\" lang=\"en\">居中</h2>\n");
        assert!(aligned.problems.is_empty(), "{:?}", aligned.problems);
    }

    #[test]
    fn refused_addresses_are_errors_and_never_written() {
        let src = "[a](javascript:alert(1))\n\n[b](javascript&colon;alert(2))\n\n<javascript:alert(3)>\n\n\
            ![c](data:text/html,x)\n\n[d][ref]\n\n[e](java%0Ascript:alert(4))\n\n<a href=\"&#106;avascript:alert(5)\">f</a>\n\n\
            [ref]: vbscript:msgbox(6)";
        let rendered = render_in("zh", src);
        let errors: Vec<(usize, bool)> = rendered.problems.iter().map(|p| (p.line, p.is_error)).collect();
        assert_eq!(errors, [1, 3, 5, 7, 9, 11, 13].map(|l| (l, true)), "{:?}", rendered.problems);
        assert!(rendered.problems[0].message.starts_with("link address \"javascript:alert(1)\": `javascript:`"));
        assert!(rendered.problems[1].message.starts_with("link address \"javascript:alert(2)\""));
        assert!(rendered.problems[3].message.starts_with("image address \"data:text/html,x\""));
        assert!(
            rendered.problems[6].message.starts_with("raw HTML <a href=\"&#106;avascript:alert(5)\">: the address")
        );
        // The autolink's text stays as text; no address is written.
        for leaked in ["href=\"j", "src=\"d", "alert(1)", "alert(2)", "alert(4)", "alert(5)", "msgbox"] {
            assert!(!rendered.html.contains(leaked), "{leaked}: {}", rendered.html);
        }
    }

    #[test]
    fn nesting_deeper_than_browsers_allow_is_an_error_at_its_line() {
        let rendered = render_in("zh", &format!("正文\n\n{}", "<div>\n".repeat(600)));
        let errors: Vec<(usize, &str)> =
            rendered.problems.iter().filter(|p| p.is_error).map(|p| (p.line, p.message.as_str())).collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].0, 3 + 512, "{errors:?}");
        assert!(errors[0].1.contains("nested more than 512 levels"), "{errors:?}");
        assert!(!rendered.html.contains("<div>"), "refused, not cleaned: {}", &rendered.html[..80]);
        let quotes = render_in("zh", &format!("第一行\n\n{}引用", "> ".repeat(600)));
        assert_eq!(quotes.problems.iter().filter(|p| p.is_error).map(|p| p.line).collect::<Vec<_>>(), [3]);
        let fine = render_in("zh", &"<div><span>深</span></div>\n".repeat(5000));
        assert!(fine.problems.iter().all(|p| !p.is_error));
    }

    #[test]
    fn trusted_html_is_written_as_it_is() {
        let trusted = Sanitizer::new(crate::url_policy::UrlPolicy::default(), Vec::new(), true);
        let opts = Options { lang: "zh", id_prefix: "", html: &trusted };
        let rendered = render("<div onclick=\"x()\"><script>y()</script></div>", &opts, &mut |d, _| Ok(d.into()));
        assert_eq!(rendered.html, "<div onclick=\"x()\"><script>y()</script></div>");
        assert!(rendered.problems.is_empty());
        let link = render("[a](javascript:x)", &opts, &mut |d, _| Ok(d.into()));
        assert!(link.problems[0].is_error, "Markdown addresses are checked even for trusted HTML");
    }

    // --- plain text ------------------------------------------------------------------------

    #[test]
    fn plain_text_has_blocks_as_lines_and_no_markup() {
        let src = "# 标题\n\n第一段**加粗**和[链接](a.md)。\n\n<div>raw</div>\n\n\
            ![图片说明](a.jpg)\n\n- 一\n- 二\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n`code` & <b>x</b>";
        assert_eq!(render_in("zh", src).text, "标题\n第一段加粗和链接。\n一\n二\na b\n1 2\ncode & x");
    }

    // --- summaries and counts --------------------------------------------------------------

    #[test]
    fn summary_of_chinese_cuts_after_a_sentence() {
        let text = "白银市位于甘肃中部。交通便利，资源丰富，产业基础雄厚，欢迎投资。";
        assert_eq!(summarize(text, 20), "白银市位于甘肃中部。…");
    }

    #[test]
    fn summary_of_chinese_without_punctuation_cuts_at_a_character() {
        let text = "一二三四五六七八九十一二三四五六七八九十";
        let summary = summarize(text, 8);
        assert_eq!(summary, "一二三四五六七…");
        assert_eq!(summary.chars().count(), 8);
    }

    #[test]
    fn summary_of_english_cuts_at_a_space() {
        let text = "Baiyin is an industrial city in central Gansu with good rail links.";
        let summary = summarize(text, 30);
        assert_eq!(summary, "Baiyin is an industrial city…");
        assert!(summary.chars().count() <= 30);
    }

    #[test]
    fn short_text_is_not_cut() {
        assert_eq!(summarize("短文本。", 10), "短文本。");
        assert_eq!(summarize("Short text.", 11), "Short text.");
        assert_eq!(summarize("第一段。\n第二段", 20), "第一段。第二段");
        assert_eq!(summarize("line\none", 20), "line one");
    }

    #[test]
    fn tiny_summary_budgets() {
        assert_eq!(summarize("anything", 0), "");
        assert_eq!(summarize("anything", 1), "…");
        assert_eq!(summarize("", 5), "");
    }

    #[test]
    fn reading_time_for_chinese_english_and_mixed() {
        let chinese = "投".repeat(600);
        let english = "word ".repeat(400);
        assert_eq!(reading_minutes(&chinese), 2);
        assert_eq!(reading_minutes(&english), 2);
        let mixed = format!("{} {}", "投".repeat(300), "word ".repeat(200));
        assert_eq!(reading_minutes(&mixed), 2);
        let more = format!("{} {}", "投".repeat(600), "word ".repeat(400));
        assert_eq!(reading_minutes(&more), 4);
        assert_eq!(reading_minutes(""), 1);
    }

    #[test]
    fn word_count_adds_cjk_characters_and_words() {
        assert_eq!(word_count("总投资50亿元，don't stop well-known rail。"), 5 + 5);
        assert_eq!(word_count("“”。，！"), 0);
        assert_eq!(word_count("ひらがな 한국어"), 7);
    }

    // --- robustness ------------------------------------------------------------------------

    fn check_invariants(src: &str) {
        for lang in ["zh", "en"] {
            let opts = Options { lang, id_prefix: "p-", html: &Sanitizer::default() };
            let rendered = render(src, &opts, &mut |d, _| {
                if d.len() % 2 == 0 { Ok(d.to_string()) } else { Err("odd".into()) }
            });
            let ids: Vec<String> = rendered.toc.iter().map(|h| h.id.clone()).collect();
            assert_eq!(heading_ids(src), ids, "{src:?}");
            let line_count = src.split('\n').count();
            for problem in &rendered.problems {
                assert!((1..=line_count).contains(&problem.line), "{problem:?} in {src:?}");
            }
            let summary = summarize(&rendered.text, 17);
            assert!(summary.chars().count() <= 17);
            let _ = (reading_minutes(&rendered.text), word_count(&rendered.text));
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let nested_list: String = (0..200).map(|i| format!("{}- 项\n", "  ".repeat(i))).collect();
        let nested_quote = format!("{}**注意：**正文", ">".repeat(300));
        let many_runs = "**注意：**正文".repeat(700);
        let cases = [
            "",
            "*",
            "**",
            "***",
            "****",
            "_",
            "~",
            "~~",
            "~~~",
            "\\",
            "\\*",
            "**注意：",
            "**：**",
            "*a**b***c****",
            "***注意：***正文",
            "**`代码`**中文",
            "[**](**)",
            "![**注意：**](**)**",
            "a\r\nb\r\n\r\n**注意：**\r\n正文",
            "\r",
            "\n\n\n",
            "# \n#",
            "#{#}",
            "## {#}",
            "| **a：**b |\n|---|\n| ~~c（~~d |",
            "[^1]\n\n[^1]: **注意：**",
            "\u{FEFF}**注意：**正文",
            "\u{3000}**\u{3000}**\u{3000}",
            "**\u{FE0F}**",
            "*\u{1F600}*中",
            "<script",
            "~~~\n**\n",
            &nested_list,
            &nested_quote,
            &many_runs,
        ];
        for src in cases {
            check_invariants(src);
        }
    }

    #[test]
    fn long_paragraphs_are_repaired_quickly() {
        let bold = "**注意：**正文".repeat(5000);
        let unclosed = "*注意：".repeat(20000) + &"_（甲）".repeat(20000);
        let started = std::time::Instant::now();
        let rendered = render_in("zh", &bold);
        let _ = render_in("zh", &unclosed);
        assert_eq!(rendered.html.matches("<strong>注意：</strong>正文").count(), 5000);
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }

    /// Cases where a straightforward delimiter algorithm differs from pulldown-cmark's, found
    /// by `forced_repairing_of_ascii_reproduces_pulldown_cmark`.
    #[test]
    fn forced_repairing_mirrors_pulldown_cmark_quirks() {
        let cases = ["~:~~]~,", "~\\~~a", "\\~~_~", ">a,~&\n>~&", "__*__.", "***a***", "**a *b***", "*a**b***c****"];
        for src in cases {
            let events = parse(src, parser_options("en"));
            let lines = LineIndex::new(src);
            let repaired = repair_emphasis(src, events, Repair::Always, &lines, &mut Vec::new());
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, repaired.into_iter().map(|(e, _)| e));
            assert_eq!(html, plain_pulldown_html(src, "en"), "{src:?}");
        }
    }

    #[test]
    fn repair_leaves_ascii_paragraphs_untouched() {
        let src = "**a *b** c* _d_ ~~e~~ ***f** g* [*h*](i) `*j*`";
        let events = parse(src, parser_options("en"));
        let lines = LineIndex::new(src);
        let repaired = repair_cjk_emphasis(src, events.clone(), &lines, &mut Vec::new());
        assert_eq!(repaired, events);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn markdownish() -> impl Strategy<Value = String> {
            let pieces = prop::sample::select(vec![
                "*",
                "**",
                "_",
                "__",
                "~",
                "~~",
                "`",
                "\\",
                "[",
                "]",
                "(",
                ")",
                "!",
                "#",
                "# ",
                ">",
                "- ",
                "1. ",
                "|",
                "---",
                "\n",
                "\r\n",
                "\n\n",
                " ",
                "  ",
                "中",
                "文",
                "。",
                "：",
                "（",
                "）",
                "“",
                "”",
                "a",
                "B",
                "1",
                ".",
                ",",
                "\"",
                "'",
                "{#x}",
                "[^1]",
                "[^1]: ",
                "<b>",
                "</b>",
                "<script>",
                "](a.md)",
                "](https://x.cn)",
                "![",
                "\t",
                "ä",
                "\u{1F600}",
                "\u{FE0F}",
            ]);
            prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
        }

        /// Block structure around the delimiters: tables, lists, quotes, links, code.
        fn ascii_markdownish() -> impl Strategy<Value = String> {
            let pieces = prop::sample::select(vec![
                "*",
                "**",
                "***",
                "_",
                "__",
                "~",
                "~~",
                "`",
                "\\",
                "[",
                "](x.md)",
                "![",
                "\n",
                "\n\n",
                " ",
                "a",
                "b",
                ".",
                "!",
                "?",
                ",",
                "\"",
                "'",
                "(",
                ")",
                "|",
                "| a | b |\n|---|---|\n",
                "- ",
                "\n- ",
                "\n  - ",
                "1. ",
                "> ",
                "\n> ",
                "# ",
                "\n## ",
                "<b>",
                "</b>",
                "&amp;",
                "    ",
                "\n```\n",
                "[^n]",
                "\n[^n]: ",
                "  \n",
            ]);
            prop::collection::vec(pieces, 0..50).prop_map(|v| v.concat())
        }

        proptest! {
            #[test]
            fn render_never_panics_and_ids_agree(src in markdownish()) {
                check_invariants(&src);
            }

            #[test]
            fn arbitrary_unicode_never_panics(src in "\\PC{0,80}") {
                check_invariants(&src);
            }

            #[test]
            fn ascii_paragraphs_are_never_repaired(src in "[*_~a-c .,!:()\\[\\]\n`\\\\]{0,60}") {
                let events = parse(&src, parser_options("en"));
                let lines = LineIndex::new(&src);
                let repaired = repair_cjk_emphasis(&src, events.clone(), &lines, &mut Vec::new());
                prop_assert_eq!(repaired, events);
            }

            #[test]
            fn forced_repairing_of_ascii_reproduces_pulldown_cmark(
                src in prop_oneof![
                    "[*_~a-c .,!:()\\[\\]\n`\\\\|#>'\"<&{}0-9-]{0,80}",
                    ascii_markdownish(),
                ]
            ) {
                let events = parse(&src, parser_options("en"));
                let lines = LineIndex::new(&src);
                let repaired = repair_emphasis(&src, events, Repair::Always, &lines, &mut Vec::new());
                let mut html = String::new();
                pulldown_cmark::html::push_html(&mut html, repaired.into_iter().map(|(e, _)| e));
                prop_assert_eq!(html, plain_pulldown_html(&src, "en"));
            }

            #[test]
            fn summaries_respect_the_limit(text in "\\PC{0,200}", max in 0usize..60) {
                prop_assert!(summarize(&text, max).chars().count() <= max);
            }
        }
    }
}
