//! What content may put into a page.
//!
//! Authors' raw HTML (and the HTML our Markdown renderer makes of their text) goes through one
//! allow-list ([`Sanitizer::clean`], built on ammonia): the structure and tables staff paste,
//! no scripts, event handlers, `style` attributes, forms or plug-ins, and `<iframe>` players
//! only from the hosts in `markdown.embed_hosts`. Every address attribute passes the site's
//! [`UrlPolicy`]. [`Scanner`] reads the same raw HTML and names each thing the allow-list drops,
//! so the author learns what changed and where. `markdown: {trusted_html: true}` turns both
//! off (the site owner's risk).
//!
//! [`json_for_script`] writes data that is safe inside a `<script>` element.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::url_policy::UrlPolicy;

/// Attributes any allowed element may keep.
const GENERIC_ATTRS: &[&str] = &["id", "class", "title", "lang", "dir"];

const CELL_ATTRS: &[&str] = &["colspan", "rowspan", "align", "valign", "width", "headers", "scope", "abbr"];
const ROW_ATTRS: &[&str] = &["align", "valign"];

/// Elements content may use, with their own attributes (besides [`GENERIC_ATTRS`]).
const TAGS: &[(&str, &[&str])] = &[
    ("p", &["align"]),
    ("br", &[]),
    ("div", &["align"]),
    ("span", &[]),
    ("h1", &["align"]),
    ("h2", &["align"]),
    ("h3", &["align"]),
    ("h4", &["align"]),
    ("h5", &["align"]),
    ("h6", &["align"]),
    ("ul", &[]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("dl", &[]),
    ("dt", &[]),
    ("dd", &[]),
    ("table", &["align", "border", "cellpadding", "cellspacing", "width", "summary"]),
    ("thead", ROW_ATTRS),
    ("tbody", ROW_ATTRS),
    ("tfoot", ROW_ATTRS),
    ("tr", ROW_ATTRS),
    ("th", CELL_ATTRS),
    ("td", CELL_ATTRS),
    ("caption", &["align"]),
    ("colgroup", &["span", "align", "width"]),
    ("col", &["span", "align", "width"]),
    ("a", &["href"]),
    ("img", &["src", "alt", "width", "height", "align", "loading", "decoding"]),
    ("figure", &[]),
    ("figcaption", &[]),
    ("blockquote", &["cite"]),
    ("pre", &[]),
    ("code", &[]),
    ("em", &[]),
    ("strong", &[]),
    ("b", &[]),
    ("i", &[]),
    ("u", &[]),
    ("s", &[]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
    ("sub", &[]),
    ("sup", &[]),
    ("mark", &[]),
    ("small", &[]),
    ("abbr", &[]),
    ("cite", &[]),
    ("q", &["cite"]),
    ("kbd", &[]),
    ("hr", &[]),
    ("section", &[]),
    ("details", &["open"]),
    ("summary", &[]),
    ("ruby", &[]),
    ("rt", &[]),
    ("rp", &[]),
    ("wbr", &[]),
    // Task-list checkboxes; always made disabled checkboxes (see FORCED).
    ("input", &["type", "disabled", "checked"]),
    // Video players, only from `markdown.embed_hosts` (see `embed_src`).
    ("iframe", &["src", "width", "height", "allowfullscreen", "frameborder", "scrolling"]),
];

/// Attribute values we set whatever the author wrote: an `<input>` can only be a disabled
/// checkbox, and players run sandboxed.
const FORCED: &[(&str, &[(&str, &str)])] = &[
    ("input", &[("type", "checkbox"), ("disabled", "")]),
    (
        "iframe",
        &[
            ("sandbox", "allow-scripts allow-same-origin allow-presentation allow-popups"),
            ("allow", "fullscreen; picture-in-picture; encrypted-media"),
            ("referrerpolicy", "strict-origin-when-cross-origin"),
        ],
    ),
];

/// The only `style` our Markdown writes: the alignment of table columns.
const CELL_STYLES: &[&str] = &["text-align: left", "text-align: center", "text-align: right"];

/// Removed together with everything inside them (their content is code or a form, not text).
const DROP_WITH_CONTENT: &[&str] = &[
    "script", "style", "textarea", "select", "template", "title", "xmp", "noembed", "noframes", "noscript", "object",
    "applet",
];

/// Elements whose content a browser reads as text, up to their end tag.
const RAW_TEXT: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];

/// Deepest nesting of elements a page may have. Browsers stop nesting at 512 too, and the HTML
/// parser's cost grows with depth times length, so deeper input is refused, not cleaned.
pub const MAX_DEPTH: usize = 512;

/// Elements without content, and those whose end the parser finds by itself: they do not
/// deepen the page.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
    "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rt", "rp", "thead", "tbody", "tfoot",
    "colgroup", "caption",
];

