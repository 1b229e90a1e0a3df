//! Photos: every JPEG and PNG a site publishes (under static/ or in a page's folder) is
//! decoded once, turned upright, resized to the widths of `images.widths` and encoded in the
//! formats of `images.formats`, its metadata stripped; the original's own address serves a
//! cleaned copy. Results are kept in a cache folder outside the output, named by a hash of
//! the photo's bytes, the settings and this code, so an unchanged photo is processed once.
//!
//! Consumes the list of photos to publish and the settings; produces a [`PhotoSet`] that the
//! render stage reads (sizes for `width`/`height`, addresses for `srcset`) and copies from.
//! Reads go through `load::guard`; writes go only to the cache folder. SVG, GIF and WebP
//! files are not touched: they are copied as they are.
//!
//! Memory is bounded: at most [`AT_ONCE`] photos are decoded at a time, and each is dropped
//! once its variants are in the cache.

pub mod encode;
pub mod settings;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::load::guard::{FILE_LIMIT, Guard, read_limited};
use crate::share::raster::{Cache, CacheKind, hash128};
use settings::{Format, ImageSettings};

/// The photo cache's folder inside the site's cache folder.
pub const CACHE_SUBDIR: &str = "images";

/// Marks a folder as the photo cache (see `share::raster::Cache::open_kind`).
pub const CACHE: CacheKind = CacheKind {
    marker: ".investsite-image-cache",
    extensions: &["webp", "jpg", "png", "json"],
    note: "investsite photo cache: files named by hash are deleted after a month unused\n",
};

/// Bump when photos would come out different with the code unchanged (a dependency that
/// encodes differently). Edits to `encode.rs` need no bump: see `pipeline_id`.
const PIPELINE_VERSION: &str = "photos-1";

/// Photos decoded at the same time, whatever the number of cores: a 20-megapixel photo
/// takes about 140 MB while it is resized (its pixels and the resizer's buffer).
pub const AT_ONCE: usize = 4;

/// Whether a file of this name is processed: JPEG and PNG; not SVG, GIF (animation) or WebP.
pub fn is_photo(name: &str) -> bool {
    source_format(name).is_some()
}

/// Images published as they are whose size is still read, so that pages can give their
/// `<img>` a `width` and `height` (no layout shift while they load).
pub fn is_sized(name: &str) -> bool {
    matches!(extension(name).as_deref(), Some("svg" | "gif" | "webp"))
}

fn extension(name: &str) -> Option<String> {
    Some(Path::new(name).extension()?.to_string_lossy().to_ascii_lowercase())
}

/// An SVG larger than this is not parsed for its size (a drawing is kilobytes).
const SVG_SIZE_LIMIT: usize = 1 << 20;

/// The size an SVG, GIF or WebP says it has.
fn intrinsic_size(bytes: &[u8], name: &str) -> Option<(u32, u32)> {
    let size = match extension(name)?.as_str() {
        "gif" if bytes.len() >= 10 && (bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a")) => {
            (u32::from(u16::from_le_bytes([bytes[6], bytes[7]])), u32::from(u16::from_le_bytes([bytes[8], bytes[9]])))
        }
        "webp" => webp::BitstreamFeatures::new(bytes).map(|f| (f.width(), f.height()))?,
        "svg" if bytes.len() <= SVG_SIZE_LIMIT => {
            // Only the size is wanted: `<image>` references are not followed (the default
            // resolver would read any file the SVG names, inside the site or not).
            let opt = resvg::usvg::Options {
                image_href_resolver: resvg::usvg::ImageHrefResolver {
                    resolve_data: Box::new(|_, _, _| None),
                    resolve_string: Box::new(|_, _| None),
                },
                ..resvg::usvg::Options::default()
            };
            let tree = resvg::usvg::Tree::from_data(bytes, &opt).ok()?;
            let size = tree.size().to_int_size();
            (size.width(), size.height())
        }
        _ => return None,
    };
    (size.0 > 0 && size.1 > 0).then_some(size)
}

fn source_format(name: &str) -> Option<Format> {
    let ext = Path::new(name).extension()?.to_string_lossy().to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => Some(Format::Jpeg),
        "png" => Some(Format::Png),
        _ => None,
    }
}

/// A photo to publish: the file and its path in the output.
#[derive(Debug, Clone)]
pub struct Source {
    pub file: PathBuf,
    pub out: String,
}

