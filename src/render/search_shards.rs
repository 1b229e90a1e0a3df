//! The search index of a large site, in parts (when the whole index would be larger than
//! `search.shard_above_kb`): a phone then downloads a small manifest, the token parts its
//! query needs and the page parts of the results it shows, instead of megabytes.
//!
//! - `search/index.<lang>.js`, the manifest (the file small sites get whole), assigns
//!   `window.investsiteSearch = {v: 2, lang, sections, n, per, base, t, p}`: the number of
//!   pages, pages per page part, the parts' common name start and each part's fingerprint.
//! - `index.<lang>.t<i>.<hash>.js`, a token part: every token that hashes to `i` (FNV-1a over
//!   the code points of a Chinese, Japanese or Korean token, of the first two characters of a
//!   Latin word or number, as search.js does), so a word being typed finds all the words it
//!   starts in one part; and for each Chinese (Japanese, Korean) character hashing to `i`,
//!   the pages of all tokens holding it with their best score, for one-character queries.
//! - `index.<lang>.p<i>.<hash>.js`, a page part: pages `i * per` to `i * per + per - 1`.
//!
//! Parts call `window.investsiteSearchPart(kind, i, data)`, which search.js defines before
//! adding their `<script>` tags (so this works from `file://`, where `fetch` is refused).
//! Their names carry their content's fingerprint, so a cached old part never meets a new
//! manifest, and an unchanged part keeps its name (and file) across builds.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Value, json};

use super::context::{Cx, OutFile, short_hash};
use super::search_postings::{GLOBAL, Parts, encode_posting};
use crate::text::cjk::is_unspaced_script;

/// About how many bytes of postings go into one token part: a sixteenth of the limit above
/// which an index is split, at most 12 KB (a query of three words loads three parts; with the
/// characters' pages beside the tokens', parts come out about half as large again).
fn token_part_bytes(limit: usize) -> usize {
    (limit / 16).clamp(256, 12 * 1024)
}

/// About how many bytes of page data go into one page part: a thirty-second of the limit, at
/// most 6 KB (a page of 20 results can touch 20 parts).
fn page_part_bytes(limit: usize) -> usize {
    (limit / 32).clamp(256, 6 * 1024)
}

/// The function parts call; search.js defines it.
const REGISTER: &str = "investsiteSearchPart";

/// The token part of `token` among `n` (search.js has the same function): by the whole token
/// for Chinese (Japanese, Korean) tokens, by the first two characters for the others, so that
/// a word being typed finds every word it starts in one part.
pub fn part_of(token: &str, n: usize) -> usize {
    let key: Vec<char> = match token.chars().next() {
        Some(c) if is_unspaced_script(c) => token.chars().collect(),
        _ => token.chars().take(2).collect(),
    };
    let mut h: u32 = 0x811c9dc5;
    for c in key {
        h ^= c as u32;
        h = h.wrapping_mul(16_777_619);
    }
    (h as usize) % n.max(1)
}

/// The manifest (at `path`, first) and every part.
pub fn files(cx: &Cx, path: &str, parts: &Parts) -> Vec<OutFile> {
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    let file = path.rsplit_once('/').map_or(path, |(_, f)| f);
    let base = format!("{}.", file.trim_end_matches(".js"));
    let name = |kind: &str, i: usize, hash: &str| {
        let f = format!("{base}{kind}{i}.{hash}.js");
        if dir.is_empty() { f } else { format!("{dir}/{f}") }
    };
    let limit = cx.site.config.search.shard_above_kb.saturating_mul(1024);
    let mut out = Vec::new();
    let mut token_hashes = Vec::new();
    for (i, bytes) in token_parts(parts, token_part_bytes(limit)).into_iter().enumerate() {
        let hash = short_hash(&bytes);
        out.push(OutFile { path: name("t", i, &hash), bytes });
        token_hashes.push(hash);
    }
    let (per, chunks) = page_parts(parts, page_part_bytes(limit));
    let mut page_hashes = Vec::new();
    for (i, bytes) in chunks.into_iter().enumerate() {
        let hash = short_hash(&bytes);
        out.push(OutFile { path: name("p", i, &hash), bytes });
        page_hashes.push(hash);
    }
    let manifest = json!({
        "v": 2,
        "lang": cx.lang,
        "sections": parts.sections,
        "n": parts.pages.len(),
        "per": per,
        "base": base,
        "t": token_hashes,
        "p": page_hashes,
    });
    let bytes = format!("window.{GLOBAL}={};\n", crate::sanitize::json_for_script(&manifest)).into_bytes();
    out.insert(0, OutFile { path: path.to_string(), bytes });
    out
}

