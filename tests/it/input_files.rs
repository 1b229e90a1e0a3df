//! Inputs are checked, not trusted: every file the build reads is inside the site folder, is
//! a regular file and has a sane size; files and addresses named in front matter exist and
//! are what they say; text is UTF-8 without NUL characters. A refused build names the
//! path (and file, line, field where there is one), never shows a byte of a file outside
//! the site, and leaves the earlier output as it was.

use std::path::Path;

use crate::common::{Site, messages, snapshot};
use investsite::build::BuildReport;

/// A line no message, page or output file may ever contain: it lives outside the site.
const SECRET: &str = "TOP-SECRET-7f3a: root:$6$saltsalt$hash";

/// A fixture site built once, with its output's snapshot.
fn built() -> (Site, Vec<(String, Vec<u8>)>) {
    let s = Site::fixture("basic");
    s.build_ok();
    let before = snapshot(&s.output());
    (s, before)
}

/// Builds, expects failure, checks the earlier output is untouched, and returns the messages.
fn refused(s: &Site, before: &[(String, Vec<u8>)]) -> String {
    let r: BuildReport = s.build();
    assert!(!r.ok(), "the build should fail:\n{}", messages(&r));
    assert_eq!(snapshot(&s.output()), before, "a failed build changed the output");
    messages(&r)
}

/// The first line of a diagnostic (not its source snippet or help) that names `needle`.
fn line_with<'a>(messages: &'a str, needle: &str) -> &'a str {
    messages
        .lines()
        .filter(|l| l.starts_with("error:") || l.starts_with("warning:"))
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no message with {needle:?} in:\n{messages}"))
}

/// A folder outside the site holding secrets in the shapes the site reads.
fn outside() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let secret_yaml = format!("title: [unclosed\n{SECRET}\n");
    std::fs::write(dir.path().join("secret.md"), format!("---\n{secret_yaml}---\n{SECRET}\n")).unwrap();
    std::fs::write(dir.path().join("secret.yaml"), &secret_yaml).unwrap();
    std::fs::write(dir.path().join("secret.txt"), SECRET).unwrap();
    std::fs::create_dir_all(dir.path().join("folder")).unwrap();
    std::fs::write(dir.path().join("folder/inside.txt"), SECRET).unwrap();
    dir
}

#[cfg(unix)]
fn link(target: &Path, at: &Path) {
    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, at).unwrap();
}

fn assert_no_secret(text: &str) {
    assert!(!text.contains("TOP-SECRET"), "a message shows the content of a file outside the site:\n{text}");
}

#[cfg(unix)]
#[test]
fn a_symlink_inside_the_site_is_followed() {
    let s = Site::fixture("basic");
    link(Path::new("images/logo.svg"), &s.root().join("static/logo-copy.svg"));
    link(Path::new("../about.zh.md"), &s.root().join("content/news/about-copy.zh.md"));
    link(Path::new("../../../static/images"), &s.root().join("content/projects/solar/pictures"));
    s.build_ok();
    let logo = std::fs::read(s.root().join("static/images/logo.svg")).unwrap();
    assert_eq!(std::fs::read(s.output().join("logo-copy.svg")).unwrap(), logo);
    assert!(s.read("news/about-copy/index.html").contains("关于测试市投资促进局"));
    assert_eq!(std::fs::read(s.output().join("projects/solar/pictures/logo.svg")).unwrap(), logo);
}

#[cfg(unix)]
#[test]
fn a_symlink_leaving_the_site_is_an_error_that_never_shows_the_target() {
    let (s, before) = built();
    let out = outside();
    let o = out.path();
    link(&o.join("secret.md"), &s.root().join("content/news/leak.zh.md"));
    link(&o.join("secret.yaml"), &s.root().join("data/leak.yaml"));
    link(&o.join("secret.txt"), &s.root().join("static/leak.txt"));
    link(&o.join("folder"), &s.root().join("static/leaked-folder"));
    link(&o.join("secret.txt"), &s.root().join("content/projects/solar/leak.txt"));
    let m = refused(&s, &before);
    for path in [
        "content/news/leak.zh.md",
        "data/leak.yaml",
        "static/leak.txt",
        "static/leaked-folder",
        "content/projects/solar/leak.txt",
    ] {
        assert!(line_with(&m, path).contains("points outside the site folder"), "{path}: {m}");
    }
    assert_no_secret(&m);
    assert!(!m.contains(&o.display().to_string()), "the target is named:\n{m}");
    // The same through the real command line, stdout and stderr.
    let (code, stdout, stderr) = s.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert_no_secret(&format!("{stdout}{stderr}"));
    assert_eq!(snapshot(&s.output()), before);
}

