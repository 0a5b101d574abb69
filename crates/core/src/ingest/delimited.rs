//! Delimited text (CSV): delimiter sniffing over `,` `;` and tab by per-line field-count
//! consistency (`;` wins a tie: Russian headers contain commas like «Рост, см»), quoted fields,
//! trailing delimiters and CRLF, read with the `csv` crate into a [`Grid`].

use super::grid::{Grid, GridRow};
use csv::{ReaderBuilder, StringRecord};

const CANDIDATES: [u8; 3] = [b';', b'\t', b','];

/// Picks the delimiter whose records have the most consistent field count (more than one field).
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let sample_end = text
        .char_indices()
        .filter(|(_, c)| *c == '\n')
        .nth(60)
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    let sample = text.get(..sample_end).unwrap_or(text);
    let mut best = (b';', f64::MIN);
    for d in CANDIDATES {
        let mut rdr = ReaderBuilder::new()
            .delimiter(d)
            .has_headers(false)
            .flexible(true)
            .from_reader(sample.as_bytes());
        let mut counts: Vec<usize> = Vec::new();
        let mut rec = StringRecord::new();
        while let Ok(true) = rdr.read_record(&mut rec) {
            if rec.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            counts.push(rec.len());
        }
        if counts.is_empty() {
            continue;
        }
        let mut sorted = counts.clone();
        sorted.sort_unstable();
        // Modal field count.
        let (mut mode, mut mode_n, mut i) = (0usize, 0usize, 0usize);
        while i < sorted.len() {
            let j = sorted[i..].iter().take_while(|&&x| x == sorted[i]).count();
            if j > mode_n || (j == mode_n && sorted[i] > mode) {
                mode = sorted[i];
                mode_n = j;
            }
            i += j;
        }
        if mode < 2 {
            continue;
        }
        let score = counts.iter().filter(|&&c| c == mode).count() as f64 / counts.len() as f64;
        // Strictly better only: `;` is tried first and wins a tie.
        if score > best.1 + 1e-9 {
            best = (d, score);
        }
    }
    best.0
}

/// Reads delimited text into a grid. Never panics; a malformed record ends the read with the
/// rows read so far and an error message.
pub(crate) fn read(text: &str, delimiter: u8) -> (Grid, Option<String>) {
    // The csv crate numbers lines by `\n` but starts a record before the `\n` of a CRLF:
    // normalise line ends so that line numbers are the ones an editor shows.
    let normalised;
    let text = if text.contains('\r') {
        normalised = text.replace("\r\n", "\n").replace('\r', "\n");
        normalised.as_str()
    } else {
        text
    };
    let mut rdr = ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut error = None;
    loop {
        let mut rec = StringRecord::new();
        match rdr.read_record(&mut rec) {
            Ok(true) => {
                let line = rec.position().map_or(rows.len() as u64 + 1, |p| p.line());
                rows.push(GridRow {
                    line: u32::try_from(line).unwrap_or(u32::MAX),
                    cells: rec,
                });
            }
            Ok(false) => break,
            Err(e) => {
                error = Some(e.to_string());
                break;
            }
        }
    }
    (
        Grid {
            rows,
            detail: String::new(),
        },
        error,
    )
}

/// A readable name of a delimiter.
pub(crate) fn delimiter_name(d: u8) -> &'static str {
    match d {
        b';' => "';'",
        b'\t' => "tab",
        b',' => "','",
        _ => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolon_wins_over_commas_in_headers() {
        let t = "Рост, см;Вес, кг;класс\n150;40;5а\n160;45;5б\n";
        assert_eq!(sniff_delimiter(t), b';');
    }

    #[test]
    fn comma_and_tab() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n4,5,6\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2\t3\n"), b'\t');
    }

    #[test]
    fn quoted_fields_trailing_delimiter_and_crlf() {
        let t = "\"a\";\"b; c\";\r\n\"1\";\"x \"\"y\"\"\";\r\n\"2\";\"3\";\r\n";
        let d = sniff_delimiter(t);
        assert_eq!(d, b';');
        let (g, err) = read(t, d);
        assert!(err.is_none());
        assert_eq!(g.rows.len(), 3);
        assert_eq!(g.rows[0].get(1), "b; c");
        assert_eq!(g.rows[1].get(1), "x \"y\"");
        assert_eq!(g.rows[2].line, 3);
        assert_eq!(g.width(), 2);
    }

    #[test]
    fn line_numbers_count_multiline_quoted_cells() {
        let t = "a;b\n\"x\ny\";1\n2;3\n";
        let (g, _) = read(t, b';');
        assert_eq!(g.rows[2].line, 4);
    }
}
