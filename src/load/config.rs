//! `site.yaml`: the site's settings, read and validated before anything else.

use std::path::Path;

use rust_decimal::Decimal;
use serde_json::Value;

use super::fields::{Fields, LangText};
use super::yaml;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::units::YearMonth;

pub const CONFIG_FILE: &str = "site.yaml";

/// Right-to-left scripts: the theme sets `dir="rtl"` for them.
pub const RTL_LANGUAGES: &[&str] = &["ar", "fa", "he", "ur", "ug"];

/// Languages by their own names (autonyms), the way a reader looks for their language in a
/// switch: these do not depend on the theme's UI strings, so a third language is named
/// right before anyone translates the interface.
const AUTONYMS: &[(&str, &str)] = &[
    ("zh", "中文"),
    ("en", "English"),
    ("ru", "Русский"),
    ("ar", "العربية"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("de", "Deutsch"),
    ("pt", "Português"),
    ("it", "Italiano"),
    ("nl", "Nederlands"),
    ("pl", "Polski"),
    ("tr", "Türkçe"),
    ("vi", "Tiếng Việt"),
    ("th", "ไทย"),
    ("id", "Bahasa Indonesia"),
    ("ms", "Bahasa Melayu"),
    ("hi", "हिन्दी"),
    ("fa", "فارسی"),
    ("he", "עברית"),
    ("ur", "اردو"),
    ("uk", "Українська"),
    ("kk", "Қазақ тілі"),
    ("uz", "Oʻzbekcha"),
    ("ky", "Кыргызча"),
    ("mn", "Монгол"),
    ("ug", "ئۇيغۇرچە"),
    ("bo", "བོད་ཡིག"),
    ("lo", "ລາວ"),
    ("km", "ខ្មែរ"),
    ("my", "မြန်မာ"),
    ("sv", "Svenska"),
    ("cs", "Čeština"),
    ("el", "Ελληνικά"),
    ("hu", "Magyar"),
    ("ro", "Română"),
    ("sr", "Српски"),
    ("be", "Беларуская"),
    ("ka", "ქართული"),
    ("hy", "Հայերեն"),
    ("az", "Azərbaycanca"),
    ("tg", "Тоҷикӣ"),
    ("tk", "Türkmençe"),
    ("bn", "বাংলা"),
    ("sw", "Kiswahili"),
];

/// A language's name in that language (`ru` → `Русский`); regional codes (`zh-Hant`,
/// `pt-BR`) are named by their language.
pub fn autonym(code: &str) -> Option<&'static str> {
    let base = code.split(['-', '_']).next().unwrap_or(code);
    AUTONYMS.iter().find(|(c, _)| c.eq_ignore_ascii_case(base)).map(|(_, name)| *name)
}

/// A language's name in English, for messages to authors.
pub fn english_language_name(code: &str) -> String {
    match code {
        "zh" => "Chinese",
        "en" => "English",
        "ru" => "Russian",
        "ar" => "Arabic",
        "ja" => "Japanese",
        "ko" => "Korean",
        "fr" => "French",
        "de" => "German",
        "es" => "Spanish",
        "kk" => "Kazakh",
        _ => return format!("\"{code}\""),
    }
    .to_string()
}

