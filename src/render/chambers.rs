//! Chambers of commerce and liaison offices, rendered: a chamber's own page
//! (`page.chamber`), the directory and its static filter pages (`chambers`), the chambers
//! serving a region or chain (`page.serving_chambers`), and the open data
//! (`data/chambers.json` and `.csv` per language).
//!
//! Phones are shown and dialled as a project's contact is (`units::present_phone`); the
//! description is Markdown through the site's sanitiser, its addresses through the address
//! policy; problems in it are reported once, at the data file's line, by
//! [`check_descriptions`].

use serde_json::{Value, json};

use super::context::{Cx, OutFile};
use super::facts::{chain_link, region_link};
use super::labels::{chamber_filter_of, chamber_of, chamber_value_name, matching_chambers, sorted_children};
use super::map::{amap_url, baidu_url, osm_url};
use super::model::{
    ChamberBrowse, ChamberCard, ChamberDirectory, ChamberFilterLink, ChamberModel, MapLinks, Officer, ServedLink,
};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::domain::chambers::{self as domain, Chamber};
use crate::markdown;
use crate::resolve::chambers::{FACETS, SECTION, used_values, value_of};
use crate::resolve::{Generated, Kind, Page, Site};

/// `page.chamber` on a chamber's own page.
pub fn chamber_page(cx: &Cx, page: &Page) -> Option<ChamberModel> {
    let c = chamber_of(cx, page)?;
    let link = |(name, url): (String, Option<String>)| ServedLink { name, url };
    let place_id = c.place_id();
    Some(ChamberModel {
        id: c.id.clone(),
        name: cx.text(&c.name),
        kind: c.kind.clone(),
        kind_label: cx.t(&format!("chamber_kind.{}", c.kind)),
        kind_url: filter_url(cx, "kind", &c.kind),
        place: place_id.as_ref().map(|_| cx.text(c.place())),
        place_url: place_id.as_deref().and_then(|p| filter_url(cx, "place", p)),
        city: Some(cx.text(&c.city)).filter(|s| !s.is_empty()),
        country: Some(cx.text(&c.country)).filter(|s| !s.is_empty()),
        officers: c.officers.iter().map(|o| officer(cx, o)).collect(),
        regions: c.regions.iter().map(|r| link(region_link(cx, r))).collect(),
        chains: c.chains.iter().map(|ch| link(chain_link(cx, ch))).collect(),
        wechat_qr: c.wechat_qr.as_deref().map(|q| qr_url(cx, q)),
        website: c.website.clone(),
        map_links: c.location.map(|at| {
            let name = cx.text(&c.name);
            MapLinks {
                amap: amap_url(at, &name),
                baidu: baidu_url(at, &name, &cx.t(&format!("chamber_kind.{}", c.kind))),
                osm: osm_url(at),
            }
        }),
    })
}

/// A chamber page's text: its description, Markdown rendered and sanitised.
pub fn description(cx: &Cx, page: &Page) -> Option<String> {
    let c = chamber_of(cx, page)?;
    let html = description_html(cx.site, &cx.text(&c.description), cx.lang).html;
    (!html.trim().is_empty()).then_some(html)
}

/// A file under `static/` is published at the site's root; an address stays as written.
fn qr_url(cx: &Cx, name: &str) -> String {
    if crate::url_policy::scheme_of(name).is_some() || name.starts_with("//") {
        return name.to_string();
    }
    cx.url(&format!("/{}", name.trim_start_matches('/')))
}

fn officer(cx: &Cx, o: &domain::Officer) -> Officer {
    let phone = o.phone.as_deref().map(|p| crate::units::present_phone(p, cx.lang));
    Officer {
        name: cx.text(&o.name),
        name_lang: cx.text_lang(&o.name),
        role: cx.text(&o.role),
        phone: phone.as_ref().map(|p| p.display.clone()),
        tel: phone.map(|p| p.tel),
        email: o.email.clone(),
    }
}

fn filter_url(cx: &Cx, facet: &str, value: &str) -> Option<String> {
    cx.site.page(&format!("{SECTION}/{facet}/{value}")).map(|p| cx.page_url(p))
}

