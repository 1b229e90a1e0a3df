//! Reading the PDFs Chromium prints: pages, the text of one page, the pictures on one page,
//! with poppler's tools (pdfinfo, pdftotext, pdfimages). Without them the checks that need
//! them are skipped with a notice, unless INVESTSITE_REQUIRE_BROWSER=1.

use std::path::Path;
use std::process::Command;

fn tool(name: &str) -> bool {
    Command::new(name).arg("-v").output().is_ok()
}

/// True when pdftotext and pdfimages are installed; false (with a notice) when the checks
/// that read a PDF's text or pictures are to be skipped.
pub fn ready() -> bool {
    let missing: Vec<&str> = ["pdftotext", "pdfimages"].into_iter().filter(|t| !tool(t)).collect();
    if missing.is_empty() {
        return true;
    }
    if std::env::var("INVESTSITE_REQUIRE_BROWSER").as_deref() == Ok("1") {
        panic!("poppler-utils are required but missing: {missing:?}");
    }
    eprintln!("skipping the PDF checks: no {missing:?} (poppler-utils)");
    false
}

/// Pages of a PDF: pdfinfo when installed, else the page objects counted.
pub fn pages(pdf: &Path) -> usize {
    if let Ok(out) = Command::new("pdfinfo").arg(pdf).output() {
        let text = String::from_utf8_lossy(&out.stdout);
        if let Some(n) = text.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()) {
            return n;
        }
    }
    let bytes = std::fs::read(pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

/// The text of one page (1-based), laid out as printed.
pub fn page_text(pdf: &Path, page: usize) -> String {
    text(pdf, page, &["-layout"])
}

/// The text of one page (1-based) in reading order: each block of the page whole, so a box
/// beside a table does not interleave with it line by line.
pub fn page_text_in_order(pdf: &Path, page: usize) -> String {
    text(pdf, page, &[])
}

fn text(pdf: &Path, page: usize, mode: &[&str]) -> String {
    let out = Command::new("pdftotext")
        .args(mode)
        .args(["-f", &page.to_string(), "-l", &page.to_string(), "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// How many raster pictures are drawn on one page (1-based; vector drawings such as the QR
/// code are not pictures).
pub fn pictures_on_page(pdf: &Path, page: usize) -> usize {
    let out = Command::new("pdfimages")
        .args(["-list", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .output()
        .expect("pdfimages runs");
    // Two header lines, then one line per picture drawn.
    String::from_utf8_lossy(&out.stdout).lines().skip(2).filter(|l| !l.trim().is_empty()).count()
}
