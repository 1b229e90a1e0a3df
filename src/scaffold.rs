//! `investsite new` and `investsite init`: files an author starts from.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;
use crate::units::Date;

/// The kinds `new` makes, for the command line's list and its messages.
pub const NEW_KINDS: &[&str] =
    &["project", "policy", "result", "park", "region", "chain", "chamber", "news", "event", "page"];

/// What `new` created and what the author does next.
#[derive(Debug, Default)]
pub struct Created {
    pub files: Vec<PathBuf>,
    /// A data file an entry was appended to (`region`, `chain`).
    pub appended: Option<PathBuf>,
    pub next: String,
}

/// The name given to `new`: an ASCII slug stays the slug; any other text (a Chinese
/// title) becomes the title, and its pinyin the slug.
struct Name {
    slug: String,
    title: Option<String>,
}

fn read_name(name: &str) -> Result<Name, String> {
    let name = name.trim();
    if crate::text::slug::is_valid_slug(name) {
        return Ok(Name { slug: name.to_string(), title: None });
    }
    let slug = crate::text::slug::pinyin_slug(name);
    let slug = crate::text::slug::truncate_slug(&slug, 60).to_string();
    let has_cjk = name.chars().any(crate::text::cjk::is_cjk);
    if slug.is_empty() || !has_cjk {
        let hint = if slug.is_empty() { String::new() } else { format!(", e.g. {slug}") };
        return Err(format!(
            "\"{name}\" cannot be an address: use lowercase ASCII letters, digits and -{hint}, or a Chinese title"
        ));
    }
    Ok(Name { slug, title: Some(name.to_string()) })
}

/// Creates the files of a new item: `content/<section>/<slug>.<lang>.md` for every
/// language of the site (the default language's file with every field to fill in, the
/// others with the translatable ones only), all marked `draft: true`; for a region or a
/// chain, an entry appended to `data/regions.yaml` or `data/chains.yaml`.
pub fn new_content(root: &Path, kind: &str, name: &str) -> Result<Created, String> {
    let diags = Diagnostics::new();
    let config = crate::load::config::load(root, &diags).ok_or_else(|| {
        let msgs: Vec<String> = diags.into_vec().iter().map(ToString::to_string).collect();
        format!("cannot read the site's settings:\n{}", msgs.join("\n"))
    })?;
    match kind {
        "region" | "chain" => return new_data_entry(root, kind, name),
        "chamber" => return new_chamber(root, name, &config),
        "page" => return new_page(root, name, &config),
        _ => {}
    }
    let name = read_name(name)?;
    let section = match kind {
        "project" => "projects",
        "policy" => "policies",
        "result" => "results",
        "park" => "environment/parks",
        "news" => "news",
        "event" => "events",
        other => return Err(format!("unknown kind \"{other}\": use {}", NEW_KINDS.join(", "))),
    };
    let dir = root.join("content").join(section);
    let today = Date::today_utc().iso();
    let site = SiteDefaults::of(root, &config);
    let mut planned = Vec::new();
    for (i, lang) in config.languages.iter().enumerate() {
        let path = dir.join(format!("{}.{lang}.md", name.slug));
        if path.exists() {
            return Err(format!("{} already exists; nothing was created", path.display()));
        }
        let chinese = lang == "zh";
        let text = if i == 0 { original_template(kind, chinese, &today) } else { translation_template(kind, chinese) };
        planned.push((path, finish(&text, &site, lang, name.title.as_deref())));
    }
    write_planned(&dir, &planned)?;
    let files: Vec<PathBuf> = planned.into_iter().map(|(p, _)| p).collect();
    Ok(Created { next: next_steps(&files), files, appended: None })
}

