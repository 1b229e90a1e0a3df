//! Rendered pages kept between the builds of one process (`serve`, `build --watch`), so that
//! a rebuild after an edit runs the templates only for pages whose model changed.
//!
//! A page's HTML depends on its template, its model and what every page shares: the theme's
//! templates, the UI strings and data files, the share fonts, the processed photos and the
//! base path. The shared part is the memo's generation: when it changes, everything is
//! forgotten. Within a generation a page's output is keyed by its template and serialized
//! model, so an unchanged model gives the output the templates gave it last time, and an
//! edit anywhere that reaches a page's model (its title on a list, a related card) renders
//! that page again. Entries not used by a build are dropped at its end.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::share::raster::hash128;

#[derive(Default)]
pub struct Memo {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    generation: String,
    /// What the previous build rendered.
    previous: HashMap<String, Arc<str>>,
    /// What this build rendered or took from `previous`.
    current: HashMap<String, Arc<str>>,
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

impl Memo {
    pub fn new() -> Arc<Memo> {
        Arc::new(Memo::default())
    }

    /// Starts a build whose shared inputs hash to `generation`.
    pub(super) fn begin(&self, generation: String) {
        let mut s = self.lock();
        if s.generation != generation {
            s.previous.clear();
            s.generation = generation;
        }
        s.current.clear();
    }

    /// The output rendered for `key`, or `render`'s, remembered when it succeeds.
    pub(super) fn get_or_render(&self, key: String, render: impl FnOnce() -> Option<String>) -> Option<String> {
        if let Some(found) = self.take(&key) {
            return Some(found.to_string());
        }
        let text = render()?;
        self.lock().current.insert(key, Arc::from(text.as_str()));
        Some(text)
    }

    /// What the last finished build rendered (pages, share-image SVGs before rasterising), for
    /// checking what readers get without decoding images.
    pub fn rendered(&self) -> Vec<Arc<str>> {
        self.lock().previous.values().cloned().collect()
    }

    /// Ends a build: what it did not use is forgotten.
    pub(super) fn finish(&self) {
        let mut s = self.lock();
        s.previous = std::mem::take(&mut s.current);
    }

    fn take(&self, key: &str) -> Option<Arc<str>> {
        let mut s = self.lock();
        let found = s.current.get(key).or_else(|| s.previous.get(key)).cloned()?;
        s.current.insert(key.to_string(), found.clone());
        Some(found)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The key of one render: the template, the language and the model as JSON.
pub(super) fn key(template: &str, lang: &str, model: &impl serde::Serialize) -> Option<String> {
    let json = serde_json::to_vec(model).ok()?;
    Some(hash128([template.as_bytes(), b"\0", lang.as_bytes(), b"\0", json.as_slice()]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_rendered_again_only_when_its_model_or_the_generation_changes() {
        let memo = Memo::default();
        let calls = std::cell::Cell::new(0);
        let render = |text: &str| {
            calls.set(calls.get() + 1);
            Some(text.to_string())
        };
        memo.begin("g1".into());
        assert_eq!(memo.get_or_render("a".into(), || render("A")), Some("A".into()));
        memo.finish();
        memo.begin("g1".into());
        assert_eq!(memo.get_or_render("a".into(), || render("changed")), Some("A".into()), "unchanged model");
        assert_eq!(memo.get_or_render("b".into(), || render("B")), Some("B".into()));
        memo.finish();
        memo.begin("g2".into());
        assert_eq!(memo.get_or_render("a".into(), || render("A2")), Some("A2".into()), "new generation");
        assert_eq!(calls.get(), 3);
    }

    #[test]
    fn what_a_build_did_not_use_is_forgotten_and_failures_are_not_kept() {
        let memo = Memo::default();
        memo.begin("g".into());
        memo.get_or_render("old".into(), || Some("x".into()));
        assert_eq!(memo.get_or_render("bad".into(), || None), None);
        memo.finish();
        memo.begin("g".into());
        memo.finish();
        memo.begin("g".into());
        assert_eq!(memo.get_or_render("old".into(), || Some("new".into())), Some("new".into()));
        assert_eq!(memo.get_or_render("bad".into(), || Some("ok".into())), Some("ok".into()));
    }
}
