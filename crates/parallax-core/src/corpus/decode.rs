//! Bytes to text without moving a single offset.
//!
//! Every offset in parallax is a byte offset into the file as stored, so decoding never
//! changes lengths: a UTF-8 BOM stays in the text (the body starts after it) and each invalid
//! byte becomes one `?`. Text formats share this; what they cannot use at all (UTF-16, binary,
//! nothing but whitespace) is refused with a one-line reason.

/// The file as text with offsets identical to its bytes, and whether bytes were replaced;
/// `Err` is why the file is not usable text.
pub(super) fn decode(bytes: &[u8]) -> Result<(String, bool), String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("UTF-16 text is not supported; save it as UTF-8".into());
    }
    // Anywhere, not only in the first 8 KB: text with binary appended is not text.
    if bytes.contains(&0) {
        return Err("binary file, not text".into());
    }
    let (text, lossy) = decode_exact(bytes);
    if text.trim().is_empty() {
        return Err("empty file".into());
    }
    Ok((text, lossy))
}

/// Decodes UTF-8, replacing each invalid byte by `?` so that offsets are unchanged.
fn decode_exact(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), false),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len());
            for chunk in bytes.utf8_chunks() {
                out.push_str(chunk.valid());
                out.extend(std::iter::repeat_n('?', chunk.invalid().len()));
            }
            (out, true)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_keeps_offsets() {
        assert_eq!(decode(b"ab\xffcd"), Ok(("ab?cd".to_string(), true)));
        assert_eq!(decode("é".as_bytes()), Ok(("é".to_string(), false)));
    }

    #[test]
    fn unusable_bytes_say_why() {
        assert!(decode(b"\xff\xfeh\0i\0").unwrap_err().contains("UTF-16"));
        assert!(decode(b"a\0b").unwrap_err().contains("binary"));
        let late = [&b"Plain text. ".repeat(1000)[..], b"\0\x01\x02"].concat();
        assert!(decode(&late).unwrap_err().contains("binary"), "binary after the first 8 KB");
        assert_eq!(decode(b" \n\t").unwrap_err(), "empty file");
    }
}
