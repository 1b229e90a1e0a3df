//! Stage 2, resolve: turns loaded files into the site's pages.
//!
//! Consumes a [`Loaded`] site; produces a [`Site`]: every page with one version per
//! language (a translation, or the original under a fallback notice), its slug and URL,
//! its typed domain data, the sections that list it, and the pages made from data
//! (industry chains, regions). Translation inheritance happens here: a translation takes
//! every field it does not set from the original, and a contradicting language-neutral
//! field is reported. The research-result pool is evaluated here too.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::{Map, Value};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::domain::pool;
use crate::domain::{self, Domain, Environment, ParkRef, Refs};
use crate::load::config::Config;
use crate::load::fields::Fields;
use crate::load::{ContentFile, Loaded};
use crate::text::slug;
use crate::units::Date;

pub mod aliases;
pub mod chambers;
pub mod events;
pub mod finder;
mod site;

use site::PLAIN_NEUTRAL;
pub use site::{
    FrontTexts, Generated, IMAGE_ITEM_KEYS, ImageItem, Kind, Page, Site, Unpublished, Version, image_item, image_items,
    value_text,
};
/// Fields of plain pages that are the same in every language (not translated).
pub const PLAIN_NEUTRAL_FIELDS: &[&str] = PLAIN_NEUTRAL;

pub struct Options {
    pub today: Date,
    /// Include `draft: true` pages (under a banner) instead of leaving them out.
    pub drafts: bool,
    /// Include pages whose publish date is after `today`.
    pub future: bool,
}

impl Options {
    /// Options for a public build judged against `today`.
    pub fn at(today: Date) -> Options {
        Options { today, drafts: false, future: false }
    }

    fn includes(&self, u: Unpublished) -> bool {
        match u {
            Unpublished::Draft => self.drafts,
            Unpublished::Scheduled(_) => self.future,
        }
    }
}

pub fn resolve(loaded: Loaded, opts: &Options, diags: &Diagnostics) -> Site {
    let Loaded { root, config, files, assets, data, static_files, broken } = loaded;
    let mut env = Environment::read(&data, diags);
    let env_refs = Refs { env: Some(&env), ..Refs::default() };
    let chambers = domain::chambers::read(&data, &env_refs, &config.url_policy, diags);
    env.chambers = chambers;
    // A draft office is checked, then left out of a public build like a draft page.
    env.chambers.retain(|c| !c.draft || opts.drafts);
    let groups = group_files(&files, &broken, &config, diags);
    let mut pages = Vec::new();
    // Slugs of parks first: projects refer to them.
    let parks: Vec<ParkRef> = groups
        .iter()
        .filter(|(_, g)| Kind::of_file(&files[g.original]) == Kind::Park)
        .map(|(_, g)| ParkRef { slug: page_slug(&files, g), titles: titles(&files, g) })
        .collect();
    let named = |kind: Kind| -> Vec<ParkRef> {
        groups
            .iter()
            .filter(|(_, g)| Kind::of_file(&files[g.original]) == kind)
            .map(|(_, g)| ParkRef { slug: page_slug(&files, g), titles: titles(&files, g) })
            .collect()
    };
    let refs = Refs { env: Some(&env), parks, projects: Some(named(Kind::Project)), events: Some(named(Kind::Event)) };
    for (key, group) in &groups {
        if let Some(page) = build_page(key, group, &files, &config, &refs, opts, diags) {
            pages.push(page);
        }
    }
    let (mut pages, mut withheld): (Vec<Page>, Vec<Page>) =
        pages.into_iter().partition(|p| p.unpublished.is_none_or(|u| opts.includes(u)));
    // Among published pages only: two drafts made by `new` share its placeholder code.
    check_unique_codes(&pages, &files, diags);
    add_generated_pages(&mut pages, &files, &env, &config, diags);
    add_search_page(&mut pages, &files, &config, diags);
    let signings = events::signings(&pages, &withheld, &files, diags);
    let has_events = pages.iter().any(|p| p.kind == Kind::Event) || !signings.is_empty();
    events::add_statistics_page(&mut pages, has_events, &files, &config, diags);
    events::check_figures(&data, diags);
    add_translation_status_page(&mut pages, &files, &config, diags);
    add_implicit_sections(&mut pages, &config);
    let folders = folder_slugs(&pages);
    assign_paths(&mut pages, &folders, &config);
    assign_paths(&mut withheld, &folders, &config);
    check_parks_published(&pages, &withheld, &files, diags);
    check_unique_paths(&pages, &files, diags);
    let by_key = pages.iter().enumerate().map(|(i, p)| (p.key.clone(), i)).collect();
    let outlines = crate::geojson::load(&root, &config.map, diags);
    let mut site = Site {
        config,
        root,
        today: opts.today,
        env,
        files,
        pages,
        by_key,
        assets,
        data,
        static_files,
        pool: None,
        outlines,
        broken,
        withheld,
        signings,
    };
    site.pool = evaluate_pool(&site, diags);
    add_pool_pages(&mut site, diags);
    finder::add_pages(&mut site, diags);
    chambers::add_pages(&mut site, diags);
    site
}

