//! SVG to PNG or JPEG: resvg draws, the image crate encodes. Drawing a poster costs tens of
//! milliseconds, so results are cached in a folder outside the output, named by a hash of
//! everything that decides the image (the SVG text, the font files, the format): a build
//! whose posters did not change draws none.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use image::ImageEncoder;
use resvg::{tiny_skia, usvg};

use super::{Fonts, ImageFormat};

/// Bump when the drawing or encoding changes, so old cache entries are not reused.
const CACHE_VERSION: &str = "share-1";

/// Cache entries unused for this long are deleted.
const CACHE_MAX_AGE: Duration = Duration::from_secs(30 * 24 * 3600);

const JPEG_QUALITY: u8 = 88;

/// Draws `svg` at its own size and encodes it.
pub fn rasterize(svg: &str, fonts: &Fonts, format: ImageFormat, lang: &str) -> Result<Vec<u8>, String> {
    let opt = usvg::Options {
        fontdb: fonts.db.clone(),
        font_family: fonts.family.clone(),
        languages: vec![lang.to_string()],
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| format!("the SVG is not valid: {e}"))?;
    let size = tree.size().to_int_size();
    let (w, h) = (size.width(), size.height());
    if w == 0 || h == 0 || u64::from(w) * u64::from(h) > 4096 * 4096 {
        return Err(format!("the SVG's size {w}×{h} is not usable (give width and height, at most 4096 each)"));
    }
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or("cannot allocate the image")?;
    // Share images are opaque: transparent corners would turn black in JPEG and in WeChat.
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let rgb: Vec<u8> = pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let mut out = Vec::new();
    let result =
        match format {
            ImageFormat::Png => image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Default,
                image::codecs::png::FilterType::Adaptive,
            )
            .write_image(&rgb, w, h, image::ExtendedColorType::Rgb8),
            ImageFormat::Jpeg => image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
                .write_image(&rgb, w, h, image::ExtendedColorType::Rgb8),
        };
    result.map_err(|e| format!("cannot encode the image: {e}"))?;
    Ok(out)
}

/// Drawn images by the hash of their inputs.
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub fn new(dir: PathBuf) -> Cache {
        Cache { dir }
    }

    pub fn key(svg: &str, fonts: &Fonts, format: ImageFormat) -> String {
        let material = [CACHE_VERSION, &fonts.fingerprint, format.extension(), svg];
        let mut a: u64 = 0xcbf29ce484222325;
        let mut b: u64 = 0x84222325cbf29ce4;
        for part in material {
            for byte in part.bytes().chain([0xff]) {
                a = (a ^ u64::from(byte)).wrapping_mul(0x100000001b3);
                b = (b ^ u64::from(byte)).wrapping_mul(0x0100_0193_0000_01b3);
            }
        }
        format!("{a:016x}{b:016x}.{}", format.extension())
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
        std::fs::create_dir_all(&self.dir).ok()?;
        let (tmp, path) = (self.dir.join(format!(".{key}.{}.tmp", std::process::id())), self.dir.join(key));
        if std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, &path)).is_err() {
            let _ = std::fs::remove_file(&tmp);
            return None;
        }
        Some(path)
    }

    /// Deletes entries no build has used for a month.
    pub fn prune(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return };
        let now = SystemTime::now();
        for e in entries.flatten() {
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
