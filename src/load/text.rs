//! Text decoding: site files are read as people save them. A UTF-8 byte-order mark and CRLF
//! line ends are accepted; UTF-16 and GBK are refused with advice on how to re-save the file,
//! never garbled.

use std::path::Path;

use super::guard::{self, Guard, Refusal, TEXT_LIMIT};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Reads a text file of the site (`rel` from the site root) the way Windows tools save it:
/// a UTF-8 byte-order mark is dropped and CRLF line ends become LF. Other encodings are
/// refused with advice, never garbled. `None` without a message when the file is missing.
pub fn read_text(root: &Path, rel: &str, diags: &Diagnostics) -> Option<String> {
    read_text_limited(&Guard::new(root), rel, TEXT_LIMIT, diags)
}

/// [`read_text`] with a size limit of its own (map outlines are larger than pages).
pub fn read_text_limited(guard: &Guard, rel: &str, limit: u64, diags: &Diagnostics) -> Option<String> {
    let checked = guard.check_file(&guard.root().join(rel), limit).and_then(|e| guard::read_limited(&e, limit));
    let bytes = match checked {
        Ok(b) => b,
        Err(Refusal::Missing) => return None,
        Err(r) => {
            diags.push(r.diagnostic(rel));
            return None;
        }
    };
    match decode_text(&bytes) {
        Ok(text) => Some(text),
        Err(e) => {
            let mut d = Diagnostic::error(e.message).in_file(rel);
            if let Some(l) = e.line {
                d = d.at_line(l);
            }
            diags.push(d.help(e.help));
            None
        }
    }
}

const SAVE_AS_UTF8: &str = "open the file and save it as UTF-8 (Notepad: File → Save As → Encoding: UTF-8; WPS/Word: save as plain text, UTF-8)";

/// Why file bytes are not usable text: the message, the line, what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    pub message: String,
    pub line: Option<usize>,
    pub help: &'static str,
}

impl TextError {
    fn encoding(message: &str, line: Option<usize>) -> TextError {
        TextError { message: message.to_string(), line, help: SAVE_AS_UTF8 }
    }
}

/// Decodes file bytes to text, or says what encoding they seem to be in and where. Text with
/// a NUL character is refused too: it is invisible in editors and would reach the pages.
pub fn decode_text(bytes: &[u8]) -> Result<String, TextError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(TextError::encoding("the file is saved as UTF-16, not UTF-8", None));
    }
    if let Some(order) = utf16_without_bom(bytes) {
        let message = format!("the file is saved as UTF-16 ({order}, without a byte-order mark), not UTF-8");
        return Err(TextError::encoding(&message, None));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            if let Some(at) = s.find('\0') {
                return Err(TextError {
                    message: "the text contains a NUL character (U+0000), which is invisible and cannot be published"
                        .to_string(),
                    line: Some(line_at(bytes, at)),
                    help: "delete the character (it comes from copying out of another program or a broken save), or paste the text again as plain text",
                });
            }
            Ok(normalize_newlines(s))
        }
        Err(e) => {
            let at = e.valid_up_to();
            let what = if looks_like_gbk(&bytes[at..]) {
                "the file is not UTF-8: it looks like GBK/GB2312 (the old Chinese Windows encoding)"
            } else {
                "the file is not UTF-8 text"
            };
            Err(TextError::encoding(what, Some(line_at(bytes, at))))
        }
    }
}

/// 1-based line of the byte at `at`.
fn line_at(bytes: &[u8], at: usize) -> usize {
    bytes[..at.min(bytes.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// UTF-16 text without a byte-order mark: Latin letters, digits, `---` and line ends (every
/// front matter has them) are a character and a zero byte, so one byte in each pair of the
/// start is zero far more often than in any UTF-8 or GBK text (which has none).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    let start = &bytes[..bytes.len().min(1024) & !1];
    let pairs = start.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros_at = |offset: usize| start.iter().skip(offset).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 4 >= pairs && even * 4 < odd {
        Some("little-endian")
    } else if even * 4 >= pairs && odd * 4 < even {
        Some("big-endian")
    } else {
        None
    }
}

/// GBK encodes a Chinese character as a lead byte 0x81–0xFE and a trail byte 0x40–0xFE.
fn looks_like_gbk(bytes: &[u8]) -> bool {
    let mut pairs = 0;
    let mut i = 0;
    while i + 1 < bytes.len() && i < 400 {
        let (a, b) = (bytes[i], bytes[i + 1]);
        if a < 0x80 {
            i += 1;
            continue;
        }
        if (0x81..=0xFE).contains(&a) && (0x40..=0xFE).contains(&b) && b != 0x7F {
            pairs += 1;
            i += 2;
        } else {
            return false;
        }
    }
    pairs > 0
}

fn normalize_newlines(s: &str) -> String {
    if s.contains('\r') { s.replace("\r\n", "\n").replace('\r', "\n") } else { s.to_string() }
}