/// One page per industry with admitted results, and the evaluation report.
fn add_pool_pages(site: &mut Site, diags: &Diagnostics) {
    let Some(eval) = &site.pool else { return };
    let stats = pool::industry_stats(eval);
    let mut new_pages = Vec::new();
    let config = &site.config;
    for stat in stats.iter().filter(|s| s.admitted > 0) {
        let name = site.env.chain(&stat.industry).map(|c| c.name.clone()).unwrap_or_default();
        new_pages.push(Page::made(
            format!("results/industries/{}", stat.industry),
            Kind::PoolIndustry,
            Some("results".to_string()),
            format!("industries/{}", stat.industry),
            Some(Generated::PoolIndustry(stat.industry.clone())),
            |l| name.get_or_empty(l, config.default_lang()),
            config,
        ));
    }
    new_pages.push(Page::made(
        "results/evaluation".to_string(),
        Kind::PoolReport,
        Some("results".to_string()),
        "evaluation".to_string(),
        Some(Generated::PoolReport),
        |_| String::new(),
        config,
    ));
    for mut page in new_pages {
        if let Some(existing) = site.page(&page.key) {
            let file = page_file(existing, &site.files).unwrap_or_else(|| format!("content/{}.md", page.key));
            diags.push(
                Diagnostic::error(format!(
                    "content/{} clashes with the page investsite makes for the research pool at that address",
                    page.key
                ))
                .in_file(file)
                .help("rename the content file"),
            );
            continue;
        }
        let rel = format!("results/{}/", page.slug);
        for v in &mut page.versions {
            v.path = format!("{}/{rel}", site.config.lang_prefix(&v.lang));
        }
        site.add_page(page);
    }
}

/// The files that make up one page: at most one per language.
struct Group {
    by_lang: BTreeMap<String, usize>,
    /// The file holding the language-neutral fields: the default language's, else the
    /// first language's that exists.
    original: usize,
    /// The real original could not be read, so `original` is a translation standing in:
    /// it lacks the neutral fields by design, and saying so would blame the wrong file.
    stand_in: bool,
}

fn group_files(
    files: &[ContentFile],
    broken: &[(String, String)],
    config: &Config,
    diags: &Diagnostics,
) -> BTreeMap<String, Group> {
    let mut by_key: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        let entry = by_key.entry(f.key.clone()).or_default();
        if let Some(&other) = entry.get(&f.lang) {
            diags.push(
                Diagnostic::error(format!(
                    "two files for the same page in language \"{}\": this one and {}",
                    f.lang, files[other].rel
                ))
                .in_file(&f.rel)
                .help("a file without a language suffix belongs to the default language; keep one of the two"),
            );
            continue;
        }
        entry.insert(f.lang.clone(), i);
    }
    by_key
        .into_iter()
        .map(|(key, by_lang)| {
            let original =
                config.languages.iter().find_map(|l| by_lang.get(l).copied()).expect("a group has at least one file");
            let original_lang = &files[original].lang;
            let stand_in = config
                .languages
                .iter()
                .take_while(|l| *l != original_lang)
                .any(|l| broken.iter().any(|(k, bl)| *k == key && bl == l));
            (key, Group { by_lang, original, stand_in })
        })
        .collect()
}

