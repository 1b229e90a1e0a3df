//! The integration tests, one binary: each topic is a module, so the test targets link once
//! instead of once per topic. Shared helpers are in `common`.
//!
//! Topics: keep sorted; a new topic is a new `mod` line here.

mod common;

mod author_mistakes;
mod browser;
mod chambers;
mod docs;
mod editing;
mod events;
mod example_site;
mod finder;
mod fuzz;
mod gov_footer;
mod hostile_content;
mod input_checks;
mod input_files;
mod languages_and_formats;
mod locale_formats;
mod maps_and_profiles;
mod open_data;
mod output_safety;
mod photos;
mod pool_pages;
mod rebuilds;
mod relative_build;
mod search;
mod search_engines;
mod serve;
mod sharing;
mod site_output;
mod snapshots;
mod staff_tools;
mod stat_sources;
mod terminal_output;
mod third_language;
mod ui_strings;
