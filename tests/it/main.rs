//! The integration tests, one binary: each topic is a module, so the test targets link once
//! instead of once per topic. Shared helpers are in `common`.
//!
//! Topics (keep sorted; a new topic is a new `mod` line here):
//! - input_checks (tests/input_checks.rs on its branch) and fuzz (tests/fuzz.rs) move into
//!   this folder as `input_checks.rs` and `fuzz.rs`, with a `mod` line each, when merged.

mod common;

mod author_mistakes;
mod browser;
mod docs;
mod example_site;
mod finder;
mod hostile_content;
mod input_files;
mod languages_and_formats;
mod maps_and_profiles;
mod open_data;
mod output_safety;
mod pool_pages;
mod relative_build;
mod search;
mod search_engines;
mod sharing;
mod site_output;
