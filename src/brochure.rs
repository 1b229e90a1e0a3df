//! `investsite brochure`: prints the brochure page of each language to PDF with a locally
//! installed Chromium (headless). The site is built afresh into a temporary folder and
//! served on 127.0.0.1 for the print (pages use root-relative addresses, which `file://`
//! would not resolve); the site's own output folder is not touched.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::build::{BuildOptions, BuildReport, build};
use crate::render::brochure::DIR;

/// How long Chromium may take to print one brochure.
const PRINT_TIMEOUT: Duration = Duration::from_secs(120);

/// Names of Chromium on PATH, and usual install places, tried in order (after `$CHROMIUM`).
const CHROMIUM_NAMES: &[&str] =
    &["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge"];
const CHROMIUM_PATHS: &[&str] = &[
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/snap/bin/chromium",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
];

pub struct Options {
    pub root: PathBuf,
    /// Folder for the PDFs (`brochure.zh.pdf`, …).
    pub output: PathBuf,
    /// Languages to print; empty: all of the site's.
    pub langs: Vec<String>,
    pub today: Option<crate::units::Date>,
}

#[derive(Debug)]
pub enum Failure {
    /// The site has errors: the build report says which.
    Build(Box<BuildReport>),
    /// Anything else, explained.
    Other(String),
}

/// Chromium from `$CHROMIUM`, PATH or the usual places.
pub fn find_chromium() -> Option<PathBuf> {
    // A browser named explicitly is the only one tried.
    if let Some(p) = std::env::var_os("CHROMIUM").filter(|v| !v.is_empty()).map(PathBuf::from) {
        return p.is_file().then_some(p);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in CHROMIUM_NAMES {
        for dir in std::env::split_paths(&path) {
            for candidate in [dir.join(name), dir.join(format!("{name}.exe"))] {
                if candidate.is_file() {
                    return Some(candidate);
                }
            }
        }
    }
    CHROMIUM_PATHS.iter().map(PathBuf::from).find(|p| p.is_file())
}

pub const NO_CHROMIUM: &str = "no Chromium found to print the brochure (looked at $CHROMIUM, then chromium, chromium-browser and google-chrome on PATH): install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM=/path/to/chrome; meanwhile open /brochure/ of the built site in a browser and print it (A4, one project per page)";

/// Builds the site, prints each language's brochure, returns the PDFs written.
pub fn print(opts: &Options) -> Result<Vec<PathBuf>, Failure> {
    let chromium = find_chromium().ok_or_else(|| Failure::Other(NO_CHROMIUM.to_string()))?;
    let work = std::env::temp_dir().join(format!("investsite-brochure-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let site_dir = work.join("site");
    let build_opts = BuildOptions {
        root: opts.root.clone(),
        output: site_dir.clone(),
        base_url: None,
        strict: false,
        today: opts.today,
        dry_run: false,
        relative: false,
        cache_dir: None,
        drafts: false,
        future: false,
    };
    let report = build(&build_opts);
    if !report.ok() {
        let _ = std::fs::remove_dir_all(&work);
        return Err(Failure::Build(Box::new(report)));
    }
    let result = print_built(&chromium, &site_dir, &work, opts);
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn print_built(chromium: &Path, site_dir: &Path, work: &Path, opts: &Options) -> Result<Vec<PathBuf>, Failure> {
    let config = crate::load::config::load(&opts.root, &crate::diagnostics::Diagnostics::new())
        .ok_or_else(|| Failure::Other("cannot read site.yaml".into()))?;
    if !config.brochure.enabled {
        return Err(Failure::Other("the brochure is switched off (`brochure: false` in site.yaml)".into()));
    }
    let langs: Vec<String> = if opts.langs.is_empty() { config.languages.clone() } else { opts.langs.clone() };
    if let Some(l) = langs.iter().find(|l| !config.languages.contains(l)) {
        return Err(Failure::Other(format!(
            "the site has no language \"{l}\" (it has: {})",
            config.languages.join(", ")
        )));
    }
    let base = serve(site_dir, config.base_path().to_string())
        .map_err(|e| Failure::Other(format!("cannot serve the site on 127.0.0.1: {e}")))?;
    std::fs::create_dir_all(&opts.output)
        .map_err(|e| Failure::Other(format!("cannot create {}: {e}", opts.output.display())))?;
    let mut written = Vec::new();
    for lang in &langs {
        let url = format!("{base}{}/{DIR}/", config.lang_prefix(lang));
        let pdf = crate::write::absolute(&opts.output).join(format!("brochure.{lang}.pdf"));
        print_one(chromium, &url, &pdf, &work.join(format!("profile-{lang}")))?;
        written.push(pdf);
    }
    Ok(written)
}

fn print_one(chromium: &Path, url: &str, pdf: &Path, profile: &Path) -> Result<(), Failure> {
    let _ = std::fs::remove_file(pdf);
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--no-default-browser-check",
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",
            "--run-all-compositor-stages-before-draw",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Failure::Other(format!("cannot start {}: {e}", chromium.display())))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if started.elapsed() > PRINT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Failure::Other(format!(
                    "Chromium did not finish printing {url} within {} s",
                    PRINT_TIMEOUT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => return Err(Failure::Other(format!("waiting for Chromium: {e}"))),
        }
    };
    let ok = std::fs::metadata(pdf).map(|m| m.len() > 0).unwrap_or(false);
    if !status.success() || !ok {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut e, &mut err);
        }
        let last: Vec<&str> = err.lines().rev().take(5).collect();
        return Err(Failure::Other(format!(
            "Chromium could not print {url} ({status}): {}",
            last.into_iter().rev().collect::<Vec<_>>().join(" | ")
        )));
    }
    Ok(())
}

/// The request line and headers a browser sends fit easily; more is not a browser.
const MAX_REQUEST_HEAD: u64 = 8 * 1024;

/// What is read and dropped after refusing an oversized request (see `answer`).
const LINGER_BYTES: u64 = 64 * 1024;

/// A connection that sends nothing is closed after this, so it cannot hold a thread.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `root` on 127.0.0.1 (a free port) for as long as the process runs; requests for
/// `base_path/…` map to `root/…`. Returns `http://127.0.0.1:PORT` + `base_path`.
fn serve(root: &Path, base_path: String) -> std::io::Result<String> {
    serve_with(root, base_path, REQUEST_TIMEOUT)
}

fn serve_with(root: &Path, base_path: String, timeout: Duration) -> std::io::Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let root = root.to_path_buf();
    let prefix = base_path.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (root, prefix) = (root.clone(), prefix.clone());
            std::thread::spawn(move || answer(stream, &root, &prefix, timeout));
        }
    });
    Ok(format!("http://{addr}{base_path}"))
}

