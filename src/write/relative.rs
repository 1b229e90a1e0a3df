//! `build --relative`: a copy of the site that works opened from a folder or a USB stick
//! (`file://`), where `/` means the disk's root and folders do not open their index.html.
//! Every internal address in the HTML becomes relative to the file it is in, and folder
//! addresses get `index.html`. Absolute addresses meant for the outside world (canonical,
//! hreflang alternates, share tags) stay absolute.

use crate::render::OutFile;

/// Attributes whose values are addresses the browser follows or loads.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "srcset", "action", "poster", "data-src", "data-site-root"];

/// Rewrites `file` when it is a page (other files are left as they are).
pub fn relativize_file(file: &mut OutFile, base_path: &str) {
    if !file.path.ends_with(".html") {
        return;
    }
    let Ok(html) = std::str::from_utf8(&file.bytes) else { return };
    let rewritten = rewrite_html(html, &file.path, base_path);
    file.bytes = rewrite_refresh(&rewritten, &file.path, base_path).into_bytes();
}

/// Rewrites the root-relative addresses (`/en/projects/`) of URL attributes in `html`, a
/// file at `file_path` in the output.
pub fn rewrite_html(html: &str, file_path: &str, base_path: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 20);
    let mut rest = html;
    while let Some((before, attr_len, quote)) = next_url_attribute(rest) {
        out.push_str(&rest[..before + attr_len]);
        rest = &rest[before + attr_len..];
        let end = rest.find(quote).unwrap_or(rest.len());
        let value = &rest[..end];
        let is_root = out.ends_with("data-site-root=\"") || out.ends_with("data-site-root='");
        let is_srcset = out.ends_with("srcset=\"") || out.ends_with("srcset='");
        let rewritten = if is_root {
            Some(relative_root(file_path))
        } else if is_srcset {
            Some(relative_srcset(file_path, value, base_path))
        } else {
            relative_url(file_path, value, base_path)
        };
        out.push_str(&rewritten.unwrap_or_else(|| value.to_string()));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The target of a redirect page's `<meta http-equiv="refresh" content="0; url=/a/">`
/// (an old address, `aliases:`): it is no attribute of its own, so it is found by its text.
fn rewrite_refresh(html: &str, file_path: &str, base_path: &str) -> String {
    const MARK: &str = "http-equiv=\"refresh\" content=\"0; url=";
    let Some(at) = html.find(MARK) else { return html.to_string() };
    let start = at + MARK.len();
    let end = html[start..].find('"').map_or(html.len(), |i| start + i);
    match relative_url(file_path, &html[start..end], base_path) {
        Some(url) => format!("{}{url}{}", &html[..start], &html[end..]),
        None => html.to_string(),
    }
}

/// The next ` href="`-like attribute: (offset of its start, its length up to the opening
/// quote included, the quote character). One pass over the text from `=` to `=`, so a page
/// is rewritten in linear time however rare some of the attributes are.
fn next_url_attribute(s: &str) -> Option<(usize, usize, char)> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(i) = s[from..].find('=') {
        let eq = from + i;
        if let Some(&quote @ (b'"' | b'\'')) = bytes.get(eq + 1) {
            for attr in URL_ATTRIBUTES {
                let Some(at) = eq.checked_sub(attr.len()) else { continue };
                let named = &bytes[at..eq] == attr.as_bytes();
                if named && at > 0 && matches!(bytes[at - 1], b' ' | b'\n' | b'\t') {
                    return Some((at, attr.len() + 2, quote as char));
                }
            }
        }
        from = eq + 1;
    }
    None
}

/// A `srcset` (`/a.480.webp 480w, /a.960.webp 960w`) with each candidate's address made
/// relative.
fn relative_srcset(file_path: &str, srcset: &str, base_path: &str) -> String {
    let candidates = srcset.split(',').map(|candidate| {
        let candidate = candidate.trim();
        let (url, descriptor) = candidate.split_once(' ').unwrap_or((candidate, ""));
        let url = relative_url(file_path, url, base_path).unwrap_or_else(|| url.to_string());
        if descriptor.is_empty() { url } else { format!("{url} {}", descriptor.trim()) }
    });
    candidates.collect::<Vec<_>>().join(", ")
}

