//! `investsite serve` and `build --watch`, run as the real binary on a copied fixture: what
//! a browser gets (pages, types, the 404 page, refusals), reload events after edits, the
//! error overlay, the loopback-only address, and build output free of the reload script.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, UdpSocket};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::{Site, browser, share_cache};

/// Guards against a hang only (a build in a debug binary can be slow on a busy machine);
/// nothing here is timed.
const PATIENCE: Duration = Duration::from_secs(180);

/// A running `investsite` child, stopped when the test ends however it ends.
struct Running {
    child: Child,
    addr: SocketAddr,
    base: String,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(site: &Site, args: &[&str]) -> (Child, Arc<Mutex<String>>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_investsite"))
        .args(args)
        .env("INVESTSITE_CACHE_DIR", share_cache())
        .current_dir(site.root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = Arc::new(Mutex::new(String::new()));
    let sink = stderr.clone();
    let pipe = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            let mut s = sink.lock().unwrap();
            s.push_str(&line);
            s.push('\n');
        }
    });
    (child, stderr)
}

/// `serve --port 0` on `site`, once it has printed its address.
fn serve(site: &Site) -> Running {
    let (mut child, stderr) = spawn(site, &["serve", "--port", "0"]);
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let line = rx.recv_timeout(PATIENCE).unwrap_or_else(|_| panic!("no address printed:\n{}", stderr.lock().unwrap()));
    let url = line.strip_prefix("serving at http://").unwrap_or_else(|| panic!("first line: {line}"));
    let (host, path) = url.split_once('/').unwrap();
    Running { child, addr: host.parse().unwrap(), base: format!("/{path}"), stderr }
}

struct Answer {
    status: u16,
    /// Lower-cased.
    head: String,
    body: String,
}

