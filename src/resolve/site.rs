//! The resolved site: pages with one version per language, the kinds of page, and the
//! queries later stages make of them. Kept apart from the resolving itself so that the
//! parts of the resolve stage (finder pages, pool pages) and the render stage depend on
//! these types without depending on each other.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use crate::domain::pool;
use crate::domain::{self, Domain, Environment};
use crate::load::config::Config;
use crate::load::fields::LangText;
use crate::load::{BundleAsset, ContentFile, DataFile};
use crate::units::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Home,
    Section,
    Page,
    Project,
    Policy,
    Park,
    Result,
    /// A promotion event (`content/events/`).
    Event,
    /// The statistics computed from events and projects (`/statistics/`).
    Statistics,
    Chain,
    Region,
    /// The admitted results of one industry (`/results/industries/<id>/`).
    PoolIndustry,
    /// Every registered result with its scores, for administrators (`/results/evaluation/`).
    PoolReport,
    /// The projects or policies with one filter value (`/projects/chain/<id>/`).
    Filter,
    /// A chamber of commerce or liaison office (`/chambers/<id>/`, from `data/chambers.yaml`).
    Chamber,
    /// The chambers of one kind or one place (`/chambers/kind/overseas/`).
    ChamberFilter,
    /// The site search (`/search/`), when `search` is enabled.
    Search,
    /// The translation status for the office (`/translation-status/`), on sites with more
    /// than one language: not linked, not indexed.
    TranslationStatus,
}

impl Kind {
    /// Whether a page of this kind is an entry of the section it sits in. Sections, pages
    /// made for finding (filters, search, the pool's industry and report pages) and office
    /// pages (statistics, translation status) are reached otherwise, never listed.
    pub fn is_section_entry(self) -> bool {
        !matches!(
            self,
            Kind::Home
                | Kind::Section
                | Kind::PoolIndustry
                | Kind::PoolReport
                | Kind::Filter
                | Kind::ChamberFilter
                | Kind::Search
                | Kind::TranslationStatus
                | Kind::Statistics
        )
    }

    pub fn id(self) -> &'static str {
        match self {
            Kind::Home => "home",
            Kind::Section => "section",
            Kind::Page => "page",
            Kind::Project => "project",
            Kind::Policy => "policy",
            Kind::Park => "park",
            Kind::Result => "result",
            Kind::Event => "event",
            Kind::Statistics => "statistics",
            Kind::Chain => "chain",
            Kind::Region => "region",
            Kind::PoolIndustry => "pool-industry",
            Kind::PoolReport => "pool-report",
            Kind::Filter => "filter",
            Kind::Chamber => "chamber",
            Kind::ChamberFilter => "chamber-filter",
            Kind::Search => "search",
            Kind::TranslationStatus => "translation-status",
        }
    }

    /// The kind of a content file, from the folder it is in.
    pub(super) fn of_file(file: &ContentFile) -> Kind {
        if file.is_index {
            return if file.key.is_empty() { Kind::Home } else { Kind::Section };
        }
        let top = file.key.split('/').next().unwrap_or("");
        match top {
            "projects" => Kind::Project,
            "policies" => Kind::Policy,
            "results" => Kind::Result,
            "events" => Kind::Event,
            "environment" if file.key.starts_with("environment/parks/") => Kind::Park,
            _ => Kind::Page,
        }
    }

    /// Every field this kind of file knows, when it has a fixed list. Others are warned
    /// about as ignored, so they are removed before any template could show them.
    pub fn known(self) -> Option<&'static [&'static str]> {
        match self {
            Kind::Project => Some(domain::projects::KNOWN),
            Kind::Policy => Some(domain::policies::KNOWN),
            Kind::Result => Some(domain::results::KNOWN),
            Kind::Event => Some(domain::events::KNOWN),
            Kind::Park => Some(domain::environment::PARK_KNOWN),
            _ => None,
        }
    }

    /// Fields a translation may set, by kind; all others are language-neutral.
    pub(super) fn translatable(self) -> Option<&'static [&'static str]> {
        match self {
            Kind::Project => Some(domain::projects::TRANSLATABLE),
            Kind::Policy => Some(domain::policies::TRANSLATABLE),
            Kind::Result => Some(domain::results::TRANSLATABLE),
            Kind::Event => Some(domain::events::TRANSLATABLE),
            Kind::Park => Some(domain::environment::PARK_TRANSLATABLE),
            // Plain pages and sections: everything is text except these.
            _ => None,
        }
    }
}