/// A chamber as lists show it.
pub fn chamber_card(cx: &Cx, page: &Page) -> Option<ChamberCard> {
    let c = chamber_of(cx, page)?;
    let mut serves: Vec<String> = c.regions.iter().map(|r| region_link(cx, r).0).collect();
    serves.extend(c.chains.iter().map(|ch| chain_link(cx, ch).0));
    Some(ChamberCard {
        id: c.id.clone(),
        name: cx.title(page),
        name_lang: cx.text_lang(&c.name),
        url: cx.page_url(page),
        kind: c.kind.clone(),
        kind_label: cx.t(&format!("chamber_kind.{}", c.kind)),
        place: c.place_id().map(|_| cx.text(c.place())),
        officer: c.officers.first().map(|o| officer(cx, o)),
        serves,
    })
}

/// The `chambers` object of the directory and of its filter pages.
pub fn directory(cx: &Cx, page: &Page) -> Option<ChamberDirectory> {
    let (pages, current) = match (&page.kind, chamber_filter_of(page)) {
        (Kind::Section, _) if page.key == SECTION => (sorted_children(cx, SECTION), None),
        (_, Some((facet, value))) => (matching_chambers(cx, facet, value), Some((facet, value))),
        _ => return None,
    };
    let all = sorted_children(cx, SECTION);
    let browse = FACETS
        .iter()
        .map(|&facet| ChamberBrowse {
            name: facet,
            label: cx.t(&format!("chambers.by_{facet}")),
            links: used_values(cx.site, facet)
                .into_iter()
                .filter_map(|v| {
                    let count = all
                        .iter()
                        .filter_map(|p| chamber_of(cx, p))
                        .filter(|c| value_of(c, facet).as_deref() == Some(v.as_str()))
                        .count();
                    Some(ChamberFilterLink {
                        name: chamber_value_name(cx, facet, &v),
                        url: filter_url(cx, facet, &v)?,
                        count,
                        current: current.is_some_and(|(f, val)| f == facet && val == v),
                        id: v,
                    })
                })
                .collect(),
        })
        .filter(|b| !b.links.is_empty())
        .collect();
    let cards: Vec<ChamberCard> = pages.into_iter().filter_map(|p| chamber_card(cx, p)).collect();
    Some(ChamberDirectory {
        count: cards.len(),
        cards,
        all_url: cx.site.page(SECTION).map(|p| cx.page_url(p)).unwrap_or_default(),
        facet: current.map(|(f, _)| f.to_string()),
        value: current.map(|(_, v)| v.to_string()),
        browse,
    })
}

/// On a region or chain page: the chambers and offices that serve it.
pub fn serving(cx: &Cx, page: &Page) -> Vec<ChamberCard> {
    let serves = |c: &Chamber| match &page.generated {
        Some(Generated::Region(id)) => c.regions.contains(id),
        Some(Generated::Chain(id)) => c.chains.contains(id),
        _ => false,
    };
    if !matches!(page.generated, Some(Generated::Region(_) | Generated::Chain(_))) {
        return Vec::new();
    }
    sorted_children(cx, SECTION)
        .into_iter()
        .filter(|p| chamber_of(cx, p).is_some_and(serves))
        .filter_map(|p| chamber_card(cx, p))
        .collect()
}

/// The description's Markdown as HTML: sanitised, every address through the policy, an
/// address inside the site written from its root (`/projects/…`).
fn description_html(site: &Site, text: &str, lang: &str) -> markdown::Rendered {
    let sanitizer = crate::sanitize::Sanitizer::from_config(&site.config);
    let opts = markdown::Options { lang, id_prefix: "chamber-", html: &sanitizer, picture: None };
    let base = site.config.base_path();
    markdown::render(text, &opts, &mut |dest, _| {
        if dest.starts_with('/') {
            Ok(format!("{base}{dest}"))
        } else {
            Err(format!(
                "the address \"{dest}\" in a chamber's description must be a full address (https://…) or start with / (a page of this site)"
            ))
        }
    })
}