fn request(addr: SocketAddr, method: &str, target: &str) -> Answer {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(s, "{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    Answer { status, head: head.to_ascii_lowercase(), body: body.to_string() }
}

/// The status a server answers to a request it refuses to read whole: it may answer and close
/// while the request is still being sent, so a failed write or a reset read is expected here
/// (status 0 when nothing arrived).
fn oversized_request_status(addr: SocketAddr, target: &str) -> u16 {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    let _ = write!(s, "GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    let mut raw = Vec::new();
    let mut chunk = [0u8; 4096];
    while let Ok(n) = s.read(&mut chunk) {
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&chunk[..n]);
    }
    let text = String::from_utf8_lossy(&raw);
    text.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}

impl Running {
    fn get(&self, path: &str) -> Answer {
        request(self.addr, "GET", &format!("{}{}", self.base.trim_end_matches('/'), path))
    }

    /// Subscribed to reload events (the stream's first bytes have arrived).
    fn events(&self) -> Events {
        let mut s = TcpStream::connect(self.addr).unwrap();
        s.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(s, "GET /__investsite/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let mut events = Events { stream: s, seen: String::new() };
        events.wait_for("retry:", &self.stderr);
        events
    }
}

struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    fn wait_for(&mut self, needle: &str, stderr: &Mutex<String>) {
        let mut buf = [0u8; 4096];
        while !self.seen.contains(needle) {
            let n = self.stream.read(&mut buf).unwrap_or(0);
            assert!(n > 0, "the event stream ended before {needle:?}: {}\n{}", self.seen, stderr.lock().unwrap());
            self.seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
        let end = self.seen.find(needle).unwrap() + needle.len();
        self.seen.drain(..end);
    }

    fn wait_reload(&mut self, running: &Running) {
        self.wait_for("event: reload", &running.stderr);
    }
}

const ABOUT: &str = "content/about.zh.md";

#[test]
fn an_edit_appears_after_a_reload_event() {
    let site = Site::fixture("basic");
    let running = serve(&site);
    let page = running.get("/about/");
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.head.contains("content-type: text/html; charset=utf-8"), "{}", page.head);
    assert!(page.head.contains("cache-control: no-store"), "{}", page.head);
    assert!(page.body.contains("关于测试市投资促进局"), "{}", page.body);
    assert!(
        page.body.contains("<script src=\"/__investsite/reload.js\"></script></body>"),
        "the reload script is injected"
    );
    let script = running.get("/__investsite/reload.js");
    assert!(script.body.contains("EventSource(\"/__investsite/events\")") && script.body.contains("sessionStorage"));

    let mut events = running.events();
    site.write(ABOUT, "---\ntitle: 关于我们\n---\n\n改过的介绍：欢迎投资。\n");
    events.wait_reload(&running);
    let page = running.get("/about/");
    assert!(page.body.contains("改过的介绍：欢迎投资。"), "{}", page.body);
    assert!(!page.body.contains("关于测试市投资促进局"));
}

#[test]
fn errors_show_over_the_last_good_pages_until_fixed() {
    let site = Site::fixture("basic");
    let running = serve(&site);
    let mut events = running.events();
    site.write(ABOUT, "---\ntitle: [关于 <b>我们</b>\n---\n\n关于测试市投资促进局。\n");
    events.wait_reload(&running);
    let home = running.get("/");
    assert_eq!(home.status, 200, "the last good page is still served");
    assert!(home.body.contains("id=\"investsite-errors\""), "overlay shown: {}", home.body);
    assert!(home.body.contains(ABOUT), "the overlay names the file: {}", home.body);
    assert!(!home.body.contains("<b>我们</b>"), "what the author wrote is escaped");
    assert!(running.stderr.lock().unwrap().contains(ABOUT), "the terminal names it too");
    let about = running.get("/about/");
    assert!(about.body.contains("关于测试市投资促进局") && about.body.contains("investsite-errors"));

    site.write(ABOUT, "---\ntitle: 关于我们\n---\n\n修好了。\n");
    events.wait_reload(&running);
    let about = running.get("/about/");
    assert!(!about.body.contains("investsite-errors"), "{}", about.body);
    assert!(about.body.contains("修好了。"));
}

#[test]
fn a_site_that_never_built_shows_its_errors() {
    let site = Site::fixture("basic");
    site.write(ABOUT, "---\ntitle: [关于\n---\n");
    let running = serve(&site);
    let page = running.get("/about/");
    assert_eq!(page.status, 500);
    assert!(page.body.contains("investsite-errors") && page.body.contains(ABOUT), "{}", page.body);
    let mut events = running.events();
    site.write(ABOUT, "---\ntitle: 关于我们\n---\n\n好了。\n");
    events.wait_reload(&running);
    let page = running.get("/about/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("好了。") && !page.body.contains("investsite-errors"));
}

#[test]
fn in_a_browser_the_page_reloads_in_place_and_shows_errors_until_fixed() {
    if !browser::ready() {
        return;
    }
    let site = Site::fixture("basic");
    let paragraphs: Vec<String> = (1..=120).map(|i| format!("第{i}段：关于测试市投资促进局。")).collect();
    site.write(ABOUT, &format!("---\ntitle: 关于我们\n---\n\n{}\n", paragraphs.join("\n\n")));
    let running = serve(&site);
    let edit = site.root().join(ABOUT);
    browser::run_with("live.cjs", &format!("http://{}", running.addr), &[("EDIT_FILE", edit.to_str().unwrap())]);
}

#[test]
fn no_spelling_of_a_path_leaves_the_built_site() {
    let site = Site::fixture("basic");
    let running = serve(&site);
    for target in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fsite.yaml",
        "/css%2f..%2f..%2fsite.yaml",
        "/..%5csite.yaml",
        "/css/..\\..\\site.yaml",
        "/%00/site.yaml",
        "/index.html%00.css",
        "/%c0%ae%c0%ae/site.yaml",
        "/./site.yaml",
        "//site.yaml",
        "/site.yaml",
        "/content/about.zh.md",
        "/static/images/",
    ] {
        let a = request(running.addr, "GET", target);
        assert!(a.status == 400 || a.status == 404, "{target}: {} {}", a.status, a.body);
        assert!(!a.body.contains("base_url"), "{target} showed site.yaml");
    }
    let huge = format!("/{}", "a/".repeat(20_000));
    let status = oversized_request_status(running.addr, &huge);
    assert!(status == 431 || status == 400 || status == 0, "an oversized request: {status}");
}

#[test]
fn files_have_their_types_and_unknown_addresses_the_theme_404_page() {
    let site = Site::fixture("basic");
    site.build_ok();
    let running = serve(&site);
    for (path, kind) in [
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
    ] {
        let a = running.get(path);
        assert_eq!(a.status, 200, "{path}");
        assert!(a.head.contains(&format!("content-type: {kind}")), "{path}: {}", a.head);
        assert_eq!(a.body, site.read(path.trim_start_matches('/')), "{path} is the built file");
    }
    let css = walk_one(&site, "css");
    let a = running.get(&format!("/{css}"));
    assert!(a.head.contains("content-type: text/css; charset=utf-8"), "{css}: {}", a.head);
    let js = walk_one(&site, "js");
    let a = running.get(&format!("/{js}"));
    assert!(a.head.contains("content-type: text/javascript; charset=utf-8"), "{js}: {}", a.head);
    let png = walk_one(&site, "png");
    let a = request(running.addr, "HEAD", &format!("/{png}"));
    assert!(a.status == 200 && a.head.contains("content-type: image/png") && a.body.is_empty(), "{png}: {}", a.head);

    let missing = running.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    let title = between(&site.read("404.html"), "<title>", "</title>").to_string();
    assert!(missing.body.contains(&format!("<title>{title}</title>")), "the theme's 404 page: {}", missing.body);
    let moved = running.get("/about");
    assert_eq!(moved.status, 301);
    assert!(moved.head.contains("location: /about/"), "{}", moved.head);
}

fn walk_one(site: &Site, ext: &str) -> String {
    let out = site.output();
    walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == ext))
        .map(|e| e.path().strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/"))
        .unwrap_or_else(|| panic!("no .{ext} in the output"))
}

fn between<'a>(s: &'a str, from: &str, to: &str) -> &'a str {
    let start = s.find(from).unwrap() + from.len();
    &s[start..start + s[start..].find(to).unwrap()]
}

