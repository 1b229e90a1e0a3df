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
    pub finder: Option<FinderModel>,
    /// The chamber directory and its filter pages (`/chambers/`, `/chambers/kind/…/`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chambers: Option<ChamberDirectory>,
    pub page: PageModel,
    pub pool: Option<PoolModel>,
    /// Only on the search page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search: Option<SearchScripts>,
    /// Only on the events list: upcoming and past events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<EventsList>,
}

/// `site`: the site's settings in the reader's language.
#[derive(Serialize, Clone, Default)]
pub struct SiteModel {
    pub title: String,
    /// Set where the title is in another language than the page (`title` not yet given
    /// in this language).
    pub title_lang: Option<String>,
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
    /// `zh` on pages in other languages: filing numbers are Chinese (陇ICP备…号).
    pub filing_lang: Option<String>,
    pub police_filing: Option<String>,
    pub police_filing_code: Option<String>,
    /// The theme's badge drawn next to the police filing number.
    pub police_badge: String,
    pub gov: GovFooter,
    pub nav: Vec<NavItem>,
    pub year: i32,
    pub default_lang: String,
    pub extra: Value,
    pub rate_note: Option<String>,
    pub languages: Vec<String>,
    pub search_url: Option<String>,
    pub wechat: Option<Wechat>,
}

/// `site.gov`: the government-site footer lines in the reader's language (empty when not set).
#[derive(Serialize, Clone, Default)]
pub struct GovFooter {
    pub sponsor: Option<String>,
    pub operator: Option<String>,
    pub site_code: Option<String>,
    pub error_report_url: Option<String>,
    /// Set where the sponsor's or operator's name is in another language than the page.
    pub sponsor_lang: Option<String>,
    pub operator_lang: Option<String>,
}

#[derive(Serialize, Clone, Default)]
pub struct SiteContact {
    pub org: Option<String>,
    pub address: Option<String>,
    /// As the reader's language writes it (`+86 943 821 2306` outside Chinese pages).
    pub phone: Option<String>,
    /// The whole `tel:` address, international (`tel:+869438212306`).
    pub phone_tel: Option<String>,
    pub email: Option<String>,
    pub wechat: Option<String>,
    /// Set where the organisation's name or the address is in another language than the page.
    pub org_lang: Option<String>,
    pub address_lang: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct NavItem {
    pub name: String,
    /// Set where the name is in another language than the page (`lang` attribute).
    pub lang: Option<String>,
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
    /// `draft` or `scheduled` when a preview build (`--drafts`, `--future`) shows a page
    /// that is not public; the banner's text in `unpublished_notice`.
    pub unpublished: Option<&'static str>,
    pub unpublished_notice: Option<String>,
    pub facts: Vec<Fact>,
    pub tags: Vec<String>,
    pub images: Vec<Image>,
    pub attachments: Vec<Attachment>,
    pub contact: Option<Contact>,
    #[serde(flatten)]
    pub related: Related,
    #[serde(flatten)]
    pub profiles: Profiles,
    pub map: Option<MapModel>,
    #[serde(flatten)]
    pub pool: PoolParts,
    pub json_ld: Option<String>,
    pub feeds: Vec<FeedLink>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<ShareModel>,
    /// The translation status page's table (`translation-status` pages only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation_status: Option<TranslationStatus>,
    /// An event's signed projects (`event` pages only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<EventModel>,
    /// A signed project's "Signed" badge text (`project` pages only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed: Option<String>,
    /// The statistics page's charts (`statistics` page only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statistics: Option<StatisticsModel>,
    /// A chamber's own page: its officers, what it serves, QR code and map links.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chamber: Option<ChamberModel>,
    /// On region and chain pages: the chambers and offices that serve it.
    pub serving_chambers: Vec<ChamberCard>,
}

/// `page.translation_status`: per language, per section, the pages by translation state.
#[derive(Serialize, Clone, Default)]
pub struct TranslationStatus {
    pub languages: Vec<StatusLanguage>,
    /// Sections whose newest page is older than `stale_after_days`.
    pub quiet_sections: Vec<QuietSection>,
    pub stale_after_days: u32,
}

#[derive(Serialize, Clone)]
pub struct StatusLanguage {
    pub code: String,
    pub name: String,
    pub sections: Vec<StatusSection>,
}

#[derive(Serialize, Clone)]
pub struct StatusSection {
    pub section: String,
    pub translated: usize,
    pub stale: usize,
    pub unmarked: usize,
    pub missing: usize,
    /// The stale and missing translations: the file and `stale` or `missing`.
    pub todo: Vec<StatusEntry>,
}

#[derive(Serialize, Clone)]
pub struct StatusEntry {
    pub file: String,
    pub original: String,
    pub state: &'static str,
}

#[derive(Serialize, Clone)]
pub struct QuietSection {
    pub section: String,
    pub newest: String,
    pub days: i64,
}

/// Lists of other pages and kind-specific tables on a page.
#[derive(Serialize, Clone, Default)]
pub struct Related {
    pub prices: Vec<PriceRow>,
    /// Where a park's factor prices come from and the year they are for, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prices_source: Option<StatSource>,
    pub indicators: Vec<IndicatorRow>,
    /// Whether any indicator names its source (the table then has a source column).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub indicator_sources: bool,
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
    pub charts: Vec<Chart>,
    pub compare: Option<ParkComparison>,
    pub chain_counts: Vec<ChainCount>,
}

/// What the results pool adds to the pages that show it.
#[derive(Serialize, Clone, Default)]
pub struct PoolParts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<PoolRow>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noindex: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<PoolRow>,
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
    /// Set where the title is in another language than the page.
    pub lang: Option<String>,
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
    /// Set where the value is in another language than the page (a Chinese name or
    /// document number on an English page).
    pub lang: Option<String>,
    pub note: Option<String>,
    pub url: Option<String>,
}

