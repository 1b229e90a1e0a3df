//! The template context: what every template receives (documented in
//! `docs/reference.md`, Templates). All values are ready to print: amounts, dates and labels
//! are formatted for the reader's language here, so templates stay simple to override.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::{Value, json};

use super::{Bodies, facts};
use crate::domain::{Domain, Status};
use crate::markdown;
use crate::resolve::{Generated, Kind, Page, Site};
use crate::theme::{Source, Theme};

/// Length of automatic summaries, in characters.
const SUMMARY_CHARS: usize = 120;

/// Everything needed to render pages in one language.
pub struct Cx<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub bodies: &'a Bodies,
    pub lang: &'a str,
    site_json: Value,
    /// Each section's pages in reading order (page indices), computed once: lists and
    /// related items ask for them on every page.
    children: HashMap<String, Vec<usize>>,
    /// Cards are the same wherever a page is listed; made once per page.
    cards: Vec<OnceLock<Value>>,
    /// Sections whose feed has entries in this language (asked by every page's head).
    pub feed_sections: OnceLock<Vec<String>>,
    /// The finders' data files by section: the list page names them with their fingerprint
    /// and the output holds them, so each is made once.
    pub finder_data: OnceLock<HashMap<String, String>>,
    /// The parts of every template context that are the same on every page (UI strings,
    /// data files), converted for Tera once: its values share their memory, so each page
    /// gets them for the price of a pointer instead of a copy.
    pub shared: tera::Context,
    /// Fingerprint of this language's search index, for its address on the search page.
    pub search_version: Option<String>,
}

