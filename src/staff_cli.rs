//! The command line of the staff's tools (`import`, `export`, `status`): arguments in,
//! a readable account on the terminal out.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use investsite::staff::columns::SheetKind;
use investsite::staff::status::{self, State};
use investsite::staff::{export as ex, import as im, site};
use investsite::units::Date;

pub fn import(
    file: PathBuf,
    kind: &str,
    root: PathBuf,
    update: bool,
    dry_run: bool,
    sheet: Option<String>,
    lang: Option<String>,
) -> ExitCode {
    let chambers = is_chambers(kind);
    let kind = match SheetKind::parse(kind) {
        Ok(k) => k,
        // Not read by the chambers' importer, which has its own columns.
        Err(_) if chambers => SheetKind::Projects,
        Err(e) => return fail(&e),
    };
    let opts = im::Options { root, file, kind, update, dry_run, sheet, lang };
    // Chambers are entries of one data file, not content files: their own importer.
    let result = if chambers { investsite::staff::chambers::import(&opts) } else { im::import(&opts) };
    match result {
        Ok(report) => {
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            print_changes(&report, dry_run);
            ExitCode::SUCCESS
        }
        Err(im::Failure::Other(e)) => fail(&e),
        Err(im::Failure::Cells(errors, warnings)) => {
            for w in &warnings {
                eprintln!("warning: {w}");
            }
            for e in &errors {
                eprintln!("{e}");
            }
            eprintln!(
                "{} problem(s) in the sheet: nothing was written; correct the cells and import again",
                errors.len()
            );
            ExitCode::from(1)
        }
    }
}

fn print_changes(report: &im::Report, dry_run: bool) {
    let (create, update) = if dry_run { ("would create", "would update") } else { ("created", "updated") };
    let mut counts = [0usize; 3];
    for c in &report.changes {
        match &c.action {
            im::Action::Create => {
                counts[0] += 1;
                println!("{create} {} (row {})", c.rel, c.row);
            }
            im::Action::Update(fields) => {
                counts[1] += 1;
                println!("{update} {} (row {}): {}", c.rel, c.row, fields.join(", "));
            }
            im::Action::Unchanged => counts[2] += 1,
        }
    }
    let verb = if dry_run { "dry run, nothing written" } else { "done" };
    println!("{verb}: {} new, {} updated, {} unchanged", counts[0], counts[1], counts[2]);
    if !dry_run && counts[0] + counts[1] > 0 {
        println!("next: run `investsite check` to see the site with them, then `investsite build`");
    }
}

/// `--kind chambers`: the offices of data/chambers.yaml.
fn is_chambers(kind: &str) -> bool {
    matches!(kind, "chambers" | "chamber")
}

pub fn export(file: PathBuf, kind: &str, root: PathBuf, lang: Option<String>) -> ExitCode {
    if is_chambers(kind) {
        return match investsite::staff::chambers::export(&root, &file, lang.as_ref()) {
            Ok(n) => {
                println!("wrote {n} chambers to {}", file.display());
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        };
    }
    let kind = match SheetKind::parse(kind) {
        Ok(k) => k,
        Err(e) => return fail(&e),
    };
    match ex::export(&ex::Options { root, file: file.clone(), kind, lang }) {
        Ok(n) => {
            println!("wrote {n} {} to {}", kind.id(), file.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

pub fn status(root: &Path, mark: &[PathBuf], strict: bool, stale_days: Option<u32>, today: Option<Date>) -> ExitCode {
    let mut site = match site::load(root) {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    if !mark.is_empty() {
        for m in mark {
            let rel = site_relative(root, m);
            match status::mark_translated(root, &site.files, site.default_lang(), &rel) {
                Ok(hash) => println!("marked {rel} as translated from the current original ({hash})"),
                Err(e) => return fail(&e),
            }
        }
        site = match site::load(root) {
            Ok(s) => s,
            Err(e) => return fail(&e),
        };
    }
    let days = stale_days.unwrap_or(site.config.staff.stale_after_days);
    let today = today.unwrap_or_else(Date::today_utc);
    let report = status::report(&site.files, &site.config.languages, today, days);
    print_status(&report);
    let bad = report.count(State::Stale) + report.count(State::Missing);
    if strict && bad > 0 {
        eprintln!("status --strict: {bad} translation(s) missing or stale");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn print_status(report: &status::Report) {
    for (lang, sections) in &report.languages {
        let total = |s: State| sections.iter().map(|x| x.count(s)).sum::<usize>();
        println!(
            "{lang}: {} translated, {} stale, {} unmarked, {} missing",
            total(State::Translated),
            total(State::Stale),
            total(State::Unmarked),
            total(State::Missing)
        );
        for sec in sections {
            let name = if sec.section.is_empty() { "(home)" } else { &sec.section };
            println!(
                "  {name}: {} translated, {} stale, {} unmarked, {} missing",
                sec.count(State::Translated),
                sec.count(State::Stale),
                sec.count(State::Unmarked),
                sec.count(State::Missing)
            );
            for e in sec.entries.iter().filter(|e| matches!(e.state, State::Stale | State::Missing)) {
                match e.state {
                    State::Stale => println!("    stale    {} ({} changed since)", e.translation, e.original),
                    _ => println!("    missing  {}", e.translation),
                }
            }
        }
    }
    if report.count(State::Unmarked) > 0 {
        println!(
            "unmarked: translations with no record of what they were made from; once checked, record it with `investsite status --mark-translated FILE…`"
        );
    }
    if !report.quiet_sections.is_empty() {
        println!("sections not updated for more than {} days:", report.stale_after_days);
        for q in &report.quiet_sections {
            println!("  {}: newest page {}, {} days ago", q.section, q.newest, q.days);
        }
    }
}

/// A path given on the command line as the site's `content/…` path.
fn site_relative(root: &Path, p: &Path) -> String {
    let canon = |x: &Path| std::fs::canonicalize(x).ok();
    let rel = match (canon(p), canon(root)) {
        (Some(full), Some(r)) => full.strip_prefix(&r).map(Path::to_path_buf).unwrap_or_else(|_| p.to_path_buf()),
        _ => p.to_path_buf(),
    };
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(2)
}
