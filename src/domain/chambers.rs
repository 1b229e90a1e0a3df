//! Chambers of commerce and liaison offices (`data/chambers.yaml`): the promotion network
//! outside the city — 异地商会, 行业商会, 境外商会 and 招商联络处 — with the regions and
//! chains each serves and its liaison officers.
//!
//! Consumes the data file (a list like `data/regions.yaml`) and the chains and regions it
//! names; produces [`Chamber`]s, every mistake reported at its file, line and field with a
//! "did you mean". Nothing here knows about HTML; the website passes the site's address
//! policy and phones and e-mails the same checks as a project's contact.

use std::collections::BTreeMap;

use serde_json::Value;

use super::data_list::{check_id, read_list};
use super::{Refs, check_email, check_phone, read_choice};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::DataFile;
use crate::load::fields::{Fields, LangText};
use crate::url_policy::UrlPolicy;

/// The data file's stem: `data/chambers.yaml`.
pub const DATA_STEM: &str = "chambers";

/// The kinds of office: id, Chinese name, English name (either name is accepted as written).
pub const KINDS: &[(&str, &str, &str)] = &[
    ("hometown", "异地商会", "Hometown chamber"),
    ("industry", "行业商会", "Industry chamber"),
    ("overseas", "境外商会", "Overseas chamber"),
    ("liaison", "招商联络处", "Liaison office"),
];

/// Every field an entry may have.
pub const KNOWN: &[&str] = &[
    "id",
    "name",
    "kind",
    "city",
    "country",
    "serves",
    "officers",
    "wechat_qr",
    "location",
    "description",
    "website",
    "weight",
    // Left out of the site until removed (`investsite new chamber` writes it); shown by `--drafts`.
    "draft",
];

const OFFICER_KEYS: &[&str] = &["name", "role", "phone", "email"];

#[derive(Debug, Clone)]
pub struct Chamber {
    pub id: String,
    pub name: LangText,
    /// One of [`KINDS`]' ids.
    pub kind: String,
    pub city: LangText,
    pub country: LangText,
    /// Region ids of `data/regions.yaml`.
    pub regions: Vec<String>,
    /// Chain ids of `data/chains.yaml`.
    pub chains: Vec<String>,
    pub officers: Vec<Officer>,
    /// A file under `static/` (`/images/qr/x.png`) or an address, checked with the site's
    /// other named files (`named_files`).
    pub wechat_qr: Option<String>,
    /// The line of `wechat_qr`, for its error.
    pub wechat_qr_line: Option<usize>,
    pub location: Option<(f64, f64)>,
    /// Markdown.
    pub description: LangText,
    pub website: Option<String>,
    /// Order in the directory: lower first, then by name.
    pub weight: i64,
    /// Checked like the others, published only by a preview build (`--drafts`).
    pub draft: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Officer {
    pub name: LangText,
    pub role: LangText,
    pub phone: Option<String>,
    pub email: Option<String>,
}

impl Chamber {
    /// The place a reader filters by: the city, or the country for an office abroad
    /// written without one.
    pub fn place(&self) -> &LangText {
        if self.city.is_none() { &self.country } else { &self.city }
    }