/// Attributes that hold an address.
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "cite",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "xlink:href",
    "srcset",
    "ping",
    "longdesc",
    "codebase",
    "manifest",
    "lowsrc",
    "dynsrc",
];

/// How raw HTML and addresses in content are treated, for one build.
#[derive(Debug, Clone, Default)]
pub struct Sanitizer {
    policy: UrlPolicy,
    embed_hosts: Vec<String>,
    trusted: bool,
}

impl Sanitizer {
    /// `embed_hosts` are lowercase host names; `trusted` writes raw HTML as it is.
    pub fn new(policy: UrlPolicy, embed_hosts: Vec<String>, trusted: bool) -> Self {
        Sanitizer { policy, embed_hosts, trusted }
    }

    pub fn from_config(config: &crate::load::config::Config) -> Self {
        Sanitizer::new(config.url_policy.clone(), config.markdown.embed_hosts.clone(), config.markdown.trusted_html)
    }

    pub fn policy(&self) -> &UrlPolicy {
        &self.policy
    }

    pub fn is_trusted(&self) -> bool {
        self.trusted
    }

    /// The HTML with everything outside the allow-list removed.
    pub fn clean(&self, html: &str) -> String {
        if self.trusted {
            return html.to_string();
        }
        let cleaned = self.builder().clean(html).to_string();
        drop_empty_iframes(&cleaned)
    }

    /// A scanner for the raw HTML of one document.
    pub fn scanner(&self) -> Scanner<'_> {
        Scanner {
            sanitizer: self,
            raw_until: None,
            in_comment: false,
            findings: Vec::new(),
            open: Vec::new(),
            open_counts: HashMap::new(),
            too_deep: false,
        }
    }

    fn builder(&self) -> ammonia::Builder<'_> {
        let mut b = ammonia::Builder::empty();
        b.tags(TAGS.iter().map(|(t, _)| *t).collect())
            .clean_content_tags(DROP_WITH_CONTENT.iter().copied().collect())
            .generic_attributes(GENERIC_ATTRS.iter().copied().collect())
            .tag_attributes(TAGS.iter().map(|(t, attrs)| (*t, attrs.iter().copied().collect())).collect())
            .tag_attribute_values(cell_styles())
            .set_tag_attribute_values(FORCED.iter().map(|(t, values)| (*t, values.iter().copied().collect())).collect())
            .url_schemes(self.policy.schemes().iter().map(String::as_str).collect())
            .url_relative(ammonia::UrlRelative::PassThrough)
            // No `target` is allowed, so links cannot reach back into the page; `rel` would only
            // change every author's link for nothing.
            .link_rel(None)
            .strip_comments(true);
        let policy = self.policy.clone();
        let hosts = self.embed_hosts.clone();
        b.attribute_filter(move |tag, attr, value| filter_value(&policy, &hosts, tag, attr, value));
        b
    }
}

fn cell_styles() -> HashMap<&'static str, HashMap<&'static str, HashSet<&'static str>>> {
    let styles: HashSet<&str> = CELL_STYLES.iter().copied().collect();
    ["th", "td"].into_iter().map(|t| (t, HashMap::from([("style", styles.clone())]))).collect()
}

