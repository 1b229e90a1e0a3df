//! `aliases:` — the old addresses of a page. Links shared in WeChat and QR codes already
//! printed keep the address a page had; after a rename, a redirect page at each old address
//! sends readers on. This module reads and checks the addresses; the redirect pages are
//! made in `render/aliases.rs`, and two files claiming one address are reported there with
//! every other output collision.
//!
//! An alias is a path on this site below its base path, written like the page addresses
//! readers see: `/projects/old-name/` (a folder) or `/old/page.html`. Refused, with the
//! line: other sites and schemes, `?query` and `#fragment` (a static site cannot redirect
//! them), `..`, `.`, empty segments, backslashes and control characters.

use crate::load::ContentFile;
use crate::load::fields::Fields;
use crate::url_policy::{UrlPolicy, scheme_of};

const FIELD: &str = "aliases";

/// The checked aliases of one content file, each normalised to `/a/b/` or `/a/b.html`
/// with percent-escapes decoded; a bad one is reported at its line and left out.
pub fn read(file: &ContentFile, base_url: &str, fields: &Fields) -> Vec<String> {
    if !file.front.contains_key(FIELD) {
        return Vec::new();
    }
    fields
        .list(FIELD)
        .into_iter()
        .filter_map(|a| match normalize(&a, base_url) {
            Ok(path) => Some(path),
            Err((message, help)) => {
                fields.error(FIELD, format!("the alias \"{a}\" {message}"), Some(&help));
                None
            }
        })
        .collect()
}

/// The output file of an alias: `/a/b/` → `a/b/index.html`.
pub fn output_path(alias: &str) -> String {
    let rel = alias.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() }
}

type Refusal = (String, String);

/// `alias` as a path below the base path, or why it cannot be one (message, help).
pub fn normalize(alias: &str, base_url: &str) -> Result<String, Refusal> {
    let example = "write the old address from the site's root, like `aliases: [/projects/old-name/]`";
    UrlPolicy::default().check(alias).map_err(|e| (format!("is refused: {e}"), example.to_string()))?;
    let alias = alias.trim();
    if scheme_of(alias).is_some() || alias.starts_with("//") {
        let own = alias.strip_prefix(base_url).filter(|rest| rest.starts_with('/') && !base_url.is_empty());
        let help = match own {
            Some(path) => format!("write only the path: {path}"),
            None => format!("an alias is an address on this site; {example}"),
        };
        return Err(("names a whole address with its host".to_string(), help));
    }
    if !alias.starts_with('/') {
        return Err(("does not start with /".to_string(), example.to_string()));
    }
    if alias.contains(['?', '#']) {
        return Err((
            "has a `?` or `#` part, which a static site cannot redirect".to_string(),
            "write only the path, like /projects/old-name/".to_string(),
        ));
    }
    let decoded = crate::text::percent::decode(alias);
    if decoded.contains('\\') || decoded.chars().any(char::is_control) {
        return Err(("holds a backslash or a control character".to_string(), example.to_string()));
    }
    let inner = &decoded[1..];
    let segments: Vec<&str> = inner.strip_suffix('/').unwrap_or(inner).split('/').collect();
    if inner.is_empty() {
        return Err(("is the site's home page, which always exists".to_string(), example.to_string()));
    }
    if segments.iter().any(|s| s.is_empty() || *s == "." || *s == "..") {
        return Err(("has an empty, `.` or `..` part".to_string(), example.to_string()));
    }
    let last = segments.last().copied().unwrap_or_default();
    let is_file = !decoded.ends_with('/') && last.contains('.');
    if is_file {
        let ext = last.rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
        if ext != "html" && ext != "htm" {
            return Err((
                format!("ends in a file name (.{ext}) that a web server would not send as a page"),
                "only page addresses can redirect: a folder like /projects/old-name/ or a file ending in .html"
                    .to_string(),
            ));
        }
        return Ok(format!("/{}", segments.join("/")));
    }
    Ok(format!("/{}/", segments.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_html_files_are_kept_and_escapes_decoded() {
        assert_eq!(normalize("/projects/old", "").unwrap(), "/projects/old/");
        assert_eq!(normalize(" /projects/old/ ", "").unwrap(), "/projects/old/");
        assert_eq!(normalize("/news/2019/a.html", "").unwrap(), "/news/2019/a.html");
        assert_eq!(normalize("/%E9%A1%B9%E7%9B%AE/", "").unwrap(), "/项目/");
        assert_eq!(output_path("/a/b/"), "a/b/index.html");
        assert_eq!(output_path("/a/b.html"), "a/b.html");
    }

    #[test]
    fn refuses_what_is_not_a_path_on_this_site() {
        for bad in [
            "projects/old/",
            "https://example.org/old/",
            "//evil.example/x/",
            "javascript:alert(1)",
            "/a/../b/",
            "/a/%2e%2e/b/",
            "/a//b/",
            "/a/./b/",
            "/a\\b/",
            "/a/%00/",
            "/old/?id=3",
            "/old/#x",
            "/",
            "/files/report.pdf",
        ] {
            assert!(normalize(bad, "https://example.org").is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn a_full_address_of_this_site_gets_its_path_as_help() {
        let (_, help) = normalize("https://invest.example.cn/projects/old/", "https://invest.example.cn").unwrap_err();
        assert_eq!(help, "write only the path: /projects/old/");
    }
}
