//! The printable brochure: one page per language (`/brochure/`, `/en/brochure/`) laid out
//! as A4 sheets — a cover, the table of contents, one project per sheet with its QR code,
//! the policies in force, and the contacts. `investsite brochure` prints it to PDF with
//! Chromium (`crate::brochure`).
//!
//! Every sheet has a fixed height in print and its own page break, so the page numbers
//! computed here (and printed in the contents) are the PDF's.

use super::context::{Cx, OutFile};
use super::labels::sorted_children;
use super::model::{
    BrochureContext, BrochureModel, BrochurePage, BrochurePolicy, BrochurePolicySheet, BrochureProject,
    BrochureTocEntry, BrochureTocSheet, BrochureTranslation, Fact, ShareModel,
};
use super::{facts, qr, templates};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::domain::{Domain, Status};
use crate::load::theme::Theme;
use crate::markdown;
use crate::resolve::Page;

/// The brochure's folder under each language's root.
pub const DIR: &str = "brochure";
pub const TEMPLATE: &str = "brochure.html";
const CSS: &str = "css/brochure.css";

/// Entries on one contents sheet, and policies on one policy sheet: what fits on A4.
const TOC_PER_SHEET: usize = 20;
const POLICIES_PER_SHEET: usize = 6;
/// Characters of a project's text shown under its summary.
const PROJECT_TEXT_CHARS: usize = 420;

/// The brochure page of one language, unless `brochure: false`; `share` are its link
/// previews (made by `share`, which links the brochure).
pub fn render(tera: &tera::Tera, theme: &Theme, cx: &Cx, share: ShareModel, diags: &Diagnostics) -> Option<OutFile> {
    let settings = &cx.site.config.brochure;
    if !settings.enabled {
        return None;
    }
    let is_default = cx.lang == cx.default_lang();
    if cx.site.page(DIR).is_some() {
        if is_default {
            diags.push(
                Diagnostic::warning(format!(
                    "the brochure is not generated: content/{DIR}/ already uses the address /{DIR}/"
                ))
                .in_file(crate::load::config::CONFIG_FILE)
                .help("rename that section, or set `brochure: false` in site.yaml to silence this"),
            );
        }
        return None;
    }
    if is_default {
        check_ids(cx, diags);
    }
    let projects = selected_projects(cx);
    if projects.is_empty() && is_default {
        diags.push(
            Diagnostic::warning(
                "the brochure lists no project: none is open and featured (or in the chains and regions chosen)",
            )
            .in_file(crate::load::config::CONFIG_FILE)
            .help("mark projects `featured: true`, or set brochure: {projects: all} in site.yaml"),
        );
    }
    let ctx = context(cx, &projects, share);
    let html = templates::render(tera, theme, TEMPLATE, &ctx, &cx.shared, &ctx.page.url, diags)?;
    let path = format!("{}/{DIR}/index.html", cx.site.config.lang_prefix(cx.lang));
    Some(OutFile { path: path.trim_start_matches('/').to_string(), bytes: html.into_bytes() })
}

/// Unknown chain, region or project ids in `brochure:` (or `--projects`) are errors at their
/// line.
fn check_ids(cx: &Cx, diags: &Diagnostics) {
    let s = &cx.site.config.brochure;
    let env = &cx.site.env;
    let projects = sorted_children(cx, "projects");
    let lists = [
        ("chains", &s.chains, s.chains_line, env.chains.iter().map(|c| c.id.as_str()).collect::<Vec<_>>()),
        ("regions", &s.regions, s.regions_line, env.regions.iter().map(|r| r.id.as_str()).collect::<Vec<_>>()),
        ("projects", &s.projects, s.projects_line, projects.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>()),
    ];
    for (field, ids, line, known) in lists {
        for id in ids.iter().filter(|id| !known.contains(&id.as_str())) {
            let what = match field {
                "chains" => format!("industry chain \"{id}\" in data/chains.yaml"),
                "regions" => format!("region \"{id}\" in data/regions.yaml"),
                _ => format!("project \"{id}\" in content/projects/ (give its file name without .zh.md)"),
            };
            let mut d =
                Diagnostic::error(format!("brochure: no {what}")).help(format!("known ids: {}", known.join(", ")));
            // A project chosen on the command line has no line in site.yaml.
            if field != "projects" || line.is_some() {
                d = d.in_file(crate::load::config::CONFIG_FILE).field(format!("brochure.{field}"));
            }
            if let Some(l) = line {
                d = d.at_line(l);
            }
            diags.push(d);
        }
    }
}