/// An image as a template shows it. For a processed photo, `srcset` and `sources` list its
/// sizes and `width`/`height` its shape (no layout shift while it loads); for an SVG, a GIF
/// or an address elsewhere only `url` is known (and `width`/`height` where the file says).
#[derive(Serialize, Clone, Default)]
pub struct Image {
    /// The `src`: a middle size in the fallback format (JPEG, or PNG for transparency).
    pub url: String,
    pub alt: String,
    pub caption: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// `url 480w, url 960w, …` of the fallback format.
    pub srcset: Option<String>,
    /// The other formats, preferred first: a `<source type srcset>` each.
    pub sources: Vec<ImageSource>,
    /// The largest size in the fallback format, for print (the brochure).
    pub print: String,
    /// The address of the file as the author named it (a cleaned copy, at most the
    /// largest width, for a processed photo).
    pub original: String,
}

#[derive(Serialize, Clone)]
pub struct ImageSource {
    /// `image/webp`.
    #[serde(rename = "type")]
    pub mime: &'static str,
    pub srcset: String,
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
    /// As the reader's language writes it (`+86 943 821 2306` outside Chinese pages).
    pub phone: Option<String>,
    /// The whole `tel:` address, international (`tel:+869438212306`).
    pub phone_tel: Option<String>,
    pub email: Option<String>,
    pub wechat: Option<String>,
    /// Set where the name is in another language than the page (not yet translated).
    /// Last, so that the open data, which drops them, keeps its order of keys.
    pub org_lang: Option<String>,
    pub person_lang: Option<String>,
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
    /// Who published the figure (统计局, a yearbook), in the reader's language where given.
    pub source: Option<String>,
    /// `lang` of `source` where it is in another language than the page.
    pub source_lang: Option<String>,
}

/// The source and year of statistics shown together (a park's factor prices, a home figure).
#[derive(Serialize, Clone, Default)]
pub struct StatSource {
    pub source: Option<String>,
    pub source_lang: Option<String>,
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
    /// The page's first image, if it has `images`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    /// Set where the title and summary are in another language than the page.
    pub lang: Option<String>,
    /// The "Signed" badge's text, on a signed project's card.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed: Option<String>,
}

/// `events`: the events list page's two lists and its calendar file.
#[derive(Serialize, Clone)]
pub struct EventsList {
    /// Soonest first.
    pub upcoming: Vec<Card>,
    /// Latest first.
    pub past: Vec<Card>,
    /// The language's `.ics` calendar of every event.
    pub ics_url: String,
    /// The events' Atom feed.
    pub feed_url: Option<String>,
    /// The statistics page, when the site has one.
    pub statistics_url: Option<String>,
}