/// The slug, in the order the spec gives: `slug:`, an ASCII file name, the English title,
/// pinyin of the original title.
/// A page's title in each of its languages (a park named by its title is found by it).
fn titles(files: &[ContentFile], group: &Group) -> Vec<String> {
    let title = |i: usize| files[i].front.get("title").and_then(Value::as_str).map(str::to_string);
    std::iter::once(group.original).chain(group.by_lang.values().copied()).filter_map(title).collect()
}

fn page_slug(files: &[ContentFile], group: &Group) -> String {
    let original = &files[group.original];
    if let Some(s) = original.front.get("slug").and_then(Value::as_str) {
        return slug::slugify(s);
    }
    if original.stem.is_ascii() && !slug::slugify(&original.stem).is_empty() {
        return slug::slugify(&original.stem);
    }
    let english = group.by_lang.get("en").and_then(|&i| files[i].front.get("title")).and_then(Value::as_str);
    if let Some(t) = english {
        let s = slug::slugify(t);
        if !s.is_empty() {
            return truncate_slug(&s);
        }
    }
    let title = original.front.get("title").and_then(Value::as_str).unwrap_or(&original.stem);
    let from_title = truncate_slug(&slug::pinyin_slug(title));
    if !from_title.is_empty() {
        return from_title;
    }
    let from_stem = truncate_slug(&slug::pinyin_slug(&original.stem));
    if from_stem.is_empty() { format!("page-{}", group.original) } else { from_stem }
}

/// Long titles make long URLs; WeChat links must stay short, so cut at a word boundary.
fn truncate_slug(s: &str) -> String {
    const MAX: usize = 48;
    if s.len() <= MAX {
        return s.to_string();
    }
    let cut = &s[..MAX];
    cut.rsplit_once('-').map(|(a, _)| a.to_string()).unwrap_or_else(|| cut.to_string())
}

fn build_page(
    key: &str,
    group: &Group,
    files: &[ContentFile],
    config: &Config,
    refs: &Refs,
    opts: &Options,
    diags: &Diagnostics,
) -> Option<Page> {
    let original = &files[group.original];
    let kind = Kind::of_file(original);
    // A stand-in original's complaints are consequences of the unreadable file: dropped.
    let scratch = Diagnostics::new();
    let diags = if group.stand_in { &scratch } else { diags };
    let unpublished = unpublished(kind, original, opts, diags);
    // A page this build leaves out is work in progress: its problems are for the preview
    // (`--drafts`, `--future`), not a reason to refuse publishing the rest of the site.
    let diags = if unpublished.is_some_and(|u| !opts.includes(u)) { &scratch } else { diags };
    let fields = Fields::new(&original.rel, &original.fm_text, original.fm_offset, &original.front, diags);
    let domain = read_domain(kind, &fields, refs);
    let mut versions = Vec::new();
    for lang in &config.languages {
        let version = match group.by_lang.get(lang) {
            Some(&i) => {
                let file = &files[i];
                let front = if i == group.original {
                    file.front.clone()
                } else {
                    check_neutral_fields(kind, original, file, diags);
                    inherit(&original.front, &file.front)
                };
                Version {
                    lang: lang.clone(),
                    path: String::new(),
                    file: Some(i),
                    fallback: false,
                    front,
                    title: String::new(),
                    texts: FrontTexts::default(),
                    aliases: own_aliases(file, config, diags),
                }
            }
            None => Version {
                lang: lang.clone(),
                path: String::new(),
                file: Some(group.original),
                fallback: true,
                front: original.front.clone(),
                title: String::new(),
                texts: FrontTexts::default(),
                aliases: Vec::new(),
            },
        };
        versions.push(version);
    }
    for v in &mut versions {
        v.title = v.front.get("title").and_then(value_text).unwrap_or_default();
        if let Some(known) = kind.known() {
            v.front.retain(|k, _| known.contains(&k.as_str()));
        }
        // Read after the unknown fields are gone: an ignored field must not reach a page.
        v.texts = FrontTexts::read(&v.front);
    }
    if matches!(kind, Kind::Page | Kind::Section | Kind::Home) {
        check_plain_title(kind, &fields);
    }
    let date = match &domain {
        Domain::Project(p) => Some(p.date),
        Domain::Policy(p) => Some(p.published),
        Domain::Result(r) => Some(r.registered),
        Domain::Event(e) => Some(e.start),
        _ => fields.date("date"),
    };
    let parent = match kind {
        Kind::Home => None,
        _ => Some(original.dir.clone()),
    };
    let slug = page_slug(files, group);
    check_slug_length(&slug, &fields);
    Some(Page {
        key: key.to_string(),
        kind,
        parent,
        slug,
        original: original.lang.clone(),
        versions,
        domain,
        generated: None,
        date,
        weight: fields.integer_in("weight", -1_000_000, 1_000_000).unwrap_or(0),
        is_bundle: original.is_bundle,
        unpublished,
    })
}