impl<'a> Cx<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme, bodies: &'a Bodies, lang: &'a str) -> Self {
        let mut cx = Cx {
            site,
            theme,
            bodies,
            lang,
            site_json: Value::Null,
            children: HashMap::new(),
            cards: (0..site.pages.len()).map(|_| OnceLock::new()).collect(),
            feed_sections: OnceLock::new(),
            finder_data: OnceLock::new(),
            shared: tera::Context::new(),
            search_version: None,
        };
        cx.site_json = cx.site_object();
        cx.shared = cx.shared_context();
        cx.children = sort_all_sections(&cx);
        cx
    }

    pub fn default_lang(&self) -> &str {
        self.site.config.default_lang()
    }

    /// A UI string of the theme.
    pub fn t(&self, key: &str) -> String {
        self.theme.t(self.lang, key)
    }

    /// A UI string with `{name}` placeholders filled.
    pub fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self.t(key);
        for (k, v) in args {
            s = s.replace(&format!("{{{k}}}"), v);
        }
        s
    }

    /// A path below the base path: `/en/projects/` → `/invest/en/projects/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.site.config.base_path())
    }

    pub fn permalink(&self, path: &str) -> String {
        format!("{}{path}", self.site.config.base_url)
    }

    pub fn page_url(&self, page: &Page) -> String {
        self.url(&page.version(self.lang).path)
    }

    pub fn text(&self, t: &crate::fields::LangText) -> String {
        t.get_or_empty(self.lang, self.default_lang())
    }

    pub fn title(&self, page: &Page) -> String {
        if let Some((section, facet, value)) = super::finder::filter_of(page) {
            return super::finder::title(self, section, facet, value);
        }
        let t = &page.version(self.lang).title;
        if !t.is_empty() {
            return t.clone();
        }
        let name = page.key.rsplit('/').next().unwrap_or("");
        let key = format!("section.{name}");
        match self.theme.i18n.get(self.lang).and_then(|m| m.get(&key)) {
            Some(s) => s.clone(),
            None => capitalize(name),
        }
    }

    fn body(&self, page: &Page) -> Option<&super::Body> {
        let i = self.site.by_key.get(&page.key)?;
        self.bodies.get(&(*i, self.lang.to_string()))
    }

    /// The page's own summary, else the start of its text.
    pub fn summary(&self, page: &Page) -> Option<String> {
        let v = page.version(self.lang);
        if let Some(s) = v.front.get("summary").and_then(crate::resolve::value_text).filter(|s| !s.is_empty()) {
            return Some(s);
        }
        if let Some(g) = &page.generated {
            return match g {
                Generated::Chain(id) => self.site.env.chain(id).map(|c| self.text(&c.description)),
                Generated::Region(id) => self.site.env.region(id).map(|r| self.text(&r.summary)),
                Generated::Filter { section, facet, value } => {
                    Some(super::finder::summary(self, section, *facet, value))
                }
                Generated::PoolIndustry(_) | Generated::PoolReport => None,
            }
            .filter(|s| !s.is_empty())
            .map(|s| markdown::summarize(&s, SUMMARY_CHARS));
        }
        let body = self.body(page)?;
        let s = markdown::summarize(&body.text, SUMMARY_CHARS);
        (!s.is_empty()).then_some(s)
    }

    pub fn status(&self, page: &Page) -> Option<Status> {
        match &page.domain {
            Domain::Project(p) => Some(p.status(self.site.today)),
            Domain::Policy(p) => Some(p.status(self.site.today)),
            _ => None,
        }
    }

    pub fn card(&self, page: &Page) -> Value {
        match self.site.by_key.get(&page.key) {
            Some(&i) => self.cards[i].get_or_init(|| self.make_card(page)).clone(),
            None => self.make_card(page),
        }
    }

    fn make_card(&self, page: &Page) -> Value {
        let status = self.status(page);
        json!({
            "title": self.title(page),
            "url": self.page_url(page),
            "summary": self.summary(page),
            "date": page.date.map(|d| d.format(self.lang)),
            "kind": page.kind.id(),
            "status": status.map(Status::id),
            "status_label": status.map(|s| self.status_label(s)),
            "facts": facts::card_facts(self, page),
            "fallback": page.version(self.lang).fallback,
            "content_lang": page.version(self.lang).file.map(|i| self.site.files[i].lang.clone()).unwrap_or_else(|| self.lang.to_string()),
        })
    }

    pub fn status_label(&self, s: Status) -> String {
        self.theme.t(self.lang, &format!("status.{}", s.id())).to_string()
    }

    fn site_object(&self) -> Value {
        let c = &self.site.config;
        let lang = self.lang;
        let dl = c.default_lang();
        let home = self.url(&format!("{}/", c.lang_prefix(lang)));
        let nav: Vec<Value> = c
            .nav
            .iter()
            .map(|item| {
                let url = nav_url(self, &item.url);
                json!({"name": item.name.get_or_empty(lang, dl), "url": url, "active": false})
            })
            .collect();
        let css_url = self.static_url("css/style.css");
        let favicon = c.favicon.clone().map(|f| self.asset_url(&f)).unwrap_or_else(|| self.url("/favicon.svg"));
        let rate_note = c.currency.as_ref().map(|cur| {
            let as_of = cur.as_of.map(|ym| ym.format(lang)).unwrap_or_default();
            self.tf("rate_note", &[("rate", &cur.usd_rate.normalize().to_string()), ("as_of", &as_of)])
        });
        json!({
            "title": c.title.get_or_empty(lang, dl),
            "description": c.description.get_or_empty(lang, dl),
            "base_url": c.base_url,
            "home_url": home,
            // Scripts build links from these; `build --relative` rewrites data-root per page.
            "root": format!("{}/", c.base_path()),
            "base_path": c.base_path(),
            "logo": c.logo.as_ref().map(|l| self.asset_url(l)),
            "favicon": favicon,
            "css_url": css_url,
            "contact": {
                "org": c.contact.org.get(lang, dl),
                "address": c.contact.address.get(lang, dl),
                "phone": c.contact.phone,
                "email": c.contact.email,
                "wechat": c.contact.wechat,
            },
            "icp": c.icp,
            "police_filing": c.police_filing,
            "police_filing_code": c.police_filing.as_ref().map(|p| p.chars().filter(char::is_ascii_digit).collect::<String>()).filter(|s| !s.is_empty()),
            "nav": nav,
            "year": self.site.today.year,
            "default_lang": dl,
            "extra": c.extra,
            "rate_note": rate_note,
            "languages": c.languages,
            "search_url": self.site.page("search").map(|p| self.page_url(p)),
        })
    }

    /// Fingerprint of a theme static file (`js/search.js`), for addresses that change when
    /// the file does: WeChat's browser caches scripts and styles regardless of headers.
    pub fn static_version(&self, rel: &str) -> Option<String> {
        // A file of the site's static/ is published in place of the theme's: its bytes count.
        if let Some((path, _)) = self.site.static_files.iter().find(|(_, r)| r == rel) {
            return Some(short_hash(&source_bytes(&Source::Disk(path.clone()))));
        }
        self.theme.static_files.get(rel).map(|s| short_hash(&source_bytes(s)))
    }

    /// `/css/style.css?v=…` for a theme static file, below the base path.
    pub fn static_url(&self, rel: &str) -> String {
        let url = self.url(&format!("/{rel}"));
        match self.static_version(rel) {
            Some(v) => format!("{url}?v={v}"),
            None => url,
        }
    }

    fn asset_url(&self, path: &str) -> String {
        if path.contains("://") { path.to_string() } else { self.url(&format!("/{}", path.trim_start_matches('/'))) }
    }

    /// The context shared by all templates; `page`, `section` and `home` are filled per page.
    pub fn base_context(&self) -> Value {
        json!({
            "lang": self.lang,
            "dir": if crate::config::Config::is_rtl(self.lang) { "rtl" } else { "ltr" },
            "site": self.site_json,
            "section": null,
            "home": null,
            "finder": null,
        })
    }
}

