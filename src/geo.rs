//! Coordinates: the Chinese map datums and a projection for drawing maps at build time.
//!
//! Content gives coordinates in WGS84 (what GPS and OpenStreetMap use). Maps published in
//! mainland China use shifted datums: GCJ-02 (AMap/高德, Tencent) and Baidu's BD-09, which
//! is GCJ-02 shifted again. A WGS84 point handed unchanged to AMap lands several hundred
//! metres off, so links out to those maps convert first. The formulas are the well-known
//! published ones (Krasovsky ellipsoid constants); outside mainland China no offset applies.

use std::f64::consts::PI;

/// Semi-major axis of the Krasovsky 1940 ellipsoid, which GCJ-02 is defined on.
const KRASOVSKY_A: f64 = 6_378_245.0;
/// Its first eccentricity squared.
const KRASOVSKY_EE: f64 = 0.006_693_421_622_965_943;
/// Baidu's constant: π × 3000 / 180.
const BD_X_PI: f64 = PI * 3000.0 / 180.0;

/// A point as (longitude, latitude) in degrees.
pub type LonLat = (f64, f64);

/// The rough box GCJ-02 applies to. Outside it (and so everywhere abroad) coordinates are
/// left unchanged, as AMap and Baidu do themselves; the box also takes in a little of
/// China's neighbours, the accepted behaviour of every public implementation.
pub fn out_of_china((lon, lat): LonLat) -> bool {
    !(72.004..=137.8347).contains(&lon) || !(0.8293..=55.8271).contains(&lat)
}

/// WGS84 → GCJ-02 (AMap, Tencent, Apple and Google maps inside China).
pub fn wgs84_to_gcj02(p: LonLat) -> LonLat {
    if out_of_china(p) {
        return p;
    }
    let (lon, lat) = p;
    let (d_lon, d_lat) = gcj_offset(lon, lat);
    (lon + d_lon, lat + d_lat)
}

/// GCJ-02 → BD-09 (Baidu Maps).
pub fn gcj02_to_bd09((lon, lat): LonLat) -> LonLat {
    let z = (lon * lon + lat * lat).sqrt() + 0.000_02 * (lat * BD_X_PI).sin();
    let theta = lat.atan2(lon) + 0.000_003 * (lon * BD_X_PI).cos();
    (z * theta.cos() + 0.0065, z * theta.sin() + 0.006)
}

/// WGS84 → BD-09, or `None` outside China, where Baidu takes WGS84 as it is.
pub fn wgs84_to_bd09(p: LonLat) -> Option<LonLat> {
    (!out_of_china(p)).then(|| gcj02_to_bd09(wgs84_to_gcj02(p)))
}

/// The GCJ-02 offset in degrees at a WGS84 point.
fn gcj_offset(lon: f64, lat: f64) -> (f64, f64) {
    let (x, y) = (lon - 105.0, lat - 35.0);
    let d_lat = offset_lat(x, y);
    let d_lon = offset_lon(x, y);
    let rad = lat / 180.0 * PI;
    let magic = 1.0 - KRASOVSKY_EE * rad.sin() * rad.sin();
    let sqrt_magic = magic.sqrt();
    let d_lat = d_lat * 180.0 / ((KRASOVSKY_A * (1.0 - KRASOVSKY_EE)) / (magic * sqrt_magic) * PI);
    let d_lon = d_lon * 180.0 / (KRASOVSKY_A / sqrt_magic * rad.cos() * PI);
    (d_lon, d_lat)
}

/// The periodic terms both offsets share.
fn waves(a: f64, b: f64) -> f64 {
    (20.0 * (6.0 * a * PI).sin() + 20.0 * (2.0 * a * PI).sin()) * 2.0 / 3.0
        + (20.0 * (b * PI).sin() + 40.0 * (b / 3.0 * PI).sin()) * 2.0 / 3.0
}