/// The field holding a kind's publish date: what its readers take as the day it appeared.
/// Projects are listed on `date`, policies issued on `published`, results registered on
/// `registered`; plain pages and sections have `date`.
pub fn publish_date_field(kind: Kind) -> &'static str {
    match kind {
        Kind::Policy => "published",
        Kind::Result => "registered",
        _ => "date",
    }
}

/// Whether the page is a draft or scheduled; a bad `draft` value is reported, a bad date
/// is left to the kind's own reading (which reports it).
fn unpublished(kind: Kind, original: &ContentFile, opts: &Options, diags: &Diagnostics) -> Option<Unpublished> {
    let fields = Fields::new(&original.rel, &original.fm_text, original.fm_offset, &original.front, diags);
    if fields.bool("draft") {
        return Some(Unpublished::Draft);
    }
    // An event's date is when it takes place: announcing it before is the point.
    if kind == Kind::Event {
        return None;
    }
    let quiet = Diagnostics::new();
    let dates = Fields::new(&original.rel, &original.fm_text, original.fm_offset, &original.front, &quiet);
    dates.date(publish_date_field(kind)).filter(|d| *d > opts.today).map(Unpublished::Scheduled)
}

/// The aliases a language's own file sets: an old address belongs to one language, so a
/// translation never inherits the original's.
fn own_aliases(file: &ContentFile, config: &Config, diags: &Diagnostics) -> Vec<String> {
    let fields = Fields::new(&file.rel, &file.fm_text, file.fm_offset, &file.front, diags);
    aliases::read(file, &config.base_url, &fields)
}

/// Longer than any address a reader could type, and near the 255 bytes a file system allows
/// for a folder name: caught here with the author's line instead of failing at write time.
pub const MAX_SLUG_BYTES: usize = 200;

fn check_slug_length(slug: &str, fields: &Fields) {
    if slug.len() <= MAX_SLUG_BYTES {
        return;
    }
    let what = if fields.has("slug") { "`slug`" } else { "the file name" };
    fields.error(
        "slug",
        format!("the page address made from {what} is {} bytes long; at most {MAX_SLUG_BYTES} are allowed", slug.len()),
        Some("write a short `slug:` of a few words, like `slug: copper-foil`"),
    );
}

fn check_plain_title(kind: Kind, fields: &Fields) {
    if kind == Kind::Page && !fields.has("title") {
        fields.error("title", "required field `title` is missing", Some("add a line like `title: 投资环境概况`"));
    }
}

