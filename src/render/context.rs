//! The base of the render stage: what rendering in one language needs ([`Cx`]), with the
//! helpers every part uses (UI strings, addresses, statuses) and the `site` object of the
//! page model. Values are formatted for the reader's language here, so templates stay
//! simple to override.
//!
//! Imports in `render/` run one way: `model` ← `context` ← `labels` ← `facts` ← `cards` ←
//! the feature modules ← `page` ← `mod`. This module knows none above it.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use serde_json::Value;

use super::model::{Card, GovFooter, NavItem, SiteContact, SiteModel, Wechat};
use crate::domain::{Domain, Status};
use crate::load::theme::{Source, Theme};
use crate::markdown;
use crate::resolve::{Kind, Page, Site};
use crate::units::{ShownIndicator, present_phone};

/// One file of the output, relative to the output folder (`en/projects/a/index.html`).
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Markdown of one page version, rendered.
pub struct Body {
    /// Only the page itself shows it: dropped once the page is written (see
    /// [`Body::drop_html`]), so a build holds the HTML of the pages in flight, not of all.
    html: std::sync::Mutex<String>,
    pub toc: Vec<markdown::Heading>,
    pub text: String,
}

impl Body {
    pub fn new(html: String, toc: Vec<markdown::Heading>, text: String) -> Self {
        Body { html: std::sync::Mutex::new(html), toc, text }
    }

    pub fn html(&self) -> String {
        self.html.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// After the page is rendered: nothing else shows the HTML (summaries, search and the
    /// brochure read `text` and `toc`).
    pub fn drop_html(&self) {
        drop(std::mem::take(&mut *self.html.lock().unwrap_or_else(std::sync::PoisonError::into_inner)));
    }
}

pub type Bodies = HashMap<(usize, String), Body>;

/// Results outside the pool get no public page (the evaluation report lists them).
pub fn is_published(site: &Site, page: &Page) -> bool {
    page.kind != Kind::Result || site.is_admitted(&page.key)
}

/// A chain and a region, either meaning "any" when absent.
pub type ChainAndRegion = (Option<String>, Option<String>);

/// Everything needed to render pages in one language.
pub struct Cx<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub bodies: &'a Bodies,
    pub lang: &'a str,
    /// The `site` object, made once; each page gets a copy with its menu entry marked.
    pub site_model: SiteModel,
    /// Each section's pages in reading order (page indices), computed once (by
    /// `labels::sorted_children`, which sorts by title): lists and related items ask for
    /// them on every page.
    pub children: OnceLock<HashMap<String, Vec<usize>>>,
    /// Cards are the same wherever a page is listed; made once per page (by `cards::card`).
    pub cards: Vec<OnceLock<Card>>,
    /// Sections whose feed has entries in this language (asked by every page's head).
    pub feed_sections: OnceLock<Vec<String>>,
    /// The finders' data files by section (names beside the list page, and contents; the
    /// data file first, then its parts on a large site): the list page names the first with
    /// its fingerprint and the output holds them all, so each is made once.
    pub finder_data: OnceLock<HashMap<String, Vec<(String, String)>>>,
    /// The parts of every template context that are the same on every page (UI strings,
    /// data files), converted for Tera once: its values share their memory, so each page
    /// gets them for the price of a pointer instead of a copy.
    pub shared: tera::Context,
    /// Fingerprint of this language's search index, for its address on the search page.
    pub search_version: Option<String>,
    /// The policies listed beside a page, by chain and region: every project of a chain and
    /// region lists the same ones, and finding them scans every policy (page indices).
    pub related_policies: Mutex<HashMap<ChainAndRegion, Vec<usize>>>,
    /// The processed photos: their sizes and addresses.
    pub photos: &'a crate::photos::PhotoSet,
    /// Pages rendered by the previous build of this process, when it keeps them.
    pub memo: Option<&'a super::Memo>,
    /// The drawn share images of the pages that draw their own, by page key: known once those
    /// pages are rendered, read by the pages that link their section's and by the brochure.
    pub share_names: HashMap<String, ShareNames>,
}

/// Where one page's drawn share images went in one language (`share/home.zh.3f2a9c0d.png`):
/// content-hashed file names, so a changed card is a new address (WeChat caches a card's
/// image by its address for days).
#[derive(Clone, Debug, Default)]
pub struct ShareNames {
    pub image: Option<String>,
    pub square: Option<String>,
    pub poster: Option<String>,
}

/// No processed photos (`check`, sitemaps): images show as named.
pub fn no_photos() -> &'static crate::photos::PhotoSet {
    static NONE: OnceLock<crate::photos::PhotoSet> = OnceLock::new();
    NONE.get_or_init(Default::default)
}

