//! The CJK font for share images and posters, and text measured with it.
//!
//! Posters need a font with Chinese glyphs. The site may name one (`share: {font: …}`);
//! otherwise the usual places of Linux, macOS and Windows are searched. SVG does not wrap
//! text, so lines are broken here from the font's own advance widths: between any two
//! Chinese characters (never before a closing mark like `，` or after an opening one like
//! `《`), at spaces between Latin words, and inside a word only when it is longer than a line.
//! Characters the CJK font lacks (Arabic above all) are measured with the fallback font
//! resvg draws them with, shaped as resvg shapes them (joined Arabic letters are narrower
//! than the letters alone), so that measured lines are the lines drawn.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use resvg::usvg::fontdb;

use crate::load::{FILE_LIMIT, Guard};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// Files tried in order when the site names no font.
const CANDIDATES: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "C:\\Windows\\Fonts\\msyh.ttc",
    "C:\\Windows\\Fonts\\simhei.ttf",
];

/// Fonts for the scripts a CJK font lacks (Arabic above all: Noto Sans CJK has none), loaded
/// beside the main font when present so that resvg falls back to them glyph by glyph; the
/// first found is used. Without one, Arabic text is left out of share images and posters
/// while the Latin and Chinese parts are drawn.
pub(super) const FALLBACKS: &[&str] = &[
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/System/Library/Fonts/GeezaPro.ttc",
    "C:\\Windows\\Fonts\\arial.ttf",
];

/// Folders searched (a few levels deep) when none of the candidates exists.
const FONT_DIRS: &[&str] = &["/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts"];

/// File names that announce a Chinese font.
const NAME_HINTS: &[&str] =
    &["notosanscjk", "notosanssc", "sourcehansans", "wqy", "droidsansfallback", "pingfang", "msyh", "simhei"];

/// Characters a font must have to draw Chinese titles.
const PROBE: &str = "中国投资银";

struct Face {
    bytes: Arc<Vec<u8>>,
    index: u32,
    /// Shaping tables of the face, read the first time text is shaped with it.
    shaper: std::sync::OnceLock<Option<harfrust::ShaperData>>,
}

impl Face {
    fn new(bytes: Arc<Vec<u8>>, index: u32) -> Face {
        Face { bytes, index, shaper: std::sync::OnceLock::new() }
    }

    fn font(&self) -> Option<FontRef<'_>> {
        FontRef::from_index(&self.bytes, self.index).ok()
    }

    /// The sum of the advance widths of `text`'s characters at `size` pixels; characters
    /// the face lacks are estimated.
    fn advances(&self, text: &str, size: f32) -> f32 {
        let Some(font) = self.font() else { return estimate(text, size) };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .map(|c| charmap.map(c).and_then(|g| metrics.advance_width(g)).unwrap_or_else(|| estimate_char(c, size)))
            .sum()
    }

    /// The width of `text` shaped with the face (joining, ligatures, kerning), as resvg
    /// shapes it before drawing.
    fn shaped(&self, text: &str, size: f32) -> f32 {
        let Some(font) = self.font() else { return estimate(text, size) };
        let Some(data) = self.shaper.get_or_init(|| Some(harfrust::ShaperData::new(&font))) else {
            return self.advances(text, size);
        };
        let upem = f32::from(font.metrics(Size::unscaled(), LocationRef::default()).units_per_em.max(1));
        let shaper = data.shaper(&font).build();
        let mut buffer = harfrust::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let glyphs = shaper.shape(buffer, harfrust::ShapeOptions::new());
        let units: i32 = glyphs.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 * size / upem
    }
}

