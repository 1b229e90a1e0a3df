//! The `investsite` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use investsite::build::{BuildOptions, BuildReport, build};
use investsite::scaffold;
use investsite::units::Date;

#[derive(Parser)]
#[command(
    name = "investsite",
    version,
    about = "Builds bilingual investment-promotion websites from Markdown and YAML"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
    },
    /// Report everything build would refuse or warn about, without writing anything
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        strict: bool,
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
    },
    /// Create a new content file in every language, with its fields to fill in
    New {
        /// project, policy, result or page
        #[arg(value_parser = ["project", "policy", "result", "page"])]
        kind: String,
        /// Short ASCII name: it becomes the page's address, e.g. copper-foil
        slug: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
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
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
    },
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, output, base_url, strict, today, quiet, relative } => {
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
                drafts: false,
                future: false,
            };
            let report = build(&opts);
            print_report(&report, quiet);
            if report.ok() {
                if !quiet {
                    eprintln!(
                        "built {} pages, {} files ({} KB) into {} in {} ms",
                        report.pages,
                        report.files_written,
                        report.bytes_written / 1024,
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
        Command::Check { root, strict, today } => {
            let opts = BuildOptions {
                output: root.join("public"),
                root,
                base_url: None,
                strict,
                today,
                dry_run: true,
                relative: false,
                cache_dir: None,
                drafts: false,
                future: false,
            };
            let report = build(&opts);
            print_report(&report, false);
            if report.ok() {
                eprintln!("check passed: {} pages would be written", report.pages);
                ExitCode::SUCCESS
            } else {
                exit_code(&report)
            }
        }
        Command::New { kind, slug, root } => match scaffold::new_content(&root, &kind, &slug) {
            Ok(files) => {
                for f in files {
                    println!("created {}", f.display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        Command::Brochure { root, output, lang, today } => {
            let opts = investsite::brochure::Options { root, output, langs: lang, today };
            match investsite::brochure::print(&opts) {
                Ok(files) => {
                    for f in files {
                        println!("wrote {}", f.display());
                    }
                    ExitCode::SUCCESS
                }
                Err(investsite::brochure::Failure::Build(report)) => {
                    print_report(&report, true);
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

fn print_report(report: &BuildReport, quiet: bool) {
    for d in &report.diagnostics {
        if quiet && !d.is_error() {
            continue;
        }
        eprintln!("{d}");
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