pub(super) const PLAIN_NEUTRAL: &[&str] =
    &["date", "slug", "weight", "draft", "images", "location", "sort_by", "template"];

/// Why a page is not public yet. A normal build leaves such a page out entirely (see
/// [`Site::withheld`]); `--drafts` / `--future` include it under a banner, `noindex`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unpublished {
    /// `draft: true` in its front matter.
    Draft,
    /// Its publish date (see [`Page::date`]) is after the build's today.
    Scheduled(Date),
}

/// A page made from data rather than a content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Generated {
    Chain(String),
    Region(String),
    PoolIndustry(String),
    PoolReport,
    /// A finder page: the items of `section` with one value of a facet (see `crate::resolve::finder`).
    Filter {
        section: String,
        facet: crate::domain::finder::Facet,
        value: String,
    },
    Chamber(String),
    /// The chambers with one value of `facet` (`kind` or `place`; see `crate::resolve::chambers`).
    ChamberFilter {
        facet: &'static str,
        value: String,
    },
}

#[derive(Debug, Clone)]
pub struct Version {
    pub lang: String,
    /// URL path below the site's base path: `/en/projects/a/`.
    pub path: String,
    /// The content file whose text this version shows.
    pub file: Option<usize>,
    /// Shows another language's text (no translation exists).
    pub fallback: bool,
    /// The front matter after inheritance.
    pub front: Map<String, Value>,
    pub title: String,
    /// The translatable front-matter texts, read once for the render stage.
    pub texts: FrontTexts,
    /// Old addresses of this version (`aliases:` of its own file, never inherited), each a
    /// path below the base path like `/projects/old-name/`, checked by `resolve::aliases`.
    pub aliases: Vec<String>,
}

/// Front-matter texts that are not part of a page's domain data but that pages print:
/// read here so the render stage never looks fields up by name.
#[derive(Debug, Clone, Default)]
pub struct FrontTexts {
    /// The written summary; `summary_written` also when it is empty or not text.
    pub summary: Option<String>,
    pub summary_written: bool,
    pub tags: Vec<String>,
    pub issuer: Option<String>,
    pub institution: Option<String>,
    /// The `images` list, none when the field is absent (a translation then shows the
    /// original's).
    pub images: Option<Vec<ImageItem>>,
    /// `contact.org` and `contact.person` in this version's language.
    pub contact_org: Option<String>,
    pub contact_person: Option<String>,
    /// The template the page asks for.
    pub template: Option<String>,
    /// An event's `place` and `organiser` in this version's language.
    pub place: Option<String>,
    pub organiser: Option<String>,
}

impl FrontTexts {
    pub fn read(front: &Map<String, Value>) -> FrontTexts {
        let text = |k: &str| front.get(k).and_then(value_text);
        let contact = |k: &str| front.get("contact").and_then(|c| c.get(k)).and_then(value_text);
        FrontTexts {
            summary: text("summary"),
            summary_written: front.contains_key("summary"),
            tags: front.get("tags").map(text_list).unwrap_or_default(),
            issuer: text("issuer"),
            institution: text("institution"),
            images: front.get("images").map(image_items),
            contact_org: contact("org"),
            contact_person: contact("person"),
            template: front.get("template").and_then(Value::as_str).map(str::to_string),
            place: text("place"),
            organiser: text("organiser"),
        }
    }
}