#[derive(Debug, Clone)]
pub struct Config {
    pub title: LangText,
    pub description: LangText,
    /// Without a trailing slash, e.g. `https://invest.example.cn` or `https://x.cn/invest`.
    pub base_url: String,
    /// Default language first.
    pub languages: Vec<String>,
    pub theme: String,
    pub logo: Option<String>,
    pub favicon: Option<String>,
    /// Lines of `logo` and `favicon`, for a file that is missing or not an image.
    pub logo_line: Option<usize>,
    pub favicon_line: Option<usize>,
    pub contact: SiteContact,
    pub icp: Option<String>,
    pub police_filing: Option<String>,
    /// `gov:` — sponsor, operator, site code and the error-report entry.
    pub gov: super::gov_settings::GovSettings,
    pub pool: PoolSettings,
    pub currency: Option<Currency>,
    pub nav: Vec<NavItem>,
    pub paginate_by: usize,
    pub finder: FinderSettings,
    pub search: SearchSettings,
    pub extra: Value,
    pub map: MapSettings,
    pub share: crate::share::settings::ShareSettings,
    pub wechat: Option<crate::share::settings::Wechat>,
    pub brochure: crate::share::settings::BrochureSettings,
    /// How photos are resized and encoded (`images:`).
    pub images: crate::photos::settings::ImageSettings,
    /// The address policy every author-supplied address passes (`url_schemes:` extends it).
    pub url_policy: crate::url_policy::UrlPolicy,
    pub markdown: MarkdownSettings,
    /// `import:`, `status:` and `defaults:`, read by the staff's tools.
    pub staff: super::staff_settings::StaffSettings,
}

/// `markdown:` — how raw HTML inside Markdown is treated.
#[derive(Debug, Clone, Default)]
pub struct MarkdownSettings {
    /// `trusted_html: true` writes raw HTML as it is, unsanitised (the site's own risk).
    pub trusted_html: bool,
    /// Hosts whose `<iframe>` video players may be embedded (`v.qq.com`, `player.bilibili.com`).
    pub embed_hosts: Vec<String>,
}

/// `map:` — outlines drawn under the site map and the approval number printed with them.
#[derive(Debug, Clone, Default)]
pub struct MapSettings {
    /// GeoJSON files under `data/`, as written.
    pub outlines: Vec<String>,
    /// 审图号, printed under every map drawn from the outlines.
    pub approval: Option<String>,
    /// A line printed under maps with outlines (e.g. that they are simplified).
    pub note: LangText,
    /// Line of `map:` in site.yaml, for errors about the outline files.
    pub line: Option<usize>,
}

/// The project and policy finders (`finder:` in site.yaml).
#[derive(Debug, Clone)]
pub struct FinderSettings {
    /// Investment band limits in yuan, ascending: `[1亿元, 5亿元]` makes the bands
    /// under 1亿, 1亿–5亿 and 5亿 and over. Empty: no investment filter.
    pub investment_bands: Vec<Decimal>,
    /// Above this many KB the finder's data is written in parts (see `crate::render::finder`).
    pub shard_above_kb: usize,
}

/// Above this size (KB) a finder's data or a search index is written in parts, so that a
/// phone downloads only what its first results need.
pub const SHARD_ABOVE_KB: usize = 200;

impl Default for FinderSettings {
    fn default() -> Self {
        let yi = Decimal::from(100_000_000);
        FinderSettings {
            investment_bands: vec![yi, yi * Decimal::from(5), yi * Decimal::from(10)],
            shard_above_kb: SHARD_ABOVE_KB,
        }
    }
}

/// `search:` in site.yaml: the search page and its index (see `crate::render::search`).
#[derive(Debug, Clone)]
pub struct SearchSettings {
    pub enabled: bool,
    /// Characters of each page's text kept in the index for result snippets; every word of
    /// the text is indexed whatever this is.
    pub text_chars: usize,
    /// Above this many KB the index is written in parts (see `crate::render::search_shards`).
    pub shard_above_kb: usize,
}

impl Default for SearchSettings {
    fn default() -> Self {
        SearchSettings { enabled: true, text_chars: 120, shard_above_kb: SHARD_ABOVE_KB }
    }
}

#[derive(Debug, Clone, Default)]
pub struct SiteContact {
    pub org: LangText,
    pub address: LangText,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub wechat: Option<String>,
}

/// The research-result pool's rule, kept as the author wrote it (decimal text) so the
/// pool stage can compute exactly.
#[derive(Debug, Clone)]
pub struct PoolSettings {
    pub w_market: String,
    pub w_value: String,
    pub w_tech: String,
    pub admit_ratio: String,
    pub min_score: String,
    pub trim_from: usize,
    /// Line of `pool:` in site.yaml, for pool configuration errors.
    pub line: Option<usize>,
}

