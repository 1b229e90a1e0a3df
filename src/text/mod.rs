//! Text rules shared by every stage: character classes of CJK text, escaping for HTML and
//! XML, percent-escapes, and slugs. One definition each, so that a page, its search index and its feed agree.

pub mod cjk;
pub mod escape;
pub mod percent;
pub mod slug;

pub use escape::{escape, escape_html};
