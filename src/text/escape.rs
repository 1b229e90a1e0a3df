//! The one home of markup escaping. [`escape`] replaces the five characters with a meaning
//! in markup, so the result is safe in element text, in a quoted attribute of either quote,
//! and in XML (sitemaps, feeds); `&apos;` is valid in both HTML5 and XML. [`escape_html`]
//! keeps the apostrophe as written: our HTML only ever uses double-quoted attributes, and
//! page text stays comparable with the raw summaries templates check it against.

/// `s` with `&`, `<`, `>`, `"` and `'` as entities.
pub fn escape(s: &str) -> String {
    escape_markup(s, true)
}

/// `s` with `&`, `<`, `>` and `"` as entities: for page text and double-quoted attributes.
pub fn escape_html(s: &str) -> String {
    escape_markup(s, false)
}

fn escape_markup(s: &str, apostrophe: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' if apostrophe => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_markup_character_once() {
        assert_eq!(
            escape(r#"<a href="x">Tom's & Jerry</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom&apos;s &amp; Jerry&lt;/a&gt;"
        );
        assert_eq!(escape("&amp;"), "&amp;amp;");
        assert_eq!(escape("白银 plain"), "白银 plain");
        assert_eq!(
            escape_html(r#"<a title="x">Tom's & Jerry</a>"#),
            "&lt;a title=&quot;x&quot;&gt;Tom's &amp; Jerry&lt;/a&gt;"
        );
    }
}
