//! Outlines for the site's maps: GeoJSON files under `data/` named in `site.yaml`
//! (`map: {outlines: data/baiyin.geojson}`), read once per build.
//!
//! Only areas are drawn: Polygon and MultiPolygon geometries, bare or in Features and
//! FeatureCollections. A feature's `id` (or `properties.id`) ties it to a region of
//! `data/regions.yaml`, whose page then highlights it; `properties.name` (text or
//! `{zh: …, en: …}`) is its tooltip. Every mistake is reported with the file's line and
//! column: the coordinates are checked while they are read, so the position is exact.

use std::fmt;
use std::path::Path;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::geo::{Bounds, LonLat};
use crate::load::config::{CONFIG_FILE, MapSettings};
use crate::load::fields::LangText;

/// One area to draw: a polygon or several, each a list of rings (the first the outer edge,
/// any further ones holes), each ring a list of WGS84 positions.
#[derive(Debug, Clone)]
pub struct Outline {
    pub id: Option<String>,
    pub name: LangText,
    pub polygons: Vec<Vec<Vec<LonLat>>>,
    pub bounds: Bounds,
}

const HELP: &str = "an outline file is GeoJSON: a FeatureCollection of Features whose geometry is a Polygon or MultiPolygon, positions written [longitude, latitude] in WGS84";

/// Reads every outline file `site.yaml` names; problems are reported and the file skipped.
pub fn load(root: &Path, settings: &MapSettings, diags: &Diagnostics) -> Vec<Outline> {
    let mut out = Vec::new();
    let guard = crate::load::Guard::new(root);
    for rel in &settings.outlines {
        let path = root.join(rel);
        if std::fs::symlink_metadata(&path).is_err() {
            let mut d = Diagnostic::error(format!("the outline file {rel} does not exist"))
                .in_file(CONFIG_FILE)
                .field("map.outlines");
            if let Some(line) = settings.line.filter(|l| *l > 0) {
                d = d.at_line(line);
            }
            diags.push(d.help(
                "put the GeoJSON file under data/ and give its path from the site folder, e.g. data/baiyin.geojson",
            ));
            continue;
        }
        let Some(text) = crate::load::read_text_limited(&guard, rel, crate::load::OUTLINE_LIMIT, diags) else {
            continue;
        };
        match parse(rel, &text) {
            Ok(list) if list.is_empty() => {
                diags.push(
                    Diagnostic::warning("no Polygon or MultiPolygon in this file: nothing to draw")
                        .in_file(rel)
                        .help(HELP),
                );
            }
            Ok(list) => out.extend(list),
            Err(d) => diags.push(*d),
        }
    }
    out
}

/// Parses one GeoJSON text; the error names the line and column.
pub fn parse(rel: &str, text: &str) -> Result<Vec<Outline>, Box<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = Object::deserialize(&mut de).and_then(|o| de.end().map(|()| o));
    match parsed {
        Ok(o) => Ok(o.outlines),
        Err(e) => Err(Box::new(located(rel, text, &e))),
    }
}

/// A serde_json error as a diagnostic at its line, with the column in the message (outline
/// files are often written on one long line).
fn located(rel: &str, text: &str, e: &serde_json::Error) -> Diagnostic {
    let full = e.to_string();
    let message = full.rsplit_once(" at line ").map(|(m, _)| m.to_string()).unwrap_or(full);
    let (line, column) = (e.line(), e.column());
    let mut d = Diagnostic::error(format!("{message} (column {column})")).in_file(rel);
    if line > 0 {
        d = d.at_line(line);
        d.snippet = text.lines().nth(line - 1).map(|l| excerpt(l, column));
    }
    d.help(HELP)
}

/// At most 80 characters of a line around `column` (1-based).
fn excerpt(line: &str, column: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= 100 {
        return line.to_string();
    }
    let start = column.saturating_sub(40).min(chars.len());
    let end = (start + 80).min(chars.len());
    let mut s: String = chars[start..end].iter().collect();
    if start > 0 {
        s.insert(0, '…');
    }
    if end < chars.len() {
        s.push('…');
    }
    s
}

/// Any GeoJSON object, reduced to the outlines it holds and its type.
struct Object {
    kind: String,
    outlines: Vec<Outline>,
}

impl<'de> Deserialize<'de> for Object {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ObjectVisitor)
    }
}

struct ObjectVisitor;

