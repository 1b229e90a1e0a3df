//! The investment environment: industry chains (`data/chains.yaml`), regions
//! (`data/regions.yaml`) and industrial parks (`content/environment/parks/`).

use std::collections::BTreeMap;

use serde_json::Value;

use super::Refs;
use super::data_list::{check_id, read_list};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::DataFile;
use crate::load::fields::{Fields, LangText};
use crate::units::{Area, UnitPrice};

pub const STAGES: &[&str] = &["upstream", "midstream", "downstream"];
pub const PRICE_KEYS: &[&str] = &["land", "electricity", "water", "gas", "steam", "wage"];
/// Beside the prices: their source and year.
pub const PRICE_NOTES: &[&str] = &["source", "year"];

#[derive(Debug, Clone, Default)]
pub struct Environment {
    pub chains: Vec<Chain>,
    pub regions: Vec<Region>,
    /// Chambers of commerce and liaison offices (`data/chambers.yaml`), read after the
    /// chains and regions they serve (see `domain::chambers`).
    pub chambers: Vec<super::chambers::Chamber>,
}

#[derive(Debug, Clone)]
pub struct Chain {
    pub id: String,
    pub name: LangText,
    pub description: LangText,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone)]
pub struct Segment {
    /// upstream, midstream or downstream.
    pub stage: &'static str,
    pub id: String,
    pub name: LangText,
    pub enterprises: Vec<LangText>,
    pub subchains: Vec<(String, LangText)>,
}

impl Chain {
    pub fn segment(&self, id: &str) -> Option<&Segment> {
        self.segments.iter().find(|s| s.id == id)
    }
}

impl Segment {
    /// A segment with no local enterprise is a gap the city wants to fill (补链).
    pub fn is_gap(&self) -> bool {
        self.enterprises.is_empty()
    }
}

#[derive(Debug, Clone)]
pub struct Region {
    pub id: String,
    pub name: LangText,
    pub parent: Option<String>,
    pub location: Option<(f64, f64)>,
    pub summary: LangText,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub key: String,
    pub label: LangText,
    /// As written (`700.1`): indicators are shown, not computed with.
    pub value: String,
    pub unit: LangText,
    pub year: Option<i64>,
    /// Who published it (`{zh: 白银市统计局, en: Baiyin Bureau of Statistics}`).
    pub source: LangText,
}

