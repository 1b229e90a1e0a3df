//! SVG to PNG or JPEG: resvg draws, the image crate encodes. Drawing a poster costs tens of
//! milliseconds, so results are cached in a folder outside the output, named by a hash of
//! everything that decides the image (the SVG text, the font files, the format, and the
//! renderer: `renderer_id`): a build whose posters did not change draws none.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use image::ImageEncoder;
use resvg::{tiny_skia, usvg};

use super::{Fonts, ImageFormat};

/// Sets another cache folder (one cache for several sites, or a CI cache).
pub const CACHE_ENV: &str = "INVESTSITE_CACHE_DIR";

/// Bump when images would come out different with this file unchanged (a dependency that
/// draws or encodes differently, say). Edits to this file need no bump: see `renderer_id`.
const RENDERER_VERSION: &str = "share-2";

/// Marks a folder as the image cache. Only a marked folder that holds nothing but cache
/// entries is used, so pruning can never delete a file the cache did not write.
pub const CACHE_MARKER: &str = ".investsite-share-cache";

/// What one cache folder holds: its marker, the extensions of its entries and the note in
/// the marker file. Share images and processed photos each have their own folder.
#[derive(Debug)]
pub struct CacheKind {
    pub marker: &'static str,
    pub extensions: &'static [&'static str],
    pub note: &'static str,
}

/// The share-image cache.
pub const SHARE_CACHE: CacheKind = CacheKind {
    marker: CACHE_MARKER,
    extensions: &["png", "jpg"],
    note: "investsite share-image cache: files named by hash are deleted after a month unused\n",
};

/// Cache entries unused for this long are deleted.
const CACHE_MAX_AGE: Duration = Duration::from_secs(30 * 24 * 3600);

const JPEG_QUALITY: u8 = 88;

/// Draws `svg` scaled to `width` pixels (its height in proportion) and encodes it. Templates
/// keep their own coordinates (a share image's are 1200×630) whatever size is drawn.
pub fn rasterize(svg: &str, fonts: &Fonts, format: ImageFormat, lang: &str, width: u32) -> Result<Vec<u8>, String> {
    let opt = usvg::Options {
        fontdb: fonts.db.clone(),
        font_family: fonts.family.clone(),
        languages: vec![lang.to_string()],
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| format!("the SVG is not valid: {e}"))?;
    let size = tree.size();
    let scale = width as f32 / size.width();
    let (w, h) = (width, (size.height() * scale).round() as u32);
    if !scale.is_finite() || w == 0 || h == 0 || u64::from(w) * u64::from(h) > 4096 * 4096 {
        return Err(format!(
            "the SVG's size {}×{} is not usable (give width and height, at most 4096 each)",
            size.width(),
            size.height()
        ));
    }
    with_canvas(w, h, |pixmap| {
        resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
        encode(pixmap.data(), w, h, format)
    })?
}

/// Runs `draw` on a white canvas of `w`×`h`, kept per thread between images: a fresh canvas
/// of a poster's size is 4 MB to allocate and fault in each time.
fn with_canvas<R>(w: u32, h: u32, draw: impl FnOnce(&mut tiny_skia::Pixmap) -> R) -> Result<R, String> {
    thread_local! {
        static CANVAS: std::cell::RefCell<Option<tiny_skia::Pixmap>> = const { std::cell::RefCell::new(None) };
    }
    CANVAS.with(|cell| {
        let mut slot = cell.borrow_mut();
        let reuse = slot.as_ref().is_some_and(|p| p.width() == w && p.height() == h);
        if !reuse {
            *slot = Some(tiny_skia::Pixmap::new(w, h).ok_or("cannot allocate the image")?);
        }
        let pixmap = slot.as_mut().ok_or("cannot allocate the image")?;
        // Share images are opaque: transparent corners would turn black in JPEG and in WeChat.
        pixmap.fill(tiny_skia::Color::WHITE);
        Ok(draw(pixmap))
    })
}