impl Cx<'_> {
    /// The UI strings of this language as a JSON map (for contexts built outside pages).
    pub fn strings(&self) -> Value {
        json!(self.theme.i18n.get(self.lang).cloned().unwrap_or_default())
    }

    fn shared_context(&self) -> tera::Context {
        let mut c = tera::Context::new();
        c.insert("t", &self.theme.i18n.get(self.lang).cloned().unwrap_or_default());
        let data: serde_json::Map<String, Value> =
            self.site.data.iter().map(|(k, d)| (k.clone(), d.value.clone())).collect();
        c.insert("data", &data);
        c
    }
}

pub(super) fn source_bytes(s: &Source) -> Vec<u8> {
    match s {
        Source::Embedded(b) => b.to_vec(),
        Source::Disk(p) => std::fs::read(p).unwrap_or_default(),
    }
}

/// FNV-1a: a stable fingerprint for cache-busting URLs (WeChat caches CSS aggressively).
pub fn short_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{:08x}", h >> 32)
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Menu entries are written for the default language (`/projects/`); other languages get
/// their prefix. External addresses stay as they are.
fn nav_url(cx: &Cx, url: &str) -> String {
    if url.contains("://") || url.starts_with("mailto:") || url.starts_with("tel:") {
        return url.to_string();
    }
    let path = if url.starts_with('/') { url.to_string() } else { format!("/{url}") };
    cx.url(&format!("{}{path}", cx.site.config.lang_prefix(cx.lang)))
}

fn translations(cx: &Cx, page: &Page) -> Vec<Value> {
    page.versions
        .iter()
        .map(|v| {
            json!({
                "code": v.lang,
                "name": cx.theme.t(&v.lang, "language_name"),
                "url": cx.url(&v.path),
                "permalink": cx.permalink(&v.path),
                "current": v.lang == cx.lang,
                "fallback": v.fallback,
            })
        })
        .collect()
}

/// The languages a page really exists in: a fallback repeats another language's text, so
/// it is no alternate (search engines would see a duplicate).
fn alternates(cx: &Cx, page: &Page) -> Vec<Value> {
    // A fallback's canonical is the original; hreflang on it would not be reciprocated.
    if page.version(cx.lang).fallback {
        return Vec::new();
    }
    page.versions
        .iter()
        .filter(|v| !v.fallback)
        .map(|v| json!({"code": v.lang, "permalink": cx.permalink(&v.path)}))
        .collect()
}

/// A fallback page's canonical address is the original it shows.
fn canonical(cx: &Cx, page: &Page) -> String {
    let v = page.version(cx.lang);
    if v.fallback { cx.permalink(&page.original_version().path) } else { cx.permalink(&v.path) }
}

fn breadcrumbs(cx: &Cx, page: &Page) -> Vec<Value> {
    let mut chain = Vec::new();
    let mut parent = page.parent.clone();
    while let Some(key) = parent {
        match cx.site.page(&key) {
            Some(p) => {
                let title = if p.kind == Kind::Home { cx.t("home").to_string() } else { cx.title(p) };
                chain.push(
                    json!({"title": title, "url": cx.page_url(p), "permalink": cx.permalink(&p.version(cx.lang).path)}),
                );
                parent = p.parent.clone();
            }
            None => break,
        }
    }
    chain.reverse();
    chain
}