/// The site's root seen from a file: `../../` (scripts append paths to it).
fn relative_root(file_path: &str) -> String {
    let depth = file_path.matches('/').count();
    if depth == 0 { "./".to_string() } else { "../".repeat(depth) }
}

/// `/en/projects/` seen from `en/policies/x/index.html` → `../../projects/index.html`.
/// None for addresses that are not site-internal and root-relative.
pub fn relative_url(file_path: &str, url: &str, base_path: &str) -> Option<String> {
    if !url.starts_with('/') || url.starts_with("//") {
        return None;
    }
    let local = url.strip_prefix(base_path).filter(|r| r.starts_with('/')).unwrap_or(url);
    let split = local.find(['?', '#']).unwrap_or(local.len());
    let (path, suffix) = local.split_at(split);
    // A fingerprint query (style.css?v=…) means nothing to a file.
    let suffix = if suffix.starts_with('?') { suffix.find('#').map(|i| &suffix[i..]).unwrap_or("") } else { suffix };
    let mut target = path.trim_start_matches('/').to_string();
    if target.is_empty() || target.ends_with('/') {
        target.push_str("index.html");
    }
    let depth = file_path.matches('/').count();
    Some(format!("{}{target}{suffix}", "../".repeat(depth)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_links_get_index_html_and_climb_to_the_root() {
        assert_eq!(
            relative_url("en/policies/x/index.html", "/en/projects/", "").as_deref(),
            Some("../../../en/projects/index.html")
        );
        assert_eq!(relative_url("index.html", "/", "").as_deref(), Some("index.html"));
        assert_eq!(relative_url("404.html", "/css/style.css?v=1a2b", "").as_deref(), Some("css/style.css"));
        assert_eq!(relative_url("a/index.html", "/b/#land", "").as_deref(), Some("../b/index.html#land"));
        assert_eq!(relative_url("a/index.html", "/invest/b/", "/invest").as_deref(), Some("../b/index.html"));
        assert_eq!(relative_url("a/index.html", "https://x.cn/", ""), None);
        assert_eq!(relative_url("a/index.html", "#top", ""), None);
        assert_eq!(relative_url("a/index.html", "//cdn.x/a.js", ""), None);
    }

    #[test]
    fn a_redirect_target_becomes_relative() {
        let html = r#"<meta http-equiv="refresh" content="0; url=/invest/projects/new/">"#;
        assert_eq!(
            rewrite_refresh(html, "projects/old/index.html", "/invest"),
            r#"<meta http-equiv="refresh" content="0; url=../../projects/new/index.html">"#
        );
    }

    #[test]
    fn the_root_for_scripts_becomes_relative() {
        let out = rewrite_html(r#"<html lang="zh" data-site-root="/" data-base="">"#, "en/a/index.html", "");
        assert_eq!(out, r#"<html lang="zh" data-site-root="../../" data-base="">"#);
        assert_eq!(rewrite_html(r#"<html data-site-root="/">"#, "index.html", ""), r#"<html data-site-root="./">"#);
    }

    #[test]
    fn every_candidate_of_a_srcset_is_rewritten() {
        let html = r#"<source srcset="/p/a.480.webp 480w, /p/a.960.webp 960w"><img src="/p/a.jpg" srcset='/p/a.480.jpg 480w'>"#;
        assert_eq!(
            rewrite_html(html, "en/x/index.html", ""),
            r#"<source srcset="../../p/a.480.webp 480w, ../../p/a.960.webp 960w"><img src="../../p/a.jpg" srcset='../../p/a.480.jpg 480w'>"#
        );
    }

    #[test]
    fn only_url_attributes_are_rewritten() {
        let html = r#"<link rel="canonical" href="https://x.cn/a/"><a href="/b/" title="/not/a/link">x</a><img src='/i.png' alt="/">"#;
        let out = rewrite_html(html, "a/index.html", "");
        assert_eq!(
            out,
            r#"<link rel="canonical" href="https://x.cn/a/"><a href="../b/index.html" title="/not/a/link">x</a><img src='../i.png' alt="/">"#
        );
    }
}