fn encode(rgba: &[u8], w: u32, h: u32, format: ImageFormat) -> Result<Vec<u8>, String> {
    if format == ImageFormat::Png {
        return Ok(palette_png(rgba, w, h));
    }
    let rgb: Vec<u8> = rgba.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .write_image(&rgb, w, h, image::ExtendedColorType::Rgb8)
        .map_err(|e| format!("cannot encode the image: {e}"))?;
    Ok(out)
}

/// Colours a palette PNG holds: four bits a pixel. Share images are a few flat colours with
/// anti-aliased text; sixteen keep every flat colour and text colour and a few edge shades
/// of each, and pack two pixels a byte (a quarter of the bytes 256 colours in RGB took to
/// compress, the files about two thirds the size of 256-colour ones).
const PALETTE_SIZE: usize = 16;

/// zlib level for palette PNGs: level 6 makes posters about 15 % smaller than level 3 for
/// about 2 ms more each (and the files are written once and served many times).
const DEFLATE_LEVEL: u8 = 6;

/// Colours are counted on every `COUNT_STRIDE`-th row: the most frequent colours come out
/// the same, for half the counting.
const COUNT_STRIDE: usize = 2;

/// An opaque RGBA image as a PNG of at most 16 colours: the most frequent colours (the flat
/// ones and the commonest edge shades), every other pixel taking the nearest of them, which
/// the eye does not see at text edges.
fn palette_png(rgba: &[u8], w: u32, h: u32) -> Vec<u8> {
    let palette = frequent_colours(rgba, w as usize, PALETTE_SIZE);
    let indexes = packed_indexes(rgba, w as usize, &palette);
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Four);
    encoder.set_palette(palette.iter().flat_map(|c| [(c >> 16) as u8, (c >> 8) as u8, *c as u8]).collect::<Vec<u8>>());
    // Palette images compress best unfiltered.
    encoder.set_filter(png::Filter::NoFilter);
    encoder.set_deflate_compression(png::DeflateCompression::Level(DEFLATE_LEVEL));
    // Writing into a Vec cannot fail, and the sizes were checked by the caller.
    if let Ok(mut writer) = encoder.write_header() {
        let _ = writer.write_image_data(&indexes);
    }
    out
}

/// A pixel's colour as `0xRRGGBB`.
fn rgb(p: &[u8]) -> u32 {
    u32::from(p[0]) << 16 | u32::from(p[1]) << 8 | u32::from(p[2])
}

/// The palette index of every pixel, two a byte (high nibble first), rows padded to a byte.
fn packed_indexes(rgba: &[u8], w: usize, palette: &[u32]) -> Vec<u8> {
    let mut nearest = NearestCache::new(palette);
    // Most pixels repeat the one before (flat areas): no lookup for them.
    let mut last = (u32::MAX, 0u8);
    let mut index = |p: &[u8]| {
        let c = rgb(p);
        if c != last.0 {
            last = (c, nearest.index(c));
        }
        last.1
    };
    let mut out = Vec::with_capacity(w.div_ceil(2) * (rgba.len() / 4 / w.max(1)));
    for row in rgba.chunks_exact(w.max(1) * 4) {
        let mut pairs = row.chunks_exact(8);
        for pair in &mut pairs {
            let hi = index(&pair[..4]);
            out.push(hi << 4 | index(&pair[4..]));
        }
        if let Some(p) = pairs.remainder().get(..4) {
            out.push(index(p) << 4);
        }
    }
    out
}

/// Slots of the direct-mapped tables below, by the top bits of a colour's hash.
const SLOT_BITS: u32 = 12;

fn slot_of(c: u32) -> usize {
    (c.wrapping_mul(0x9E37_79B1) >> (32 - SLOT_BITS)) as usize
}