/// Address attributes pass the policy; a player's address also its host list.
fn filter_value<'u>(
    policy: &UrlPolicy,
    hosts: &[String],
    tag: &str,
    attr: &str,
    value: &'u str,
) -> Option<Cow<'u, str>> {
    if !URL_ATTRS.contains(&attr) {
        return Some(Cow::Borrowed(value));
    }
    policy.check(value).ok()?;
    if tag == "iframe" && attr == "src" {
        return embed_src(hosts, value).ok().map(Cow::Owned);
    }
    Some(Cow::Borrowed(value))
}

/// Why an `<iframe>` cannot be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
enum EmbedRefusal {
    NotHttps,
    Host(String),
}

/// The address a player is loaded from: https, from a listed host. `//host/…` (how several
/// video sites write their embed code) becomes `https://host/…`.
fn embed_src(hosts: &[String], src: &str) -> Result<String, EmbedRefusal> {
    let src = src.trim();
    let full = if src.starts_with("//") { format!("https:{src}") } else { src.to_string() };
    let url = ammonia::Url::parse(&full).map_err(|_| EmbedRefusal::NotHttps)?;
    if url.scheme() != "https" {
        return Err(EmbedRefusal::NotHttps);
    }
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    if hosts.contains(&host) { Ok(full) } else { Err(EmbedRefusal::Host(host)) }
}

/// ammonia cannot drop an element for the value of an attribute: a player from an unlisted
/// host comes out with its `src` removed, and is removed here. The input is ammonia's output,
/// where `<` in text and attribute values is always escaped, so `<iframe` starts an element.
fn drop_empty_iframes(html: &str) -> String {
    if !html.contains("<iframe") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = find_iframe(rest) {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let tag_end = after.find('>').map_or(after.len(), |e| e + 1);
        let close = after.find("</iframe>").map_or(after.len(), |c| c + "</iframe>".len());
        let element_end = close.max(tag_end);
        let start_tag = &after[..tag_end];
        if start_tag.contains(" src=\"") {
            // The content of an iframe is never shown; keep the element empty.
            out.push_str(start_tag);
            out.push_str("</iframe>");
        }
        rest = &after[element_end..];
    }
    out.push_str(rest);
    out
}

fn find_iframe(html: &str) -> Option<usize> {
    html.match_indices("<iframe").map(|(i, _)| i).find(|&i| matches!(html.as_bytes().get(i + 7), Some(b' ' | b'>')))
}

/// Something the allow-list removes or refuses, at a byte offset of the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub offset: usize,
    pub message: String,
    pub is_error: bool,
}

/// Reads raw HTML fragments in document order (an element such as `<script>` may open in one
/// fragment and close in a later one) and lists what [`Sanitizer::clean`] will remove.
pub struct Scanner<'s> {
    sanitizer: &'s Sanitizer,
    /// Inside a raw-text element: its name, whose end tag ends the text.
    raw_until: Option<String>,
    in_comment: bool,
    findings: Vec<Finding>,
    /// Elements opened by raw HTML and not closed yet, and how many of each name.
    open: Vec<String>,
    open_counts: HashMap<String, usize>,
    too_deep: bool,
}

/// One start tag: lowercase name, attributes (lowercase name, value as written, offset).
struct StartTag {
    name: String,
    offset: usize,
    attrs: Vec<(String, String, usize)>,
}

