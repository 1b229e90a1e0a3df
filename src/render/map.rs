//! Static maps drawn at build time: an inline SVG of the regions, parks and projects that
//! have coordinates, over the outlines of `map.outlines`, with a key listing every point
//! and links out to AMap, Baidu Maps and OpenStreetMap.
//!
//! Nothing is loaded from another host (no tiles, no map API, no key): the page works the
//! same inside and outside China. The links out are plain links, with the point converted
//! to the datum each service expects (GCJ-02 for AMap, BD-09 for Baidu, WGS84 for OSM).
//!
//! Maps appear on the environment section page (everything), on region pages (the region
//! and what lies in it) and on park pages (the park, its projects and its region). The
//! approval number (审图号) is printed under a map exactly when outlines are drawn in it.
//!
//! The projection, the thinning of outlines and the placement of markers and names are
//! done here; the SVG markup is the theme's `map.svg`.

use std::fmt::Write as _;

use super::context::Cx;
use super::labels::{chamber_of, matching_chambers, sorted_children};
use super::model::{
    MapDrawing, MapGroup, MapLabel, MapLeader, MapMarker, MapModel, MapOutline, MapPoint, MapScale, MapSvgContext,
    PageContext,
};
use super::templates;
use crate::diagnostics::Diagnostics;
use crate::domain::{Domain, Park, Status};
use crate::geo::{self, Bounds, LonLat, Projection};
use crate::load::theme::Theme;
use crate::resolve::{Generated, Kind, Page};

/// Drawing width in SVG units; the SVG scales to the column, so text sizes below are
/// chosen for a 390 px phone (≈ 0.85 scale) and a desktop column (≈ 1.5).
const WIDTH: f64 = 420.0;
/// A map of a whole site may show at most this many projects (the newest open first); the
/// projects section lists them all.
const MAX_PROJECTS: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Symbol {
    Region,
    Park,
    Project,
    /// A chamber of commerce or liaison office (`data/chambers.yaml`).
    Chamber,
}

impl Symbol {
    fn id(self) -> &'static str {
        match self {
            Symbol::Region => "region",
            Symbol::Park => "park",
            Symbol::Project => "project",
            Symbol::Chamber => "chamber",
        }
    }
}

/// One located thing to draw and list.
struct Point {
    symbol: Symbol,
    name: String,
    url: String,
    at: LonLat,
    /// The letter or number shown in the marker and the key (parks A, B…; projects 1, 2…).
    mark: String,
    closed: bool,
}

/// What a page's map shows.
struct View {
    points: Vec<Point>,
    /// The region whose outline is highlighted.
    current: Option<String>,
    /// Smallest span in degrees of latitude, so a single point shows its surroundings.
    min_span: f64,
    /// Fit the whole of every outline (the overview) rather than just the points.
    whole_outlines: bool,
}

/// `page.map` for the pages that have a map; none elsewhere or with nothing located.
pub fn map(cx: &Cx, page: &Page) -> Option<MapModel> {
    let view = match (&page.kind, &page.generated, &page.domain) {
        (Kind::Section, _, _) if page.key == "environment" => Some(overview(cx)),
        (_, Some(Generated::Region(id)), _) => region_view(cx, id),
        (_, _, Domain::Park(p)) => Some(park_view(cx, page, p)),
        (_, _, Domain::Project(p)) => Some(project_view(cx, page, p)),
        (Kind::Section, _, _) if page.key == crate::resolve::chambers::SECTION => {
            Some(chambers_view(cx, sorted_children(cx, &page.key)))
        }
        (_, Some(Generated::ChamberFilter { facet, value }), _) => {
            Some(chambers_view(cx, matching_chambers(cx, facet, value)))
        }
        (_, Some(Generated::Chamber(_)), _) => chamber_view(cx, page),
        _ => None,
    };
    view.and_then(|v| draw(cx, v))
}

fn region_point(cx: &Cx, id: &str) -> Option<Point> {
    let r = cx.site.env.region(id)?;
    Some(Point {
        symbol: Symbol::Region,
        name: cx.text(&r.name),
        url: cx.site.page(&format!("regions/{id}")).map(|p| cx.page_url(p))?,
        at: r.location?,
        mark: String::new(),
        closed: false,
    })
}

