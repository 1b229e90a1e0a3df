//! What a person reads in the terminal: the plain form when the output is not a terminal
//! (pipes, CI logs), the coloured form with `--> file:line:col` and a caret when asked, and
//! no progress bar outside a terminal. (The colour decision itself, `NO_COLOR` on a
//! terminal included, is unit-tested in `src/terminal.rs`: tests have no terminal.)

use std::process::Command;

use crate::common::{Site, share_cache};

fn broken_site() -> Site {
    let s = Site::fixture("basic");
    let path = s.root().join("content/projects/copper-foil.zh.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replace("investment: 12.5亿元", "investment: 12.5").replace("region: city", "region: 白银区");
    std::fs::write(&path, text).unwrap();
    s
}

/// Runs investsite in the site with extra environment variables; stderr.
fn stderr_of(s: &Site, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_investsite"));
    cmd.args(args).current_dir(s.root()).env("INVESTSITE_CACHE_DIR", share_cache()).env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn piped_output_keeps_the_plain_form_without_colour_or_progress() {
    let s = broken_site();
    for env in [&[][..], &[("NO_COLOR", "1")][..]] {
        let err = stderr_of(&s, &["check", "--today", "2026-11-25"], env);
        assert!(!err.contains('\x1b'), "no escape codes: {err}");
        assert!(
            err.contains("error: content/projects/copper-foil.zh.md:9: field `investment`: \"12.5\" has no unit"),
            "{err}"
        );
        assert!(err.contains("\n     9 | investment: 12.5\n"), "{err}");
        assert!(!err.contains("-->"), "{err}");
    }
    let err = stderr_of(&Site::fixture("basic"), &["build", "--today", "2026-11-25"], &[]);
    assert!(!err.contains('\r') && !err.contains("rendering"), "no progress bar in a pipe: {err}");
}

/// The text without its colour codes.
fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('\x1b') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        rest = &rest[rest.find('m').map_or(rest.len(), |m| m + 1)..];
    }
    out.push_str(rest);
    out
}

#[test]
fn color_always_points_at_the_character_even_after_chinese_text() {
    let s = broken_site();
    let err = stderr_of(&s, &["check", "--today", "2026-11-25", "--color", "always"], &[("NO_COLOR", "1")]);
    assert!(err.contains("\x1b[1;31merror\x1b[0m"), "the flag overrides NO_COLOR: {err}");
    let plain = strip_ansi(&err);
    assert!(
        plain.contains(
            "error: field `investment`: \"12.5\" has no unit: write it like 12.5亿元, 8000万元 or USD 20 million\n --> content/projects/copper-foil.zh.md:9:13\n  |\n9 | investment: 12.5\n  |             ^\n"
        ),
        "{plain}"
    );
    // 白 is two terminal cells wide: the caret is under all of it, after `region: `.
    assert!(plain.contains("7 | region: 白银区\n  |         ^^\n"), "{plain}");
    let never = stderr_of(&s, &["check", "--today", "2026-11-25", "--color", "never"], &[]);
    assert!(!never.contains('\x1b'), "{never}");
}