/// Scripts whose letters change shape and width with their neighbours (Arabic, Hebrew,
/// Syriac, Thaana, N'Ko, Indic scripts and Arabic presentation forms): measured shaped.
fn is_complex(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0x0900..=0x0DFF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// The loaded font: a database for resvg and the faces used to measure text.
pub struct Fonts {
    pub db: Arc<fontdb::Database>,
    /// The family name templates write in `font-family`.
    pub family: String,
    /// Identifies the font files, so cached images are redrawn when the font changes.
    pub fingerprint: String,
    regular: Face,
    bold: Option<Face>,
    /// The font loaded for the scripts the CJK font lacks (see `FALLBACKS`).
    fallback: Option<Face>,
}

impl Fonts {
    /// The site's font, or one found on the system. `Err` says what was tried.
    pub fn find(root: &Path, configured: Option<&str>) -> Result<Fonts, String> {
        if let Some(rel) = configured {
            return Fonts::load_site_font(&Guard::new(root), rel);
        }
        let mut tried = Vec::new();
        for c in CANDIDATES.iter().map(PathBuf::from).chain(scan_font_dirs()) {
            if !c.is_file() {
                continue;
            }
            match Fonts::load(&c) {
                Ok(f) => return Ok(f),
                Err(e) => tried.push(e),
            }
        }
        Err(if tried.is_empty() { "no CJK font found".to_string() } else { tried.join("; ") })
    }

    /// A font file of the site (`share.font`), read like every other file of the site: it
    /// and its bold sibling must be inside the site folder (see `load::guard`).
    fn load_site_font(guard: &Guard, rel: &str) -> Result<Fonts, String> {
        let entry = guard
            .check_file(&guard.root().join(rel), FILE_LIMIT)
            .map_err(|r| format!("{rel}: {}", r.diagnostic(rel).message))?;
        let bytes = crate::load::read_limited(&entry, FILE_LIMIT)
            .map_err(|r| format!("{rel}: {}", r.diagnostic(rel).message))?;
        let sibling = bold_sibling(&guard.root().join(rel))
            .and_then(|p| guard.check_file(&p, FILE_LIMIT).ok())
            .and_then(|e| Some((crate::load::read_limited(&e, FILE_LIMIT).ok()?, e.real)));
        Fonts::from_bytes(&entry.real, bytes, sibling)
    }

    /// Loads a font file (and its bold sibling when there is one, `…-Bold.ttc`).
    pub fn load(path: &Path) -> Result<Fonts, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read the font {}: {e}", path.display()))?;
        let sibling = bold_sibling(path).and_then(|p| Some((std::fs::read(&p).ok()?, p)));
        Fonts::from_bytes(path, bytes, sibling)
    }

    fn from_bytes(path: &Path, bytes: Vec<u8>, bold_file: Option<(Vec<u8>, PathBuf)>) -> Result<Fonts, String> {
        let bytes = Arc::new(bytes);
        let mut db = fontdb::Database::new();
        let ids = db.load_font_source(fontdb::Source::Binary(bytes.clone()));
        let faces: Vec<(u32, String)> = ids
            .iter()
            .filter_map(|id| db.face(*id))
            .map(|f| (f.index, f.families.first().map(|(n, _)| n.clone()).unwrap_or_default()))
            .collect();
        let covering: Vec<&(u32, String)> = faces.iter().filter(|(i, _)| covers(&bytes, *i, PROBE)).collect();
        // A collection such as Noto Sans CJK holds Japanese, Korean and Chinese faces; the
        // simplified-Chinese one draws Chinese glyph shapes.
        let chosen = covering
            .iter()
            .find(|(_, name)| name.ends_with(" SC") || name.contains("GB") || name.contains("Hans"))
            .or_else(|| covering.first())
            .ok_or_else(|| format!("{} has no Chinese characters", path.display()))?;
        let (index, family) = (chosen.0, chosen.1.clone());
        let mut fingerprint = file_fingerprint(path);
        let bold = bold_file.and_then(|(b, p)| {
            let b = Arc::new(b);
            let ids = db.load_font_source(fontdb::Source::Binary(b.clone()));
            let idx =
                ids.iter().filter_map(|id| db.face(*id)).find(|f| f.families.iter().any(|(n, _)| *n == family))?.index;
            fingerprint.push_str(&file_fingerprint(&p));
            Some(Face::new(b, idx))
        });
        let mut fallback = None;
        if let Some(extra) = FALLBACKS.iter().map(Path::new).find(|p| p.is_file()) {
            // Only read: a fallback that cannot be read leaves the main font alone.
            if let Ok(b) = std::fs::read(extra) {
                let b = Arc::new(b);
                db.load_font_source(fontdb::Source::Binary(b.clone()));
                fingerprint.push_str(&file_fingerprint(extra));
                fallback = Some(Face::new(b, 0));
            }
        }
        db.set_sans_serif_family(family.clone());
        Ok(Fonts { db: Arc::new(db), family, fingerprint, regular: Face::new(bytes, index), bold, fallback })
    }

    /// Width of `text` at `size` pixels: each run of characters measured with the face that
    /// draws it (the CJK font, else the fallback), runs of complex scripts shaped.
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let main = if bold { self.bold.as_ref().unwrap_or(&self.regular) } else { &self.regular };
        let Some(main_map) = main.font().map(|f| f.charmap()) else { return estimate(text, size) };
        let Some(fallback) = self.fallback.as_ref().filter(|_| text.chars().any(|c| main_map.map(c).is_none())) else {
            return main.advances(text, size);
        };
        let Some(fallback_map) = fallback.font().map(|f| f.charmap()) else { return main.advances(text, size) };
        let drawn_by_fallback = |c: char| main_map.map(c).is_none() && fallback_map.map(c).is_some();
        let measure = |run: &str, by_fallback: bool| {
            if !by_fallback {
                main.advances(run, size)
            } else if run.chars().any(is_complex) {
                fallback.shaped(run, size)
            } else {
                fallback.advances(run, size)
            }
        };
        // Runs of characters drawn by one face; spaces and ASCII punctuation stay in the run
        // they are in, so that a phrase of Arabic words is shaped whole.
        let (mut total, mut run, mut run_by_fallback) = (0.0, String::new(), false);
        for c in text.chars() {
            let neutral = c.is_whitespace() || c.is_ascii_punctuation();
            let by_fallback = if neutral { run_by_fallback } else { drawn_by_fallback(c) };
            if by_fallback != run_by_fallback && !run.is_empty() {
                total += measure(&run, run_by_fallback);
                run.clear();
            }
            run_by_fallback = by_fallback;
            run.push(c);
        }
        total + measure(&run, run_by_fallback)
    }

    pub fn wrap(&self, text: &str, max_width: f32, size: f32, max_lines: usize, bold: bool) -> Vec<String> {
        wrap_with(text, max_width, max_lines, &|s: &str| self.width(s, size, bold))
    }
}

