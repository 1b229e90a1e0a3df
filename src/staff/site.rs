//! The site as the staff's tools see it: its settings, content files and data, loaded
//! through `load` (and so through `load::guard`), with the ids front matter may name.

use std::path::Path;

use serde_json::Value;

use super::columns::SheetKind;
use crate::diagnostics::Diagnostics;
use crate::domain::{Environment, ParkRef, Policy, Project, Refs, ResearchResult};
use crate::load::fields::Fields;
use crate::load::{ContentFile, Loaded};

pub struct StaffSite {
    pub config: crate::load::config::Config,
    pub files: Vec<ContentFile>,
    pub env: Environment,
    pub parks: Vec<ParkRef>,
}

/// Loads the site; problems in single files are the build's to report, only a site that
/// cannot be read at all stops the tools.
pub fn load(root: &Path) -> Result<StaffSite, String> {
    let diags = Diagnostics::new();
    let Some(Loaded { config, files, data, .. }) = crate::load::load_site(root, &diags) else {
        let msgs: Vec<String> = diags.into_vec().iter().map(ToString::to_string).collect();
        return Err(format!("cannot read the site in {}:\n{}", root.display(), msgs.join("\n")));
    };
    let env = Environment::read(&data, &Diagnostics::new());
    let parks = park_refs(&files, config.default_lang());
    Ok(StaffSite { config, files, env, parks })
}

fn park_refs(files: &[ContentFile], default_lang: &str) -> Vec<ParkRef> {
    let parks = |f: &&ContentFile| f.dir == "environment/parks" && !f.is_index;
    let mut out: Vec<ParkRef> = Vec::new();
    for f in files.iter().filter(parks).filter(|f| f.lang == default_lang) {
        let slug = f.front.get("slug").and_then(Value::as_str).map_or_else(|| f.stem.clone(), str::to_string);
        let titles = files
            .iter()
            .filter(|g| g.key == f.key)
            .filter_map(|g| g.front.get("title").and_then(Value::as_str).map(str::to_string))
            .collect();
        out.push(ParkRef { slug, titles });
    }
    out
}

impl StaffSite {
    pub fn default_lang(&self) -> &str {
        self.config.default_lang()
    }

    pub fn refs(&self) -> Refs<'_> {
        Refs { env: Some(&self.env), parks: self.parks.clone(), ..Refs::default() }
    }

    /// The content file of `slug` in `lang`, a plain file or a page bundle.
    pub fn file_of(&self, kind: SheetKind, slug: &str, lang: &str) -> Option<&ContentFile> {
        let key = format!("{}/{slug}", kind.folder().trim_start_matches("content/"));
        self.files.iter().find(|f| f.key == key && f.lang == lang && !f.is_index)
    }

    /// The originals of a kind (the default language's files), in address order.
    pub fn originals(&self, kind: SheetKind) -> Vec<&ContentFile> {
        let dir = kind.folder().trim_start_matches("content/");
        let mut out: Vec<&ContentFile> =
            self.files.iter().filter(|f| f.dir == dir && !f.is_index && f.lang == self.default_lang()).collect();
        out.sort_by(|a, b| a.key.cmp(&b.key));
        out
    }
}

/// Validates front matter as the build does and returns the id fields as ids (a name
/// written for a chain, region, park or choice becomes its id); `None` when it is invalid.
pub fn read_ids(kind: SheetKind, f: &Fields, refs: &Refs) -> Option<Vec<(String, Value)>> {
    let s = |v: &str| Value::String(v.to_string());
    let list = |v: &[String]| Value::Array(v.iter().map(|x| s(x)).collect());
    let opt = |v: &Option<String>| v.as_deref().map(s);
    let mut out: Vec<(String, Option<Value>)> = Vec::new();
    match kind {
        SheetKind::Projects => {
            let p = Project::read(f, refs)?;
            out.push(("chain".into(), Some(s(&p.chain))));
            out.push(("segment".into(), opt(&p.segment)));
            out.push(("region".into(), Some(s(&p.region))));
            out.push(("park".into(), opt(&p.park)));
            out.push(("cooperation".into(), Some(list(&p.cooperation))));
            out.push(("stage".into(), opt(&p.stage)));
        }
        SheetKind::Policies => {
            let p = Policy::read(f, refs)?;
            out.push(("categories".into(), Some(list(&p.categories))));
            out.push(("applies_to.chains".into(), Some(list(&p.chains))));
            out.push(("applies_to.regions".into(), Some(list(&p.regions))));
        }
        SheetKind::Results => {
            let r = ResearchResult::read(f, refs)?;
            out.push(("industry".into(), Some(s(&r.industry))));
            out.push(("segment".into(), opt(&r.segment)));
            out.push(("kind".into(), opt(&r.kind)));
            out.push(("transfer".into(), Some(list(&r.transfer))));
        }
        SheetKind::Parks => {
            let p = crate::domain::Park::read(f, refs)?;
            out.push(("region".into(), Some(s(&p.region))));
            out.push(("chains".into(), Some(list(&p.chains))));
        }
        SheetKind::Events => {
            let e = crate::domain::Event::read(f, refs)?;
            out.push(("kind".into(), opt(&e.kind)));
        }
    }
    // Errors reported along the way mean the row is wrong even when `read` returned.
    if f.diags.has_errors() {
        return None;
    }
    Some(out.into_iter().filter_map(|(k, v)| Some((k, v?))).collect())
}

/// The id fields of a file as ids, so a name the author wrote (`kind: 推介会`) compares and
/// exports as the id import writes (`promotion`), and import ∘ export changes nothing. Empty
/// when the file does not pass the build's checks.
pub fn ids_of(site: &StaffSite, kind: SheetKind, file: &ContentFile) -> Vec<(String, Value)> {
    let diags = Diagnostics::new();
    let f = Fields::new(&file.rel, &file.fm_text, 1, &file.front, &diags);
    read_ids(kind, &f, &site.refs()).unwrap_or_default()
}
