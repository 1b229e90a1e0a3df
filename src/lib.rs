//! investsite: a static site generator for bilingual investment-promotion sites.
//!
//! The pipeline, one module per stage:
//! [`load`] (files from disk) → [`resolve`] (languages, slugs, links, pool) →
//! [`render`] (Markdown and templates) → [`write`] (atomic swap of the output folder),
//! driven by [`build`]. The promotion domain (projects, policies, environment, results)
//! lives in [`domain`] and [`pool`]; [`finder`] adds the filter pages of the project and policy lists; [`units`] formats amounts, areas and dates per
//! language; [`markdown`] handles Chinese text properly.

pub mod brochure;
pub mod build;
pub mod config;
pub mod diagnostics;
pub mod domain;
pub mod fields;
pub mod finder;
pub mod geo;
pub mod geojson;
pub mod load;
pub mod markdown;
pub mod named_files;
pub mod pool;
pub mod relative;
pub mod render;
pub mod resolve;
pub mod sanitize;
pub mod scaffold;
pub mod share;
pub mod slug;
pub mod theme;
pub mod units;
pub mod url_policy;
pub mod write;
pub mod yaml;
