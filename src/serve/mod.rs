//! `investsite serve` and `build --watch`: the editing loop.
//!
//! `serve` builds the site in memory (`build::build_in_memory`), serves it on the loopback
//! address (`server`), watches the folders a build reads (`watch`) and, after each change,
//! rebuilds and tells the open pages to reload (`reload`). A failed rebuild keeps the last
//! good pages and lays its errors over them. Nothing is written to the output folder.
//! `build --watch` is the same loop writing the output folder with `build` instead.
//!
//! Inside, imports run: `paths` ← `reload` ← `server` ← this file; `watch` stands alone.

mod paths;
mod reload;
pub mod server;
pub mod watch;

use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use crate::build::{BuildOptions, BuildReport, build, build_in_memory};
use server::{Shared, Snapshot};

/// The port tried first; when it is taken, any free one.
pub const DEFAULT_PORT: u16 = 1313;

pub struct Options {
    pub root: PathBuf,
    /// `None`: [`DEFAULT_PORT`], or any free port when it is taken.
    pub port: Option<u16>,
    /// `None`: 127.0.0.1, reachable from this computer only.
    pub bind: Option<IpAddr>,
    pub drafts: bool,
    /// Open the address in the default browser.
    pub open: bool,
}

/// Prints a build's diagnostics the way the command line does.
pub type Printer<'a> = &'a dyn Fn(&BuildReport);

/// Serves the site until the process is stopped; returns only when it cannot start.
pub fn serve(opts: &Options, print: Printer) -> Result<(), String> {
    let build_opts = build_options(&opts.root, opts.drafts);
    // Watching first: a file saved during the first build is not missed.
    let watch = watch::start(&opts.root)?;
    let (report, built) = build_in_memory(&build_opts);
    print(&report);
    let snapshot = match built {
        Some(built) => Snapshot::new(built),
        None => Snapshot::failed(&report),
    };
    let base_path = snapshot.base_path().to_string();
    let shared = Shared::new(snapshot, true);
    let server = bind(opts, shared.clone())?;
    let url = format!("http://{}{base_path}/", local_addr(server.addr));
    announce(&report, &url);
    if server.addr.ip().is_unspecified()
        && let Some(ip) = network_address()
    {
        eprintln!("on other devices of the network: http://{}{base_path}/", SocketAddr::new(ip, server.addr.port()));
    }
    if opts.open {
        open_browser(&url);
    }
    for (generation, batch) in (1..).zip(watch.batches.iter()) {
        let batch = watch::drain(&watch.batches, batch);
        eprintln!("changed: {}", describe(&batch));
        let (report, built) = build_in_memory(&build_opts);
        print(&report);
        let previous = shared.snapshot();
        let next = match built {
            Some(built) => Snapshot::new(built),
            None if previous.has_pages() => previous.with_errors(&report),
            None => Snapshot::failed(&report),
        };
        shared.replace(next);
        shared.listeners.reload(generation);
        eprintln!("{}", summary(&report));
    }
    Err("stopped watching the site folder".into())
}

/// `build`, then again after every change, until the process is stopped.
pub fn build_and_watch(opts: &BuildOptions, print: Printer) -> Result<(), String> {
    let opts = &BuildOptions { memo: Some(crate::render::Memo::new()), ..opts.clone() };
    let watch = watch::start(&opts.root)?;
    let report = build(opts);
    print(&report);
    eprintln!("{}", written_summary(&report, opts));
    eprintln!("watching {} for changes (Ctrl+C to stop)", opts.root.display());
    for batch in watch.batches.iter() {
        let batch = watch::drain(&watch.batches, batch);
        eprintln!("changed: {}", describe(&batch));
        let report = build(opts);
        print(&report);
        eprintln!("{}", written_summary(&report, opts));
    }
    Err("stopped watching the site folder".into())
}

fn build_options(root: &std::path::Path, drafts: bool) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: root.join("public"),
        base_url: None,
        strict: false,
        today: None,
        dry_run: false,
        relative: false,
        cache_dir: None,
        drafts,
        future: false,
        memo: Some(crate::render::Memo::new()),
        brochure_projects: Vec::new(),
    }
}

/// Binds the asked address, or the loopback one; the default port falls back to a free one.
fn bind(opts: &Options, shared: Arc<Shared>) -> Result<server::Server, String> {
    let ip = opts.bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if !ip.is_loopback() {
        eprintln!(
            "warning: serving on {ip}: anyone who can reach this computer on the network can open the unpublished site; leave out --bind to keep it to this computer"
        );
    }
    let port = opts.port.unwrap_or(DEFAULT_PORT);
    match server::start(SocketAddr::new(ip, port), shared.clone()) {
        Ok(s) => Ok(s),
        Err(e) if port != 0 && e.kind() == std::io::ErrorKind::AddrInUse => {
            let s = server::start(SocketAddr::new(ip, 0), shared).map_err(|e| format!("cannot serve on {ip}: {e}"))?;
            eprintln!("port {port} is taken (another preview?); using port {} instead", s.addr.port());
            Ok(s)
        }
        Err(e) => Err(format!("cannot serve on {ip}:{port}: {e}")),
    }
}

/// An address a browser on this computer can open (`0.0.0.0` is not one).
fn local_addr(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), addr.port()),
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(IpAddr::V6(std::net::Ipv6Addr::LOCALHOST), addr.port())
        }
        _ => addr,
    }
}

/// This computer's address on its network, as others reach it (no packet is sent).
fn network_address() -> Option<IpAddr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

/// The address on standard output, alone on its line, so scripts and tests can read it.
fn announce(report: &BuildReport, url: &str) {
    eprintln!("{}", summary(report));
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "serving at {url}");
    let _ = out.flush();
    eprintln!("watching for changes; pages reload by themselves (Ctrl+C to stop)");
}

fn summary(report: &BuildReport) -> String {
    if report.ok() {
        format!("built {} pages in memory in {} ms", report.pages, report.millis)
    } else {
        "the site has errors: pages show them until they are fixed".to_string()
    }
}

fn written_summary(report: &BuildReport, opts: &BuildOptions) -> String {
    if report.ok() {
        format!("built {} pages into {} in {} ms", report.pages, opts.output.display(), report.millis)
    } else {
        format!("build failed: nothing was written; {} is unchanged", opts.output.display())
    }
}

fn describe(batch: &watch::Batch) -> String {
    let mut names: Vec<&str> = batch.iter().map(String::as_str).take(3).collect();
    if batch.len() > 3 {
        names.push("…");
    }
    names.join(", ")
}

/// Best effort: a browser that does not open is not an error, the address is printed.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let started = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if started.is_err() {
        eprintln!("could not open a browser; open {url} yourself");
    }
}