/// Problems in the chambers' descriptions (refused addresses, raw HTML the sanitiser
/// removes), reported once per text at the entry's `description` line.
pub fn check_descriptions(site: &Site, diags: &Diagnostics) {
    let Some(file) = site.data.get(domain::DATA_STEM) else { return };
    for c in &site.env.chambers {
        let texts: Vec<(&str, &str)> = match &c.description {
            crate::load::fields::LangText::None => Vec::new(),
            crate::load::fields::LangText::One(s) => vec![(site.config.default_lang(), s.as_str())],
            crate::load::fields::LangText::Map(m) => m.iter().map(|(l, s)| (l.as_str(), s.as_str())).collect(),
        };
        for (lang, text) in texts {
            for p in description_html(site, text, lang).problems {
                let line = entry_line(&file.text, &c.id);
                let d = if p.is_error { Diagnostic::error(p.message) } else { Diagnostic::warning(p.message) };
                let mut d = d.in_file(&file.rel).field("description");
                if let Some(l) = line {
                    d = d.at_line(l).with_source(&file.text);
                }
                diags.push(d.help("write links as [text](https://…); raw HTML is limited to what pages allow"));
            }
        }
    }
}

/// The line of `description:` in the entry with `id`.
fn entry_line(text: &str, id: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| {
        let t = l.trim_start().trim_start_matches("- ").trim_start();
        t == format!("id: {id}") || t == format!("id: \"{id}\"")
    })?;
    let found = lines
        .iter()
        .enumerate()
        .skip(start)
        .find(|(i, l)| l.trim_start().starts_with("description:") || (*i > start && l.starts_with("- ")));
    match found {
        Some((i, l)) if l.trim_start().starts_with("description:") => Some(i + 1),
        _ => Some(start + 1),
    }
}

/// `data/chambers.json` and `data/chambers.csv` of one language (UTF-8 with BOM, like the
/// other open data), on a site with chambers.
pub fn data_files(cx: &Cx, dir: &str) -> Vec<OutFile> {
    if cx.site.env.chambers.is_empty() {
        return Vec::new();
    }
    let items: Vec<Value> = sorted_children(cx, SECTION).into_iter().filter_map(|p| open_row(cx, p)).collect();
    let doc = json!({
        "language": cx.lang,
        "site": cx.site.config.title.get_or_empty(cx.lang, cx.default_lang()),
        "generated": cx.site.today.iso(),
        "count": items.len(),
        "items": items,
    });
    vec![
        OutFile { path: format!("{dir}/chambers.json"), bytes: serde_json::to_vec_pretty(&doc).unwrap_or_default() },
        OutFile { path: format!("{dir}/chambers.csv"), bytes: super::open_data::csv(&doc["items"], CSV_COLUMNS) },
    ]
}

const CSV_COLUMNS: &[(&str, &str)] = &[
    ("id", "/id"),
    ("url", "/url"),
    ("name", "/name"),
    ("kind", "/kind/name"),
    ("city", "/city"),
    ("country", "/country"),
    ("regions", "/regions"),
    ("chains", "/chains"),
    ("officer", "/officers/0/name"),
    ("role", "/officers/0/role"),
    ("phone", "/officers/0/phone"),
    ("email", "/officers/0/email"),
    ("website", "/website"),
    ("longitude", "/location/0"),
    ("latitude", "/location/1"),
];

fn open_row(cx: &Cx, page: &Page) -> Option<Value> {
    let c = chamber_of(cx, page)?;
    let text = |t: &crate::load::fields::LangText| Some(cx.text(t)).filter(|s| !s.is_empty());
    let officers: Vec<Value> = c
        .officers
        .iter()
        .map(|o| json!({"name": cx.text(&o.name), "role": text(&o.role), "phone": o.phone, "email": o.email}))
        .collect();
    Some(json!({
        "id": c.id,
        "url": cx.permalink(&page.version(cx.lang).path),
        "name": cx.text(&c.name),
        "kind": {"id": c.kind, "name": cx.t(&format!("chamber_kind.{}", c.kind))},
        "city": text(&c.city),
        "country": text(&c.country),
        "regions": c.regions.iter().map(|r| region_link(cx, r).0).collect::<Vec<_>>(),
        "chains": c.chains.iter().map(|ch| chain_link(cx, ch).0).collect::<Vec<_>>(),
        "officers": officers,
        "website": c.website,
        "location": c.location.map(|(lon, lat)| [lon, lat]),
    }))
}