/// Widths without a font (`check` on a machine without one): CJK characters are square,
/// Latin ones about half as wide.
pub fn estimate(text: &str, size: f32) -> f32 {
    text.chars().map(|c| estimate_char(c, size)).sum()
}

fn estimate_char(c: char, size: f32) -> f32 {
    if is_wide(c) { size } else { size * 0.56 }
}

fn covers(bytes: &[u8], index: u32, probe: &str) -> bool {
    FontRef::from_index(bytes, index).map(|f| probe.chars().all(|c| f.charmap().map(c).is_some())).unwrap_or(false)
}

fn file_fingerprint(path: &Path) -> String {
    let meta = std::fs::metadata(path).ok();
    let len = meta.as_ref().map(|m| m.len()).unwrap_or(0);
    let modified = meta
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format!("{}:{len}:{modified};", path.display())
}

fn bold_sibling(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let bold = name.replace("Regular", "Bold");
    let p = path.with_file_name(bold);
    (p != path && p.is_file()).then_some(p)
}

fn scan_font_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = FONT_DIRS.iter().map(PathBuf::from).collect();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".local/share/fonts"));
        dirs.push(Path::new(&home).join(".fonts"));
    }
    let mut found: Vec<PathBuf> = dirs
        .iter()
        .filter(|d| d.is_dir())
        .flat_map(|d| walkdir::WalkDir::new(d).max_depth(4).into_iter().filter_map(Result::ok))
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("").to_lowercase().replace(['-', '_', ' '], "");
            let ext_ok = [".ttf", ".ttc", ".otf", ".otc"].iter().any(|x| name.ends_with(x));
            ext_ok && NAME_HINTS.iter().any(|h| name.contains(h)) && !name.contains("bold") && !name.contains("mono")
        })
        .collect();
    found.sort();
    found
}