/// `page.event`: on an event's page, the projects signed there and their total.
#[derive(Serialize, Clone, Default)]
pub struct EventModel {
    pub upcoming: bool,
    pub signed: Vec<SignedRow>,
    /// The sum of the amounts, per currency, exact (`36.5亿元`).
    pub total: Option<String>,
    pub ics_url: String,
}

/// One signed project as an event page lists it.
#[derive(Serialize, Clone)]
pub struct SignedRow {
    pub project: String,
    pub url: String,
    pub partner: Option<String>,
    pub amount: Option<String>,
    /// Set where the project's title is in another language than the page.
    pub lang: Option<String>,
}

/// `page.statistics`: the figures computed from events and projects, each chart with the
/// table that is its text alternative.
#[derive(Serialize, Clone, Default)]
pub struct StatisticsModel {
    /// "Computed from 8 events and 12 signed projects on this site, as of 4 December 2026."
    pub source: String,
    pub charts: Vec<Chart>,
    pub json_url: String,
    pub csv_url: String,
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
    /// Stands for the pages between its neighbours (shown as …); number 0, no url.
    pub gap: bool,
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
    /// Source and year, when `data/figures.yaml` gives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<StatSource>,
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
    /// The result count's forms per plural category (`search.count.one` …), `other` last.
    pub count_forms: Vec<PluralForm>,
}

/// A counted UI string's form for one CLDR plural category (`one`, `few`, …, `other`).
#[derive(Serialize, Clone)]
pub struct PluralForm {
    pub category: &'static str,
    pub text: String,
}

/// `page.map`: the inline SVG map and its key.
#[derive(Serialize, Clone)]
pub struct MapModel {
    /// The theme's `map.svg` rendered with `drawing`.
    pub svg: String,
    pub approval: Option<String>,
    pub note: Option<String>,
    pub groups: Vec<MapGroup>,
    pub count: usize,
    /// What `map.svg` draws; the page template gets the drawing as `svg`.
    #[serde(skip)]
    pub drawing: MapDrawing,
}

/// What `map.svg` receives besides `t` and `data`.
#[derive(Serialize)]
pub struct MapSvgContext<'a> {
    pub lang: &'a str,
    pub dir: &'static str,
    pub site: &'a SiteModel,
    pub map: &'a MapDrawing,
}

/// A map laid out in drawing units: the projection, the thinning of outlines and the
/// placement of markers and names are done, every number is ready to print.
#[derive(Serialize, Clone, Default)]
pub struct MapDrawing {
    pub width: String,
    pub height: String,
    pub outlines: Vec<MapOutline>,
    pub label_size: String,
    /// Region names, placed where they cover no marker.
    pub labels: Vec<MapLabel>,
    /// Lines from a point to its marker where the marker was moved aside.
    pub leaders: Vec<MapLeader>,
    /// In drawing order: regions, parks, then projects on top.
    pub markers: Vec<MapMarker>,
    pub scale: MapScale,
}

#[derive(Serialize, Clone)]
pub struct MapOutline {
    /// SVG path data.
    pub d: String,
    pub name: String,
    /// The region the page is about.
    pub current: bool,
}

#[derive(Serialize, Clone)]
pub struct MapLabel {
    pub x: String,
    pub y: String,
    pub anchor: &'static str,
    pub text: String,
}

#[derive(Serialize, Clone)]
pub struct MapLeader {
    pub x1: String,
    pub y1: String,
    pub x2: String,
    pub y2: String,
}

/// A region (circle), park (square with its letter) or project (circle with its number).
#[derive(Serialize, Clone)]
pub struct MapMarker {
    pub kind: &'static str,
    pub name: String,
    pub url: String,
    pub mark: String,
    pub closed: bool,
    pub x: String,
    pub y: String,
    /// Radius of a circle, half the side of a square.
    pub r: String,
    /// The square's corner and side.
    pub left: String,
    pub top: String,
    pub size: String,
    /// Baseline of the letter or number.
    pub mark_y: String,
}

/// A scale bar of a round length: its path, and where its label goes.
#[derive(Serialize, Clone, Default)]
pub struct MapScale {
    pub d: String,
    pub x: String,
    pub y: String,
    pub label: String,
}

/// The map's points of one kind (regions, parks, projects).
#[derive(Serialize, Clone)]
pub struct MapGroup {
    pub kind: &'static str,
    pub title: String,
    pub points: Vec<MapPoint>,
}

