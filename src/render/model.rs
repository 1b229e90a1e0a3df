//! The page model: what templates receive, as types (documented in `docs/reference.md`,
//! Templates). Every value is ready to print. Field names are the template variables, so
//! renaming a field breaks themes; the order of fields is the order of keys in JSON made
//! from them (`preserve_order`).
//!
//! This module sits at the bottom of `render/`: it imports nothing from it.

use serde::Serialize;
use serde_json::Value;

/// Everything a page template receives besides `t` and `data` (shared by all pages).
#[derive(Serialize, Clone)]
pub struct PageContext {
    pub lang: String,
    pub dir: &'static str,
    pub site: SiteModel,
    pub section: Option<SectionList>,
    pub home: Option<Home>,
    pub finder: Option<Value>,
    pub page: PageModel,
    pub pool: Option<Value>,
    /// Only on the search page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search: Option<SearchScripts>,
}

/// `site`: the site's settings in the reader's language.
#[derive(Serialize, Clone, Default)]
pub struct SiteModel {
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub home_url: String,
    /// Scripts build links from these; `build --relative` rewrites data-root per page.
    pub root: String,
    pub base_path: String,
    pub logo: Option<String>,
    pub favicon: String,
    pub css_url: String,
    pub contact: SiteContact,
    pub icp: Option<String>,
    pub police_filing: Option<String>,
    pub police_filing_code: Option<String>,
    pub nav: Vec<NavItem>,
    pub year: i32,
    pub default_lang: String,
    pub extra: Value,
    pub rate_note: Option<String>,
    pub languages: Vec<String>,
    pub search_url: Option<String>,
    pub wechat: Option<Wechat>,
}

#[derive(Serialize, Clone, Default)]
pub struct SiteContact {
    pub org: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub wechat: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct NavItem {
    pub name: String,
    pub url: String,
    pub active: bool,
}

/// The WeChat JS-SDK settings (`site.wechat`).
#[derive(Serialize, Clone)]
pub struct Wechat {
    pub appid: String,
    pub signature_endpoint: String,
    pub sdk_url: String,
}

/// `page`: the page being rendered. Fields that only some kinds of pages have are left out
/// of the others, as templates test them with `is defined` or `or`.
#[derive(Serialize, Clone, Default)]
pub struct PageModel {
    pub kind: &'static str,
    pub key: String,
    pub title: String,
    pub summary: Option<String>,
    pub summary_written: bool,
    pub url: String,
    pub permalink: String,
    pub content: String,
    pub toc: Vec<TocEntry>,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub reading_time: Option<String>,
    pub translations: Vec<Translation>,
    pub alternates: Vec<Alternate>,
    pub canonical: String,
    pub x_default: Option<String>,
    pub fallback: bool,
    pub fallback_notice: Option<String>,
    pub content_lang: String,
    pub breadcrumbs: Vec<Crumb>,
    pub status: Option<&'static str>,
    pub status_label: Option<String>,
    pub status_notice: Option<String>,
    pub facts: Vec<Fact>,
    pub tags: Vec<String>,
    pub images: Vec<Image>,
    pub attachments: Vec<Attachment>,
    pub contact: Option<Contact>,
    #[serde(flatten)]
    pub related: Related,
    #[serde(flatten)]
    pub profiles: Profiles,
    pub map: Option<Value>,
    #[serde(flatten)]
    pub pool: PoolParts,
    pub json_ld: Option<String>,
    pub feeds: Vec<FeedLink>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<Value>,
}

/// Lists of other pages and kind-specific tables on a page.
#[derive(Serialize, Clone, Default)]
pub struct Related {
    pub prices: Vec<PriceRow>,
    pub indicators: Vec<IndicatorRow>,
    pub segments: Vec<SegmentGroup>,
    pub projects: Vec<Card>,
    pub policies: Vec<Card>,
    pub results: Vec<Card>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projects_total: Option<usize>,
    /// Present (possibly null) on chain and region pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projects_url: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parks: Option<Vec<Card>>,
}

/// Charts and comparison tables (`charts` on region pages, `compare` on the parks section,
/// `chain_counts` on the chains section).
#[derive(Serialize, Clone, Default)]
pub struct Profiles {
    pub charts: Vec<Value>,
    pub compare: Option<Value>,
    pub chain_counts: Vec<Value>,
}

/// What the results pool adds to the pages that show it.
#[derive(Serialize, Clone, Default)]
pub struct PoolParts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noindex: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<Value>,
}

