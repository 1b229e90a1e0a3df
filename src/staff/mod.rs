//! The promotion office's own tools, beside the build: Excel in and out (`import`,
//! `export`) and the translation status (`status`). They read the site through `load`
//! (so through `load::guard`), check content with the rules of `domain`, and write only
//! the content files or the sheet they are asked for.

pub mod chambers;
pub mod columns;
pub mod export;
pub mod front;
pub mod import;
pub mod sheet;
pub mod site;
pub mod status;
