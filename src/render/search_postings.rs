//! The search index's postings written compactly, for the whole index (`search.rs`) and its
//! parts (`search_shards.rs`): page sets as short strings of 64 characters, the token's score
//! on each page beside them.

use std::collections::BTreeMap;

/// The global the index file sets; search.js reads it.
pub const GLOBAL: &str = "investsiteSearch";

/// 64 characters that need no escaping in a JavaScript string; a character's position is its
/// value.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// What the index is made of before it is written as one file or in parts.
pub struct Parts {
    pub sections: Vec<String>,
    /// Per page `[path, title, section (index, -1 for none), facts, text start]`, with the
    /// language of title and text after them where it differs from the index's.
    pub pages: Vec<serde_json::Value>,
    /// Per token, the pages holding it (ascending) and its score on each (see `search::score`).
    pub postings: BTreeMap<String, Vec<(u32, u8)>>,
}

/// One token's page set and scores, encoded (see [`encode_scores`]).
pub fn encode_posting(posting: &[(u32, u8)], pages: usize) -> (String, String) {
    let ids: Vec<u32> = posting.iter().map(|(i, _)| *i).collect();
    let scores: Vec<u8> = posting.iter().map(|(_, s)| *s).collect();
    (encode_ids(&ids, pages), encode_scores(&scores))
}

/// Scores (0–27) as `DIGITS`, one character each, except that a run of 2 to 37 zeros (most
/// pages hold a common word only further into their text) is one character of value 28–63.
pub fn encode_scores(scores: &[u8]) -> String {
    let mut out = String::with_capacity(scores.len());
    let mut zeros = 0usize;
    let flush = |zeros: &mut usize, out: &mut String| {
        while *zeros >= 2 {
            let k = (*zeros).min(37);
            out.push(DIGITS[k + 26] as char);
            *zeros -= k;
        }
        if *zeros == 1 {
            out.push('0');
        }
        *zeros = 0;
    };
    for &s in scores {
        if s == 0 {
            zeros += 1;
        } else {
            flush(&mut zeros, &mut out);
            out.push(DIGITS[s as usize] as char);
        }
    }
    flush(&mut zeros, &mut out);
    out
}

/// A sorted set of page ids as a string of `DIGITS`. Sparse sets: each gap (id minus the
/// previous id minus one) in base 32, most significant digit first, every digit but the last
/// marked by adding 32, so consecutive pages cost one character each. Dense sets (more than
/// one page in six): `~` and a bitmap, six pages per character.
pub fn encode_ids(ids: &[u32], pages: usize) -> String {
    let bitmap_len = pages.div_ceil(6);
    if ids.len() > bitmap_len {
        let mut bits = vec![0u8; bitmap_len];
        for &id in ids {
            bits[id as usize / 6] |= 1 << (id % 6);
        }
        while bits.last() == Some(&0) {
            bits.pop();
        }
        return std::iter::once('~').chain(bits.iter().map(|&b| DIGITS[b as usize] as char)).collect();
    }
    let mut out = String::with_capacity(ids.len());
    let mut prev: i64 = -1;
    for &id in ids {
        let mut gap = (i64::from(id) - prev - 1) as u64;
        prev = i64::from(id);
        let mut groups = vec![(gap & 31) as usize];
        gap >>= 5;
        while gap > 0 {
            groups.push((gap & 31) as usize + 32);
            gap >>= 5;
        }
        out.extend(groups.iter().rev().map(|&g| DIGITS[g] as char));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(s: &str) -> Vec<u32> {
        let value = |c: char| DIGITS.iter().position(|&d| d as char == c).unwrap() as u64;
        let mut out = Vec::new();
        if let Some(bits) = s.strip_prefix('~') {
            for (i, c) in bits.chars().enumerate() {
                let b = value(c);
                out.extend((0..6).filter(|k| b & (1 << k) != 0).map(|k| (i * 6 + k) as u32));
            }
            return out;
        }
        let (mut v, mut prev) = (0u64, -1i64);
        for c in s.chars() {
            let d = value(c);
            v = v * 32 + (d & 31);
            if d < 32 {
                prev += v as i64 + 1;
                out.push(prev as u32);
                v = 0;
            }
        }
        out
    }

    #[test]
    fn runs_of_zero_scores_take_one_character() {
        assert_eq!(encode_scores(&[0, 0, 0, 16, 0, 27]), "TG0R");
        assert_eq!(encode_scores(&[0; 40]), "_T", "37 zeros, then 3");
        assert_eq!(encode_scores(&[5, 0, 0]), "5S");
    }

    #[test]
    fn id_sets_round_trip_sparse_and_dense() {
        let sparse = vec![0, 1, 2, 40, 1000, 70000];
        let enc = encode_ids(&sparse, 100_000);
        assert_eq!(&enc[..3], "000", "consecutive pages cost one character each");
        assert_eq!(decode(&enc), sparse);
        let dense: Vec<u32> = (0..100).filter(|i| i % 3 != 0).collect();
        let enc = encode_ids(&dense, 100);
        assert!(enc.starts_with('~') && enc.len() == 18, "{enc}");
        assert_eq!(decode(&enc), dense);
    }
}