#[derive(Serialize, Clone)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// The page in one of the site's languages (the language switcher).
#[derive(Serialize, Clone)]
pub struct Translation {
    pub code: String,
    pub name: String,
    pub url: String,
    pub permalink: String,
    pub current: bool,
    pub fallback: bool,
}

/// A language the page really exists in (`hreflang`).
#[derive(Serialize, Clone)]
pub struct Alternate {
    pub code: String,
    pub permalink: String,
}

#[derive(Serialize, Clone)]
pub struct Crumb {
    pub title: String,
    pub url: String,
    pub permalink: String,
}

/// A label and a value in the reader's language; `note` is a USD approximation, `url` a
/// link to the chain, region or park the value names.
#[derive(Serialize, Clone)]
pub struct Fact {
    pub key: &'static str,
    pub label: String,
    pub value: String,
    pub note: Option<String>,
    pub url: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct Image {
    pub url: String,
    pub alt: String,
}

#[derive(Serialize, Clone)]
pub struct Attachment {
    pub name: String,
    pub url: String,
}

/// A page's contact: org and person in the reader's language.
#[derive(Serialize, Clone)]
pub struct Contact {
    pub org: Option<String>,
    pub person: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub wechat: Option<String>,
}

/// A park's land and utility prices.
#[derive(Serialize, Clone)]
pub struct PriceRow {
    pub key: String,
    pub label: String,
    pub value: String,
}

/// A region's key figures.
#[derive(Serialize, Clone)]
pub struct IndicatorRow {
    pub key: String,
    pub label: String,
    pub value: String,
    pub unit: String,
    pub year: Option<i64>,
}

/// A chain's segments of one stage (upstream, midstream, downstream).
#[derive(Serialize, Clone)]
pub struct SegmentGroup {
    pub stage: &'static str,
    pub label: String,
    pub items: Vec<Segment>,
}

#[derive(Serialize, Clone)]
pub struct Segment {
    pub id: String,
    pub name: String,
    pub gap: bool,
    pub enterprises: Vec<String>,
    pub subchains: Vec<String>,
    pub projects_total: usize,
    pub projects: Vec<Card>,
    pub results_total: usize,
    pub results: Vec<Card>,
}

#[derive(Serialize, Clone)]
pub struct FeedLink {
    pub url: String,
    pub title: String,
}

/// A page as listed elsewhere: sections, related lists, the home page.
#[derive(Serialize, Clone)]
pub struct Card {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    pub date: Option<String>,
    pub kind: &'static str,
    pub status: Option<&'static str>,
    pub status_label: Option<String>,
    pub facts: Vec<Fact>,
    pub fallback: bool,
    pub content_lang: String,
}

/// `section`: one page of a section's list.
#[derive(Serialize, Clone)]
pub struct SectionList {
    pub title: String,
    pub content: String,
    pub pages: Vec<Card>,
    pub subsections: Vec<Subsection>,
    pub paginator: Option<Paginator>,
    pub count: usize,
}

#[derive(Serialize, Clone)]
pub struct Subsection {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    pub count: usize,
}

#[derive(Serialize, Clone)]
pub struct Paginator {
    pub current: usize,
    pub total: usize,
    pub label: String,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageNumber>,
}

#[derive(Serialize, Clone)]
pub struct PageNumber {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// `home`: what the home page shows besides its own text.
#[derive(Serialize, Clone)]
pub struct Home {
    pub featured: Vec<Card>,
    pub figures: Vec<Figure>,
    pub policies: Vec<Card>,
    pub news: Vec<Card>,
    pub chains: Vec<ChainLink>,
    pub projects_url: Option<String>,
    pub policies_url: Option<String>,
    pub news_url: Option<String>,
}

/// A key figure of `data/figures.yaml`.
#[derive(Serialize, Clone)]
pub struct Figure {
    pub value: String,
    pub label: String,
}

#[derive(Serialize, Clone)]
pub struct ChainLink {
    pub name: String,
    pub url: Option<String>,
    pub count: usize,
}

/// `search` on the search page: relative addresses, so the page works from `file://`.
#[derive(Serialize, Clone)]
pub struct SearchScripts {
    pub index_src: String,
    pub script_src: String,
    pub root: &'static str,
}
