//! Request paths to keys of the built site. The server answers only from the map of built
//! files, so a key can never name anything else; still, a path whose decoded form would
//! climb (`..`, `%2e%2e`), hide a separator (`%2f`, `\`), carry NUL or control characters,
//! or decode to invalid (also overlong) UTF-8 is refused outright, so that no spelling of a
//! traversal ever reaches a lookup.

use crate::text::percent;

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A key of the built site: `index.html`, `projects/a/index.html`, `css/site.css`.
    File(String),
    /// The path is outside the site's base path: nothing of the site is there.
    Outside,
}

/// Why a path is refused (answered 400).
#[derive(Debug, PartialEq, Eq)]
pub struct Refused;

/// The key `raw` (the percent-encoded path of a request, without the query) names, once
/// `base_path` (`/invest` or "") is taken off. A path ending in `/` names its `index.html`.
pub fn resolve(raw: &str, base_path: &str) -> Result<Target, Refused> {
    if !raw.starts_with('/') {
        return Err(Refused);
    }
    let Some(rest) = strip_base(raw, base_path) else { return Ok(Target::Outside) };
    let mut parts = Vec::new();
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.into_iter().enumerate() {
        let decoded = decode_segment(segment)?;
        if decoded.is_empty() && i != last {
            // `a//b`: no file of the site has an empty name; tolerated at the start only.
            if i == 0 {
                continue;
            }
            return Err(Refused);
        }
        parts.push(decoded);
    }
    let mut key = parts.join("/");
    if key.is_empty() || key.ends_with('/') {
        key.push_str("index.html");
    }
    Ok(Target::File(key))
}

/// `raw` after the base path, starting with `/`; `None` when `raw` is not under it.
fn strip_base<'a>(raw: &'a str, base_path: &str) -> Option<&'a str> {
    if base_path.is_empty() {
        return Some(raw);
    }
    let rest = raw.strip_prefix(base_path)?;
    if rest.is_empty() {
        Some("/")
    } else if rest.starts_with('/') {
        Some(rest)
    } else {
        None
    }
}

fn decode_segment(segment: &str) -> Result<String, Refused> {
    let text = String::from_utf8(percent::decode_bytes(segment)).map_err(|_| Refused)?;
    let forbidden = |c: char| c == '/' || c == '\\' || c.is_control();
    if text == "." || text == ".." || text.contains(forbidden) {
        return Err(Refused);
    }
    Ok(text)
}

/// The folder form of a key that is not found itself (`projects/a` → `projects/a/index.html`),
/// for redirecting `/projects/a` to `/projects/a/`.
pub fn folder_index(key: &str) -> Option<String> {
    (key != "index.html" && !key.ends_with("/index.html")).then(|| format!("{key}/index.html"))
}

/// The media type of a file by its extension; text types say their charset.
pub fn content_type(key: &str) -> &'static str {
    let ext = key.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "geojson" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "rss" => "application/rss+xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "zip" => "application/zip",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(raw: &str) -> String {
        match resolve(raw, "") {
            Ok(Target::File(k)) => k,
            other => panic!("{raw}: {other:?}"),
        }
    }

    #[test]
    fn folders_name_their_index_and_escapes_are_decoded() {
        assert_eq!(file("/"), "index.html");
        assert_eq!(file("/en/"), "en/index.html");
        assert_eq!(file("/projects/a/"), "projects/a/index.html");
        assert_eq!(file("/css/site.css"), "css/site.css");
        assert_eq!(file("/files/%E9%A1%B9%E7%9B%AE.pdf"), "files/项目.pdf");
        assert_eq!(file("/a%20b.txt"), "a b.txt");
    }

    #[test]
    fn every_spelling_of_a_climb_or_a_hidden_separator_is_refused() {
        for raw in [
            "/../site.yaml",
            "/a/../../etc/passwd",
            "/%2e%2e/site.yaml",
            "/%2E%2E/site.yaml",
            "/.%2e/x",
            "/a/%2e/b",
            "/./a",
            "/..%2fsite.yaml",
            "/a%2f..%2f..%2fetc%2fpasswd",
            "/a%5c..%5csite.yaml",
            "/a\\..\\site.yaml",
            "/a%00.html",
            "/a%0a.html",
            "/%c0%ae%c0%ae/site.yaml",
            "/%e0%80%ae%e0%80%ae/x",
            "/%ff",
            "/a//b",
            "projects/a/",
        ] {
            assert_eq!(resolve(raw, ""), Err(Refused), "{raw}");
        }
    }

    #[test]
    fn the_base_path_is_taken_off_and_other_paths_are_outside() {
        assert_eq!(resolve("/invest/", "/invest"), Ok(Target::File("index.html".into())));
        assert_eq!(resolve("/invest", "/invest"), Ok(Target::File("index.html".into())));
        assert_eq!(resolve("/invest/en/", "/invest"), Ok(Target::File("en/index.html".into())));
        assert_eq!(resolve("/investor/", "/invest"), Ok(Target::Outside));
        assert_eq!(resolve("/", "/invest"), Ok(Target::Outside));
        assert_eq!(resolve("/invest/../x", "/invest"), Err(Refused));
    }

    #[test]
    fn a_folder_without_its_slash_has_a_folder_form() {
        assert_eq!(folder_index("projects/a").as_deref(), Some("projects/a/index.html"));
        assert_eq!(folder_index("index.html"), None);
    }

    #[test]
    fn text_types_carry_their_charset() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("x.JS"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("p.webp"), "image/webp");
        assert_eq!(content_type("d.pdf"), "application/pdf");
        assert_eq!(content_type("f.woff2"), "font/woff2");
        assert_eq!(content_type("README"), "application/octet-stream");
    }
}