/// Chinese, Japanese and Korean characters and full-width forms: a line may break
/// before and after each of them.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x303F | 0x3040..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFF)
}

/// Marks that may not begin a line (they stay with what precedes them).
fn is_closing(c: char) -> bool {
    "，。、；：？！）》」』”’〉】〕…—·％%,.;:?!)]}".contains(c)
}

/// Marks that may not end a line (they stay with what follows them).
fn is_opening(c: char) -> bool {
    "（《「『“‘〈【〔([{".contains(c)
}

/// Pieces that are never split across lines, each remembering whether a space preceded it.
fn units(text: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut space = false;
    // The last unit is a Latin word still being read.
    let mut in_word = false;
    // The last unit ends with an opening mark: the next character joins it.
    let mut glue = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            in_word = false;
            glue = false;
            continue;
        }
        let joins_previous = !out.is_empty() && !space && (glue || is_closing(c) || (in_word && !is_wide(c)));
        if joins_previous {
            out.last_mut().expect("checked").0.push(c);
        } else {
            out.push((c.to_string(), space));
        }
        let latin_unit = out.last().and_then(|(u, _)| u.chars().next()).is_some_and(|f| !is_wide(f));
        // An address or a compound may break after a slash or a hyphen.
        in_word = latin_unit && !is_wide(c) && !is_opening(c) && !matches!(c, '/' | '-');
        glue = is_opening(c);
        space = false;
    }
    out
}

