//! The HTTP server of `serve` and `brochure`: answers GET and HEAD from a built site held in
//! memory ([`Snapshot`]) and nothing else. It is hyper (HTTP/1.1) on a one-thread tokio
//! runtime of its own, so callers stay synchronous: [`start`] returns once the port is bound.
//!
//! Guarantees: only keys of the snapshot are answered (see `paths` for the refused
//! spellings of a path); request heads are capped at [`MAX_HEAD`] bytes and must arrive
//! within [`HEAD_TIMEOUT`]; requests with a body are refused; every answer says
//! `Cache-Control: no-store` and `X-Content-Type-Options: nosniff`.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{SocketAddr, TcpListener};
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body::{Frame, SizeHint};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::mpsc;

use super::paths::{self, Refused, Target};
use super::reload::{self, Listeners};
use crate::build::{BuildReport, Built};
use crate::load::theme::Source;

/// A request line and headers a browser sends fit easily (hyper's smallest allowed buffer).
pub const MAX_HEAD: usize = 8 * 1024;

/// A connection that does not finish its request head in this time is closed.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// One file of the built site.
#[derive(Clone)]
enum Entry {
    Bytes(Bytes),
    /// Copied as it is (static files, page assets, cached share images): read when asked,
    /// from the path the pipeline found it at, as the write stage copies it.
    Source(Source),
}

/// What the server answers from: the last good build, and the problems of the latest one.
#[derive(Default)]
pub struct Snapshot {
    files: HashMap<String, Entry>,
    base_path: String,
    /// The overlay shown on every page while the latest build failed.
    overlay: Option<String>,
    /// The page shown when no build has succeeded yet.
    error_page: Option<String>,
}

impl Snapshot {
    pub fn new(built: Built) -> Snapshot {
        let mut files = HashMap::with_capacity(built.files.len() + built.copies.len());
        // The theme's static files come first and the site's replace them, as in `write`.
        for (source, path) in built.copies {
            files.insert(path, Entry::Source(source));
        }
        for f in built.files {
            files.insert(f.path, Entry::Bytes(Bytes::from(f.bytes)));
        }
        Snapshot { files, base_path: built.base_path, overlay: None, error_page: None }
    }

    /// Only an error page: the first build failed.
    pub fn failed(report: &BuildReport) -> Snapshot {
        Snapshot {
            overlay: Some(reload::overlay(report)),
            error_page: Some(reload::error_page(report)),
            ..Snapshot::default()
        }
    }

    /// The same pages under the overlay of a failed build.
    pub fn with_errors(&self, report: &BuildReport) -> Snapshot {
        Snapshot {
            files: self.files.clone(),
            base_path: self.base_path.clone(),
            overlay: Some(reload::overlay(report)),
            error_page: None,
        }
    }

    /// Whether a build has succeeded, so there are pages to show under errors.
    pub fn has_pages(&self) -> bool {
        !self.files.is_empty()
    }

    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    pub fn has_errors(&self) -> bool {
        self.overlay.is_some()
    }
}

/// What the server shares with whoever rebuilds the site.
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    pub listeners: Listeners,
    /// Pages get the reload script (and the overlay); off for the brochure's print.
    live: bool,
}