/// A point of the map's key, with links out to map services.
#[derive(Serialize, Clone)]
pub struct MapPoint {
    pub kind: &'static str,
    pub name: String,
    pub url: String,
    pub mark: String,
    pub closed: bool,
    pub amap: String,
    pub baidu: String,
    pub osm: String,
}

/// A bar chart of one indicator across regions.
#[derive(Serialize, Clone)]
pub struct Chart {
    pub key: String,
    pub label: String,
    pub unit: String,
    pub year: Option<i64>,
    pub svg: String,
    pub rows: Vec<ChartRow>,
    /// "The 24 largest of 120 are shown" when the chart is capped.
    pub note: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct ChartRow {
    pub name: String,
    pub value: String,
    pub current: bool,
}

/// Every park side by side (`page.compare`).
#[derive(Serialize, Clone)]
pub struct ParkComparison {
    pub parks: Vec<NamedLink>,
    pub rows: Vec<ComparisonRow>,
}

#[derive(Serialize, Clone)]
pub struct NamedLink {
    pub name: String,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct ComparisonRow {
    pub key: &'static str,
    pub label: String,
    pub values: Vec<String>,
}

/// A chain in the chains overview (`page.chain_counts`).
#[derive(Serialize, Clone)]
pub struct ChainCount {
    pub id: String,
    pub name: String,
    pub url: Option<String>,
    pub segments: usize,
    pub gaps: usize,
    pub gaps_addressed: usize,
    pub projects: usize,
    pub results: usize,
}

/// `finder` on the first page of a finder section's list: the filter form and the links
/// to the static filter pages.
#[derive(Serialize, Clone)]
pub struct FinderModel {
    pub section: String,
    pub form_label: String,
    pub filters: Vec<FinderFilter>,
    pub closed: bool,
    pub sorts: Vec<Choice>,
    pub browse: Vec<FinderBrowse>,
    pub strings: FinderStrings,
    pub data_url: String,
    pub script_url: String,
}

#[derive(Serialize, Clone)]
pub struct FinderFilter {
    pub name: &'static str,
    pub label: String,
    pub options: Vec<Choice>,
}

/// An option of a list to choose from.
#[derive(Serialize, Clone)]
pub struct Choice {
    pub id: String,
    pub name: String,
}

/// The static filter pages of one facet.
#[derive(Serialize, Clone)]
pub struct FinderBrowse {
    pub name: &'static str,
    pub label: String,
    pub links: Vec<BrowseLink>,
}

#[derive(Serialize, Clone)]
pub struct BrowseLink {
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// The finder script's texts.
#[derive(Serialize, Clone)]
pub struct FinderStrings {
    pub count_none: String,
    /// The count's forms for the plural categories of the language (`other` last), which
    /// the script picks with `Intl.PluralRules`.
    pub count_forms: Vec<PluralForm>,
    pub more: String,
    pub not_translated: String,
    pub status_label: String,
    pub colon: String,
}

/// `pool` on the results pool's pages: its figures, rule and admitted results.
#[derive(Serialize, Clone)]
pub struct PoolModel {
    pub registered: usize,
    pub admitted: usize,
    pub cap: usize,
    pub share: String,
    pub rule: String,
    pub weights: PoolWeights,
    pub industries: Vec<PoolIndustry>,
    pub rows: Vec<PoolRow>,
    pub filters: PoolFilters,
    pub report_url: Option<String>,
    pub csv_url: String,
}

#[derive(Serialize, Clone)]
pub struct PoolWeights {
    pub market: String,
    pub value: String,
    pub tech: String,
}

/// The admitted results of one industry.
#[derive(Serialize, Clone)]
pub struct PoolIndustry {
    pub id: String,
    pub name: String,
    pub url: Option<String>,
    pub registered: usize,
    pub admitted: usize,
    pub rows: Vec<PoolRow>,
}

#[derive(Serialize, Clone)]
pub struct PoolFilters {
    pub industries: Vec<Choice>,
    pub trls: Vec<u8>,
    pub transfers: Vec<Choice>,
}

/// One evaluated result as a table row, every number formatted; `chart` only on the
/// result's own page (`page.score`).
#[derive(Serialize, Clone)]
pub struct PoolRow {
    pub id: String,
    pub rank: usize,
    pub industry_rank: Option<usize>,
    pub title: String,
    pub url: Option<String>,
    pub institution: Option<String>,
    pub industry: String,
    pub industry_name: String,
    pub market: String,
    pub value: String,
    pub tech: String,
    pub composite: String,
    pub reviews: usize,
    pub trimmed: bool,
    pub trl: Option<u8>,
    pub transfer: Vec<String>,
    pub transfer_ids: String,
    pub admitted: bool,
    pub reason: Option<&'static str>,
    pub reason_label: Option<String>,
    pub registered: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chart: Option<String>,
}

/// `page.share`: the QR code, the Open Graph locale, and the share image and poster where
/// the page has them (their fields are left out otherwise).
#[derive(Serialize, Clone)]
pub struct ShareModel {
    pub qr: Option<String>,
    pub url_html: String,
    pub url_display: String,
    pub locale: String,
    pub locale_alternates: Vec<String>,
    pub image: Option<String>,
    pub thumb: Option<String>,
    pub poster: Option<String>,
    #[serde(flatten)]
    pub image_meta: Option<ShareImage>,
    #[serde(flatten)]
    pub poster_meta: Option<SharePoster>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brochure: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct ShareImage {
    pub image_type: &'static str,
    pub image_width: u32,
    pub image_height: u32,
    pub image_alt: String,
}

#[derive(Serialize, Clone)]
pub struct SharePoster {
    pub poster_width: u32,
    pub poster_height: u32,
    pub poster_alt: String,
}

/// What the share image and poster templates (`share/*.svg`) receive besides `t`.
#[derive(Serialize)]
pub struct ShareCardContext<'a> {
    pub lang: &'a str,
    pub dir: &'static str,
    pub t: Value,
    pub site: &'a SiteModel,
    /// Names the page in template errors too.
    pub page: SharePage<'a>,
    pub share: ShareCard,
}

#[derive(Serialize)]
pub struct SharePage<'a> {
    pub kind: &'static str,
    pub title: &'a str,
    pub url: &'a str,
    pub permalink: &'a str,
}

/// What a share image or poster shows: title, kind, key figures, address and QR code.
#[derive(Serialize)]
pub struct ShareCard {
    pub kind: &'static str,
    pub kind_label: Option<String>,
    pub title: String,
    pub summary: String,
    pub status_label: Option<String>,
    pub figures: Vec<ShareFigure>,
    pub url_display: String,
    pub qr: Option<QrPath>,
    pub font: String,
}

#[derive(Serialize)]
pub struct ShareFigure {
    pub label: String,
    pub value: String,
    pub note: Option<String>,
}

/// A QR code as one SVG path in a square of `size` modules.
#[derive(Serialize)]
pub struct QrPath {
    pub path: String,
    pub size: usize,
}

/// What `brochure.html` receives besides `t` and `data`.
#[derive(Serialize)]
pub struct BrochureContext<'a> {
    pub lang: &'a str,
    pub dir: &'static str,
    pub site: &'a SiteModel,
    pub page: BrochurePage,
    pub brochure: BrochureModel,
}

#[derive(Serialize)]
pub struct BrochurePage {
    pub kind: &'static str,
    pub key: &'static str,
    pub title: String,
    pub summary: Option<String>,
    pub url: String,
    pub permalink: String,
    pub translations: Vec<BrochureTranslation>,
    /// Link previews: the home page's share image.
    pub share: Option<ShareModel>,
}

#[derive(Serialize)]
pub struct BrochureTranslation {
    pub code: String,
    pub name: String,
    pub url: String,
    pub permalink: String,
    pub current: bool,
}

/// `brochure` in `brochure.html`: the printable brochure's sheets.
#[derive(Serialize)]
pub struct BrochureModel {
    pub title: String,
    pub css_url: String,
    pub edition: String,
    pub home: String,
    pub home_display: String,
    pub qr: Option<String>,
    pub toc_sheets: Vec<BrochureTocSheet>,
    pub projects: Vec<BrochureProject>,
    pub policy_sheets: Vec<BrochurePolicySheet>,
    pub policies_page: usize,
    pub contacts_page: usize,
    pub pages: usize,
    pub projects_url: Option<String>,
}

#[derive(Serialize)]
pub struct BrochureTocSheet {
    pub entries: Vec<BrochureTocEntry>,
    pub page: usize,
}

/// A line of the contents: a numbered project, the policies or the contacts.
#[derive(Serialize, Clone)]
pub struct BrochureTocEntry {
    pub number: Option<usize>,
    pub title: String,
    pub anchor: String,
    pub page: usize,
}

/// A project's sheet.
#[derive(Serialize)]
pub struct BrochureProject {
    pub number: usize,
    pub anchor: String,
    pub title: String,
    pub summary: Option<String>,
    pub text: Option<String>,
    pub facts: Vec<Fact>,
    pub image: Option<Image>,
    pub contact: Option<Contact>,
    pub url: String,
    pub permalink: String,
    pub url_display: String,
    pub qr: Option<String>,
    pub page: usize,
    pub fallback: bool,
    pub content_lang: Option<String>,
}

#[derive(Serialize)]
pub struct BrochurePolicySheet {
    pub policies: Vec<BrochurePolicy>,
    pub page: usize,
    pub first: bool,
}

#[derive(Serialize)]
pub struct BrochurePolicy {
    pub title: String,
    pub summary: Option<String>,
    pub facts: Vec<Fact>,
    pub url: String,
    pub fallback: bool,
    pub content_lang: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(v: &impl Serialize) -> Vec<String> {
        let value = serde_json::to_value(v).unwrap();
        value.as_object().unwrap().keys().cloned().collect()
    }

