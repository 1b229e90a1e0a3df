//! Site search: one index per language, built here and searched in the reader's browser by
//! the theme's `static/js/search.js`.
//!
//! Text is cut into tokens the same way on both sides (`tokens` here, `tokenize` in
//! search.js; a test runs both on the same strings): Latin letters and digits make words,
//! lowercased, without a few English stop words; Chinese (and Japanese, Korean) text has no
//! spaces, so each run of such characters becomes its overlapping character pairs (白银市 →
//! 白银, 银市), a one-character run itself. A query matches a page when all its tokens occur in
//! the page's title, facts or text, which finds every page holding a word of two or more
//! characters without a dictionary.
//!
//! The index is a JavaScript file (`search/index.<lang>.js`, next to the search page) that
//! assigns `window.investsiteSearch`, so the page loads it with a `<script>` tag even from
//! `file://`, where `fetch` is refused. It holds, per page, the address, title, section,
//! facts and the start of the text (`search.text_chars`, for snippets), and per token the set
//! of pages containing it with its score on each, packed into short strings
//! (`search_postings.rs`): results are ranked from the postings alone. Above
//! `search.shard_above_kb` the index is written in parts instead (`search_shards.rs`).

use crate::text::cjk::{fold_width, is_unspaced_script};
use std::collections::BTreeMap;

use serde_json::json;

use super::context::{Cx, OutFile, is_published, short_hash};
use super::facts;
use super::model::SearchScripts;
pub use super::search_postings::GLOBAL;
use super::search_postings::{Parts, encode_posting};
use crate::resolve::{Generated, Kind, Page};

/// English words too common to narrow a search; dropped from pages and queries alike
/// (search.js has the same list).
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or", "the", "to",
    "with",
];

/// The tokens of `text`, in order, repeats kept.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut run: Vec<char> = Vec::new();
    for c in text.chars().map(fold_width) {
        if is_unspaced_script(c) {
            push_word(&mut word, &mut out);
            run.push(c);
        } else if c.is_alphanumeric() {
            push_run(&mut run, &mut out);
            word.push(c);
        } else {
            push_word(&mut word, &mut out);
            push_run(&mut run, &mut out);
        }
    }
    push_word(&mut word, &mut out);
    push_run(&mut run, &mut out);
    out
}

fn push_word(word: &mut String, out: &mut Vec<String>) {
    if word.is_empty() {
        return;
    }
    let lower = word.to_lowercase();
    if !STOP_WORDS.contains(&lower.as_str()) {
        out.push(lower);
    }
    word.clear();
}

fn push_run(run: &mut Vec<char>, out: &mut Vec<String>) {
    match run.len() {
        0 => {}
        1 => out.push(run[0].to_string()),
        _ => out.extend(run.windows(2).map(|w| w.iter().collect::<String>())),
    }
    run.clear();
}

/// One searchable page in one language.
pub(super) struct Doc {
    /// Address below the language's root, without a leading slash (`projects/copper-foil/`).
    path: String,
    title: String,
    section: String,
    /// Names that describe the page (chain, region, park, issuer, institution, tags …).
    facts: String,
    /// The whole plain text; only its start is stored in the index.
    text: String,
    /// The language of title and text where it is not the index's (an untranslated page).
    lang: Option<String>,
}

/// The index files of one language (the index, or the manifest first and then its parts)
/// and the fingerprint for the first one's address.
pub struct Index {
    pub files: Vec<OutFile>,
    pub version: String,
}

/// Where the index of `lang` is written, relative to the output folder.
pub fn index_path(cx: &Cx) -> Option<String> {
    let page = cx.site.page("search")?;
    Some(format!("{}index.{}.js", page.version(cx.lang).path.trim_start_matches('/'), cx.lang))
}

/// The index of every page published in the reader's language, or None without a search page.
pub fn build_index(cx: &Cx) -> Option<Index> {
    let path = index_path(cx)?;
    let docs = collect_docs(cx);
    let parts = collect_parts(cx, &docs);
    let bytes = encode_index(cx, &parts);
    let limit = cx.site.config.search.shard_above_kb.saturating_mul(1024);
    let files = if bytes.len() > limit {
        super::search_shards::files(cx, &path, &parts)
    } else {
        vec![OutFile { path, bytes }]
    };
    Some(Index { version: short_hash(&files[0].bytes), files })
}

fn collect_docs(cx: &Cx) -> Vec<Doc> {
    let prefix = format!("{}/", cx.site.config.lang_prefix(cx.lang));
    cx.site
        .pages
        .iter()
        .filter(|p| {
            is_published(cx.site, p) && !matches!(p.kind, Kind::PoolReport | Kind::Search | Kind::TranslationStatus)
        })
        .map(|page| {
            let path = page.version(cx.lang).path.strip_prefix(&prefix).unwrap_or_default().to_string();
            Doc {
                path,
                title: title(cx, page),
                section: section(cx, page),
                facts: facts(cx, page),
                text: text(cx, page),
                lang: page.generated.is_none().then(|| cx.page_lang(page)).flatten(),
            }
        })
        .collect()
}

