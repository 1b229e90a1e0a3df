//! The research-result pool (科技成果转化池): exact scoring, admission and ranking.
//!
//! Third-party reviewers score each registered research result on three dimensions, each
//! from 0 to 100: market potential (市场潜力), economic value (经济价值) and technical
//! content (技术含量). From those reviews this module decides, exactly and reproducibly,
//! which results enter the pool and in which order they are published.
//!
//! # The rule
//!
//! 1. **Dimension score.** For each dimension separately, the mean of that dimension over the
//!    result's reviews. When the result has at least `trim_from` reviews, one highest and one
//!    lowest value *of that dimension* are dropped first (only one of each, even when several
//!    reviewers gave the same extreme). `trim_from: 0` means never trim; any other value must
//!    be at least 3 so that a trimmed mean always keeps at least one review.
//! 2. **Composite.** `w_market·market + w_value·value + w_tech·tech`. Weights are each ≥ 0 and
//!    add up to exactly 1 (as decimals: 0.4 + 0.3 + 0.3).
//! 3. **Ranking**, a total order that does not depend on input order: composite desc, then
//!    market desc, value desc, tech desc, then registration date asc (earlier first), title asc
//!    (by Unicode code point), and finally id asc. Ids must be unique, so no two results tie.
//! 4. **Admission.** `cap = floor(admit_ratio × registered)`, where `registered` is the number
//!    of results evaluated. Going down the ranking, a result is admitted while its composite is
//!    at least `min_score` and fewer than `cap` results have been admitted so far. A result not
//!    admitted is [`Exclusion::BelowMinScore`] when its composite is below `min_score` (this
//!    reason wins even if the result is also past the cap), else [`Exclusion::OverCap`].
//!    Because the composite is the first ranking key, every result that reaches `min_score`
//!    ranks above every result that does not, so the admitted results are exactly ranks
//!    `1..=admitted`.
//!
//! # Exact arithmetic and its bounds
//!
//! Scores are rationals ([`Score`] = `Ratio<i128>`), never binary floating point: two
//! composites that are equal on paper compare `Equal`, and ties are then broken by the rule
//! rather than by rounding noise (the tests include a real case where `f64` gets it wrong).
//!
//! To make overflow impossible rather than merely unlikely, inputs are bounded:
//! review scores lie in `[0, 100]` with at most 4 decimal places (a multiple of 1/10⁴), and
//! configuration numbers (weights, `admit_ratio`, `min_score`) have at most 6 decimal places.
//! Internally a dimension is summed as an integer count of 1/10⁴ units (≤ 10⁶ per review) and
//! the composite numerator is `Σ wᵢ·sumᵢ` in 1/10⁶ weight units: with `n` reviews it is at most
//! `10⁶ · 10⁶ · n`, and the denominator is `n · 10¹⁰`. Even for `n = 2⁶⁴` both stay below
//! 2·10³¹, far inside `i128` (≈ 1.7·10³⁸). All integer operations are checked anyway, and a
//! failure becomes an error message, never a panic. Scores built by hand (not through
//! [`parse_score`]) that break these bounds are reported as errors by [`evaluate`].

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use num_rational::Ratio;

/// An exact score, weight or ratio.
pub type Score = Ratio<i128>;

/// Review scores have at most this many decimal places.
const SCORE_DECIMALS: u32 = 4;
/// 10^SCORE_DECIMALS: a review score is an integer number of these units.
const SCORE_UNIT: i128 = 10_000;
/// Configuration numbers (weights, admit_ratio, min_score) have at most this many decimal places.
const CONFIG_DECIMALS: u32 = 6;
/// 10^CONFIG_DECIMALS: a configuration number is an integer number of these units.
const CONFIG_UNIT: i128 = 1_000_000;
/// Highest score a reviewer can give, and highest meaningful `min_score`.
const MAX_SCORE: i128 = 100;
/// Longest integer part (after leading zeros) a decimal string may have; keeps
/// `integer · 10^decimals` far inside i128 for any decimals we accept.
const MAX_INTEGER_DIGITS: usize = 18;
/// Appended to every review-score error so authors know what to write.
const SCORE_HINT: &str = "scores are numbers from 0 to 100, e.g. 86 or 86.5";
/// Appended to configuration-number parse errors.
const FRACTION_HINT: &str = "write a decimal number such as 0.4, 0.2, 1 or 60";
/// Shortest review count at which trimming still leaves a review to average.
const MIN_TRIM_FROM: usize = 3;

// ---------------------------------------------------------------------------------------------
// Public data types
// ---------------------------------------------------------------------------------------------

/// One reviewer's scores for one result.
#[derive(Clone, Debug)]
pub struct Review {
    /// 市场潜力
    pub market: Score,
    /// 经济价值
    pub value: Score,
    /// 技术含量
    pub tech: Score,
}

/// A registered research result, as far as the pool is concerned.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub id: String,
    pub title: String,
    pub industry: String,
    /// Registration date (year, month, day); compared as a tuple, i.e. chronologically.
    pub registered: (i32, u8, u8),
    pub reviews: Vec<Review>,
}

/// The `pool:` section of `site.yaml`.
#[derive(Clone, Debug)]
pub struct PoolConfig {
    pub w_market: Score,
    pub w_value: Score,
    pub w_tech: Score,
    pub admit_ratio: Score,
    pub min_score: Score,
    /// With this many reviews or more, trim one highest and one lowest per dimension; 0 = never.
    pub trim_from: usize,
}

/// Why a result did not enter the pool.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exclusion {
    /// Its composite is below `min_score` (reported even when it is also past the cap).
    BelowMinScore,
    /// It reaches `min_score` but ranks below the `cap` admitted results.
    OverCap,
}

/// One result's scores and outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluated {
    pub id: String,
    pub title: String,
    pub industry: String,
    pub registered: (i32, u8, u8),
    /// Number of reviews the result has (before trimming).
    pub reviews: usize,
    pub market: Score,
    pub value: Score,
    pub tech: Score,
    pub composite: Score,
    /// Whether the highest and lowest value of each dimension were dropped.
    pub trimmed: bool,
    /// 1-based overall rank among all registered results.
    pub rank: usize,
    pub admitted: bool,
    /// `None` exactly when `admitted`.
    pub exclusion: Option<Exclusion>,
    /// 1-based rank among admitted results of the same industry; `None` when not admitted.
    pub industry_rank: Option<usize>,
}

/// The whole evaluation: every registered result in rank order, plus the counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluation {
    /// In rank order (`results[i].rank == i + 1`).
    pub results: Vec<Evaluated>,
    pub registered: usize,
    /// floor(admit_ratio × registered).
    pub cap: usize,
    pub admitted: usize,
    /// Position in `results` by result id: every page asks whether it is an evaluated
    /// result, and scanning thousands of results for each grew with the square of the pool.
    by_id: std::collections::HashMap<String, usize>,
}

impl Evaluation {
    /// The evaluation of the result with this id (its page key).
    pub fn get(&self, id: &str) -> Option<&Evaluated> {
        self.by_id.get(id).map(|&i| &self.results[i])
    }
}

/// Per-industry counts, for the pool's index pages and the administrators' report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndustryStat {
    pub industry: String,
    pub registered: usize,
    pub admitted: usize,
}

// ---------------------------------------------------------------------------------------------
// Parsing decimal strings exactly
// ---------------------------------------------------------------------------------------------

/// Why a string is not an acceptable decimal.
#[derive(Debug, PartialEq, Eq)]
enum DecimalError {
    NotANumber,
    TooManyDecimals,
    TooLarge,
}

