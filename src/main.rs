//! The `investsite` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use investsite::build::{BuildOptions, BuildReport, build, build_with};
use investsite::scaffold;
use investsite::terminal::{self, ColorChoice, Style};
use investsite::units::Date;

mod staff_cli;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// mimalloc's options (libmimalloc-sys builds mimalloc v3; the numbers are the positions in
// v3's `mi_option_e`, include/mimalloc.h). Declared here: the crate's own bindings need a
// feature that pulls in another crate.
unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}
const MI_OPTION_ARENA_EAGER_COMMIT: std::ffi::c_int = 4;
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;
const PURGE_DELAY_MS: std::ffi::c_long = 10;

/// By default mimalloc keeps freed memory for a second and commits its arenas whole: at
/// 20,000 items that held a seventh of the build's peak memory. Freed pages go back to the
/// system after 10 ms: the peak is the same as returning them at once, which cost a third
/// of the build's time (4.9 GiB returned and faulted in again at 5,000 items, each return
/// interrupting the other core to flush its TLB). Run from the program's initializers,
/// before the Rust runtime's first allocation makes the first arena (set in `main`, the
/// eager commit came too late to count).
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = tune_allocator;

#[cfg(target_os = "linux")]
extern "C" fn tune_allocator() {
    // SAFETY: setting an option is allowed at any time; both only change when memory is
    // committed and returned, never what an allocation returns.
    unsafe {
        mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS);
        mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
    }
}

