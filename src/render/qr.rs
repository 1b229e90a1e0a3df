//! QR codes of page addresses as SVG: for the share box (a phone held up to a desktop
//! screen), posters and the printed brochure.
//!
//! The code is drawn as one path of horizontal runs of dark modules, with the four-module
//! quiet zone scanners need, so it stays small inline (about 2–3 KB for a page address)
//! and sharp at any size and in print.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use fast_qr::{ECL, QRBuilder};

use crate::text::escape_html as escape;

/// A QR code as an SVG path in module units.
#[derive(Clone)]
pub struct Qr {
    /// The `d` of a path drawing the dark modules, quiet zone included.
    pub path: String,
    /// Width and height in modules, quiet zone included.
    pub size: usize,
}

const QUIET: usize = 4;

/// The QR code of `text` at error-correction level M (survives 15 % damage: a crease in
/// print, a glare on a screen). `None` only for text too long for any QR code.
/// (fast_qr: every page gets one, and choosing the best mask is most of the work; it does
/// that several times faster than the qrcode crate.) With `keep_all` (`serve`, `build
/// --watch`: the next rebuild asks again) every code is remembered; a single build only
/// asks twice for a page's code (share box, poster), so it keeps a few recent ones.
pub fn encode(text: &str, keep_all: bool) -> Option<Qr> {
    if let Some(qr) = memo().lock().ok().and_then(|m| m.get(text).cloned()) {
        return Some((*qr).clone());
    }
    let qr = draw(text)?;
    if let Ok(mut m) = memo().lock() {
        if m.len() >= if keep_all { MEMO_LIMIT } else { RECENT_LIMIT } {
            m.clear();
        }
        m.insert(text.to_string(), Arc::new(qr.clone()));
    }
    Some(qr)
}

/// Codes drawn before, by their text: a code depends on its text alone, and `serve`
/// rebuilds the same pages (the same addresses) after every edit.
fn memo() -> &'static Mutex<HashMap<String, Arc<Qr>>> {
    static MEMO: std::sync::OnceLock<Mutex<HashMap<String, Arc<Qr>>>> = std::sync::OnceLock::new();
    MEMO.get_or_init(Mutex::default)
}

/// About 3 KB each: enough for every address of a large site, bounded for a huge one.
const MEMO_LIMIT: usize = 20_000;

/// The codes of the pages being rendered on all threads (held all, they were 60 MB of a
/// 20,000-item build's peak memory).
const RECENT_LIMIT: usize = 256;

fn draw(text: &str) -> Option<Qr> {
    let code = QRBuilder::new(text.as_bytes()).ecl(ECL::M).build().ok()?;
    let width = code.size;
    let mut path = String::new();
    for y in 0..width {
        let row = &code[y][..width];
        let mut x = 0;
        while x < width {
            if !row[x].value() {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x].value() {
                x += 1;
            }
            let _ = write!(path, "M{} {}h{}v1h-{}z", start + QUIET, y + QUIET, x - start, x - start);
        }
    }
    Some(Qr { path, size: width + 2 * QUIET })
}

/// A standalone, accessible SVG element for HTML pages.
pub fn svg(text: &str, label: &str, class: &str, keep_all: bool) -> Option<String> {
    let qr = encode(text, keep_all)?;
    Some(format!(
        r##"<svg class="{class}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {s} {s}" role="img" aria-label="{label}" shape-rendering="crispEdges"><rect width="{s}" height="{s}" fill="#fff"/><path d="{d}" fill="#000"/></svg>"##,
        s = qr.size,
        label = escape(label),
        d = qr.path,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_gives_a_square_code_with_a_quiet_zone() {
        let qr = encode("https://invest.baiyin.example.cn/en/projects/copper-foil/", false).unwrap();
        assert!(qr.size >= 21 + 2 * QUIET);
        assert!(qr.path.starts_with(&format!("M{QUIET} {QUIET}h7")), "finder pattern first: {}", &qr.path[..20]);
    }

    #[test]
    fn svg_is_labelled() {
        let s = svg("https://x.cn/", "QR <code>", "qr", false).unwrap();
        assert!(s.contains(r#"aria-label="QR &lt;code&gt;""#));
        assert!(s.contains("role=\"img\""));
    }
}
