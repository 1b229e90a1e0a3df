//! The top of the page model: a page's template context in one language, put together from
//! the parts the feature modules return (facts, related lists, map, charts, pool, feeds,
//! search, finder), one context per page of a paginated list. The 404 page is the same
//! model with the fields of a page that has no text.

use super::cards::{card, cards};
use super::context::Cx;
use super::labels::{filter_of, matching, sorted_children};
use super::model::{
    Alternate, ChainLink, Crumb, Figure, Home, PageContext, PageModel, PageNumber, Paginator, SectionList, Subsection,
    TocEntry, Translation,
};
use super::{chambers, events, facts, feeds, finder, map, pool, profiles, related, search, seo, statistics};
use crate::domain::{Domain, Status};
use crate::markdown;
use crate::resolve::{Kind, Page, Unpublished};

/// The context every template starts from: the page is filled by the caller.
fn base_context(cx: &Cx, page: PageModel) -> PageContext {
    PageContext {
        lang: cx.lang.to_string(),
        dir: cx.dir(),
        site: cx.site_model.clone(),
        section: None,
        home: None,
        finder: None,
        chambers: None,
        page,
        pool: None,
        search: None,
        events: None,
    }
}

fn translations(cx: &Cx, page: &Page) -> Vec<Translation> {
    page.versions
        .iter()
        .map(|v| Translation {
            code: v.lang.clone(),
            name: cx.theme.t(&v.lang, "language_name"),
            url: cx.url(&v.path),
            permalink: cx.permalink(&v.path),
            current: v.lang == cx.lang,
            fallback: v.fallback,
        })
        .collect()
}

/// The languages a page really exists in: a fallback repeats another language's text, so
/// it is no alternate (search engines would see a duplicate).
fn alternates(cx: &Cx, page: &Page) -> Vec<Alternate> {
    // A fallback's canonical is the original; hreflang on it would not be reciprocated.
    if page.version(cx.lang).fallback {
        return Vec::new();
    }
    page.versions
        .iter()
        .filter(|v| !v.fallback)
        .map(|v| Alternate { code: v.lang.clone(), permalink: cx.permalink(&v.path) })
        .collect()
}

/// A fallback page's canonical address is the original it shows.
fn canonical(cx: &Cx, page: &Page) -> String {
    let v = page.version(cx.lang);
    if v.fallback { cx.permalink(&page.original_version().path) } else { cx.permalink(&v.path) }
}

fn breadcrumbs(cx: &Cx, page: &Page) -> Vec<Crumb> {
    let mut chain = Vec::new();
    let mut parent = page.parent.clone();
    while let Some(key) = parent {
        let Some(p) = cx.site.page(&key) else { break };
        let (title, lang) = if p.kind == Kind::Home { (cx.t("home"), None) } else { (cx.title(p), cx.page_lang(p)) };
        chain.push(Crumb { title, lang, url: cx.page_url(p), permalink: cx.permalink(&p.version(cx.lang).path) });
        parent = p.parent.clone();
    }
    chain.reverse();
    chain
}

/// "Not yet available in {reader}; the {lang} original is shown below": both names in the
/// language of the interface where its strings have them, else as autonyms, so no reader is
/// told the page is missing in a language they are not reading.
fn fallback_notice(cx: &Cx, content_lang: &str) -> String {
    let name = |code: &str| {
        cx.theme
            .i18n
            .get(cx.lang)
            .and_then(|m| m.get(&format!("language.{code}")))
            .cloned()
            .or_else(|| crate::load::config::autonym(code).map(str::to_string))
            .unwrap_or_else(|| code.to_string())
    };
    cx.tf("fallback_notice", &[("reader", &name(cx.lang)), ("lang", &name(content_lang))])
}

fn status_notice(cx: &Cx, status: Status) -> Option<String> {
    match status {
        Status::Closed => Some(cx.t("notice.closed")),
        Status::Expired => Some(cx.t("notice.expired")),
        Status::Pending => Some(cx.t("notice.pending")),
        _ => None,
    }
}

fn unpublished_id(u: Unpublished) -> &'static str {
    match u {
        Unpublished::Draft => "draft",
        Unpublished::Scheduled(_) => "scheduled",
    }
}

/// The preview banner's text: a draft, or the day a scheduled page appears.
fn unpublished_notice(cx: &Cx, u: Unpublished) -> String {
    match u {
        Unpublished::Draft => cx.t("notice.draft"),
        Unpublished::Scheduled(day) => cx.tf("notice.scheduled", &[("date", &day.format(cx.lang))]),
    }
}

