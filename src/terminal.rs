//! How the command line talks to a person at a terminal: diagnostics with colour, the
//! offending line and a caret under the exact character, and a progress bar for builds
//! that take more than a moment.
//!
//! Also the summaries of what a build left unpublished (drafts, scheduled pages).
//!
//! Output that is not a terminal (a pipe, a CI log, a file) keeps the plain one-line form
//! of `Diagnostic`'s `Display`, unchanged, and gets no progress bar; `NO_COLOR` (any
//! non-empty value) turns colour off; `--color always|never|auto` overrides both, as in
//! cargo. The caret is placed by display width: a CJK character takes two columns of a
//! terminal, so counting characters would put it under the wrong one.

use std::time::Duration;

use unicode_width::UnicodeWidthChar;

use crate::build::{BuildReport, Progress, Stage};
use crate::diagnostics::{Diagnostic, Severity};
use crate::resolve::Unpublished;

/// `--color`: whether diagnostics are coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stderr is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always the terminal form with colour, even into a pipe or file.
    Always,
    /// Never colour.
    Never,
}

/// How diagnostics are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// The terminal form: `--> file:line:col`, the source line, a caret.
    pub rich: bool,
    pub color: bool,
}

/// The style for a stream: `no_color` is the `NO_COLOR` variable's value, `is_terminal`
/// whether the stream is a terminal (`std::io::IsTerminal`).
pub fn style(choice: ColorChoice, no_color: Option<&std::ffi::OsStr>, is_terminal: bool) -> Style {
    let no_color = no_color.is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => Style { rich: true, color: true },
        ColorChoice::Never => Style { rich: is_terminal, color: false },
        ColorChoice::Auto => Style { rich: is_terminal, color: is_terminal && !no_color },
    }
}

/// The style for stderr of this process.
pub fn stderr_style(choice: ColorChoice) -> Style {
    style(choice, std::env::var_os("NO_COLOR").as_deref(), stderr_is_terminal())
}

/// Whether a person is likely watching stderr (progress bars are for them only).
pub fn stderr_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal()
}

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const BLUE: &str = "\x1b[1;34m";
const CYAN: &str = "\x1b[1;36m";

/// `text` in `code` when colour is on.
fn paint(style: Style, code: &str, text: &str) -> String {
    if style.color { format!("{code}{text}{RESET}") } else { text.to_string() }
}

/// A diagnostic as `style` writes it (plain: its `Display`).
pub fn render(d: &Diagnostic, style: Style) -> String {
    if !style.rich {
        return d.to_string();
    }
    let (level, colour) = match d.severity {
        Severity::Error => ("error", RED),
        Severity::Warning => ("warning", YELLOW),
    };
    let mut out = paint(style, colour, level);
    let field = d.field.as_ref().map(|f| format!("field `{f}`: ")).unwrap_or_default();
    out.push_str(&paint(style, BOLD, &format!(": {field}{}", d.message)));
    let gutter = d.line.map_or(1, |l| l.to_string().len());
    let pad = " ".repeat(gutter);
    if let Some(file) = &d.file {
        let at = match (d.line, d.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            (Some(l), None) => format!("{file}:{l}"),
            _ => file.clone(),
        };
        out.push_str(&format!("\n{pad}{} {at}", paint(style, BLUE, "-->")));
    }
    if let (Some(snippet), Some(line)) = (&d.snippet, d.line) {
        let bar = paint(style, BLUE, "|");
        out.push_str(&format!("\n{pad} {bar}"));
        out.push_str(&format!("\n{} {bar} {}", paint(style, BLUE, &line.to_string()), expand_tabs(snippet)));
        if let Some(column) = d.column {
            let (offset, width) = caret(snippet, column);
            let marks = paint(style, colour, &"^".repeat(width));
            out.push_str(&format!("\n{pad} {bar} {}{marks}", " ".repeat(offset)));
        }
    }
    if let Some(help) = &d.help {
        out.push_str(&format!("\n{pad} {} {help}", paint(style, CYAN, "= help:")));
    }
    out
}

/// `check`'s list of drafts and scheduled pages by file: what is not public yet, and when
/// it will be. Empty when there are none.
pub fn unpublished_list(report: &BuildReport) -> String {
    let mut out = String::new();
    let drafts: Vec<_> = report.unpublished.iter().filter(|u| u.state == Unpublished::Draft).collect();
    let scheduled: Vec<_> = report.unpublished.iter().filter(|u| u.state != Unpublished::Draft).collect();
    for (title, files) in [("drafts (draft: true)", drafts), ("scheduled pages (date after today)", scheduled)] {
        if files.is_empty() {
            continue;
        }
        out.push_str(&format!("{title}:\n"));
        for u in files {
            let when = match u.state {
                Unpublished::Scheduled(d) => format!(" — appears on {}", d.iso()),
                Unpublished::Draft => String::new(),
            };
            let shown = if u.included { " (included in this check)" } else { "" };
            out.push_str(&format!("  {}{when}{shown}\n", u.file));
        }
    }
    out
}

/// `build`'s one line about what it left out, pointing to `check` for the list.
pub fn left_out_line(report: &BuildReport) -> Option<String> {
    let left: Vec<_> = report.unpublished.iter().filter(|u| !u.included).collect();
    if left.is_empty() {
        return None;
    }
    let drafts = left.iter().filter(|u| u.state == Unpublished::Draft).count();
    Some(format!(
        "left out {drafts} draft(s) and {} scheduled page(s); `investsite check` lists them",
        left.len() - drafts
    ))
}