    /// Themes read these names: a renamed field breaks every site's copy of a template.
    #[test]
    fn every_page_has_the_variables_templates_read_and_no_optional_ones() {
        let expected = [
            "kind",
            "key",
            "title",
            "summary",
            "summary_written",
            "url",
            "permalink",
            "content",
            "toc",
            "date",
            "date_iso",
            "reading_time",
            "translations",
            "alternates",
            "canonical",
            "x_default",
            "fallback",
            "fallback_notice",
            "content_lang",
            "breadcrumbs",
            "status",
            "status_label",
            "status_notice",
            "unpublished",
            "unpublished_notice",
            "facts",
            "tags",
            "images",
            "attachments",
            "contact",
            "prices",
            "indicators",
            "segments",
            "projects",
            "policies",
            "results",
            "charts",
            "compare",
            "chain_counts",
            "map",
            "json_ld",
            "feeds",
            "serving_chambers",
        ];
        assert_eq!(keys(&PageModel::default()), expected);
    }

    /// Fields only some pages have are left out of the others rather than null, as before
    /// the model was typed (`is defined` in a template tells them apart).
    #[test]
    fn optional_parts_appear_only_when_set() {
        let page = PageModel {
            related: Related { projects_total: Some(3), projects_url: Some(None), ..Related::default() },
            pool: PoolParts { noindex: Some(true), ..PoolParts::default() },
            ..PageModel::default()
        };
        let value = serde_json::to_value(&page).unwrap();
        assert_eq!(value["projects_total"], 3);
        assert!(value.as_object().unwrap().contains_key("projects_url"), "present, as null");
        assert!(value["projects_url"].is_null());
        assert_eq!(value["noindex"], true);
        for absent in ["parks", "rows", "industry", "chain_url", "score", "share"] {
            assert!(!value.as_object().unwrap().contains_key(absent), "{absent} should be left out");
        }
    }
}

/// What `atom.xml` receives besides `t` and `data`: one feed in one language.
#[derive(Serialize)]
pub struct FeedContext<'a> {
    pub lang: &'a str,
    pub site: &'a SiteModel,
    pub feed: FeedModel,
}