fn title(cx: &Cx, page: &Page) -> String {
    match &page.generated {
        Some(Generated::PoolIndustry(id)) => {
            let name = cx.site.env.chain(id).map(|c| cx.text(&c.name)).unwrap_or_else(|| id.clone());
            cx.tf("pool.industry_title", &[("industry", &name)])
        }
        _ => cx.title(page),
    }
}

/// The title of the section listing the page; none for the home page's direct children.
fn section(cx: &Cx, page: &Page) -> String {
    match page.parent.as_deref().and_then(|k| cx.site.page(k)) {
        Some(parent) if parent.kind != Kind::Home => cx.title(parent),
        _ => String::new(),
    }
}

/// Facts worth finding a page by: names, not amounts or dates (their digits would match
/// unrelated queries for years and numbers).
const FACT_KEYS: &[&str] = &[
    "code",
    "chain",
    "segment",
    "region",
    "park",
    "cooperation",
    "stage",
    "issuer",
    "doc_number",
    "categories",
    "applies_to",
    "chains",
    "institution",
    "industry",
    "kind",
    "ip",
    "transfer",
    "place",
    "event_kind",
    "organiser",
];

fn facts(cx: &Cx, page: &Page) -> String {
    let mut parts: Vec<String> = facts::page_facts(cx, page)
        .into_iter()
        .filter(|f| FACT_KEYS.contains(&f.key))
        .map(|f| f.value)
        // "applies to every chain and region" would make every such policy match 全部 / all.
        .filter(|v| *v != cx.t("applies.all"))
        .collect();
    parts.extend(page.version(cx.lang).texts.tags.iter().cloned());
    if let Some(org) = facts::contact(cx, page).and_then(|c| c.org) {
        parts.push(org);
    }
    if let Some(Generated::Chain(id)) = &page.generated {
        for seg in cx.site.env.chain(id).map(|c| c.segments.as_slice()).unwrap_or_default() {
            parts.push(cx.text(&seg.name));
            parts.extend(seg.subchains.iter().map(|(_, name)| cx.text(name)));
            parts.extend(seg.enterprises.iter().map(|e| cx.text(e)));
        }
    }
    if let Some(c) = super::labels::chamber_of(cx, page) {
        parts.push(cx.t(&format!("chamber_kind.{}", c.kind)));
        parts.extend([cx.text(&c.city), cx.text(&c.country)]);
        parts.extend(c.officers.iter().map(|o| cx.text(&o.name)));
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" · ")
}

/// The page's own text: its Markdown, or for pages made from data their description.
fn text(cx: &Cx, page: &Page) -> String {
    if let Some(body) = cx.site.by_key.get(&page.key).and_then(|i| cx.bodies.get(&(*i, cx.lang.to_string()))) {
        return body.text.clone();
    }
    match &page.generated {
        Some(Generated::Chain(id)) => cx.site.env.chain(id).map(|c| cx.text(&c.description)),
        Some(Generated::Region(id)) => cx.site.env.region(id).map(|r| cx.text(&r.summary)),
        _ => None,
    }
    .unwrap_or_default()
}

/// The first `max` characters of a text on one line, blocks (headings, paragraphs) apart.
fn text_start(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", flat[..cut].trim_end()),
        None => flat,
    }
}

/// How much a token weighs on a page, 0–27, one `DIGITS` character: 16 when it is a token of
/// the title, 6 when of the facts, plus how often it occurs in the stored text start (at most
/// 5). Computed here once so that a reader's browser ranks results from the postings alone,
/// without the pages' text (which a large site's search page loads only for the results it
/// shows).
fn score(in_title: bool, in_facts: bool, in_text: usize) -> u8 {
    16 * u8::from(in_title) + 6 * u8::from(in_facts) + in_text.min(5) as u8
}

