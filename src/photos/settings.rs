//! The `images:` settings of `site.yaml`: which widths and formats photos are published in.

use crate::load::fields::Fields;

/// A format photos are written in. `Jpeg` stands for the usual fallback: a photo with
/// transparent pixels is written as PNG instead (JPEG has no transparency).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Webp,
    Jpeg,
    Png,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Webp => "webp",
            Format::Jpeg => "jpg",
            Format::Png => "png",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Webp => "image/webp",
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
        }
    }

    fn id(self) -> &'static str {
        match self {
            Format::Webp => "webp",
            Format::Jpeg => "jpeg",
            Format::Png => "png",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageSettings {
    /// Widths in pixels, smallest first; none is made wider than the photo.
    pub widths: Vec<u32>,
    /// Lossy quality, 1–100, for WebP and JPEG.
    pub quality: u8,
    /// Formats in order of preference; the last is what browsers without the others get.
    pub formats: Vec<Format>,
    /// `false`: photos are copied as they are, and pages show them as before.
    pub process: bool,
}

pub const DEFAULT_WIDTHS: [u32; 3] = [480, 960, 1600];

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            widths: DEFAULT_WIDTHS.to_vec(),
            quality: 80,
            formats: vec![Format::Webp, Format::Jpeg],
            process: true,
        }
    }
}

impl ImageSettings {
    /// What decides the bytes of every variant, for cache keys and file names.
    pub fn fingerprint(&self) -> String {
        let widths: Vec<String> = self.widths.iter().map(u32::to_string).collect();
        let formats: Vec<&str> = self.formats.iter().map(|f| f.id()).collect();
        format!("w={};q={};f={}", widths.join(","), self.quality, formats.join(","))
    }
}

/// Widths outside this range are refused: below, no photo is recognisable; above, no
/// screen needs it and the encoder's time and memory grow with the square.
const WIDTH_RANGE: (i64, i64) = (16, 4096);

pub fn read_images(f: &Fields) -> ImageSettings {
    let mut s = ImageSettings::default();
    let Some(im) = f.nested("images") else { return s };
    im.check_unknown(&["widths", "quality", "formats", "process"]);
    if im.has("process") {
        s.process = im.bool("process");
    }
    if let Some(q) = im.integer_in("quality", 1, 100) {
        s.quality = q as u8;
    }
    if im.has("widths") {
        s.widths = read_widths(&im);
    }
    if im.has("formats") {
        let chosen = im.choices("formats", &["webp", "jpeg", "jpg", "png"]);
        let mut formats: Vec<Format> = Vec::new();
        for id in chosen {
            let format = match id.as_str() {
                "webp" => Format::Webp,
                "png" => Format::Png,
                _ => Format::Jpeg,
            };
            if !formats.contains(&format) {
                formats.push(format);
            }
        }
        if formats.is_empty() {
            im.error("formats", "names no format", Some("write `formats: [webp, jpeg]`"));
        } else {
            s.formats = formats;
        }
    }
    s
}

fn read_widths(im: &Fields) -> Vec<u32> {
    let mut widths = Vec::new();
    for text in im.list("widths") {
        match text.parse::<i64>() {
            Ok(w) if (WIDTH_RANGE.0..=WIDTH_RANGE.1).contains(&w) => widths.push(w as u32),
            _ => im.error(
                "widths",
                format!("\"{text}\" is not a width from {} to {} pixels", WIDTH_RANGE.0, WIDTH_RANGE.1),
                Some("write widths in pixels, e.g. `widths: [480, 960, 1600]`"),
            ),
        }
    }
    widths.sort_unstable();
    widths.dedup();
    if widths.is_empty() {
        im.error("widths", "names no width", Some("write `widths: [480, 960, 1600]`"));
        return DEFAULT_WIDTHS.to_vec();
    }
    widths
}
