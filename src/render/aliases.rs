//! The redirect pages at old addresses (`aliases:`; the addresses are checked in
//! `resolve::aliases`). Each is the theme's `alias.html` in the language of the file that
//! names it: a meta refresh, a canonical link to the page's address and a plain link for
//! readers whose browser does not follow the refresh, `noindex`. Never in the sitemap.

use super::context::{Cx, OutFile, is_published};
use super::model::{AliasContext, AliasModel};
use super::templates;
use crate::diagnostics::Diagnostics;
use crate::load::theme::Theme;
use crate::resolve::aliases::output_path;

/// An old address and the content file that names it.
pub struct Claimed {
    pub path: String,
    pub file: String,
    pub alias: String,
}

/// Every alias of the pages in `cx`'s language, as output paths with the file naming each.
pub fn claimed(cx: &Cx) -> Vec<Claimed> {
    let site = cx.site;
    let mut out = Vec::new();
    for page in site.pages.iter().filter(|p| is_published(site, p)) {
        let v = page.version(cx.lang);
        let Some(file) = v.file.filter(|_| !v.fallback) else { continue };
        for alias in &v.aliases {
            out.push(Claimed { path: output_path(alias), file: site.files[file].rel.clone(), alias: alias.clone() });
        }
    }
    out
}

/// The redirect pages of `cx`'s language.
pub fn files(tera: &tera::Tera, theme: &Theme, cx: &Cx, diags: &Diagnostics) -> Vec<OutFile> {
    let site = cx.site;
    let mut out = Vec::new();
    for page in site.pages.iter().filter(|p| is_published(site, p)) {
        let v = page.version(cx.lang);
        if v.fallback || v.aliases.is_empty() {
            continue;
        }
        let alias = AliasModel { title: cx.title(page), url: cx.url(&v.path), permalink: cx.permalink(&v.path) };
        let ctx = AliasContext { lang: cx.lang, dir: cx.dir(), site: &cx.site_model, alias: &alias };
        let Some(html) = templates::render(tera, theme, "alias.html", &ctx, &cx.shared, &alias.url, diags) else {
            continue;
        };
        for a in &v.aliases {
            out.push(OutFile { path: output_path(a), bytes: html.clone().into_bytes() });
        }
    }
    out
}