/// The `page` object of the context.
fn page_object(cx: &Cx, page: &Page) -> Value {
    let v = page.version(cx.lang);
    let body = cx.body(page);
    let status = cx.status(page);
    let content_lang = match v.file {
        Some(i) => cx.site.files[i].lang.clone(),
        None => cx.lang.to_string(),
    };
    let fallback_notice = v.fallback.then(|| {
        let lang_name = cx.theme.t(cx.lang, &format!("language.{content_lang}"));
        let lang_name =
            if lang_name.starts_with("language.") { cx.theme.t(&content_lang, "language_name") } else { lang_name };
        cx.tf("fallback_notice", &[("lang", &lang_name)])
    });
    let x_default = (!v.fallback).then(|| cx.permalink(&page.version(cx.default_lang()).path));
    let mut obj = json!({
        "kind": page.kind.id(),
        "key": page.key,
        "title": cx.title(page),
        "summary": cx.summary(page),
        "summary_written": v.front.get("summary").is_some(),
        "url": cx.url(&v.path),
        "permalink": cx.permalink(&v.path),
        "content": body.map(|b| b.html.clone()).unwrap_or_default(),
        "toc": body.map(|b| b.toc.iter().map(|h| json!({"level": h.level, "id": h.id, "text": h.text})).collect::<Vec<_>>()).unwrap_or_default(),
        "date": page.date.map(|d| d.format(cx.lang)),
        "date_iso": page.date.map(|d| d.iso()),
        "reading_time": body.filter(|b| !b.text.trim().is_empty()).map(|b| cx.tf("format.reading_time", &[("n", &markdown::reading_minutes(&b.text).to_string())])),
        "translations": translations(cx, page),
        "alternates": alternates(cx, page),
        "canonical": canonical(cx, page),
        "x_default": x_default,
        "fallback": v.fallback,
        "fallback_notice": fallback_notice,
        "content_lang": content_lang,
        "breadcrumbs": breadcrumbs(cx, page),
        "status": status.map(Status::id),
        "status_label": status.map(|s| cx.status_label(s)),
        "status_notice": status.and_then(|s| match s {
            Status::Closed => Some(cx.t("notice.closed")),
            Status::Expired => Some(cx.t("notice.expired")),
            Status::Pending => Some(cx.t("notice.pending")),
            _ => None,
        }),
        "facts": facts::page_facts(cx, page),
        "tags": v.front.get("tags").map(tag_list).unwrap_or_default(),
        "images": facts::images(cx, page),
        "attachments": facts::attachments(cx, page),
        "contact": facts::contact(cx, page),
        "prices": [], "indicators": [], "segments": [], "projects": [], "policies": [], "results": [],
    });
    facts::add_related(cx, page, &mut obj);
    super::map::add_to_page(cx, page, &mut obj);
    super::profiles::add_to_page(cx, page, &mut obj);
    obj
}