impl Environment {
    pub fn chain(&self, id: &str) -> Option<&Chain> {
        self.chains.iter().find(|c| c.id == id)
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// Reads chains and regions from the data files; both are optional.
    pub fn read(data: &BTreeMap<String, DataFile>, diags: &Diagnostics) -> Environment {
        let chains = data.get("chains").map(|d| read_list(d, diags, read_chain)).unwrap_or_default();
        let regions = data.get("regions").map(|d| read_list(d, diags, read_region)).unwrap_or_default();
        let env = Environment { chains, regions, chambers: Vec::new() };
        env.check_ids(data, diags);
        env
    }

    fn check_ids(&self, data: &BTreeMap<String, DataFile>, diags: &Diagnostics) {
        let mut seen = std::collections::BTreeSet::new();
        for c in &self.chains {
            if !seen.insert(&c.id) {
                push_data_error(data, "chains", &c.id, diags, format!("chain id \"{}\" is used twice", c.id));
            }
            let mut segs = std::collections::BTreeSet::new();
            for s in &c.segments {
                if !segs.insert(&s.id) {
                    push_data_error(
                        data,
                        "chains",
                        &s.id,
                        diags,
                        format!("chain \"{}\" has segment id \"{}\" twice", c.id, s.id),
                    );
                }
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for r in &self.regions {
            if !seen.insert(&r.id) {
                push_data_error(data, "regions", &r.id, diags, format!("region id \"{}\" is used twice", r.id));
            }
            if let Some(p) = &r.parent
                && self.region(p).is_none()
            {
                push_data_error(
                    data,
                    "regions",
                    &r.id,
                    diags,
                    format!("region \"{}\" has parent \"{p}\", which is not in the list", r.id),
                );
            }
        }
        self.check_parent_chains(data, diags);
    }

    /// A region's parents must end: a loop (`a` in `b` in `a`) has no top to list pages
    /// under, and a chain deeper than a province's levels is a mistake that would make every
    /// "region and the regions above it" walk long.
    fn check_parent_chains(&self, data: &BTreeMap<String, DataFile>, diags: &Diagnostics) {
        let mut too_deep = 0usize;
        for r in &self.regions {
            let chain = self.ancestry(r);
            let ids: Vec<&str> = chain.iter().map(|x| x.id.as_str()).collect();
            if chain.len() > 1 && ids.last() == Some(&r.id.as_str()) {
                let msg = format!("region \"{}\" is its own ancestor: {}", r.id, ids.join(" → "));
                push_data_error(data, "regions", &r.id, diags, msg);
            } else if chain.len() > MAX_REGION_LEVELS {
                too_deep += 1;
                // A few are enough to show the mistake; a long chain would name every region.
                if too_deep <= 3 {
                    let msg = format!(
                        "region \"{}\" is nested more than {MAX_REGION_LEVELS} levels deep ({} …)",
                        r.id,
                        ids.join(" → ")
                    );
                    push_data_error(data, "regions", &r.id, diags, msg);
                }
            }
        }
        if too_deep > 3
            && let Some(file) = data.get("regions")
        {
            diags.push(
                Diagnostic::error(format!("{} more regions are nested more than {MAX_REGION_LEVELS} levels deep", too_deep - 3))
                    .in_file(&file.rel)
                    .help("check the `parent:` fields: a province, its cities, their counties and towns need only a few levels"),
            );
        }
    }

    /// The region and its parents, nearest first; ends at the top, at the first region
    /// seen twice (included again, so a loop shows as `a → b → a`), or one past the limit.
    fn ancestry<'e>(&'e self, r: &'e Region) -> Vec<&'e Region> {
        let mut chain = vec![r];
        let mut current = r;
        while let Some(parent) = current.parent.as_deref().and_then(|p| self.region(p)) {
            let seen = chain.iter().any(|x| x.id == parent.id);
            chain.push(parent);
            if seen || chain.len() > MAX_REGION_LEVELS {
                break;
            }
            current = parent;
        }
        chain
    }
}

/// Province, city, county, township and a few more: deeper nesting is a mistake.
pub const MAX_REGION_LEVELS: usize = 8;

fn push_data_error(data: &BTreeMap<String, DataFile>, stem: &str, id: &str, diags: &Diagnostics, msg: String) {
    let Some(file) = data.get(stem) else { return };
    let line = file.text.lines().position(|l| l.contains(&format!("id: {id}"))).map(|i| i + 1);
    let mut d = Diagnostic::error(msg).in_file(&file.rel);
    if let Some(l) = line {
        d = d.at_line(l).with_source(&file.text);
    }
    diags.push(d);
}

fn read_chain(f: &Fields) -> Option<Chain> {
    f.check_unknown(&["id", "name", "description", "segments"]);
    let id = f.required_text("id", "nonferrous")?;
    check_id(f, "id", &id);
    let mut segments = Vec::new();
    if let Some(groups) = f.nested("segments") {
        groups.check_unknown(STAGES);
        for stage in STAGES {
            let Some(list) = groups.value(stage) else { continue };
            let Some(list) = list.as_array() else {
                groups.error(stage, "must be a list of segments", None);
                continue;
            };
            for seg in list {
                match read_segment(stage, seg) {
                    Ok(s) => segments.push(s),
                    Err(msg) => groups.error(
                        stage,
                        msg,
                        Some("each segment: {id: copper-foil, name: {zh: 铜箔, en: Copper foil}, enterprises: []}"),
                    ),
                }
            }
        }
    }
    let name = f.lang_text("name");
    if name.is_none() {
        f.error(
            "name",
            format!("chain \"{id}\" has no name"),
            Some("add name: {zh: 有色金属, en: Non-ferrous metals}"),
        );
    }
    Some(Chain { id, name, description: f.lang_text("description"), segments })
}

fn read_segment(stage: &'static str, v: &Value) -> Result<Segment, String> {
    let m = v.as_object().ok_or("a segment must be a mapping")?;
    let id = m.get("id").and_then(Value::as_str).ok_or("a segment needs an `id`")?.to_string();
    let name = m.get("name").and_then(LangText::from_value).filter(|n| !n.is_none());
    let name = name.ok_or_else(|| format!("segment \"{id}\" needs a `name`"))?;
    let enterprises = match m.get("enterprises") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|e| {
                LangText::from_value(e)
                    .ok_or_else(|| format!("segment \"{id}\": enterprises are names or {{zh: …, en: …}}"))
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(format!("segment \"{id}\": `enterprises` must be a list ([] for a gap)")),
    };
    let subchains = match m.get("subchains") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|s| {
                let id = s.get("id").and_then(Value::as_str).unwrap_or("").to_string();
                let name = s.get("name").and_then(LangText::from_value).unwrap_or_default();
                if id.is_empty() || name.is_none() {
                    Err(format!(
                        "segment \"{}\": each sub-chain needs an `id` and a `name`",
                        m["id"].as_str().unwrap_or("")
                    ))
                } else {
                    Ok((id, name))
                }
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(format!("segment \"{id}\": `subchains` must be a list")),
    };
    if let Some(k) = m.keys().find(|k| !["id", "name", "enterprises", "subchains"].contains(&k.as_str())) {
        return Err(format!("segment \"{id}\": unknown field `{k}`"));
    }
    Ok(Segment { stage, id, name, enterprises, subchains })
}

fn read_region(f: &Fields) -> Option<Region> {
    f.check_unknown(&["id", "name", "parent", "location", "summary", "indicators"]);
    let id = f.required_text("id", "baiyin-district")?;
    check_id(f, "id", &id);
    let name = f.lang_text("name");
    if name.is_none() {
        f.error("name", format!("region \"{id}\" has no name"), Some("add name: {zh: 白银区, en: Baiyin District}"));
    }
    let indicators = match f.value("indicators") {
        None => Vec::new(),
        Some(Value::Array(items)) => items.iter().filter_map(|i| read_indicator(f, i)).collect(),
        Some(_) => {
            f.error("indicators", "must be a list", None);
            Vec::new()
        }
    };
    Some(Region {
        id,
        name,
        parent: f.text("parent"),
        location: f.location("location"),
        summary: f.lang_text("summary"),
        indicators,
    })
}

fn read_indicator(f: &Fields, v: &Value) -> Option<Indicator> {
    const HELP: &str = "e.g. {key: gdp, label: {zh: 地区生产总值, en: GDP}, value: 700.1, unit: {zh: 亿元, en: CNY 100 million}, year: 2025}";
    let Some(m) = v.as_object() else {
        f.error("indicators", "each indicator must be a mapping", Some(HELP));
        return None;
    };
    let key = m.get("key").and_then(Value::as_str).unwrap_or("").to_string();
    let value = match m.get("value") {
        Some(Value::Number(n)) => n.to_string(),
        // `.nan`/`.inf` arrive as their spelling (see `yaml::parse`); a chart cannot draw them.
        Some(Value::String(s)) if matches!(s.as_str(), ".nan" | ".inf" | "-.inf") => {
            f.error("indicators", format!("indicator \"{key}\" has the value {s}, which is not a number"), Some(HELP));
            return None;
        }
        Some(Value::String(s)) => s.clone(),
        _ => {
            f.error("indicators", format!("indicator \"{key}\" needs a `value`"), Some(HELP));
            return None;
        }
    };
    let label = m.get("label").and_then(LangText::from_value).unwrap_or_default();
    let year = indicator_year(f, &key, m.get("year"))?;
    if year.is_none() {
        // Shown, but readers cannot tell how current a figure without a year is.
        f.warn(
            "indicators",
            format!("indicator \"{key}\" has no year: readers cannot tell how current it is"),
            Some("add the statistical year the value is for, like `year: 2025`"),
        );
    }
    Some(Indicator {
        source: m.get("source").and_then(LangText::from_value).unwrap_or_default(),
        label: if label.is_none() { LangText::One(key.clone()) } else { label },
        key,
        value,
        unit: m.get("unit").and_then(LangText::from_value).unwrap_or_default(),
        year,
    })
}

/// The statistical year of an indicator: a four-digit year, or none given.
fn indicator_year(f: &Fields, key: &str, v: Option<&Value>) -> Option<Option<i64>> {
    match v {
        None | Some(Value::Null) => Some(None),
        Some(y) => match y.as_i64().filter(|y| (1900..=2200).contains(y)) {
            Some(y) => Some(Some(y)),
            None => {
                f.error(
                    "indicators",
                    format!("indicator \"{key}\" has year {}, which is not a year", crate::load::fields::compact(y)),
                    Some("write the statistical year as four digits, like `year: 2025`"),
                );
                None
            }
        },
    }
}

/// An industrial park page, `content/environment/parks/`.
#[derive(Debug, Clone)]
pub struct Park {
    pub region: String,
    pub area: Option<Area>,
    pub chains: Vec<String>,
    pub land_available: Option<Area>,
    pub prices: Vec<(String, UnitPrice)>,
    /// `prices: {source: …, year: …}`: who set or published the prices, and for which year.
    pub prices_source: LangText,
    pub prices_year: Option<i64>,
    pub location: Option<(f64, f64)>,
}

pub const PARK_TRANSLATABLE: &[&str] = &["title", "summary", "tags", "aliases"];
pub const PARK_KNOWN: &[&str] = &[
    // Old addresses that redirect here (see `resolve::aliases`); each language file its own.
    "aliases",
    "title",
    // Chooses another theme template for the page (see the README's themes section).
    "template",
    "summary",
    "region",
    "area",
    "chains",
    "land_available",
    "prices",
    "location",
    "tags",
    "slug",
    "draft",
    // What a translation was made from (`investsite status --mark-translated`).
    "translated_from",
    "weight",
    "images",
];

impl Park {
    pub fn read(f: &Fields, refs: &Refs) -> Option<Park> {
        f.check_unknown(PARK_KNOWN);
        f.required_text("title", "白银高新技术产业开发区");
        let region = f.required_text("region", "baiyin-district").and_then(|r| refs.check_region(f, "region", &r));
        let chains = f.list("chains").iter().filter_map(|c| refs.check_chain(f, "chains", c)).collect();
        let mut prices = Vec::new();
        let (mut prices_source, mut prices_year) = (LangText::default(), None);
        if let Some(p) = f.nested("prices") {
            p.check_unknown(&[PRICE_KEYS, PRICE_NOTES].concat());
            for key in PRICE_KEYS {
                if let Some(price) = p.unit_price(key) {
                    prices.push((key.to_string(), price));
                }
            }
            prices_source = p.lang_text("source");
            prices_year = p.integer_in("year", 1900, 2200);
        }
        Some(Park {
            area: f.area("area"),
            chains,
            land_available: f.area("land_available"),
            prices,
            prices_source,
            prices_year,
            location: f.location("location"),
            region: region?,
        })
    }
}
