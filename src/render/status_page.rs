//! The translation status page (`/translation-status/`): the table `investsite status`
//! prints, for the office to read in a browser. Computed from the loaded content files by
//! `staff::status`; not linked, not in the sitemap or the search index, `noindex`.

use super::context::Cx;
use super::model::{QuietSection, StatusEntry, StatusLanguage, StatusSection, TranslationStatus};
use crate::resolve::{Kind, Page};
use crate::staff::status::{self, State};

pub fn translation_status(cx: &Cx, page: &Page) -> Option<TranslationStatus> {
    if page.kind != Kind::TranslationStatus {
        return None;
    }
    let site = cx.site;
    let report = status::report(&site.files, &site.config.languages, site.today, site.config.staff.stale_after_days);
    let languages = report
        .languages
        .iter()
        .map(|(code, sections)| StatusLanguage {
            code: code.clone(),
            name: crate::load::config::english_language_name(code),
            sections: sections.iter().map(section).collect(),
        })
        .collect();
    let quiet_sections = report
        .quiet_sections
        .iter()
        .map(|q| QuietSection { section: q.section.clone(), newest: q.newest.clone(), days: q.days })
        .collect();
    Some(TranslationStatus { languages, quiet_sections, stale_after_days: report.stale_after_days })
}

fn section(s: &status::SectionStatus) -> StatusSection {
    StatusSection {
        section: if s.section.is_empty() { "/".to_string() } else { s.section.clone() },
        translated: s.count(State::Translated),
        stale: s.count(State::Stale),
        unmarked: s.count(State::Unmarked),
        missing: s.count(State::Missing),
        todo: s
            .entries
            .iter()
            .filter(|e| matches!(e.state, State::Stale | State::Missing))
            .map(|e| StatusEntry { file: e.translation.clone(), original: e.original.clone(), state: e.state.id() })
            .collect(),
    }
}
