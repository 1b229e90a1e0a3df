//! Links between pages: authors link to content files (`../policies/baiyin-30.md#land`),
//! as in a Markdown editor; readers get the URL of that page in their own language.
//! Links to files of a page bundle or of static/ become their published URLs. A link to a
//! file or heading that does not exist is an error at its line.

use crate::text::percent::decode as percent_decode;
use std::collections::HashMap;

use rayon::prelude::*;

use crate::load::ContentFile;
use crate::markdown::{self, LinkKind};
use crate::resolve::{Page, Site};

/// Heading ids of every content file, by file index.
pub type Anchors = HashMap<usize, Vec<String>>;

pub fn collect_anchors(site: &Site) -> Anchors {
    site.files.par_iter().enumerate().map(|(i, f)| (i, markdown::heading_ids(&f.body))).collect()
}

pub struct Resolver<'a> {
    site: &'a Site,
    anchors: &'a Anchors,
    page: &'a Page,
    file: &'a ContentFile,
    lang: &'a str,
}

impl<'a> Resolver<'a> {
    pub fn new(site: &'a Site, anchors: &'a Anchors, page: &'a Page, file: &'a ContentFile, lang: &'a str) -> Self {
        Resolver { site, anchors, page, file, lang }
    }

    pub fn resolve(&mut self, dest: &str, kind: LinkKind) -> Result<String, String> {
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let (path, query) = match path.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (path, None),
        };
        let decoded = percent_decode(path);
        if decoded.ends_with(".md") && kind == LinkKind::Link {
            return self.page_link(&decoded, fragment);
        }
        let url = self.file_link(&decoded)?;
        Ok(match (query, fragment) {
            (Some(q), Some(f)) => format!("{url}?{q}#{f}"),
            (Some(q), None) => format!("{url}?{q}"),
            (None, Some(f)) => format!("{url}#{f}"),
            (None, None) => url,
        })
    }

    /// The content-relative path of a link target (`/x.md` from content/, else from the
    /// linking file's folder), or None when it climbs out of content/.
    fn content_path(&self, target: &str) -> Option<String> {
        let base = if target.starts_with('/') {
            String::new()
        } else {
            let rel = self.file.rel.strip_prefix("content/").unwrap_or(&self.file.rel);
            rel.rsplit_once('/').map(|(d, _)| d.to_string()).unwrap_or_default()
        };
        normalize(&base, target.trim_start_matches('/'))
    }

    fn page_link(&self, target: &str, fragment: Option<&str>) -> Result<String, String> {
        let path = self.content_path(target).ok_or_else(|| format!("the link {target} points outside content/"))?;
        let key = self.key_of(&path);
        let Some(page) = self.site.page(&key) else {
            if let Some(withheld) = self.site.withheld_page(&key) {
                return Err(format!(
                    "the link {target} points to content/{path}, which is {}: publish it or remove the link",
                    unpublished_words(withheld)
                ));
            }
            if self.site.has_broken_file(&key) {
                // Its own error stands and fails the build; this link is not a second mistake.
                return Ok(format!("{}/", self.site.config.base_path()));
            }
            return Err(format!(
                "the link {target} points to content/{path}, which does not exist{}",
                self.suggestion(&key)
            ));
        };
        if !super::context::is_published(self.site, page) {
            return Err(format!(
                "the link {target} points to a research result that is not in the pool and has no public page"
            ));
        }
        let version = page.version(self.lang);
        let mut url = format!("{}{}", self.site.config.base_path(), version.path);
        if let Some(f) = fragment.filter(|f| !f.is_empty()) {
            let known = version.file.and_then(|i| self.anchors.get(&i));
            if let Some(ids) = known
                && !ids.iter().any(|id| id == f)
            {
                return Err(format!(
                    "the link {target}#{f} names a heading that content/{path} does not have (its headings: {})",
                    if ids.is_empty() {
                        "none".to_string()
                    } else {
                        ids.iter().map(|i| format!("#{i}")).collect::<Vec<_>>().join(", ")
                    }
                ));
            }
            url.push('#');
            url.push_str(f);
        }
        Ok(url)
    }

    /// `policies/a.en.md` → `policies/a`; `projects/x/index.md` → `projects/x`.
    fn key_of(&self, path: &str) -> String {
        let stem = path.strip_suffix(".md").unwrap_or(path);
        let stem = match stem.rsplit_once('.') {
            Some((base, lang)) if self.site.config.languages.iter().any(|l| l == lang) => base,
            _ => stem,
        };
        let stem = stem.strip_suffix("/_index").or_else(|| stem.strip_suffix("/index")).unwrap_or(stem);
        match stem {
            "_index" | "index" => String::new(),
            s => s.to_string(),
        }
    }

    fn suggestion(&self, key: &str) -> String {
        let keys: Vec<&str> =
            self.site.pages.iter().filter(|p| p.generated.is_none()).map(|p| p.key.as_str()).collect();
        match crate::load::fields::closest(key, &keys) {
            Some(k) => format!(" — did you mean content/{k}.md?"),
            None => String::new(),
        }
    }

    /// A bundle file, a static file, or a site path.
    fn file_link(&self, target: &str) -> Result<String, String> {
        let base_path = self.site.config.base_path();
        if let Some(abs) = target.strip_prefix('/') {
            if self.is_static(abs) {
                return Ok(format!("{base_path}/{}", encode_path(abs)));
            }
            // A site address such as /projects/: give the reader's language.
            let prefix = self.site.config.lang_prefix(self.lang);
            let already = self.site.config.languages.iter().any(|l| abs.starts_with(&format!("{l}/")));
            let abs = encode_path(abs);
            return Ok(if already { format!("{base_path}/{abs}") } else { format!("{base_path}{prefix}/{abs}") });
        }
        if self.page.is_bundle {
            let bundle_dir = self.page.key.as_str();
            let own =
                self.content_path(target).and_then(|p| p.strip_prefix(&format!("{bundle_dir}/")).map(str::to_string));
            if let Some(name) = own
                && self.site.assets.iter().any(|a| a.key == self.page.key && a.name == name)
            {
                return Ok(format!("{base_path}{}{}", self.page.original_version().path, encode_path(&name)));
            }
        }
        if self.is_static(target) {
            return Ok(format!("{base_path}/{}", encode_path(target)));
        }
        Err(format!(
            "the file {target} does not exist: put it in the page's own folder next to its index.{}.md, or under static/ and link it as /{target}",
            self.file.lang
        ))
    }

    fn is_static(&self, rel: &str) -> bool {
        self.site.static_files.iter().any(|(_, r)| r == rel)
    }
}