    /// The place's id in addresses (`/chambers/place/shenzhen/`): the English name as a
    /// slug, else the pinyin of the name written.
    pub fn place_id(&self) -> Option<String> {
        place_id(self.place())
    }
}

pub fn place_id(place: &LangText) -> Option<String> {
    let english = match place {
        LangText::Map(m) => m.iter().find(|(l, _)| l == "en").map(|(_, s)| s.as_str()),
        _ => None,
    };
    let first = match place {
        LangText::None => None,
        LangText::One(s) => Some(s.as_str()),
        LangText::Map(m) => m.first().map(|(_, s)| s.as_str()),
    }?;
    let slug = english.map(crate::text::slug::slugify).filter(|s| !s.is_empty());
    let slug = slug.unwrap_or_else(|| crate::text::slug::pinyin_slug(first));
    (!slug.is_empty()).then_some(slug)
}

/// Reads `data/chambers.yaml` when the site has it; ids are checked to be unique.
pub fn read(data: &BTreeMap<String, DataFile>, refs: &Refs, policy: &UrlPolicy, diags: &Diagnostics) -> Vec<Chamber> {
    let Some(file) = data.get(DATA_STEM) else { return Vec::new() };
    let chambers = read_list(file, diags, |f| read_entry(f, refs, policy));
    let mut seen = std::collections::BTreeSet::new();
    for c in &chambers {
        if !seen.insert(c.id.as_str()) {
            let line = file.text.lines().position(|l| l.contains(&format!("id: {}", c.id))).map(|i| i + 1);
            let mut d = Diagnostic::error(format!("chamber id \"{}\" is used twice", c.id))
                .in_file(&file.rel)
                .field("id")
                .help("every chamber and office needs its own id: its page is /chambers/<id>/");
            if let Some(l) = line {
                d = d.at_line(l).with_source(&file.text);
            }
            diags.push(d);
        }
    }
    chambers
}

/// One entry, checked as a build checks it (the staff's import checks a sheet row with it).
pub fn read_entry(f: &Fields, refs: &Refs, policy: &UrlPolicy) -> Option<Chamber> {
    f.check_unknown(KNOWN);
    let id = f.required_text("id", "shenzhen-liaison")?;
    check_id(f, "id", &id);
    let name = f.lang_text("name");
    if name.is_none() {
        f.error(
            "name",
            format!("chamber \"{id}\" has no name"),
            Some("add name: {zh: 甘肃省白银商会, en: Baiyin Chamber of Commerce}"),
        );
    }
    let kind = match f.has("kind") {
        true => read_choice(f, "kind", KINDS),
        false => {
            f.error(
                "kind",
                format!("chamber \"{id}\" has no `kind`"),
                Some("add kind: hometown (异地商会), industry (行业商会), overseas (境外商会) or liaison (招商联络处)"),
            );
            None
        }
    };
    let (regions, chains) = read_serves(f, refs);
    let website = f.text("website").filter(|w| {
        let ok = policy.check(w);
        if let Err(why) = &ok {
            f.error(
                "website",
                format!("\"{}\": {why}", w.escape_debug()),
                Some("write the full address, like https://www.example.cn/"),
            );
        }
        ok.is_ok()
    });
    Some(Chamber {
        name,
        kind: kind?,
        city: f.lang_text("city"),
        country: f.lang_text("country"),
        regions,
        chains,
        officers: read_officers(f),
        wechat_qr: f.text("wechat_qr").filter(|s| !s.is_empty()),
        wechat_qr_line: f.has("wechat_qr").then(|| f.line_of("wechat_qr")),
        location: f.location("location"),
        description: f.lang_text("description"),
        website,
        weight: f.integer_in("weight", -1_000_000, 1_000_000).unwrap_or(0),
        draft: f.bool("draft"),
        id,
    })
}

/// `serves: {regions: [...], chains: [...]}`: ids or names, each checked against data/.
fn read_serves(f: &Fields, refs: &Refs) -> (Vec<String>, Vec<String>) {
    let Some(s) = f.nested("serves") else { return (Vec::new(), Vec::new()) };
    s.check_unknown(&["regions", "chains"]);
    let regions = s.list("regions").iter().filter_map(|r| refs.check_region(&s, "regions", r)).collect();
    let chains = s.list("chains").iter().filter_map(|c| refs.check_chain(&s, "chains", c)).collect();
    (regions, chains)
}

const OFFICER_HELP: &str = "each officer: {name: {zh: 张伟, en: Zhang Wei}, role: {zh: 秘书长, en: Secretary-general}, phone: 0755-5550101, email: office@example.cn}";

fn read_officers(f: &Fields) -> Vec<Officer> {
    let items = match f.value("officers") {
        None => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(_) => {
            f.error("officers", "must be a list of officers", Some(OFFICER_HELP));
            return Vec::new();
        }
    };
    items.iter().enumerate().filter_map(|(i, item)| read_officer(f, i + 1, item)).collect()
}

fn read_officer(f: &Fields, n: usize, item: &Value) -> Option<Officer> {
    let Some(m) = item.as_object() else {
        f.error(
            "officers",
            format!("officer {n} must be a mapping of name, role, phone and email"),
            Some(OFFICER_HELP),
        );
        return None;
    };
    if let Some(k) = m.keys().find(|k| !OFFICER_KEYS.contains(&k.as_str())) {
        let near =
            crate::load::fields::closest(k, OFFICER_KEYS).map(|c| format!("did you mean `{c}`? ")).unwrap_or_default();
        officer_error(
            f,
            n,
            k,
            format!("officer {n} has an unknown field `{k}`"),
            &format!("{near}an officer has {}", OFFICER_KEYS.join(", ")),
        );
    }
    let text = |k: &str| m.get(k).and_then(LangText::from_value).unwrap_or_default();
    let name = text("name");
    if name.is_none() {
        officer_error(f, n, "name", format!("officer {n} has no name"), OFFICER_HELP);
    }
    let checked = |k: &str, check: fn(&str) -> Result<(), String>| {
        let v = m.get(k).and_then(crate::resolve::value_text).filter(|v| !v.is_empty())?;
        match check(&v) {
            Ok(()) => Some(v),
            Err(why) => {
                let help = if k == "email" {
                    "write one address like office@example.cn"
                } else {
                    "write one number like 0755-5550101 or +86 755 555 0101"
                };
                officer_error(f, n, &v, format!("officer {n}'s {k}: {why}"), help);
                None
            }
        }
    };
    Some(Officer {
        role: text("role"),
        phone: checked("phone", check_phone),
        email: checked("email", check_email),
        name,
    })
}

/// An error about one officer, at the line where `needle` (a value or key) is written
/// under `officers:`, else at `officers:` itself.
fn officer_error(f: &Fields, _n: usize, needle: &str, message: String, help: &str) {
    let start = f.line_of("officers");
    let within = start.saturating_sub(f.line_offset);
    let hit =
        f.yaml.lines().enumerate().skip(within).find(|(_, l)| l.contains(needle)).map(|(i, _)| i + 1 + f.line_offset);
    let line = hit.unwrap_or(start);
    let mut d = Diagnostic::error(message).in_file(f.file).field("officers").help(help);
    if line > 0 {
        d = d.at_line(line);
        if let Some(s) = f.yaml.lines().nth(line.saturating_sub(f.line_offset + 1)) {
            d.snippet = Some(s.to_string());
        }
    }
    f.diags.push(d);
}