fn offset_lat(x: f64, y: f64) -> f64 {
    -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * x.abs().sqrt()
        + waves(x, y)
        + (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0
}

fn offset_lon(x: f64, y: f64) -> f64 {
    300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * x.abs().sqrt()
        + waves(x, x)
        + (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0
}

/// Distance in metres between two nearby points (equirectangular approximation; good to
/// well under a millimetre over the few hundred metres these tests compare).
pub fn metres_between(a: LonLat, b: LonLat) -> f64 {
    const R: f64 = 6_371_008.8;
    let mid = ((a.1 + b.1) / 2.0).to_radians();
    let dx = (a.0 - b.0).to_radians() * mid.cos() * R;
    let dy = (a.1 - b.1).to_radians() * R;
    dx.hypot(dy)
}

/// A bounding box in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl Bounds {
    pub fn of(points: impl IntoIterator<Item = LonLat>) -> Option<Bounds> {
        let mut it = points.into_iter();
        let (lon, lat) = it.next()?;
        let mut b = Bounds { west: lon, south: lat, east: lon, north: lat };
        for p in it {
            b.include(p);
        }
        Some(b)
    }

    pub fn include(&mut self, (lon, lat): LonLat) {
        self.west = self.west.min(lon);
        self.east = self.east.max(lon);
        self.south = self.south.min(lat);
        self.north = self.north.max(lat);
    }

    pub fn union(self, other: Bounds) -> Bounds {
        let mut b = self;
        b.include((other.west, other.south));
        b.include((other.east, other.north));
        b
    }

    pub fn intersects(&self, o: &Bounds) -> bool {
        self.west <= o.east && o.west <= self.east && self.south <= o.north && o.south <= self.north
    }

    /// Grows the box by `fraction` of its size on every side, and to at least `min_span`
    /// degrees of latitude (and the matching ground distance in longitude), so a single
    /// point or a tight cluster still shows its surroundings.
    pub fn padded(self, fraction: f64, min_span: f64) -> Bounds {
        let k = ((self.south + self.north) / 2.0).to_radians().cos().max(0.1);
        let (cx, cy) = ((self.west + self.east) / 2.0, (self.south + self.north) / 2.0);
        let half_h = ((self.north - self.south) * (1.0 + 2.0 * fraction)).max(min_span) / 2.0;
        let half_w = ((self.east - self.west) * (1.0 + 2.0 * fraction)).max(min_span / k) / 2.0;
        Bounds { west: cx - half_w, south: cy - half_h, east: cx + half_w, north: cy + half_h }
    }
}

/// Equirectangular projection scaled to fit a box into a drawing `width` units wide, with
/// longitude shortened by cos(latitude) at the box's middle so shapes keep their proportions
/// (at city scale the difference from a conformal projection is invisible).
#[derive(Debug, Clone, Copy)]
pub struct Projection {
    bounds: Bounds,
    scale: f64,
    k: f64,
    pub width: f64,
    pub height: f64,
}

impl Projection {
    /// Fits `bounds` into `width`; the height follows from the box's shape, kept between
    /// `min_ratio` and `max_ratio` of the width (the box is widened to fill the drawing).
    pub fn fit(bounds: Bounds, width: f64, min_ratio: f64, max_ratio: f64) -> Projection {
        let k = ((bounds.south + bounds.north) / 2.0).to_radians().cos().max(0.1);
        let ground_w = ((bounds.east - bounds.west) * k).max(1e-9);
        let ground_h = (bounds.north - bounds.south).max(1e-9);
        let ratio = (ground_h / ground_w).clamp(min_ratio, max_ratio);
        let height = (width * ratio).round();
        let scale = (width / ground_w).min(height / ground_h);
        // Centre the box in the drawing: the unused margin goes equally to both sides.
        let (cx, cy) = ((bounds.west + bounds.east) / 2.0, (bounds.south + bounds.north) / 2.0);
        let half_w = width / scale / k / 2.0;
        let half_h = height / scale / 2.0;
        let bounds = Bounds { west: cx - half_w, east: cx + half_w, south: cy - half_h, north: cy + half_h };
        Projection { bounds, scale, k, width, height }
    }

    /// Drawing coordinates (x right, y down) of a point.
    pub fn project(&self, (lon, lat): LonLat) -> (f64, f64) {
        ((lon - self.bounds.west) * self.k * self.scale, (self.bounds.north - lat) * self.scale)
    }

    /// The area the drawing shows, in degrees.
    pub fn bounds(&self) -> Bounds {
        self.bounds
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_near(got: LonLat, want: LonLat, metres: f64, what: &str) {
        let d = metres_between(got, want);
        assert!(d <= metres, "{what}: got {got:?}, want {want:?}, {d:.3} m apart (tolerance {metres} m)");
    }

    // Published conversion pairs. Implementations of the same formulas agree to the last
    // digit, so those pairs are held to a centimetre; answers of the map companies' own
    // conversion services, rounded as published, to a metre.

    #[test]
    fn wgs84_to_gcj02_matches_published_pairs() {
        // Beijing (116.404, 39.915): the pair in the widely used coordtransform library's README.
        assert_near(wgs84_to_gcj02((116.404, 39.915)), (116.41024449916938, 39.91640428150164), 0.01, "Beijing");
        // eviltransform's test points: Shanghai, Shenzhen, Beijing.
        assert_near(wgs84_to_gcj02((121.5272106, 31.1774276)), (121.531541859215, 31.17530398364597), 0.01, "Shanghai");
        assert_near(wgs84_to_gcj02((113.912316, 22.543847)), (113.9171764808363, 22.540796131694766), 0.01, "Shenzhen");
        assert_near(
            wgs84_to_gcj02((116.377817, 39.911954)),
            (116.38404722455657, 39.91334545536069),
            0.01,
            "Beijing 2",
        );
        // Tiananmen Square as AMap's own conversion service returns it (8 decimals).
        assert_near(wgs84_to_gcj02((116.39089, 39.90734)), (116.39713623, 39.90874539), 1.0, "Tiananmen (AMap API)");
    }

    #[test]
    fn gcj02_to_bd09_matches_published_pairs() {
        assert_near(gcj02_to_bd09((116.404, 39.915)), (116.41036949371029, 39.92133699351021), 0.01, "Beijing");
        assert_near(gcj02_to_bd09((116.397131, 39.908746)), (116.40350426, 39.91508839), 0.01, "Tiananmen");
        // Beijing railway station as Baidu's conversion service returns it (5 decimals).
        assert_near(
            gcj02_to_bd09((116.42703, 39.90245)),
            (116.43351, 39.90851),
            1.0,
            "Beijing railway station (Baidu API)",
        );
    }

    #[test]
    fn the_offsets_are_hundreds_of_metres_in_china_and_nothing_abroad() {
        // Baiyin: GCJ-02 moves a point roughly 300–700 m, BD-09 further still.
        let baiyin = (104.1389, 36.5447);
        let gcj = wgs84_to_gcj02(baiyin);
        let shift = metres_between(baiyin, gcj);
        assert!((200.0..800.0).contains(&shift), "{shift} m");
        let bd = wgs84_to_bd09(baiyin).unwrap();
        assert!(metres_between(gcj, bd) > 500.0);
        // Paris, New York, Sydney: unchanged.
        for p in [(2.3522, 48.8566), (-74.006, 40.7128), (151.2093, -33.8688)] {
            assert_eq!(wgs84_to_gcj02(p), p);
            assert_eq!(wgs84_to_bd09(p), None);
        }
    }

    #[test]
    fn projection_keeps_proportions_and_fits_the_drawing() {
        // A box 1° by 1° at 60° north is half as wide on the ground as it is tall.
        let b = Bounds { west: 10.0, south: 59.5, east: 11.0, north: 60.5 };
        let p = Projection::fit(b, 400.0, 0.2, 5.0);
        assert_eq!(p.height, 800.0);
        let (x0, y0) = p.project((10.0, 60.5));
        let (x1, y1) = p.project((11.0, 59.5));
        assert!(x0.abs() < 1e-6 && y0.abs() < 1e-6, "{x0} {y0}");
        assert!((x1 - 400.0).abs() < 1.0 && (y1 - 800.0).abs() < 1e-6, "{x1} {y1}");
        // A clamped ratio centres the box instead of stretching it.
        let wide = Projection::fit(Bounds { west: 0.0, south: 0.0, east: 10.0, north: 1.0 }, 500.0, 0.6, 1.2);
        assert_eq!(wide.height, 300.0);
        let (_, y_top) = wide.project((5.0, 1.0));
        let (_, y_bottom) = wide.project((5.0, 0.0));
        assert!((y_top + y_bottom - 300.0).abs() < 1e-6, "centred vertically");
    }

    #[test]
    fn padding_gives_a_single_point_surroundings() {
        let b = Bounds::of([(104.2, 36.5)]).unwrap().padded(0.1, 0.05);
        assert!((b.north - b.south - 0.05).abs() < 1e-9);
        assert!(b.east - b.west > 0.05, "longitude span widened by 1/cos(lat)");
        assert!(b.west < 104.2 && b.east > 104.2);
    }
}