/// Colour → nearest palette index, remembered in a small direct-mapped table: repeated edge
/// shades are looked up, not searched.
struct NearestCache<'a> {
    palette: &'a [u32],
    slots: Vec<(u32, u8)>,
}

impl<'a> NearestCache<'a> {
    fn new(palette: &'a [u32]) -> Self {
        // u32::MAX is no 24-bit colour: every slot starts empty.
        NearestCache { palette, slots: vec![(u32::MAX, 0); 1 << SLOT_BITS] }
    }

    fn index(&mut self, c: u32) -> u8 {
        let slot = &mut self.slots[slot_of(c)];
        if slot.0 != c {
            *slot = (c, nearest_index(self.palette, c));
        }
        slot.1
    }
}

/// Colours as keys, hashed with one multiplication.
type ColourMap<V> = HashMap<u32, V, std::hash::BuildHasherDefault<ColourHasher>>;

#[derive(Default)]
struct ColourHasher(u64);

impl std::hash::Hasher for ColourHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Pixel counts by colour: a direct-mapped table in front of a hash map, which gets a
/// colour's count only when another colour takes its slot (a hash map per run of pixels
/// cost more than the drawing).
struct Counts {
    slots: Vec<(u32, u32)>,
    spilled: ColourMap<u32>,
}

impl Counts {
    fn new() -> Counts {
        Counts { slots: vec![(u32::MAX, 0); 1 << SLOT_BITS], spilled: ColourMap::default() }
    }

    fn add(&mut self, c: u32, n: u32) {
        let slot = &mut self.slots[slot_of(c)];
        if slot.0 == c {
            slot.1 += n;
            return;
        }
        if slot.1 > 0 {
            *self.spilled.entry(slot.0).or_default() += slot.1;
        }
        *slot = (c, n);
    }

    fn into_vec(mut self) -> Vec<(u32, u32)> {
        for (c, n) in std::mem::take(&mut self.slots) {
            if n > 0 {
                *self.spilled.entry(c).or_default() += n;
            }
        }
        self.spilled.into_iter().collect()
    }
}

/// Up to `n` colours of an RGBA image `w` pixels wide, the most frequent first (counted on
/// every `COUNT_STRIDE`-th row, by runs: a flat area costs one count a run).
fn frequent_colours(rgba: &[u8], w: usize, n: usize) -> Vec<u32> {
    let mut counts = Counts::new();
    let mut run = (u32::MAX, 0u32);
    for row in rgba.chunks_exact(w.max(1) * 4).step_by(COUNT_STRIDE) {
        for p in row.chunks_exact(4) {
            let c = rgb(p);
            if c == run.0 {
                run.1 += 1;
                continue;
            }
            if run.1 > 0 {
                counts.add(run.0, run.1);
            }
            run = (c, 1);
        }
    }
    if run.1 > 0 {
        counts.add(run.0, run.1);
    }
    let mut colours = counts.into_vec();
    // Ties broken by the colour itself: the same image always gets the same bytes.
    colours.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    colours.into_iter().take(n).map(|(c, _)| c).collect()
}

fn nearest_index(palette: &[u32], c: u32) -> u8 {
    let channel = |x: u32, shift: u32| ((x >> shift) & 0xff) as i32;
    let distance = |p: &u32| -> i32 { [16, 8, 0].iter().map(|s| (channel(*p, *s) - channel(c, *s)).pow(2)).sum() };
    palette.iter().enumerate().min_by_key(|(_, p)| distance(p)).map_or(0, |(i, _)| i as u8)
}

/// What draws the images: the renderer's version, the crate's, and a hash of this file's own
/// source (the drawing and encoding code), so that a changed renderer never serves images
/// an older one drew, even when nobody remembered to bump `RENDERER_VERSION`.
pub fn renderer_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| renderer_id_of(include_str!("raster.rs")))
}

