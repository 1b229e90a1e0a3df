//! One photo, decoded once: turned upright by its EXIF orientation, resized to each width
//! (never wider than it is) and encoded in each format. Nothing of the original's metadata
//! survives: the encoders write pixels only, so a phone's GPS position, camera serial and
//! date are gone. Colour profiles go too; browsers then show the pixels as sRGB, which is
//! what nearly every phone photo is.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageReader, Limits};

use super::settings::{Format, ImageSettings};

/// A photo no larger than this a side is decoded; a larger one is refused before any
/// pixel memory is taken (a small file can claim a huge size: a decompression bomb).
pub const MAX_SIDE: u32 = 16_384;
/// Memory one decoded photo may take: a 100-megapixel photo fits.
pub const MAX_DECODED_BYTES: u64 = 512 * 1024 * 1024;

/// One encoded size and format of a photo.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    pub bytes: Vec<u8>,
}

/// Everything made of one photo.
#[derive(Debug, Clone)]
pub struct Made {
    /// The upright photo's size.
    pub width: u32,
    pub height: u32,
    pub variants: Vec<Encoded>,
    /// What the original's own address serves: the largest size in the original's format,
    /// cleaned of metadata like the rest.
    pub original: Encoded,
}

/// Decodes, orients, resizes and encodes `bytes`, a JPEG or PNG (`source`).
pub fn make(bytes: &[u8], source: Format, settings: &ImageSettings) -> Result<Made, String> {
    let image = decode(bytes)?;
    let (width, height) = (image.width(), image.height());
    let alpha = has_transparency(&image);
    let formats = formats_for(&settings.formats, alpha);
    let widths = variant_widths(width, &settings.widths);
    let mut variants = Vec::new();
    let mut current = image;
    // Largest first, each size made from the one before: the big decode is dropped early
    // and every resize reads fewer pixels.
    for &w in widths.iter().rev() {
        if w != current.width() {
            let h = scaled_height(width, height, w);
            current = current.resize_exact(w, h, image::imageops::FilterType::CatmullRom);
        }
        for &format in &formats {
            variants.push(encode(&current, format, settings.quality)?);
        }
    }
    let largest = *widths.last().expect("variant_widths gives one width at least");
    let original = match variants.iter().find(|v| v.format == source && v.width == largest) {
        Some(v) => v.clone(),
        None => {
            let h = scaled_height(width, height, largest);
            let again = decode(bytes)?.resize_exact(largest, h, image::imageops::FilterType::CatmullRom);
            encode(&again, source, settings.quality)?
        }
    };
    variants.sort_by_key(|v| (v.width, v.format.extension()));
    Ok(Made { width, height, variants, original })
}

/// The photo's pixels, upright, within the limits.
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(describe)?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(describe)?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn describe(e: image::ImageError) -> String {
    match e {
        image::ImageError::Limits(_) => format!(
            "the photo is too large to process (at most {MAX_SIDE} pixels a side and {} MB of pixels)",
            MAX_DECODED_BYTES / 1024 / 1024
        ),
        other => format!("it cannot be decoded: {other}"),
    }
}

/// Whether any pixel is less than opaque: only then is PNG worth its size over JPEG.
pub fn has_transparency(image: &DynamicImage) -> bool {
    if !image.color().has_alpha() {
        return false;
    }
    match image {
        DynamicImage::ImageRgba8(i) => i.pixels().any(|p| p.0[3] < 255),
        DynamicImage::ImageLumaA8(i) => i.pixels().any(|p| p.0[1] < 255),
        other => other.to_rgba8().pixels().any(|p| p.0[3] < 255),
    }
}