/// Where a variant's bytes are: in the cache, or (when the cache cannot be written) in memory.
#[derive(Debug, Clone)]
pub enum Bytes {
    Cached(PathBuf),
    Memory(Arc<Vec<u8>>),
}

#[derive(Debug, Clone)]
pub struct Variant {
    /// Path in the output: `projects/a/photo.960.3f2a9c0d1e.webp`.
    pub out: String,
    pub width: u32,
    pub height: u32,
    pub format: Format,
    pub bytes: Bytes,
}

#[derive(Debug, Clone)]
pub struct Photo {
    /// The upright photo's size.
    pub width: u32,
    pub height: u32,
    /// Smallest first.
    pub variants: Vec<Variant>,
    /// What the original's address serves.
    pub original: Variant,
}

impl Photo {
    /// The variants of one format, smallest first.
    pub fn of_format(&self, format: Format) -> impl Iterator<Item = &Variant> {
        self.variants.iter().filter(move |v| v.format == format)
    }

    /// The formats made, in the settings' order (WebP before the fallback).
    pub fn formats(&self, settings: &ImageSettings) -> Vec<Format> {
        let mut out: Vec<Format> = Vec::new();
        for f in &settings.formats {
            let alt = if *f == Format::Jpeg { Format::Png } else { *f };
            for g in [*f, alt] {
                if !out.contains(&g) && self.variants.iter().any(|v| v.format == g) {
                    out.push(g);
                }
            }
        }
        out
    }

    /// The format `<img src>` uses: the last of the settings' formats, as made.
    pub fn fallback(&self, settings: &ImageSettings) -> Format {
        *self.formats(settings).last().unwrap_or(&self.original.format)
    }
}

/// Every processed photo by its path in the output, and the photos that could not be.
#[derive(Debug, Clone, Default)]
pub struct PhotoSet {
    pub settings: ImageSettings,
    photos: HashMap<String, Photo>,
    failures: HashMap<String, String>,
    failed_files: HashMap<PathBuf, String>,
    /// The sizes of the SVG, GIF and WebP images, published as they are.
    sizes: HashMap<String, (u32, u32)>,
    /// Photos processed in this build, and photos taken from the cache.
    pub made: usize,
    pub from_cache: usize,
}

impl PhotoSet {
    /// Identifies the set's contents, in a stable order (pages that show photos depend on it).
    pub fn fingerprint(&self) -> String {
        let sorted = |m: &dyn Fn() -> Vec<String>| {
            let mut v = m();
            v.sort();
            v.join("\n")
        };
        let photos = sorted(&|| self.photos.iter().map(|(k, p)| format!("{k} {p:?}")).collect());
        let failures = sorted(&|| self.failures.iter().map(|(k, e)| format!("{k} {e}")).collect());
        let sizes = sorted(&|| self.sizes.iter().map(|(k, s)| format!("{k} {s:?}")).collect());
        let settings = format!("{:?}", self.settings);
        crate::share::raster::hash128([photos.as_bytes(), failures.as_bytes(), sizes.as_bytes(), settings.as_bytes()])
    }

    /// A set with no photos: images are shown as named.
    pub fn unprocessed(settings: &ImageSettings) -> PhotoSet {
        PhotoSet { settings: settings.clone(), ..PhotoSet::default() }
    }

    pub fn get(&self, out: &str) -> Option<&Photo> {
        self.photos.get(out)
    }

    /// The size of an image published as it is (SVG, GIF, WebP), where it says.
    pub fn size(&self, out: &str) -> Option<(u32, u32)> {
        self.sizes.get(out).copied()
    }

    /// Why the photo at `out` could not be processed.
    pub fn failure(&self, out: &str) -> Option<&str> {
        self.failures.get(out).map(String::as_str)
    }

    pub fn photos(&self) -> impl Iterator<Item = (&String, &Photo)> {
        self.photos.iter()
    }

    /// Why the photo in `file` (a path of the site) could not be processed.
    pub fn failure_of_file(&self, file: &Path) -> Option<&str> {
        self.failed_files.get(file).map(String::as_str)
    }

    /// Every photo that could not be processed: its path in the output and why.
    pub fn failures(&self) -> impl Iterator<Item = (&String, &String)> {
        self.failures.iter()
    }

