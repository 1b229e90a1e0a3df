//! Rendering one template, and Tera's errors as diagnostics naming the template file and
//! line (the theme's templates are the site owner's code).

use std::collections::HashMap;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::theme::Theme;

/// `template` with `ctx` over the `shared` part; an error is reported for `page_url`.
pub fn render(
    tera: &tera::Tera,
    theme: &Theme,
    template: &str,
    ctx: &impl Serialize,
    shared: &tera::Context,
    page_url: &str,
    diags: &Diagnostics,
) -> Option<String> {
    let context = match tera::Context::from_serialize(ctx) {
        Ok(c) => {
            let mut all = shared.clone();
            all.extend(c);
            all
        }
        Err(e) => {
            diags.push(Diagnostic::error(format!("internal: cannot pass the page to templates: {e}")));
            return None;
        }
    };
    match tera.render(template, &context) {
        Ok(s) => Some(s),
        Err(e) => {
            let origins: HashMap<&str, &str> =
                theme.templates.iter().map(|t| (t.name.as_str(), t.origin.as_str())).collect();
            for mut d in template_diagnostics(&e, &origins, theme) {
                d.message = format!("{} (while rendering {page_url})", d.message);
                diags.push(d);
            }
            None
        }
    }
}

/// A Tera error as diagnostics naming the template file and line. Tera validates all
/// templates at once and may report several problems in one error.
pub fn template_diagnostics(e: &tera::Error, origins: &HashMap<&str, &str>, theme: &Theme) -> Vec<Diagnostic> {
    let source_of = |name: &str| theme.templates.iter().find(|t| t.name == name).map(|t| t.text.as_str()).unwrap_or("");
    let origin_of = |name: &str| origins.get(name).copied().unwrap_or(name).to_string();
    if let tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) = e.kind() {
        return vec![located(r.message(), &origin_of(r.filename()), r.span().start_line, source_of(r.filename()))];
    }
    let mut text = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        text.push_str(&format!("\n{s}"));
        src = s.source();
    }
    let reports = parse_reports(&text);
    if reports.is_empty() {
        return vec![Diagnostic::error(format!("template: {text}"))];
    }
    reports.into_iter().map(|(msg, name, line)| located(&msg, &origin_of(&name), line, source_of(&name))).collect()
}

fn located(message: &str, origin: &str, line: usize, source: &str) -> Diagnostic {
    Diagnostic::error(format!("template: {message}"))
        .in_file(origin)
        .at_line(line)
        .with_source(source)
        .help("fix the template, or delete the site's copy to use the built-in one")
}

/// Reads Tera's rendered reports: `error: MESSAGE` followed by ` --> NAME:LINE:COL`.
fn parse_reports(text: &str) -> Vec<(String, String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(loc) = line.trim_start().strip_prefix("--> ") else { continue };
        let mut parts = loc.rsplitn(3, ':');
        let (_col, line_no, name) = (parts.next(), parts.next(), parts.next());
        let (Some(line_no), Some(name)) = (line_no.and_then(|l| l.parse::<usize>().ok()), name) else { continue };
        let message = lines[..i]
            .iter()
            .rev()
            .find_map(|l| l.trim_start().strip_prefix("error: "))
            .unwrap_or("template error")
            .to_string();
        out.push((message, name.to_string(), line_no));
    }
    out
}
