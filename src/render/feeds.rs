//! Atom feeds per language: one for projects, one for policies, one for news, one for
//! events, and one for all four (`atom.xml` at the language's root). Only real translations are entries: an
//! English feed does not carry Chinese text shown as a fallback. The entries are chosen
//! here; the markup is the theme's `atom.xml`.

use super::context::{Cx, OutFile};
use super::labels::sorted_children;
use super::model::{FeedCategory, FeedContext, FeedEntry, FeedLink, FeedModel};
use super::templates;
use crate::diagnostics::Diagnostics;
use crate::load::theme::Theme;
use crate::resolve::Page;
use crate::units::Date;

/// The sections that have feeds.
pub const FEED_SECTIONS: &[&str] = &["projects", "policies", "news", "events"];
const MAX_ENTRIES: usize = 50;

/// The feed addresses (below the base path) a page's head links to: the language's
/// feed of everything, and its section's feed.
pub fn feed_links(cx: &Cx, page: &Page) -> Vec<FeedLink> {
    let prefix = cx.site.config.lang_prefix(cx.lang);
    let site_title = cx.site.config.title.get_or_empty(cx.lang, cx.default_lang());
    let mut out = vec![FeedLink { url: cx.url(&format!("{prefix}/atom.xml")), title: site_title.clone() }];
    let section = page.key.split('/').next().unwrap_or("");
    if FEED_SECTIONS.contains(&section) && has_entries(cx, section) {
        let title = cx.site.page(section).map(|s| cx.title(s)).unwrap_or_default();
        out.push(FeedLink {
            url: cx.url(&format!("{prefix}/{section}/atom.xml")),
            title: format!("{title} - {site_title}"),
        });
    }
    out
}

fn has_entries(cx: &Cx, section: &str) -> bool {
    cx.feed_sections
        .get_or_init(|| FEED_SECTIONS.iter().filter(|s| !entries(cx, &[s]).is_empty()).map(|s| s.to_string()).collect())
        .iter()
        .any(|s| s == section)
}

/// Dated pages of the sections, newest first, real translations only.
fn entries<'a>(cx: &Cx<'a>, sections: &[&str]) -> Vec<&'a Page> {
    let mut pages: Vec<&Page> = sections
        .iter()
        .flat_map(|s| sorted_children(cx, s))
        .filter(|p| p.date.is_some() && !p.version(cx.lang).fallback)
        .collect();
    pages.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.key.cmp(&b.key)));
    pages.truncate(MAX_ENTRIES);
    pages
}

/// The language's feeds from the theme's `atom.xml`, rendered by `xml` (the engine that
/// escapes as XML).
pub fn feeds(xml: &tera::Tera, theme: &Theme, cx: &Cx, diags: &Diagnostics) -> Vec<OutFile> {
    let prefix = cx.site.config.lang_prefix(cx.lang);
    let site_title = cx.site.config.title.get_or_empty(cx.lang, cx.default_lang());
    let mut feeds = vec![(format!("{prefix}/atom.xml"), feed(cx, &site_title, &format!("{prefix}/"), None))];
    for section in FEED_SECTIONS {
        if !has_entries(cx, section) {
            continue;
        }
        let title = cx.site.page(section).map(|s| cx.title(s)).unwrap_or_default();
        let model = feed(cx, &format!("{title} - {site_title}"), &format!("{prefix}/{section}/"), Some(*section));
        feeds.push((format!("{prefix}/{section}/atom.xml"), model));
    }
    feeds
        .into_iter()
        .filter_map(|(path, feed)| {
            let ctx = FeedContext { lang: cx.lang, site: &cx.site_model, feed };
            let text = templates::render(xml, theme, "atom.xml", &ctx, &cx.shared, &cx.url(&path), diags)?;
            Some(OutFile { path: path.trim_start_matches('/').to_string(), bytes: text.into_bytes() })
        })
        .collect()
}

/// A feed of `section` (every feed section when none), with the page it follows at `html_path`.
fn feed(cx: &Cx, title: &str, html_path: &str, section: Option<&'static str>) -> FeedModel {
    let sections: &[&str] = match &section {
        Some(s) => std::slice::from_ref(s),
        None => FEED_SECTIONS,
    };
    let pages = entries(cx, sections);
    let updated = pages.iter().filter_map(|p| p.date).max().unwrap_or(cx.site.today);
    let author = cx
        .site
        .config
        .contact
        .org
        .get(cx.lang, cx.default_lang())
        .map(str::to_string)
        .unwrap_or_else(|| title.to_string());
    let prefix = cx.site.config.lang_prefix(cx.lang);
    let path = match section {
        Some(s) => format!("{prefix}/{s}/atom.xml"),
        None => format!("{prefix}/atom.xml"),
    };
    FeedModel {
        title: title.to_string(),
        permalink: cx.permalink(&path),
        alternate: cx.permalink(html_path),
        updated: timestamp(updated),
        author,
        section,
        generator: "investsite".to_string(),
        version: env!("CARGO_PKG_VERSION"),
        entries: pages.into_iter().map(|p| entry(cx, p)).collect(),
    }
}

fn entry(cx: &Cx, p: &Page) -> FeedEntry {
    let date = p.date.map(timestamp).unwrap_or_default();
    let section = p.key.split('/').next().unwrap_or("");
    FeedEntry {
        title: cx.title(p),
        permalink: cx.permalink(&p.version(cx.lang).path),
        published: date.clone(),
        updated: date,
        category: cx.site.page(section).map(|s| FeedCategory { term: section.to_string(), label: cx.title(s) }),
        summary: cx.summary(p),
    }
}

/// Atom dates are RFC 3339 timestamps; pages have days.
fn timestamp(d: Date) -> String {
    format!("{}T00:00:00Z", d.iso())
}