fn page_point(cx: &Cx, page: &Page, symbol: Symbol, at: Option<LonLat>) -> Option<Point> {
    Some(Point {
        symbol,
        name: cx.title(page),
        url: cx.page_url(page),
        at: at?,
        mark: String::new(),
        closed: cx.status(page) == Some(Status::Closed),
    })
}

fn parks<'a>(cx: &Cx<'a>, keep: impl Fn(&Park) -> bool) -> Vec<(&'a Page, &'a Park)> {
    sorted_children(cx, "environment/parks")
        .into_iter()
        .filter_map(|p| match &p.domain {
            Domain::Park(d) if keep(d) => Some((p, d.as_ref())),
            _ => None,
        })
        .collect()
}

fn project_points(cx: &Cx, keep: impl Fn(&crate::domain::Project) -> bool) -> Vec<Point> {
    sorted_children(cx, "projects")
        .into_iter()
        .filter_map(|p| match &p.domain {
            Domain::Project(d) if keep(d) => page_point(cx, p, Symbol::Project, d.location),
            _ => None,
        })
        .take(MAX_PROJECTS)
        .collect()
}

/// Regions with no located sub-region: a city is shown through its counties.
fn leaf_regions<'a>(cx: &Cx<'a>, ids: &[&'a str]) -> Vec<&'a str> {
    // One pass over the regions, not one per id: the overview asks about every region.
    let shown_through_children: std::collections::HashSet<&str> =
        cx.site.env.regions.iter().filter(|r| r.location.is_some()).filter_map(|r| r.parent.as_deref()).collect();
    ids.iter().copied().filter(|id| !shown_through_children.contains(id)).collect()
}

fn overview(cx: &Cx) -> View {
    let ids: Vec<&str> = cx.site.env.regions.iter().map(|r| r.id.as_str()).collect();
    let mut points: Vec<Point> = leaf_regions(cx, &ids).into_iter().filter_map(|id| region_point(cx, id)).collect();
    points.extend(parks(cx, |_| true).into_iter().filter_map(|(p, d)| page_point(cx, p, Symbol::Park, d.location)));
    points.extend(project_points(cx, |_| true));
    View { points, current: None, min_span: 0.2, whole_outlines: true }
}

/// The region and what lies in it (a city: its counties, their parks and projects).
fn region_view(cx: &Cx, id: &str) -> Option<View> {
    let env = &cx.site.env;
    env.region(id)?;
    let mut ids = vec![id];
    ids.extend(env.regions.iter().filter(|r| r.parent.as_deref() == Some(id)).map(|r| r.id.as_str()));
    let mut points: Vec<Point> = leaf_regions(cx, &ids).into_iter().filter_map(|r| region_point(cx, r)).collect();
    points.extend(
        parks(cx, |d| ids.contains(&d.region.as_str()))
            .into_iter()
            .filter_map(|(p, d)| page_point(cx, p, Symbol::Park, d.location)),
    );
    points.extend(project_points(cx, |d| ids.contains(&d.region.as_str())));
    Some(View { points, current: Some(id.to_string()), min_span: 0.2, whole_outlines: false })
}

/// The park, the projects located in it and its region's seat for orientation.
fn park_view(cx: &Cx, page: &Page, park: &Park) -> View {
    let mut points: Vec<Point> = region_point(cx, &park.region).into_iter().collect();
    points.extend(page_point(cx, page, Symbol::Park, park.location));
    points.extend(project_points(cx, |d| d.park.as_deref() == Some(page.slug.as_str())));
    View { points, current: Some(park.region.clone()), min_span: 0.06, whole_outlines: false }
}

/// A project, its park and its region's seat: where the project is, or without its own
/// coordinates, the park it is in.
fn project_view(cx: &Cx, page: &Page, project: &crate::domain::Project) -> View {
    let mut points: Vec<Point> = region_point(cx, &project.region).into_iter().collect();
    if let Some(park) = project.park.as_deref().and_then(|slug| cx.site.park(slug)) {
        let at = match &park.domain {
            Domain::Park(d) => d.location,
            _ => None,
        };
        points.extend(page_point(cx, park, Symbol::Park, at));
    }
    points.extend(page_point(cx, page, Symbol::Project, project.location));
    View { points, current: Some(project.region.clone()), min_span: 0.06, whole_outlines: false }
}

fn chamber_point(cx: &Cx, page: &Page) -> Option<Point> {
    let c = chamber_of(cx, page)?;
    page_point(cx, page, Symbol::Chamber, c.location)
}

/// The directory's offices (or one filter's) wherever they are.
fn chambers_view(cx: &Cx, pages: Vec<&Page>) -> View {
    let points = pages.into_iter().filter_map(|p| chamber_point(cx, p)).collect();
    View { points, current: None, min_span: 0.5, whole_outlines: false }
}

/// The office and the regions it serves.
fn chamber_view(cx: &Cx, page: &Page) -> Option<View> {
    let c = chamber_of(cx, page)?;
    let mut points: Vec<Point> = c.regions.iter().filter_map(|r| region_point(cx, r)).collect();
    points.extend(chamber_point(cx, page));
    Some(View { points, current: None, min_span: 0.2, whole_outlines: false })
}

/// Parks get letters (A, B … Z, AA …), projects and chambers numbers.
fn assign_marks(points: &mut [Point]) {
    let (mut parks, mut projects) = (0usize, 0usize);
    for p in points {
        match p.symbol {
            Symbol::Park => {
                p.mark = letters(parks);
                parks += 1;
            }
            Symbol::Project | Symbol::Chamber => {
                projects += 1;
                p.mark = projects.to_string();
            }
            Symbol::Region => {}
        }
    }
}

fn letters(mut n: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The map as template data, or `None` when nothing on it has coordinates.
fn draw(cx: &Cx, mut view: View) -> Option<MapModel> {
    assign_marks(&mut view.points);
    let mut bounds = Bounds::of(view.points.iter().map(|p| p.at))?;
    let outlines = &cx.site.outlines;
    let mut fitted_to_outlines = view.whole_outlines;
    if view.whole_outlines {
        for o in outlines {
            bounds = bounds.union(o.bounds);
        }
    } else if let Some(o) = outlines.iter().find(|o| o.id.is_some() && o.id == view.current) {
        // A region's map shows the whole region (a park's map stays close to the park).
        if view.min_span > 0.1 {
            bounds = bounds.union(o.bounds);
            fitted_to_outlines = true;
        }
    }
    // Room around the points for the markers, their names and the scale bar; an outline
    // already leaves room inside it.
    let padding = if fitted_to_outlines { 0.06 } else { 0.2 };
    let proj = Projection::fit(bounds.padded(padding, view.min_span), WIDTH, 0.7, 1.3);
    let drawn: Vec<&crate::geojson::Outline> =
        outlines.iter().filter(|o| o.bounds.intersects(&proj.bounds())).collect();
    // A lone point on an empty background says nothing; over outlines it shows where it is.
    if view.points.len() < 2 && drawn.is_empty() {
        return None;
    }
    let drawing = drawing(cx, &view, &proj, &drawn);
    let map_settings = &cx.site.config.map;
    let with_outlines = !drawn.is_empty();
    Some(MapModel {
        svg: String::new(),
        drawing,
        approval: map_settings.approval.clone().filter(|_| with_outlines),
        note: Some(cx.text(&map_settings.note)).filter(|n| with_outlines && !n.is_empty()),
        groups: groups(cx, &view.points),
        count: view.points.len(),
    })
}

/// The key under the map: every point by kind, with its page and the links out.
fn groups(cx: &Cx, points: &[Point]) -> Vec<MapGroup> {
    [Symbol::Region, Symbol::Park, Symbol::Project, Symbol::Chamber]
        .into_iter()
        .filter(|s| points.iter().any(|p| p.symbol == *s))
        .map(|s| {
            let points = points
                .iter()
                .filter(|p| p.symbol == s)
                .map(|p| MapPoint {
                    kind: s.id(),
                    name: p.name.clone(),
                    url: p.url.clone(),
                    mark: p.mark.clone(),
                    closed: p.closed,
                    amap: amap_url(p.at, &p.name),
                    baidu: baidu_url(p.at, &p.name, &cx.t(&format!("map.kind.{}", s.id()))),
                    osm: osm_url(p.at),
                })
                .collect();
            MapGroup { kind: s.id(), title: cx.t(&format!("map.group.{}", s.id())), points }
        })
        .collect()
}

/// AMap (高德) takes GCJ-02.
pub fn amap_url(at: LonLat, name: &str) -> String {
    let (lon, lat) = geo::wgs84_to_gcj02(at);
    format!(
        "https://uri.amap.com/marker?position={lon:.6},{lat:.6}&name={}&coordinate=gaode&callnative=0",
        percent_encode(name)
    )
}

/// Baidu Maps takes BD-09 in China; abroad it reads WGS84 as it is.
pub fn baidu_url(at: LonLat, name: &str, content: &str) -> String {
    let ((lon, lat), coord) = match geo::wgs84_to_bd09(at) {
        Some(bd) => (bd, "bd09ll"),
        None => (at, "wgs84"),
    };
    format!(
        "https://api.map.baidu.com/marker?location={lat:.6},{lon:.6}&title={}&content={}&output=html&coord_type={coord}&src=webapp.investsite.map",
        percent_encode(name),
        percent_encode(content)
    )
}

/// OpenStreetMap takes WGS84, the content's own datum.
pub fn osm_url((lon, lat): LonLat) -> String {
    format!("https://www.openstreetmap.org/?mlat={lat:.6}&mlon={lon:.6}#map=14/{lat:.6}/{lon:.6}")
}

/// UTF-8 percent-encoding of a query value (unreserved characters kept).
fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

// ---------- drawing ----------

const PROJECT_R: f64 = 10.0;
const PARK_HALF: f64 = 10.0;
const REGION_R: f64 = 6.0;
const LABEL_SIZE: f64 = 15.0;

/// An axis-aligned box in drawing units, to keep labels and markers apart.
#[derive(Clone, Copy)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn around((x, y): (f64, f64), r: f64) -> Rect {
        Rect { x0: x - r, y0: y - r, x1: x + r, y1: y + r }
    }

    fn overlap(&self, o: &Rect) -> f64 {
        let w = (self.x1.min(o.x1) - self.x0.max(o.x0)).max(0.0);
        let h = (self.y1.min(o.y1) - self.y0.max(o.y0)).max(0.0);
        w * h
    }

    fn inside(&self, w: f64, h: f64) -> bool {
        self.x0 >= 0.0 && self.y0 >= 0.0 && self.x1 <= w && self.y1 <= h
    }
}