    /// Every variant's path and bytes, the originals' addresses included.
    pub fn files(&self) -> impl Iterator<Item = (&str, &Bytes)> {
        self.photos.values().flat_map(|p| p.variants.iter().chain([&p.original])).map(|v| (v.out.as_str(), &v.bytes))
    }
}

/// What made the photos: the pipeline's version, the crate's, and a hash of the encoding
/// code, so that changed code never serves photos older code made.
fn pipeline_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let source = hash128([include_str!("encode.rs").as_bytes()]);
        format!("{PIPELINE_VERSION}/{}/{source}", env!("CARGO_PKG_VERSION"))
    })
}

/// Processes every source, at most [`AT_ONCE`] at a time. A source that cannot be read or
/// decoded is listed in the set's failures (and copied as it is).
pub fn process_all(sources: &[Source], settings: &ImageSettings, cache: Option<&Cache>, guard: &Guard) -> PhotoSet {
    let mut set = PhotoSet { settings: settings.clone(), ..PhotoSet::default() };
    if !settings.process || sources.is_empty() {
        return set;
    }
    let (photos, others): (Vec<&Source>, Vec<&Source>) = sources.iter().partition(|s| is_photo(&s.out));
    set.sizes = others
        .par_iter()
        .filter(|s| is_sized(&s.out))
        .filter_map(|s| {
            let entry = guard.check_file(&s.file, FILE_LIMIT).ok()?;
            let bytes = read_limited(&entry, FILE_LIMIT).ok()?;
            Some((s.out.clone(), intrinsic_size(&bytes, &s.out)?))
        })
        .collect();
    let threads = rayon::current_num_threads().clamp(1, AT_ONCE);
    let work = || -> Vec<(&Source, Outcome)> {
        photos.par_iter().map(|s| (*s, process_one(s, settings, cache, guard))).collect()
    };
    let results = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    };
    for (source, result) in results {
        let out = source.out.clone();
        match result {
            Ok((photo, cached)) => {
                if cached {
                    set.from_cache += 1;
                } else {
                    set.made += 1;
                }
                set.photos.insert(out, photo);
            }
            Err(why) => {
                set.failed_files.insert(source.file.clone(), why.clone());
                set.failures.insert(out, why);
            }
        }
    }
    set
}

/// A processed photo and whether it came from the cache, or why it could not be processed.
type Outcome = Result<(Photo, bool), String>;

/// One photo: from the cache when it holds it (`true`), else made and stored.
fn process_one(source: &Source, settings: &ImageSettings, cache: Option<&Cache>, guard: &Guard) -> Outcome {
    let format = source_format(&source.out).ok_or("not a JPEG or PNG")?;
    let entry = guard.check_file(&source.file, FILE_LIMIT).map_err(|r| refusal(&r))?;
    let bytes = read_limited(&entry, FILE_LIMIT).map_err(|r| refusal(&r))?;
    let key =
        hash128([pipeline_id().as_bytes(), settings.fingerprint().as_bytes(), format.extension().as_bytes(), &bytes]);
    if let Some(photo) = cache.and_then(|c| from_cache(c, &key, &source.out)) {
        return Ok((photo, true));
    }
    let made = encode::make(&bytes, format, settings)?;
    drop(bytes);
    Ok((store(cache, &key, &source.out, made), false))
}

fn refusal(r: &crate::load::guard::Refusal) -> String {
    r.diagnostic("").message.clone()
}

/// The output name of a variant: beside the original, named by its width and a hash of
/// what made it (`photo.960.3f2a9c0d1e.webp`), so a changed photo gets a new address.
fn variant_out(out: &str, width: u32, format: Format, hash: &str) -> String {
    let (dir, name) = out.rsplit_once('/').map(|(d, n)| (format!("{d}/"), n)).unwrap_or((String::new(), out));
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    format!("{dir}{stem}.{width}.{}.{}", &hash[..10], format.extension())
}

fn cache_name(key: &str, width: u32, format: Format, original: bool) -> String {
    let role = if original { "original" } else { "variant" };
    format!(
        "{}.{}",
        hash128([key.as_bytes(), width.to_string().as_bytes(), format.extension().as_bytes(), role.as_bytes()]),
        format.extension()
    )
}