fn tag_list(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().filter_map(crate::resolve::value_text).collect(),
        Value::String(s) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// The contexts of one page in one language: one, or one per page of a paginated list.
pub fn page_contexts(cx: &Cx, page: &Page) -> Vec<(String, Value)> {
    let mut base = cx.base_context();
    base["page"] = page_object(cx, page);
    base["pool"] = Value::Null;
    super::pool::add_to_page(cx, page, &mut base);
    base["page"]["json_ld"] = json!(super::seo::json_ld(cx, page, &base["page"]));
    base["page"]["feeds"] = super::feeds::feed_links(cx, page)
        .into_iter()
        .map(|(url, title)| json!({"url": url, "title": title}))
        .collect();
    super::search::add_to_page(cx, page, &mut base);
    mark_active_nav(&mut base, cx, page);
    let path = page.version(cx.lang).path.clone();
    match page.kind {
        Kind::Home => {
            base["home"] = home_object(cx);
            vec![(path, base)]
        }
        Kind::Section => {
            let mut contexts = paginate(cx, page, base, &path, sorted_children(cx, &page.key));
            if super::finder::is_finder_section(page) {
                contexts[0].1["finder"] = super::finder::finder_object(cx, page);
            }
            contexts
        }
        Kind::Filter => {
            let (section, facet, value) = super::finder::filter_of(page).expect("a filter page is generated");
            paginate(cx, page, base, &path, super::finder::matching(cx, section, facet, value))
        }
        _ => vec![(path, base)],
    }
}

fn mark_active_nav(ctx: &mut Value, cx: &Cx, page: &Page) {
    let url = cx.page_url(page);
    let home = cx.url(&format!("{}/", cx.site.config.lang_prefix(cx.lang)));
    if let Some(items) = ctx["site"]["nav"].as_array_mut() {
        for item in items {
            let nav = item["url"].as_str().unwrap_or("").to_string();
            item["active"] = Value::Bool(nav != home && url.starts_with(&nav));
        }
    }
}

/// A section's list, cut into pages of `paginate_by`: page 1 at the section's URL, page
/// N at `page/N/`.
fn paginate(cx: &Cx, page: &Page, base: Value, path: &str, children: Vec<&Page>) -> Vec<(String, Value)> {
    let subsections: Vec<Value> = cx
        .site
        .subsections(&page.key)
        .map(|s| json!({"title": cx.title(s), "url": cx.page_url(s), "summary": cx.summary(s), "count": sorted_children(cx, &s.key).len()}))
        .collect();
    // The chains overview is one table of every chain: a city has a dozen, not hundreds.
    let per = if page.key == "chains" { children.len().max(1) } else { cx.site.config.paginate_by.max(1) };
    let total = children.len().div_ceil(per).max(1);
    let page_path = |n: usize| if n == 1 { path.to_string() } else { format!("{path}page/{n}/") };
    let content = base["page"]["content"].clone();
    (1..=total)
        .map(|n| {
            let mut ctx = base.clone();
            let items: Vec<Value> = children.iter().skip((n - 1) * per).take(per).map(|p| cx.card(p)).collect();
            let paginator = (total > 1).then(|| {
                json!({
                    "current": n,
                    "total": total,
                    "label": cx.tf("format.page_n_of_m", &[("n", &n.to_string()), ("m", &total.to_string())]),
                    "prev": (n > 1).then(|| cx.url(&page_path(n - 1))),
                    "next": (n < total).then(|| cx.url(&page_path(n + 1))),
                    "pages": (1..=total).map(|k| json!({"number": k, "url": cx.url(&page_path(k)), "current": k == n})).collect::<Vec<_>>(),
                })
            });
            ctx["section"] = json!({
                "title": cx.title(page),
                "content": content,
                "pages": items,
                "subsections": subsections,
                "paginator": paginator,
                "count": children.len(),
            });
            if n > 1 {
                ctx["page"]["url"] = Value::String(cx.url(&page_path(n)));
                ctx["page"]["permalink"] = Value::String(cx.permalink(&page_path(n)));
                point_alternates_at_page(cx, page, &mut ctx, n);
            }
            (page_path(n), ctx)
        })
        .collect()
}

/// Page N of a list has page N in the other languages as its alternates (every language
/// lists the same pages, so they paginate alike).
fn point_alternates_at_page(cx: &Cx, page: &Page, ctx: &mut Value, n: usize) {
    let suffix = format!("page/{n}/");
    if let Some(trs) = ctx["page"]["translations"].as_array_mut() {
        for (tr, v) in trs.iter_mut().zip(&page.versions) {
            tr["url"] = Value::String(cx.url(&format!("{}{suffix}", v.path)));
            tr["permalink"] = Value::String(cx.permalink(&format!("{}{suffix}", v.path)));
        }
    }
    if let Some(alts) = ctx["page"]["alternates"].as_array_mut() {
        for alt in alts.iter_mut() {
            let lang = alt["code"].as_str().unwrap_or("").to_string();
            alt["permalink"] = Value::String(cx.permalink(&format!("{}{suffix}", page.version(&lang).path)));
        }
    }
    let own = ctx["page"]["permalink"].clone();
    let v = page.version(cx.lang);
    ctx["page"]["canonical"] = if v.fallback {
        Value::String(cx.permalink(&format!("{}{suffix}", page.original_version().path)))
    } else {
        own
    };
    if !page.version(cx.lang).fallback {
        ctx["page"]["x_default"] =
            Value::String(cx.permalink(&format!("{}{suffix}", page.version(cx.default_lang()).path)));
    }
}

/// A section's pages in reading order: open listings and policies in force, then policies
/// not yet in force, then closed or expired ones; newest first within each, then by weight
/// and title.
pub fn sorted_children<'s>(cx: &Cx<'s>, section: &str) -> Vec<&'s Page> {
    let site: &'s Site = cx.site;
    cx.children.get(section).map(|ids| ids.iter().map(|&i| &site.pages[i]).collect()).unwrap_or_default()
}