/// The `page` object of the context, with every part the features add.
fn page_model(cx: &Cx, page: &Page) -> PageModel {
    let v = page.version(cx.lang);
    let body = cx.body(page);
    let status = cx.status(page);
    let content_lang = cx.content_lang(page);
    let content = body.map(super::context::Body::html).unwrap_or_default();
    let content = match related::generated_content(cx, page) {
        Some(text) if content.is_empty() => text,
        _ => content,
    };
    PageModel {
        kind: page.kind.id(),
        key: page.key.clone(),
        title: cx.title(page),
        summary: cx.summary(page),
        summary_written: v.texts.summary_written,
        url: cx.url(&v.path),
        permalink: cx.permalink(&v.path),
        content,
        toc: body
            .map(|b| {
                b.toc.iter().map(|h| TocEntry { level: h.level, id: h.id.clone(), text: h.text.clone() }).collect()
            })
            .unwrap_or_default(),
        date: page.date.map(|d| d.format(cx.lang)),
        date_iso: page.date.map(|d| d.iso()),
        reading_time: body
            .filter(|b| !b.text.trim().is_empty())
            .map(|b| cx.tf("format.reading_time", &[("n", &markdown::reading_minutes(&b.text).to_string())])),
        translations: translations(cx, page),
        alternates: alternates(cx, page),
        canonical: canonical(cx, page),
        x_default: (!v.fallback).then(|| cx.permalink(&page.x_default_version(cx.default_lang()).path)),
        fallback: v.fallback,
        fallback_notice: v.fallback.then(|| fallback_notice(cx, &content_lang)),
        content_lang,
        breadcrumbs: breadcrumbs(cx, page),
        status: status.map(Status::id),
        status_label: status.map(|s| cx.status_label(s)),
        status_notice: status.and_then(|s| status_notice(cx, s)),
        unpublished: page.unpublished.map(unpublished_id),
        unpublished_notice: page.unpublished.map(|u| unpublished_notice(cx, u)),
        facts: facts::page_facts(cx, page),
        tags: v.texts.tags.clone(),
        images: facts::images(cx, page),
        attachments: facts::attachments(cx, page),
        contact: facts::contact(cx, page),
        related: related::related(cx, page),
        profiles: profiles::profiles(cx, page),
        map: map::map(cx, page),
        event: events::event_model(cx, page),
        signed: facts::signed_badge(cx, page),
        statistics: statistics::statistics_model(cx, page),
        chamber: chambers::chamber_page(cx, page),
        serving_chambers: chambers::serving(cx, page),
        ..PageModel::default()
    }
}

/// The contexts of one page in one language: one, or one per page of a paginated list.
pub fn page_contexts(cx: &Cx, page: &Page) -> Vec<(String, PageContext)> {
    let mut model = page_model(cx, page);
    let pool = pool::pool_page(cx, page);
    model.pool = pool.parts;
    if let Some(title) = pool.title {
        model.title = title;
    }
    model.translation_status = super::status_page::translation_status(cx, page);
    // A chamber's description is its page's text, as a region's summary is.
    if model.content.is_empty()
        && let Some(html) = chambers::description(cx, page)
    {
        model.content = html;
    }
    model.json_ld = seo::json_ld(cx, page, &model);
    model.feeds = feeds::feed_links(cx, page);
    let mut base = base_context(cx, model);
    base.pool = pool.pool;
    base.search = search::scripts(cx, page);
    mark_active_nav(&mut base, cx, page);
    let path = page.version(cx.lang).path.clone();
    match page.kind {
        Kind::Home => {
            base.home = Some(home(cx));
            vec![(path, base)]
        }
        Kind::Section | Kind::ChamberFilter
            if page.key == crate::resolve::chambers::SECTION || page.kind == Kind::ChamberFilter =>
        {
            // A directory of a few dozen offices is one page, filtered by its static pages.
            base.chambers = chambers::directory(cx, page);
            vec![(path, base)]
        }
        Kind::Section => {
            base.events = events::events_list(cx, page);
            let mut contexts = paginate(cx, page, base, &path, sorted_children(cx, &page.key));
            if finder::is_finder_section(page) {
                contexts[0].1.finder = Some(finder::finder_object(cx, page));
            }
            contexts
        }
        Kind::Filter => {
            let (section, facet, value) = filter_of(page).expect("a filter page is generated");
            paginate(cx, page, base, &path, matching(cx, section, facet, value))
        }
        _ => vec![(path, base)],
    }
}

fn mark_active_nav(ctx: &mut PageContext, cx: &Cx, page: &Page) {
    let url = cx.page_url(page);
    let home = cx.home_url();
    for item in &mut ctx.site.nav {
        item.active = item.url != home && url.starts_with(&item.url);
    }
}