/// Parses `[+-]digits[.digits]` (surrounding whitespace allowed) into an exact rational.
///
/// Only ASCII digits: exponents, thousands separators and full-width digits are refused rather
/// than guessed at. Trailing zeros after the point do not count as decimal places ("86.50000"
/// is 86.5), because the limit exists to bound the denominator, which they do not change.
fn parse_exact_decimal(s: &str, max_decimals: u32) -> Result<Score, DecimalError> {
    let text = s.trim();
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (int_part, frac_part) = match unsigned.split_once('.') {
        Some((i, f)) => (i, f),
        None => (unsigned, ""),
    };
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let has_point = unsigned.contains('.');
    if int_part.is_empty() || !all_digits(int_part) || (has_point && frac_part.is_empty()) || !all_digits(frac_part) {
        return Err(DecimalError::NotANumber);
    }
    let frac = frac_part.trim_end_matches('0');
    if frac.len() > max_decimals as usize {
        return Err(DecimalError::TooManyDecimals);
    }
    let int = int_part.trim_start_matches('0');
    if int.len() > MAX_INTEGER_DIGITS {
        return Err(DecimalError::TooLarge);
    }
    // Both parts are short runs of ASCII digits now, so this cannot overflow; checked anyway.
    let exact = || -> Option<(i128, i128)> {
        let scale = ten_pow(frac.len())?;
        Some((digits_value(int)?.checked_mul(scale)?.checked_add(digits_value(frac)?)?, scale))
    };
    let (numer, denom) = exact().ok_or(DecimalError::TooLarge)?;
    Ok(Score::new(if negative { -numer } else { numer }, denom))
}

/// Value of a run of ASCII digits ("" is 0); `None` on overflow.
fn digits_value(digits: &str) -> Option<i128> {
    digits.bytes().try_fold(0i128, |acc, b| acc.checked_mul(10)?.checked_add(i128::from(b - b'0')))
}

/// 10^exp, `None` on overflow.
fn ten_pow(exp: usize) -> Option<i128> {
    u32::try_from(exp).ok().and_then(|e| 10i128.checked_pow(e))
}

/// Parses a reviewer's score: 0 to 100, at most 4 decimal places ("86", "86.5", "100").
pub fn parse_score(s: &str) -> Result<Score, String> {
    match parse_exact_decimal(s, SCORE_DECIMALS) {
        Ok(v) if is_score_in_range(&v) => Ok(v),
        Ok(_) | Err(DecimalError::TooLarge) => Err(format!("{s:?} is out of range: {SCORE_HINT}")),
        Err(DecimalError::NotANumber) => Err(format!("{s:?} is not a number: {SCORE_HINT}")),
        Err(DecimalError::TooManyDecimals) => {
            Err(format!("{s:?} has more than {SCORE_DECIMALS} decimal places: {SCORE_HINT}"))
        }
    }
}

/// Parses a configuration number (weight, admit_ratio, min_score): "0.4", "0.2", "1", "60".
///
/// Signs are accepted so that [`PoolConfig::validate`] can report a negative weight in terms of
/// the rule; ranges are checked there, not here.
pub fn parse_fraction(s: &str) -> Result<Score, String> {
    parse_exact_decimal(s, CONFIG_DECIMALS).map_err(|e| match e {
        DecimalError::NotANumber => format!("{s:?} is not a number: {FRACTION_HINT}"),
        DecimalError::TooManyDecimals => {
            format!("{s:?} has more than {CONFIG_DECIMALS} decimal places: {FRACTION_HINT}")
        }
        DecimalError::TooLarge => format!("{s:?} is too large: {FRACTION_HINT}"),
    })
}

// ---------------------------------------------------------------------------------------------
// Exact integer representation (the overflow guard)
// ---------------------------------------------------------------------------------------------

/// `x` as an integer number of `1/unit`, or `None` if it is not such a multiple (its
/// denominator does not divide `unit`) or its denominator is not positive. This is what pins
/// every input to the bounds in the module docs.
fn as_units(x: &Score, unit: i128) -> Option<i128> {
    let denom = *x.denom();
    if denom <= 0 || unit % denom != 0 {
        return None;
    }
    x.numer().checked_mul(unit / denom)
}

/// Whether a review score is a valid one: positive denominator and `0 <= v <= 100`.
/// The denominator is checked first because `Ratio`'s comparison divides by it.
fn is_score_in_range(v: &Score) -> bool {
    *v.denom() > 0 && *v >= Score::from_integer(0) && *v <= Score::from_integer(MAX_SCORE)
}

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

