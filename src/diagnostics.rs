//! Problems found in a site, collected across the whole build and reported together.
//!
//! Every stage pushes into one [`Diagnostics`] instead of returning at the first problem,
//! so an author fixing a site sees every mistake of a build in one run. Each diagnostic
//! names the file (relative to the site root), the line, the field and what to do.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// File relative to the site root, with `/` separators.
    pub file: Option<String>,
    /// 1-based line in that file.
    pub line: Option<usize>,
    /// 1-based column in characters on that line, where the problem is at one place: a
    /// terminal shows a caret under it (see `crate::terminal`).
    pub column: Option<usize>,
    pub field: Option<String>,
    pub message: String,
    pub help: Option<String>,
    /// The source line the diagnostic points at, shown under the message.
    pub snippet: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            line: None,
            column: None,
            field: None,
            message: message.into(),
            help: None,
            snippet: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(message) }
    }

    pub fn in_file(mut self, file: impl AsRef<Path>) -> Self {
        self.file = Some(display_path(file.as_ref()));
        self
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn at_column(mut self, column: usize) -> Self {
        self.column = Some(column);
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Attaches the text of `line` from `source` so the reader sees what is wrong.
    pub fn with_source(mut self, source: &str) -> Self {
        if let Some(line) = self.line {
            self.snippet = source.lines().nth(line.saturating_sub(1)).map(|l| l.to_string());
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Paths in messages use `/` on every platform: authors copy them into editors and chats.
pub fn display_path(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .filter(|c| c != ".")
        .collect::<Vec<_>>()
        .join("/")
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: ")?;
        if let Some(file) = &self.file {
            write!(f, "{file}")?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
            }
            write!(f, ": ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        write!(f, "{}", self.message)?;
        if let (Some(snippet), Some(line)) = (&self.snippet, self.line) {
            write!(f, "\n  {line:>4} | {snippet}")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// A thread-safe collection of diagnostics; stages running in parallel push into it.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&self, d: Diagnostic) {
        self.items.lock().unwrap_or_else(|e| e.into_inner()).push(d);
    }

    pub fn extend(&self, ds: impl IntoIterator<Item = Diagnostic>) {
        let mut items = self.items.lock().unwrap_or_else(|e| e.into_inner());
        items.extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.snapshot().iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.snapshot().iter().filter(|d| d.is_error()).count()
    }

    /// All diagnostics, sorted (errors first, then by file and line) and without repeats,
    /// so the report reads the same whatever order parallel stages finished in.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut v = self.snapshot();
        v.sort_by(|a, b| {
            (a.severity, &a.file, a.line, &a.field, &a.message)
                .cmp(&(b.severity, &b.file, b.line, &b.field, &b.message))
        });
        v.dedup();
        v
    }

    fn snapshot(&self) -> Vec<Diagnostic> {
        self.items.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        let sorted = self.sorted();
        drop(self);
        sorted
    }
}

/// An error that stops a command before or outside the content checks (I/O, usage).
#[derive(Debug)]
pub struct Fatal {
    pub message: String,
    pub path: Option<PathBuf>,
}

impl Fatal {
    pub fn new(message: impl Into<String>) -> Self {
        Fatal { message: message.into(), path: None }
    }

    pub fn io(path: &Path, err: std::io::Error) -> Self {
        Fatal { message: format!("{}: {err}", display_path(path)), path: Some(path.to_path_buf()) }
    }
}

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for Fatal {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_file_line_field_snippet_and_help() {
        let d = Diagnostic::error("\"12.5\" has no unit")
            .in_file("content/projects/a.zh.md")
            .at_line(3)
            .field("investment")
            .help("write it like 12.5亿元")
            .with_source("---\ntitle: x\ninvestment: 12.5\n---\n");
        let s = d.to_string();
        assert_eq!(
            s,
            "error: content/projects/a.zh.md:3: field `investment`: \"12.5\" has no unit\n     3 | investment: 12.5\n  help: write it like 12.5亿元"
        );
    }

    #[test]
    fn sorted_puts_errors_first_and_drops_repeats() {
        let ds = Diagnostics::new();
        ds.push(Diagnostic::warning("w").in_file("a"));
        ds.push(Diagnostic::error("e2").in_file("b").at_line(2));
        ds.push(Diagnostic::error("e1").in_file("b").at_line(1));
        ds.push(Diagnostic::error("e1").in_file("b").at_line(1));
        let v = ds.sorted();
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].message, "e1");
        assert_eq!(v[2].message, "w");
        assert_eq!(ds.error_count(), 3);
    }
}