#[derive(Parser)]
#[command(
    name = "investsite",
    version,
    about = "Builds bilingual investment-promotion websites from Markdown and YAML"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Colour in messages: auto (on a terminal, unless NO_COLOR is set), always, never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: public/ in the site folder)
    Build {
        /// The site folder (holding site.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; relative paths are from the current folder
        #[arg(long)]
        output: Option<PathBuf>,
        /// Use this address instead of site.yaml's base_url (e.g. for a preview host)
        #[arg(long)]
        base_url: Option<String>,
        /// Refuse to build while a page lacks a translation
        #[arg(long)]
        strict: bool,
        /// Judge expiry dates against this day instead of today (YYYY-MM-DD)
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
        /// Print errors only
        #[arg(long, short)]
        quiet: bool,
        /// Make internal links relative, so the output works opened from a folder or USB stick
        #[arg(long)]
        relative: bool,
        /// Include pages marked `draft: true`, under a "draft" banner (for previews only)
        #[arg(long)]
        drafts: bool,
        /// Include pages whose date is after today, under a "scheduled" banner (for previews only)
        #[arg(long)]
        future: bool,
        /// After building, build again whenever a file of the site changes (until Ctrl+C)
        #[arg(long)]
        watch: bool,
    },
    /// Preview the site in a browser: built in memory, rebuilt and reloaded on every change
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on (default 1313, or any free port when it is taken; 0: any)
        #[arg(long)]
        port: Option<u16>,
        /// Address to listen on (default 127.0.0.1, this computer only)
        #[arg(long)]
        bind: Option<std::net::IpAddr>,
        /// Include pages marked draft: true
        #[arg(long)]
        drafts: bool,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
    },
    /// Report everything build would refuse or warn about, without writing anything
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        strict: bool,
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
        /// Also check drafts as if they were published
        #[arg(long)]
        drafts: bool,
        /// Also check pages whose date is after today as if they were published
        #[arg(long)]
        future: bool,
    },
    /// Create a new item: content files in every language (marked draft), or a region, chain or chamber in data/
    New {
        /// project, policy, result, park, region, chain, chamber, news, event or page
        #[arg(value_parser = ["project", "policy", "result", "park", "region", "chain", "chamber", "news", "event", "page"])]
        kind: String,
        /// An ASCII name (copper-foil), or a Chinese title (铜箔项目) whose pinyin becomes the
        /// address; for a page, a path of sections (about/contact)
        name: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create or update content files from an Excel sheet or CSV file, one file per row
    Import {
        /// The sheet: .xlsx, .xls or .csv (UTF-8 or GBK)
        file: PathBuf,
        /// What the rows are: projects, policies, results, parks, events or chambers (offices added to data/chambers.yaml)
        #[arg(long)]
        kind: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Merge rows into files that already exist (their body and other fields are kept)
        #[arg(long)]
        update: bool,
        /// Show what would be created or changed, and write nothing
        #[arg(long)]
        dry_run: bool,
        /// The sheet of the workbook to read (default: the first)
        #[arg(long)]
        sheet: Option<String>,
        /// The language of the sheet's text (default: the site's first language)
        #[arg(long)]
        lang: Option<String>,
    },
    /// Write the items of one kind to an Excel sheet (.xlsx) or CSV file, the columns import reads
    Export {
        /// The file to write: .xlsx or .csv
        file: PathBuf,
        /// projects, policies, results, parks, events or chambers
        #[arg(long)]
        kind: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The language of the headers and texts (default: the site's first language)
        #[arg(long)]
        lang: Option<String>,
    },
    /// Show which pages are translated, missing or stale per language, and sections not updated lately
    Status {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Record that these translation files are up to date with their originals
        #[arg(long, num_args = 1..)]
        mark_translated: Vec<PathBuf>,
        /// Exit with an error when a translation is missing or stale
        #[arg(long)]
        strict: bool,
        /// List sections whose newest page is older than this many days (default: site.yaml status.stale_after_days, or 180)
        #[arg(long)]
        stale_days: Option<u32>,
        /// Judge section ages against this day instead of today (YYYY-MM-DD)
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
    },
    /// Create a new site with a small example in DIR
    Init { dir: PathBuf },
    /// Print the brochure to PDF (one file per language) with a locally installed Chromium
    Brochure {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Folder for the PDFs (brochure.zh.pdf, brochure.en.pdf …)
        #[arg(long, default_value = ".")]
        output: PathBuf,
        /// Only these languages (repeat, or comma-separated); default: all
        #[arg(long, value_delimiter = ',')]
        lang: Vec<String>,
        /// Only these projects, by file name, in this order (comma-separated), instead of
        /// site.yaml's `brochure:` selection
        #[arg(long, value_delimiter = ',')]
        projects: Vec<String>,
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
    },
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let style = terminal::stderr_style(cli.color);
    match cli.command {
        Command::Serve { root, port, bind, drafts, open } => {
            let opts = investsite::serve::Options { root, port, bind, drafts, open };
            let failed = investsite::serve::serve(&opts, &|r| print_report(r, false, style)).err();
            eprintln!("error: {}", failed.unwrap_or_default());
            ExitCode::from(2)
        }
        Command::Build { root, output, base_url, strict, today, quiet, relative, drafts, future, watch } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let opts = BuildOptions {
                root,
                output: output.clone(),
                base_url,
                strict,
                today,
                dry_run: false,
                relative,
                cache_dir: None,
                drafts,
                future,
                memo: None,
                brochure_projects: Vec::new(),
            };
            if watch {
                let failed = investsite::serve::build_and_watch(&opts, &|r| print_report(r, quiet, style)).err();
                eprintln!("error: {}", failed.unwrap_or_default());
                return ExitCode::from(2);
            }
            let bar = terminal::Bar::start(!quiet && terminal::stderr_is_terminal());
            let report = match &bar {
                Some(b) => build_with(&opts, b),
                None => build(&opts),
            };
            if let Some(b) = bar {
                b.finish();
            }
            print_report(&report, quiet, style);
            if report.ok() {
                if !quiet {
                    if let Some(line) = terminal::left_out_line(&report) {
                        eprintln!("{line}");
                    }
                    eprintln!(
                        "built {} pages, {} files ({} KB, {} new or changed) into {} in {} ms",
                        report.pages,
                        report.files_written,
                        report.bytes_written / 1024,
                        report.files_rewritten,
                        output.display(),
                        report.millis
                    );
                    if report.photos_made + report.photos_cached > 0 {
                        eprintln!("photos: {} resized, {} from the cache", report.photos_made, report.photos_cached);
                    }
                }
                ExitCode::SUCCESS
            } else {
                eprintln!("build failed: nothing was written; {} is unchanged", output.display());
                exit_code(&report)
            }
        }
        Command::Check { root, strict, today, drafts, future } => {
            let opts = BuildOptions {
                output: root.join("public"),
                root,
                base_url: None,
                strict,
                today,
                dry_run: true,
                relative: false,
                cache_dir: None,
                drafts,
                future,
                memo: None,
                brochure_projects: Vec::new(),
            };
            let report = build(&opts);
            print_report(&report, false, style);
            eprint!("{}", terminal::unpublished_list(&report));
            if report.ok() {
                eprintln!("check passed: {} pages would be written", report.pages);
                ExitCode::SUCCESS
            } else {
                exit_code(&report)
            }
        }
        Command::New { kind, name, root } => match scaffold::new_content(&root, &kind, &name) {
            Ok(created) => {
                for f in &created.files {
                    println!("created {}", f.display());
                }
                if let Some(f) = &created.appended {
                    println!("added an entry at the end of {}", f.display());
                }
                println!("{}", created.next);
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        Command::Import { file, kind, root, update, dry_run, sheet, lang } => {
            staff_cli::import(file, &kind, root, update, dry_run, sheet, lang)
        }
        Command::Export { file, kind, root, lang } => staff_cli::export(file, &kind, root, lang),
        Command::Status { root, mark_translated, strict, stale_days, today } => {
            staff_cli::status(&root, &mark_translated, strict, stale_days, today)
        }
        Command::Brochure { root, output, lang, projects, today } => {
            let opts = investsite::brochure::Options { root, output, langs: lang, projects, today };
            match investsite::brochure::print(&opts) {
                Ok(files) => {
                    for f in files {
                        println!("wrote {}", f.display());
                    }
                    ExitCode::SUCCESS
                }
                Err(investsite::brochure::Failure::Build(report)) => {
                    print_report(&report, true, style);
                    eprintln!("the brochure was not printed: the site has errors");
                    exit_code(&report)
                }
                Err(investsite::brochure::Failure::Other(why)) => {
                    eprintln!("error: {why}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Init { dir } => match scaffold::init_site(&dir) {
            Ok(()) => {
                println!(
                    "created a new site in {}; build it with: investsite build --root {}",
                    dir.display(),
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
    }
}

fn print_report(report: &BuildReport, quiet: bool, style: Style) {
    for d in &report.diagnostics {
        if quiet && !d.is_error() {
            continue;
        }
        eprintln!("{}", terminal::render(d, style));
        if style.rich {
            eprintln!();
        }
    }
    if let Some(f) = &report.fatal {
        eprintln!("error: {f}");
    }
    let errors = report.errors().count();
    let warnings = report.diagnostics.len() - errors;
    if errors > 0 || (!quiet && warnings > 0) {
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
}

/// 1 for problems in the site's files, 2 for anything else (I/O, output folder).
fn exit_code(report: &BuildReport) -> ExitCode {
    if report.errors().count() > 0 { ExitCode::from(1) } else { ExitCode::from(2) }
}