/// Sorts every section's published pages once: by pool rank for results; else by status
/// (`Status::list_rank`), newest first, then weight, title and key.
fn sort_all_sections(cx: &Cx) -> HashMap<String, Vec<usize>> {
    let site = cx.site;
    let mut by_parent: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in site.pages.iter().enumerate() {
        let listed = !matches!(
            p.kind,
            Kind::Section | Kind::Home | Kind::PoolIndustry | Kind::PoolReport | Kind::Filter | Kind::Search
        );
        if let (Some(parent), true) = (p.parent.as_deref(), listed && super::is_published(site, p)) {
            by_parent.entry(parent).or_default().push(i);
        }
    }
    let ranks: HashMap<&str, usize> =
        site.pool.iter().flat_map(|e| e.results.iter().map(|r| (r.id.as_str(), r.rank))).collect();
    by_parent
        .into_iter()
        .map(|(section, mut ids)| {
            if section == "results" && site.pool.is_some() {
                ids.sort_by_key(|&i| ranks.get(site.pages[i].key.as_str()).copied().unwrap_or(usize::MAX));
            } else {
                let keys: HashMap<usize, (u8, Option<crate::units::Date>, i64, String)> = ids
                    .iter()
                    .map(|&i| {
                        let p = &site.pages[i];
                        (i, (cx.status(p).map_or(0, Status::list_rank), p.date, p.weight, cx.title(p)))
                    })
                    .collect();
                ids.sort_by(|&a, &b| {
                    let (ka, kb) = (&keys[&a], &keys[&b]);
                    ka.0.cmp(&kb.0)
                        .then_with(|| kb.1.cmp(&ka.1))
                        .then_with(|| ka.2.cmp(&kb.2))
                        .then_with(|| ka.3.cmp(&kb.3))
                        .then_with(|| site.pages[a].key.cmp(&site.pages[b].key))
                });
            }
            (section.to_string(), ids)
        })
        .collect()
}

fn home_object(cx: &Cx) -> Value {
    let site = cx.site;
    let featured: Vec<Value> = sorted_children(cx, "projects")
        .into_iter()
        .filter(|p| matches!(&p.domain, Domain::Project(d) if d.featured && d.status(site.today) == Status::Open))
        .take(6)
        .map(|p| cx.card(p))
        .collect();
    let policies: Vec<Value> = sorted_children(cx, "policies")
        .into_iter()
        .filter(|p| cx.status(p) == Some(Status::InForce))
        .take(4)
        .map(|p| cx.card(p))
        .collect();
    let news: Vec<Value> = sorted_children(cx, "news").into_iter().take(4).map(|p| cx.card(p)).collect();
    let figures: Vec<Value> = site
        .data
        .get("figures")
        .and_then(|d| d.value.as_array())
        .map(|items| {
            items
                .iter()
                .map(|f| {
                    let label = f.get("label").and_then(crate::fields::LangText::from_value).unwrap_or_default();
                    let value = f.get("value").and_then(crate::resolve::value_text).unwrap_or_default();
                    json!({"value": value, "label": cx.text(&label)})
                })
                .collect()
        })
        .unwrap_or_default();
    let chains: Vec<Value> = site
        .env
        .chains
        .iter()
        .map(|c| {
            let count =
                site.pages.iter().filter(|p| matches!(&p.domain, Domain::Project(d) if d.chain == c.id)).count();
            let url = site.page(&format!("chains/{}", c.id)).map(|p| cx.page_url(p));
            json!({"name": cx.text(&c.name), "url": url, "count": count})
        })
        .collect();
    let section_url = |key: &str| site.page(key).map(|p| cx.page_url(p));
    json!({
        "featured": featured, "figures": figures, "policies": policies, "news": news, "chains": chains,
        "projects_url": section_url("projects"), "policies_url": section_url("policies"), "news_url": section_url("news"),
    })
}

pub fn not_found_context(cx: &Cx) -> Value {
    let mut ctx = cx.base_context();
    let path = format!("{}/404.html", cx.site.config.lang_prefix(cx.lang));
    let home = cx.site.page("");
    ctx["page"] = json!({
        "kind": "404",
        "key": "404",
        "title": cx.t("not_found_title"),
        "summary": null,
        "url": cx.url(&path),
        "permalink": cx.permalink(&path),
        "content": "",
        "toc": [],
        "date": null, "date_iso": null, "reading_time": null,
        "translations": home.map(|h| translations(cx, h)).unwrap_or_default(),
        "x_default": home.map(|h| cx.permalink(&h.version(cx.default_lang()).path)),
        "fallback": false, "fallback_notice": null, "content_lang": cx.lang,
        "breadcrumbs": [], "status": null, "status_label": null, "status_notice": null,
        "facts": [], "tags": [], "images": [], "attachments": [], "contact": null,
        "prices": [], "indicators": [], "segments": [], "projects": [], "policies": [], "results": [],
    });
    ctx
}