/// Greedy line breaking of `text` into at most `max_lines` lines no wider than
/// `max_width`; the last line ends in `…` when the text does not fit.
pub fn wrap_with(text: &str, max_width: f32, max_lines: usize, width: &dyn Fn(&str) -> f32) -> Vec<String> {
    let max_lines = max_lines.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (unit, space) in units(text) {
        let candidate = if line.is_empty() {
            unit.clone()
        } else if space {
            format!("{line} {unit}")
        } else {
            format!("{line}{unit}")
        };
        if width(&candidate) <= max_width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A unit longer than a line (a long URL or word) is cut where it must be.
        for c in unit.chars() {
            let next = format!("{line}{c}");
            if width(&next) > max_width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line.push(c);
            } else {
                line = next;
            }
        }
        if lines.len() > max_lines {
            break;
        }
    }
    // Never an empty list: templates index the first line (`(text | wrap(…))[0]`).
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("max_lines >= 1");
        while !last.is_empty() && width(&format!("{last}…")) > max_width {
            last.pop();
        }
        let trimmed = last.trim_end_matches([' ', '，', '、', ',', '；', ';', '：', ':']).to_string();
        *last = format!("{trimmed}…");
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One unit per character: CJK and Latin alike (monospace), for predictable tests.
    fn mono(s: &str) -> f32 {
        s.chars().count() as f32
    }

    #[test]
    fn chinese_breaks_between_characters_but_not_before_closing_marks() {
        let lines = wrap_with("年产5万吨，高性能电解铜箔项目", 5.0, 9, &mono);
        // "吨，" is one piece: the comma may not start a line, so 吨 moves down with it.
        assert_eq!(lines[0], "年产5万");
        assert!(lines[1].starts_with("吨，"), "{lines:?}");
        assert!(lines.iter().all(|l| !l.starts_with('，')), "{lines:?}");
        assert_eq!(lines.concat(), "年产5万吨，高性能电解铜箔项目");
    }

    #[test]
    fn opening_marks_stay_with_what_follows() {
        let lines = wrap_with("关于印发《白银市招商引资优惠政策》的通知", 7.0, 9, &mono);
        assert!(lines.iter().all(|l| !l.ends_with('《')), "{lines:?}");
        assert_eq!(lines.concat(), "关于印发《白银市招商引资优惠政策》的通知");
    }

    #[test]
    fn english_breaks_at_spaces_and_long_words_are_cut() {
        let lines = wrap_with("High-performance copper foil for batteries", 20.0, 9, &mono);
        assert_eq!(lines, ["High-performance", "copper foil for", "batteries"]);
        let lines = wrap_with("https://invest.baiyin.example.cn/projects/", 16.0, 9, &mono);
        assert!(lines.iter().all(|l| mono(l) <= 16.0), "{lines:?}");
        assert_eq!(lines.concat(), "https://invest.baiyin.example.cn/projects/");
    }

    #[test]
    fn text_too_long_ends_in_an_ellipsis_within_the_width() {
        let lines = wrap_with("一二三四五六七八九十一二三四五六七八九十", 6.0, 2, &mono);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…') && mono(&lines[1]) <= 6.0, "{lines:?}");
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap_with("", 10.0, 2, &mono), [""]);
        assert_eq!(wrap_with("   ", 10.0, 2, &mono), [""]);
    }

    /// A long Arabic title wrapped for the share image's title box (1040 px at 62 px bold):
    /// every line, laid out by usvg as it is drawn, fits the box, and the measured width is
    /// the drawn one (not an estimate), so lines are also not cut short.
    #[test]
    fn long_arabic_titles_wrap_inside_the_box_as_drawn() {
        let Ok(fonts) = Fonts::find(Path::new("/"), None) else { return };
        if fonts.fallback.is_none() {
            eprintln!("no fallback font for Arabic on this machine");
            return;
        }
        let title = "مشروع إنشاء مجمع صناعي متكامل لإنتاج رقائق النحاس عالية الأداء لبطاريات السيارات الكهربائية في منطقة التنمية الاقتصادية والتكنولوجية";
        let (box_width, size) = (1040.0, 62.0);
        let lines = fonts.wrap(title, box_width, size, 6, true);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.join(" "), title, "nothing cut off");
        let opt =
            resvg::usvg::Options { fontdb: fonts.db.clone(), font_family: fonts.family.clone(), ..Default::default() };
        for (i, line) in lines.iter().enumerate() {
            let svg = format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="2400" height="200"><text x="2300" y="100" text-anchor="end" font-size="{size}" font-weight="bold" font-family="{}">{line}</text></svg>"#,
                fonts.family
            );
            let tree = resvg::usvg::Tree::from_str(&svg, &opt).unwrap();
            let ink = tree.root().abs_bounding_box();
            let measured = fonts.width(line, size, true);
            assert!(measured <= box_width, "line {i} measured {measured} > {box_width}: {line}");
            assert!(ink.width() <= box_width, "line {i} drawn {} px wide > {box_width}: {line}", ink.width());
            // Right-aligned at x = 2300: the ink ends at the anchor (within a side bearing).
            assert!((ink.right() - 2300.0).abs() < size / 4.0, "line {i} ends at {}", ink.right());
            // Ink is the advance less the side bearings: the measure is the drawn width.
            assert!(
                (measured - ink.width()).abs() < size / 2.0,
                "line {i}: measured {measured}, drawn {}",
                ink.width()
            );
            if let Some(next_word) = lines.get(i + 1).and_then(|l| l.split(' ').next()) {
                let longer = format!("{line} {next_word}");
                assert!(fonts.width(&longer, size, true) > box_width, "line {i} could hold \"{next_word}\"");
            }
        }
    }

    #[test]
    fn mixed_text_keeps_latin_words_whole() {
        let lines = wrap_with("白银 Baiyin 铜箔 copper", 8.0, 9, &mono);
        assert!(lines.iter().any(|l| l.contains("Baiyin")), "{lines:?}");
        assert!(lines.iter().all(|l| mono(l) <= 8.0));
    }
}