/// Width of a label in drawing units: CJK characters are square, Latin ones about half.
fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(|c| if c.is_ascii() { if c.is_ascii_uppercase() { 0.66 } else { 0.54 } } else { 1.0 }).sum::<f64>()
        * size
}

/// Fills `page.map.svg` from the theme's `map.svg`: drawn once, the same on every page of a
/// paginated list.
pub fn render_svg(
    tera: &tera::Tera,
    theme: &Theme,
    cx: &Cx,
    contexts: &mut [(String, PageContext)],
    diags: &Diagnostics,
) {
    let Some((_, first)) = contexts.first() else { return };
    let Some(map) = &first.page.map else { return };
    let ctx = MapSvgContext { lang: cx.lang, dir: cx.dir(), site: &cx.site_model, map: &map.drawing };
    let svg = templates::render(tera, theme, "map.svg", &ctx, &cx.shared, &first.page.url, diags).unwrap_or_default();
    for (_, ctx) in contexts {
        if let Some(map) = &mut ctx.page.map {
            map.svg = svg.clone();
        }
    }
}

fn drawing(cx: &Cx, view: &View, proj: &Projection, outlines: &[&crate::geojson::Outline]) -> MapDrawing {
    let (w, h) = (proj.width, proj.height);
    let outlines = outlines
        .iter()
        .map(|o| MapOutline {
            d: outline_path(proj, o),
            name: cx.text(&o.name),
            current: o.id.is_some() && o.id == view.current,
        })
        .collect();
    // Regions and parks first, then the regions' names where they cover no marker and no
    // other name, then projects on top (they sit inside parks), moved aside from what is
    // already drawn when they would hide it, with a leader line to their place.
    let mut taken: Vec<Rect> = Vec::new();
    let mut markers = Vec::new();
    let mut leaders = Vec::new();
    let mut labels = Vec::new();
    let mut place = |p: &Point, taken: &mut Vec<Rect>, markers: &mut Vec<MapMarker>| {
        let at = proj.project(p.at);
        let pos = place_marker(at, p.symbol, taken, w, h);
        if pos != at {
            leaders.push(MapLeader { x1: num(at.0), y1: num(at.1), x2: num(pos.0), y2: num(pos.1) });
        }
        taken.push(Rect::around(pos, marker_radius(p.symbol)));
        markers.push(marker(p, pos));
    };
    for symbol in [Symbol::Region, Symbol::Park] {
        for p in view.points.iter().filter(|p| p.symbol == symbol) {
            place(p, &mut taken, &mut markers);
        }
    }
    for p in view.points.iter().filter(|p| p.symbol == Symbol::Region) {
        if let Some((x, y, anchor, rect)) = place_label(proj.project(p.at), &p.name, &taken, w, h) {
            taken.push(rect);
            labels.push(MapLabel { x: num(x), y: num(y), anchor, text: p.name.clone() });
        }
    }
    for p in view.points.iter().filter(|p| matches!(p.symbol, Symbol::Project | Symbol::Chamber)) {
        place(p, &mut taken, &mut markers);
    }
    MapDrawing {
        width: w.to_string(),
        height: h.to_string(),
        outlines,
        label_size: LABEL_SIZE.to_string(),
        labels,
        leaders,
        markers,
        scale: scale_bar(cx, proj),
    }
}