/// One item of `images`: a file or address (`photo.jpg`), or that with its alt text and
/// caption (`{src: photo.jpg, alt: {zh: …, en: …}, caption: …}`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImageItem {
    pub src: String,
    pub alt: LangText,
    pub caption: LangText,
}

/// The keys an item of `images` may have.
pub const IMAGE_ITEM_KEYS: &[&str] = &["src", "alt", "caption"];

impl ImageItem {
    /// A text of the item for readers of `lang`: from a per-language map, or a text written
    /// once when `lang` is the language it was written in (`written_in`, the file's).
    pub fn text_in<'t>(t: &'t LangText, lang: &str, written_in: &str) -> Option<&'t str> {
        let found = match t {
            LangText::None => None,
            LangText::One(s) => (lang == written_in).then_some(s.as_str()),
            LangText::Map(m) => m.iter().find(|(l, _)| l == lang).map(|(_, s)| s.as_str()),
        };
        found.map(str::trim).filter(|s| !s.is_empty())
    }
}

/// The items of `images` that name a file; `None` for an item of another shape (reported
/// by `named_files`).
pub fn image_item(v: &Value) -> Option<ImageItem> {
    match v {
        Value::Object(m) => Some(ImageItem {
            src: m.get("src").and_then(value_text)?,
            alt: m.get("alt").and_then(LangText::from_value).unwrap_or_default(),
            caption: m.get("caption").and_then(LangText::from_value).unwrap_or_default(),
        }),
        other => value_text(other).map(|src| ImageItem { src, ..ImageItem::default() }),
    }
}

pub fn image_items(v: &Value) -> Vec<ImageItem> {
    match v {
        Value::Array(a) => a.iter().filter_map(image_item).collect(),
        other => image_item(other).into_iter().collect(),
    }
}

/// A list field that may also be written as one text.
fn text_list(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().filter_map(value_text).collect(),
        Value::String(s) => vec![s.clone()],
        _ => Vec::new(),
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    pub key: String,
    pub kind: Kind,
    /// The section that lists this page (`projects`; `` for the home page's children).
    pub parent: Option<String>,
    pub slug: String,
    /// The language of the file that holds the language-neutral fields.
    pub original: String,
    /// One version per site language, in site order.
    pub versions: Vec<Version>,
    pub domain: Domain,
    pub generated: Option<Generated>,
    pub date: Option<Date>,
    pub weight: i64,
    pub is_bundle: bool,
    /// Set when a preview build (`--drafts`, `--future`) includes a page that is not public.
    pub unpublished: Option<Unpublished>,
}

impl Page {
    /// A page made by investsite rather than written by an author (a section without an
    /// `_index` file, a chain or region page, a pool or finder page, the search page): one
    /// version per language, with no file, titled by `title`. Paths are assigned later.
    pub fn made(
        key: String,
        kind: Kind,
        parent: Option<String>,
        slug: String,
        generated: Option<Generated>,
        title: impl Fn(&str) -> String,
        config: &Config,
    ) -> Page {
        let versions = config
            .languages
            .iter()
            .map(|l| Version {
                lang: l.clone(),
                path: String::new(),
                file: None,
                fallback: false,
                front: Map::new(),
                title: title(l),
                texts: FrontTexts::default(),
                aliases: Vec::new(),
            })
            .collect();
        Page {
            key,
            kind,
            parent,
            slug,
            original: config.default_lang().to_string(),
            versions,
            domain: Domain::Plain,
            generated,
            date: None,
            weight: 0,
            is_bundle: false,
            unpublished: None,
        }
    }

    pub fn version(&self, lang: &str) -> &Version {
        self.versions.iter().find(|v| v.lang == lang).unwrap_or(&self.versions[0])
    }

    pub fn original_version(&self) -> &Version {
        self.version(&self.original)
    }

    /// The version `hreflang="x-default"` names: the default language's, unless that is a
    /// fallback (a page written only in English), whose canonical is the original.
    pub fn x_default_version(&self, default_lang: &str) -> &Version {
        let v = self.version(default_lang);
        if v.fallback { self.original_version() } else { v }
    }
}