#[cfg(unix)]
#[test]
fn site_yaml_theme_and_outlines_cannot_point_outside() {
    let (s, before) = built();
    let out = outside();
    let o = out.path();
    std::fs::create_dir_all(o.join("theme/templates")).unwrap();
    std::fs::write(o.join("theme/templates/base.html"), SECRET).unwrap();
    link(&o.join("theme"), &s.root().join("themes/borrowed"));
    link(&o.join("secret.txt"), &s.root().join("data/outline.geojson"));
    s.edit_site_yaml(|site_yaml| format!("{site_yaml}theme: borrowed\nmap: {{outlines: [data/outline.geojson]}}\n"));
    let m = refused(&s, &before);
    assert!(line_with(&m, "themes/borrowed").contains("points outside the site folder"), "{m}");
    assert!(line_with(&m, "data/outline.geojson").contains("points outside the site folder"), "{m}");
    assert_no_secret(&m);

    std::fs::remove_file(s.root().join("site.yaml")).unwrap();
    link(&o.join("secret.yaml"), &s.root().join("site.yaml"));
    let (code, stdout, stderr) = s.run(&["build"]);
    assert_ne!(code, 0);
    assert!(stderr.contains("site.yaml") && stderr.contains("points outside the site folder"), "{stderr}");
    assert_no_secret(&format!("{stdout}{stderr}"));
    assert_eq!(snapshot(&s.output()), before);
}

#[cfg(unix)]
#[test]
fn a_link_to_a_folder_that_contains_it_is_refused_not_walked_forever() {
    let (s, before) = built();
    link(Path::new(".."), &s.root().join("static/images/up"));
    let m = refused(&s, &before);
    assert!(line_with(&m, "static/images/up").contains("contains it (a loop)"), "{m}");
}

/// Runs a build on another thread: reading a FIFO would block it forever.
#[cfg(unix)]
fn build_within(s: &Site, secs: u64) -> BuildReport {
    let opts = s.options();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(investsite::build::build(&opts));
    });
    rx.recv_timeout(std::time::Duration::from_secs(secs)).expect("the build blocked (did it open a FIFO?)")
}

#[cfg(unix)]
#[test]
fn fifos_are_errors_and_never_opened() {
    let (s, before) = built();
    for rel in ["content/news/pipe.zh.md", "data/pipe.yaml", "static/pipe.bin"] {
        let status = std::process::Command::new("mkfifo").arg(s.root().join(rel)).status().unwrap();
        assert!(status.success(), "mkfifo {rel}");
    }
    let r = build_within(&s, 120);
    assert!(!r.ok());
    let m = messages(&r);
    for rel in ["content/news/pipe.zh.md", "data/pipe.yaml", "static/pipe.bin"] {
        assert!(line_with(&m, rel).contains("named pipe (FIFO), not a regular file"), "{rel}: {m}");
    }
    assert_eq!(snapshot(&s.output()), before);
}

#[test]
fn files_over_the_size_limit_are_errors_naming_the_limit() {
    let (s, before) = built();
    // Sparse files: their size is set, nothing is written, and the build must not read them.
    let sparse = |rel: &str, len: u64| {
        let f = std::fs::File::create(s.root().join(rel)).unwrap();
        f.set_len(len).unwrap();
    };
    sparse("content/news/huge.zh.md", 9 * 1024 * 1024);
    sparse("static/huge.iso", 201 * 1024 * 1024);
    let m = refused(&s, &before);
    let md = line_with(&m, "content/news/huge.zh.md");
    assert!(md.contains("9.0 MiB") && md.contains("limit of 8.0 MiB"), "{md}");
    let iso = line_with(&m, "static/huge.iso");
    assert!(iso.contains("201.0 MiB") && iso.contains("limit of 200.0 MiB"), "{iso}");
}

#[test]
fn a_theme_is_a_name_never_a_path() {
    let (s, before) = built();
    let site_yaml = std::fs::read_to_string(s.root().join("site.yaml")).unwrap();
    let line = site_yaml.lines().count() + 1;
    for theme in ["../x", "/etc", "a/b", "..", ".hidden"] {
        s.write("site.yaml", &format!("{site_yaml}theme: \"{theme}\"\n"));
        let m = refused(&s, &before);
        let msg = line_with(&m, "is not a theme name");
        assert!(msg.contains(&format!("site.yaml:{line}: field `theme`")), "{theme}: {msg}");
    }
}