#[derive(Serialize)]
pub struct FeedModel {
    pub title: String,
    /// The feed's own address, also its `id`.
    pub permalink: String,
    /// The page the feed follows.
    pub alternate: String,
    /// RFC 3339: the newest entry's date, or the build's date.
    pub updated: String,
    pub author: String,
    /// `projects`, `policies` or `news`; none for the language's feed of everything.
    pub section: Option<&'static str>,
    pub generator: String,
    pub version: &'static str,
    pub entries: Vec<FeedEntry>,
}

#[derive(Serialize)]
pub struct FeedEntry {
    pub title: String,
    pub permalink: String,
    pub published: String,
    pub updated: String,
    pub category: Option<FeedCategory>,
    pub summary: Option<String>,
}

/// The section an entry belongs to.
#[derive(Serialize)]
pub struct FeedCategory {
    pub term: String,
    pub label: String,
}

/// What `sitemap.xml` receives besides `t` and `data` (also for each `sitemap-N.xml`).
#[derive(Serialize)]
pub struct SitemapContext<'a> {
    pub site: &'a SiteModel,
    pub urls: &'a [SitemapUrl],
}

#[derive(Serialize, Clone)]
pub struct SitemapUrl {
    pub loc: String,
    pub lastmod: Option<String>,
    /// Every real translation, when there is more than one.
    pub alternates: Vec<Alternate>,
    pub x_default: String,
}