impl Scanner<'_> {
    /// Scans one fragment; returns its findings with offsets into `text`.
    pub fn feed(&mut self, text: &str) -> Vec<Finding> {
        self.feed_at_depth(text, 0)
    }

    /// [`Scanner::feed`] for a fragment inside `depth` elements of the Markdown around it.
    pub fn feed_at_depth(&mut self, text: &str, depth: usize) -> Vec<Finding> {
        if self.sanitizer.trusted {
            return Vec::new();
        }
        let mut i = 0;
        while i < text.len() {
            if let Some(name) = self.raw_until.clone() {
                match find_ignore_case(text, i, &format!("</{name}")) {
                    Some(end) => {
                        self.raw_until = None;
                        i = end;
                    }
                    None => break,
                }
            }
            if self.in_comment {
                match text[i..].find("-->") {
                    Some(end) => {
                        self.in_comment = false;
                        i += end + 3;
                    }
                    None => break,
                }
            }
            let Some(lt) = text[i..].find('<') else { break };
            i += lt;
            let rest = &text[i..];
            if rest.starts_with("<!--") {
                self.in_comment = true;
                i += 4;
            } else if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
                let (tag, end) = read_start_tag(text, i);
                self.check_tag(&tag);
                self.open_element(&tag, depth);
                if RAW_TEXT.contains(&tag.name.as_str()) {
                    self.raw_until = Some(tag.name);
                }
                i = end;
            } else if rest[1..].starts_with('/') {
                let name_len = rest[2..].find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/');
                self.close_element(&rest[2..2 + name_len.unwrap_or(rest.len() - 2)].to_ascii_lowercase());
                i += rest.find('>').map_or(rest.len(), |e| e + 1);
            } else if rest[1..].starts_with(['!', '?']) {
                i += rest.find('>').map_or(rest.len(), |e| e + 1);
            } else {
                i += 1;
            }
        }
        std::mem::take(&mut self.findings)
    }

    /// How deep raw HTML has nested elements so far.
    pub fn depth(&self) -> usize {
        self.open.len()
    }

    /// Whether the page nests deeper than [`MAX_DEPTH`] (reported once, as an error).
    pub fn is_too_deep(&self) -> bool {
        self.too_deep
    }

    /// The error for the first place where `depth` (the Markdown's elements around raw HTML
    /// plus those raw HTML left open) exceeds [`MAX_DEPTH`]; None after it or below it.
    pub fn check_depth(&mut self, depth: usize, offset: usize) -> Option<Finding> {
        if self.sanitizer.trusted || depth + self.open.len() <= MAX_DEPTH || self.too_deep {
            return None;
        }
        self.too_deep = true;
        let message = format!(
            "elements are nested more than {MAX_DEPTH} levels deep here; close the tags (or quotes and lists) left open"
        );
        Some(Finding { offset, message, is_error: true })
    }

    fn open_element(&mut self, tag: &StartTag, depth: usize) {
        if NOT_NESTING.contains(&tag.name.as_str()) || RAW_TEXT.contains(&tag.name.as_str()) {
            return;
        }
        *self.open_counts.entry(tag.name.clone()).or_default() += 1;
        self.open.push(tag.name.clone());
        if let Some(f) = self.check_depth(depth, tag.offset) {
            self.findings.push(f);
        }
    }

    /// An end tag closes the innermost open element of its name and all inside it; one with
    /// no open element of its name is ignored, as browsers do.
    fn close_element(&mut self, name: &str) {
        if self.open_counts.get(name).is_none_or(|n| *n == 0) {
            return;
        }
        while let Some(top) = self.open.pop() {
            if let Some(n) = self.open_counts.get_mut(&top) {
                *n -= 1;
            }
            if top == name {
                break;
            }
        }
    }

    /// Attributes written on a Markdown heading (`# Title {onclick=…}`).
    pub fn heading_attributes(&self, level: &str, attrs: &[(String, Option<String>)]) -> Vec<String> {
        if self.sanitizer.trusted {
            return Vec::new();
        }
        attrs
            .iter()
            .filter(|(name, value)| !attr_allowed(level, &name.to_ascii_lowercase(), value.as_deref().unwrap_or("")))
            .map(|(name, _)| format!("heading attribute {name} removed{}", attr_reason(name)))
            .collect()
    }

    fn warn(&mut self, offset: usize, message: String) {
        self.findings.push(Finding { offset, message: format!("raw HTML: {message}"), is_error: false });
    }

    fn check_tag(&mut self, tag: &StartTag) {
        self.check_addresses(tag);
        let name = tag.name.as_str();
        if !TAGS.iter().any(|(t, _)| *t == name) {
            self.warn(tag.offset, format!("<{name}> removed{}", tag_reason(name)));
            return;
        }
        if name == "iframe" && !self.check_embed(tag) {
            return;
        }
        if name == "input" {
            self.warn(tag.offset, "<input> shown as a disabled checkbox (forms are not allowed in content)".into());
        }
        for (attr, value, offset) in &tag.attrs {
            let forced = FORCED.iter().any(|(t, values)| *t == name && values.iter().any(|(a, _)| a == attr));
            if !forced && !attr_allowed(name, attr, value) && !self.refused_address(attr, value) {
                self.warn(*offset, format!("attribute {attr} removed from <{name}>{}", attr_reason(attr)));
            }
        }
    }

    /// Whether an attribute holds an address the policy refuses (reported as an error).
    fn refused_address(&self, attr: &str, value: &str) -> bool {
        URL_ATTRS.contains(&attr) && addresses(attr, value).any(|a| self.sanitizer.policy.check(a).is_err())
    }

    /// An address the policy refuses is the author's error, whatever element holds it.
    fn check_addresses(&mut self, tag: &StartTag) {
        for (attr, value, offset) in &tag.attrs {
            if !URL_ATTRS.contains(&attr.as_str()) {
                continue;
            }
            for addr in addresses(attr, value) {
                if let Err(why) = self.sanitizer.policy.check(addr) {
                    let message = format!("raw HTML <{} {attr}=\"{addr}\">: {why}", tag.name);
                    self.findings.push(Finding { offset: *offset, message, is_error: true });
                    break;
                }
            }
        }
    }

    /// Whether a player is kept; says why not when it is removed.
    fn check_embed(&mut self, tag: &StartTag) -> bool {
        let Some((_, src, _)) = tag.attrs.iter().find(|(a, _, _)| a == "src") else {
            self.warn(tag.offset, "<iframe> without a src address removed (only video players can be embedded)".into());
            return false;
        };
        if self.sanitizer.policy.check(src).is_err() {
            return false;
        }
        match embed_src(&self.sanitizer.embed_hosts, src) {
            Ok(_) => true,
            Err(EmbedRefusal::NotHttps) => {
                self.warn(
                    tag.offset,
                    format!("<iframe> from {src} removed: embedded players must use an https address"),
                );
                false
            }
            Err(EmbedRefusal::Host(host)) => {
                let message = format!(
                    "<iframe> from {host} removed: add the host to markdown.embed_hosts in site.yaml if its player is trusted"
                );
                self.warn(tag.offset, message);
                false
            }
        }
    }
}

