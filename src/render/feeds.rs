//! Atom feeds per language: one for projects, one for policies, one for news, and one for
//! all three (`atom.xml` at the language's root). Only real translations are entries: an
//! English feed does not carry Chinese text shown as a fallback.

use super::context::{Cx, OutFile};
use super::labels::sorted_children;
use super::model::FeedLink;
use super::seo::xml_escape;
use crate::resolve::Page;

/// The sections that have feeds.
pub const FEED_SECTIONS: &[&str] = &["projects", "policies", "news"];
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

pub fn feeds(cx: &Cx) -> Vec<OutFile> {
    let prefix = cx.site.config.lang_prefix(cx.lang);
    let site_title = cx.site.config.title.get_or_empty(cx.lang, cx.default_lang());
    let mut out = vec![feed(cx, &format!("{prefix}/atom.xml"), &site_title, &format!("{prefix}/"), FEED_SECTIONS)];
    for section in FEED_SECTIONS {
        if !has_entries(cx, section) {
            continue;
        }
        let title = cx.site.page(section).map(|s| cx.title(s)).unwrap_or_default();
        let path = format!("{prefix}/{section}/atom.xml");
        out.push(feed(cx, &path, &format!("{title} - {site_title}"), &format!("{prefix}/{section}/"), &[section]));
    }
    out
}

fn feed(cx: &Cx, path: &str, title: &str, html_path: &str, sections: &[&str]) -> OutFile {
    let pages = entries(cx, sections);
    let updated = pages.iter().filter_map(|p| p.date).max().map(|d| d.iso()).unwrap_or_else(|| cx.site.today.iso());
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n", cx.lang));
    x.push_str(&format!("  <title>{}</title>\n", xml_escape(title)));
    x.push_str(&format!("  <id>{}</id>\n", xml_escape(&cx.permalink(path))));
    x.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_escape(&cx.permalink(path))
    ));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&cx.permalink(html_path))
    ));
    x.push_str(&format!("  <updated>{updated}T00:00:00Z</updated>\n"));
    let author = cx
        .site
        .config
        .contact
        .org
        .get(cx.lang, cx.default_lang())
        .map(str::to_string)
        .unwrap_or_else(|| title.to_string());
    x.push_str(&format!("  <author><name>{}</name></author>\n", xml_escape(&author)));
    x.push_str(&format!("  <generator>investsite {}</generator>\n", env!("CARGO_PKG_VERSION")));
    for p in pages {
        let link = cx.permalink(&p.version(cx.lang).path);
        let date = p.date.map(|d| d.iso()).unwrap_or_default();
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <title>{}</title>\n", xml_escape(&cx.title(p))));
        x.push_str(&format!("    <id>{}</id>\n", xml_escape(&link)));
        x.push_str(&format!("    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml_escape(&link)));
        x.push_str(&format!("    <published>{date}T00:00:00Z</published>\n"));
        x.push_str(&format!("    <updated>{date}T00:00:00Z</updated>\n"));
        let section = p.key.split('/').next().unwrap_or("");
        if let Some(s) = cx.site.page(section) {
            x.push_str(&format!(
                "    <category term=\"{}\" label=\"{}\"/>\n",
                xml_escape(section),
                xml_escape(&cx.title(s))
            ));
        }
        if let Some(summary) = cx.summary(p) {
            x.push_str(&format!("    <summary>{}</summary>\n", xml_escape(&summary)));
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    OutFile { path: path.trim_start_matches('/').to_string(), bytes: x.into_bytes() }
}
