//! Live reload: the script served pages load, the stream of reload events it listens to,
//! and the error overlay. All of this is added to pages as they are served, never to the
//! built files, so `build` output never carries it.

use std::sync::Mutex;

use bytes::Bytes;
use tokio::sync::mpsc;

use crate::build::BuildReport;
use crate::text::escape::escape_html;

/// Addresses the server keeps for itself, outside any site's base path.
pub const RESERVED: &str = "/__investsite/";
pub const EVENTS_PATH: &str = "/__investsite/events";
pub const SCRIPT_PATH: &str = "/__investsite/reload.js";

/// Open event streams beyond this are refused: each is a connection held open.
const MAX_LISTENERS: usize = 64;

/// Reloads the page when the server says the site changed, and puts the reader back where
/// they were (the scroll position survives the reload in sessionStorage, per address).
pub const SCRIPT: &str = r#"(function () {
  var key = "investsite-scroll:" + location.pathname + location.search;
  var saved = sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    var at = JSON.parse(saved);
    var restore = function () { window.scrollTo(at[0], at[1]); };
    restore();
    window.addEventListener("load", restore);
  }
  var events = new EventSource("/__investsite/events");
  events.addEventListener("reload", function () {
    sessionStorage.setItem(key, JSON.stringify([window.scrollX, window.scrollY]));
    events.close();
    location.reload();
  });
})();
"#;

/// The open event streams of the pages being looked at.
#[derive(Default)]
pub struct Listeners {
    senders: Mutex<Vec<mpsc::Sender<Bytes>>>,
}

impl Listeners {
    /// A new stream, or `None` when too many are open.
    pub fn subscribe(&self) -> Option<mpsc::Receiver<Bytes>> {
        let mut senders = self.senders.lock().unwrap_or_else(|p| p.into_inner());
        senders.retain(|s| !s.is_closed());
        if senders.len() >= MAX_LISTENERS {
            return None;
        }
        let (tx, rx) = mpsc::channel(8);
        // The first bytes open the stream in the browser; `retry` paces reconnects.
        let _ = tx.try_send(Bytes::from_static(b"retry: 500\n: investsite\n\n"));
        senders.push(tx);
        Some(rx)
    }

    /// Tells every open page to reload; `generation` numbers the builds.
    pub fn reload(&self, generation: u64) {
        let event = Bytes::from(format!("event: reload\ndata: {generation}\n\n"));
        let mut senders = self.senders.lock().unwrap_or_else(|p| p.into_inner());
        senders.retain(|s| s.try_send(event.clone()).is_ok() || !s.is_closed());
    }
}

/// The overlay listing a failed build's problems, exactly as the terminal prints them.
pub fn overlay(report: &BuildReport) -> String {
    let mut items = String::new();
    for d in report.errors() {
        items.push_str(&format!("<pre>{}</pre>", escape_html(&d.to_string())));
    }
    if let Some(f) = &report.fatal {
        items.push_str(&format!("<pre>error: {}</pre>", escape_html(&f.to_string())));
    }
    let count = report.errors().count() + usize::from(report.fatal.is_some());
    format!(
        r#"<div id="investsite-errors" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.92);color:#fff;font:15px/1.5 system-ui,sans-serif;padding:2rem"><h2 style="color:#ff8a80;margin:0 0 1rem">The site has {count} error(s) / 网站有{count}处错误</h2><p style="margin:0 0 1rem">Fix the file and save: this page reloads by itself. Until then, pages show the last build without errors. / 改正文件并保存后页面会自动刷新；在此之前显示的是上一次无错误的版本。</p><style>#investsite-errors pre{{white-space:pre-wrap;background:#000;color:#fff;padding:1rem;border-left:4px solid #ff5252;font:14px/1.5 ui-monospace,monospace}}</style>{items}<button type="button" onclick="this.parentNode.remove()" style="font:inherit;padding:.3rem 1rem">Hide / 隐藏</button></div>"#
    )
}

/// A whole page for when no build has succeeded yet: only the problems.
pub fn error_page(report: &BuildReport) -> String {
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>investsite: the site has errors</title></head><body>{}{}</body></html>",
        overlay(report),
        script_tag()
    )
}

pub fn script_tag() -> String {
    format!("<script src=\"{SCRIPT_PATH}\"></script>")
}

/// `html` with `extra` placed before its closing `</body>` (at the end when there is none).
pub fn inject(html: &[u8], extra: &str) -> Vec<u8> {
    let at = find_last_ascii_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=hay.len().checked_sub(needle.len())?).rev().find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;

    #[test]
    fn injected_before_the_closing_body() {
        assert_eq!(inject(b"<html><body>x</BODY></html>", "<s>"), b"<html><body>x<s></BODY></html>");
        assert_eq!(inject(b"plain", "<s>"), b"plain<s>");
    }

    #[test]
    fn the_overlay_escapes_what_authors_wrote() {
        let report = BuildReport {
            diagnostics: vec![
                Diagnostic::error("bad <script>alert(1)</script>").in_file("content/a.zh.md").at_line(3).field("title"),
            ],
            ..BuildReport::default()
        };
        let html = overlay(&report);
        assert!(html.contains("content/a.zh.md"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
        assert!(!html.contains("<script>alert"), "{html}");
    }

    #[test]
    fn a_reload_reaches_every_open_stream_and_closed_ones_are_dropped() {
        let listeners = Listeners::default();
        let mut a = listeners.subscribe().unwrap();
        let b = listeners.subscribe().unwrap();
        drop(b);
        listeners.reload(7);
        assert!(a.try_recv().unwrap().starts_with(b"retry"));
        assert_eq!(a.try_recv().unwrap(), Bytes::from_static(b"event: reload\ndata: 7\n\n"));
        assert_eq!(listeners.senders.lock().unwrap().len(), 1);
    }
}
