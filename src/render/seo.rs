//! What search engines read: `sitemap.xml` with language alternates (split into a sitemap
//! index past 50,000 addresses), `robots.txt`, and schema.org JSON-LD for page heads. The
//! addresses are chosen here; the markup is the theme's `sitemap.xml`, `sitemap_index.xml`
//! and `robots.txt`.

use serde::Serialize;
use serde_json::{Value, json};

use super::context::{Cx, OutFile, is_published};
use super::model::{Alternate, PageModel, RobotsContext, SitemapContext, SitemapIndexContext, SitemapUrl};
use super::templates;
use crate::diagnostics::Diagnostics;
use crate::domain::{Domain, Status};
use crate::load::theme::Theme;
use crate::resolve::{Kind, Page, Site};

/// The sitemaps.org limit of addresses per sitemap file.
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// Pages that belong in a sitemap: published, meant to be found (not the 404 page, the
/// administrators' report, the translation status, the search page, or a draft in a preview build, which are `noindex`).
fn in_sitemap(site: &Site, page: &Page) -> bool {
    is_published(site, page)
        && page.unpublished.is_none()
        && !matches!(page.kind, Kind::PoolReport | Kind::Search | Kind::TranslationStatus)
}

fn entries(site: &Site) -> Vec<SitemapUrl> {
    let base = &site.config.base_url;
    let mut out = Vec::new();
    for page in site.pages.iter().filter(|p| in_sitemap(site, p)) {
        let real: Vec<_> = page.versions.iter().filter(|v| !v.fallback).collect();
        let alternates: Vec<Alternate> =
            real.iter().map(|v| Alternate { code: v.lang.clone(), permalink: format!("{base}{}", v.path) }).collect();
        let x_default = format!("{base}{}", page.x_default_version(site.config.default_lang()).path);
        for v in &real {
            out.push(SitemapUrl {
                loc: format!("{base}{}", v.path),
                lastmod: page.date.map(|d| d.iso()),
                alternates: if real.len() > 1 { alternates.clone() } else { Vec::new() },
                x_default: x_default.clone(),
            });
        }
    }
    out
}

/// `sitemap.xml`, or past `max` addresses a sitemap index with `sitemap-N.xml` parts, from
/// the theme's `sitemap.xml` and `sitemap_index.xml` rendered by `xml` (the engine that
/// escapes as XML). `cx` is the default language's.
pub fn sitemaps(xml: &tera::Tera, theme: &Theme, cx: &Cx, max: usize, diags: &Diagnostics) -> Vec<OutFile> {
    let all = entries(cx.site);
    let site = &cx.site_model;
    if all.len() <= max {
        return render_file(xml, theme, cx, "sitemap.xml", "sitemap.xml", &SitemapContext { site, urls: &all }, diags)
            .into_iter()
            .collect();
    }
    let mut files = Vec::new();
    let mut sitemaps = Vec::new();
    for (n, urls) in all.chunks(max.max(1)).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        sitemaps.push(format!("{}/{name}", site.base_url));
        files.extend(render_file(xml, theme, cx, "sitemap.xml", &name, &SitemapContext { site, urls }, diags));
    }
    let index = SitemapIndexContext { site, sitemaps };
    files.extend(render_file(xml, theme, cx, "sitemap_index.xml", "sitemap.xml", &index, diags));
    files
}

/// `robots.txt` from the theme's template; `cx` is the default language's.
pub fn robots(tera: &tera::Tera, theme: &Theme, cx: &Cx, diags: &Diagnostics) -> Option<OutFile> {
    let ctx = RobotsContext { site: &cx.site_model, sitemap_url: format!("{}/sitemap.xml", cx.site.config.base_url) };
    render_file(tera, theme, cx, "robots.txt", "robots.txt", &ctx, diags)
}

/// A file at the root of the output from one template.
fn render_file(
    tera: &tera::Tera,
    theme: &Theme,
    cx: &Cx,
    template: &str,
    path: &str,
    ctx: &impl Serialize,
    diags: &Diagnostics,
) -> Option<OutFile> {
    let text = templates::render(tera, theme, template, ctx, &cx.shared, &cx.url(&format!("/{path}")), diags)?;
    Some(OutFile { path: path.to_string(), bytes: text.into_bytes() })
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
        point.insert("telephone".into(), json!(crate::units::present_phone(p, "en").display));
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