impl Shared {
    pub fn new(snapshot: Snapshot, live: bool) -> Arc<Shared> {
        Arc::new(Shared { snapshot: RwLock::new(Arc::new(snapshot)), listeners: Listeners::default(), live })
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn replace(&self, snapshot: Snapshot) {
        *self.snapshot.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(snapshot);
    }
}

/// A running server; it runs until the process ends.
pub struct Server {
    pub addr: SocketAddr,
}

/// Binds `addr` (port 0: any free port) and serves `shared` from a thread of its own.
pub fn start(addr: SocketAddr, shared: Arc<Shared>) -> std::io::Result<Server> {
    let listener = TcpListener::bind(addr)?;
    start_on(listener, shared)
}

pub fn start_on(listener: TcpListener, shared: Arc<Shared>) -> std::io::Result<Server> {
    let addr = listener.local_addr()?;
    let local_only = addr.ip().is_loopback();
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build()?;
    std::thread::Builder::new().name("investsite-server".into()).spawn(move || {
        runtime.block_on(async move {
            let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
            loop {
                let Ok((stream, _)) = listener.accept().await else { continue };
                let shared = shared.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req| {
                        let shared = shared.clone();
                        async move { Ok::<_, Infallible>(answer(&req, &shared, local_only)) }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .max_buf_size(MAX_HEAD)
                        .timer(TokioTimer::new())
                        .header_read_timeout(HEAD_TIMEOUT)
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        })
    })?;
    Ok(Server { addr })
}

/// The body of an answer: a whole file, or the event stream of live reload.
pub enum Body {
    Full(Option<Bytes>),
    Events(mpsc::Receiver<Bytes>),
}

impl http_body::Body for Body {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            Body::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Body::Events(rx) => rx.poll_recv(cx).map(|b| b.map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Full(Some(b)) => SizeHint::with_exact(b.len() as u64),
            Body::Full(None) => SizeHint::with_exact(0),
            Body::Events(_) => SizeHint::default(),
        }
    }
}

/// `local_only`: the server listens on loopback, so only this computer's own names for it
/// are answered: a web page elsewhere that points a name of its own at 127.0.0.1 (DNS
/// rebinding) cannot read the unpublished site through the visitor's browser.
fn answer<B>(req: &Request<B>, shared: &Shared, local_only: bool) -> Response<Body> {
    if local_only && !is_local_host(req) {
        return plain(StatusCode::MISDIRECTED_REQUEST, "open the address the preview printed (127.0.0.1 or localhost)");
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD");
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    if has_body(req) {
        return plain(StatusCode::PAYLOAD_TOO_LARGE, "requests with a body are not accepted");
    }
    let path = req.uri().path();
    let snapshot = shared.snapshot();
    if shared.live && path.starts_with(reload::RESERVED) {
        return reserved(path, shared);
    }
    if let Some(page) = &snapshot.error_page {
        return html(StatusCode::INTERNAL_SERVER_ERROR, page.clone().into_bytes());
    }
    match paths::resolve(path, &snapshot.base_path) {
        Err(Refused) => plain(StatusCode::BAD_REQUEST, "bad address"),
        Ok(Target::Outside) => not_found(&snapshot, "", shared.live),
        Ok(Target::File(key)) => file(&snapshot, &key, path, shared.live),
    }
}

fn is_local_host<B>(req: &Request<B>) -> bool {
    let Some(host) = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()) else { return false };
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    matches!(name.to_ascii_lowercase().as_str(), "127.0.0.1" | "localhost" | "[::1]")
}

fn has_body<B>(req: &Request<B>) -> bool {
    let length = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok());
    req.headers().contains_key(header::TRANSFER_ENCODING) || length.is_some_and(|l| l.trim() != "0")
}

fn reserved(path: &str, shared: &Shared) -> Response<Body> {
    match path {
        reload::SCRIPT_PATH => with_type(StatusCode::OK, "text/javascript; charset=utf-8", reload::SCRIPT.into()),
        reload::EVENTS_PATH => match shared.listeners.subscribe() {
            Some(rx) => {
                let mut r = Response::new(Body::Events(rx));
                r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
                no_store(r)
            }
            None => plain(StatusCode::SERVICE_UNAVAILABLE, "too many open pages"),
        },
        _ => plain(StatusCode::NOT_FOUND, "not found"),
    }
}

fn file(snapshot: &Snapshot, key: &str, raw_path: &str, live: bool) -> Response<Body> {
    if let Some(entry) = snapshot.files.get(key) {
        return match read(entry) {
            Some(bytes) => page(StatusCode::OK, key, bytes, snapshot, live),
            None => plain(StatusCode::NOT_FOUND, "not found"),
        };
    }
    if let Some(index) = paths::folder_index(key)
        && snapshot.files.contains_key(&index)
    {
        // `/projects/a` → `/projects/a/`, so the page's relative addresses resolve.
        let mut r = plain(StatusCode::MOVED_PERMANENTLY, "moved");
        if let Ok(to) = HeaderValue::from_str(&format!("{raw_path}/")) {
            r.headers_mut().insert(header::LOCATION, to);
        }
        return r;
    }
    not_found(snapshot, key, live)
}

/// The theme's 404 page of the language the address is in (else the default language's).
fn not_found(snapshot: &Snapshot, key: &str, live: bool) -> Response<Body> {
    let lang_page = key.split_once('/').map(|(first, _)| format!("{first}/404.html"));
    let entry = lang_page.iter().chain(std::iter::once(&"404.html".to_string())).find_map(|k| snapshot.files.get(k));
    match entry.and_then(read) {
        Some(bytes) => page(StatusCode::NOT_FOUND, "404.html", bytes, snapshot, live),
        None => plain(StatusCode::NOT_FOUND, "not found"),
    }
}

fn read(entry: &Entry) -> Option<Bytes> {
    match entry {
        Entry::Bytes(b) => Some(b.clone()),
        Entry::Source(Source::Embedded(b)) => Some(Bytes::from_static(b)),
        Entry::Source(Source::Disk(path)) => std::fs::read(path).ok().map(Bytes::from),
    }
}

fn page(status: StatusCode, key: &str, bytes: Bytes, snapshot: &Snapshot, live: bool) -> Response<Body> {
    let kind = paths::content_type(key);
    if live && kind.starts_with("text/html") {
        let extra = format!("{}{}", snapshot.overlay.as_deref().unwrap_or(""), reload::script_tag());
        return with_type(status, kind, Bytes::from(reload::inject(&bytes, &extra)));
    }
    with_type(status, kind, bytes)
}

fn html(status: StatusCode, bytes: Vec<u8>) -> Response<Body> {
    with_type(status, "text/html; charset=utf-8", Bytes::from(bytes))
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    with_type(status, "text/plain; charset=utf-8", Bytes::from_static(text.as_bytes()))
}

fn with_type(status: StatusCode, kind: &'static str, bytes: Bytes) -> Response<Body> {
    let mut r = Response::new(Body::Full(Some(bytes)));
    *r.status_mut() = status;
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    no_store(r)
}

fn no_store(mut r: Response<Body>) -> Response<Body> {
    let h = r.headers_mut();
    // A preview changes under the author's hands: never keep a copy.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::OutFile;
    use std::io::{Read, Write};
    use std::net::TcpStream;

    fn site() -> Arc<Shared> {
        let built = Built {
            files: vec![
                OutFile { path: "index.html".into(), bytes: b"<html><body>home</body></html>".to_vec() },
                OutFile { path: "404.html".into(), bytes: b"<html><body>lost</body></html>".to_vec() },
                OutFile { path: "a/index.html".into(), bytes: b"<html><body>a</body></html>".to_vec() },
            ],
            copies: vec![(Source::Embedded(b"body{}"), "css/site.css".into())],
            base_path: String::new(),
        };
        Shared::new(Snapshot::new(built), false)
    }

    fn get(addr: SocketAddr, request: &[u8]) -> String {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let _ = s.write_all(request);
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn answers_from_the_snapshot_only() {
        let server = start("127.0.0.1:0".parse().unwrap(), site()).unwrap();
        let r = get(server.addr, b"GET /a/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assert!(r.starts_with("HTTP/1.1 200") && r.ends_with("<body>a</body></html>"), "{r}");
        assert!(r.to_ascii_lowercase().contains("cache-control: no-store"), "{r}");
        let r = get(server.addr, b"GET /a HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assert!(r.starts_with("HTTP/1.1 301") && r.to_ascii_lowercase().contains("location: /a/"), "{r}");
        let r = get(server.addr, b"GET /nothing/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assert!(r.starts_with("HTTP/1.1 404") && r.ends_with("lost</body></html>"), "{r}");
        let r = get(server.addr, b"GET /%2e%2e/Cargo.toml HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assert!(r.starts_with("HTTP/1.1 400"), "{r}");
        let r = get(server.addr, b"HEAD /css/site.css HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assert!(r.starts_with("HTTP/1.1 200") && r.ends_with("\r\n\r\n"), "HEAD has no body: {r}");
        assert!(r.to_ascii_lowercase().contains("content-length: 6"), "{r}");
        let r = get(
            server.addr,
            b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc",
        );
        assert!(r.starts_with("HTTP/1.1 405"), "{r}");
    }

    #[test]
    fn on_loopback_only_local_names_are_answered() {
        let server = start("127.0.0.1:0".parse().unwrap(), site()).unwrap();
        let r = get(server.addr, b"GET / HTTP/1.1\r\nHost: evil.example:1313\r\nConnection: close\r\n\r\n");
        assert!(r.starts_with("HTTP/1.1 421"), "{r}");
        let r = get(server.addr, b"GET / HTTP/1.1\r\nHost: localhost:1313\r\nConnection: close\r\n\r\n");
        assert!(r.starts_with("HTTP/1.1 200"), "{r}");
        let r = get(server.addr, b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
        assert!(!r.starts_with("HTTP/1.1 200"), "{r}");
    }

    #[test]
    fn an_oversized_request_head_is_refused() {
        let server = start("127.0.0.1:0".parse().unwrap(), site()).unwrap();
        let long = format!("GET /{} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "a".repeat(64 * 1024));
        let r = get(server.addr, long.as_bytes());
        assert!(r.starts_with("HTTP/1.1 431") || r.is_empty(), "{r}");
        let many = format!("GET / HTTP/1.1\r\n{}\r\n", "X-A: b\r\n".repeat(2000));
        let r = get(server.addr, many.as_bytes());
        assert!(r.starts_with("HTTP/1.1 431") || r.is_empty(), "{r}");
    }
}