/// `new page about/contact`: a page at a path of sections; each part an ASCII name.
fn new_page(root: &Path, path: &str, config: &crate::load::config::Config) -> Result<Created, String> {
    let parts: Vec<&str> = path.trim().trim_matches('/').split('/').collect();
    let mut slugs = Vec::new();
    let mut title = None;
    for part in &parts {
        let n = read_name(part)?;
        title = n.title.or(title);
        slugs.push(n.slug);
    }
    let (last, sections) = slugs.split_last().ok_or("give the page a name, e.g. about/contact")?;
    let dir = sections.iter().fold(root.join("content"), |d, s| d.join(s));
    let site = SiteDefaults::of(root, config);
    let today = Date::today_utc().iso();
    let mut planned = Vec::new();
    for (i, lang) in config.languages.iter().enumerate() {
        let path = dir.join(format!("{last}.{lang}.md"));
        if path.exists() {
            return Err(format!("{} already exists; nothing was created", path.display()));
        }
        let chinese = lang == "zh";
        let text =
            if i == 0 { original_template("page", chinese, &today) } else { translation_template("page", chinese) };
        planned.push((path, finish(&text, &site, lang, title.as_deref())));
    }
    write_planned(&dir, &planned)?;
    let files: Vec<PathBuf> = planned.into_iter().map(|(p, _)| p).collect();
    Ok(Created { next: next_steps(&files), files, appended: None })
}