/// The addresses in an attribute value: `srcset` lists several, each before its size.
fn addresses<'v>(attr: &str, value: &'v str) -> Box<dyn Iterator<Item = &'v str> + 'v> {
    if attr == "srcset" {
        Box::new(value.split(',').filter_map(|c| c.split_whitespace().next()))
    } else {
        Box::new(std::iter::once(value))
    }
}

fn attr_allowed(tag: &str, attr: &str, value: &str) -> bool {
    GENERIC_ATTRS.contains(&attr)
        || TAGS.iter().any(|(t, attrs)| *t == tag && attrs.contains(&attr))
        || (matches!(tag, "th" | "td") && attr == "style" && CELL_STYLES.iter().any(|s| s.eq_ignore_ascii_case(value)))
}

fn tag_reason(tag: &str) -> &'static str {
    match tag {
        "script" | "noscript" => " (scripts belong in the theme)",
        "style" | "link" => " (styles belong in the theme's CSS)",
        "form" | "input" | "button" | "select" | "option" | "textarea" | "label" | "fieldset" | "output" => {
            " (forms are not allowed in content)"
        }
        "object" | "embed" | "applet" | "frame" | "frameset" | "portal" => {
            " (plug-ins and frames are not allowed; embed videos with an <iframe> from a host in markdown.embed_hosts)"
        }
        "meta" | "base" | "title" | "head" | "html" | "body" => " (page settings belong in the theme)",
        "svg" | "math" => " (inline SVG and MathML can carry scripts; use an image file instead); its text is kept",
        t if DROP_WITH_CONTENT.contains(&t) => " with its content",
        _ => " (not allowed in content); its text is kept",
    }
}