/// What `sitemap_index.xml` receives besides `t` and `data`: the parts past the limit.
#[derive(Serialize)]
pub struct SitemapIndexContext<'a> {
    pub site: &'a SiteModel,
    pub sitemaps: Vec<String>,
}

/// What `alias.html` receives besides `t` and `data`.
#[derive(Serialize)]
pub struct AliasContext<'a> {
    pub lang: &'a str,
    pub dir: &'static str,
    pub site: &'a SiteModel,
    pub alias: &'a AliasModel,
}

/// The page an old address redirects to.
#[derive(Serialize)]
pub struct AliasModel {
    pub title: String,
    pub url: String,
    pub permalink: String,
}

/// What `robots.txt` receives besides `t` and `data`.
#[derive(Serialize)]
pub struct RobotsContext<'a> {
    pub site: &'a SiteModel,
    pub sitemap_url: String,
}

/// `page.chamber`: a chamber of commerce or liaison office.
#[derive(Serialize, Clone, Default)]
pub struct ChamberModel {
    pub id: String,
    pub name: String,
    /// `hometown`, `industry`, `overseas` or `liaison`.
    pub kind: String,
    pub kind_label: String,
    pub kind_url: Option<String>,
    /// The city, or the country of an office abroad written without one.
    pub place: Option<String>,
    pub place_url: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub officers: Vec<Officer>,
    pub regions: Vec<ServedLink>,
    pub chains: Vec<ServedLink>,
    /// The WeChat QR image's address.
    pub wechat_qr: Option<String>,
    pub website: Option<String>,
    pub map_links: Option<MapLinks>,
}

#[derive(Serialize, Clone, Default)]
pub struct Officer {
    pub name: String,
    pub name_lang: Option<String>,
    pub role: String,
    pub phone: Option<String>,
    /// The whole `tel:` address.
    pub tel: Option<String>,
    pub email: Option<String>,
}

/// A chain or region named by a chamber, with its page.
#[derive(Serialize, Clone, Default)]
pub struct ServedLink {
    pub name: String,
    pub url: Option<String>,
}

/// A point's addresses in the map services, each in the datum it expects.
#[derive(Serialize, Clone, Default)]
pub struct MapLinks {
    pub amap: String,
    pub baidu: String,
    pub osm: String,
}

/// A chamber as the directory and region and chain pages list it.
#[derive(Serialize, Clone, Default)]
pub struct ChamberCard {
    pub id: String,
    pub name: String,
    pub name_lang: Option<String>,
    pub url: String,
    pub kind: String,
    pub kind_label: String,
    pub place: Option<String>,
    /// The first officer, to call from the list.
    pub officer: Option<Officer>,
    /// Names of the regions and chains it serves.
    pub serves: Vec<String>,
}

/// `chambers`: the directory (or one filter page of it).
#[derive(Serialize, Clone, Default)]
pub struct ChamberDirectory {
    pub cards: Vec<ChamberCard>,
    pub count: usize,
    /// The whole directory's address (for "all" on a filter page).
    pub all_url: String,
    /// Set on a filter page: the facet (`kind`, `place`) and value shown.
    pub facet: Option<String>,
    pub value: Option<String>,
    pub browse: Vec<ChamberBrowse>,
}

#[derive(Serialize, Clone, Default)]
pub struct ChamberBrowse {
    pub name: &'static str,
    pub label: String,
    pub links: Vec<ChamberFilterLink>,
}

#[derive(Serialize, Clone, Default)]
pub struct ChamberFilterLink {
    pub id: String,
    pub name: String,
    pub url: String,
    pub count: usize,
    pub current: bool,
}