fn write_planned(dir: &Path, planned: &[(PathBuf, String)]) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (path, text) in planned {
        fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

fn next_steps(files: &[PathBuf]) -> String {
    let first = files.first().map(|f| f.display().to_string()).unwrap_or_default();
    format!(
        "next: fill in the fields of {first} (and translate the other languages' files), delete the line `draft: true` when it is ready to publish, then run `investsite build` (or `investsite check`) to see it"
    )
}

/// What the site's own settings say a new file should start with.
struct SiteDefaults {
    chain: Option<String>,
    region: Option<String>,
    issuer: crate::load::fields::LangText,
    institution: crate::load::fields::LangText,
    code_prefix: Option<String>,
    org: crate::load::fields::LangText,
    phone: Option<String>,
    email: Option<String>,
    default_lang: String,
}

impl SiteDefaults {
    fn of(root: &Path, config: &crate::load::config::Config) -> SiteDefaults {
        let d = &config.staff.defaults;
        let or = |a: &crate::load::fields::LangText, b: &crate::load::fields::LangText| {
            if a.is_none() { b.clone() } else { a.clone() }
        };
        SiteDefaults {
            chain: first_id(root, "chains"),
            region: first_id(root, "regions"),
            issuer: or(&or(&d.issuer, &config.contact.org), &config.title),
            institution: or(&d.institution, &config.contact.org),
            code_prefix: d.code_prefix.clone(),
            org: config.contact.org.clone(),
            phone: config.contact.phone.clone(),
            email: config.contact.email.clone(),
            default_lang: config.default_lang().to_string(),
        }
    }

    fn text(&self, t: &crate::load::fields::LangText, lang: &str) -> Option<String> {
        t.get(lang, &self.default_lang).map(str::to_string)
    }
}

/// Puts the site's own values into a template in place of the placeholders, adds
/// `draft: true`, and the title when one was given.
fn finish(template: &str, site: &SiteDefaults, lang: &str, title: Option<&str>) -> String {
    let year = Date::today_utc().iso().get(..4).unwrap_or("2026").to_string();
    let mut out = String::from("---\ndraft: true            # delete this line to publish\n");
    for line in template.lines().skip(1) {
        let (key, _) = line.split_once(':').unwrap_or((line, ""));
        let filled = match key {
            "title"
                if title.is_some()
                    && (lang == "zh") == title.is_some_and(|t| t.chars().any(crate::text::cjk::is_cjk)) =>
            {
                Some(format!("title: {}", quote(title.unwrap_or_default())))
            }
            "code" => Some(match &site.code_prefix {
                Some(p) => format!("code: {p}-{year}-001"),
                None => "code:                    # 项目编号 / the office's project number".to_string(),
            }),
            "doc_number" => Some("doc_number:".to_string()),
            "issuer" => site.text(&site.issuer, lang).map(|v| format!("issuer: {}", quote(&v))),
            "institution" => site.text(&site.institution, lang).map(|v| format!("institution: {}", quote(&v))),
            "contact" => Some(contact_line(site, lang)),
            "chain" | "industry" => site.chain.as_ref().map(|c| replace_value(line, c)),
            "location" => Some(
                "location:                # [经度, 纬度] / [longitude, latitude], e.g. [104.17, 36.55]".to_string(),
            ),
            "region" => site.region.as_ref().map(|r| replace_value(line, r)),
            _ => None,
        };
        out.push_str(filled.as_deref().unwrap_or(line));
        out.push('\n');
    }
    out
}

/// `chain: nonferrous   # comment` with another value, keeping the comment.
fn replace_value(line: &str, value: &str) -> String {
    let (key, rest) = line.split_once(':').unwrap_or((line, ""));
    let comment = rest.find('#').map(|i| format!("  {}", &rest[i..])).unwrap_or_default();
    format!("{key}: {value}{comment}")
}

fn contact_line(site: &SiteDefaults, lang: &str) -> String {
    let mut parts = Vec::new();
    if let Some(o) = site.text(&site.org, lang) {
        parts.push(format!("org: {}", quote(&o)));
    }
    if let Some(p) = &site.phone {
        parts.push(format!("phone: \"{p}\""));
    }
    if let Some(e) = &site.email {
        parts.push(format!("email: {e}"));
    }
    if parts.is_empty() { "contact:".to_string() } else { format!("contact: {{{}}}", parts.join(", ")) }
}

/// A text as a YAML value on one line.
fn quote(s: &str) -> String {
    if s.contains([':', '#', '{', '}', '[', ']', ',', '"', '\'']) || s.trim() != s {
        serde_json::to_string(s).unwrap_or_default()
    } else {
        s.to_string()
    }
}

/// Appends a region or chain to its data file as text, keeping the file's comments and
/// layout; refuses an id that is already there.
fn new_data_entry(root: &Path, kind: &str, name: &str) -> Result<Created, String> {
    let n = read_name(name)?;
    let stem = if kind == "region" { "regions" } else { "chains" };
    let rel = format!("data/{stem}.yaml");
    let quiet = Diagnostics::new();
    let existing = crate::load::read_text(root, &rel, &quiet).unwrap_or_default();
    if let Ok(v) = crate::load::yaml::parse(&existing)
        && let Some(items) = v.as_array()
        && items.iter().any(|i| i.get("id").and_then(|x| x.as_str()) == Some(n.slug.as_str()))
    {
        return Err(format!("{rel} already has an entry with id {}; nothing was changed", n.slug));
    }
    let zh = n.title.clone().unwrap_or_else(|| "名称".to_string());
    let en = title_case(&n.slug);
    let mut entry = format!("- id: {}\n  name: {{zh: {}, en: {}}}\n", n.slug, quote(&zh), quote(&en));
    if kind == "region" {
        if let Some(top) = top_region(&existing) {
            entry.push_str(&format!("  parent: {top}\n"));
        }
        entry.push_str("  summary: {zh: 一两句话介绍该地区。, en: One or two sentences on the region.}\n");
    } else {
        entry.push_str("  description: {zh: 一两句话介绍该产业链。, en: One or two sentences on the chain.}\n");
        entry.push_str("  segments:\n    upstream: []\n    midstream: []\n    downstream: []\n");
    }
    let mut text = existing.clone();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(&entry);
    let path = root.join(&rel);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    let next = format!(
        "next: fill in the new entry at the end of {rel} (names in every language{}), then run `investsite check`",
        if kind == "chain" { ", the segments of the chain" } else { ", location and indicators" }
    );
    Ok(Created { files: Vec::new(), appended: Some(path), next })
}

/// `new chamber 白银市驻成都招商联络处`: a draft entry appended to `data/chambers.yaml` (the
/// file is started when the site has none), serving the site's first region, with the
/// site's contact as the officer until the real one is filled in.
fn new_chamber(root: &Path, name: &str, config: &crate::load::config::Config) -> Result<Created, String> {
    let n = read_name(name)?;
    let rel = "data/chambers.yaml";
    let quiet = Diagnostics::new();
    let existing = crate::load::read_text(root, rel, &quiet).unwrap_or_default();
    if let Ok(v) = crate::load::yaml::parse(&existing)
        && let Some(items) = v.as_array()
        && items.iter().any(|i| i.get("id").and_then(|x| x.as_str()) == Some(n.slug.as_str()))
    {
        return Err(format!("{rel} already has an entry with id {}; nothing was changed", n.slug));
    }
    let site = SiteDefaults::of(root, config);
    let zh = n.title.clone().unwrap_or_else(|| "名称".to_string());
    let en = title_case(&n.slug);
    let mut entry = format!(
        "- id: {}\n  draft: true            # delete this line to publish\n  name: {{zh: {}, en: {}}}\n",
        n.slug,
        quote(&zh),
        quote(&en)
    );
    entry.push_str(
        "  kind: liaison          # hometown 异地商会 / industry 行业商会 / overseas 境外商会 / liaison 招商联络处\n",
    );
    entry.push_str("  city: {zh: 城市, en: City}\n");
    if let Some(r) = &site.region {
        entry.push_str(&format!("  serves: {{regions: [{r}]}}\n"));
    }
    let mut officer =
        vec!["name: {zh: 联络人, en: Liaison officer}".to_string(), "role: {zh: 主任, en: Director}".to_string()];
    officer.extend(site.phone.as_ref().map(|p| format!("phone: \"{p}\"")));
    officer.extend(site.email.as_ref().map(|e| format!("email: {e}")));
    entry.push_str(&format!("  officers:\n    - {{{}}}\n", officer.join(", ")));
    entry.push_str("  location:              # [经度, 纬度] / [longitude, latitude], e.g. [114.06, 22.54]\n");
    let mut text = existing.clone();
    if text.is_empty() {
        text.push_str(
            "# Chambers of commerce and liaison offices (see the guide's \"Chambers and liaison offices\").\n",
        );
    } else if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&entry);
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    let next = format!(
        "next: fill in the new entry at the end of {rel} (names in every language, kind, city, officers, location), delete the line `draft: true` when it is ready, then run `investsite check`"
    );
    Ok(Created { files: Vec::new(), appended: Some(path), next })
}