/// A section's list, cut into pages of `paginate_by`: page 1 at the section's URL, page
/// N at `page/N/`.
fn paginate(cx: &Cx, page: &Page, base: PageContext, path: &str, children: Vec<&Page>) -> Vec<(String, PageContext)> {
    let subsections: Vec<Subsection> = if page.kind == Kind::Filter {
        // A filter page is made, never a folder: it has none (and looking for them scans
        // every page, for each of hundreds of filter pages).
        Vec::new()
    } else {
        cx.site
            .subsections(&page.key)
            .map(|s| Subsection {
                title: cx.title(s),
                url: cx.page_url(s),
                summary: cx.summary(s),
                count: sorted_children(cx, &s.key).len(),
            })
            .collect()
    };
    // The chains overview is one table of every chain: a city has a dozen, not hundreds.
    // So is the events list, split into upcoming and past on one page, and the results pool,
    // whose ranking every page of a paginated list would repeat whole.
    let whole = page.key == "chains" || page.key == events::SECTION || base.pool.is_some();
    let per = if whole { children.len().max(1) } else { cx.site.config.paginate_by.max(1) };
    let total = children.len().div_ceil(per).max(1);
    let page_path = |n: usize| if n == 1 { path.to_string() } else { format!("{path}page/{n}/") };
    (1..=total)
        .map(|n| {
            let mut ctx = base.clone();
            let items: Vec<&Page> = children.iter().copied().skip((n - 1) * per).take(per).collect();
            ctx.section = Some(SectionList {
                title: cx.title(page),
                content: base.page.content.clone(),
                pages: cards(cx, items),
                subsections: subsections.clone(),
                paginator: (total > 1).then(|| paginator(cx, n, total, &page_path)),
                count: children.len(),
            });
            if n > 1 {
                ctx.page.url = cx.url(&page_path(n));
                ctx.page.permalink = cx.permalink(&page_path(n));
                point_alternates_at_page(cx, page, &mut ctx.page, n);
            }
            (page_path(n), ctx)
        })
        .collect()
}

fn paginator(cx: &Cx, n: usize, total: usize, page_path: &dyn Fn(usize) -> String) -> Paginator {
    Paginator {
        current: n,
        total,
        label: cx.tf("format.page_n_of_m", &[("n", &n.to_string()), ("m", &total.to_string())]),
        prev: (n > 1).then(|| cx.url(&page_path(n - 1))),
        next: (n < total).then(|| cx.url(&page_path(n + 1))),
        pages: page_window(n, total)
            .into_iter()
            .map(|k| match k {
                Some(k) => PageNumber { number: k, url: cx.url(&page_path(k)), current: k == n, gap: false },
                None => PageNumber { number: 0, url: String::new(), current: false, gap: true },
            })
            .collect(),
    }
}

/// Page numbers shown either side of the current one.
const PAGE_WINDOW: usize = 2;

/// The page numbers a list page links: the first, the last and [`PAGE_WINDOW`] either side
/// of page `n`, with `None` for a gap of two or more pages (a gap of one shows its page).
/// Every page linking every other made a list of 1,000 pages a million links.
fn page_window(n: usize, total: usize) -> Vec<Option<usize>> {
    let shown = |k: usize| k == 1 || k == total || k.abs_diff(n) <= PAGE_WINDOW;
    let mut out = Vec::new();
    let mut k = 1;
    while k <= total {
        if shown(k) {
            out.push(Some(k));
            k += 1;
            continue;
        }
        let next = (k..=total).find(|&j| shown(j)).unwrap_or(total + 1);
        if next - k == 1 {
            out.push(Some(k));
        } else {
            out.push(None);
        }
        k = next;
    }
    out
}

/// Page N of a list has page N in the other languages as its alternates (every language
/// lists the same pages, so they paginate alike).
fn point_alternates_at_page(cx: &Cx, page: &Page, model: &mut PageModel, n: usize) {
    let suffix = format!("page/{n}/");
    for (tr, v) in model.translations.iter_mut().zip(&page.versions) {
        tr.url = cx.url(&format!("{}{suffix}", v.path));
        tr.permalink = cx.permalink(&format!("{}{suffix}", v.path));
    }
    for alt in &mut model.alternates {
        alt.permalink = cx.permalink(&format!("{}{suffix}", page.version(&alt.code).path));
    }
    let v = page.version(cx.lang);
    model.canonical = if v.fallback {
        cx.permalink(&format!("{}{suffix}", page.original_version().path))
    } else {
        model.permalink.clone()
    };
    if !v.fallback {
        model.x_default = Some(cx.permalink(&format!("{}{suffix}", page.x_default_version(cx.default_lang()).path)));
    }
}

