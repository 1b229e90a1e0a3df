//! The `share:`, `wechat:` and `brochure:` settings of `site.yaml`.

use crate::load::fields::{Fields, LangText};

/// The WeChat JS-SDK's own script; an operator may host a copy and set `sdk_url`.
pub const WECHAT_SDK_URL: &str = "https://res.wx.qq.com/open/js/jweixin-1.6.0.js";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
}

impl ImageFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpg",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ShareSettings {
    /// A CJK font file, relative to the site folder; else one is looked for on the system.
    pub font: Option<String>,
    /// Share images (600×315) and square thumbnails.
    pub images: bool,
    /// The sections whose pages get posters (`projects`, `policies`, `results`); none: no
    /// posters.
    pub posters: Vec<String>,
    /// Posters only for featured projects (the default, `posters: featured`), not for every
    /// page of `posters`.
    pub posters_featured_only: bool,
    pub poster_format: ImageFormat,
    /// Line of `share.font` in site.yaml, for a font that cannot be read.
    pub font_line: Option<usize>,
}

impl Default for ShareSettings {
    fn default() -> Self {
        ShareSettings {
            font: None,
            images: true,
            posters: DEFAULT_POSTERS.iter().map(|s| s.to_string()).collect(),
            posters_featured_only: true,
            poster_format: ImageFormat::Png,
            font_line: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Wechat {
    pub appid: String,
    pub signature_endpoint: String,
    pub sdk_url: String,
}

#[derive(Debug, Clone)]
pub struct BrochureSettings {
    pub enabled: bool,
    /// Only featured projects (the default unless chains or regions are chosen).
    pub featured_only: bool,
    pub chains: Vec<String>,
    pub regions: Vec<String>,
    /// Projects chosen by file name (`projects: [copper-foil, zinc]`); when given, only these.
    pub projects: Vec<String>,
    pub title: LangText,
    /// Lines of `brochure.chains` / `brochure.regions`, for unknown ids.
    pub chains_line: Option<usize>,
    pub regions_line: Option<usize>,
    pub projects_line: Option<usize>,
}

impl BrochureSettings {
    /// Exactly these projects, in this order (`investsite brochure --projects`): the
    /// selection of site.yaml no longer applies.
    pub fn choose_projects(&mut self, ids: Vec<String>) {
        self.projects = ids;
        self.projects_line = None;
        self.featured_only = false;
        self.chains.clear();
        self.regions.clear();
    }
}

impl Default for BrochureSettings {
    fn default() -> Self {
        BrochureSettings {
            enabled: true,
            featured_only: true,
            chains: Vec::new(),
            regions: Vec::new(),
            projects: Vec::new(),
            title: LangText::None,
            chains_line: None,
            regions_line: None,
            projects_line: None,
        }
    }
}

/// The sections that can have posters.
pub const POSTER_SECTIONS: &[&str] = &["projects", "policies", "results"];

/// Posters by default (`posters: featured`, also `posters: true`): featured projects, what
/// is handed out at fairs and forwarded in WeChat, as the brochure holds. Every page of a
/// section can have one (`posters: [projects, policies, results]`), but each poster costs
/// about 10 ms of drawing and 30 KB of output per page and language: for every project of
/// a 1,000-item site, more than all its pages together (issue #12).
pub const DEFAULT_POSTERS: &[&str] = &["projects"];

/// A boolean with a default, unlike `Fields::bool` (false when absent).
fn flag(f: &Fields, key: &str, default: bool) -> bool {
    if f.has(key) { f.bool(key) } else { default }
}

pub fn read_share(f: &Fields) -> ShareSettings {
    let mut s = ShareSettings::default();
    let Some(sh) = f.nested("share") else { return s };
    sh.check_unknown(&["font", "images", "posters", "poster_format"]);
    s.font = sh.text("font").filter(|t| !t.is_empty()).filter(|t| font_path_stays_inside(&sh, t));
    s.font_line = s.font.as_ref().map(|_| sh.line_of("font"));
    s.images = flag(&sh, "images", true);
    match sh.value("posters") {
        None | Some(serde_json::Value::Bool(true)) => {}
        Some(serde_json::Value::String(v)) if v == "featured" => {}
        Some(serde_json::Value::Bool(false)) => s.posters.clear(),
        Some(_) => {
            s.posters = sh.choices("posters", POSTER_SECTIONS);
            s.posters_featured_only = false;
        }
    }
    if let Some(fmt) = sh.choice("poster_format", &["png", "jpg", "jpeg"]) {
        s.poster_format = if fmt == "png" { ImageFormat::Png } else { ImageFormat::Jpeg };
    }
    s
}

/// A font is a file of the site, given from the site folder: not an absolute path, not
/// climbing out with `..` (links that leave the site are refused when the file is read).
fn font_path_stays_inside(f: &Fields, path: &str) -> bool {
    let absolute = path.starts_with('/') || path.starts_with('\\') || path.get(1..2) == Some(":");
    let climbs = path.split(['/', '\\']).any(|part| part == "..");
    if absolute || climbs {
        f.error(
            "font",
            format!("\"{path}\" is outside the site folder; a font named here must be a file of the site"),
            Some("copy the font into the site, e.g. fonts/NotoSansSC-Regular.otf, and write `font: fonts/NotoSansSC-Regular.otf`; or remove `font:` to use a font installed on the system"),
        );
    }
    !(absolute || climbs)
}

pub fn read_wechat(f: &Fields) -> Option<Wechat> {
    let w = f.nested("wechat")?;
    w.check_unknown(&["appid", "signature_endpoint", "sdk_url"]);
    let appid = w.required_text("appid", "wx1234567890abcdef");
    let endpoint = w.required_text("signature_endpoint", "https://api.example.cn/wechat/signature");
    if let Some(e) = &endpoint
        && !(e.starts_with("https://") || e.starts_with("http://") || e.starts_with('/'))
    {
        w.error(
            "signature_endpoint",
            format!("\"{e}\" is not a web address"),
            Some("write the full address of your signature service, like https://api.example.cn/wechat/signature"),
        );
        return None;
    }
    let sdk_url = w.text("sdk_url").unwrap_or_else(|| WECHAT_SDK_URL.to_string());
    // The page loads this address as a script: only a web address will do.
    let is_web = sdk_url.starts_with("https://") || sdk_url.starts_with("http://") || sdk_url.starts_with('/');
    if let Err(why) = crate::url_policy::UrlPolicy::default().check(&sdk_url).and_then(|()| {
        if is_web { Ok(()) } else { Err("the script is loaded from a web address starting with https://".to_string()) }
    }) {
        let help = format!(
            "remove `sdk_url` to load WeChat's own script ({WECHAT_SDK_URL}), or give the https:// address of your copy"
        );
        w.error("sdk_url", format!("\"{}\": {why}", sdk_url.escape_debug()), Some(&help));
        return None;
    }
    Some(Wechat { appid: appid?, signature_endpoint: endpoint?, sdk_url })
}

pub fn read_brochure(f: &Fields) -> BrochureSettings {
    let mut s = BrochureSettings::default();
    match f.value("brochure") {
        Some(serde_json::Value::Bool(on)) => {
            s.enabled = *on;
            return s;
        }
        None => return s,
        _ => {}
    }
    let Some(b) = f.nested("brochure") else { return s };
    b.check_unknown(&["enabled", "projects", "chains", "regions", "title"]);
    s.enabled = flag(&b, "enabled", true);
    s.chains = b.list("chains");
    s.regions = b.list("regions");
    s.chains_line = b.has("chains").then(|| b.line_of("chains"));
    s.regions_line = b.has("regions").then(|| b.line_of("regions"));
    if let Some(serde_json::Value::Array(_)) = b.value("projects") {
        s.projects = b.list("projects");
        s.projects_line = Some(b.line_of("projects"));
        s.featured_only = false;
    } else {
        s.featured_only = match b.choice("projects", &["featured", "all"]) {
            Some(p) => p == "featured",
            None => s.chains.is_empty() && s.regions.is_empty(),
        };
    }
    s.title = b.lang_text("title");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;

    fn with<R>(yaml: &str, f: impl FnOnce(&Fields) -> R) -> (R, Diagnostics) {
        let d = Diagnostics::new();
        let v = crate::load::yaml::parse(yaml).unwrap();
        let map = v.as_object().unwrap().clone();
        let r = f(&Fields::new("site.yaml", yaml, 0, &map, &d));
        (r, d)
    }

    #[test]
    fn brochure_defaults_to_featured_unless_chains_or_regions_are_chosen() {
        let (b, _) = with("x: 1\n", read_brochure);
        assert!(b.enabled && b.featured_only);
        let (b, _) = with("brochure: {chains: [nonferrous]}\n", read_brochure);
        assert!(!b.featured_only);
        assert_eq!(b.chains, ["nonferrous"]);
        let (b, _) = with("brochure: {regions: [jingtai], projects: featured}\n", read_brochure);
        assert!(b.featured_only);
        let (b, _) = with("brochure: false\n", read_brochure);
        assert!(!b.enabled);
    }

    #[test]
    fn wechat_needs_appid_and_endpoint() {
        let (w, d) = with("wechat: {appid: wx1}\n", read_wechat);
        assert!(w.is_none());
        assert!(d.has_errors());
        let (w, d) = with("wechat: {appid: wx1, signature_endpoint: https://a.cn/sig}\n", read_wechat);
        let w = w.unwrap();
        assert_eq!(w.sdk_url, WECHAT_SDK_URL);
        assert!(!d.has_errors());
    }

    #[test]
    fn a_font_outside_the_site_is_an_error_at_its_line() {
        for path in
            ["/usr/share/fonts/a.ttc", "../fonts/a.ttf", "fonts/../../a.ttf", "C:\\\\Windows\\\\Fonts\\\\msyh.ttc"]
        {
            let (s, d) = with(&format!("title: x\nshare:\n  font: \"{path}\"\n"), read_share);
            assert!(s.font.is_none(), "{path}");
            let e = &d.sorted()[0];
            assert_eq!((e.field.as_deref(), e.line), (Some("share.font"), Some(3)), "{path}");
            assert!(e.message.contains("outside the site folder"), "{}", e.message);
        }
    }

    #[test]
    fn share_reads_font_and_format() {
        let (s, d) = with("share: {font: fonts/a.ttf, posters: false, poster_format: jpg}\n", read_share);
        assert_eq!(s.font.as_deref(), Some("fonts/a.ttf"));
        assert!(s.posters.is_empty() && s.images);
        assert_eq!(s.poster_format, ImageFormat::Jpeg);
        assert!(!d.has_errors());
    }

    #[test]
    fn posters_are_a_flag_or_a_list_of_sections() {
        let posters = |yaml: &str| {
            let s = with(yaml, read_share).0;
            (s.posters, s.posters_featured_only)
        };
        let featured_projects = (vec!["projects".to_string()], true);
        assert_eq!(posters("title: x\n"), featured_projects);
        assert_eq!(posters("share: {posters: true}\n"), featured_projects);
        assert_eq!(posters("share: {posters: featured}\n"), featured_projects);
        assert_eq!(posters("share: {posters: false}\n").0, Vec::<String>::new());
        assert_eq!(posters("share: {posters: [projects]}\n"), (vec!["projects".to_string()], false));
        assert_eq!(posters("share: {posters: [results, projects]}\n").0, ["results", "projects"]);
        let (s, d) = with("share: {posters: [projects, parks]}\n", read_share);
        assert_eq!(s.posters, ["projects"]);
        assert!(d.sorted()[0].message.contains("unknown value \"parks\""));
    }
}
