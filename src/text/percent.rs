//! Percent-escapes (`%E4%B8%AD`) in addresses: links written by editors that escape
//! non-ASCII file names, request paths of the preview server (`serve`), and the address policy's
//! look at what a browser would decode. Bad escapes (`%zz`, a lone `%`) are kept as written.

/// The bytes `s` stands for.
pub fn decode_bytes(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = ((bytes[i + 1] as char).to_digit(16), (bytes[i + 2] as char).to_digit(16))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// The text `s` stands for, or `s` itself when the escapes do not make UTF-8 (a file name
/// is then looked up as written).
pub fn decode(s: &str) -> String {
    String::from_utf8(decode_bytes(s)).unwrap_or_else(|_| s.to_string())
}

/// The text `s` stands for, invalid bytes replaced: what a browser would see, for checks
/// that must not be dodged by adding one bad byte.
pub fn decode_lossy(s: &str) -> String {
    String::from_utf8_lossy(&decode_bytes(s)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_and_keeps_bad_ones() {
        assert_eq!(decode("a%20b.md"), "a b.md");
        assert_eq!(decode("%E4%B8%AD.md"), "中.md");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("/%zz"), "/%zz");
        assert_eq!(decode("%FF.md"), "%FF.md");
        assert_eq!(decode_lossy("%6Aavascript:%FF"), "javascript:\u{FFFD}");
    }
}
