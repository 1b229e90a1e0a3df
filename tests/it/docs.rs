//! The documentation is checked against the program: every command-line option and every
//! field the code accepts is named in docs/reference.md, and every site file shown in the
//! guides (and the README's first steps) builds.
//!
//! Site-file examples are fenced blocks whose info string names the file:
//!
//! ````markdown
//! ```markdown file=content/projects/wind-farm.zh.md
//! ```yaml file=data/regions.yaml add
//! ````
//!
//! Without `add` the block is the whole file. With `add` it is added to the file the site
//! already has: list items are appended (data/*.yaml), top-level keys of a mapping
//! (site.yaml) replace the same keys or are appended.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{Site, messages};

const REFERENCE: &str = "docs/reference.md";
const DOCS_WITH_EXAMPLES: &[&str] = &["README.md", "docs/guide.en.md", "docs/guide.zh.md"];

fn repo_file(rel: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn fail_with_missing(what: &str, missing: &BTreeSet<String>) {
    assert!(
        missing.is_empty(),
        "{REFERENCE} does not mention these {what} (add each, in backticks):\n  {}",
        missing.iter().cloned().collect::<Vec<_>>().join("\n  ")
    );
}

// ---------------------------------------------------------------------------------------
// Command line

fn help(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_investsite")).args(args).output().expect("run investsite");
    assert!(out.status.success(), "investsite {} failed: {}", args.join(" "), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The subcommands listed under `Commands:` in clap's help.
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.trim_start().starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// Every `--long` and `-s` option named in a help text's option lines.
fn options(help: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in help.lines().map(str::trim_start).filter(|l| l.starts_with('-')) {
        for word in line.split([' ', ',']).take_while(|w| w.starts_with('-') || w.is_empty()) {
            let name: String = word.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
            if name.len() > 1 {
                found.insert(name);
            }
        }
    }
    found
}

#[test]
fn every_command_and_option_is_in_the_reference() {
    let reference = repo_file(REFERENCE);
    let top = help(&["--help"]);
    let commands = subcommands(&top);
    assert!(commands.len() >= 5 && commands.iter().any(|c| c == "build"), "no commands read from --help:\n{top}");
    let mut missing = BTreeSet::new();
    let mut all_options = options(&top);
    for command in &commands {
        if !reference.contains(&format!("`{command}`")) && !reference.contains(&format!("investsite {command}")) {
            missing.insert(format!("command {command}"));
        }
        if command != "help" {
            all_options.extend(options(&help(&[command, "--help"])));
        }
    }
    assert!(all_options.contains("--root") && all_options.contains("--relative"), "options not read: {all_options:?}");
    for opt in &all_options {
        if !reference.contains(&format!("`{opt}")) {
            missing.insert(format!("option {opt}"));
        }
    }
    fail_with_missing("commands and options", &missing);
}

// ---------------------------------------------------------------------------------------
// Fields

/// The quoted strings of a Rust array literal starting at `text` (just after its `[`).
fn strings_until_bracket(text: &str) -> Vec<String> {
    let body = &text[..text.find(']').unwrap_or(text.len())];
    body.split('"').skip(1).step_by(2).map(str::to_string).collect()
}

/// A source file without its `#[cfg(test)]` module, whose names are examples, not fields.
fn without_tests(src: &str) -> &str {
    src.find("#[cfg(test)]").map_or(src, |i| &src[..i])
}

/// `const NAME: &[&str] = &[...]` arrays of one file.
fn const_arrays(src: &str) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for (i, _) in src.match_indices("const ") {
        let rest = &src[i + 6..];
        let Some((name, after)) = rest.split_once(':') else { continue };
        let name = name.trim();
        let after = after.trim_start();
        if !name.chars().all(|c| c.is_ascii_uppercase() || c == '_') || !after.starts_with("&[&str]") {
            continue;
        }
        if let Some(open) = after.find("&[").and_then(|_| after[7..].find('[')) {
            out.insert(name.to_string(), strings_until_bracket(&after[7 + open + 1..]));
        }
    }
    out
}

/// Whether a constant's name says it lists accepted fields.
fn names_fields(name: &str) -> bool {
    name == "KNOWN" || ["_KNOWN", "_FIELDS", "_NEUTRAL", "TRANSLATABLE", "PRICE_KEYS"].iter().any(|s| name.ends_with(s))
}

/// The modules that read what authors write in site.yaml, front matter and data files.
const READ_FROM_AUTHOR_FILES: &[&str] = &["load/config.rs", "load/gov_settings.rs", "domain/", "share/settings.rs"];

/// Methods of `Fields` and of YAML mappings that read a field by name.
const READERS: &[&str] = &[
    "get",
    "value",
    "has",
    "text",
    "nested",
    "lang_text",
    "list",
    "bool",
    "date",
    "area",
    "amount",
    "choice",
    "choices",
    "required_text",
    "required_date",
    "required_amount",
    "location",
    "number",
    "percent",
    "integer_in",
    "unit_price",
];

/// Field names read directly, like `f.text("code")` or `m.get("subchains")`.
fn fields_read(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    for reader in READERS {
        let call = format!(".{reader}(\"");
        for (i, _) in src.match_indices(&call) {
            let rest = &src[i + call.len()..];
            let name: String = rest.chars().take_while(|&c| c != '"').collect();
            if name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                out.push(name);
            }
        }
    }
    out
}

/// Every field name the code accepts: what `check_unknown` is given (a literal list or a
/// constant), constants named like field lists, literal key lists checked with
/// `.contains(&k…)`, and names read one by one in the modules that read authors' files.
fn accepted_fields() -> BTreeMap<String, BTreeSet<String>> {
    let mut fields: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut scanned_author_files: BTreeSet<&str> = BTreeSet::new();
    let src_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in walkdir::WalkDir::new(&src_dir).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let src = without_tests(&text);
        let file = entry.path().strip_prefix(&src_dir).unwrap().display().to_string();
        let consts = const_arrays(src);
        let mut add = |names: Vec<String>| {
            for n in names {
                fields.entry(n).or_default().insert(file.clone());
            }
        };
        for (name, list) in &consts {
            if names_fields(name) {
                add(list.clone());
            }
        }
        for (i, _) in src.match_indices("check_unknown(") {
            let arg = src[i + "check_unknown(".len()..].trim_start();
            if let Some(lit) = arg.strip_prefix("&[") {
                add(strings_until_bracket(lit));
            } else {
                let ident: String = arg.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if let Some(list) = consts.get(&ident) {
                    add(list.clone());
                }
            }
        }
        for (i, _) in src.match_indices("].contains(&k") {
            if let Some(open) = src[..i].rfind('[') {
                add(strings_until_bracket(&src[open + 1..]));
            }
        }
        if let Some(prefix) = READ_FROM_AUTHOR_FILES.iter().find(|f| file.starts_with(*f)) {
            scanned_author_files.insert(prefix);
            add(fields_read(src));
        }
    }
    // A moved file would otherwise leave its fields unchecked without any failure.
    for prefix in READ_FROM_AUTHOR_FILES {
        assert!(
            scanned_author_files.contains(prefix),
            "no file under src/ matches {prefix}: update READ_FROM_AUTHOR_FILES"
        );
    }
    fields.retain(|name, _| !name.is_empty());
    fields
}

