//! Share images and posters, independent of pages: the settings in `site.yaml`, finding a
//! CJK font, measuring and wrapping text (SVG has no automatic wrapping), and turning an SVG
//! into a PNG or JPEG with resvg, cached outside the output so that unchanged images are
//! not drawn again. Which pages get which images is decided in `render::share`.

pub mod fonts;
pub mod raster;
pub mod settings;

pub use fonts::Fonts;
pub use settings::ImageFormat;

/// One message for every way of lacking a font, so authors recognise it.
pub const NO_FONT_HELP: &str = "install fonts-noto-cjk (Debian/Ubuntu: apt-get install fonts-noto-cjk) or set share: {font: path/to/font.ttc} in site.yaml";
