//! Names of pages and of what they list, in the reader's language: titles, summaries, the
//! static filter pages' names, and each section's pages in reading order (sorted by title).
//! Titles and summaries are methods of [`Cx`] because every part of the page asks for them.

use std::collections::HashMap;

use super::context::{Cx, is_published};
use crate::domain::Status;
use crate::domain::finder::{self as rules, Band, Facet};
use crate::markdown;
use crate::resolve::finder;
use crate::resolve::{Generated, Page, Site};
use crate::units::{Amount, Currency};

/// Length of automatic summaries, in characters.
const SUMMARY_CHARS: usize = 120;

impl Cx<'_> {
    pub fn title(&self, page: &Page) -> String {
        if let Some((section, facet, value)) = filter_of(page) {
            return filter_title(self, section, facet, value);
        }
        if let Some((facet, value)) = chamber_filter_of(page) {
            let section_title = self.site.page(CHAMBERS).map(|p| self.title(p)).unwrap_or_default();
            return format!("{section_title}{}{}", self.t("colon"), chamber_value_name(self, facet, value));
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

    /// The page's own summary, else the start of its text.
    pub fn summary(&self, page: &Page) -> Option<String> {
        let v = page.version(self.lang);
        if let Some(s) = v.texts.summary.clone().filter(|s| !s.is_empty()) {
            return Some(s);
        }
        if let Some(g) = &page.generated {
            return match g {
                Generated::Chain(id) => self.site.env.chain(id).map(|c| self.text(&c.description)),
                Generated::Region(id) => self.site.env.region(id).map(|r| self.text(&r.summary)),
                Generated::Filter { section, facet, value } => Some(filter_summary(self, section, *facet, value)),
                Generated::Chamber(id) => self
                    .site
                    .env
                    .chambers
                    .iter()
                    .find(|c| &c.id == id)
                    .map(|c| markdown_text(self, &self.text(&c.description))),
                Generated::ChamberFilter { facet, value } => {
                    Some(self.tf(
                        "chambers.filter_summary",
                        &[("n", &matching_chambers(self, facet, value).len().to_string())],
                    ))
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
}

/// A Markdown text of a data file as plain text, for summaries.
fn markdown_text(cx: &Cx, text: &str) -> String {
    let sanitizer = crate::sanitize::Sanitizer::from_config(&cx.site.config);
    let opts = markdown::Options { lang: cx.lang, id_prefix: "", html: &sanitizer, picture: None };
    markdown::render(text, &opts, &mut |dest, _| Ok(dest.to_string())).text
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A section's pages in reading order: open listings and policies in force, then policies
/// not yet in force, then closed or expired ones; newest first within each, then by weight
/// and title.
pub fn sorted_children<'s>(cx: &Cx<'s>, section: &str) -> Vec<&'s Page> {
    let site: &'s Site = cx.site;
    cx.children
        .get_or_init(|| sort_all_sections(cx))
        .get(section)
        .map(|ids| ids.iter().map(|&i| &site.pages[i]).collect())
        .unwrap_or_default()
}

/// Sorts every section's published pages once: by pool rank for results; else by status
/// (`Status::list_rank`), newest first, then weight, title and key.
fn sort_all_sections(cx: &Cx) -> HashMap<String, Vec<usize>> {
    let site = cx.site;
    let mut by_parent: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in site.pages.iter().enumerate() {
        let listed = p.kind.is_section_entry();
        if let (Some(parent), true) = (p.parent.as_deref(), listed && is_published(site, p)) {
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

/// The pages of a static filter page, in the section's order: current items first, closed
/// or expired ones after them.
pub fn matching<'s>(cx: &Cx<'s>, section: &str, facet: Facet, value: &str) -> Vec<&'s Page> {
    let bands = finder::site_bands(cx.site);
    sorted_children(cx, section)
        .into_iter()
        .filter(|p| finder::values(cx.site, &bands, p, facet).is_some_and(|v| rules::matches(&v, value)))
        .collect()
}

/// A filter value's name in the reader's language.
pub fn value_name(cx: &Cx, facet: Facet, value: &str) -> String {
    match facet {
        Facet::Chain => cx.site.env.chain(value).map(|c| cx.text(&c.name)).unwrap_or_else(|| value.to_string()),
        Facet::Region => cx.site.env.region(value).map(|r| cx.text(&r.name)).unwrap_or_else(|| value.to_string()),
        Facet::Cooperation => cx.t(&format!("cooperation.{value}")),
        Facet::Stage => cx.t(&format!("stage.{value}")),
        Facet::Category => cx.t(&format!("category.{value}")),
        Facet::Signing => cx.t("signed"),
        Facet::Band => finder::site_bands(cx.site)
            .iter()
            .find(|b| b.id == value)
            .map(|b| band_label(cx, b))
            .unwrap_or_else(|| value.to_string()),
    }
}

/// The heading of a facet: "Industry chain", "Investment".
pub fn facet_label(cx: &Cx, facet: Facet) -> String {
    match facet {
        Facet::Chain => cx.t("fact.chain"),
        Facet::Region => cx.t("fact.region"),
        Facet::Cooperation => cx.t("fact.cooperation"),
        Facet::Stage => cx.t("fact.stage"),
        Facet::Band => cx.t("fact.investment"),
        Facet::Category => cx.t("fact.categories"),
        Facet::Signing => cx.t("fact.signing"),
    }
}

/// "不足1亿元", "1–5亿元", "10亿元及以上"; "Under CNY 100 million", "CNY 100–500 million".
pub fn band_label(cx: &Cx, band: &Band) -> String {
    let amount = |v| Amount { value: v, currency: Currency::Cny }.format(cx.lang);
    match (band.from, band.to) {
        (None, Some(to)) => cx.tf("finder.band_under", &[("amount", &amount(to))]),
        (Some(from), None) => cx.tf("finder.band_over", &[("amount", &amount(from))]),
        (Some(from), Some(to)) => range(&amount(from), &amount(to)),
        (None, None) => String::new(),
    }
}

/// Two formatted amounts as a range, writing a shared currency and unit once:
/// `1亿元`, `5亿元` → `1–5亿元`; `CNY 500 million`, `CNY 1 billion` → `CNY 500 million–1 billion`.
fn range(from: &str, to: &str) -> String {
    let (fp, fnum, ft) = split_number(from);
    let (tp, tnum, tt) = split_number(to);
    let to_part = if fp == tp { format!("{tnum}{tt}") } else { to.to_string() };
    if ft == tt { format!("{fp}{fnum}–{to_part}") } else { format!("{fp}{fnum}{ft}–{to_part}") }
}

/// `CNY 1.5 billion` → (`CNY `, `1.5`, ` billion`): text before the first digit, the number,
/// the text after the last digit.
fn split_number(s: &str) -> (&str, &str, &str) {
    let start = s.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
    let end = s.rfind(|c: char| c.is_ascii_digit()).map(|i| i + 1).unwrap_or(s.len());
    (&s[..start], &s[start..end], &s[end..])
}

/// The title of a static filter page: "招商项目：有色金属", "Projects: Jingtai County".
fn filter_title(cx: &Cx, section: &str, facet: Facet, value: &str) -> String {
    let section_title = cx.site.page(section).map(|p| cx.title(p)).unwrap_or_default();
    format!("{section_title}{}{}", cx.t("colon"), value_name(cx, facet, value))
}

/// The summary of a static filter page: how many items, and that closed ones come last.
fn filter_summary(cx: &Cx, section: &str, facet: Facet, value: &str) -> String {
    let items = matching(cx, section, facet, value);
    let current = items.iter().filter(|p| cx.status(p).is_none_or(Status::is_current)).count();
    let key = if section == "projects" { "finder.page_summary_projects" } else { "finder.page_summary_policies" };
    cx.tf(key, &[("n", &items.len().to_string()), ("current", &current.to_string())])
}

const CHAMBERS: &str = crate::resolve::chambers::SECTION;

/// The chamber filter page's facet and value, when `page` is one.
pub fn chamber_filter_of(page: &Page) -> Option<(&'static str, &str)> {
    match &page.generated {
        Some(Generated::ChamberFilter { facet, value }) => Some((*facet, value.as_str())),
        _ => None,
    }
}

/// The chamber of a chamber page.
pub fn chamber_of<'s>(cx: &Cx<'s>, page: &Page) -> Option<&'s crate::domain::chambers::Chamber> {
    let site: &'s Site = cx.site;
    match &page.generated {
        Some(Generated::Chamber(id)) => site.env.chambers.iter().find(|c| &c.id == id),
        _ => None,
    }
}

/// The chamber pages with a facet's value, in the directory's order.
pub fn matching_chambers<'s>(cx: &Cx<'s>, facet: &str, value: &str) -> Vec<&'s Page> {
    sorted_children(cx, CHAMBERS)
        .into_iter()
        .filter(|p| {
            chamber_of(cx, p).is_some_and(|c| crate::resolve::chambers::value_of(c, facet).as_deref() == Some(value))
        })
        .collect()
}

/// A kind's or place's name in the reader's language: `境外商会`, `Shenzhen`.
pub fn chamber_value_name(cx: &Cx, facet: &str, value: &str) -> String {
    if facet == "kind" {
        return cx.t(&format!("chamber_kind.{value}"));
    }
    cx.site
        .env
        .chambers
        .iter()
        .find(|c| c.place_id().as_deref() == Some(value))
        .map(|c| cx.text(c.place()))
        .unwrap_or_else(|| value.to_string())
}

/// The filter page's generated data, when `page` is one.
pub fn filter_of(page: &Page) -> Option<(&str, Facet, &str)> {
    match &page.generated {
        Some(Generated::Filter { section, facet, value }) => Some((section.as_str(), *facet, value.as_str())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_write_a_shared_unit_once() {
        assert_eq!(range("1亿元", "5亿元"), "1–5亿元");
        assert_eq!(range("5000万元", "1亿元"), "5000万元–1亿元");
        assert_eq!(range("CNY 100 million", "CNY 500 million"), "CNY 100–500 million");
        assert_eq!(range("CNY 500 million", "CNY 1 billion"), "CNY 500 million–1 billion");
        assert_eq!(range("CNY 3,000", "CNY 50,000"), "CNY 3,000–50,000");
    }
}