/// A position in drawing units, to a tenth.
fn num(v: f64) -> String {
    format!("{v:.1}")
}

fn marker_radius(symbol: Symbol) -> f64 {
    match symbol {
        Symbol::Region => REGION_R + 2.0,
        Symbol::Park => PARK_HALF + 1.0,
        Symbol::Project | Symbol::Chamber => PROJECT_R + 1.0,
    }
}

/// Where a marker goes: on its point, or moved aside on a ring around it (with a leader
/// line) when it would hide a marker already drawn, as in a cluster of projects in a park.
fn place_marker(at: (f64, f64), symbol: Symbol, taken: &[Rect], w: f64, h: f64) -> (f64, f64) {
    let r = marker_radius(symbol);
    let free = |p: (f64, f64)| taken.iter().all(|t| Rect::around(p, r).overlap(t) < r * r * 0.5);
    if symbol == Symbol::Region || free(at) {
        return at;
    }
    for ring in 1..=3 {
        let dist = r * 2.2 * ring as f64;
        for k in 0..8 {
            let a = std::f64::consts::PI / 4.0 * k as f64 - std::f64::consts::PI / 4.0;
            let p = (at.0 + dist * a.cos(), at.1 + dist * a.sin());
            if Rect::around(p, r).inside(w, h) && free(p) {
                return p;
            }
        }
    }
    at
}

