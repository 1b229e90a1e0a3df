//! What search engines read: `sitemap.xml` with language alternates (split into a sitemap
//! index past 50,000 addresses), `robots.txt`, and schema.org JSON-LD for page heads.

use serde_json::{Value, json};

use super::context::{Cx, OutFile, is_published};
use super::model::PageModel;
use crate::domain::{Domain, Status};
use crate::resolve::{Kind, Page, Site};

/// The sitemaps.org limit of addresses per sitemap file.
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// Pages that belong in a sitemap: published, meant to be found (not the 404 page, the
/// administrators' report or the search page, which are `noindex`).
fn in_sitemap(site: &Site, page: &Page) -> bool {
    is_published(site, page) && !matches!(page.kind, Kind::PoolReport | Kind::Search)
}

struct Entry {
    loc: String,
    lastmod: Option<String>,
    /// (language, address) of every real translation, for `xhtml:link` alternates.
    alternates: Vec<(String, String)>,
    x_default: String,
}

fn entries(site: &Site) -> Vec<Entry> {
    let base = &site.config.base_url;
    let mut out = Vec::new();
    for page in site.pages.iter().filter(|p| in_sitemap(site, p)) {
        let real: Vec<_> = page.versions.iter().filter(|v| !v.fallback).collect();
        let alternates: Vec<(String, String)> =
            real.iter().map(|v| (v.lang.clone(), format!("{base}{}", v.path))).collect();
        let x_default = format!("{base}{}", page.version(site.config.default_lang()).path);
        for v in &real {
            out.push(Entry {
                loc: format!("{base}{}", v.path),
                lastmod: page.date.map(|d| d.iso()),
                alternates: if real.len() > 1 { alternates.clone() } else { Vec::new() },
                x_default: x_default.clone(),
            });
        }
    }
    out
}

/// `sitemap.xml`, or past `max` addresses a sitemap index with `sitemap-N.xml` parts.
pub fn sitemaps(site: &Site, max: usize) -> Vec<OutFile> {
    let all = entries(site);
    let base = &site.config.base_url;
    if all.len() <= max {
        return vec![OutFile { path: "sitemap.xml".into(), bytes: urlset(&all).into_bytes() }];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in all.chunks(max.max(1)).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!("  <sitemap><loc>{}</loc></sitemap>\n", xml_escape(&format!("{base}/{name}"))));
        files.push(OutFile { path: name, bytes: urlset(chunk).into_bytes() });
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutFile { path: "sitemap.xml".into(), bytes: index.into_bytes() });
    files
}

fn urlset(entries: &[Entry]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for e in entries {
        s.push_str("  <url>\n");
        s.push_str(&format!("    <loc>{}</loc>\n", xml_escape(&e.loc)));
        if let Some(d) = &e.lastmod {
            s.push_str(&format!("    <lastmod>{d}</lastmod>\n"));
        }
        for (lang, href) in &e.alternates {
            s.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>\n",
                xml_escape(href)
            ));
        }
        if !e.alternates.is_empty() {
            s.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n",
                xml_escape(&e.x_default)
            ));
        }
        s.push_str("  </url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

pub fn robots(site: &Site) -> OutFile {
    let text = format!("User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n", site.config.base_url);
    OutFile { path: "robots.txt".into(), bytes: text.into_bytes() }
}

pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

/// schema.org data for a page: the organisation on the home page, breadcrumbs elsewhere,
/// `Legislation` for policies and `NewsArticle` for news. Returned as a string safe inside
/// `<script type="application/ld+json">`.
pub fn json_ld(cx: &Cx, page: &Page, page_obj: &PageModel) -> Option<String> {
    let mut graph = Vec::new();
    if page.kind == Kind::Home {
        graph.push(organization(cx));
    }
    if let Some(crumbs) = breadcrumb_list(page_obj) {
        graph.push(crumbs);
    }
    match &page.domain {
        Domain::Policy(p) => {
            let issuer = page.version(cx.lang).texts.issuer.clone();
            let force = match p.status(cx.site.today) {
                Status::InForce => "InForce",
                _ => "NotInForce",
            };
            let mut l = json!({
                "@type": "Legislation",
                "name": cx.title(page),
                "url": page_obj.permalink,
                "inLanguage": cx.lang,
                "legislationDate": p.published.iso(),
                "legislationLegalForce": force,
                "legislationJurisdiction": cx.site.config.title.get_or_empty(cx.lang, cx.default_lang()),
            });
            if let Some(n) = &p.doc_number {
                l["legislationIdentifier"] = json!(n);
            }
            if let Some(i) = issuer {
                l["legislationPassedBy"] = json!({"@type": "GovernmentOrganization", "name": i});
            }
            if let Some(d) = p.effective {
                l["legislationDateVersion"] = json!(d.iso());
            }
            if let Some(d) = p.expires {
                l["expires"] = json!(d.iso());
            }
            graph.push(l);
        }
        Domain::Plain if page.key.starts_with("news/") && page.date.is_some() => {
            graph.push(json!({
                "@type": "NewsArticle",
                "headline": cx.title(page),
                "url": page_obj.permalink,
                "inLanguage": page_obj.content_lang,
                "datePublished": page.date.map(|d| d.iso()),
                "publisher": {"@type": "GovernmentOrganization", "name": cx.site.config.contact.org.get_or_empty(cx.lang, cx.default_lang())},
            }));
        }
        _ => {}
    }
    if graph.is_empty() {
        return None;
    }
    let doc = json!({"@context": "https://schema.org", "@graph": graph});
    Some(crate::sanitize::json_for_script(&doc))
}

fn organization(cx: &Cx) -> Value {
    let c = &cx.site.config;
    let dl = cx.default_lang();
    let name = c.contact.org.get(cx.lang, dl).map(str::to_string).unwrap_or_else(|| c.title.get_or_empty(cx.lang, dl));
    let mut org = json!({
        "@type": "GovernmentOrganization",
        "name": name,
        "url": format!("{}{}/", c.base_url, c.lang_prefix(cx.lang)),
    });
    if let Some(logo) = &c.logo {
        org["logo"] = json!(if logo.contains("://") {
            logo.clone()
        } else {
            format!("{}/{}", c.base_url, logo.trim_start_matches('/'))
        });
    }
    let mut point = serde_json::Map::new();
    if let Some(p) = &c.contact.phone {
        point.insert("telephone".into(), json!(p));
    }
    if let Some(e) = &c.contact.email {
        point.insert("email".into(), json!(e));
    }
    if !point.is_empty() {
        point.insert("@type".into(), json!("ContactPoint"));
        point.insert("contactType".into(), json!("investment promotion"));
        org["contactPoint"] = Value::Object(point);
    }
    if let Some(a) = c.contact.address.get(cx.lang, dl) {
        org["address"] = json!(a);
    }
    org
}

fn breadcrumb_list(page_obj: &PageModel) -> Option<Value> {
    let crumbs = &page_obj.breadcrumbs;
    if crumbs.is_empty() {
        return None;
    }
    let mut items: Vec<Value> = crumbs
        .iter()
        .enumerate()
        .map(|(i, c)| json!({"@type": "ListItem", "position": i + 1, "name": c.title, "item": c.permalink}))
        .collect();
    items.push(json!({"@type": "ListItem", "position": items.len() + 1, "name": page_obj.title}));
    Some(json!({"@type": "BreadcrumbList", "itemListElement": items}))
}