fn attr_reason(attr: &str) -> &'static str {
    if attr.starts_with("on") {
        " (event handlers run scripts)"
    } else if attr == "style" {
        " (styles belong in the theme's CSS)"
    } else {
        ""
    }
}

/// Reads `<name attr=value …>` starting at `start` (a `<`); returns the tag and where it ends.
/// Follows the HTML tokenizer closely enough for names and values; the sanitiser, not this
/// reader, decides what reaches the page.
fn read_start_tag(text: &str, start: usize) -> (StartTag, usize) {
    let bytes = text.as_bytes();
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C');
    let mut i = start + 1;
    let name_start = i;
    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
        i += 1;
    }
    let name = text[name_start..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            break;
        }
        let attr_start = i;
        i += 1;
        while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let attr = text[attr_start..i].to_ascii_lowercase();
        let mut j = i;
        while j < bytes.len() && is_space(bytes[j]) {
            j += 1;
        }
        let mut value = String::new();
        if j < bytes.len() && bytes[j] == b'=' {
            j += 1;
            while j < bytes.len() && is_space(bytes[j]) {
                j += 1;
            }
            let (v, end) = read_value(text, j);
            value = v.to_string();
            i = end;
        }
        attrs.push((attr, value, attr_start));
    }
    let end = (i + 1).min(text.len());
    (StartTag { name, offset: start, attrs }, end)
}

fn read_value(text: &str, at: usize) -> (&str, usize) {
    let bytes = text.as_bytes();
    match bytes.get(at) {
        Some(&q @ (b'"' | b'\'')) => {
            let from = at + 1;
            match text[from..].find(q as char) {
                Some(len) => (&text[from..from + len], from + len + 1),
                None => (&text[from..], text.len()),
            }
        }
        _ => {
            let len = text[at..].find(|c: char| c.is_ascii_whitespace() || c == '>').unwrap_or(text.len() - at);
            (&text[at..at + len], at + len)
        }
    }
}

