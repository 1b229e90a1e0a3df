//! Reading and writing the staff's sheets: `.xlsx`/`.xls` (calamine, rust_xlsxwriter) and
//! `.csv` in UTF-8 (with or without the BOM Excel writes) or GBK (what Excel saves on
//! Chinese Windows), and Excel's tab-separated "Unicode text" (UTF-16). Cells come out as text, dates as `YYYY-MM-DD`.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};

/// One sheet as text: the header row and the rows under it, with their Excel row numbers.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    /// Excel's number of the header row (1 for the first row).
    pub header_row: usize,
    pub headers: Vec<String>,
    /// (Excel row number, cells); rows with no text at all are left out.
    pub rows: Vec<(usize, Vec<String>)>,
}

/// A sheet larger than this is not a list of projects.
const MAX_BYTES: u64 = 50 * 1024 * 1024;

pub fn read(path: &Path, sheet: Option<&str>) -> Result<Sheet, String> {
    let bytes = read_bounded(path)?;
    match extension(path).as_str() {
        "csv" | "txt" => read_csv(path, &bytes),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(&bytes, sheet),
        other => Err(format!("{}: cannot read .{other} files; save the sheet as Excel (.xlsx) or CSV", path.display())),
    }
}

pub fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase()
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if meta.len() > MAX_BYTES {
        return Err(format!("{}: the file is larger than {} MB", path.display(), MAX_BYTES / 1024 / 1024));
    }
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, GBK otherwise: a GBK file is
/// almost never valid UTF-8, and Excel on Chinese Windows saves CSV as GBK.
pub fn decode_csv(bytes: &[u8]) -> String {
    // Excel's "Unicode text" is UTF-16 with a byte-order mark.
    for (bom, encoding) in [(b"\xFF\xFE", encoding_rs::UTF_16LE), (b"\xFE\xFF", encoding_rs::UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return encoding.decode_without_bom_handling(rest).0.into_owned();
        }
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GBK.decode(bytes).0.into_owned(),
    }
}

fn read_csv(path: &Path, bytes: &[u8]) -> Result<Sheet, String> {
    let text = decode_csv(bytes);
    // Excel saves "Unicode text" and some offices' exports with tabs between the cells.
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.contains('\t') && !first.contains(',') { b'\t' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("{}: row {}: {e}", path.display(), i + 1))?;
        rows.push((i + 1, record.iter().map(|c| c.trim().to_string()).collect()));
    }
    let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("csv").to_string();
    Ok(split_header(name, rows))
}

fn read_workbook(bytes: &[u8], wanted: Option<&str>) -> Result<Sheet, String> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| format!("the workbook cannot be read: {e}"))?;
    let names = book.sheet_names();
    let name = match wanted {
        Some(w) => names
            .iter()
            .find(|n| n.as_str() == w)
            .cloned()
            .ok_or_else(|| format!("the workbook has no sheet \"{w}\"; its sheets are: {}", names.join(", ")))?,
        None => names.first().cloned().ok_or("the workbook has no sheets")?,
    };
    let range = book.worksheet_range(&name).map_err(|e| format!("sheet \"{name}\": {e}"))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        // A sheet that starts below row 1 or right of column A keeps Excel's numbering.
        let mut cells: Vec<String> = vec![String::new(); left as usize];
        cells.extend(row.iter().map(cell_text));
        rows.push((top as usize + i + 1, cells));
    }
    Ok(split_header(name, rows))
}

/// The first row with any text is the header row.
fn split_header(name: String, rows: Vec<(usize, Vec<String>)>) -> Sheet {
    let mut rows = rows.into_iter().filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let Some((header_row, headers)) = rows.next() else { return Sheet { name, ..Sheet::default() } };
    Sheet { name, header_row, headers, rows: rows.collect() }
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTime(dt) => float_text(dt.as_f64()),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// `12.0` → `12`, `0.1` → `0.1`: a number as a person would type it.
fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { format!("{f}") }
}

/// Writes rows (the first is the header) as an `.xlsx` workbook or a `.csv` with a BOM,
/// so Excel opens the Chinese text correctly.
pub fn write(path: &Path, sheet_name: &str, rows: &[Vec<String>]) -> Result<(), String> {
    match extension(path).as_str() {
        "csv" => write_csv(path, rows),
        "xlsx" => write_xlsx(path, sheet_name, rows),
        other => Err(format!("cannot write .{other} files; name the file .xlsx or .csv")),
    }
}

fn write_csv(path: &Path, rows: &[Vec<String>]) -> Result<(), String> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        for r in rows {
            w.write_record(r).map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    std::fs::write(path, out).map_err(|e| format!("{}: {e}", path.display()))
}

fn write_xlsx(path: &Path, sheet_name: &str, rows: &[Vec<String>]) -> Result<(), String> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| format!("{}: {e}", path.display());
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = book.add_worksheet();
    ws.set_name(sheet_name).map_err(err)?;
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            // Every cell as text: a code like 0943-… or a date stays as written.
            if r == 0 {
                ws.write_string_with_format(r as u32, c as u16, text, &bold).map_err(err)?;
            } else if !text.is_empty() {
                ws.write_string(r as u32, c as u16, text).map_err(err)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0).map_err(err)?;
    book.save(path).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_text_in_the_encodings_excel_writes() {
        let text = "项目名称,总投资\n铜箔,1亿元\n";
        let utf8_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        let gbk = encoding_rs::GBK.encode(text).0.into_owned();
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        for bytes in [text.as_bytes().to_vec(), utf8_bom, gbk, utf16] {
            assert_eq!(decode_csv(&bytes), text);
        }
    }
}