fn part_script(kind: &str, i: usize, data: &Value) -> Vec<u8> {
    format!("window.{REGISTER}(\"{kind}\",{i},{});\n", crate::sanitize::json_for_script(data)).into_bytes()
}

/// The token parts' scripts, in order.
fn token_parts(parts: &Parts, part_bytes: usize) -> Vec<Vec<u8>> {
    let n_pages = parts.pages.len();
    let encoded: Vec<(&String, String, String)> =
        parts.postings.iter().map(|(t, p)| (t, encode_posting(p, n_pages))).map(|(t, (a, b))| (t, a, b)).collect();
    let total: usize = encoded.iter().map(|(t, a, b)| t.len() + a.len() + b.len() + 3).sum();
    let n = total.div_ceil(part_bytes).max(1);
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, (token, _, _)) in encoded.iter().enumerate() {
        groups[part_of(token, n)].push(k);
    }
    let chars = char_postings(parts);
    let mut char_groups: Vec<Vec<(&char, (String, String))>> = vec![Vec::new(); n];
    for (c, posting) in &chars {
        char_groups[part_of(&c.to_string(), n)].push((c, encode_posting(posting, n_pages)));
    }
    groups
        .into_iter()
        .zip(char_groups)
        .enumerate()
        .map(|(i, (keys, chars))| {
            let tokens: Vec<&str> = keys.iter().map(|k| encoded[*k].0.as_str()).collect();
            let sets: Vec<&str> = keys.iter().map(|k| encoded[*k].1.as_str()).collect();
            let scores: Vec<&str> = keys.iter().map(|k| encoded[*k].2.as_str()).collect();
            let data = json!({
                "tokens": tokens.join(" "),
                "postings": sets.join(","),
                "scores": scores.join(","),
                "chars": chars.iter().map(|(c, _)| c.to_string()).collect::<Vec<_>>().join(" "),
                "charPostings": chars.iter().map(|(_, (a, _))| a.as_str()).collect::<Vec<_>>().join(","),
                "charScores": chars.iter().map(|(_, (_, b))| b.as_str()).collect::<Vec<_>>().join(","),
            });
            part_script("t", i, &data)
        })
        .collect()
}

/// For each Chinese (Japanese, Korean) character, the pages of every token holding it and
/// the best score among them: what search.js makes of a one-character query from the
/// whole index.
fn char_postings(parts: &Parts) -> BTreeMap<char, Vec<(u32, u8)>> {
    let mut by_char: HashMap<char, HashMap<u32, u8>> = HashMap::new();
    for (token, posting) in &parts.postings {
        if !token.chars().next().is_some_and(is_unspaced_script) {
            continue;
        }
        let mut seen: Vec<char> = token.chars().collect();
        seen.dedup();
        for c in seen {
            let pages = by_char.entry(c).or_default();
            for &(id, s) in posting {
                let best = pages.entry(id).or_insert(s);
                *best = (*best).max(s);
            }
        }
    }
    by_char
        .into_iter()
        .map(|(c, pages)| {
            let mut v: Vec<(u32, u8)> = pages.into_iter().collect();
            v.sort_unstable();
            (c, v)
        })
        .collect()
}

/// Pages per page part, and the parts' scripts.
fn page_parts(parts: &Parts, part_bytes: usize) -> (usize, Vec<Vec<u8>>) {
    let sizes: usize = parts.pages.iter().map(|p| p.to_string().len() + 1).sum();
    let avg = (sizes / parts.pages.len().max(1)).max(1);
    let per = (part_bytes / avg).max(1);
    let chunks = parts.pages.chunks(per).enumerate().map(|(i, pages)| part_script("p", i, &json!(pages))).collect();
    (per, chunks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_go_by_their_first_two_characters_and_chinese_by_the_first() {
        assert_eq!(part_of("copper", 64), part_of("co", 64));
        assert_ne!(part_of("铜箔", 64), part_of("铜", 64), "pairs go by the whole pair");
        assert_eq!(part_of("anything", 1), 0);
    }
}