/// Why a request is not served.
#[derive(Debug, PartialEq, Eq)]
enum BadRequest {
    /// Over [`MAX_REQUEST_HEAD`] before the blank line that ends the headers.
    TooLarge,
    /// Closed, timed out, or not text.
    Unreadable,
}

/// The target of a GET (`/projects/a/`), reading the request line and headers to their end
/// but never more than [`MAX_REQUEST_HEAD`] bytes.
fn read_request_target(stream: impl Read) -> Result<String, BadRequest> {
    let mut reader = BufReader::new(stream.take(MAX_REQUEST_HEAD));
    let mut request_line = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        let n = reader.read_line(&mut line).map_err(|_| BadRequest::Unreadable)?;
        if n == 0 || !line.ends_with('\n') {
            // The limit cut the head short, or the client stopped before its end.
            return Err(if reader.get_ref().limit() == 0 { BadRequest::TooLarge } else { BadRequest::Unreadable });
        }
        if request_line.is_empty() {
            request_line = line.clone();
        } else if line.trim().is_empty() {
            break;
        }
    }
    Ok(request_line.split_whitespace().nth(1).unwrap_or("/").to_string())
}

fn answer(mut stream: TcpStream, root: &Path, prefix: &str, timeout: Duration) {
    let _ = stream.set_read_timeout(Some(timeout));
    let _ = stream.set_write_timeout(Some(timeout));
    let target = match read_request_target(&stream) {
        Ok(t) => t,
        Err(BadRequest::TooLarge) => {
            let _ = stream.write_all(
                b"HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
            // Closing with unread bytes resets the connection, which can destroy the answer
            // before the client reads it; a bounded, timed-out drain lets it arrive.
            let _ = std::io::copy(&mut (&stream).take(LINGER_BYTES), &mut std::io::sink());
            return;
        }
        Err(BadRequest::Unreadable) => return,
    };
    let path = crate::text::percent::decode(target.split(['?', '#']).next().unwrap_or("/"));
    let path = path.strip_prefix(prefix).unwrap_or(&path);
    let mut file = root.join(path.trim_start_matches('/'));
    if path.split('/').any(|part| part == "..") {
        let _ = stream.write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
    }
    if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, body) = match std::fs::read(&file) {
        Ok(b) => ("200 OK", b),
        Err(_) => ("404 Not Found", Vec::new()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        content_type(&file),
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("gif") => "image/gif",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn reads_the_target_and_the_headers_to_their_end() {
        let req = "GET /b/%E9%A1%B9.pdf?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n";
        assert_eq!(read_request_target(Cursor::new(req)), Ok("/b/%E9%A1%B9.pdf?x=1".to_string()));
    }

    #[test]
    fn a_request_head_over_the_limit_is_refused_without_reading_it_all() {
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(1 << 20));
        let mut cursor = Cursor::new(long.as_bytes());
        assert_eq!(read_request_target(&mut cursor), Err(BadRequest::TooLarge));
        assert!(cursor.position() <= MAX_REQUEST_HEAD, "read {} bytes", cursor.position());
        let many_headers = format!("GET / HTTP/1.1\r\n{}", "X-A: b\r\n".repeat(2000));
        assert_eq!(read_request_target(Cursor::new(many_headers)), Err(BadRequest::TooLarge));
    }

    #[test]
    fn a_request_cut_short_is_not_served() {
        assert_eq!(read_request_target(Cursor::new("GET / HTTP/1.1\r\nHost: x")), Err(BadRequest::Unreadable));
        assert_eq!(read_request_target(Cursor::new("")), Err(BadRequest::Unreadable));
    }

    fn response(addr: &str, request: &[u8]) -> String {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let _ = s.write_all(request);
        let _ = s.shutdown(std::net::Shutdown::Write);
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn the_server_caps_requests_and_times_out_silent_clients() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.html"), "hello").unwrap();
        let url = serve_with(dir.path(), String::new(), Duration::from_millis(300)).unwrap();
        let addr = url.trim_start_matches("http://");

        let huge = vec![b'a'; 60 * 1024];
        assert!(response(addr, &huge).starts_with("HTTP/1.1 431"), "an endless request line is refused");

        let started = Instant::now();
        let mut silent = TcpStream::connect(addr).unwrap();
        silent.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut buf = [0u8; 16];
        assert_eq!(silent.read(&mut buf).unwrap_or(0), 0, "a silent client is closed");
        assert!(started.elapsed() < Duration::from_secs(4), "closed after the timeout, not held");

        let ok = response(addr, b"GET /a.html HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(ok.starts_with("HTTP/1.1 200") && ok.ends_with("hello"), "{ok}");
    }
}