fn renderer_id_of(source: &str) -> String {
    let source_hash = key_of(&[source], ImageFormat::Png);
    format!("{RENDERER_VERSION}/{}/{}", env!("CARGO_PKG_VERSION"), source_hash.trim_end_matches(".png"))
}

fn image_key(renderer: &str, fonts: &str, format: ImageFormat, width: u32, svg: &str) -> String {
    key_of(&[renderer, fonts, format.extension(), &width.to_string(), svg], format)
}

/// A 128-bit FNV-1a hash of the parts (each ended by a byte no UTF-8 text holds, so parts
/// cannot run into each other), named with the format's extension.
fn key_of(material: &[&str], format: ImageFormat) -> String {
    format!("{}.{}", hash128(material.iter().map(|p| p.as_bytes())), format.extension())
}

/// A 128-bit FNV-1a hash of the parts in hex (each part ended by a byte no UTF-8 text
/// holds, so parts cannot run into each other).
pub fn hash128<'a>(material: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut a: u64 = 0xcbf29ce484222325;
    let mut b: u64 = 0x84222325cbf29ce4;
    for part in material {
        for byte in part.iter().copied().chain([0xff]) {
            a = (a ^ u64::from(byte)).wrapping_mul(0x100000001b3);
            b = (b ^ u64::from(byte)).wrapping_mul(0x0100_0193_0000_01b3);
        }
    }
    format!("{a:016x}{b:016x}")
}

/// Drawn images by the hash of their inputs.
pub struct Cache {
    dir: PathBuf,
    kind: &'static CacheKind,
}

impl Cache {
    pub fn new(dir: PathBuf) -> Cache {
        Cache { dir, kind: &SHARE_CACHE }
    }

    pub fn of_kind(dir: PathBuf, kind: &'static CacheKind) -> Cache {
        Cache { dir, kind }
    }

    /// Makes sure `dir` can serve as the cache: created with its marker when missing or
    /// empty; refused when it holds anything but cache entries, or has no marker. A folder
    /// without a marker whose entries are all cache entries is taken over only when
    /// `adopt` (the default folder in the site, which earlier versions left unmarked).
    pub fn open(dir: PathBuf, adopt: bool) -> Result<Cache, String> {
        Cache::open_kind(dir, adopt, &SHARE_CACHE)
    }

    /// `open` for a cache of another kind.
    pub fn open_kind(dir: PathBuf, adopt: bool, kind: &'static CacheKind) -> Result<Cache, String> {
        let marker_name = kind.marker;
        let refuse = |why: String| {
            Err(format!(
                "the image cache {} {why}; to keep those files safe it was not used and nothing in it was deleted. Point {} at an empty folder or one of its own",
                dir.display(),
                CACHE_ENV
            ))
        };
        match std::fs::metadata(&dir) {
            // Made, with its marker, when the first image is stored.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Cache { dir, kind }),
            Err(e) => return refuse(format!("cannot be read ({e})")),
            Ok(m) if !m.is_dir() => return refuse("is not a folder".into()),
            Ok(_) => {
                let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                let mut foreign = Vec::new();
                let (mut marked, mut empty) = (false, true);
                for e in entries.flatten() {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let is_file = e.file_type().is_ok_and(|t| t.is_file());
                    marked |= name == marker_name && is_file;
                    empty &= name == marker_name;
                    if !(is_file && (name == marker_name || is_cache_entry(&name, kind.extensions))) {
                        foreign.push(name);
                    }
                }
                if !foreign.is_empty() {
                    foreign.sort();
                    let more =
                        if foreign.len() > 5 { format!(" and {} more", foreign.len() - 5) } else { String::new() };
                    foreign.truncate(5);
                    return refuse(format!("holds files the cache did not write ({}{more})", foreign.join(", ")));
                }
                if marked {
                    return Ok(Cache { dir, kind });
                }
                if !empty && !adopt {
                    return refuse(format!("holds files but no {marker_name} marker, so they may not be the cache's"));
                }
            }
        }
        let cache = Cache { dir, kind };
        cache.mark().map_err(|e| format!("cannot write to the image cache {}: {e}", cache.dir.display()))?;
        Ok(cache)
    }

