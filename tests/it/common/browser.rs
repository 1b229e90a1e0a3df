//! Browser checks: serve a built site on 127.0.0.1 and run a script from tests/browser/ with
//! node, playwright-core and Debian's Chromium. Without them (a machine with only Rust) the
//! checks are skipped with a notice, unless INVESTSITE_REQUIRE_BROWSER=1 (set by .ci/run,
//! which installs them), where a missing browser is a failure.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// Whether node, Chromium and playwright-core are all there.
fn available() -> Result<(), String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Err(format!("no Chromium at {chromium}"));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Err("no node".into());
    }
    if !browser_dir().join("node_modules/playwright-core").exists() {
        return Err("playwright-core is not installed (cd tests/browser && npm ci)".into());
    }
    Ok(())
}

/// True when browser checks can run; false (with a notice) when they are to be skipped.
pub fn ready() -> bool {
    match available() {
        Ok(()) => true,
        Err(why) => {
            if std::env::var("INVESTSITE_REQUIRE_BROWSER").as_deref() == Ok("1") {
                panic!("browser checks are required but cannot run: {why}");
            }
            eprintln!("skipping browser checks: {why}");
            false
        }
    }
}

/// True when Chromium itself is there (for `investsite brochure`, which needs no node);
/// false with a notice, or a failure under INVESTSITE_REQUIRE_BROWSER=1.
pub fn chromium_ready() -> bool {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if Path::new(&chromium).exists() {
        return true;
    }
    if std::env::var("INVESTSITE_REQUIRE_BROWSER").as_deref() == Ok("1") {
        panic!("Chromium is required but missing at {chromium}");
    }
    eprintln!("skipping the PDF check: no Chromium at {chromium}");
    false
}

/// Serves `root` over HTTP on 127.0.0.1 (any free port) until the test ends.
pub fn serve(root: &Path) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let root = root.to_path_buf();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            thread::spawn(move || answer(stream, &root));
        }
    });
    format!("http://{addr}")
}

fn answer(mut stream: TcpStream, root: &Path) {
    let mut line = String::new();
    if BufReader::new(&stream).read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let path = investsite::text::percent::decode_lossy(path);
    if path.contains("..") {
        let _ = stream.write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
    }
    let mut file = root.join(path.trim_start_matches('/'));
    if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, body, file) = match std::fs::read(&file) {
        Ok(b) => ("200 OK", b, file),
        Err(_) => ("404 Not Found", std::fs::read(root.join("404.html")).unwrap_or_default(), root.join("404.html")),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// Runs `tests/browser/<script>` against the site at `base_url`; fails the test with the
/// script's output when any check fails.
pub fn run(script: &str, base_url: &str) {
    run_with(script, base_url, &[]);
}

/// `run` with more environment variables for the script.
pub fn run_with(script: &str, base_url: &str, env: &[(&str, &str)]) {
    let out = Command::new("node")
        .arg(browser_dir().join(script))
        .env("BASE_URL", base_url)
        .envs(env.iter().copied())
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{script} failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("ok "), "{script} checked nothing:\n{stdout}");
}