#[cfg(unix)]
#[test]
fn a_font_must_be_a_file_of_the_site() {
    let (s, before) = built();
    let site_yaml = std::fs::read_to_string(s.root().join("site.yaml")).unwrap();
    let line = site_yaml.lines().count() + 2;
    s.write(
        "site.yaml",
        &format!("{site_yaml}share:\n  font: /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc\n"),
    );
    let m = refused(&s, &before);
    assert!(
        line_with(&m, "field `share.font`").contains(&format!("site.yaml:{line}:"))
            && m.contains("outside the site folder"),
        "{m}"
    );

    let out = outside();
    link(&out.path().join("secret.txt"), &s.root().join("fonts/a.ttf"));
    s.write("site.yaml", &format!("{site_yaml}share:\n  font: fonts/a.ttf\n"));
    let m = refused(&s, &before);
    let msg = line_with(&m, "field `share.font`");
    assert!(msg.contains(&format!("site.yaml:{line}:")) && msg.contains("fonts/a.ttf: the path points outside"), "{m}");
    assert_no_secret(&m);
}

/// A tiny real image in `format`, as a camera or an editor would save it.
fn image_bytes(format: image::ImageFormat) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::RgbImage::new(2, 2).write_to(&mut out, format).unwrap();
    out.into_inner()
}

#[test]
fn real_images_and_documents_build() {
    let s = Site::fixture("basic");
    s.write_bytes("content/projects/solar/photo.jpg", &image_bytes(image::ImageFormat::Jpeg));
    s.write_bytes("static/images/map.png", &image_bytes(image::ImageFormat::Png));
    s.write_bytes("static/docs/rules.pdf", b"%PDF-1.7\n%...");
    s.write_bytes("static/docs/form.docx", b"PK\x03\x04rest");
    s.write_bytes("static/docs/old.xls", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]);
    s.write_bytes("static/docs/notes.txt", b"any text: unknown kinds are published as they are");
    let project = std::fs::read_to_string(s.root().join("content/projects/solar/index.zh.md")).unwrap();
    s.write(
        "content/projects/solar/index.zh.md",
        &project.replace(
            "images: [site.svg]",
            "images: [site.svg, photo.jpg, /images/map.png, https://cdn.example.cn/a.jpg]",
        ),
    );
    let policy = std::fs::read_to_string(s.root().join("content/policies/thirty.zh.md")).unwrap();
    s.write(
        "content/policies/thirty.zh.md",
        &policy.replacen(
            "categories:",
            "attachments: [/docs/rules.pdf, /docs/form.docx, /docs/old.xls, /docs/notes.txt]\ncategories:",
            1,
        ),
    );
    s.build_ok();
    let page = s.read("projects/solar/index.html");
    // Photos are shown in the sizes the build made of them (photos.rs tests those).
    assert!(page.contains("/projects/solar/photo.2.") && page.contains("/images/map.2."), "{page}");
    assert!(s.exists("projects/solar/photo.jpg") && s.exists("images/map.png"));
    assert!(s.read("policies/thirty/index.html").contains("/docs/form.docx"));
}

#[test]
fn images_that_are_missing_outside_fake_or_scripts_are_errors_at_their_line() {
    let (s, before) = built();
    s.write("static/images/fake.jpg", "<!DOCTYPE html><html><body>not a photo</body></html>");
    s.write_bytes("static/images/really-png.jpg", &image_bytes(image::ImageFormat::Png));
    s.write("static/images/broken.svg", "just text");
    s.write(
        "content/projects/solar/index.zh.md",
        "---\ntitle: 光伏电站项目\nchain: new-energy\nsegment: solar-farms\nregion: county\ninvestment: USD 20 million\ndate: 2026-10-01\nimages:\n  - site.svg\n  - missing.jpg\n  - ../../../site.yaml\n  - /images/fake.jpg\n  - /images/really-png.jpg\n  - \"javascript:alert(1)\"\n  - /images/broken.svg\n---\n\n正文\n",
    );
    let m = refused(&s, &before);
    let file = "content/projects/solar/index.zh.md";
    let at = |line: usize, needle: &str| {
        let msg = line_with(&m, needle);
        assert!(msg.starts_with(&format!("error: {file}:{line}: field `images`: ")), "{needle}: {msg}");
        msg.to_string()
    };
    assert!(at(10, "missing.jpg").contains("does not exist"));
    assert!(at(11, "../../../site.yaml").contains("climbs out of its folder"));
    assert!(at(12, "fake.jpg is not a JPEG image").contains("HTML page"));
    assert!(at(13, "really-png.jpg").contains("it is a PNG image"));
    assert!(at(14, "javascript").contains("not allowed"));
    assert!(at(15, "broken.svg").contains("not an SVG image"));
    // The translation inherits the images: each mistake is reported once, at the original.
    let reports = m.lines().filter(|l| l.starts_with("error:") && l.contains("missing.jpg")).count();
    assert_eq!(reports, 1, "{m}");
}