impl<'a> Cx<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme, bodies: &'a Bodies, lang: &'a str) -> Self {
        let mut cx = Cx {
            site,
            theme,
            bodies,
            lang,
            site_model: SiteModel::default(),
            children: OnceLock::new(),
            cards: (0..site.pages.len()).map(|_| OnceLock::new()).collect(),
            feed_sections: OnceLock::new(),
            finder_data: OnceLock::new(),
            shared: tera::Context::new(),
            search_version: None,
            related_policies: Mutex::default(),
            photos: no_photos(),
            memo: None,
            share_names: HashMap::new(),
        };
        cx.site_model = site_model(&cx);
        cx.shared = cx.shared_context();
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

    /// The UI string `key` for a count of `n` in this language's plural form, `{n}` filled
    /// with `n` as the language writes numbers.
    pub fn count(&self, key: &str, n: rust_decimal::Decimal) -> String {
        self.theme.count(self.lang, key, n, &crate::units::format_number(n, self.lang))
    }

    /// The forms of the counted UI string `key` for every plural category of the language,
    /// `other` (the key itself) last: for scripts that count in the reader's browser.
    pub fn count_forms(&self, key: &str) -> Vec<super::model::PluralForm> {
        let strings = self.theme.i18n.get(self.lang);
        crate::units::plural_categories(self.lang)
            .iter()
            .map(|c| {
                let form = format!("{key}.{}", c.name());
                let text = strings.and_then(|m| m.get(&form)).cloned().unwrap_or_else(|| self.t(key));
                super::model::PluralForm { category: c.name(), text }
            })
            .collect()
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

    /// An indicator's value and unit for this language: converted from 万 and 亿 for readers
    /// who do not count in them (`CNY 73.86 billion`, `1.49 million people`; the unit is then
    /// part of the value), else as the author wrote them.
    pub fn indicator(&self, i: &crate::domain::environment::Indicator) -> (String, String) {
        let zh_unit = i.unit.get_or_empty("zh", self.default_lang());
        match crate::units::show_indicator(&i.value, &zh_unit, self.lang) {
            Some(ShownIndicator::Text(text)) => (text, String::new()),
            Some(ShownIndicator::Counted { number, unit_key, value }) => {
                (self.theme.count(self.lang, unit_key, value, &number), String::new())
            }
            None => (i.value.clone(), self.text(&i.unit)),
        }
    }

    /// The `lang` a fragment needs inside this page: the language of its text where that
    /// differs from the page's (a Chinese title on a Russian page), else none.
    pub fn other_lang(&self, text_lang: &str) -> Option<String> {
        (text_lang != self.lang).then(|| text_lang.to_string())
    }

    /// The `lang` of a page's title and summary shown here (its fallback's original).
    pub fn page_lang(&self, page: &Page) -> Option<String> {
        self.other_lang(&self.content_lang(page))
    }

    /// The `lang` of a text from site.yaml or data: the language the author filed it under,
    /// or for a text written once (names, document numbers such as 白政发〔2023〕15号),
    /// Chinese when it is mostly Chinese characters.
    pub fn text_lang(&self, t: &crate::load::fields::LangText) -> Option<String> {
        match t.lang_shown(self.lang, self.default_lang()) {
            Some(l) => self.other_lang(l),
            None => self.written_lang(&t.get_or_empty(self.lang, self.default_lang())),
        }
    }

    /// `zh` for a value in Chinese characters shown on a page in another language.
    pub fn written_lang(&self, text: &str) -> Option<String> {
        written_in_chinese(text).then(|| self.other_lang("zh")).flatten()
    }

    pub fn text(&self, t: &crate::load::fields::LangText) -> String {
        t.get_or_empty(self.lang, self.default_lang())
    }

    /// The page's rendered Markdown in this language, if it has a file.
    pub fn body(&self, page: &Page) -> Option<&Body> {
        let i = self.site.by_key.get(&page.key)?;
        self.bodies.get(&(*i, self.lang.to_string()))
    }

    /// The language of the text the page shows in this language.
    pub fn content_lang(&self, page: &Page) -> String {
        match page.version(self.lang).file {
            Some(i) => self.site.files[i].lang.clone(),
            None => self.lang.to_string(),
        }
    }

    pub fn status(&self, page: &Page) -> Option<Status> {
        match &page.domain {
            Domain::Project(p) => Some(p.status(self.site.today)),
            Domain::Policy(p) => Some(p.status(self.site.today)),
            _ => None,
        }
    }

    pub fn status_label(&self, s: Status) -> String {
        self.theme.t(self.lang, &format!("status.{}", s.id())).to_string()
    }

    /// The address of the home page in this language.
    pub fn home_url(&self) -> String {
        self.url(&format!("{}/", self.site.config.lang_prefix(self.lang)))
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

    /// Text direction of this language, for `dir`.
    pub fn dir(&self) -> &'static str {
        if crate::load::config::Config::is_rtl(self.lang) { "rtl" } else { "ltr" }
    }

    /// The UI strings of this language as a JSON map (for contexts built outside pages).
    pub fn strings(&self) -> Value {
        serde_json::json!(self.theme.i18n.get(self.lang).cloned().unwrap_or_default())
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

fn site_model(cx: &Cx) -> SiteModel {
    let c = &cx.site.config;
    let (lang, dl) = (cx.lang, c.default_lang());
    let nav = if c.nav.is_empty() {
        default_nav(cx)
    } else {
        c.nav
            .iter()
            .map(|item| NavItem {
                name: item.name.get_or_empty(lang, dl),
                lang: cx.text_lang(&item.name),
                url: nav_url(cx, &item.url),
                active: false,
            })
            .collect()
    };
    let rate_note = c.currency.as_ref().map(|cur| {
        let as_of = cur.as_of.map(|ym| ym.format(lang)).unwrap_or_default();
        cx.tf("rate_note", &[("rate", &cur.usd_rate.normalize().to_string()), ("as_of", &as_of)])
    });
    SiteModel {
        title: c.title.get_or_empty(lang, dl),
        title_lang: cx.text_lang(&c.title),
        description: c.description.get_or_empty(lang, dl),
        base_url: c.base_url.clone(),
        home_url: cx.home_url(),
        root: format!("{}/", c.base_path()),
        base_path: c.base_path().to_string(),
        logo: c.logo.as_ref().map(|l| cx.asset_url(l)),
        favicon: c.favicon.clone().map(|f| cx.asset_url(&f)).unwrap_or_else(|| cx.url("/favicon.svg")),
        css_url: cx.static_url("css/style.css"),
        contact: SiteContact {
            org: c.contact.org.get(lang, dl).map(str::to_string),
            address: c.contact.address.get(lang, dl).map(str::to_string),
            phone: c.contact.phone.as_ref().map(|p| present_phone(p, lang).display),
            phone_tel: c.contact.phone.as_ref().map(|p| present_phone(p, lang).tel),
            email: c.contact.email.clone(),
            wechat: c.contact.wechat.clone(),
            org_lang: cx.text_lang(&c.contact.org),
            address_lang: cx.text_lang(&c.contact.address),
        },
        icp: c.icp.clone(),
        filing_lang: c.icp.as_deref().or(c.police_filing.as_deref()).and_then(|f| cx.written_lang(f)),
        police_filing: c.police_filing.clone(),
        police_filing_code: c
            .police_filing
            .as_ref()
            .map(|p| p.chars().filter(char::is_ascii_digit).collect::<String>())
            .filter(|s| !s.is_empty()),
        police_badge: cx.static_url("img/police-badge.svg"),
        gov: GovFooter {
            sponsor: c.gov.sponsor.get(lang, dl).map(str::to_string),
            operator: c.gov.operator.get(lang, dl).map(str::to_string),
            site_code: c.gov.site_code.clone(),
            error_report_url: c.gov.error_report_url.clone(),
            sponsor_lang: cx.text_lang(&c.gov.sponsor),
            operator_lang: cx.text_lang(&c.gov.operator),
        },
        nav,
        year: cx.site.today.year,
        default_lang: dl.to_string(),
        extra: c.extra.clone(),
        rate_note,
        languages: c.languages.clone(),
        search_url: cx.site.page("search").map(|p| cx.page_url(p)),
        wechat: c.wechat.as_ref().map(|w| Wechat {
            appid: w.appid.clone(),
            signature_endpoint: w.signature_endpoint.clone(),
            sdk_url: w.sdk_url.clone(),
        }),
    }
}

pub fn source_bytes(s: &Source) -> Vec<u8> {
    match s {
        Source::Embedded(b) => b.to_vec(),
        Source::Disk(p) => std::fs::read(p).unwrap_or_default(),
    }
}

/// Whether a text is written in Chinese characters: it has some, and no fewer than letters
/// of other scripts (`招商项目：有色金属`, `白政发〔2023〕15号`; not `招商项目: 1 млрд юаней`).
pub fn written_in_chinese(text: &str) -> bool {
    let han = text.chars().filter(|c| is_han(*c)).count();
    let other = text.chars().filter(|c| c.is_alphabetic() && !is_han(*c)).count();
    han > 0 && han >= other
}

/// CJK unified ideographs (with extension A and the compatibility block).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
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

/// The sections every promotion site has, in the order their readers look for them; other
/// top-level sections follow by weight and title.
const NAV_ORDER: &[&str] = &["projects", "policies", "chains", "environment", "results", "chambers", "news"];

/// Without `nav` in site.yaml the menu lists the site's top-level sections, so that a new
/// site's lists can be reached (the 404 page sends readers to the menu).
fn default_nav(cx: &Cx) -> Vec<NavItem> {
    let mut sections: Vec<&Page> = cx
        .site
        .pages
        .iter()
        .filter(|p| p.kind == Kind::Section && p.parent.as_deref() == Some("") && !p.key.contains('/'))
        .collect();
    let rank = |p: &Page| NAV_ORDER.iter().position(|k| *k == p.key).unwrap_or(NAV_ORDER.len());
    sections.sort_by_cached_key(|p| (rank(p), p.weight, cx.title(p), p.key.clone()));
    sections
        .into_iter()
        .map(|p| NavItem { name: cx.title(p), lang: cx.page_lang(p), url: cx.page_url(p), active: false })
        .collect()
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
