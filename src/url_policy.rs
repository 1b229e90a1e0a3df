//! The one address policy: every address an author supplies — Markdown links and images,
//! raw HTML attributes, `images`, `attachments`, contact websites, the menu in `site.yaml`,
//! `--base-url` — passes [`UrlPolicy::check`] before it can reach a page.
//!
//! Allowed: relative addresses (`../a.md`, `/projects/`, `#land`, `site.jpg`), protocol-relative
//! ones (`//host/…`), and the schemes `http:`, `https:`, `mailto:` and `tel:`, plus whatever
//! a site adds with `url_schemes:` in `site.yaml`. Refused: every other scheme
//! (`javascript:`, `vbscript:`, `data:`, `file:` …), control characters anywhere, and
//! addresses that only become a refused scheme once a browser decodes them (entities such as
//! `&#106;`/`&colon;`, percent-escapes, tabs or newlines between the letters).

/// Schemes every site allows.
pub const DEFAULT_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Schemes a site may never add: they run code or carry a whole document.
pub const NEVER: &[&str] = &["javascript", "vbscript", "livescript", "mocha", "data", "file", "blob", "filesystem"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlPolicy {
    /// Lowercase scheme names without the colon.
    schemes: Vec<String>,
}

impl Default for UrlPolicy {
    fn default() -> Self {
        UrlPolicy { schemes: DEFAULT_SCHEMES.iter().map(|s| s.to_string()).collect() }
    }
}

impl UrlPolicy {
    /// The default schemes plus `extra` (already checked by [`UrlPolicy::check_extra_scheme`]).
    pub fn with_extra(extra: &[String]) -> Self {
        let mut p = UrlPolicy::default();
        for s in extra {
            let s = s.trim().trim_end_matches(':').to_ascii_lowercase();
            if !p.schemes.contains(&s) {
                p.schemes.push(s);
            }
        }
        p
    }

    pub fn schemes(&self) -> &[String] {
        &self.schemes
    }

    /// Whether a scheme name may be added to the policy in `site.yaml`; Err says why not.
    pub fn check_extra_scheme(scheme: &str) -> Result<(), String> {
        let s = scheme.trim().trim_end_matches(':').to_ascii_lowercase();
        if !is_scheme_name(&s) {
            return Err(format!("\"{scheme}\" is not a scheme name (letters, digits, +, - and . after a letter)"));
        }
        if NEVER.contains(&s.as_str()) {
            return Err(format!("`{s}:` addresses can run code or carry whole documents and cannot be allowed"));
        }
        Ok(())
    }

    pub fn allows_scheme(&self, scheme: &str) -> bool {
        self.schemes.iter().any(|s| s.eq_ignore_ascii_case(scheme))
    }

    /// Checks one address as the author wrote it. `Err` is a sentence for the author.
    pub fn check(&self, addr: &str) -> Result<(), String> {
        if let Some(c) = addr.chars().find(|c| is_forbidden_char(*c)) {
            return Err(format!(
                "the address contains the invisible control character U+{:04X}; retype it without pasted line breaks or tabs",
                c as u32
            ));
        }
        let trimmed = addr.trim();
        if let Some(scheme) = scheme_of(trimmed) {
            if self.allows_scheme(&scheme) {
                return Ok(());
            }
            return Err(self.refusal(&scheme));
        }
        // No scheme as written: make sure none appears once a browser decodes the address.
        let decoded = browser_view(trimmed);
        if let Some(scheme) = scheme_of(&decoded)
            && !self.allows_scheme(&scheme)
        {
            return Err(format!(
                "the address is a disguised `{scheme}:` address (written with entities, escapes or spaces); {}",
                self.allowed_list()
            ));
        }
        Ok(())
    }

    fn refusal(&self, scheme: &str) -> String {
        let why = match scheme {
            // Images pasted from WeChat or Word arrive as data: addresses.
            "data" => {
                " (a data: address carries a whole file inside the page; save the picture or document as a file in the page's folder or under static/ and link that)"
            }
            s if NEVER.contains(&s) => " (it can run code in the reader's browser)",
            _ => "",
        };
        format!("`{scheme}:` addresses are not allowed{why}; {}", self.allowed_list())
    }

    fn allowed_list(&self) -> String {
        let list: Vec<String> = self.schemes.iter().map(|s| format!("{s}:")).collect();
        format!("use a relative address or one starting with {}", list.join(", "))
    }
}

/// The scheme of an address (`https` of `https://x`), lowercase; None for relative ones. One
/// letter before the colon is a Windows drive, not a scheme.
pub fn scheme_of(addr: &str) -> Option<String> {
    let (scheme, _) = addr.split_once(':')?;
    (scheme.len() >= 2 && is_scheme_name(scheme)).then(|| scheme.to_ascii_lowercase())
}

fn is_scheme_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Control characters, and the invisible format characters used to hide a scheme.
fn is_forbidden_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// The address as a browser would see its scheme: HTML entities and percent-escapes decoded
/// (repeatedly, for double encodings), whitespace and controls removed.
fn browser_view(addr: &str) -> String {
    let mut s = addr.to_string();
    for _ in 0..4 {
        let next = crate::text::percent::decode_lossy(&decode_entities(&s));
        if next == s {
            break;
        }
        s = next;
    }
    s.chars().filter(|c| !c.is_whitespace() && !is_forbidden_char(*c)).collect()
}

/// Decodes numeric character references and the named ones that can spell a scheme.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match decode_one_entity(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `&#106;`, `&#x6A`, `&colon;` … at the start of `s`: the character and the length eaten.
/// Browsers accept numeric references without the closing `;`.
fn decode_one_entity(s: &str) -> Option<(char, usize)> {
    let body = &s[1..];
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 3),
            None => (num, 10, 2),
        };
        let len = digits.chars().take_while(|c| c.is_digit(radix)).count();
        if len == 0 {
            return None;
        }
        let value = u32::from_str_radix(&digits[..len.min(8)], radix).ok()?;
        let c = char::from_u32(value).unwrap_or('\u{FFFD}');
        let semi = usize::from(digits[len..].starts_with(';'));
        return Some((c, skip + len + semi));
    }
    let name_len = body.chars().take_while(char::is_ascii_alphanumeric).count();
    let name = &body[..name_len];
    let c = match name.to_ascii_lowercase().as_str() {
        "colon" => ':',
        "tab" => '\t',
        "newline" => '\n',
        "sol" => '/',
        "lpar" => '(',
        "rpar" => ')',
        "amp" => '&',
        "nbsp" => ' ',
        "period" => '.',
        "plus" => '+',
        "hyphen" | "dash" => '-',
        _ => return None,
    };
    let semi = usize::from(body[name_len..].starts_with(';'));
    Some((c, 1 + name_len + semi))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(addr: &str) -> Result<(), String> {
        UrlPolicy::default().check(addr)
    }

    #[test]
    fn allows_relative_and_web_addresses() {
        for ok in [
            "../policies/a.md#land",
            "/projects/",
            "#land",
            "site.jpg",
            "docs/原件.pdf",
            "%E4%B8%AD.md",
            "https://www.gov.cn/zhengce/",
            "HTTP://example.cn",
            "//cdn.example.cn/a.png",
            "mailto:invest@example.cn",
            "tel:+86-943-8226600",
            "C:/Users/a.png",
            "?q=1",
            "",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn refuses_script_and_document_schemes() {
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "file:///etc/passwd",
            "weixin://dl/chat",
        ] {
            let e = check(bad).unwrap_err();
            assert!(e.contains("not allowed"), "{bad}: {e}");
        }
        assert!(check("javascript:x").unwrap_err().contains("run code"));
    }

    #[test]
    fn refuses_disguised_schemes() {
        for bad in [
            "javascript&colon;alert(1)",
            "javascript&#58;alert(1)",
            "&#106;avascript:alert(1)",
            "&#x6A&#x61vascript:alert(1)",
            "java&#x09;script:alert(1)",
            "javascript%3Aalert(1)",
            "%6A%61vascript:alert(1)",
            "java%09script:alert(1)",
            "%2526%2523106;avascript:x",
            "javas cript:alert(1)",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn refuses_control_and_invisible_characters() {
        for bad in ["java\tscript:alert(1)", "java\nscript:x", "/a\u{0}b", "java\u{200B}script:x", "a\u{202E}b"] {
            let e = check(bad).unwrap_err();
            assert!(e.contains("control character"), "{bad:?}: {e}");
        }
    }

    #[test]
    fn a_site_can_add_schemes_but_never_dangerous_ones() {
        let p = UrlPolicy::with_extra(&["weixin".into(), "SMS:".into()]);
        assert_eq!(p.check("weixin://dl/chat"), Ok(()));
        assert_eq!(p.check("sms:+8613800000000"), Ok(()));
        assert!(p.check("javascript:x").is_err());
        assert!(UrlPolicy::check_extra_scheme("javascript").is_err());
        assert!(UrlPolicy::check_extra_scheme("Data:").is_err());
        assert!(UrlPolicy::check_extra_scheme("1abc").is_err());
        assert_eq!(UrlPolicy::check_extra_scheme("weixin"), Ok(()));
    }

    #[test]
    fn decodes_entities_like_a_browser() {
        assert_eq!(decode_entities("a&colon;b&#58c&#x3A;d&amp;e&unknown;"), "a:b:c:d&e&unknown;");
        assert_eq!(decode_entities("&#99999999999;"), "\u{FFFD}");
        assert_eq!(decode_entities("&"), "&");
        assert_eq!(decode_entities("&#"), "&#");
    }
}