fn marker(p: &Point, (x, y): (f64, f64)) -> MapMarker {
    let r = match p.symbol {
        Symbol::Region => REGION_R,
        Symbol::Park => PARK_HALF,
        Symbol::Project | Symbol::Chamber => PROJECT_R,
    };
    MapMarker {
        kind: p.symbol.id(),
        name: p.name.clone(),
        url: p.url.clone(),
        mark: p.mark.clone(),
        closed: p.closed,
        x: num(x),
        y: num(y),
        r: r.to_string(),
        left: num(x - r),
        top: num(y - r),
        size: (r * 2.0).to_string(),
        mark_y: num(y + 4.0),
    }
}

/// The first of right, left, above, below where a region's name is inside the drawing and
/// covers nothing; else the place covering least, or none when every place leaves it.
fn place_label(at: (f64, f64), text: &str, taken: &[Rect], w: f64, h: f64) -> Option<(f64, f64, &'static str, Rect)> {
    let tw = text_width(text, LABEL_SIZE);
    let gap = REGION_R + 4.0;
    let (x, y) = at;
    let (up, down) = (y - LABEL_SIZE * 0.65, y + LABEL_SIZE * 0.45);
    let row = |dy: f64, x0: f64, anchor: &'static str| {
        let left = match anchor {
            "start" => x0,
            "end" => x0 - tw,
            _ => x0 - tw / 2.0,
        };
        (x0, y + LABEL_SIZE * 0.35 + dy, anchor, Rect { x0: left, y0: up + dy, x1: left + tw, y1: down + dy })
    };
    let step = LABEL_SIZE * 0.9;
    let candidates = [
        row(0.0, x + gap, "start"),
        row(0.0, x - gap, "end"),
        row(-gap - LABEL_SIZE * 0.4, x, "middle"),
        row(gap + LABEL_SIZE * 0.4, x, "middle"),
        row(-step, x + gap, "start"),
        row(step, x + gap, "start"),
        row(-step, x - gap, "end"),
        row(step, x - gap, "end"),
    ];
    let cover = |r: &Rect| taken.iter().map(|t| r.overlap(t)).sum::<f64>();
    // The first place that covers nothing, else the one covering least.
    let inside: Vec<_> = candidates.into_iter().filter(|c| c.3.inside(w, h)).collect();
    inside
        .iter()
        .find(|c| cover(&c.3) == 0.0)
        .or_else(|| inside.iter().min_by(|a, b| cover(&a.3).total_cmp(&cover(&b.3))))
        .copied()
}