#[test]
fn the_server_listens_on_loopback_only() {
    let site = Site::fixture("basic");
    let running = serve(&site);
    assert_eq!(running.addr.ip(), IpAddr::from([127, 0, 0, 1]));
    // The machine's address on its network, when it has one: nothing answers there.
    if let Some(ip) = outward_address() {
        let there = SocketAddr::new(ip, running.addr.port());
        assert!(TcpStream::connect_timeout(&there, Duration::from_secs(5)).is_err(), "reachable on {there}");
    }
}

/// The address this machine would send from to another host (no packet is sent).
fn outward_address() -> Option<IpAddr> {
    let socket = UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

#[test]
fn build_output_never_carries_the_reload_script() {
    let site = Site::fixture("basic");
    site.build_ok();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(site.output()).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_some_and(|e| e == "html" || e == "js") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            assert!(!text.contains("__investsite") && !text.contains("EventSource"), "{}", entry.path().display());
            pages += 1;
        }
    }
    assert!(pages > 10);
}

#[test]
fn the_site_built_in_memory_is_what_build_writes() {
    let site = Site::fixture("basic");
    site.build_ok();
    let (report, built) = investsite::build::build_in_memory(&site.options());
    assert!(report.ok());
    let in_memory = in_memory(built.unwrap());
    let written = written(&site);
    assert_eq!(in_memory.len(), written.len());
    assert!(in_memory == written, "the in-memory site differs from the written one");
}

#[test]
fn a_rebuild_after_an_edit_is_what_a_fresh_build_writes() {
    let site = Site::fixture("basic");
    // As `serve` does: the second build may reuse pages the first rendered (render::Memo).
    let opts = investsite::build::BuildOptions { memo: Some(investsite::render::Memo::new()), ..site.options() };
    let (first, _) = investsite::build::build_in_memory(&opts);
    assert!(first.ok());
    // Edits that reach other pages' models, the data every page shares and the site's name.
    site.write("data/chains.yaml", &site_file(&site, "data/chains.yaml").replace("有色金属", "有色金属及新材料"));
    site.write("site.yaml", &site_file(&site, "site.yaml").replace("测试投资网", "测试投资促进网"));
    site.write(ABOUT, "---\ntitle: 关于我们（新）\n---\n\n新的介绍。\n");
    site.write(
        "content/news/launch.zh.md",
        &site_file(&site, "content/news/launch.zh.md").replace("---\n\n", "---\n\n更新：\n"),
    );
    let (_, rebuilt) = investsite::build::build_in_memory(&opts);
    // A fresh process: nothing kept from the builds above.
    let (code, _, err) = site.run(&["build", "--today", "2026-11-25"]);
    assert_eq!(code, 0, "{err}");
    assert!(in_memory(rebuilt.unwrap()) == written(&site), "the rebuild differs from a fresh build");
    assert!(site.read("about/index.html").contains("新的介绍。"));
    assert!(site.read("chains/nonferrous/index.html").contains("有色金属及新材料"));
    assert!(site.read("projects/index.html").contains("测试投资促进网"));
}

fn site_file(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.root().join(rel)).unwrap()
}

fn in_memory(built: investsite::build::Built) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = built.files.into_iter().map(|f| (f.path, f.bytes)).collect();
    for (source, path) in built.copies {
        let bytes = match source {
            investsite::load::theme::Source::Embedded(b) => b.to_vec(),
            investsite::load::theme::Source::Disk(p) => std::fs::read(p).unwrap(),
        };
        files.retain(|(p, _)| p != &path);
        files.push((path, bytes));
    }
    files.sort();
    files
}

fn written(site: &Site) -> Vec<(String, Vec<u8>)> {
    crate::common::snapshot(&site.output()).into_iter().filter(|(p, _)| !p.starts_with(".investsite")).collect()
}

#[test]
fn build_watch_rebuilds_after_an_edit_and_keeps_the_output_on_errors() {
    let site = Site::fixture("basic");
    let (child, stderr) = spawn(&site, &["build", "--watch"]);
    let running = Running { child, addr: SocketAddr::from(([127, 0, 0, 1], 0)), base: String::new(), stderr };
    wait_until(&running, "watching", |s| s.contains("watching"));
    assert!(site.read("about/index.html").contains("关于测试市投资促进局"));

    site.write(ABOUT, "---\ntitle: 关于我们\n---\n\n第二版。\n");
    let about = site.output().join("about/index.html");
    wait_until(&running, "the edit written", |_| {
        std::fs::read_to_string(&about).unwrap_or_default().contains("第二版。")
    });

    site.write(ABOUT, "---\ntitle: [关于\n---\n");
    wait_until(&running, "the failed build", |s| s.contains("build failed"));
    assert!(site.read("about/index.html").contains("第二版。"), "the previous output is untouched");
}

/// Polls until `done` (a hang guard only: the limit is far above any real wait).
fn wait_until(running: &Running, what: &str, done: impl Fn(&str) -> bool) {
    for _ in 0..(PATIENCE.as_millis() / 50) {
        if done(&running.stderr.lock().unwrap()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("waited for {what}:\n{}", running.stderr.lock().unwrap());
}