fn read_domain(kind: Kind, fields: &Fields, refs: &Refs) -> Domain {
    match kind {
        Kind::Project => domain::Project::read(fields, refs).map(|p| Domain::Project(Box::new(p))),
        Kind::Policy => domain::Policy::read(fields, refs).map(|p| Domain::Policy(Box::new(p))),
        Kind::Park => domain::Park::read(fields, refs).map(|p| Domain::Park(Box::new(p))),
        Kind::Result => domain::ResearchResult::read(fields, refs).map(|r| Domain::Result(Box::new(r))),
        Kind::Event => domain::Event::read(fields, refs).map(|e| Domain::Event(Box::new(e))),
        _ => Some(Domain::Plain),
    }
    .unwrap_or(Domain::Plain)
}

/// A translation's front matter: the original's fields, with the translation's own on
/// top; mappings (contact) merge key by key.
fn inherit(original: &Map<String, Value>, translation: &Map<String, Value>) -> Map<String, Value> {
    let mut out = original.clone();
    for (k, v) in translation {
        match (out.get_mut(k), v) {
            (Some(Value::Object(base)), Value::Object(over)) => {
                for (k2, v2) in over {
                    base.insert(k2.clone(), v2.clone());
                }
            }
            _ => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    out
}

/// Warns where a translation sets a language-neutral field to another value than the
/// original: numbers, dates and ids are written once, and two values would disagree.
fn check_neutral_fields(kind: Kind, original: &ContentFile, translation: &ContentFile, diags: &Diagnostics) {
    let fields = Fields::new(&translation.rel, &translation.fm_text, translation.fm_offset, &translation.front, diags);
    if let Some(known) = kind.known() {
        fields.check_unknown(known);
    }
    let original_lang = crate::load::config::english_language_name(&original.lang);
    for (key, value) in &translation.front {
        let neutral = match kind.translatable() {
            Some(t) => !t.contains(&key.as_str()),
            None => PLAIN_NEUTRAL.contains(&key.as_str()),
        };
        if key == "draft" && *value == Value::Bool(true) && original.front.get(key) != Some(value) {
            fields.warn(
                key,
                format!(
                    "this translation says `draft: true`, but whether a page is published is decided by the {original_lang} original ({}), which is not a draft: this translation is published",
                    original.rel
                ),
                Some(&format!(
                    "to keep the page unpublished, write `draft: true` in {}; to hold back only this translation, move its file out of content/ until it is ready",
                    original.rel
                )),
            );
            continue;
        }
        match original.front.get(key) {
            Some(orig) if neutral && orig != value => {
                fields.warn(
                    key,
                    format!(
                        "`{key}` differs from the {original_lang} original ({}): {} there, {} here; the original's value is language-neutral and is used",
                        original.rel,
                        crate::load::fields::compact(orig),
                        crate::load::fields::compact(value)
                    ),
                    Some("write numbers, amounts, dates and ids once, in the default-language file, and remove them here"),
                );
            }
            Some(Value::Object(orig)) if key == "contact" => {
                if let Value::Object(tr) = value {
                    for (k2, v2) in tr {
                        if !domain::Contact::TRANSLATABLE.contains(&k2.as_str())
                            && orig.get(k2).is_some_and(|o| o != v2)
                        {
                            fields.warn(
                                key,
                                format!("`contact.{k2}` differs from the {original_lang} original ({})", original.rel),
                                Some(
                                    "phone numbers and e-mail addresses are written once, in the default-language file",
                                ),
                            );
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// Pages for every industry chain (`/chains/<id>/`) and region (`/regions/<id>/`), listed in
/// sections of their own; a content folder of the same name can give those sections text.
fn add_generated_pages(
    pages: &mut Vec<Page>,
    files: &[ContentFile],
    env: &Environment,
    config: &Config,
    diags: &Diagnostics,
) {
    for (section, ids, make) in [
        (
            "chains",
            env.chains.iter().map(|c| c.id.clone()).collect::<Vec<_>>(),
            Generated::Chain as fn(String) -> Generated,
        ),
        ("regions", env.regions.iter().map(|r| r.id.clone()).collect(), Generated::Region),
        ("chambers", env.chambers.iter().map(|c| c.id.clone()).collect(), Generated::Chamber),
    ] {
        for id in ids {
            let key = format!("{section}/{id}");
            if let Some(existing) = pages.iter().find(|p| p.key == key) {
                let file = page_file(existing, files).unwrap_or_else(|| format!("content/{key}"));
                diags.push(Diagnostic::error(format!(
                    "content/{key} clashes with the page made from data/{section}.yaml for \"{id}\""
                )).in_file(file).help(format!("pages under content/{section}/ are made from data/{section}.yaml; remove or rename the content file")));
                continue;
            }
            let kind = match section {
                "chains" => Kind::Chain,
                "chambers" => Kind::Chamber,
                _ => Kind::Region,
            };
            let title_of = |lang: &str| -> String {
                match section {
                    "chains" => env.chain(&id).map(|c| c.name.get_or_empty(lang, config.default_lang())),
                    "chambers" => env
                        .chambers
                        .iter()
                        .find(|c| c.id == id)
                        .map(|c| c.name.get_or_empty(lang, config.default_lang())),
                    _ => env.region(&id).map(|r| r.name.get_or_empty(lang, config.default_lang())),
                }
                .unwrap_or_default()
            };
            let mut page =
                Page::made(key, kind, Some(section.to_string()), id.clone(), Some(make(id.clone())), title_of, config);
            if let Some(c) = env.chambers.iter().find(|c| section == "chambers" && c.id == id) {
                page.weight = c.weight;
                page.unpublished = c.draft.then_some(Unpublished::Draft);
            }
            pages.push(page);
        }
    }
}

/// The search page at `/search/` in every language; its title is the theme's `section.search`.
fn add_search_page(pages: &mut Vec<Page>, files: &[ContentFile], config: &Config, diags: &Diagnostics) {
    if !config.search.enabled {
        return;
    }
    if let Some(existing) = pages.iter().find(|p| p.key == "search" || p.key.starts_with("search/")) {
        let file = page_file(existing, files).unwrap_or_else(|| "content/search".to_string());
        diags.push(
            Diagnostic::error("content/search clashes with the search page investsite makes at /search/")
                .in_file(file)
                .help("rename the content file, or turn the search off with `search: false` in site.yaml"),
        );
        return;
    }
    let title = |_: &str| String::new();
    pages.push(Page::made(
        "search".to_string(),
        Kind::Search,
        Some(String::new()),
        "search".to_string(),
        None,
        title,
        config,
    ));
}

/// The office's translation status (see `staff::status`), on a site with translations.
fn add_translation_status_page(pages: &mut Vec<Page>, files: &[ContentFile], config: &Config, diags: &Diagnostics) {
    const KEY: &str = "translation-status";
    if config.languages.len() < 2 {
        return;
    }
    if let Some(existing) = pages.iter().find(|p| p.key == KEY || p.key.starts_with("translation-status/")) {
        let file = page_file(existing, files).unwrap_or_else(|| format!("content/{KEY}"));
        diags.push(
            Diagnostic::error(format!(
                "content/{KEY} clashes with the translation status page investsite makes at /{KEY}/"
            ))
            .in_file(file)
            .help("rename the content file"),
        );
        return;
    }
    let title = |_: &str| String::new();
    pages.push(Page::made(
        KEY.to_string(),
        Kind::TranslationStatus,
        Some(String::new()),
        KEY.to_string(),
        None,
        title,
        config,
    ));
}

/// Every folder with pages is a section even without an `_index` file, and so is the home
/// page: a reader can always go up a level.
fn add_implicit_sections(pages: &mut Vec<Page>, config: &Config) {
    let existing: BTreeSet<String> = pages.iter().map(|p| p.key.clone()).collect();
    let mut needed = BTreeSet::new();
    needed.insert(String::new());
    for p in pages.iter() {
        let mut parent = p.parent.clone();
        while let Some(dir) = parent {
            needed.insert(dir.clone());
            parent = if dir.is_empty() {
                None
            } else {
                Some(dir.rsplit_once('/').map(|(a, _)| a.to_string()).unwrap_or_default())
            };
        }
    }
    for key in needed.difference(&existing) {
        let kind = if key.is_empty() { Kind::Home } else { Kind::Section };
        let parent = if key.is_empty() {
            None
        } else {
            Some(key.rsplit_once('/').map(|(a, _)| a.to_string()).unwrap_or_default())
        };
        let name = key.rsplit('/').next().unwrap_or("");
        // The home page's title is the site's; a section's comes from the theme (`section.<name>`).
        let title =
            |l: &str| if key.is_empty() { config.title.get_or_empty(l, config.default_lang()) } else { String::new() };
        pages.push(Page::made(key.clone(), kind, parent, slug::slugify(name), None, title, config));
    }
    // Sections made from a content file also need their parents listed under them.
    for p in pages.iter_mut() {
        if p.kind == Kind::Section && p.parent.is_none() {
            p.parent = Some(String::new());
        }
    }
}

/// The slug of every section, by key.
fn folder_slugs(pages: &[Page]) -> HashMap<String, String> {
    pages
        .iter()
        .filter(|p| matches!(p.kind, Kind::Section | Kind::Home))
        .map(|p| (p.key.clone(), p.slug.clone()))
        .collect()
}

/// URL paths: the folders' slugs, then the page's slug; other languages under `/<lang>`.
fn assign_paths(pages: &mut [Page], folder_slugs: &HashMap<String, String>, config: &Config) {
    for page in pages.iter_mut() {
        let mut segments: Vec<String> = Vec::new();
        if let Some(parent) = &page.parent {
            let mut acc = String::new();
            for part in parent.split('/').filter(|s| !s.is_empty()) {
                acc = if acc.is_empty() { part.to_string() } else { format!("{acc}/{part}") };
                let s = folder_slugs.get(&acc).cloned().unwrap_or_else(|| slug::slugify(part));
                segments.push(if s.is_empty() { truncate_slug(&slug::pinyin_slug(part)) } else { s });
            }
        }
        if page.kind != Kind::Home {
            segments.push(page.slug.clone());
        }
        let rel = segments.iter().filter(|s| !s.is_empty()).map(|s| format!("{s}/")).collect::<String>();
        for v in &mut page.versions {
            v.path = format!("{}/{rel}", config.lang_prefix(&v.lang));
        }
    }
}

/// A project's `park:` names a page, as a link does: a park page that is a draft or
/// scheduled would leave the project pointing nowhere, so it is an error like such a link.
fn check_parks_published(pages: &[Page], withheld: &[Page], files: &[ContentFile], diags: &Diagnostics) {
    for page in pages {
        let Domain::Project(p) = &page.domain else { continue };
        let Some(slug) = &p.park else { continue };
        let Some(park) = withheld.iter().find(|w| w.kind == Kind::Park && w.slug == *slug) else { continue };
        let Some(file) = page.original_version().file.map(|i| &files[i]) else { continue };
        let park_file = park.original_version().file.map(|i| files[i].rel.as_str()).unwrap_or_default();
        let state = match park.unpublished {
            Some(site::Unpublished::Scheduled(d)) => format!("scheduled for {}", d.iso()),
            _ => "a draft".to_string(),
        };
        let fields = Fields::new(&file.rel, &file.fm_text, file.fm_offset, &file.front, diags);
        fields.error(
            "park",
            format!("the park \"{slug}\" ({park_file}) is {state} and not published"),
            Some("publish it or remove the `park:` line"),
        );
    }
}

/// A project code is how partners and the bureau refer to a project in letters and forms:
/// two projects with one code would be confused, so the second is an error naming both.
fn check_unique_codes(pages: &[Page], files: &[ContentFile], diags: &Diagnostics) {
    let mut seen: HashMap<&str, &Page> = HashMap::new();
    for page in pages {
        let Domain::Project(p) = &page.domain else { continue };
        let Some(code) = p.code.as_deref().filter(|c| !c.is_empty()) else { continue };
        let Some(first) = seen.insert(code, page) else { continue };
        seen.insert(code, first);
        let (Some(here), Some(there)) = (page_file(page, files), page_file(first, files)) else { continue };
        let line_in = |rel: &str| {
            files
                .iter()
                .find(|f| f.rel == rel)
                .and_then(|f| crate::load::yaml::key_line(&f.fm_text, &["code"]).map(|l| l + f.fm_offset))
        };
        let there_at = line_in(&there).map(|l| format!("{there}:{l}")).unwrap_or_else(|| there.clone());
        let mut d = Diagnostic::error(format!("project code \"{code}\" is also used by {there_at}"))
            .in_file(&here)
            .field("code")
            .help("every project needs its own code; change one of the two");
        if let Some(l) = line_in(&here) {
            d = d.at_line(l);
        }
        diags.push(d);
    }
}

/// The content file a page was written in (its original's, else any translation's).
fn page_file(page: &Page, files: &[ContentFile]) -> Option<String> {
    page.original_version().file.or_else(|| page.versions.iter().find_map(|v| v.file)).map(|i| files[i].rel.clone())
}

fn check_unique_paths(pages: &[Page], files: &[ContentFile], diags: &Diagnostics) {
    let mut seen: HashMap<&str, &Page> = HashMap::new();
    for p in pages {
        let path = p.versions[0].path.as_str();
        if let Some(other) = seen.insert(path, p) {
            let name = |pg: &Page| {
                pg.versions
                    .iter()
                    .find_map(|v| v.file)
                    .map(|i| files[i].rel.clone())
                    .unwrap_or_else(|| format!("the page for {}", pg.key))
            };
            let mut d =
                Diagnostic::error(format!("two pages have the same address {path}: {} and {}", name(other), name(p)))
                    .help("give one of them another file name or a `slug:` field");
            if let Some(file) = page_file(p, files).or_else(|| page_file(other, files)) {
                d = d.in_file(file);
            }
            diags.push(d);
        }
    }
}

/// Scores every registered result and chooses the pool (see `crate::domain::pool`).
fn evaluate_pool(site: &Site, diags: &Diagnostics) -> Option<pool::Evaluation> {
    let candidates: Vec<pool::Candidate> = site
        .pages
        .iter()
        .filter_map(|p| match &p.domain {
            Domain::Result(r) => Some(pool::Candidate {
                id: p.key.clone(),
                title: p.original_version().title.clone(),
                industry: r.industry.clone(),
                registered: (r.registered.year, r.registered.month, r.registered.day),
                reviews: r.reviews.clone(),
            }),
            _ => None,
        })
        .collect();
    let s = &site.config.pool;
    let parse = |key: &str, text: &str| {
        pool::parse_fraction(text).map_err(|e| {
            let mut d = Diagnostic::error(format!("pool setting `{key}`: {e}")).in_file("site.yaml");
            if let Some(l) = s.line {
                d = d.at_line(l);
            }
            diags.push(d);
        })
    };
    let cfg = pool::PoolConfig {
        w_market: parse("weights.market", &s.w_market).ok()?,
        w_value: parse("weights.value", &s.w_value).ok()?,
        w_tech: parse("weights.tech", &s.w_tech).ok()?,
        admit_ratio: parse("admit_ratio", &s.admit_ratio).ok()?,
        min_score: parse("min_score", &s.min_score).ok()?,
        trim_from: s.trim_from,
    };
    if candidates.is_empty() {
        if let Err(errs) = cfg.validate() {
            report_pool_errors(errs, s.line, diags);
        }
        return None;
    }
    match pool::evaluate(&candidates, &cfg) {
        Ok(e) => Some(e),
        Err(errs) => {
            report_pool_errors(errs, s.line, diags);
            None
        }
    }
}

fn report_pool_errors(errs: Vec<String>, line: Option<usize>, diags: &Diagnostics) {
    for e in errs {
        let mut d = Diagnostic::error(e).in_file("site.yaml");
        if let Some(l) = line {
            d = d.at_line(l);
        }
        diags.push(d);
    }
}