fn home(cx: &Cx) -> Home {
    let site = cx.site;
    let featured = sorted_children(cx, "projects")
        .into_iter()
        .filter(|p| matches!(&p.domain, Domain::Project(d) if d.featured && d.status(site.today) == Status::Open))
        .take(6)
        .map(|p| card(cx, p))
        .collect();
    let policies = sorted_children(cx, "policies")
        .into_iter()
        .filter(|p| cx.status(p) == Some(Status::InForce))
        .take(4)
        .map(|p| card(cx, p))
        .collect();
    let news = sorted_children(cx, "news").into_iter().take(4).map(|p| card(cx, p)).collect();
    let chains = site
        .env
        .chains
        .iter()
        .map(|c| ChainLink {
            name: cx.text(&c.name),
            url: site.page(&format!("chains/{}", c.id)).map(|p| cx.page_url(p)),
            count: site.pages.iter().filter(|p| matches!(&p.domain, Domain::Project(d) if d.chain == c.id)).count(),
        })
        .collect();
    let section_url = |key: &str| site.page(key).map(|p| cx.page_url(p));
    Home {
        featured,
        figures: figures(cx),
        policies,
        news,
        chains,
        projects_url: section_url("projects"),
        policies_url: section_url("policies"),
        news_url: section_url("news"),
    }
}

/// The key figures of `data/figures.yaml`: written (`value`) or computed from the site's
/// data (`figure`, optionally for one `year`; checked when the site is resolved).
fn figures(cx: &Cx) -> Vec<Figure> {
    let Some(items) = cx.site.data.get("figures").and_then(|d| d.value.as_array()) else { return Vec::new() };
    let stats = std::cell::OnceCell::new();
    items
        .iter()
        .filter_map(|f| {
            let label = f.get("label").and_then(crate::load::fields::LangText::from_value).unwrap_or_default();
            let source = f.get("source").and_then(crate::load::fields::LangText::from_value).unwrap_or_default();
            let year = f.get("year").and_then(serde_json::Value::as_i64);
            let Some(name) = f.get("figure").and_then(crate::resolve::value_text) else {
                let value = f.get("value").and_then(crate::resolve::value_text).unwrap_or_default();
                return Some(Figure {
                    value,
                    label: cx.text(&label),
                    source: super::related::stat_source(cx, &source, year),
                });
            };
            // A computed figure's year selects what is counted and is already in its label.
            let year = year.and_then(|y| i32::try_from(y).ok());
            let st = stats.get_or_init(|| statistics::compute(cx));
            let value = statistics::computed_figure(cx, st, &name, year)?;
            let label = if label.is_none() {
                let text = cx.t(&format!("figure.{name}"));
                match year {
                    Some(y) => cx.tf("figure.in_year", &[("figure", &text), ("year", &y.to_string())]),
                    None => text,
                }
            } else {
                cx.text(&label)
            };
            Some(Figure { value, label, source: super::related::stat_source(cx, &source, None) })
        })
        .collect()
}

/// The 404 page of one language: a page with no text, in every language the home page is.
pub fn not_found_context(cx: &Cx) -> PageContext {
    let path = format!("{}/404.html", cx.site.config.lang_prefix(cx.lang));
    let home = cx.site.page("");
    let permalink = cx.permalink(&path);
    let page = PageModel {
        kind: "404",
        key: "404".to_string(),
        title: cx.t("not_found_title"),
        url: cx.url(&path),
        canonical: permalink.clone(),
        permalink,
        translations: home.map(|h| translations(cx, h)).unwrap_or_default(),
        x_default: home.map(|h| cx.permalink(&h.version(cx.default_lang()).path)),
        content_lang: cx.lang.to_string(),
        ..PageModel::default()
    };
    base_context(cx, page)
}

#[cfg(test)]
mod tests {
    use super::page_window;

    fn shown(n: usize, total: usize) -> String {
        let parts: Vec<String> =
            page_window(n, total).into_iter().map(|k| k.map_or("…".to_string(), |k| k.to_string())).collect();
        parts.join(" ")
    }

    #[test]
    fn a_short_list_links_every_page() {
        assert_eq!(shown(1, 1), "1");
        assert_eq!(shown(3, 7), "1 2 3 4 5 6 7");
    }

    #[test]
    fn a_long_list_links_the_ends_and_the_pages_around_the_current_one() {
        assert_eq!(shown(1, 1000), "1 2 3 … 1000");
        assert_eq!(shown(500, 1000), "1 … 498 499 500 501 502 … 1000");
        assert_eq!(shown(1000, 1000), "1 … 998 999 1000");
        // A gap of one page shows that page, not "…".
        assert_eq!(shown(5, 1000), "1 2 3 4 5 6 7 … 1000");
    }
}