    fn mark(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let marker = self.dir.join(self.kind.marker);
        if marker.is_file() {
            return Ok(());
        }
        std::fs::write(marker, self.kind.note)
    }

    /// The key of `svg` drawn `width` pixels wide in `format` with `fonts`.
    pub fn key(svg: &str, fonts: &Fonts, format: ImageFormat, width: u32) -> String {
        image_key(renderer_id(), &fonts.fingerprint, format, width, svg)
    }

    /// The cached image for `key`, if any: its path and size. A hit is touched so that
    /// pruning keeps entries still in use.
    pub fn lookup(&self, key: &str) -> Option<(PathBuf, u64)> {
        let path = self.dir.join(key);
        let len = std::fs::metadata(&path).ok().filter(|m| m.is_file() && m.len() > 0)?.len();
        let _ = std::fs::File::options().append(true).open(&path).and_then(|f| f.set_modified(SystemTime::now()));
        Some((path, len))
    }

    /// Keeps a drawn image; its path in the cache, or `None` when the cache cannot be
    /// written (that only costs time).
    pub fn store(&self, key: &str, bytes: &[u8]) -> Option<PathBuf> {
        self.mark().ok()?;
        let (tmp, path) = (self.dir.join(format!(".{key}.{}.tmp", std::process::id())), self.dir.join(key));
        if std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, &path)).is_err() {
            let _ = std::fs::remove_file(&tmp);
            return None;
        }
        Some(path)
    }

    /// Deletes entries no build has used for a month: only files named as the cache names
    /// them, in a folder that carries the marker.
    pub fn prune(&self) {
        if !self.dir.join(self.kind.marker).is_file() {
            return;
        }
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return };
        let now = SystemTime::now();
        for e in entries.flatten() {
            let ours = e.file_type().is_ok_and(|t| t.is_file())
                && is_cache_entry(&e.file_name().to_string_lossy(), self.kind.extensions);
            if !ours {
                continue;
            }
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|age| age > CACHE_MAX_AGE);
            if old {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// A name the cache gives: an entry `<32 hex>.<extension>` (`png|jpg` for share images), or
/// its temporary file while being stored, `.<32 hex>.<extension>.<pid>.tmp`.
fn is_cache_entry(name: &str, extensions: &[&str]) -> bool {
    let image = |n: &str| {
        n.split_once('.').is_some_and(|(hash, ext)| {
            hash.len() == 32
                && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
                && extensions.contains(&ext)
        })
    };
    if let Some(tmp) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) {
        return tmp
            .rsplit_once('.')
            .is_some_and(|(img, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) && image(img));
    }
    image(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHARE: &[&str] = SHARE_CACHE.extensions;

    /// `svg` drawn with `fonts`, as grey pixels.
    fn pixels(svg: &str, fonts: &Fonts) -> Vec<u8> {
        let png = rasterize(svg, fonts, ImageFormat::Png, "ar", 400).unwrap();
        image::load_from_memory(&png).unwrap().to_luma8().into_raw()
    }

    #[test]
    fn arabic_text_is_drawn_with_a_fallback_font() {
        let Ok(fonts) = Fonts::find(std::path::Path::new("/"), None) else { return };
        if !super::super::fonts::FALLBACKS.iter().any(|p| std::path::Path::new(p).is_file()) {
            eprintln!("no fallback font for Arabic on this machine: only the main font is loaded");
            return;
        }
        let text = |t: &str| {
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100"><text x="10" y="60" font-size="40" font-family="{}">{t}</text></svg>"#,
                fonts.family
            )
        };
        // Without a font for them, letters are drawn as the same empty box: two different
        // words of as many letters would look alike.
        let blank = pixels(&text(""), &fonts);
        let (a, b) = (pixels(&text("بيت"), &fonts), pixels(&text("قلم"), &fonts));
        assert!(a != blank && b != blank, "Arabic letters leave ink");
        assert_ne!(a, b, "Arabic letters are drawn as letters, not as boxes");
        assert_ne!(pixels(&text("中国"), &fonts), pixels(&text("投资"), &fonts), "Chinese still drawn");
    }

    /// Few colours come back exactly, two pixels a byte, also on odd widths; more colours
    /// than the palette take the nearest of the sixteen most frequent.
    #[test]
    fn palette_pngs_keep_the_frequent_colours_exactly() {
        let (w, h) = (7u32, 5u32);
        let colour = |x: u32, y: u32| -> [u8; 3] {
            match (x + y) % 3 {
                0 => [10, 50, 59],
                1 => [255, 255, 255],
                _ => [192, 106, 50],
            }
        };
        let mut rgba: Vec<u8> = (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .flat_map(|(x, y)| {
                let [r, g, b] = colour(x, y);
                [r, g, b, 255]
            })
            .collect();
        let decoded = |rgba: &[u8]| image::load_from_memory(&palette_png(rgba, w, h)).unwrap().to_rgb8();
        let img = decoded(&rgba);
        assert_eq!(img.dimensions(), (w, h));
        assert!(img.enumerate_pixels().all(|(x, y, p)| p.0 == colour(x, y)), "exact colours");
        // One pixel of a rare colour, next to white: drawn as the nearest, white.
        rgba[..4].copy_from_slice(&[250, 251, 252, 255]);
        let mut shades = rgba.clone();
        for (i, p) in shades.chunks_exact_mut(4).enumerate().skip(1).take(20) {
            p[..3].copy_from_slice(&[i as u8, 0, 0]);
        }
        assert_eq!(decoded(&shades).get_pixel(0, 0).0, [255, 255, 255]);
    }

    #[test]
    fn cache_names() {
        let key = "0123456789abcdef0123456789abcdef";
        assert!(is_cache_entry(&format!("{key}.png"), SHARE));
        assert!(is_cache_entry(&format!("{key}.jpg"), SHARE));
        assert!(is_cache_entry(&format!(".{key}.jpg.123.tmp"), SHARE));
        assert!(!is_cache_entry(&format!("{key}.gif"), SHARE));
        assert!(!is_cache_entry(&format!("{key}.png.bak"), SHARE));
        assert!(!is_cache_entry("0123456789ABCDEF0123456789abcdef.png", SHARE));
        assert!(!is_cache_entry("photo.jpg", SHARE));
        assert!(!is_cache_entry(&format!(".{key}.jpg..tmp"), SHARE));
    }

    #[test]
    fn the_renderer_is_named_by_its_version_the_crates_and_its_source() {
        let id = renderer_id();
        assert!(id.starts_with(&format!("{RENDERER_VERSION}/{}/", env!("CARGO_PKG_VERSION"))), "{id}");
        assert_eq!(id, renderer_id_of(include_str!("raster.rs")));
        // Any edit to the drawing code (here: the JPEG quality) names another renderer.
        let source = include_str!("raster.rs");
        let edited = source.replacen("JPEG_QUALITY: u8 = 88", "JPEG_QUALITY: u8 = 87", 1);
        assert_ne!(source, edited);
        assert_ne!(renderer_id_of(&edited), id);
    }

    #[test]
    fn another_renderer_gives_every_image_another_cache_key() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";
        let key = |renderer: &str, format| image_key(renderer, "fonts", format, 10, svg);
        for format in [ImageFormat::Png, ImageFormat::Jpeg] {
            assert_eq!(key(renderer_id(), format), key(renderer_id(), format));
            assert_ne!(key(renderer_id(), format), key("share-0/0.0.9/0", format));
            assert!(is_cache_entry(&key(renderer_id(), format), SHARE));
        }
    }
}