#[test]
fn attachments_and_the_logo_are_checked_like_images() {
    let (s, before) = built();
    s.write("static/docs/rules.pdf", "<html>a saved web page</html>");
    s.write("static/docs/form.docx", "plain text");
    let policy = std::fs::read_to_string(s.root().join("content/policies/thirty.zh.md")).unwrap();
    s.write(
        "content/policies/thirty.zh.md",
        &policy.replacen(
            "categories:",
            "attachments: [/docs/rules.pdf, /docs/form.docx, /docs/nowhere.pdf, \"vbscript:msgbox(1)\"]\ncategories:",
            1,
        ),
    );
    let site_yaml = std::fs::read_to_string(s.root().join("site.yaml")).unwrap();
    let logo_line = site_yaml.lines().count() + 1;
    s.write("site.yaml", &format!("{site_yaml}logo: \"javascript:alert(1)\"\nfavicon: /images/none.ico\n"));
    let m = refused(&s, &before);
    let att = |needle: &str| {
        let msg = line_with(&m, needle);
        assert!(msg.starts_with("error: content/policies/thirty.zh.md:5: field `attachments`: "), "{msg}");
        msg.to_string()
    };
    assert!(att("rules.pdf is not a PDF document").contains("HTML page"));
    assert!(att("form.docx is not a .docx document").contains("text"));
    assert!(att("nowhere.pdf").contains("does not exist"));
    assert!(att("vbscript").contains("not allowed"));
    assert!(line_with(&m, "field `logo`").contains(&format!("site.yaml:{logo_line}:")), "{m}");
    assert!(line_with(&m, "field `favicon`").contains("none.ico does not exist"), "{m}");
}

#[test]
fn contact_and_source_addresses_are_checked() {
    let (s, before) = built();
    s.write(
        "content/projects/probe.zh.md",
        "---\ntitle: 探针项目\nchain: new-energy\nregion: county\ninvestment: 1亿元\ndate: 2026-10-01\ncontact:\n  phone: \"javascript:alert(1)\"\n  email: \"a@example.cn?body=x\"\n---\n正文\n",
    );
    let policy = std::fs::read_to_string(s.root().join("content/policies/thirty.zh.md")).unwrap();
    s.write(
        "content/policies/thirty.zh.md",
        &policy.replacen("categories:", "source: \"javascript:alert(document.cookie)\"\ncategories:", 1),
    );
    let m = refused(&s, &before);
    assert!(
        line_with(&m, "field `contact.phone`").starts_with("error: content/projects/probe.zh.md:8:")
            && m.contains("is not a phone number"),
        "{m}"
    );
    assert!(line_with(&m, "field `contact.email`").contains("probe.zh.md:9:") && m.contains("`?` cannot be part"));
    assert!(line_with(&m, "field `source`").contains("thirty.zh.md:5:"), "{m}");
}

#[test]
fn utf16_without_a_bom_is_named_utf16() {
    let (s, before) = built();
    let text = "---\ntitle: About\n---\n\nAbout the bureau.\n";
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    s.write_bytes("content/about.en.md", &utf16);
    let m = refused(&s, &before);
    let msg = line_with(&m, "content/about.en.md");
    assert!(msg.contains("UTF-16 (little-endian, without a byte-order mark)") && !msg.contains("GBK"), "{msg}");
}

#[test]
fn nul_characters_never_reach_a_page() {
    let (s, before) = built();
    s.write("content/about.zh.md", "---\ntitle: 关于我们\n---\n\n关于\0测试市投资促进局。\n");
    s.write("content/news/launch.zh.md", "---\ntitle: \"上线\\0了\"\ndate: 2026-11-01\n---\n\n网站正式上线。\n");
    let m = refused(&s, &before);
    assert!(line_with(&m, "content/about.zh.md").contains("content/about.zh.md:5: the text contains a NUL character"));
    assert!(
        line_with(&m, "content/news/launch.zh.md").contains("launch.zh.md:2: field `title`: the value contains a NUL")
    );
}
