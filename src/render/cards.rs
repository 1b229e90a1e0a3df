//! Cards: a page as listed elsewhere (sections, related lists, the home page, the finder's
//! data). A page's card is the same wherever it is listed, so it is made once per language.

use rayon::prelude::*;

use super::context::{Cx, is_published};
use super::facts;
use super::model::Card;
use crate::domain::Status;
use crate::resolve::Page;

pub fn card(cx: &Cx, page: &Page) -> Card {
    match cx.site.by_key.get(&page.key) {
        Some(&i) => cx.cards[i].get_or_init(|| make_card(cx, page)).clone(),
        None => make_card(cx, page),
    }
}

/// Makes every published page's card before the pages are rendered. Made while pages
/// render, the cards lay scattered among each page's short-lived allocations and kept more
/// memory in use: 37 MB more of a 20,000-item build's peak.
pub fn make_all(cx: &Cx) {
    cx.site.pages.par_iter().zip(&cx.cards).filter(|(p, _)| is_published(cx.site, p)).for_each(|(p, card)| {
        card.get_or_init(|| make_card(cx, p));
    });
}

/// The cards of `pages`, in their order.
pub fn cards(cx: &Cx, pages: Vec<&Page>) -> Vec<Card> {
    pages.into_iter().map(|p| card(cx, p)).collect()
}

fn make_card(cx: &Cx, page: &Page) -> Card {
    let status = cx.status(page);
    Card {
        title: cx.title(page),
        url: cx.page_url(page),
        summary: cx.summary(page),
        date: page.date.map(|d| d.format(cx.lang)),
        kind: page.kind.id(),
        status: status.map(Status::id),
        status_label: status.map(|s| cx.status_label(s)),
        facts: facts::card_facts(cx, page),
        fallback: page.version(cx.lang).fallback,
        content_lang: cx.content_lang(page),
        image: facts::images(cx, page).into_iter().next(),
        lang: cx.page_lang(page),
        signed: facts::signed_badge(cx, page),
    }
}