impl PoolConfig {
    /// Checks the whole `pool:` section and reports every problem at once.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut errors = Vec::new();
        errors.extend(self.weight_errors());
        if let Err(e) = self.admit_ratio_units() {
            errors.push(e);
        }
        if let Err(e) = self.min_score_checked() {
            errors.push(e);
        }
        if self.trim_from != 0 && self.trim_from < MIN_TRIM_FROM {
            errors.push(format!(
                "pool.trim_from is {}: trim_from must be 0 (never) or at least {MIN_TRIM_FROM}",
                self.trim_from
            ));
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// The three weights with the names authors write in `site.yaml`.
    fn named_weights(&self) -> [(&'static str, &Score); 3] {
        [("market", &self.w_market), ("value", &self.w_value), ("tech", &self.w_tech)]
    }

    /// Each weight must be a non-negative decimal with ≤ 6 places; together exactly 1.
    fn weight_errors(&self) -> Vec<String> {
        let mut errors = Vec::new();
        let mut units = Vec::new();
        for (name, w) in self.named_weights() {
            match as_units(w, CONFIG_UNIT) {
                None => errors.push(format!(
                    "pool.weights.{name} is {}: weights are decimals with at most {CONFIG_DECIMALS} decimal places",
                    format_exact(w)
                )),
                Some(u) if u < 0 => {
                    errors.push(format!("pool.weights.{name} is {}: weights cannot be negative", format_exact(w)))
                }
                Some(u) => units.push(u),
            }
        }
        // The sum is only meaningful (and only safely computable) when every weight is valid.
        if errors.is_empty() {
            let sum = units.iter().try_fold(0i128, |acc, u| acc.checked_add(*u));
            if sum != Some(CONFIG_UNIT) {
                let total = sum.map(|s| format_exact(&Score::new(s, CONFIG_UNIT)));
                errors.push(format!(
                    "pool.weights must add up to exactly 1, but market + value + tech = {} + {} + {} = {}",
                    format_exact(&self.w_market),
                    format_exact(&self.w_value),
                    format_exact(&self.w_tech),
                    total.unwrap_or_else(|| "a number too large to show".to_string())
                ));
            }
        }
        errors
    }

    /// Weights in 1/10⁶ units, once validated.
    fn weight_units(&self) -> Option<[i128; 3]> {
        let w = |s: &Score| as_units(s, CONFIG_UNIT);
        Some([w(&self.w_market)?, w(&self.w_value)?, w(&self.w_tech)?])
    }

    /// admit_ratio in 1/10⁶ units, checked to be a share in [0, 1].
    fn admit_ratio_units(&self) -> Result<i128, String> {
        match as_units(&self.admit_ratio, CONFIG_UNIT) {
            Some(u) if (0..=CONFIG_UNIT).contains(&u) => Ok(u),
            Some(_) => Err(format!(
                "pool.admit_ratio is {}: it must be a share from 0 to 1, e.g. 0.2",
                format_exact(&self.admit_ratio)
            )),
            None => Err(format!(
                "pool.admit_ratio is {}: it must be a decimal with at most {CONFIG_DECIMALS} decimal places, e.g. 0.2",
                format_exact(&self.admit_ratio)
            )),
        }
    }

    /// min_score checked to be a decimal in [0, 100].
    fn min_score_checked(&self) -> Result<(), String> {
        match as_units(&self.min_score, CONFIG_UNIT) {
            Some(u) if (0..=MAX_SCORE * CONFIG_UNIT).contains(&u) => Ok(()),
            Some(_) => {
                Err(format!("pool.min_score is {}: it must be from 0 to 100, e.g. 60", format_exact(&self.min_score)))
            }
            None => Err(format!(
                "pool.min_score is {}: it must be a decimal with at most {CONFIG_DECIMALS} decimal places, e.g. 60",
                format_exact(&self.min_score)
            )),
        }
    }
}

/// floor(admit_ratio × registered), with admit_ratio in 1/10⁶ units (≤ 10⁶), so the product
/// fits in u128 for any `usize`.
fn admission_cap(ratio_units: i128, registered: usize) -> Option<usize> {
    let ratio = u128::try_from(ratio_units).ok()?;
    let product = ratio.checked_mul(u128::try_from(registered).ok()?)?;
    usize::try_from(product / CONFIG_UNIT as u128).ok()
}

// ---------------------------------------------------------------------------------------------
// Scoring one candidate
// ---------------------------------------------------------------------------------------------

/// Whether a result with `reviews` reviews gets trimmed under `trim_from` (0 = never).
pub fn trims(reviews: usize, trim_from: usize) -> bool {
    trim_from != 0 && reviews >= trim_from
}

/// A candidate's scores before ranking.
struct Scored<'a> {
    cand: &'a Candidate,
    market: Score,
    value: Score,
    tech: Score,
    composite: Score,
    trimmed: bool,
}

/// Each review's three scores in 1/10⁴ units, or a message naming what is wrong.
fn review_units(cand: &Candidate) -> Result<Vec<[i128; 3]>, Vec<String>> {
    let mut rows = Vec::with_capacity(cand.reviews.len());
    let mut errors = Vec::new();
    for (i, r) in cand.reviews.iter().enumerate() {
        let mut row = [0i128; 3];
        for (slot, (dim, v)) in row.iter_mut().zip([
            ("market (市场潜力)", &r.market),
            ("value (经济价值)", &r.value),
            ("tech (技术含量)", &r.tech),
        ]) {
            match as_units(v, SCORE_UNIT).filter(|_| is_score_in_range(v)) {
                Some(u) => *slot = u,
                None => errors.push(format!(
                    "research result {:?}, review {}: {dim} is {}, but {SCORE_HINT} (at most {SCORE_DECIMALS} decimal places)",
                    cand.id,
                    i + 1,
                    format_exact(v)
                )),
            }
        }
        rows.push(row);
    }
    if errors.is_empty() { Ok(rows) } else { Err(errors) }
}

/// Sum of one dimension's values, dropping one lowest and one highest when `trim` is set.
/// Sorting per dimension means each dimension loses its own extremes, and slicing off exactly
/// one element at each end drops only one of several equal extremes.
fn dimension_sum(mut values: Vec<i128>, trim: bool) -> Option<i128> {
    values.sort_unstable();
    let kept = if trim { values.get(1..values.len().checked_sub(1)?)? } else { &values[..] };
    kept.iter().try_fold(0i128, |acc, v| acc.checked_add(*v))
}

/// Scores one candidate exactly; `Err` carries messages naming the candidate.
fn score_candidate<'a>(cand: &'a Candidate, trim_from: usize, weights: [i128; 3]) -> Result<Scored<'a>, Vec<String>> {
    if cand.reviews.is_empty() {
        return Err(vec![format!(
            "research result {:?} has no reviews: the pool needs at least one review to score it",
            cand.id
        )]);
    }
    let rows = review_units(cand)?;
    let trimmed = trims(rows.len(), trim_from);
    let overflow = || vec![format!("research result {:?}: its scores are too large to compute exactly", cand.id)];
    // Every dimension averages over the same number of reviews, so one denominator serves all.
    let kept = rows.len().checked_sub(if trimmed { 2 } else { 0 });
    let kept = kept.and_then(|k| i128::try_from(k).ok()).filter(|k| *k > 0).ok_or_else(overflow)?;
    let mut sums = [0i128; 3];
    for (d, sum) in sums.iter_mut().enumerate() {
        *sum = dimension_sum(rows.iter().map(|r| r[d]).collect(), trimmed).ok_or_else(overflow)?;
    }
    let dim_denom = kept.checked_mul(SCORE_UNIT).ok_or_else(overflow)?;
    let composite = composite_of(sums, weights, kept).ok_or_else(overflow)?;
    Ok(Scored {
        cand,
        market: Score::new(sums[0], dim_denom),
        value: Score::new(sums[1], dim_denom),
        tech: Score::new(sums[2], dim_denom),
        composite,
        trimmed,
    })
}

/// Σ wᵢ·(sumᵢ / kept) with sums in 1/10⁴ units and weights in 1/10⁶ units, as one exact fraction
/// `Σ wᵢ·sumᵢ / (kept · 10¹⁰)` (bounds in the module docs).
fn composite_of(sums: [i128; 3], weights: [i128; 3], kept: i128) -> Option<Score> {
    let numer = sums.iter().zip(weights.iter()).try_fold(0i128, |acc, (s, w)| acc.checked_add(s.checked_mul(*w)?))?;
    let denom = kept.checked_mul(SCORE_UNIT)?.checked_mul(CONFIG_UNIT)?;
    Some(Score::new(numer, denom))
}

// ---------------------------------------------------------------------------------------------
// Ranking and admission
// ---------------------------------------------------------------------------------------------

/// The ranking's total order: better results first.
///
/// `str`'s `Ord` compares UTF-8 bytes, which orders exactly as Unicode code points do.
/// The id is the final key, and ids are unique, so the order never depends on input order.
fn rank_order(a: &Scored, b: &Scored) -> Ordering {
    b.composite
        .cmp(&a.composite)
        .then_with(|| b.market.cmp(&a.market))
        .then_with(|| b.value.cmp(&a.value))
        .then_with(|| b.tech.cmp(&a.tech))
        .then_with(|| a.cand.registered.cmp(&b.cand.registered))
        .then_with(|| a.cand.title.cmp(&b.cand.title))
        .then_with(|| a.cand.id.cmp(&b.cand.id))
}

/// Admission of the next result down the ranking. The min_score test comes first so that
/// `BelowMinScore` wins over `OverCap` when both apply.
fn admission(composite: &Score, min_score: &Score, admitted_so_far: usize, cap: usize) -> Result<(), Exclusion> {
    if composite < min_score {
        Err(Exclusion::BelowMinScore)
    } else if admitted_so_far >= cap {
        Err(Exclusion::OverCap)
    } else {
        Ok(())
    }
}

/// One message per id used by more than one candidate (ids are the final tie-break, so they
/// must be unique for the ranking to be total).
fn duplicate_id_errors(cands: &[Candidate]) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut reported = HashSet::new();
    let mut errors = Vec::new();
    for c in cands {
        if !seen.insert(c.id.as_str()) && reported.insert(c.id.as_str()) {
            errors.push(format!("research result id {:?} is used more than once: ids must be unique", c.id));
        }
    }
    errors
}