/// Why a withheld page is not public, for messages about it.
pub(crate) fn unpublished_words(page: &Page) -> String {
    match page.unpublished {
        Some(crate::resolve::Unpublished::Scheduled(d)) => {
            format!("scheduled for {} and not published yet (build --future shows it)", d.iso())
        }
        _ => "a draft (`draft: true`) and not published (build --drafts shows it)".to_string(),
    }
}

/// Joins a relative path onto a folder, resolving `.` and `..`; None if it leaves the root.
fn normalize(base: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// A file path as an address: every byte that is not allowed in a URL path (spaces, `#`,
/// `?`, `%`, non-ASCII) percent-encoded, `/` kept. The written file has the name as it is
/// on disk, so the link must spell `项目 介绍#1.pdf` as `%E9%A1%B9…%20…%231.pdf` to reach it:
/// a raw `#` or `?` would cut the name short.
pub(crate) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_relative_paths() {
        assert_eq!(normalize("projects", "../policies/a.md").as_deref(), Some("policies/a.md"));
        assert_eq!(normalize("projects/x", "./img.png").as_deref(), Some("projects/x/img.png"));
        assert_eq!(normalize("", "../a.md"), None);
    }

    #[test]
    fn encodes_what_a_path_cannot_hold() {
        assert_eq!(encode_path("docs/项目 介绍#1?.pdf"), "docs/%E9%A1%B9%E7%9B%AE%20%E4%BB%8B%E7%BB%8D%231%3F.pdf");
        assert_eq!(encode_path("a-b_c.1~/x(1).pdf"), "a-b_c.1~/x(1).pdf");
        assert_eq!(percent_decode(&encode_path("100% 好#?")), "100% 好#?");
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("a%20b.md"), "a b.md");
        assert_eq!(percent_decode("%E4%B8%AD.md"), "中.md");
        assert_eq!(percent_decode("100%"), "100%");
        // Request paths of the brochure's server too: bad escapes are kept.
        assert_eq!(percent_decode("/a%20b/%E4%B8%AD"), "/a b/中");
        assert_eq!(percent_decode("/100%"), "/100%");
        assert_eq!(percent_decode("/%zz"), "/%zz");
    }
}