impl<'de> Visitor<'de> for ObjectVisitor {
    type Value = Object;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a GeoJSON object like {\"type\": \"Feature\", …}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Object, A::Error> {
        let mut kind: Option<String> = None;
        let mut children: Vec<Object> = Vec::new();
        let mut geometry: Option<Object> = None;
        let mut coordinates: Option<Coords> = None;
        let mut properties = Value::Null;
        let mut id: Option<String> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "type" => kind = Some(map.next_value()?),
                "features" | "geometries" => children = map.next_value()?,
                "geometry" => geometry = map.next_value()?,
                "coordinates" => coordinates = Some(map.next_value()?),
                "properties" => properties = map.next_value()?,
                "id" => id = id_text(&map.next_value::<Value>()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let kind = kind.ok_or_else(|| {
            de::Error::custom("this object has no \"type\" (Feature, FeatureCollection, Polygon or MultiPolygon)")
        })?;
        let outlines = match kind.as_str() {
            "FeatureCollection" => {
                if let Some(c) = children.iter().find(|c| c.kind != "Feature") {
                    return Err(de::Error::custom(format!("a FeatureCollection holds Features, not a {}", c.kind)));
                }
                children.into_iter().flat_map(|c| c.outlines).collect()
            }
            "GeometryCollection" => children.into_iter().flat_map(|c| c.outlines).collect(),
            "Feature" => {
                let id = id.or_else(|| properties.get("id").and_then(id_text));
                let name = properties.get("name").and_then(LangText::from_value).unwrap_or_default();
                let mut list = geometry.map(|g| g.outlines).unwrap_or_default();
                for o in &mut list {
                    o.id = id.clone();
                    o.name = name.clone();
                }
                list
            }
            "Polygon" => vec![outline(vec![polygon(coordinates)?])],
            "MultiPolygon" => {
                let Some(Coords::List(polys)) = coordinates else {
                    return Err(de::Error::custom(
                        "MultiPolygon \"coordinates\" must be a list of polygons, each a list of rings",
                    ));
                };
                let polys = polys.into_iter().map(|p| polygon(Some(p))).collect::<Result<Vec<_>, _>>()?;
                vec![outline(polys)]
            }
            "Point" | "MultiPoint" | "LineString" | "MultiLineString" => {
                return Err(de::Error::custom(format!(
                    "a {kind} cannot be drawn as an outline: outlines are Polygon or MultiPolygon (points come from the content's `location` fields)"
                )));
            }
            other => return Err(de::Error::custom(format!("unknown GeoJSON type \"{other}\""))),
        };
        Ok(Object { kind, outlines })
    }
}

fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn outline(polygons: Vec<Vec<Vec<LonLat>>>) -> Outline {
    let bounds = Bounds::of(polygons.iter().flatten().flatten().copied()).unwrap_or(Bounds {
        west: 0.0,
        south: 0.0,
        east: 0.0,
        north: 0.0,
    });
    Outline { id: None, name: LangText::None, polygons, bounds }
}

/// A Polygon's coordinates: a list of rings, each a list of positions.
fn polygon<E: de::Error>(c: Option<Coords>) -> Result<Vec<Vec<LonLat>>, E> {
    const SHAPE: &str =
        "Polygon \"coordinates\" must be a list of rings, each a list of [longitude, latitude] positions";
    let Some(Coords::List(rings)) = c else { return Err(E::custom(SHAPE)) };
    if rings.is_empty() {
        return Err(E::custom("a Polygon needs at least one ring"));
    }
    rings
        .into_iter()
        .map(|ring| match ring {
            Coords::List(points) => points
                .into_iter()
                .map(|p| match p {
                    Coords::Position(ll) => Ok(ll),
                    Coords::List(_) => Err(E::custom(SHAPE)),
                })
                .collect(),
            Coords::Position(_) => Err(E::custom(SHAPE)),
        })
        .collect()
}

/// Nested coordinate lists, checked while read: a list of numbers is a position.
enum Coords {
    Position(LonLat),
    List(Vec<Coords>),
}

impl<'de> Deserialize<'de> for Coords {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(CoordsVisitor)
    }
}

/// An item of a coordinate list: a number or another list.
enum Item {
    Number(f64),
    List(Coords),
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ItemVisitor)
    }
}

struct ItemVisitor;

