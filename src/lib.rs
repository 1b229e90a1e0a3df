//! investsite: a static site generator for bilingual investment-promotion sites.
//!
//! The pipeline, one folder per stage (see ARCHITECTURE.md):
//! [`load`] (files from disk: settings, fields, YAML, themes, text decoding) →
//! [`resolve`] (languages, slugs, links, generated and finder pages, the pool) →
//! [`render`] (Markdown and templates) → [`write`] (relative links, atomic swap of the
//! output folder), driven by [`build`]. The promotion domain (projects, policies,
//! environment, results, the pool's rules, the finder's matching rules) lives in
//! [`domain`]; [`units`] formats amounts, areas and dates per language; [`markdown`]
//! handles Chinese text properly.

pub mod brochure;
pub mod build;
pub mod diagnostics;
pub mod domain;
pub mod geo;
pub mod geojson;
pub mod load;
pub mod markdown;
pub mod named_files;
pub mod photos;
pub mod render;
pub mod resolve;
pub mod sanitize;
pub mod scaffold;
pub mod serve;
pub mod share;
pub mod staff;
pub mod terminal;
pub mod text;
pub mod units;
pub mod url_policy;
pub mod write;