/// The region without a parent (the city), which a new district belongs to.
fn top_region(text: &str) -> Option<String> {
    let v = crate::load::yaml::parse(text).ok()?;
    let items = v.as_array()?;
    let top = items.iter().find(|i| i.get("parent").is_none())?;
    top.get("id")?.as_str().map(str::to_string)
}

fn title_case(slug: &str) -> String {
    let words: Vec<String> = slug
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
        })
        .collect();
    words.join(" ")
}

/// The first id in `data/<stem>.yaml` (the most local region: one with a parent), so a new
/// file refers to something that exists and builds at once.
fn first_id(root: &Path, stem: &str) -> Option<String> {
    let quiet = crate::diagnostics::Diagnostics::new();
    let text = crate::load::read_text(root, &format!("data/{stem}.yaml"), &quiet)?;
    let value = crate::load::yaml::parse(&text).ok()?;
    let items = value.as_array()?;
    let with_parent = items.iter().find(|i| i.get("parent").is_some());
    let item = with_parent.or_else(|| items.first())?;
    item.get("id")?.as_str().map(str::to_string)
}

fn original_template(kind: &str, zh: bool, today: &str) -> String {
    match (kind, zh) {
        ("project", true) => format!(
            "---\ntitle: 项目名称\nsummary: 一两句话介绍项目，用于列表和分享预览。\ncode:\nchain: nonferrous        # data/chains.yaml 中的产业链 id\nsegment:                 # 该产业链的环节 id（补链环节）\nregion: district         # data/regions.yaml 中的地区 id\npark:                    # content/environment/parks/ 中园区文件名\ninvestment: 1亿元         # 必须带单位：12.5亿元、8000万元、USD 20 million\ncooperation: [joint-venture]   # sole, joint-venture, cooperation, ppp, equity, lease, other\nstage: proposal          # proposal, feasibility, land-ready, approved, under-construction\nreturns: {{annual_revenue: 2亿元, annual_profit: 3000万元, irr: 12%, payback_years: 6, jobs: 200}}\nland: 100亩\ndate: {today}\nexpires:                 # 截止日期，过期后显示为已截止\ncontact:\nlocation:\nfeatured: false\ntags: []\n---\n\n## 项目概况\n\n## 建设内容\n\n## 市场前景\n\n## 建设条件\n\n## 效益分析\n"
        ),
        ("project", false) => format!(
            "---\ntitle: Project name\nsummary: One or two sentences for lists and share previews.\ncode:\nchain: nonferrous        # an id from data/chains.yaml\nsegment:\nregion: district         # an id from data/regions.yaml\npark:\ninvestment: CNY 100 million   # always with a unit\ncooperation: [joint-venture]\nstage: proposal\nland: 10 ha\ndate: {today}\nexpires:\ncontact:\nlocation:\nfeatured: false\ntags: []\n---\n\n## Overview\n\n## Scope\n\n## Market\n\n## Conditions\n\n## Returns\n"
        ),
        ("policy", true) => format!(
            "---\ntitle: 政策名称\nsummary: 一句话说明政策要点。\nissuer: 发文机关\ndoc_number:\ncategories: [land]       # land, tax, finance, energy, talent, logistics, rd, services, other\napplies_to:              # 不写则适用于全部产业链和地区\n  chains: []\n  regions: []\npublished: {today}\neffective: {today}\nexpires:\nattachments: []\nsource:\n---\n\n## 第一条\n"
        ),
        ("policy", false) => format!(
            "---\ntitle: Policy title\nsummary: One sentence on what the policy offers.\nissuer: Issuing authority\ndoc_number:\ncategories: [land]\npublished: {today}\neffective: {today}\nexpires:\n---\n\n## Article 1\n"
        ),
        ("result", true) => format!(
            "---\ntitle: 成果名称\nsummary: 一两句话介绍成果。\ninstitution: 完成单位\nindustry: new-materials   # 产业链 id\nsegment:                  # 该产业链的环节 id（可补的链条环节），可不填\nkind: technology          # patent, technology, product, software, variety, other\ntrl: 5                    # 技术成熟度 1–9\nip: []\ntransfer: [license]       # transfer, license, equity, co-development, service\nprice: negotiable         # 或金额，如 500万元\nregistered: {today}\nreviews:                  # 第三方评审打分 0–100：市场潜力、经济价值、技术含量\n  - {{market: 80, value: 80, tech: 80}}\ncontact:\n---\n\n## 成果简介\n\n## 应用前景\n"
        ),
        ("result", false) => format!(
            "---\ntitle: Result title\nsummary: One or two sentences on the result.\ninstitution: Institution\nindustry: new-materials\nsegment:\nkind: technology\ntrl: 5\ntransfer: [license]\nprice: negotiable\nregistered: {today}\nreviews:\n  - {{market: 80, value: 80, tech: 80}}\n---\n\n## Summary\n\n## Applications\n"
        ),
        ("park", true) => "---\ntitle: 园区名称\nsummary: 一两句话介绍园区的主导产业和承载能力。\nregion: district       # data/regions.yaml 中的地区 id\narea:                    # 规划面积，如 8.05平方公里\nchains: []               # 主导产业链 id\nland_available:          # 可用土地，如 1800亩\nlocation:                # [经度, 纬度]\ntags: []\n---\n\n## 园区概况\n\n## 主导产业\n\n## 配套设施\n".to_string(),
        ("park", false) => "---\ntitle: Park name\nsummary: One or two sentences on the park's industries and capacity.\nregion: district       # an id from data/regions.yaml\narea:\nchains: []\nland_available:\nlocation:\ntags: []\n---\n\n## Overview\n\n## Industries\n\n## Facilities\n".to_string(),
        ("event", true) => format!(
            "---\ntitle: 活动名称\nsummary: 一句话介绍活动，用于列表、日历和分享预览。\ndate: {today}            # 第一天\nend:                     # 最后一天（多日活动），可不填\nplace: 举办地点\nkind: promotion          # fair 展会/洽谈会, promotion 推介会, visit 考察拜访, delegation 来访接待, signing 签约仪式\norganiser: 主办单位\ndelegations:             # 接待客商团组数\nsigned: []               # 签约项目，如：\n#  - {{project: copper-foil, amount: 26亿元, partner: 某公司}}\n---\n\n活动介绍。\n"
        ),
        ("event", false) => format!(
            "---\ntitle: Event name\nsummary: One sentence for lists, calendars and share previews.\ndate: {today}            # the first day\nend:                     # the last day of a longer event\nplace: Where it is held\nkind: promotion          # fair, promotion, visit, delegation, signing\norganiser: Organiser\ndelegations:             # delegations received\nsigned: []               # projects signed there, e.g.\n#  - {{project: copper-foil, amount: CNY 2.6 billion, partner: A company}}\n---\n\nAbout the event.\n"
        ),
        ("news", true) => format!("---\ntitle: 新闻标题\ndate: {today}\nsummary: 一句话摘要，用于列表和分享预览。\n---\n\n正文。\n"),
        ("news", false) => format!("---\ntitle: News title\ndate: {today}\nsummary: One sentence for lists and share previews.\n---\n\nText.\n"),
        (_, true) => "---\ntitle: 页面标题\nsummary: 一句话摘要。\n---\n\n正文。\n".to_string(),
        (_, false) => "---\ntitle: Page title\nsummary: One-sentence summary.\n---\n\nText.\n".to_string(),
    }
}