impl Default for PoolSettings {
    fn default() -> Self {
        PoolSettings {
            w_market: "0.4".into(),
            w_value: "0.3".into(),
            w_tech: "0.3".into(),
            admit_ratio: "0.2".into(),
            min_score: "60".into(),
            trim_from: 5,
            line: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Currency {
    /// Yuan per US dollar.
    pub usd_rate: Decimal,
    pub as_of: Option<YearMonth>,
}

#[derive(Debug, Clone)]
pub struct NavItem {
    pub name: LangText,
    /// As written for the default language: `/projects/`, or an external URL.
    pub url: String,
}

impl Config {
    pub fn default_lang(&self) -> &str {
        &self.languages[0]
    }

    /// The URL path prefix of `lang`: "" for the default language, "/en" for others.
    pub fn lang_prefix(&self, lang: &str) -> String {
        if lang == self.default_lang() { String::new() } else { format!("/{lang}") }
    }

    /// The path part of base_url (`/invest` for `https://x.cn/invest`), "" at a host's root.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.split_once("://").map(|(_, r)| r).unwrap_or(&self.base_url);
        match after_scheme.find('/') {
            Some(i) => &after_scheme[i..],
            None => "",
        }
    }

    pub fn host_url(&self) -> &str {
        let bp = self.base_path();
        &self.base_url[..self.base_url.len() - bp.len()]
    }

    pub fn is_rtl(lang: &str) -> bool {
        RTL_LANGUAGES.contains(&lang)
    }
}

const KNOWN: &[&str] = &[
    "title",
    "description",
    "base_url",
    "languages",
    "theme",
    "logo",
    "favicon",
    "contact",
    "icp",
    "police_filing",
    "gov",
    "pool",
    "currency",
    "nav",
    "extra",
    "paginate_by",
    "finder",
    "map",
    "search",
    "share",
    "wechat",
    "brochure",
    "images",
    "url_schemes",
    "markdown",
    "import",
    "status",
    "defaults",
];

/// Reads `site.yaml` from the site root. Problems go to `diags`; `None` when the file is
/// missing or too broken to build from.
pub fn load(root: &Path, diags: &Diagnostics) -> Option<Config> {
    let path = root.join(CONFIG_FILE);
    let text = match super::text::read_text(root, CONFIG_FILE, diags) {
        Some(t) => t,
        None => {
            if !path.exists() {
                diags.push(
                    Diagnostic::error(format!("no {CONFIG_FILE} in {}", path.parent().unwrap_or(root).display()))
                        .help("run the command in a site folder, pass --root DIR, or create a site with `investsite init DIR`"),
                );
            }
            return None;
        }
    };
    // An empty file would build a near-empty site and swap it over the published one.
    if super::yaml::parse(&text).is_ok_and(|v| v.is_null() || v.as_object().is_some_and(|m| m.is_empty())) {
        diags.push(
            Diagnostic::error("the file is empty (or holds only comments): a site needs its settings")
                .in_file(CONFIG_FILE)
                .help(
                    "give the site's settings (title, base_url, languages …); `investsite init DIR` shows an example",
                ),
        );
        return None;
    }
    parse(&text, diags)
}

pub fn parse(text: &str, diags: &Diagnostics) -> Option<Config> {
    let value = match yaml::parse(text) {
        Ok(v) => v,
        Err(e) => {
            let mut d = Diagnostic::error(format!("YAML syntax: {}", e.message)).in_file(CONFIG_FILE);
            if let Some(l) = e.line {
                d = d.at_line(l).with_source(text);
                if let Some(c) = e.column {
                    d = d.at_column(c);
                }
            }
            diags.push(d.help("check indentation (spaces, not tabs) and that every `{` and `[` is closed"));
            return None;
        }
    };
    let Some(map) = value.as_object() else {
        diags.push(Diagnostic::error("must be a mapping of settings like `title: …`").in_file(CONFIG_FILE));
        return None;
    };
    let f = Fields::new(CONFIG_FILE, text, 0, map, diags);
    f.check_unknown(KNOWN);
    let languages = read_languages(&f);
    let url_policy = read_url_schemes(&f);
    let base_url = read_base_url(&f);
    let config = Config {
        title: f.lang_text("title"),
        description: f.lang_text("description"),
        base_url,
        theme: read_theme_name(&f),
        logo: f.text("logo"),
        favicon: f.text("favicon"),
        logo_line: f.has("logo").then(|| f.line_of("logo")),
        favicon_line: f.has("favicon").then(|| f.line_of("favicon")),
        contact: read_contact(&f),
        icp: f.text("icp"),
        police_filing: f.text("police_filing"),
        gov: super::gov_settings::read(&f, &url_policy),
        pool: read_pool(&f),
        currency: read_currency(&f),
        nav: read_nav(&f, &url_policy),
        paginate_by: f.integer_in("paginate_by", 1, 1000).map(|n| n as usize).unwrap_or(10),
        finder: read_finder(&f),
        search: read_search(&f),
        extra: f.value("extra").cloned().unwrap_or(Value::Object(Default::default())),
        map: read_map(&f),
        share: crate::share::settings::read_share(&f),
        wechat: crate::share::settings::read_wechat(&f),
        brochure: crate::share::settings::read_brochure(&f),
        images: crate::photos::settings::read_images(&f),
        markdown: read_markdown(&f),
        staff: super::staff_settings::read(&f),
        url_policy,
        languages: languages?,
    };
    if config.title.is_none() {
        f.warn("title", "the site has no `title`", Some("add `title: {zh: 白银市投资促进网, en: Invest in Baiyin}`"));
    }
    Some(config)
}

fn read_languages(f: &Fields) -> Option<Vec<String>> {
    if !f.has("languages") {
        return Some(vec!["zh".into(), "en".into()]);
    }
    let langs = f.list("languages");
    let mut ok = true;
    for l in &langs {
        let valid = !l.is_empty()
            && l.len() <= 8
            && l.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            && !l.starts_with('-');
        if !valid {
            f.error(
                "languages",
                format!("\"{l}\" is not a language code"),
                Some("use short lowercase codes, e.g. [zh, en, ru]"),
            );
            ok = false;
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for l in &langs {
        if !seen.insert(l) {
            f.error("languages", format!("language \"{l}\" is listed twice"), None);
            ok = false;
        }
    }
    if langs.is_empty() {
        f.error(
            "languages",
            "at least one language is needed",
            Some("e.g. languages: [zh, en] — the default language first"),
        );
        ok = false;
    }
    ok.then_some(langs)
}

fn read_base_url(f: &Fields) -> String {
    let url = f.text("base_url").unwrap_or_else(|| "/".into());
    let url = url.trim_end_matches('/').to_string();
    if !url.is_empty()
        && let Err(e) = check_base_url(&url)
    {
        f.error("base_url", e, Some("write it like https://invest.baiyin.gov.cn"));
    }
    url
}

/// `base_url` and `--base-url`: an absolute http(s) address with a host, nothing that could
/// break out of the attributes and scripts it is written into.
pub fn check_base_url(url: &str) -> Result<(), String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    let bad_char =
        url.chars().find(|c| c.is_control() || c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\'));
    match (host, bad_char) {
        (Some(h), None) if !h.is_empty() && !url.contains(['?', '#']) => Ok(()),
        (_, Some(c)) => Err(format!("\"{}\" is not a web address: it contains {c:?}", url.escape_debug())),
        _ => Err(format!("\"{url}\" is not a web address: it must start with https:// or http:// and name a host")),
    }
}

/// `url_schemes: [weixin]` — schemes allowed in addresses besides http(s), mailto and tel.
fn read_url_schemes(f: &Fields) -> crate::url_policy::UrlPolicy {
    let mut extra = Vec::new();
    for s in f.list("url_schemes") {
        match crate::url_policy::UrlPolicy::check_extra_scheme(&s) {
            Ok(()) => extra.push(s),
            Err(e) => f.error("url_schemes", e, Some("e.g. url_schemes: [weixin] — written without the colon")),
        }
    }
    crate::url_policy::UrlPolicy::with_extra(&extra)
}

/// `markdown: {trusted_html: false, embed_hosts: [v.qq.com]}`.
fn read_markdown(f: &Fields) -> MarkdownSettings {
    let Some(m) = f.nested("markdown") else { return MarkdownSettings::default() };
    m.check_unknown(&["trusted_html", "embed_hosts"]);
    let mut hosts = Vec::new();
    for h in m.list("embed_hosts") {
        let host = h.trim().to_ascii_lowercase();
        let valid = !host.is_empty()
            && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
            && !host.starts_with('.');
        if valid {
            hosts.push(host);
        } else {
            m.error(
                "embed_hosts",
                format!("\"{h}\" is not a host name"),
                Some("list host names only, e.g. embed_hosts: [v.qq.com, player.bilibili.com]"),
            );
        }
    }
    MarkdownSettings { trusted_html: m.bool("trusted_html"), embed_hosts: hosts }
}

fn read_contact(f: &Fields) -> SiteContact {
    let Some(c) = f.nested("contact") else { return SiteContact::default() };
    c.check_unknown(&["org", "address", "phone", "email", "wechat"]);
    SiteContact {
        org: c.lang_text("org"),
        address: c.lang_text("address"),
        phone: crate::domain::checked_contact(&c, "phone", crate::domain::check_phone),
        email: crate::domain::checked_contact(&c, "email", crate::domain::check_email),
        wechat: c.text("wechat"),
    }
}

fn read_pool(f: &Fields) -> PoolSettings {
    let mut s = PoolSettings::default();
    let Some(p) = f.nested("pool") else { return s };
    p.check_unknown(&["weights", "admit_ratio", "min_score", "trim_from"]);
    s.line = Some(f.line_of("pool"));
    if let Some(w) = p.nested("weights") {
        w.check_unknown(&["market", "value", "tech"]);
        for (key, slot) in [("market", &mut s.w_market), ("value", &mut s.w_value), ("tech", &mut s.w_tech)] {
            match w.text(key) {
                Some(t) => *slot = t,
                None => {
                    w.error(
                        key,
                        format!("weight `{key}` is missing"),
                        Some("give all three: weights: {market: 0.4, value: 0.3, tech: 0.3}"),
                    );
                }
            }
        }
    }
    if let Some(t) = p.text("admit_ratio") {
        s.admit_ratio = t;
    }
    if let Some(t) = p.text("min_score") {
        s.min_score = t;
    }
    if let Some(n) = p.integer_in("trim_from", 0, 1000) {
        s.trim_from = n as usize;
    }
    s
}

fn read_finder(f: &Fields) -> FinderSettings {
    let Some(s) = f.nested("finder") else { return FinderSettings::default() };
    s.check_unknown(&["investment_bands", "shard_above_kb"]);
    let shard_above_kb = s.integer_in("shard_above_kb", 0, 1_000_000).map_or(SHARD_ABOVE_KB, |n| n as usize);
    if !s.has("investment_bands") {
        return FinderSettings { shard_above_kb, ..FinderSettings::default() };
    }
    const HELP: &str =
        "list the limits between bands in yuan, smallest first, e.g. investment_bands: [1亿元, 5亿元, 10亿元]";
    let mut limits = Vec::new();
    for text in s.list("investment_bands") {
        match crate::units::parse_amount(&text) {
            Ok(a) if a.currency != crate::units::Currency::Cny => {
                s.error(
                    "investment_bands",
                    format!("\"{text}\" is not in yuan: bands are compared in CNY"),
                    Some(HELP),
                );
            }
            Ok(a) if a.value <= Decimal::ZERO => {
                s.error("investment_bands", format!("\"{text}\": a band limit must be above zero"), Some(HELP));
            }
            Ok(a) => {
                if let Some(prev) = limits.last().filter(|p| **p >= a.value) {
                    let prev_text =
                        crate::units::Amount { value: *prev, currency: crate::units::Currency::Cny }.format("zh");
                    s.error(
                        "investment_bands",
                        format!("\"{text}\" is not larger than the limit before it ({prev_text})"),
                        Some(HELP),
                    );
                } else {
                    limits.push(a.value);
                }
            }
            Err(e) => s.error("investment_bands", e, Some(HELP)),
        }
    }
    FinderSettings { investment_bands: limits, shard_above_kb }
}

fn read_currency(f: &Fields) -> Option<Currency> {
    let c = f.nested("currency")?;
    c.check_unknown(&["usd_rate", "as_of"]);
    let usd_rate = c.number("usd_rate").filter(|r| {
        let ok = *r > Decimal::ZERO;
        if !ok {
            c.error("usd_rate", "the rate must be above zero", Some("yuan per US dollar, e.g. usd_rate: 7.1"));
        }
        ok
    })?;
    let as_of = c
        .text("as_of")
        .and_then(|s| YearMonth::parse(&s).map_err(|e| c.error("as_of", e, Some("e.g. as_of: 2026-10"))).ok());
    Some(Currency { usd_rate, as_of })
}

fn read_map(f: &Fields) -> MapSettings {
    let Some(m) = f.nested("map") else { return MapSettings::default() };
    m.check_unknown(&["outlines", "approval", "note"]);
    let outlines = m.list("outlines");
    for path in &outlines {
        let under_data = path.starts_with("data/") && !path.split('/').any(|part| part == "..");
        if !under_data || !(path.ends_with(".geojson") || path.ends_with(".json")) {
            m.error(
                "outlines",
                format!("\"{path}\" is not a GeoJSON file under data/"),
                Some("e.g. outlines: data/baiyin.geojson"),
            );
        }
    }
    MapSettings { outlines, approval: m.text("approval"), note: m.lang_text("note"), line: Some(m.line_of("outlines")) }
}

/// `search: false`, or `search: {enabled: …, text_chars: …}`.
fn read_search(f: &Fields) -> SearchSettings {
    let mut s = SearchSettings::default();
    if let Some(Value::Bool(b)) = f.value("search") {
        s.enabled = *b;
        return s;
    }
    let Some(n) = f.nested("search") else { return s };
    n.check_unknown(&["enabled", "text_chars", "shard_above_kb"]);
    if n.has("enabled") {
        s.enabled = n.bool("enabled");
    }
    if let Some(c) = n.integer_in("text_chars", 0, 100_000) {
        s.text_chars = c as usize;
    }
    if let Some(kb) = n.integer_in("shard_above_kb", 0, 1_000_000) {
        s.shard_above_kb = kb as usize;
    }
    s
}

fn read_nav(f: &Fields, policy: &crate::url_policy::UrlPolicy) -> Vec<NavItem> {
    let Some(items) = f.value("nav") else { return Vec::new() };
    let Some(items) = items.as_array() else {
        f.error(
            "nav",
            "must be a list of menu entries",
            Some("e.g. nav: [{name: {zh: 招商项目, en: Projects}, url: /projects/}]"),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let name = item.get("name").and_then(LangText::from_value).unwrap_or_default();
        let url = item.get("url").and_then(Value::as_str).map(str::to_string);
        match (name.is_none(), url) {
            (false, Some(url)) => match policy.check(&url) {
                Ok(()) => out.push(NavItem { name, url }),
                Err(e) => f.error("nav", format!("menu entry `{}`: {e}", url.escape_debug()), None),
            },
            _ => {
                f.error("nav", format!("menu entry {} needs a `name` and a `url`", super::fields::compact(item)), None)
            }
        }
    }
    out
}

/// The built-in theme's name.
pub const DEFAULT_THEME: &str = "default";

/// `theme:` in site.yaml: the name of a folder under themes/, never a path, so a theme is
/// always read from inside the site folder.
fn read_theme_name(f: &Fields) -> String {
    let Some(name) = f.text("theme") else { return DEFAULT_THEME.to_string() };
    if is_plain_name(&name) {
        return name;
    }
    f.error(
        "theme",
        format!(
            "\"{}\" is not a theme name: a theme is a folder under themes/, named without a path",
            name.escape_debug()
        ),
        Some("write `theme: mytheme` for the folder themes/mytheme/, or remove `theme:` to use the built-in theme"),
    );
    DEFAULT_THEME.to_string()
}

/// Letters, digits, `-`, `_` and `.`, not starting with a dot: no separator, no `..`, no
/// drive letter, nothing hidden.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_languages_default_first_and_prefixes() {
        let d = Diagnostics::new();
        let c = parse("title: {zh: 白银, en: Baiyin}\nbase_url: https://x.cn/invest/\nlanguages: [zh, en, ru]\n", &d)
            .unwrap();
        assert_eq!(c.default_lang(), "zh");
        assert_eq!(c.lang_prefix("zh"), "");
        assert_eq!(c.lang_prefix("ru"), "/ru");
        assert_eq!(c.base_path(), "/invest");
        assert_eq!(c.host_url(), "https://x.cn");
        assert!(!d.has_errors());
    }

    #[test]
    fn reports_every_problem_at_once() {
        let d = Diagnostics::new();
        let c = parse("languages: [zh, EN, zh]\nbase_url: invest.cn\npaginate_by: 0\ntitel: x\n", &d);
        assert!(c.is_none());
        let all = d.into_vec();
        let text: Vec<String> = all.iter().map(|d| d.to_string()).collect();
        assert!(text.iter().any(|t| t.contains("\"EN\" is not a language code")), "{text:?}");
        assert!(text.iter().any(|t| t.contains("listed twice")));
        assert!(text.iter().any(|t| t.contains("did you mean `title`")));
    }

    #[test]
    fn investment_bands_default_and_written() {
        let d = Diagnostics::new();
        let c = parse("title: x\n", &d).unwrap();
        let yi = Decimal::from(100_000_000);
        assert_eq!(c.finder.investment_bands, vec![yi, yi * Decimal::from(5), yi * Decimal::from(10)]);
        let c = parse("title: x\nfinder: {investment_bands: [5000万元, 2亿元, CNY 1 billion]}\n", &d).unwrap();
        assert_eq!(
            c.finder.investment_bands,
            vec![Decimal::from(50_000_000), yi * Decimal::from(2), yi * Decimal::from(10)]
        );
        let c = parse("title: x\nfinder: {investment_bands: []}\n", &d).unwrap();
        assert!(c.finder.investment_bands.is_empty());
        assert!(!d.has_errors());
    }

    #[test]
    fn bad_investment_bands_are_located_errors() {
        let d = Diagnostics::new();
        parse("title: x\nfinder:\n  investment_bands: [5亿元, 1亿元, 12.5, USD 1 million, 0元]\n", &d);
        let all = d.into_vec();
        let text: Vec<String> = all.iter().map(|d| d.to_string()).collect();
        assert_eq!(all.len(), 4, "{text:?}");
        for d in &all {
            assert_eq!(d.file.as_deref(), Some("site.yaml"));
            assert_eq!(d.line, Some(3), "{d}");
            assert_eq!(d.field.as_deref(), Some("finder.investment_bands"));
        }
        for expected in [
            "\"1亿元\" is not larger than the limit before it (5亿元)",
            "\"12.5\" has no unit",
            "\"USD 1 million\" is not in yuan",
            "\"0元\": a band limit must be above zero",
        ] {
            assert!(text.iter().any(|t| t.contains(expected)), "{expected}: {text:?}");
        }
    }

    #[test]
    fn syntax_error_names_the_line() {
        let d = Diagnostics::new();
        assert!(parse("title: x\nlanguages: [zh, en\n", &d).is_none());
        let all = d.into_vec();
        assert_eq!(all[0].file.as_deref(), Some("site.yaml"));
        assert!(all[0].line.is_some());
    }
}
