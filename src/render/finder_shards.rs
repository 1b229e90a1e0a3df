//! A large finder's data in parts (when the whole `finder-data.js` would be larger than
//! `finder.shard_above_kb`), so that a phone shows the first cards of the list after a small
//! download and fetches the rest only when the reader filters, sorts or asks for more.
//!
//! - `finder-data.js` assigns `window.investsiteFinder = {section, lang, total, current,
//!   first, counts, parts}`: how many items and how many current ones; `first`, the cards of
//!   the list as it opens (current items first, then the others, in the section's order; as
//!   many as the finder shows at once); `counts`, per facet and value, the items matching it
//!   (current ones and all; value `*` for items that match every value), so the count is
//!   right for one filter before the parts arrive; `parts`, the parts' file names.
//! - `finder-data.<i>.<hash>.js` calls `window.investsiteFinderPart(i, items)`: the items in
//!   the section's order, about `part_bytes` per part. The name carries the part's
//!   fingerprint, so a cached old part never meets a new summary.
//!
//! `js/finder.js` adds the parts' `<script>` tags itself (from `file://` too, where `fetch`
//! is refused).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::context::short_hash;

/// Name of the data file, next to the list's `index.html`.
pub const DATA_FILE: &str = "finder-data.js";
/// The global the data file assigns and `js/finder.js` reads.
pub const GLOBAL: &str = "investsiteFinder";

/// About how many bytes of items go into one part: half the limit above which the data is
/// split, at most 96 KB.
fn part_bytes(limit: usize) -> usize {
    (limit / 2).clamp(1024, 96 * 1024)
}
/// Cards the finder shows at once (`STEP` in finder.js).
const FIRST: usize = 24;

/// The summary (named `DATA_FILE`, first) and the parts, as names beside the list page and
/// their text.
pub fn files(section: &str, lang: &str, items: Vec<Value>, limit: usize) -> Vec<(String, String)> {
    let current = |item: &Value| item["current"].as_bool().unwrap_or(true);
    let mut first: Vec<&Value> = items.iter().filter(|i| current(i)).take(FIRST).collect();
    first.extend(items.iter().filter(|i| !current(i)).take(FIRST - first.len()));
    let mut parts = Vec::new();
    let mut names = Vec::new();
    for (i, chunk) in chunks(&items, part_bytes(limit)).into_iter().enumerate() {
        let text = format!(
            "window.investsiteFinderPart({i},{});\n",
            crate::sanitize::json_for_script(&Value::Array(chunk.to_vec()))
        );
        let name = format!("{}.{i}.{}.js", DATA_FILE.trim_end_matches(".js"), short_hash(text.as_bytes()));
        names.push(name.clone());
        parts.push((name, text));
    }
    let summary = json!({
        "section": section,
        "lang": lang,
        "total": items.len(),
        "current": items.iter().filter(|i| current(i)).count(),
        "first": first,
        "counts": counts(&items),
        "parts": names,
    });
    let text = format!("window.{GLOBAL} = {};\n", crate::sanitize::json_for_script(&summary));
    std::iter::once((DATA_FILE.to_string(), text)).chain(parts).collect()
}

/// The items cut into runs of about `PART_BYTES`.
fn chunks(items: &[Value], part_bytes: usize) -> Vec<&[Value]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        bytes += item.to_string().len();
        if bytes >= part_bytes {
            out.push(&items[start..=i]);
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < items.len() {
        out.push(&items[start..]);
    }
    out
}

/// Per facet and value, `[current items, all items]` having it.
fn counts(items: &[Value]) -> BTreeMap<String, BTreeMap<String, [usize; 2]>> {
    let mut out: BTreeMap<String, BTreeMap<String, [usize; 2]>> = BTreeMap::new();
    for item in items {
        let current = item["current"].as_bool().unwrap_or(true);
        let Some(facets) = item["facets"].as_object() else { continue };
        for (facet, values) in facets {
            let by_value = out.entry(facet.clone()).or_default();
            let mut values: Vec<&str> = values.as_array().into_iter().flatten().filter_map(Value::as_str).collect();
            values.sort_unstable();
            values.dedup();
            for v in values {
                let n = by_value.entry(v.to_string()).or_default();
                n[0] += usize::from(current);
                n[1] += 1;
            }
        }
    }
    out
}
