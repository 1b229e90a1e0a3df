//! CJK-friendly emphasis repair.
//!
//! pulldown-cmark has already paired emphasis with CommonMark's rules. Within each run of inline
//! events (one paragraph, heading or table cell) we turn its emphasis back into delimiter runs;
//! if any run flanks differently under the CJK-friendly rules, the whole run of inlines is
//! re-paired with pulldown-cmark's own algorithm and the amended flanking. Paragraphs where no run
//! changes are left exactly as parsed, so Latin text keeps CommonMark's behaviour.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::classes::is_punctuation;
use super::parsing::{LineIndex, Spanned, is_inline_end, warning};
use super::types::{Problem, UNMATCHED_BOLD};
use crate::text::cjk::is_cjk;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    Emphasis,
    Strong,
    Strike,
}

impl Mark {
    pub(super) fn start(self) -> Tag<'static> {
        match self {
            Mark::Emphasis => Tag::Emphasis,
            Mark::Strong => Tag::Strong,
            Mark::Strike => Tag::Strikethrough,
        }
    }

    pub(super) fn end(self) -> TagEnd {
        match self {
            Mark::Emphasis => TagEnd::Emphasis,
            Mark::Strong => TagEnd::Strong,
            Mark::Strike => TagEnd::Strikethrough,
        }
    }

    pub(super) fn of_start(tag: &Tag) -> Option<Mark> {
        match tag {
            Tag::Emphasis => Some(Mark::Emphasis),
            Tag::Strong => Some(Mark::Strong),
            Tag::Strikethrough => Some(Mark::Strike),
            _ => None,
        }
    }

    pub(super) fn of_end(tag: &TagEnd) -> Option<Mark> {
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
pub(super) struct Run {
    pub(super) ch: u8,
    pub(super) start: usize,
    pub(super) len: usize,
    /// Characters written as literal text.
    pub(super) literal: usize,
    /// First thing in its line's content: what precedes it (`>`, `- `) is not text.
    pub(super) at_line_start: bool,
    pub(super) can_open: bool,
    pub(super) can_close: bool,
    /// What plain CommonMark allows, to tell whether the CJK rules change anything.
    pub(super) std_open: bool,
    pub(super) std_close: bool,
    /// Marks this run closes, innermost first, with the characters each uses.
    pub(super) closes: Vec<(Mark, usize)>,
    /// Marks this run opens, innermost first.
    pub(super) opens: Vec<(Mark, usize)>,
}

impl Run {
    pub(super) fn flanking_changed(&self) -> bool {
        (self.can_open, self.can_close) != (self.std_open, self.std_close)
    }
}

pub(super) enum Token {
    Event(usize),
    Run(usize),
}

/// Where a run of inline events sits, which decides how (and whether) it is repaired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum InlineContext {
    Prose,
    TableCell,
    /// Code and HTML blocks: their text events are verbatim content.
    Verbatim,
}

pub(super) fn repair_cjk_emphasis<'a>(
    src: &'a str,
    events: Vec<Spanned<'a>>,
    lines: &LineIndex,
    problems: &mut Vec<Problem>,
) -> Vec<Spanned<'a>> {
    repair_emphasis(src, events, Repair::WhereCjkRulesDiffer, lines, problems)
}

/// `Always` exists for tests: re-pairing ASCII text must reproduce pulldown-cmark exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Repair {
    WhereCjkRulesDiffer,
    #[cfg(test)]
    Always,
}

pub(super) fn repair_emphasis<'a>(
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