/// Rings as SVG path data, thinned to what the drawing can show (points closer than half a
/// unit to the last one kept are dropped), so a detailed boundary stays a few kilobytes.
fn outline_path(proj: &Projection, o: &crate::geojson::Outline) -> String {
    let mut d = String::new();
    for ring in o.polygons.iter().flatten() {
        let mut last: Option<(f64, f64)> = None;
        let mut n = 0;
        for &p in ring {
            let (x, y) = proj.project(p);
            if last.is_some_and(|(lx, ly)| (x - lx).hypot(y - ly) < 0.5) {
                continue;
            }
            let _ = write!(d, "{}{x:.1} {y:.1}", if n == 0 { "M" } else { "L" });
            last = Some((x, y));
            n += 1;
        }
        if n > 0 {
            d.push('Z');
        }
    }
    d
}

/// A scale bar of a round length (1, 2 or 5 × 10ⁿ km) about a fifth of the width.
fn scale_bar(cx: &Cx, proj: &Projection) -> MapScale {
    let b = proj.bounds();
    let mid_lat = (b.south + b.north) / 2.0;
    let metres_across = geo::metres_between((b.west, mid_lat), (b.east, mid_lat));
    let per_unit = metres_across / proj.width;
    let target = per_unit * proj.width / 5.0;
    let magnitude = 10f64.powf(target.log10().floor());
    let length = [5.0, 2.0, 1.0].into_iter().map(|m| m * magnitude).find(|l| *l <= target).unwrap_or(magnitude);
    let units = length / per_unit;
    let label = if length >= 1000.0 {
        cx.tf("map.km", &[("n", &format!("{:.0}", length / 1000.0))])
    } else {
        cx.tf("map.m", &[("n", &format!("{length:.0}"))])
    };
    let (x, y) = (12.0, proj.height - 14.0);
    MapScale {
        d: format!("M{x} {:.1}V{y}H{:.1}V{:.1}", y - 5.0, x + units, y - 5.0),
        x: x.to_string(),
        y: num(y - 8.0),
        label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_out_use_each_service_datum() {
        let at = (104.1389, 36.5447);
        let amap = amap_url(at, "白银市");
        let (glon, glat) = geo::wgs84_to_gcj02(at);
        assert!(
            amap.starts_with(&format!(
                "https://uri.amap.com/marker?position={glon:.6},{glat:.6}&name=%E7%99%BD%E9%93%B6%E5%B8%82"
            )),
            "{amap}"
        );
        let baidu = baidu_url(at, "Baiyin City", "Region");
        let (blon, blat) = geo::wgs84_to_bd09(at).unwrap();
        assert!(baidu.contains(&format!("location={blat:.6},{blon:.6}&title=Baiyin%20City&content=Region")), "{baidu}");
        assert!(baidu.contains("coord_type=bd09ll"));
        assert_eq!(
            osm_url(at),
            "https://www.openstreetmap.org/?mlat=36.544700&mlon=104.138900#map=14/36.544700/104.138900"
        );
        // Abroad: no shift, and Baidu is told the point is WGS84.
        let paris = (2.3522, 48.8566);
        assert!(amap_url(paris, "Paris").contains("position=2.352200,48.856600"));
        assert!(
            baidu_url(paris, "Paris", "x")
                .contains("location=48.856600,2.352200&title=Paris&content=x&output=html&coord_type=wgs84")
        );
    }

    #[test]
    fn park_letters_run_past_z() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
    }
}