/// The settings' formats for a photo: JPEG stands in as PNG where there is transparency.
fn formats_for(formats: &[Format], alpha: bool) -> Vec<Format> {
    let mut out = Vec::new();
    for &f in formats {
        let f = if alpha && f == Format::Jpeg { Format::Png } else { f };
        if !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

/// The widths to make of a photo `width` pixels wide, smallest first: the settings' widths
/// below it, and its own width where it is narrower than the largest (never upscaled).
pub fn variant_widths(width: u32, widths: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = widths.iter().copied().filter(|&w| w < width).collect();
    let largest = widths.iter().copied().max().unwrap_or(width);
    if width <= largest || out.is_empty() {
        out.push(width.min(largest.max(1)));
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn scaled_height(width: u32, height: u32, to: u32) -> u32 {
    ((u64::from(height) * u64::from(to) + u64::from(width) / 2) / u64::from(width)).max(1) as u32
}

fn encode(image: &DynamicImage, format: Format, quality: u8) -> Result<Encoded, String> {
    let (w, h) = (image.width(), image.height());
    let mut bytes = Vec::new();
    let failed = |e: &dyn std::fmt::Display| format!("cannot encode it as {}: {e}", format.extension());
    match format {
        Format::Jpeg => {
            let rgb = image.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality)
                .write_image(rgb.as_raw(), w, h, image::ExtendedColorType::Rgb8)
                .map_err(|e| failed(&e))?;
        }
        Format::Png => {
            let rgba = image.to_rgba8();
            image::codecs::png::PngEncoder::new_with_quality(
                &mut bytes,
                image::codecs::png::CompressionType::Best,
                image::codecs::png::FilterType::Adaptive,
            )
            .write_image(rgba.as_raw(), w, h, image::ExtendedColorType::Rgba8)
            .map_err(|e| failed(&e))?;
        }
        Format::Webp => {
            // libwebp's lossy coder: a third smaller than JPEG at the same quality.
            let memory = if image.color().has_alpha() {
                let rgba = image.to_rgba8();
                webp::Encoder::from_rgba(rgba.as_raw(), w, h).encode(f32::from(quality))
            } else {
                let rgb = image.to_rgb8();
                webp::Encoder::from_rgb(rgb.as_raw(), w, h).encode(f32::from(quality))
            };
            bytes = memory.to_vec();
        }
    }
    Ok(Encoded { width: w, height: h, format, bytes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_upscale() {
        assert_eq!(variant_widths(4000, &[480, 960, 1600]), vec![480, 960, 1600]);
        assert_eq!(variant_widths(1200, &[480, 960, 1600]), vec![480, 960, 1200]);
        assert_eq!(variant_widths(300, &[480, 960, 1600]), vec![300]);
        assert_eq!(variant_widths(1600, &[480, 960, 1600]), vec![480, 960, 1600]);
    }

    #[test]
    fn transparency_turns_jpeg_into_png() {
        assert_eq!(formats_for(&[Format::Webp, Format::Jpeg], true), vec![Format::Webp, Format::Png]);
        assert_eq!(formats_for(&[Format::Webp, Format::Jpeg], false), vec![Format::Webp, Format::Jpeg]);
        assert_eq!(formats_for(&[Format::Jpeg, Format::Png], true), vec![Format::Png]);
    }

    #[test]
    fn a_photo_is_made_in_every_width_and_format() {
        let img = image::RgbImage::from_fn(1000, 500, |x, y| image::Rgb([(x / 4) as u8, (y / 2) as u8, 128]));
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
            .write_image(img.as_raw(), 1000, 500, image::ExtendedColorType::Rgb8)
            .unwrap();
        let made = make(&jpeg, Format::Jpeg, &ImageSettings::default()).unwrap();
        let sizes: Vec<(u32, u32, &str)> =
            made.variants.iter().map(|v| (v.width, v.height, v.format.extension())).collect();
        assert_eq!(
            sizes,
            vec![
                (480, 240, "jpg"),
                (480, 240, "webp"),
                (960, 480, "jpg"),
                (960, 480, "webp"),
                (1000, 500, "jpg"),
                (1000, 500, "webp")
            ]
        );
        assert_eq!((made.original.width, made.original.format), (1000, Format::Jpeg));
        for v in &made.variants {
            let (w, h) = match v.format {
                Format::Webp => webp::Decoder::new(&v.bytes).decode().map(|i| (i.width(), i.height())).unwrap(),
                _ => {
                    let d = decode(&v.bytes).unwrap();
                    (d.width(), d.height())
                }
            };
            assert_eq!((w, h), (v.width, v.height));
        }
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    #[test]
    fn a_claimed_giant_is_refused_before_decoding() {
        // A PNG header claiming 100000×100000 pixels, with a correct checksum.
        let mut chunk = b"IHDR".to_vec();
        chunk.extend(100_000u32.to_be_bytes());
        chunk.extend(100_000u32.to_be_bytes());
        chunk.extend([8, 2, 0, 0, 0]);
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\r".to_vec();
        png.extend(&chunk);
        png.extend(crc32(&chunk).to_be_bytes());
        let err = decode(&png).unwrap_err();
        assert!(err.contains("too large"), "{err}");
    }
}