pub struct Site {
    pub config: Config,
    pub root: std::path::PathBuf,
    pub today: Date,
    pub env: Environment,
    pub files: Vec<ContentFile>,
    pub pages: Vec<Page>,
    pub by_key: HashMap<String, usize>,
    pub assets: Vec<BundleAsset>,
    pub data: BTreeMap<String, DataFile>,
    pub static_files: Vec<(std::path::PathBuf, String)>,
    /// The research-result pool's evaluation, when there are results.
    pub pool: Option<pool::Evaluation>,
    /// Areas drawn under the maps (`map.outlines` in site.yaml).
    pub outlines: Vec<crate::geojson::Outline>,
    /// Content files that could not be read, as (page key, language); see [`Loaded::broken`].
    pub broken: Vec<(String, String)>,
    /// Drafts and scheduled pages this build leaves out, with the addresses they would have:
    /// links to them are errors that say why, `check` lists them, a vanished address of
    /// one is explained.
    pub withheld: Vec<Page>,
    /// Every signed project: from events' `signed` lists and projects' own `signed:`
    /// (see `resolve::events`), in date order.
    pub signings: Vec<domain::events::Signed>,
}

impl Site {
    /// The park page with this slug (projects name their park by it).
    pub fn park(&self, slug: &str) -> Option<&Page> {
        // By its key first: every project page asks for its park, and scanning every page
        // each time grew with the square of the site.
        let is_it = |p: &&Page| p.kind == Kind::Park && p.slug == slug;
        self.page(&format!("environment/parks/{slug}")).filter(is_it).or_else(|| self.pages.iter().find(is_it))
    }

    /// Adds a page made after resolving (pool and finder pages), keeping the key index.
    pub fn add_page(&mut self, page: Page) {
        self.by_key.insert(page.key.clone(), self.pages.len());
        self.pages.push(page);
    }

    pub fn page(&self, key: &str) -> Option<&Page> {
        self.by_key.get(key).map(|&i| &self.pages[i])
    }

    /// A draft or scheduled page this build leaves out.
    pub fn withheld_page(&self, key: &str) -> Option<&Page> {
        self.withheld.iter().find(|p| p.key == key)
    }

    /// A file of this page in this language exists but could not be read (its error is
    /// already reported): what follows from its absence is not the author's second mistake.
    pub fn is_broken(&self, key: &str, lang: &str) -> bool {
        self.broken.iter().any(|(k, l)| k == key && l == lang)
    }

    /// Some file of this page could not be read.
    pub fn has_broken_file(&self, key: &str) -> bool {
        self.broken.iter().any(|(k, _)| k == key)
    }

    /// Pages listed directly in a section, in no particular order. The pool's industry and
    /// report pages are reached from the pool index, not listed as entries.
    pub fn children<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Page> + 'a {
        self.pages.iter().filter(move |p| p.parent.as_deref() == Some(section) && p.kind.is_section_entry())
    }

    pub fn subsections<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Page> + 'a {
        self.pages.iter().filter(move |p| p.parent.as_deref() == Some(section) && p.kind == Kind::Section)
    }

    /// The signing of a project page, when it is signed by the build's today: a project
    /// listed at an upcoming signing ceremony is not "signed" before that day.
    pub fn signing(&self, project_key: &str) -> Option<&domain::events::Signed> {
        self.signings.iter().find(|s| s.project == project_key && s.date <= self.today)
    }

    /// The projects signed at an event page.
    pub fn signed_at<'a>(&'a self, event_key: &'a str) -> impl Iterator<Item = &'a domain::events::Signed> + 'a {
        self.signings.iter().filter(move |s| s.event.as_deref() == Some(event_key))
    }

    pub fn is_admitted(&self, key: &str) -> bool {
        self.pool.as_ref().and_then(|e| e.get(key)).is_some_and(|r| r.admitted)
    }
}

/// A front-matter value as plain text: strings trimmed, numbers as written.
pub fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