/// Open projects in reading order: featured ones by default, or those of the chosen
/// chains and regions (a city takes in its counties).
pub fn selected_projects<'a>(cx: &Cx<'a>) -> Vec<&'a Page> {
    let s = &cx.site.config.brochure;
    let env = &cx.site.env;
    let in_region = |id: &str| {
        s.regions.iter().any(|r| r == id || env.region(id).and_then(|x| x.parent.as_deref()) == Some(r.as_str()))
    };
    if !s.projects.is_empty() {
        // Chosen by name: printed in the order given, open or not.
        let all = sorted_children(cx, "projects");
        return s.projects.iter().filter_map(|id| all.iter().find(|p| p.slug == *id).copied()).collect();
    }
    sorted_children(cx, "projects")
        .into_iter()
        .filter(|p| match &p.domain {
            Domain::Project(d) => {
                d.status(cx.site.today) == Status::Open
                    && (!s.featured_only || d.featured)
                    && (s.chains.is_empty() || s.chains.contains(&d.chain))
                    && (s.regions.is_empty() || in_region(&d.region))
            }
            _ => false,
        })
        .collect()
}

fn context<'a>(cx: &'a Cx, projects: &[&Page], share: ShareModel) -> BrochureContext<'a> {
    let site = cx.site;
    let prefix = site.config.lang_prefix(cx.lang);
    let path = format!("{prefix}/{DIR}/");
    let title = match site.config.brochure.title.get(cx.lang, cx.default_lang()) {
        Some(t) => t.to_string(),
        None => cx.t("brochure.title"),
    };
    let policies: Vec<&Page> =
        sorted_children(cx, "policies").into_iter().filter(|p| cx.status(p) == Some(Status::InForce)).collect();
    let policy_sheets: Vec<Vec<BrochurePolicy>> =
        policies.chunks(POLICIES_PER_SHEET).map(|c| c.iter().map(|p| policy_entry(cx, p)).collect()).collect();
    // Contents: the projects, the policies and the contacts.
    let toc_entries = projects.len() + usize::from(!policy_sheets.is_empty()) + 1;
    let toc_sheets = toc_entries.div_ceil(TOC_PER_SHEET).max(1);
    let first_project_page = 2 + toc_sheets;
    let policies_page = first_project_page + projects.len();
    let contacts_page = policies_page + policy_sheets.len();
    let items: Vec<BrochureProject> =
        projects.iter().enumerate().map(|(i, p)| project_entry(cx, p, i + 1, first_project_page + i)).collect();
    let toc_entry =
        |number, title, anchor: &str, page| BrochureTocEntry { number, title, anchor: anchor.to_string(), page };
    let mut toc: Vec<BrochureTocEntry> =
        items.iter().map(|p| toc_entry(Some(p.number), p.title.clone(), &p.anchor, p.page)).collect();
    if !policy_sheets.is_empty() {
        toc.push(toc_entry(None, cx.t("brochure.policies"), "policies", policies_page));
    }
    toc.push(toc_entry(None, cx.t("brochure.contacts"), "contacts", contacts_page));
    let toc_sheets = toc
        .chunks(TOC_PER_SHEET)
        .enumerate()
        .map(|(i, c)| BrochureTocSheet { entries: c.to_vec(), page: 2 + i })
        .collect();
    let home = cx.permalink(&format!("{prefix}/"));
    let translations = site
        .config
        .languages
        .iter()
        .map(|l| {
            let p = format!("{}/{DIR}/", site.config.lang_prefix(l));
            BrochureTranslation {
                code: l.clone(),
                name: cx.theme.t(l, "language_name"),
                url: cx.url(&p),
                permalink: cx.permalink(&p),
                current: l == cx.lang,
            }
        })
        .collect();
    let page = BrochurePage {
        kind: "brochure",
        key: DIR,
        title: title.clone(),
        summary: site.config.description.get(cx.lang, cx.default_lang()).map(str::to_string),
        url: cx.url(&path),
        permalink: cx.permalink(&path),
        share: Some(share),
        translations,
    };
    let policy_sheets = policy_sheets
        .into_iter()
        .enumerate()
        .map(|(i, policies)| BrochurePolicySheet { policies, page: policies_page + i, first: i == 0 })
        .collect();
    let brochure = BrochureModel {
        title,
        css_url: cx.static_url(CSS),
        edition: site.today.format(cx.lang),
        home_display: home.trim_start_matches("https://").trim_start_matches("http://").to_string(),
        qr: qr::svg(&home, &cx.tf("share.qr_label", &[("url", &home)]), "qr", cx.memo.is_some()),
        home,
        toc_sheets,
        projects: items,
        policy_sheets,
        policies_page,
        contacts_page,
        pages: contacts_page,
        projects_url: site.page("projects").map(|p| cx.page_url(p)),
    };
    BrochureContext { lang: cx.lang, dir: cx.dir(), site: &cx.site_model, page, brochure }
}