fn translation_template(kind: &str, zh: bool) -> String {
    let extra = match kind {
        "policy" => {
            if zh {
                "issuer: 发文机关\n"
            } else {
                "issuer: Issuing authority\n"
            }
        }
        "result" => {
            if zh {
                "institution: 完成单位\n"
            } else {
                "institution: Institution\n"
            }
        }
        "event" => {
            if zh {
                "place: 举办地点\norganiser: 主办单位\n"
            } else {
                "place: Where it is held\norganiser: Organiser\n"
            }
        }
        _ => "",
    };
    let body = match (kind, zh) {
        ("project", false) => "## Overview\n\n## Scope\n\n## Market\n\n## Conditions\n\n## Returns\n",
        ("project", true) => "## 项目概况\n\n## 建设内容\n\n## 市场前景\n\n## 建设条件\n\n## 效益分析\n",
        (_, true) => "正文。\n",
        (_, false) => "Text.\n",
    };
    let (title, summary) = if zh { ("标题", "摘要。") } else { ("Title", "Summary.") };
    format!(
        "---\n# Only text fields here: numbers, dates and ids come from the default-language file.\ntitle: {title}\nsummary: {summary}\n{extra}---\n\n{body}"
    )
}

const INIT_FILES: &[(&str, &str)] = &[
    ("site.yaml", include_str!("scaffold/site.yaml")),
    ("content/_index.zh.md", include_str!("scaffold/home.zh.md")),
    ("content/_index.en.md", include_str!("scaffold/home.en.md")),
    ("content/projects/_index.zh.md", "---\ntitle: 招商项目\n---\n"),
    ("content/projects/_index.en.md", "---\ntitle: Projects\n---\n"),
    ("content/projects/copper-foil.zh.md", include_str!("scaffold/copper-foil.zh.md")),
    ("content/projects/copper-foil.en.md", include_str!("scaffold/copper-foil.en.md")),
    ("content/policies/_index.zh.md", "---\ntitle: 优惠政策\n---\n"),
    ("content/policies/_index.en.md", "---\ntitle: Policies\n---\n"),
    ("content/policies/land-support.zh.md", include_str!("scaffold/land-support.zh.md")),
    ("content/policies/land-support.en.md", include_str!("scaffold/land-support.en.md")),
    ("data/chains.yaml", include_str!("scaffold/chains.yaml")),
    ("data/regions.yaml", include_str!("scaffold/regions.yaml")),
    ("static/.gitkeep", ""),
    // The built site and the drawn share images are made by investsite, not kept in git.
    (".gitignore", "/public/\n/.public.investsite-*/\n/.investsite-cache/\n"),
];

/// Creates a small, buildable example site in `dir` (which must not exist or be empty).
pub fn init_site(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        let empty = fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty {
            return Err(format!("{} already exists and is not empty; choose a new folder", dir.display()));
        }
    }
    for (rel, text) in INIT_FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}