/// Scores, ranks and admits all registered results.
///
/// Errors (all collected): configuration problems, duplicate ids, candidates without reviews
/// (each named), and review scores outside the bounds in the module docs.
pub fn evaluate(cands: &[Candidate], cfg: &PoolConfig) -> Result<Evaluation, Vec<String>> {
    let mut errors = cfg.validate().err().unwrap_or_default();
    let config_ok = errors.is_empty();
    errors.extend(duplicate_id_errors(cands));
    let ratio = cfg.admit_ratio_units().ok();
    // With a broken config, still check each candidate's own data (dummy weights, no
    // trimming) so that every problem is reported in one go.
    let weights = cfg.weight_units().filter(|_| config_ok).unwrap_or([0; 3]);
    let trim_from = if config_ok { cfg.trim_from } else { 0 };
    let mut scored = Vec::with_capacity(cands.len());
    for cand in cands {
        match score_candidate(cand, trim_from, weights) {
            Ok(s) => scored.push(s),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let registered = cands.len();
    let cap = ratio
        .and_then(|r| admission_cap(r, registered))
        .ok_or_else(|| vec!["pool.admit_ratio: cannot compute the number of admitted results".to_string()])?;
    scored.sort_by(rank_order);
    let results = admit_in_rank_order(scored, &cfg.min_score, cap);
    let admitted = results.iter().filter(|r| r.admitted).count();
    let by_id = results.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
    Ok(Evaluation { results, registered, cap, admitted, by_id })
}

/// Walks the ranking once, deciding admission and numbering overall and per-industry ranks.
fn admit_in_rank_order(ranked: Vec<Scored>, min_score: &Score, cap: usize) -> Vec<Evaluated> {
    let mut admitted_so_far = 0usize;
    let mut per_industry: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(ranked.len());
    for (i, s) in ranked.into_iter().enumerate() {
        let decision = admission(&s.composite, min_score, admitted_so_far, cap);
        let industry_rank = decision.is_ok().then(|| {
            admitted_so_far += 1;
            let n = per_industry.entry(s.cand.industry.as_str()).or_insert(0);
            *n += 1;
            *n
        });
        out.push(Evaluated {
            id: s.cand.id.clone(),
            title: s.cand.title.clone(),
            industry: s.cand.industry.clone(),
            registered: s.cand.registered,
            reviews: s.cand.reviews.len(),
            market: s.market,
            value: s.value,
            tech: s.tech,
            composite: s.composite,
            trimmed: s.trimmed,
            rank: i + 1,
            admitted: decision.is_ok(),
            exclusion: decision.err(),
            industry_rank,
        });
    }
    out
}

/// Registered and admitted counts per industry, industries in order of first appearance in the
/// ranking (so industries with admitted results come first, led by the one holding rank 1).
pub fn industry_stats(e: &Evaluation) -> Vec<IndustryStat> {
    let mut stats: Vec<IndustryStat> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for r in &e.results {
        let i = *index.entry(r.industry.as_str()).or_insert_with(|| {
            stats.push(IndustryStat { industry: r.industry.clone(), registered: 0, admitted: 0 });
            stats.len() - 1
        });
        if let Some(stat) = stats.get_mut(i) {
            stat.registered += 1;
            stat.admitted += usize::from(r.admitted);
        }
    }
    stats
}

// ---------------------------------------------------------------------------------------------
// Formatting exactly
// ---------------------------------------------------------------------------------------------

/// A rational split into sign, integer part and remainder over a positive denominator, all as
/// magnitudes in u128 so no `Ratio` value (not even i128::MIN) can overflow.
struct Magnitude {
    negative: bool,
    int: u128,
    rem: u128,
    den: u128,
}

/// `None` only for a zero denominator (possible with `Ratio::new_raw`).
fn magnitude(s: &Score) -> Option<Magnitude> {
    let (n, d) = (*s.numer(), *s.denom());
    if d == 0 {
        return None;
    }
    let (num, den) = (n.unsigned_abs(), d.unsigned_abs());
    Some(Magnitude { negative: (n < 0) != (d < 0) && n != 0, int: num / den, rem: num % den, den })
}

/// Next decimal digit of `rem / den` and the new remainder, computing `rem·10` by repeated
/// addition: with `rem < den ≤ 2¹²⁷`, every partial sum stays below 2¹²⁸.
fn next_digit(rem: u128, den: u128) -> (u8, u128) {
    let mut acc = 0u128;
    let mut digit = 0u8;
    for _ in 0..10 {
        acc += rem;
        if acc >= den {
            acc -= den;
            digit += 1;
        }
    }
    (digit, acc)
}

/// Two decimals, rounded half away from zero exactly: "86.335" → "86.34", "90" → "90.00".
pub fn format2(s: &Score) -> String {
    let Some(m) = magnitude(s) else {
        return "NaN".to_string();
    };
    let (d1, rem) = next_digit(m.rem, m.den);
    let (d2, rem) = next_digit(rem, m.den);
    let mut int = m.int;
    let mut cents = u32::from(d1) * 10 + u32::from(d2);
    // Half or more of a hundredth left over: round the magnitude up (= away from zero).
    // rem < den ≤ 2¹²⁷, so 2·rem fits.
    if rem * 2 >= m.den {
        cents += 1;
        if cents == 100 {
            cents = 0;
            int += 1; // int ≤ 2¹²⁷, so this cannot overflow u128
        }
    }
    let sign = if m.negative && (int, cents) != (0, 0) { "-" } else { "" };
    format!("{sign}{int}.{cents:02}")
}

/// The exact value as a decimal when it has at most 40 decimal places ("0.9", "86.5", "60"),
/// otherwise as a fraction ("1/3"). For messages and reports, where rounding would mislead.
pub fn format_exact(s: &Score) -> String {
    let Some(m) = magnitude(s) else {
        return format!("{}/{}", s.numer(), s.denom());
    };
    let mut digits = String::new();
    let mut rem = m.rem;
    while rem != 0 && digits.len() < 40 {
        let (d, r) = next_digit(rem, m.den);
        digits.push(char::from(b'0' + d));
        rem = r;
    }
    let sign = if m.negative { "-" } else { "" };
    if rem != 0 {
        format!("{sign}{}/{}", s.numer().unsigned_abs(), s.denom().unsigned_abs())
    } else if digits.is_empty() {
        format!("{sign}{}", m.int)
    } else {
        format!("{sign}{}.{digits}", m.int)
    }
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sc(s: &str) -> Score {
        parse_score(s).unwrap()
    }

    fn fr(s: &str) -> Score {
        parse_fraction(s).unwrap()
    }

    fn rv(m: &str, v: &str, t: &str) -> Review {
        Review { market: sc(m), value: sc(v), tech: sc(t) }
    }

    fn cand(id: &str, reviews: Vec<Review>) -> Candidate {
        Candidate {
            id: id.to_string(),
            title: format!("title {id}"),
            industry: "rare-earth".to_string(),
            registered: (2026, 5, 12),
            reviews,
        }
    }

    fn cfg(weights: [&str; 3], admit_ratio: &str, min_score: &str, trim_from: usize) -> PoolConfig {
        PoolConfig {
            w_market: fr(weights[0]),
            w_value: fr(weights[1]),
            w_tech: fr(weights[2]),
            admit_ratio: fr(admit_ratio),
            min_score: fr(min_score),
            trim_from,
        }
    }

    /// The site.yaml example, admitting everyone so only scoring is under test.
    fn open_cfg(trim_from: usize) -> PoolConfig {
        cfg(["0.4", "0.3", "0.3"], "1", "0", trim_from)
    }

    fn q(n: i128, d: i128) -> Score {
        Score::new(n, d)
    }

    fn eval_one(c: Candidate, config: &PoolConfig) -> Evaluated {
        evaluate(&[c], config).unwrap().results.remove(0)
    }

    fn ids(e: &Evaluation) -> Vec<&str> {
        e.results.iter().map(|r| r.id.as_str()).collect()
    }

    /// Evaluates in the given order and reversed; both must rank identically.
    fn ranked_ids(cands: Vec<Candidate>, config: &PoolConfig) -> Vec<String> {
        let forward = evaluate(&cands, config).unwrap();
        let mut rev = cands.clone();
        rev.reverse();
        let backward = evaluate(&rev, config).unwrap();
        assert_eq!(forward, backward);
        forward.results.iter().map(|r| r.id.clone()).collect()
    }

    fn single(id: &str, m: &str, v: &str, t: &str) -> Candidate {
        cand(id, vec![rv(m, v, t)])
    }

    // ----- scoring -----

    #[test]
    fn mean_without_trim() {
        let c = cand("a", vec![rv("86", "80", "92"), rv("78", "74", "88")]);
        let e = eval_one(c, &open_cfg(5));
        assert_eq!((e.market, e.value, e.tech), (q(82, 1), q(77, 1), q(90, 1)));
        // 0.4·82 + 0.3·77 + 0.3·90 = 32.8 + 23.1 + 27 = 82.9
        assert_eq!(e.composite, q(829, 10));
        assert!(!e.trimmed);
        assert_eq!(e.reviews, 2);
    }

    #[test]
    fn decimal_scores_are_exact() {
        let c = cand("a", vec![rv("86.5", "80.25", "92.0001"), rv("78", "74", "88")]);
        let e = eval_one(c, &open_cfg(0));
        assert_eq!(e.market, q(1645, 20)); // 82.25
        assert_eq!(e.value, q(15425, 200)); // 77.125
        assert_eq!(e.tech, q(1_800_001, 20_000)); // 90.00005
    }

    /// Five reviews whose extremes differ from the middle, so a trimmed mean is visibly different.
    fn five_reviews() -> Vec<Review> {
        vec![
            rv("100", "0", "50"),
            rv("80", "60", "70"),
            rv("70", "70", "70"),
            rv("60", "80", "70"),
            rv("0", "100", "100"),
        ]
    }

    #[test]
    fn trims_at_exactly_trim_from_reviews() {
        let e = eval_one(cand("a", five_reviews()), &open_cfg(5));
        assert!(e.trimmed);
        // market: drop 100 and 0 → (80+70+60)/3 = 70; value: drop 0 and 100 → 70;
        // tech: drop 50 and 100 → 70.
        assert_eq!((e.market, e.value, e.tech), (q(70, 1), q(70, 1), q(70, 1)));
        assert_eq!(e.composite, q(70, 1));
    }

    #[test]
    fn does_not_trim_below_trim_from() {
        let mut reviews = five_reviews();
        reviews.pop(); // four reviews: 100,80,70,60 / 0,60,70,80 / 50,70,70,70
        let e = eval_one(cand("a", reviews.clone()), &open_cfg(5));
        assert!(!e.trimmed);
        assert_eq!((e.market, e.value, e.tech), (q(310, 4), q(210, 4), q(260, 4)));
        // ... but four reviews are trimmed when trim_from is 4.
        let e = eval_one(cand("a", reviews), &open_cfg(4));
        assert!(e.trimmed);
        assert_eq!((e.market, e.value, e.tech), (q(75, 1), q(65, 1), q(70, 1)));
    }

    #[test]
    fn trim_from_zero_never_trims() {
        let e = eval_one(cand("a", five_reviews()), &open_cfg(0));
        assert!(!e.trimmed);
        assert_eq!(e.market, q(310, 5));
    }

    #[test]
    fn trimming_drops_only_one_of_duplicated_extremes() {
        let reviews = ["90", "90", "70", "60", "60"].iter().map(|m| rv(m, "50", "50")).collect();
        let e = eval_one(cand("a", reviews), &open_cfg(5));
        assert!(e.trimmed);
        // One 90 and one 60 go: (90+70+60)/3. Dropping every copy would give 70.
        assert_eq!(e.market, q(220, 3));
        assert_eq!(e.value, q(50, 1));
    }

    #[test]
    fn trimming_is_per_dimension() {
        // The review with the highest market has the lowest value: each dimension drops its
        // own extremes, not whole reviews.
        let reviews = vec![
            rv("100", "10", "50"),
            rv("50", "50", "50"),
            rv("40", "60", "50"),
            rv("30", "70", "50"),
            rv("20", "100", "50"),
        ];
        let e = eval_one(cand("a", reviews), &open_cfg(5));
        assert_eq!(e.market, q(40, 1)); // 50,40,30
        assert_eq!(e.value, q(60, 1)); // 50,60,70
    }

    // ----- configuration -----

    #[test]
    fn valid_config_passes() {
        assert_eq!(cfg(["0.4", "0.3", "0.3"], "0.2", "60", 5).validate(), Ok(()));
        assert_eq!(cfg(["1", "0", "0"], "0", "0", 0).validate(), Ok(()));
        assert_eq!(cfg(["0.333333", "0.333333", "0.333334"], "1", "100", 3).validate(), Ok(()));
    }

    #[test]
    fn weights_not_summing_to_one() {
        let errs = cfg(["0.4", "0.3", "0.2"], "0.2", "60", 5).validate().unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].contains("exactly 1"), "{}", errs[0]);
        assert!(errs[0].contains("0.4 + 0.3 + 0.2 = 0.9"), "{}", errs[0]);
        let errs = cfg(["0.5", "0.3", "0.3"], "0.2", "60", 5).validate().unwrap_err();
        assert!(errs[0].contains("= 1.1"), "{}", errs[0]);
    }

    #[test]
    fn negative_weight_is_an_error_even_when_the_sum_is_one() {
        let errs = cfg(["-0.1", "0.8", "0.3"], "0.2", "60", 5).validate().unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].contains("pool.weights.market is -0.1"), "{}", errs[0]);
        assert!(errs[0].contains("negative"), "{}", errs[0]);
    }

    #[test]
    fn weight_with_too_many_decimals_is_an_error() {
        let mut c = cfg(["0.4", "0.3", "0.3"], "0.2", "60", 5);
        c.w_market = q(1, 3);
        c.w_value = q(1, 3);
        c.w_tech = q(1, 3);
        let errs = c.validate().unwrap_err();
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(errs[0].contains("1/3") && errs[0].contains("6 decimal places"), "{}", errs[0]);
        assert!(parse_fraction("0.1234567").unwrap_err().contains("more than 6 decimal places"));
    }

    #[test]
    fn all_config_problems_reported_at_once() {
        let errs = cfg(["0.4", "0.3", "0.2"], "1.5", "101", 2).validate().unwrap_err();
        assert_eq!(errs.len(), 4, "{errs:?}");
        assert!(errs.iter().any(|e| e.contains("pool.admit_ratio is 1.5")));
        assert!(errs.iter().any(|e| e.contains("pool.min_score is 101")));
        assert!(errs.iter().any(|e| e.contains("trim_from must be 0 (never) or at least 3")));
        let errs = cfg(["0.4", "0.3", "0.3"], "-0.1", "-1", 1).validate().unwrap_err();
        assert_eq!(errs.len(), 3, "{errs:?}");
    }

    #[test]
    fn trim_from_one_and_two_are_errors_zero_and_three_are_not() {
        for (t, ok) in [(0, true), (1, false), (2, false), (3, true), (5, true)] {
            assert_eq!(open_cfg(t).validate().is_ok(), ok, "trim_from {t}");
        }
    }

    #[test]
    fn evaluate_reports_config_and_candidate_errors_together() {
        let cands = vec![cand("empty-1", vec![]), single("ok", "80", "80", "80"), cand("empty-2", vec![])];
        let errs = evaluate(&cands, &cfg(["0.4", "0.3", "0.2"], "0.2", "60", 5)).unwrap_err();
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(errs[0].contains("exactly 1"));
        assert!(errs[1].contains("\"empty-1\"") && errs[1].contains("no reviews"));
        assert!(errs[2].contains("\"empty-2\""));
    }

    #[test]
    fn duplicate_ids_are_an_error() {
        let cands = vec![single("x", "80", "80", "80"), single("x", "70", "70", "70"), single("x", "1", "1", "1")];
        let errs = evaluate(&cands, &open_cfg(5)).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].contains("\"x\"") && errs[0].contains("more than once"));
    }

    #[test]
    fn hand_built_out_of_bounds_scores_are_errors_not_panics() {
        let bad = |market: Score| Candidate {
            reviews: vec![Review { market, value: q(1, 1), tech: q(1, 1) }],
            ..cand("bad", vec![])
        };
        for v in [
            q(1, 3),
            q(101, 1),
            q(-1, 1),
            Score::new_raw(1, 0),
            Score::new_raw(1, -2),
            Score::new_raw(i128::MIN, 1),
            q(i128::MAX, 1),
        ] {
            let errs = evaluate(&[bad(v)], &open_cfg(5)).unwrap_err();
            assert_eq!(errs.len(), 1, "{v:?}: {errs:?}");
            assert!(errs[0].contains("\"bad\", review 1: market"), "{}", errs[0]);
        }
        let mut c = open_cfg(5);
        c.w_market = Score::new_raw(1, 0);
        c.admit_ratio = Score::new_raw(1, 0);
        c.min_score = Score::new_raw(i128::MAX, -1);
        assert!(evaluate(&[single("a", "1", "1", "1")], &c).is_err());
    }

    // ----- admission -----

    fn n_candidates(n: usize, score: &str) -> Vec<Candidate> {
        (0..n).map(|i| single(&format!("r{i:02}"), score, score, score)).collect()
    }

    #[test]
    fn cap_is_floor_of_ratio_times_registered() {
        assert_eq!(admission_cap(200_000, 22), Some(4));
        assert_eq!(admission_cap(200_000, 4), Some(0));
        assert_eq!(admission_cap(200_000, 5), Some(1));
        assert_eq!(admission_cap(1_000_000, usize::MAX), Some(usize::MAX));

        let c = cfg(["0.4", "0.3", "0.3"], "0.2", "60", 5);
        let e = evaluate(&n_candidates(22, "90"), &c).unwrap();
        assert_eq!((e.registered, e.cap, e.admitted), (22, 4, 4));
        assert_eq!(ids(&e)[..4], ["r00", "r01", "r02", "r03"]);
        let e = evaluate(&n_candidates(4, "90"), &c).unwrap();
        assert_eq!((e.registered, e.cap, e.admitted), (4, 0, 0));
        assert!(e.results.iter().all(|r| r.exclusion == Some(Exclusion::OverCap)));
    }

    #[test]
    fn below_min_score_is_excluded_with_reason() {
        let c = cfg(["0.4", "0.3", "0.3"], "1", "60", 5);
        // 0.4·60 + 0.3·60 + 0.3·59.9999 = 59.99997 < 60; the other is exactly 60 and gets in.
        let e = evaluate(&[single("low", "60", "60", "59.9999"), single("edge", "60", "60", "60")], &c).unwrap();
        assert_eq!(ids(&e), ["edge", "low"]);
        assert!(e.results[0].admitted && e.results[0].exclusion.is_none());
        assert!(!e.results[1].admitted);
        assert_eq!(e.results[1].exclusion, Some(Exclusion::BelowMinScore));
        assert_eq!(e.results[1].industry_rank, None);
        assert_eq!((e.cap, e.admitted), (2, 1));
    }

    #[test]
    fn over_cap_is_excluded_with_reason() {
        let c = cfg(["0.4", "0.3", "0.3"], "0.5", "60", 5);
        let cands = vec![
            single("c", "70", "70", "70"),
            single("a", "90", "90", "90"),
            single("b", "80", "80", "80"),
            single("d", "65", "65", "65"),
        ];
        let e = evaluate(&cands, &c).unwrap();
        assert_eq!(ids(&e), ["a", "b", "c", "d"]);
        assert_eq!(e.cap, 2);
        let outcome: Vec<_> = e.results.iter().map(|r| (r.admitted, r.exclusion.clone())).collect();
        assert_eq!(
            outcome,
            [(true, None), (true, None), (false, Some(Exclusion::OverCap)), (false, Some(Exclusion::OverCap))]
        );
    }

    #[test]
    fn below_min_score_takes_precedence_over_cap() {
        let c = cfg(["0.4", "0.3", "0.3"], "0.34", "60", 5); // cap = floor(0.34·3) = 1
        let cands = vec![single("a", "90", "90", "90"), single("b", "80", "80", "80"), single("c", "50", "50", "50")];
        let e = evaluate(&cands, &c).unwrap();
        assert_eq!(e.cap, 1);
        let reasons: Vec<_> = e.results.iter().map(|r| r.exclusion.clone()).collect();
        assert_eq!(reasons, [None, Some(Exclusion::OverCap), Some(Exclusion::BelowMinScore)]);
        // And with no cap at all, a low result is still BelowMinScore rather than OverCap.
        let e = evaluate(&cands, &cfg(["0.4", "0.3", "0.3"], "0", "60", 5)).unwrap();
        assert_eq!(e.results[2].exclusion, Some(Exclusion::BelowMinScore));
        assert_eq!(e.results[0].exclusion, Some(Exclusion::OverCap));
    }

    #[test]
    fn industry_rank_counts_admitted_results_per_industry() {
        let mut cands = vec![
            single("a", "95", "95", "95"),
            single("b", "90", "90", "90"),
            single("c", "85", "85", "85"),
            single("d", "80", "80", "80"),
            single("e", "50", "50", "50"),
        ];
        for (c, ind) in cands.iter_mut().zip(["energy", "rare-earth", "energy", "energy", "rare-earth"]) {
            c.industry = ind.to_string();
        }
        let e = evaluate(&cands, &cfg(["0.4", "0.3", "0.3"], "0.6", "60", 5)).unwrap(); // cap 3
        let ranks: Vec<_> = e.results.iter().map(|r| r.industry_rank).collect();
        assert_eq!(ranks, [Some(1), Some(1), Some(2), None, None]);
        assert_eq!(
            industry_stats(&e),
            [
                IndustryStat { industry: "energy".into(), registered: 3, admitted: 2 },
                IndustryStat { industry: "rare-earth".into(), registered: 2, admitted: 1 },
            ]
        );
    }

    #[test]
    fn empty_pool() {
        let e = evaluate(&[], &cfg(["0.4", "0.3", "0.3"], "0.2", "60", 5)).unwrap();
        assert_eq!((e.registered, e.cap, e.admitted, e.results.len()), (0, 0, 0, 0));
        assert!(industry_stats(&e).is_empty());
    }

    // ----- tie-breaks -----

    #[test]
    fn composite_decides_first() {
        let c = open_cfg(5);
        // b has the higher market but the lower composite.
        assert_eq!(ranked_ids(vec![single("b", "99", "0", "0"), single("a", "50", "50", "50")], &c), ["a", "b"]);
    }

    #[test]
    fn composite_tie_decided_by_market() {
        // 0.4·90 + 0.3·60 + 0.3·60 = 72 = 0.4·60 + 0.3·100 + 0.3·60
        let cands = vec![single("b", "60", "100", "60"), single("a", "90", "60", "60")];
        let e = evaluate(&cands, &open_cfg(5)).unwrap();
        assert_eq!(e.results[0].composite, e.results[1].composite);
        assert_eq!(ranked_ids(cands, &open_cfg(5)), ["a", "b"]);
    }

    #[test]
    fn composite_and_market_tie_decided_by_value() {
        let cands = vec![single("b", "80", "60", "90"), single("a", "80", "90", "60")];
        assert_eq!(ranked_ids(cands, &open_cfg(5)), ["a", "b"]);
    }

    #[test]
    fn composite_market_value_tie_decided_by_tech() {
        // With a zero tech weight, tech does not move the composite, so it can decide alone.
        let c = cfg(["0.5", "0.5", "0"], "1", "0", 5);
        let cands = vec![single("b", "80", "80", "70"), single("a", "80", "80", "90")];
        assert_eq!(ranked_ids(cands, &c), ["a", "b"]);
    }

    #[test]
    fn score_tie_decided_by_earlier_registration() {
        let mut late = single("a-late", "80", "80", "80");
        late.registered = (2026, 5, 13);
        let mut early = single("z-early", "80", "80", "80");
        early.registered = (2026, 5, 12);
        let mut earlier_year = single("y-2025", "80", "80", "80");
        earlier_year.registered = (2025, 12, 31);
        assert_eq!(ranked_ids(vec![late, early, earlier_year], &open_cfg(5)), ["y-2025", "z-early", "a-late"]);
    }

    #[test]
    fn date_tie_decided_by_title_in_code_point_order() {
        let mk = |id: &str, title: &str| Candidate { title: title.to_string(), ..single(id, "80", "80", "80") };
        // Code points: 'Z' (U+5A) < 'a' (U+61) < 'é' (U+E9) < '稀' (U+7A00) < '高' (U+9AD8).
        let cands = vec![mk("1", "高纯稀土"), mk("2", "a"), mk("3", "稀土"), mk("4", "Z"), mk("5", "é")];
        assert_eq!(ranked_ids(cands, &open_cfg(5)), ["4", "2", "5", "3", "1"]);
    }

    #[test]
    fn full_tie_decided_by_id() {
        let mk = |id: &str| Candidate { title: "同名".to_string(), ..single(id, "80", "80", "80") };
        assert_eq!(ranked_ids(vec![mk("b"), mk("c"), mk("a")], &open_cfg(5)), ["a", "b", "c"]);
    }

    // ----- exact versus f64 -----

    /// The f64 composite a naive implementation would compute.
    fn f64_composite(m: i32, v: i32, t: i32) -> f64 {
        0.4 * f64::from(m) + 0.3 * f64::from(v) + 0.3 * f64::from(t)
    }

    /// Finds two integer score triples whose composites are equal on paper (4m+3v+3t equal)
    /// but whose f64 composites differ, the second having the higher market. Brute force over
    /// the integer grid is enough; the search itself proves such a pair exists. (It finds
    /// (0, 0, 28) and (3, 0, 24): both 8.4 on paper, 8.4 and 8.399999999999999 in f64.)
    fn find_f64_mistie() -> Option<([i32; 3], [i32; 3])> {
        let mut seen: HashMap<i32, ([i32; 3], f64)> = HashMap::new();
        for m in 0..=100 {
            for v in 0..=100 {
                for t in 0..=100 {
                    let key = 4 * m + 3 * v + 3 * t;
                    let f = f64_composite(m, v, t);
                    match seen.get(&key) {
                        // We want f64 to rank `first` strictly above `second` although the exact
                        // rule ranks `second` first (equal composite, higher market).
                        Some(&(first, ff)) if first[0] < m && ff > f => {
                            return Some((first, [m, v, t]));
                        }
                        Some(_) => {}
                        None => {
                            seen.insert(key, ([m, v, t], f));
                        }
                    }
                }
            }
        }
        None
    }

    #[test]
    fn exact_arithmetic_gets_right_what_f64_gets_wrong() {
        let (lo_market, hi_market) = find_f64_mistie().expect("a pair that f64 mis-ties exists");
        let [a, b] = [lo_market, hi_market].map(|x| x.map(|s| s.to_string()));
        // On paper the composites are equal ...
        assert_eq!(
            4 * lo_market[0] + 3 * lo_market[1] + 3 * lo_market[2],
            4 * hi_market[0] + 3 * hi_market[1] + 3 * hi_market[2]
        );
        // ... but f64 sees them differ and would rank the lower-market one first.
        let (fa, fb) = (
            f64_composite(lo_market[0], lo_market[1], lo_market[2]),
            f64_composite(hi_market[0], hi_market[1], hi_market[2]),
        );
        assert!(fa > fb, "{lo_market:?} {fa} vs {hi_market:?} {fb}");
        // The module ties them exactly and lets market decide.
        let cands = vec![single("lo", &a[0], &a[1], &a[2]), single("hi", &b[0], &b[1], &b[2])];
        let e = evaluate(&cands, &open_cfg(5)).unwrap();
        assert_eq!(e.results[0].composite, e.results[1].composite);
        assert_eq!(ranked_ids(cands.clone(), &open_cfg(5)), ["hi", "lo"]);
        // With min_score at that very composite, an f64 pool would also reject one of them
        // (fb < fa = the f64 value of the min_score); the exact pool admits both.
        let composite = e.results[0].composite;
        let strict = PoolConfig { min_score: composite, ..open_cfg(5) };
        let e = evaluate(&cands, &strict).unwrap();
        assert_eq!(e.admitted, 2);
    }

    // ----- formatting and parsing -----

    #[test]
    fn format2_rounds_half_away_from_zero_exactly() {
        let cases = [
            ("86.335", "86.34"),
            ("86.3349", "86.33"),
            ("86.325", "86.33"), // half: away from zero, not to even
            ("86.3351", "86.34"),
            ("90", "90.00"),
            ("0", "0.00"),
            ("0.005", "0.01"),
            ("0.0049", "0.00"),
            ("99.995", "100.00"),
            ("99.9949", "99.99"),
            ("100", "100.00"),
            ("86.5", "86.50"),
        ];
        for (input, want) in cases {
            assert_eq!(format2(&sc(input)), want, "{input}");
        }
        assert_eq!(format2(&q(220, 3)), "73.33");
        assert_eq!(format2(&q(2, 3)), "0.67");
        assert_eq!(format2(&q(1, 8)), "0.13");
        assert_eq!(format2(&q(-1, 200)), "-0.01");
        assert_eq!(format2(&q(-1, 8)), "-0.13");
        assert_eq!(format2(&q(-4, 1000)), "0.00"); // no "-0.00"
        // 86.334999... just under the half stays down; the exact half goes up.
        assert_eq!(format2(&q(86_335 * 1_000_000 - 1, 1_000_000_000)), "86.33");
        assert_eq!(format2(&q(86_335, 1000)), "86.34");
    }

    #[test]
    fn format2_never_panics_on_extreme_ratios() {
        assert_eq!(format2(&q(i128::MAX, 1)), format!("{}.00", i128::MAX));
        assert_eq!(format2(&Score::new_raw(i128::MIN, 1)), format!("-{}.00", i128::MIN.unsigned_abs()));
        assert_eq!(format2(&q(1, i128::MAX)), "0.00");
        assert_eq!(format2(&q(i128::MAX - 1, i128::MAX)), "1.00");
        assert_eq!(format2(&Score::new_raw(1, -2)), "-0.50");
        assert_eq!(format2(&Score::new_raw(1, 0)), "NaN");
        let _ = format_exact(&Score::new_raw(i128::MIN, i128::MIN));
        let _ = format_exact(&Score::new_raw(1, 0));
        assert_eq!(format_exact(&q(1, 3)), "1/3");
        assert_eq!(format_exact(&q(-9, 10)), "-0.9");
        assert_eq!(format_exact(&q(60, 1)), "60");
    }

    #[test]
    fn parse_score_accepts_plain_decimals() {
        assert_eq!(sc("86"), q(86, 1));
        assert_eq!(sc("86.5"), q(173, 2));
        assert_eq!(sc("0"), q(0, 1));
        assert_eq!(sc("100"), q(100, 1));
        assert_eq!(sc("100.0000"), q(100, 1));
        assert_eq!(sc(" 86.5 "), q(173, 2));
        assert_eq!(sc("86.1234"), q(861_234, 10_000));
        assert_eq!(sc("86.50000"), q(173, 2)); // trailing zeros are not decimal places
        assert_eq!(sc("007"), q(7, 1));
        assert_eq!(sc("+7"), q(7, 1));
        assert_eq!(sc("-0"), q(0, 1));
    }

    #[test]
    fn parse_score_errors() {
        for (input, what) in [
            ("abc", "not a number"),
            ("", "not a number"),
            ("86,5", "not a number"),
            ("1e2", "not a number"),
            ("86.", "not a number"),
            (".5", "not a number"),
            ("８６", "not a number"),
            ("--1", "not a number"),
            ("-1", "out of range"),
            ("-0.0001", "out of range"),
            ("100.0001", "out of range"),
            ("101", "out of range"),
            ("99999999999999999999999999999999999999999", "out of range"),
            ("86.12345", "more than 4 decimal places"),
        ] {
            let err = parse_score(input).unwrap_err();
            assert!(err.contains(what), "{input:?}: {err}");
            assert!(err.contains("scores are numbers from 0 to 100, e.g. 86 or 86.5"), "{err}");
        }
    }

    #[test]
    fn parse_fraction_values_and_errors() {
        assert_eq!(fr("0.4"), q(2, 5));
        assert_eq!(fr("0.2"), q(1, 5));
        assert_eq!(fr("1"), q(1, 1));
        assert_eq!(fr("60"), q(60, 1));
        assert_eq!(fr("-0.1"), q(-1, 10));
        assert_eq!(fr("0.333333"), q(333_333, 1_000_000));
        assert!(parse_fraction("forty").unwrap_err().contains("not a number"));
        assert!(parse_fraction("1234567890123456789012").unwrap_err().contains("too large"));
    }

    // ----- properties -----

    /// Review scores in 1/10⁴ units: often round multiples of 5 (to provoke ties), sometimes
    /// any 4-decimal value.
    fn score_units() -> impl Strategy<Value = i128> {
        prop_oneof![3 => (0i128..=20).prop_map(|x| x * 50_000), 1 => 0i128..=1_000_000]
    }

    fn review() -> impl Strategy<Value = Review> {
        (score_units(), score_units(), score_units()).prop_map(|(m, v, t)| Review {
            market: q(m, SCORE_UNIT),
            value: q(v, SCORE_UNIT),
            tech: q(t, SCORE_UNIT),
        })
    }

    const INDUSTRIES: [&str; 3] = ["rare-earth", "new-energy", "biomed"];

    /// Up to 14 results with unique ids; some have a "twin" that is identical in everything the
    /// ranking looks at except the id (and possibly in another industry), so that only the id
    /// tie-break keeps the order independent of input order.
    fn candidates() -> impl Strategy<Value = Vec<Candidate>> {
        let one = (
            prop::sample::select(vec!["甲", "乙", "A"]),
            prop::sample::select(INDUSTRIES.to_vec()),
            (2025i32..=2026, 1u8..=2, 1u8..=2),
            prop::collection::vec(review(), 1..=6),
            prop::option::weighted(0.3, prop::sample::select(INDUSTRIES.to_vec())),
        );
        prop::collection::vec(one, 0..=10).prop_map(|v| {
            let mut out = Vec::new();
            for (i, (title, industry, registered, reviews, twin)) in v.into_iter().enumerate() {
                let c = Candidate {
                    id: format!("r{i}"),
                    title: title.to_string(),
                    industry: industry.to_string(),
                    registered,
                    reviews,
                };
                if let Some(twin_industry) = twin {
                    out.push(Candidate { id: format!("t{i}"), industry: twin_industry.to_string(), ..c.clone() });
                }
                out.push(c);
            }
            out
        })
    }

    fn config() -> impl Strategy<Value = PoolConfig> {
        let weights = prop::sample::select(vec![
            ["0.4", "0.3", "0.3"],
            ["0.5", "0.25", "0.25"],
            ["1", "0", "0"],
            ["0.333333", "0.333333", "0.333334"],
            ["0.2", "0.2", "0.6"],
        ]);
        let ratio = prop_oneof![(0i128..=10).prop_map(|x| x * 100_000), 0i128..=CONFIG_UNIT];
        (weights, ratio, 0i128..=100, prop::sample::select(vec![0usize, 3, 4, 5])).prop_map(|(w, r, min, trim_from)| {
            PoolConfig {
                w_market: fr(w[0]),
                w_value: fr(w[1]),
                w_tech: fr(w[2]),
                admit_ratio: q(r, CONFIG_UNIT),
                min_score: q(min, 1),
                trim_from,
            }
        })
    }

    fn cands_and_shuffled() -> impl Strategy<Value = (Vec<Candidate>, Vec<Candidate>)> {
        candidates().prop_flat_map(|c| (Just(c.clone()), Just(c).prop_shuffle()))
    }

    proptest! {
        #[test]
        fn any_permutation_gives_the_same_evaluation((cands, shuffled) in cands_and_shuffled(), cfg in config()) {
            let a = evaluate(&cands, &cfg).unwrap();
            let b = evaluate(&shuffled, &cfg).unwrap();
            prop_assert_eq!(industry_stats(&a), industry_stats(&b));
            prop_assert_eq!(a, b);
        }

        #[test]
        fn admission_respects_cap_and_min_score(cands in candidates(), cfg in config()) {
            let e = evaluate(&cands, &cfg).unwrap();
            prop_assert!(e.admitted <= e.cap);
            prop_assert_eq!(e.admitted, e.results.iter().filter(|r| r.admitted).count());
            for r in &e.results {
                // Exclusion is present exactly when not admitted, and BelowMinScore exactly
                // when the composite is below min_score.
                prop_assert_eq!(r.admitted, r.exclusion.is_none());
                prop_assert_eq!(r.exclusion == Some(Exclusion::BelowMinScore), r.composite < cfg.min_score);
                if r.admitted {
                    prop_assert!(r.composite >= cfg.min_score);
                }
            }
        }

        /// Invariant: for every admitted result A and every result B excluded as OverCap,
        /// A.rank < B.rank; and the pool is never short while eligible results remain:
        /// admitted = min(cap, number of results with composite >= min_score). Together these
        /// say the admitted results are exactly the first `admitted` ranks.
        #[test]
        fn admitted_results_outrank_over_cap_ones(cands in candidates(), cfg in config()) {
            let e = evaluate(&cands, &cfg).unwrap();
            let eligible = e.results.iter().filter(|r| r.composite >= cfg.min_score).count();
            prop_assert_eq!(e.admitted, e.cap.min(eligible));
            for a in e.results.iter().filter(|r| r.admitted) {
                for b in e.results.iter().filter(|r| r.exclusion == Some(Exclusion::OverCap)) {
                    prop_assert!(a.rank < b.rank, "{} (rank {}) vs {} (rank {})", a.id, a.rank, b.id, b.rank);
                }
            }
            for r in &e.results {
                prop_assert_eq!(r.admitted, r.rank <= e.admitted);
            }
        }

        #[test]
        fn ranks_are_one_to_n_in_order(cands in candidates(), cfg in config()) {
            let e = evaluate(&cands, &cfg).unwrap();
            prop_assert_eq!(e.registered, cands.len());
            let ranks: Vec<usize> = e.results.iter().map(|r| r.rank).collect();
            prop_assert_eq!(ranks, (1..=cands.len()).collect::<Vec<_>>());
            for w in e.results.windows(2) {
                prop_assert!(w[0].composite >= w[1].composite);
            }
            // industry_rank numbers each industry's admitted results 1, 2, 3, ...
            let mut next: HashMap<&str, usize> = HashMap::new();
            for r in e.results.iter().filter(|r| r.admitted) {
                let n = next.entry(r.industry.as_str()).or_insert(0);
                *n += 1;
                prop_assert_eq!(r.industry_rank, Some(*n));
            }
            let stats = industry_stats(&e);
            prop_assert_eq!(stats.iter().map(|s| s.registered).sum::<usize>(), e.registered);
            prop_assert_eq!(stats.iter().map(|s| s.admitted).sum::<usize>(), e.admitted);
        }

        #[test]
        fn composite_lies_between_its_dimensions(cands in candidates(), cfg in config()) {
            let e = evaluate(&cands, &cfg).unwrap();
            for r in &e.results {
                let dims = [&r.market, &r.value, &r.tech];
                let lo = dims.iter().min().unwrap();
                let hi = dims.iter().max().unwrap();
                prop_assert!(**lo <= r.composite && r.composite <= **hi, "{:?}", r);
            }
            // Each dimension lies between that dimension's lowest and highest review.
            for c in &cands {
                let r = e.results.iter().find(|r| r.id == c.id).unwrap();
                let market: Vec<&Score> = c.reviews.iter().map(|x| &x.market).collect();
                prop_assert!(**market.iter().min().unwrap() <= r.market && r.market <= **market.iter().max().unwrap());
            }
        }

        #[test]
        fn format2_matches_integer_rounding(units in -2_000_000i128..=2_000_000) {
            // units/10⁴ rounded half away from zero to hundredths is (|units| + 50) / 100.
            let cents = (units.abs() + 50) / 100;
            let sign = if units < 0 && cents != 0 { "-" } else { "" };
            let want = format!("{sign}{}.{:02}", cents / 100, cents % 100);
            prop_assert_eq!(format2(&q(units, SCORE_UNIT)), want);
        }

        #[test]
        fn parse_score_round_trips(units in 0i128..=1_000_000) {
            let text = format!("{}.{:04}", units / SCORE_UNIT, units % SCORE_UNIT);
            prop_assert_eq!(parse_score(&text), Ok(q(units, SCORE_UNIT)));
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,30}") {
            let _ = parse_score(&s);
            let _ = parse_fraction(&s);
        }
    }
}