fn find_ignore_case(text: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = text.as_bytes();
    let needle = needle.as_bytes();
    (from..hay.len().saturating_sub(needle.len() - 1)).find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// JSON to write inside a `<script>` element: `<`, `>` and `&` become `\u003c`, `\u003e` and
/// `\u0026` (so no `</script>` or `<!--` can end or confuse the element), and U+2028/U+2029 are
/// escaped for older JavaScript parsers. Only string contents can hold these characters, where
/// the escapes mean the same thing.
pub fn json_for_script(value: &serde_json::Value) -> String {
    escape_json_for_script(&value.to_string())
}

/// [`json_for_script`] for JSON already written as text.
pub fn escape_json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(html: &str) -> String {
        Sanitizer::default().clean(html)
    }

    fn with_hosts(hosts: &[&str]) -> Sanitizer {
        Sanitizer::new(UrlPolicy::default(), hosts.iter().map(|h| h.to_string()).collect(), false)
    }

    fn scan(s: &Sanitizer, html: &str) -> Vec<(String, bool)> {
        s.scanner().feed(html).into_iter().map(|f| (f.message, f.is_error)).collect()
    }

    #[test]
    fn our_markdown_output_passes_unchanged() {
        for html in [
            "<h2 id=\"sec-1\" class=\"lead\">标题</h2>\n<p>正文<sup class=\"footnote-reference\"><a href=\"#fn-1\">1</a></sup></p>\n",
            "<div class=\"footnote-definition\" id=\"fn-1\"><sup class=\"footnote-definition-label\">1</sup>\n<p>注释。</p>\n</div>\n",
            "<table>\n<thead>\n<tr>\n<th style=\"text-align: center\">a</th>\n<th>b</th>\n</tr>\n</thead>\n</table>\n",
            "<ul>\n<li><input disabled=\"\" type=\"checkbox\" checked=\"\">\n完成</li>\n</ul>\n",
            "<blockquote class=\"markdown-alert-note\">\n<p>提示</p>\n</blockquote>\n",
            "<pre><code class=\"language-rust\">fn main() {}\n&lt;b&gt; &amp; \"q\"\n</code></pre>\n",
            "<p><a href=\"../policies/a/\" title=\"三十条\">政策</a> <img src=\"/img/a.webp\" alt=\"现场\"></p>\n",
            "<p><a href=\"https://x.cn/?a=1&amp;b=2\">x</a> <a href=\"mailto:a@b.cn\">a@b.cn</a> <a href=\"tel:+86-1\">t</a></p>\n",
            "<ol start=\"3\">\n<li>三</li>\n</ol>\n<hr>\n<p>一<br>\n二 <del>旧</del> <em>e</em> <strong>s</strong> <code>c</code></p>\n",
        ] {
            assert_eq!(clean(html), html);
        }
    }

    #[test]
    fn scripts_handlers_styles_and_forms_are_removed() {
        let out = clean(
            "<p onclick=\"alert(1)\" style=\"position:fixed\">a</p><script>alert(2)</script>\
             <img src=x onerror=alert(3)><svg onload=alert(4)><circle/></svg><form action=/x><input type=text name=p></form>\
             <style>body{display:none}</style><a href=\"javascript:alert(5)\">j</a><meta http-equiv=refresh content=0>\
             <base href=//evil.cn/><iframe srcdoc=\"<script>alert(6)</script>\"></iframe><object data=x.swf></object>",
        );
        for bad in [
            "alert",
            "onclick",
            "style",
            "onerror",
            "svg",
            "<form",
            "name=",
            "javascript",
            "meta",
            "base",
            "iframe",
            "object",
        ] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
        assert!(out.contains("<p>a</p>"), "{out}");
        assert!(out.contains("<input type=\"checkbox\" disabled=\"\">"), "{out}");
    }

    #[test]
    fn disguised_addresses_are_removed() {
        for a in [
            "java&#x09;script:x",
            "&#106;avascript:x",
            "javascript&colon;x",
            " JAVASCRIPT:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            let out = clean(&format!("<a href=\"{a}\">x</a><img src=\"{a}\">"));
            assert_eq!(out, "<a>x</a><img>", "{a}");
        }
    }

    #[test]
    fn players_only_from_listed_hosts_and_sandboxed() {
        let s = with_hosts(&["player.bilibili.com"]);
        let out =
            s.clean("<iframe src=\"//player.bilibili.com/player.html?bvid=1\" onload=x width=640>fallback</iframe>");
        assert!(
            out.starts_with("<iframe src=\"https://player.bilibili.com/player.html?bvid=1\" width=\"640\""),
            "{out}"
        );
        assert!(out.contains("sandbox=\"allow-scripts"), "{out}");
        assert!(out.ends_with("></iframe>") && !out.contains("fallback") && !out.contains("onload"), "{out}");
        for refused in [
            "<iframe src=\"https://youku.com/v\"></iframe>",
            "<iframe src=\"http://player.bilibili.com/v\"></iframe>",
            "<iframe srcdoc=\"<b>x</b>\"></iframe>",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
        ] {
            assert_eq!(s.clean(&format!("<p>a</p>{refused}<p>b</p>")), "<p>a</p><p>b</p>", "{refused}");
        }
    }

    #[test]
    fn text_that_looks_like_an_iframe_is_not_an_iframe() {
        let html =
            "<p title=\"&lt;iframe src=x&gt;\">&lt;iframe&gt;</p><pre><code>&lt;iframe&gt;&lt;/iframe&gt;</code></pre>";
        assert_eq!(with_hosts(&["v.qq.com"]).clean(html), html);
    }

    #[test]
    fn the_scanner_names_what_is_removed() {
        let s = with_hosts(&["v.qq.com"]);
        let found = scan(
            &s,
            "<div onclick=\"x()\" class=a><script>var a = '<b onclick=1>';</script><iframe src=https://youku.com/v></iframe>\
             <iframe src=\"https://v.qq.com/p\"></iframe><td style=\"text-align: center\"><font color=red>x</font>",
        );
        let messages: Vec<&str> = found.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "raw HTML: attribute onclick removed from <div> (event handlers run scripts)",
                "raw HTML: <script> removed (scripts belong in the theme)",
                "raw HTML: <iframe> from youku.com removed: add the host to markdown.embed_hosts in site.yaml if its player is trusted",
                "raw HTML: <font> removed (not allowed in content); its text is kept",
            ]
        );
        assert!(found.iter().all(|(_, e)| !e));
    }

    #[test]
    fn a_refused_address_in_raw_html_is_an_error() {
        let found =
            scan(&Sanitizer::default(), "<a href=\"java&#x09;script:alert(1)\">x</a><form action='javascript:x'>");
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].1 && found[0].0.starts_with("raw HTML <a href=\"java&#x09;script:alert(1)\">: the address"));
        assert!(
            found[1].1
                && found[1].0.contains("<form action=\"javascript:x\">: `javascript:` addresses are not allowed")
        );
        assert_eq!(found[2], ("raw HTML: <form> removed (forms are not allowed in content)".to_string(), false));
    }

    #[test]
    fn a_script_spanning_fragments_is_skipped_until_it_ends() {
        let s = Sanitizer::default();
        let mut scanner = s.scanner();
        assert_eq!(scanner.feed("<script>").len(), 1);
        assert!(scanner.feed("<b onclick=x>").is_empty());
        assert!(scanner.feed("</SCRIPT>").is_empty());
        assert_eq!(scanner.feed("<b onclick=x>").len(), 1);
    }

    #[test]
    fn nesting_deeper_than_browsers_allow_is_an_error_once() {
        let s = Sanitizer::default();
        let mut scanner = s.scanner();
        let ok = "<div><span>x</span></div><p><p><p><li><li><td><br><img></i></b>".repeat(300);
        assert!(scanner.feed(&ok).is_empty());
        assert_eq!(scanner.depth(), 0);
        assert!(scanner.feed(&"<div><b>".repeat(200)).is_empty());
        assert!(scanner.feed_at_depth("<i></i>", 111).is_empty());
        let found = scanner.feed_at_depth(&"<i>".repeat(1000), 112);
        assert_eq!(found.len(), 1);
        assert!(found[0].is_error && found[0].message.contains("more than 512 levels"), "{found:?}");
        assert_eq!(found[0].offset, 0, "the first element past the limit");
        assert!(scanner.is_too_deep());
        assert!(scanner.feed_at_depth(&"<i>".repeat(10), 112).is_empty(), "reported once");
    }

    #[test]
    fn trusted_html_is_left_alone() {
        let s = Sanitizer::new(UrlPolicy::default(), Vec::new(), true);
        let html = "<script>x()</script><p onclick=y>z</p>";
        assert_eq!(s.clean(html), html);
        assert!(scan(&s, html).is_empty());
    }

    #[test]
    fn odd_markup_does_not_panic() {
        let s = Sanitizer::default();
        for html in
            ["<", "<a", "<a href", "<a href=", "<a href=\"", "<!--", "<script", "</", "<iframe", "<<>>", "<é", "</>"]
        {
            let _ = s.clean(html);
            let _ = s.scanner().feed(html);
        }
    }

    #[test]
    fn json_cannot_end_a_script() {
        let v = serde_json::json!({"name": "</script><script>alert(1)</script> & <!-- \u{2028}"});
        let out = json_for_script(&v);
        assert!(!out.contains('<') && !out.contains('>') && !out.contains('&'), "{out}");
        assert!(out.contains("\\u003c/script\\u003e") && out.contains("\\u2028"), "{out}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&out).unwrap(), v);
    }
}