/// The manifest a cache entry keeps of one photo: its size and its variants' sizes.
#[derive(serde::Serialize, serde::Deserialize)]
struct Manifest {
    width: u32,
    height: u32,
    variants: Vec<(u32, u32, String)>,
    original: (u32, u32, String),
}

fn format_of(ext: &str) -> Option<Format> {
    [Format::Webp, Format::Jpeg, Format::Png].into_iter().find(|f| f.extension() == ext)
}

fn from_cache(cache: &Cache, key: &str, out: &str) -> Option<Photo> {
    let (manifest_path, _) = cache.lookup(&format!("{key}.json"))?;
    let manifest: Manifest = serde_json::from_slice(&std::fs::read(manifest_path).ok()?).ok()?;
    let variant = |(w, h, ext): &(u32, u32, String), original: bool| -> Option<Variant> {
        let format = format_of(ext)?;
        let name = cache_name(key, *w, format, original);
        let (path, _) = cache.lookup(&name)?;
        let out = if original { out.to_string() } else { variant_out(out, *w, format, &name) };
        Some(Variant { out, width: *w, height: *h, format, bytes: Bytes::Cached(path) })
    };
    let variants = manifest.variants.iter().map(|v| variant(v, false)).collect::<Option<Vec<_>>>()?;
    let original = variant(&manifest.original, true)?;
    Some(Photo { width: manifest.width, height: manifest.height, variants, original })
}

/// Keeps what was made in the cache, and names it; in memory where the cache fails.
fn store(cache: Option<&Cache>, key: &str, out: &str, made: encode::Made) -> Photo {
    let mut stored_all = cache.is_some();
    let mut keep = |e: encode::Encoded, original: bool| -> Variant {
        let name = cache_name(key, e.width, e.format, original);
        let path = cache.and_then(|c| c.store(&name, &e.bytes));
        stored_all &= path.is_some();
        let bytes = match path {
            Some(p) => Bytes::Cached(p),
            None => Bytes::Memory(Arc::new(e.bytes)),
        };
        let out = if original { out.to_string() } else { variant_out(out, e.width, e.format, &name) };
        Variant { out, width: e.width, height: e.height, format: e.format, bytes }
    };
    let sizes = |e: &encode::Encoded| (e.width, e.height, e.format.extension().to_string());
    let manifest = Manifest {
        width: made.width,
        height: made.height,
        variants: made.variants.iter().map(sizes).collect(),
        original: sizes(&made.original),
    };
    let variants: Vec<Variant> = made.variants.into_iter().map(|e| keep(e, false)).collect();
    let original = keep(made.original, true);
    // The manifest last: a photo whose files are not all stored is made again next time.
    if stored_all && let (Some(c), Ok(json)) = (cache, serde_json::to_vec(&manifest)) {
        c.store(&format!("{key}.json"), &json);
    }
    Photo { width: made.width, height: made.height, variants, original }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_are_named_beside_the_original() {
        let hash = "0123456789abcdef0123456789abcdef";
        assert_eq!(variant_out("projects/a/site.jpg", 480, Format::Webp, hash), "projects/a/site.480.0123456789.webp");
        assert_eq!(variant_out("logo.png", 96, Format::Png, hash), "logo.96.0123456789.png");
    }

    #[test]
    fn svg_gif_and_webp_give_their_size() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"/>"#;
        assert_eq!(intrinsic_size(svg, "plan.svg"), Some((120, 80)));
        let viewbox = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200"/>"#;
        assert_eq!(intrinsic_size(viewbox, "a.SVG"), Some((300, 200)));
        assert_eq!(intrinsic_size(b"GIF89a\x02\x01\x03\x00rest", "a.gif"), Some((258, 3)));
        assert_eq!(intrinsic_size(b"not a gif", "a.gif"), None);
        assert_eq!(intrinsic_size(b"<svg", "a.svg"), None);
        let reaching_out = br#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="/etc/hostname" width="10" height="10"/></svg>"#;
        assert_eq!(intrinsic_size(reaching_out, "a.svg"), Some((10, 10)));
    }

    #[test]
    fn only_jpeg_and_png_are_processed() {
        assert!(is_photo("a/B.JPG") && is_photo("x.jpeg") && is_photo("x.png"));
        assert!(!is_photo("x.svg") && !is_photo("x.gif") && !is_photo("x.webp") && !is_photo("jpg"));
    }
}