impl<'de> Visitor<'de> for ItemVisitor {
    type Value = Item;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or a list of coordinates")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Item, E> {
        Ok(Item::Number(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Item, E> {
        Ok(Item::Number(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Item, E> {
        Ok(Item::Number(v as f64))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Item, A::Error> {
        CoordsVisitor.visit_seq(seq).map(Item::List)
    }
}

struct CoordsVisitor;

impl<'de> Visitor<'de> for CoordsVisitor {
    type Value = Coords;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of coordinates")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Coords, A::Error> {
        let mut numbers = Vec::new();
        let mut lists = Vec::new();
        while let Some(item) = seq.next_element::<Item>()? {
            match item {
                Item::Number(n) => numbers.push(n),
                Item::List(c) => lists.push(c),
            }
        }
        match (numbers.is_empty(), lists.is_empty()) {
            (false, false) => Err(de::Error::custom("this list mixes numbers and lists")),
            (false, true) => position(&numbers).map(Coords::Position).map_err(de::Error::custom),
            _ => {
                let positions = lists.iter().filter(|c| matches!(c, Coords::Position(_))).count();
                if positions > 0 && positions < 3 {
                    return Err(de::Error::custom(format!(
                        "a ring needs at least 3 positions, this one has {positions}"
                    )));
                }
                Ok(Coords::List(lists))
            }
        }
    }
}

/// `[longitude, latitude]` or `[longitude, latitude, altitude]`, in range.
fn position(n: &[f64]) -> Result<LonLat, String> {
    if !(2..=3).contains(&n.len()) {
        return Err(format!("a position is [longitude, latitude], found {} numbers", n.len()));
    }
    let (lon, lat) = (n[0], n[1]);
    if lat.abs() > 90.0 && lon.abs() <= 90.0 {
        return Err(format!(
            "[{lon}, {lat}]: longitude and latitude look swapped (GeoJSON writes [longitude, latitude])"
        ));
    }
    if lon.abs() > 180.0 || lat.abs() > 90.0 {
        return Err(format!(
            "[{lon}, {lat}] is not a position: longitude runs from -180 to 180, latitude from -90 to 90"
        ));
    }
    Ok((lon, lat))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: &str = r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "id": "county", "properties": {"name": {"zh": "测试县", "en": "Test County"}},
   "geometry": {"type": "Polygon", "coordinates": [[[104.0, 37.0], [104.2, 37.0], [104.2, 37.2], [104.0, 37.0]]]}},
  {"type": "Feature", "properties": {"id": "city"},
   "geometry": {"type": "MultiPolygon", "coordinates": [[[[103.9, 36.4], [104.3, 36.4], [104.3, 36.7]]], [[[105, 36], [105.1, 36], [105.1, 36.1]]]]}}
]}"#;

    #[test]
    fn reads_features_with_ids_names_and_bounds() {
        let list = parse("data/x.geojson", SQUARE).unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].id.as_deref(), Some("county"));
        assert_eq!(list[0].name.get("en", "zh"), Some("Test County"));
        assert_eq!(list[0].polygons[0][0].len(), 4);
        assert_eq!(list[1].id.as_deref(), Some("city"));
        assert_eq!(list[1].polygons.len(), 2);
        assert_eq!(list[1].bounds, Bounds { west: 103.9, south: 36.0, east: 105.1, north: 36.7 });
    }

    #[test]
    fn a_bare_geometry_is_an_outline() {
        let list = parse("data/x.geojson", r#"{"type":"Polygon","coordinates":[[[1,2],[3,4],[5,2]]]}"#).unwrap();
        assert_eq!(list.len(), 1);
        assert!(list[0].id.is_none());
    }

    fn error_of(text: &str) -> Diagnostic {
        *parse("data/bad.geojson", text).unwrap_err()
    }

    #[test]
    fn a_bad_position_is_reported_at_its_line() {
        let text =
            "{\"type\": \"Polygon\", \"coordinates\": [[\n  [104.0, 37.0],\n  [37.2, 104.2],\n  [104.2, 37.0]\n]]}";
        let d = error_of(text);
        assert_eq!(d.file.as_deref(), Some("data/bad.geojson"));
        assert_eq!(d.line, Some(3), "{d}");
        assert!(d.message.contains("look swapped"), "{d}");
        assert_eq!(d.snippet.as_deref(), Some("  [37.2, 104.2],"));
    }

    #[test]
    fn each_kind_of_mistake_has_its_message() {
        let cases = [
            ("{\"type\": \"Polygon\", \"coordinates\": [[[1, 2, 3, 4]]]}", "found 4 numbers"),
            ("{\"type\": \"Polygon\", \"coordinates\": [[[1, 2], [3, 4]]]}", "at least 3 positions"),
            ("{\"type\": \"Polygon\", \"coordinates\": [[[1, 2], [3, 4], \"x\"]]}", "a number or a list"),
            ("{\"type\": \"Point\", \"coordinates\": [104, 36]}", "a Point cannot be drawn"),
            ("{\"type\": \"Polygon\", \"coordinates\": [[1, 2], [3, 4], [5, 6]]}", "list of rings"),
            (
                "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Polygon\", \"coordinates\": [[[1,2],[3,4],[5,6]]]}]}",
                "holds Features",
            ),
            ("{\"coordinates\": [[[1,2],[3,4],[5,6]]]}", "no \"type\""),
            ("{\"type\": \"Polygon\", \"coordinates\": [[[200, 2], [3, 4], [5, 6]]]}", "longitude runs from -180"),
            ("{\"type\": \"Polygon\", \"coordinates\": [[[1,2],[3,4],[5,6]]]", "EOF"),
            ("{\"type\": \"Polygon\", \"coordinates\": [[[1,2],[3,4],[5,6]]]} x", "trailing"),
        ];
        for (text, want) in cases {
            let d = error_of(text);
            assert!(d.to_string().contains(want), "{text}\n→ {d}");
            assert_eq!(d.line, Some(1), "{d}");
        }
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let mut text = String::from("{\"type\": \"Polygon\", \"coordinates\": [[");
        for i in 0..50 {
            text.push_str(&format!("[104.{i:02}, 36.5], "));
        }
        text.push_str("[104.9, 136.5]]]}");
        let d = error_of(&text);
        let snippet = d.snippet.unwrap();
        assert!(snippet.chars().count() <= 82, "{snippet}");
        assert!(snippet.contains("136.5"), "{snippet}");
    }
}
