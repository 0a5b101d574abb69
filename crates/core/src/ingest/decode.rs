//! Text decoding: UTF-8, UTF-8 with BOM, UTF-16 with BOM and Windows-1251 (encoding_rs), and
//! detection of binary junk that is not a text table at all.

use std::borrow::Cow;

/// Decoded text and the encoding's name for the summary.
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
}

/// Why bytes are not a text table.
#[derive(Debug, PartialEq)]
pub(crate) enum DecodeError {
    Empty,
    Binary,
}

/// Decodes the bytes of a text file.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        let text = String::from_utf8_lossy(rest);
        return check(Decoded {
            text,
            encoding: "UTF-8 BOM",
        });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _) = enc.decode_with_bom_removal(bytes);
        return check(Decoded {
            text: Cow::Owned(text.into_owned()),
            encoding: "UTF-16",
        });
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => check(Decoded {
            text: Cow::Borrowed(s),
            encoding: "UTF-8",
        }),
        Err(e) if e.valid_up_to() + 4 > bytes.len() && e.error_len().is_none() => {
            // A UTF-8 file cut in the middle of a character.
            let text = String::from_utf8_lossy(bytes);
            check(Decoded {
                text,
                encoding: "UTF-8",
            })
        }
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(bytes);
            check(Decoded {
                text,
                encoding: "Windows-1251",
            })
        }
    }
}

fn check(d: Decoded<'_>) -> Result<Decoded<'_>, DecodeError> {
    if d.text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let sample: String = d.text.chars().take(8192).collect();
    let bad = sample
        .chars()
        .filter(|c| (c.is_control() && !matches!(c, '\t' | '\r' | '\n')) || *c == '\u{FFFD}')
        .count();
    if bad * 50 > sample.chars().count().max(1) {
        return Err(DecodeError::Binary);
    }
    Ok(d)
}

/// NUL bytes or many control bytes in the first 8 KiB mean this is not a text table.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let ctrl = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n' | 0x0C)))
        .count();
    head.contains(&0) || ctrl * 50 > head.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("a;b\n1;2\n".as_bytes()).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("класс;балл\n".as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!(d.encoding, "UTF-8 BOM");
        assert!(d.text.starts_with("класс"));
    }

    #[test]
    fn windows_1251() {
        let (b, _, _) = encoding_rs::WINDOWS_1251.encode("логин школы;класс\nsch1;5а\n");
        let d = decode(&b).unwrap();
        assert_eq!(d.encoding, "Windows-1251");
        assert!(d.text.contains("логин школы"));
    }

    #[test]
    fn binary_and_empty() {
        assert_eq!(decode(b"").err(), Some(DecodeError::Empty));
        assert_eq!(decode(b"  \n\r\n").err(), Some(DecodeError::Empty));
        let junk: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert_eq!(decode(&junk).err(), Some(DecodeError::Binary));
    }
}