#[test]
fn every_field_the_code_accepts_is_in_the_reference() {
    let reference = repo_file(REFERENCE);
    let fields = accepted_fields();
    // The scraper must see the settings, every kind of content and the data files.
    for sentinel in [
        "investment",
        "issuer",
        "reviews",
        "land_available",
        "url_schemes",
        "embed_hosts",
        "subchains",
        "poster_format",
        "year",
    ] {
        assert!(fields.contains_key(sentinel), "the field scraper no longer finds `{sentinel}`: {fields:?}");
    }
    let missing: BTreeSet<String> = fields
        .iter()
        .filter(|(name, _)| !reference.contains(&format!("`{name}`")))
        .map(|(name, files)| format!("{name} (src/{})", files.iter().cloned().collect::<Vec<_>>().join(", src/")))
        .collect();
    fail_with_missing("fields", &missing);
}

#[test]
fn the_field_scraper_reads_literal_lists_and_constants() {
    let src = r#"
        pub const KNOWN: &[&str] = &["title", "code"];
        const OTHER: &[&str] = &["nope"];
        const GROUPS: &[&str] = &["upstream"];
        fn f() { x.check_unknown(&["org", "phone"]); y.check_unknown(GROUPS); m.get("year"); f.error("x", 1); }
        #[cfg(test)]
        mod tests { fn t() { x.check_unknown(&["investmnet"]); } }
    "#;
    let src = without_tests(src);
    let consts = const_arrays(src);
    assert_eq!(consts["KNOWN"], ["title", "code"]);
    assert_eq!(consts["GROUPS"], ["upstream"]);
    assert!(names_fields("KNOWN") && names_fields("PARK_KNOWN") && !names_fields("OTHER"));
    assert!(!src.contains("investmnet"));
    assert_eq!(fields_read(src), ["year"]);
}

// ---------------------------------------------------------------------------------------
// Examples

#[derive(Debug)]
struct Example {
    doc: &'static str,
    line: usize,
    path: String,
    add: bool,
    text: String,
}

/// The fenced blocks of a document whose info string names a site file.
fn examples(doc: &'static str, text: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        let Some(info) = line.trim_start().strip_prefix("```") else { continue };
        // A block inside a list item is indented; its file is not.
        let indent = line.len() - line.trim_start().len();
        let words: Vec<&str> = info.split_whitespace().collect();
        let path = words.iter().find_map(|w| w.strip_prefix("file="));
        let mut body = String::new();
        for (_, l) in lines.by_ref() {
            if l.trim_start().starts_with("```") {
                break;
            }
            let spaces = l.len() - l.trim_start_matches(' ').len();
            body.push_str(&l[spaces.min(indent)..]);
            body.push('\n');
        }
        if let Some(path) = path {
            assert!(!path.contains("..") && !path.starts_with('/'), "{doc}:{}: file= must stay in the site", n + 1);
            out.push(Example { doc, line: n + 1, path: path.to_string(), add: words.contains(&"add"), text: body });
        }
    }
    out
}

