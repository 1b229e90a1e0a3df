//! `investsite new` and `investsite init`: files an author starts from.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;
use crate::units::Date;

/// Creates `content/<section>/<slug>.<lang>.md` for every language of the site: the
/// default language's file with every field to fill in, the others with the translatable
/// ones only.
pub fn new_content(root: &Path, kind: &str, slug: &str) -> Result<Vec<PathBuf>, String> {
    if !crate::text::slug::is_valid_slug(slug) {
        let suggestion = crate::text::slug::slugify(slug);
        let hint = if suggestion.is_empty() { String::new() } else { format!(", e.g. {suggestion}") };
        return Err(format!("\"{slug}\" cannot be an address: use lowercase ASCII letters, digits and -{hint}"));
    }
    let diags = Diagnostics::new();
    let config = crate::load::config::load(root, &diags).ok_or_else(|| {
        let msgs: Vec<String> = diags.into_vec().iter().map(ToString::to_string).collect();
        format!("cannot read the site's settings:\n{}", msgs.join("\n"))
    })?;
    let section = match kind {
        "project" => "projects",
        "policy" => "policies",
        "result" => "results",
        "page" => "",
        other => return Err(format!("unknown kind \"{other}\": use project, policy, result or page")),
    };
    let dir = root.join("content").join(section);
    let today = Date::today_utc().iso();
    let chain = first_id(root, "chains").unwrap_or_else(|| "nonferrous".into());
    let region = first_id(root, "regions").unwrap_or_else(|| "baiyin-district".into());
    let mut planned = Vec::new();
    for (i, lang) in config.languages.iter().enumerate() {
        let path = dir.join(format!("{slug}.{lang}.md"));
        if path.exists() {
            return Err(format!("{} already exists; nothing was created", path.display()));
        }
        let chinese = lang == "zh";
        let text = if i == 0 {
            original_template(kind, chinese, &today)
                .replace("nonferrous", &chain)
                .replace("new-materials", &chain)
                .replace("baiyin-district", &region)
        } else {
            translation_template(kind, chinese)
        };
        planned.push((path, text));
    }
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (path, text) in &planned {
        fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(planned.into_iter().map(|(p, _)| p).collect())
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
            "---\ntitle: 项目名称\nsummary: 一两句话介绍项目，用于列表和分享预览。\ncode: BY-2026-000\nchain: nonferrous        # data/chains.yaml 中的产业链 id\nsegment:                 # 该产业链的环节 id（补链环节）\nregion: baiyin-district  # data/regions.yaml 中的地区 id\npark:                    # content/environment/parks/ 中园区文件名\ninvestment: 1亿元         # 必须带单位：12.5亿元、8000万元、USD 20 million\ncooperation: [joint-venture]   # sole, joint-venture, cooperation, ppp, equity, lease, other\nstage: proposal          # proposal, feasibility, land-ready, approved, under-construction\nreturns: {{annual_revenue: 2亿元, annual_profit: 3000万元, irr: 12%, payback_years: 6, jobs: 200}}\nland: 100亩\ndate: {today}\nexpires:                 # 截止日期，过期后显示为已截止\ncontact: {{org: 招商单位, person: 联系人, phone: \"0943-0000000\", email: invest@example.cn}}\nlocation: [104.17, 36.55] # [经度, 纬度]\nfeatured: false\ntags: []\n---\n\n## 项目概况\n\n## 建设内容\n\n## 市场前景\n\n## 建设条件\n\n## 效益分析\n"
        ),
        ("project", false) => format!(
            "---\ntitle: Project name\nsummary: One or two sentences for lists and share previews.\ncode: BY-2026-000\nchain: nonferrous        # an id from data/chains.yaml\nsegment:\nregion: baiyin-district  # an id from data/regions.yaml\npark:\ninvestment: CNY 100 million   # always with a unit\ncooperation: [joint-venture]\nstage: proposal\nland: 10 ha\ndate: {today}\nexpires:\ncontact: {{org: Organisation, person: Contact person, phone: \"+86 943 000 0000\", email: invest@example.cn}}\nlocation: [104.17, 36.55]\nfeatured: false\ntags: []\n---\n\n## Overview\n\n## Scope\n\n## Market\n\n## Conditions\n\n## Returns\n"
        ),
        ("policy", true) => format!(
            "---\ntitle: 政策名称\nsummary: 一句话说明政策要点。\nissuer: 白银市人民政府\ndoc_number: 白政发〔2026〕1号\ncategories: [land]       # land, tax, finance, energy, talent, logistics, rd, services, other\napplies_to:              # 不写则适用于全部产业链和地区\n  chains: []\n  regions: []\npublished: {today}\neffective: {today}\nexpires:\nattachments: []\nsource:\n---\n\n## 第一条\n"
        ),
        ("policy", false) => format!(
            "---\ntitle: Policy title\nsummary: One sentence on what the policy offers.\nissuer: Issuing authority\ndoc_number:\ncategories: [land]\npublished: {today}\neffective: {today}\nexpires:\n---\n\n## Article 1\n"
        ),
        ("result", true) => format!(
            "---\ntitle: 成果名称\nsummary: 一两句话介绍成果。\ninstitution: 完成单位\nindustry: new-materials   # 产业链 id\nsegment:                  # 该产业链的环节 id（可补的链条环节），可不填\nkind: technology          # patent, technology, product, software, variety, other\ntrl: 5                    # 技术成熟度 1–9\nip: []\ntransfer: [license]       # transfer, license, equity, co-development, service\nprice: negotiable         # 或金额，如 500万元\nregistered: {today}\nreviews:                  # 第三方评审打分 0–100：市场潜力、经济价值、技术含量\n  - {{market: 80, value: 80, tech: 80}}\ncontact: {{org: 技术转移中心, person: 联系人, phone: \"0931-0000000\"}}\n---\n\n## 成果简介\n\n## 应用前景\n"
        ),
        ("result", false) => format!(
            "---\ntitle: Result title\nsummary: One or two sentences on the result.\ninstitution: Institution\nindustry: new-materials\nsegment:\nkind: technology\ntrl: 5\ntransfer: [license]\nprice: negotiable\nregistered: {today}\nreviews:\n  - {{market: 80, value: 80, tech: 80}}\n---\n\n## Summary\n\n## Applications\n"
        ),
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
    (".gitignore", "/public/\n/.investsite-cache/\n"),
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