pub(super) fn collect_parts(cx: &Cx, docs: &[Doc]) -> Parts {
    let mut sections: Vec<String> = Vec::new();
    let mut pages = Vec::with_capacity(docs.len());
    let mut postings: BTreeMap<String, Vec<(u32, u8)>> = BTreeMap::new();
    let text_chars = cx.site.config.search.text_chars;
    for (id, doc) in docs.iter().enumerate() {
        let section = if doc.section.is_empty() {
            -1
        } else {
            match sections.iter().position(|s| *s == doc.section) {
                Some(i) => i as i64,
                None => {
                    sections.push(doc.section.clone());
                    sections.len() as i64 - 1
                }
            }
        };
        let stored = text_start(&doc.text, text_chars);
        let title: std::collections::HashSet<String> = tokens(&doc.title).into_iter().collect();
        let facts: std::collections::HashSet<String> = tokens(&doc.facts).into_iter().collect();
        let mut in_text: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for t in tokens(&stored) {
            *in_text.entry(t).or_default() += 1;
        }
        let mut page = json!([doc.path, doc.title, section, doc.facts, stored]);
        if let (Some(lang), Some(fields)) = (&doc.lang, page.as_array_mut()) {
            fields.push(json!(lang));
        }
        pages.push(page);
        for field in [&doc.title, &doc.facts, &doc.text] {
            for token in tokens(field) {
                let weight = score(
                    title.contains(&token),
                    facts.contains(&token),
                    in_text.get(&token).copied().unwrap_or_default(),
                );
                let ids = postings.entry(token).or_default();
                if ids.last().map(|(i, _)| *i) != Some(id as u32) {
                    ids.push((id as u32, weight));
                }
            }
        }
    }
    Parts { sections, pages, postings }
}
/// The whole index as one script: `pages` and `sections` as in [`Parts`]; tokens joined by
/// spaces (a token never holds one), their page sets (see [`encode_ids`]) joined by commas in
/// the same order, and their scores on those pages, one `DIGITS` character each, likewise.
fn encode_index(cx: &Cx, parts: &Parts) -> Vec<u8> {
    let n = parts.pages.len();
    let token_list = parts.postings.keys().map(String::as_str).collect::<Vec<_>>().join(" ");
    let (sets, scores): (Vec<String>, Vec<String>) = parts.postings.values().map(|p| encode_posting(p, n)).unzip();
    let (sets, scores) = (sets.join(","), scores.join(","));
    let index = json!({
        "v": 1,
        "lang": cx.lang,
        "sections": parts.sections,
        "pages": parts.pages,
        "tokens": token_list,
        "postings": sets,
        "scores": scores,
    });
    format!("window.{GLOBAL}={};\n", crate::sanitize::json_for_script(&index)).into_bytes()
}

/// `search` in the search page's context: the index and script addresses, relative so the
/// page works from `file://` too, and the language root the index's paths start from.
pub fn scripts(cx: &Cx, page: &Page) -> Option<SearchScripts> {
    if page.kind != Kind::Search {
        return None;
    }
    let path = &page.version(cx.lang).path;
    let up = "../".repeat(path.trim_matches('/').split('/').filter(|s| !s.is_empty()).count());
    let index = format!("index.{}.js?v={}", cx.lang, cx.search_version.as_deref().unwrap_or(""));
    let script_version = cx.static_version("js/search.js");
    let script = match script_version {
        Some(v) => format!("{up}js/search.js?v={v}"),
        None => format!("{up}js/search.js"),
    };
    Some(SearchScripts {
        index_src: index,
        script_src: script,
        root: "../",
        count_forms: cx.count_forms("search.count"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<String> {
        tokens(s)
    }

    #[test]
    fn chinese_runs_become_overlapping_pairs() {
        assert_eq!(t("白银市"), ["白银", "银市"]);
        assert_eq!(t("电解铜箔项目"), ["电解", "解铜", "铜箔", "箔项", "项目"]);
    }

    #[test]
    fn a_single_character_run_is_kept_whole() {
        assert_eq!(t("铜，锌"), ["铜", "锌"]);
    }

    #[test]
    fn latin_words_are_lowercased_and_stop_words_dropped() {
        assert_eq!(t("The Copper-Foil project of Baiyin"), ["copper", "foil", "project", "baiyin"]);
    }

    #[test]
    fn mixed_text_splits_at_script_changes() {
        assert_eq!(t("年产5万吨PCB铜箔"), ["年产", "5", "万吨", "pcb", "铜箔"]);
        assert_eq!(t("锂电 battery"), ["锂电", "battery"]);
    }

    #[test]
    fn full_width_letters_and_digits_are_folded() {
        assert_eq!(t("ＰＣＢ板１２层"), ["pcb", "板", "12", "层"]);
    }

    #[test]
    fn punctuation_separates_tokens() {
        assert_eq!(t("“引大引强”！12.5亿元"), ["引大", "大引", "引强", "12", "5", "亿元"]);
    }

    #[test]
    fn stored_text_keeps_blocks_apart_and_is_cut_at_a_character_count() {
        assert_eq!(text_start("用地支持\n第一条  工业用地", 100), "用地支持 第一条 工业用地");
        assert_eq!(text_start("用地支持\n第一条", 6), "用地支持 第…");
        assert_eq!(text_start("用地支持", 0), "…");
        assert_eq!(text_start("", 0), "");
    }
}