/// The top-level key of a YAML line that starts a mapping entry.
fn top_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    line.split_once(':').map(|(k, _)| k.trim())
}

/// `add`: list items are appended; mapping keys replace the file's own or are appended.
fn add_to(existing: &str, addition: &str) -> String {
    let is_list = existing
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l.starts_with('-'));
    let mut out = String::new();
    if is_list {
        out.push_str(existing);
    } else {
        let replaced: BTreeSet<&str> = addition.lines().filter_map(top_key).collect();
        let mut skipping = false;
        for line in existing.lines() {
            if let Some(k) = top_key(line) {
                skipping = replaced.contains(k);
            }
            if !skipping {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    if !out.ends_with('\n') && !out.is_empty() {
        out.push('\n');
    }
    out.push_str(addition);
    out
}

fn apply(site: &Site, example: &Example) {
    let text = if example.add {
        let existing = std::fs::read_to_string(site.root().join(&example.path)).unwrap_or_default();
        add_to(&existing, &example.text)
    } else {
        example.text.clone()
    };
    site.write(&example.path, &text);
}

/// Where a content example is published in `lang` (None: not every file gets a page —
/// results only when admitted to the pool, section texts, data).
fn page_of(path: &str) -> Option<(String, PathBuf)> {
    let rel = path.strip_prefix("content/")?.strip_suffix(".md")?;
    if rel.starts_with("results/") || rel.contains("_index") {
        return None;
    }
    let (rel, lang) = rel.rsplit_once('.')?;
    let rel = rel.strip_suffix("/index").unwrap_or(rel);
    let prefix = if lang == "zh" { String::new() } else { format!("{lang}/") };
    Some((lang.to_string(), PathBuf::from(format!("{prefix}{rel}/index.html"))))
}

fn init_site() -> Site {
    let site = Site::empty();
    let (code, _, err) = site.run(&["init", "."]);
    assert_eq!(code, 0, "investsite init failed: {err}");
    site
}

fn check_examples_build(doc: &'static str, base: &str, site: Site) {
    let examples = examples(doc, &repo_file(doc));
    assert!(!examples.is_empty(), "{doc}: no example marked with file=…");
    for e in &examples {
        apply(&site, e);
    }
    let report = site.build();
    let errors: Vec<String> = report.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
    assert!(
        report.ok() && errors.is_empty(),
        "the examples of {doc} do not build in a site made from {base}:\n{}\n{:?}\nexamples: {}",
        messages(&report),
        report.fatal,
        examples.iter().map(|e| format!("{}:{} {}", e.doc, e.line, e.path)).collect::<Vec<_>>().join(", ")
    );
    // A misspelt field is only a warning, but an example must not teach it.
    let written: BTreeSet<&str> = examples.iter().map(|e| e.path.as_str()).collect();
    let warnings: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| d.to_string())
        .filter(|d| written.iter().any(|p| d.contains(p)) && !d.contains("translation"))
        .collect();
    assert!(
        warnings.is_empty(),
        "the examples of {doc} cause warnings in a site made from {base}:\n{}",
        warnings.join("\n")
    );
    for e in &examples {
        if let Some((_, page)) = page_of(&e.path) {
            assert!(
                site.output().join(&page).is_file(),
                "{doc}:{}: {} was built, but {} is missing",
                e.line,
                e.path,
                page.display()
            );
        }
    }
}

#[test]
fn the_examples_of_the_guides_build_in_the_test_fixture() {
    for doc in DOCS_WITH_EXAMPLES {
        check_examples_build(doc, "tests/fixtures/basic", Site::fixture("basic"));
    }
}

#[test]
fn the_examples_of_the_guides_build_in_a_new_site() {
    for doc in DOCS_WITH_EXAMPLES {
        check_examples_build(doc, "investsite init", init_site());
    }
}

#[test]
fn adding_to_site_files_appends_list_items_and_replaces_settings() {
    assert_eq!(add_to("- id: a\n", "- id: b\n"), "- id: a\n- id: b\n");
    let merged = add_to("title: x\nbrochure:\n  projects: featured\nicp: y\n", "brochure:\n  projects: all\n");
    assert_eq!(merged, "title: x\nicp: y\nbrochure:\n  projects: all\n");
    assert_eq!(
        page_of("content/projects/wind-farm.en.md"),
        Some(("en".into(), PathBuf::from("en/projects/wind-farm/index.html")))
    );
    assert_eq!(page_of("content/results/r.zh.md"), None);
    let found = examples("x.md", "```yaml file=data/regions.yaml add\n- id: a\n```\n```sh\nls\n```\n");
    assert_eq!(found.len(), 1);
    assert!(found[0].add && found[0].path == "data/regions.yaml" && found[0].text == "- id: a\n");
    let indented = examples("x.md", "1. Write:\n\n   ```md file=a.md\n   ---\n     x\n   ```\n");
    assert_eq!(indented[0].text, "---\n  x\n");
}