/// Tabs as the 4 spaces `caret` counts them as (a terminal's tab stops vary).
fn expand_tabs(line: &str) -> String {
    line.replace('\t', "    ")
}

/// Where the caret under the `column`-th character (1-based) of `line` goes: the display
/// columns before it and the width of the character, both in terminal cells.
pub fn caret(line: &str, column: usize) -> (usize, usize) {
    let cells = |c: char| if c == '\t' { 4 } else { c.width().unwrap_or(0) };
    let before: usize = line.chars().take(column.saturating_sub(1)).map(cells).sum();
    let width = line.chars().nth(column.saturating_sub(1)).map_or(1, |c| cells(c).max(1));
    (before, width)
}

/// The progress bar of a build: shown on a terminal only, and only once a build has taken
/// longer than [`DELAY`], so quick builds print nothing extra.
pub struct Bar {
    bar: indicatif::ProgressBar,
    /// Set when the build is over; the delayed start looks at it under the lock, so a bar
    /// never appears after the build has finished.
    done: std::sync::Arc<std::sync::Mutex<bool>>,
}

/// How long a build runs before its progress bar appears.
pub const DELAY: Duration = Duration::from_millis(300);

const STAGES: u64 = 3;

impl Bar {
    /// A bar on stderr that appears after [`DELAY`] unless the build is over by then; `None`
    /// unless `show` (a terminal, not `-q`).
    pub fn start(show: bool) -> Option<Bar> {
        if !show {
            return None;
        }
        let bar = indicatif::ProgressBar::with_draw_target(Some(STAGES), indicatif::ProgressDrawTarget::hidden());
        let template = "{spinner} [{pos}/{len}] {msg} {elapsed}";
        if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        let done = std::sync::Arc::new(std::sync::Mutex::new(false));
        let (delayed, finished) = (bar.clone(), done.clone());
        std::thread::spawn(move || {
            std::thread::sleep(DELAY);
            let finished = finished.lock().unwrap_or_else(|e| e.into_inner());
            if !*finished {
                delayed.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                delayed.enable_steady_tick(Duration::from_millis(120));
            }
        });
        Some(Bar { bar, done })
    }

    /// Removes the bar before the report is printed.
    pub fn finish(self) {
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        *done = true;
        self.bar.finish_and_clear();
    }
}

impl Progress for Bar {
    fn stage(&self, stage: Stage) {
        let (n, msg) = match stage {
            Stage::Loading => (0, "reading the site".to_string()),
            Stage::Rendering { pages } => (1, format!("rendering {pages} pages and their share images")),
            Stage::Writing => (2, "writing".to_string()),
        };
        self.bar.set_position(n);
        self.bar.set_message(msg);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    fn example() -> Diagnostic {
        Diagnostic::error("\"12.5\" has no unit")
            .in_file("content/projects/a.zh.md")
            .at_line(3)
            .field("investment")
            .help("write it like 12.5亿元")
            .with_source("---\ntitle: x\ninvestment: 12.5\n---\n")
            .at_column(13)
    }

    #[test]
    fn plain_output_is_the_display_form() {
        let d = example();
        assert_eq!(render(&d, Style { rich: false, color: false }), d.to_string());
    }

    #[test]
    fn the_terminal_form_points_at_the_character() {
        let text = render(&example(), Style { rich: true, color: false });
        assert_eq!(
            text,
            "error: field `investment`: \"12.5\" has no unit\n --> content/projects/a.zh.md:3:13\n  |\n3 | investment: 12.5\n  |             ^\n  = help: write it like 12.5亿元"
        );
    }

    #[test]
    fn colour_wraps_severity_and_caret_only_when_on() {
        let coloured = render(&example(), Style { rich: true, color: true });
        assert!(coloured.starts_with("\x1b[1;31merror\x1b[0m"));
        assert!(coloured.contains("\x1b[1;31m^\x1b[0m"));
        assert!(!render(&example(), Style { rich: true, color: false }).contains('\x1b'));
    }

    #[test]
    fn the_caret_under_a_cjk_character_counts_two_cells_per_character() {
        // `region: 白银区` with the mistake at 区, the 11th character.
        let line = "region: 白银区";
        assert_eq!(caret(line, 11), (12, 2));
        assert_eq!(caret(line, 9), (8, 2));
        assert_eq!(caret("\tx", 2), (4, 1));
        let d = Diagnostic::error("no region").in_file("a.md").at_line(1).with_source(line).at_column(11);
        let text = render(&d, Style { rich: true, color: false });
        let lines: Vec<&str> = text.lines().collect();
        let source = lines[3].split_once("| ").unwrap().1;
        let marks = lines[4].split_once("| ").unwrap().1;
        use unicode_width::UnicodeWidthStr;
        let before = &source[..source.find('区').unwrap()];
        assert_eq!(marks, format!("{}^^", " ".repeat(before.width())));
    }

    #[test]
    fn no_color_and_the_flag_decide_colour() {
        let set = Some(OsStr::new("1"));
        assert_eq!(style(ColorChoice::Auto, None, true), Style { rich: true, color: true });
        assert_eq!(style(ColorChoice::Auto, set, true), Style { rich: true, color: false });
        assert_eq!(style(ColorChoice::Auto, Some(OsStr::new("")), true), Style { rich: true, color: true });
        assert_eq!(style(ColorChoice::Auto, None, false), Style { rich: false, color: false });
        assert_eq!(style(ColorChoice::Never, None, true), Style { rich: true, color: false });
        assert_eq!(style(ColorChoice::Always, set, false), Style { rich: true, color: true });
    }
}