fn project_entry(cx: &Cx, page: &Page, number: usize, sheet: usize) -> BrochureProject {
    let permalink = cx.permalink(&page.version(cx.lang).path);
    let display = permalink.trim_start_matches("https://").trim_start_matches("http://").to_string();
    let title = cx.title(page);
    let image = facts::images(cx, page).into_iter().next();
    let written = page.version(cx.lang).texts.summary_written;
    // The written summary, then as much of the text as the sheet holds (less under an
    // image); without a written summary the text's start serves as one.
    let room = match (image.is_some(), written) {
        (true, true) => PROJECT_TEXT_CHARS / 3,
        (true, false) | (false, true) => PROJECT_TEXT_CHARS * 2 / 3,
        (false, false) => PROJECT_TEXT_CHARS,
    };
    let text = body_text(cx, page, room);
    let summary = if written { cx.summary(page) } else { None };
    let facts: Vec<Fact> =
        facts::page_facts(cx, page).into_iter().filter(|f| !matches!(f.key, "date" | "expires")).collect();
    BrochureProject {
        number,
        anchor: format!("project-{}", page.slug),
        title,
        summary,
        text,
        facts,
        image,
        contact: facts::contact(cx, page),
        url: cx.page_url(page),
        qr: qr::svg(&permalink, &cx.tf("share.qr_label", &[("url", &display)]), "qr", cx.memo.is_some()),
        permalink,
        url_display: display,
        page: sheet,
        fallback: page.version(cx.lang).fallback,
        content_lang: file_lang(cx, page),
    }
}

/// The page's text without its headings, cut at a sentence to `max_chars`.
fn body_text(cx: &Cx, page: &Page, max_chars: usize) -> Option<String> {
    let body = cx.body(page)?;
    let headings: Vec<&str> = body.toc.iter().map(|h| h.text.as_str()).collect();
    let paragraphs: Vec<&str> =
        body.text.lines().map(str::trim).filter(|l| !l.is_empty() && !headings.contains(l)).collect();
    let text = markdown::summarize(&paragraphs.join(" "), max_chars);
    (!text.is_empty()).then_some(text)
}

fn policy_entry(cx: &Cx, page: &Page) -> BrochurePolicy {
    BrochurePolicy {
        title: cx.title(page),
        summary: cx.summary(page),
        facts: facts::card_facts(cx, page),
        url: cx.page_url(page),
        fallback: page.version(cx.lang).fallback,
        content_lang: file_lang(cx, page),
    }
}

/// The language of the page's file, none for a page without one.
fn file_lang(cx: &Cx, page: &Page) -> Option<String> {
    page.version(cx.lang).file.map(|i| cx.site.files[i].lang.clone())
}