pub(super) fn is_inline(event: &Event) -> bool {
    match event {
        Event::Start(tag) => is_inline_tag(tag),
        Event::End(tag) => is_inline_end(tag),
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

pub(super) fn is_inline_tag(tag: &Tag) -> bool {
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

pub(super) fn block_context(tag: &Tag) -> InlineContext {
    match tag {
        Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => InlineContext::Verbatim,
        Tag::TableCell => InlineContext::TableCell,
        _ => InlineContext::Prose,
    }
}

pub(super) fn flush_inlines<'a>(
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

pub(super) fn repair_segment<'a>(
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
pub(super) fn tokenize(src: &str, segment: &[Spanned]) -> Option<(Vec<Token>, Vec<Run>)> {
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
pub(super) struct Piece {
    pub(super) ch: u8,
    pub(super) start: usize,
    pub(super) len: usize,
    pub(super) literal: bool,
}

pub(super) fn add_piece(tokens: &mut Vec<Token>, runs: &mut Vec<Run>, piece: Piece, at_line_start: bool) {
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

pub(super) fn is_delimiter(ch: u8) -> bool {
    matches!(ch, b'*' | b'_' | b'~')
}

pub(super) fn is_run_of(src: &str, range: Range<usize>, ch: u8) -> bool {
    is_delimiter(ch) && src.get(range).is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b == ch))
}

/// A Start(Emphasis/Strong/Strikethrough) covers its delimiters up to where its content begins.
pub(super) fn opening_piece(src: &str, segment: &[Spanned], i: usize, mark: Mark) -> Option<Piece> {
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

pub(super) fn closing_piece(src: &str, segment: &[Spanned], i: usize, mark: Mark) -> Option<Piece> {
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
pub(super) enum Direction {
    Forward,
    Backward,
}

pub(super) fn default_width(src: &str, mark: Mark, at: usize, ch: u8, direction: Direction) -> usize {
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
pub(super) fn literal_piece(src: &str, text: &str, range: &Range<usize>) -> Option<Piece> {
    let ch = *text.as_bytes().first()?;
    let from_source = src.get(range.clone()) == Some(text);
    if !from_source || !is_run_of(src, range.clone(), ch) || is_escaped(src, range.start) {
        return None;
    }
    Some(Piece { ch, start: range.start, len: text.len(), literal: true })
}

/// An odd number of backslashes before a character escapes it.
pub(super) fn is_escaped(src: &str, at: usize) -> bool {
    let before = src.as_bytes().get(..at).unwrap_or(&[]);
    before.iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// How the character beside a delimiter run takes part in the flanking rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Space,
    Punct,
    CjkPunct,
    Cjk,
    Other,
}

impl Side {
    pub(super) fn of(c: Option<char>, in_table: bool) -> Side {
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

    pub(super) fn is_punct(self) -> bool {
        matches!(self, Side::Punct | Side::CjkPunct)
    }
}

pub(super) struct Flanking {
    pub(super) left: bool,
    pub(super) right: bool,
}

/// CommonMark 0.31 flanking.
pub(super) fn standard_flanking(prev: Side, next: Side) -> Flanking {
    Flanking {
        left: next != Side::Space && (!next.is_punct() || prev == Side::Space || prev.is_punct()),
        right: prev != Side::Space && (!prev.is_punct() || next == Side::Space || next.is_punct()),
    }
}

/// The CJK-friendly amendment: CJK punctuation no longer counts as punctuation on the inner
/// side, and a CJK character on the outer side is as good as a space.
pub(super) fn cjk_friendly_flanking(prev: Side, next: Side) -> Flanking {
    Flanking {
        left: next != Side::Space && (next != Side::Punct || prev != Side::Other),
        right: prev != Side::Space && (prev != Side::Punct || next != Side::Other),
    }
}

/// Who may open and close, per delimiter character, as pulldown-cmark decides it.
pub(super) fn open_close(run: &Run, f: &Flanking, prev: Side, next: Side, after_tilde: bool) -> (bool, bool) {
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

pub(super) fn set_flanking(src: &str, run: &mut Run, in_table: bool) {
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
pub(super) fn side_before_with_selectors(before: &str, in_table: bool) -> Side {
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
pub(super) struct Opener {
    pub(super) run: usize,
    pub(super) count: usize,
    pub(super) run_len: usize,
    pub(super) ch: u8,
    pub(super) both: bool,
}

/// Pairs runs like pulldown-cmark's `handle_emphasis`, one stack per link or image text since
/// emphasis cannot cross their brackets.
pub(super) fn pair_runs(segment: &[Spanned], tokens: &[Token], runs: &mut [Run]) {
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

pub(super) fn pair_run(stack: &mut DelimiterStack, runs: &mut [Run], r: usize) {
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
pub(super) struct DelimiterStack {
    pub(super) openers: Vec<Opener>,
    pub(super) lower_bounds: [usize; 9],
}

impl DelimiterStack {
    pub(super) const UNDERSCORE_NOT_BOTH: usize = 0;
    pub(super) const ASTERISK_NOT_BOTH: usize = 1;
    pub(super) const ASTERISK_BASE: usize = 2;
    pub(super) const TILDES: usize = 5;
    pub(super) const UNDERSCORE_BASE: usize = 6;

    pub(super) fn bound_slots(ch: u8, run_len: usize, both: bool) -> (usize, Option<usize>) {
        let not_both = |slot| if both { None } else { Some(slot) };
        match ch {
            b'_' => (Self::UNDERSCORE_BASE + run_len % 3, not_both(Self::UNDERSCORE_NOT_BOTH)),
            b'*' => (Self::ASTERISK_BASE + run_len % 3, not_both(Self::ASTERISK_NOT_BOTH)),
            _ => (Self::TILDES, None),
        }
    }

    pub(super) fn lower_bound(&self, ch: u8, run_len: usize, both: bool) -> usize {
        let (slot, other) = Self::bound_slots(ch, run_len, both);
        let bound = self.lower_bounds[slot];
        other.map_or(bound, |other| bound.min(self.lower_bounds[other]))
    }

    pub(super) fn set_lower_bound(&mut self, ch: u8, run_len: usize, both: bool) {
        let (slot, other) = Self::bound_slots(ch, run_len, both);
        self.lower_bounds[slot] = self.openers.len();
        if let Some(other) = other {
            self.lower_bounds[other] = self.openers.len();
        }
    }

    pub(super) fn push(&mut self, opener: Opener) {
        if opener.ch == b'~' {
            let bound = &mut self.lower_bounds[Self::TILDES];
            *bound = (*bound).min(self.openers.len());
        }
        self.openers.push(opener);
    }

    /// The nearest opener that may pair with this closer; openers above it become literal.
    pub(super) fn pop_match(&mut self, ch: u8, run_len: usize, both: bool) -> Option<Opener> {
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
pub(super) fn add_marks(runs: &mut [Run], opener: usize, closer: usize, ch: u8, count: usize) {
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

pub(super) fn emit_segment<'a>(
    src: &'a str,
    segment: Vec<Spanned<'a>>,
    tokens: &[Token],
    runs: &[Run],
) -> Vec<Spanned<'a>> {
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
pub(super) fn emit_run<'a>(src: &'a str, run: &Run, out: &mut Vec<Spanned<'a>>) {
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
pub(super) fn warn_unmatched_bold(src: &str, runs: &[Run], lines: &LineIndex, problems: &mut Vec<Problem>) {
    for run in runs {
        let attempted = run.can_open || run.can_close;
        if run.ch == b'*' && run.literal >= 2 && attempted && near_cjk(src, run) {
            problems.push(warning(lines.line_of(run.start), UNMATCHED_BOLD));
        }
    }
}

/// Whether the line around a run has CJK text.
pub(super) fn near_cjk(src: &str, run: &Run) -> bool {
    let line_start = src.get(..run.start).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1);
    let line_end = src.get(run.start..).and_then(|s| s.find('\n')).map_or(src.len(), |i| run.start + i);
    src.get(line_start..line_end).is_some_and(|line| line.chars().any(is_cjk))
}
