//! Number formatting per language: Russian uses a decimal comma and a narrow no-break space
//! between thousands (`12 345,6`); English a decimal point and a comma (`12,345.6`).

use super::Lang;

const NNBSP: char = '\u{202F}';

/// An integer with thousands grouping.
pub fn fmt_int(n: usize, lang: Lang) -> String {
    let s = n.to_string();
    let sep = match lang {
        Lang::Ru => NNBSP,
        Lang::En => ',',
    };
    // Russian convention: four-digit numbers are written without a separator.
    if lang == Lang::Ru && s.len() <= 4 {
        return s;
    }
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A decimal number with `decimals` digits after the separator.
pub fn fmt_dec(x: f64, decimals: usize, lang: Lang) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let s = format!("{x:.decimals$}");
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let (neg, digits) = match int.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, int),
    };
    let mut out = String::new();
    if neg {
        out.push('−');
    }
    out.push_str(&fmt_int(digits.parse().unwrap_or(0), lang));
    if let Some(f) = frac {
        out.push(match lang {
            Lang::Ru => ',',
            Lang::En => '.',
        });
        out.push_str(f);
    }
    out
}

/// A share in 0..=1 as percent with one decimal: `87,5 %` / `87.5%`.
pub fn fmt_pct(share: f64, lang: Lang) -> String {
    let v = fmt_dec(share * 100.0, 1, lang);
    match lang {
        Lang::Ru => format!("{v}\u{00A0}%"),
        Lang::En => format!("{v}%"),
    }
}

/// A value already in percent (СОУ) with one decimal.
pub fn fmt_percent_value(v: f64, lang: Lang) -> String {
    fmt_pct(v / 100.0, lang)
}

/// A score or threshold: integers without decimals, others with up to two.
pub fn fmt_score(x: f64, lang: Lang) -> String {
    if (x - x.round()).abs() < 1e-9 {
        fmt_dec(x, 0, lang)
    } else {
        let s = fmt_dec(x, 2, lang);
        s.trim_end_matches('0').to_string()
    }
}

/// The serialised name of a unit enum (`concordance`, `not_confirmed`, …), for `data-*`
/// attributes and URL values that tests and filters read; empty when it has none.
pub fn wire_name<T: serde::Serialize>(x: &T) -> String {
    serde_json::to_value(x)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_numbers() {
        assert_eq!(fmt_int(1234, Lang::Ru), "1234");
        assert_eq!(fmt_int(12345, Lang::Ru), "12\u{202F}345");
        assert_eq!(fmt_dec(3.75, 2, Lang::Ru), "3,75");
        assert_eq!(fmt_pct(0.875, Lang::Ru), "87,5\u{00A0}%");
        assert_eq!(fmt_score(12.5, Lang::Ru), "12,5");
        assert_eq!(fmt_score(12.0, Lang::Ru), "12");
    }

    #[test]
    fn english_numbers() {
        assert_eq!(fmt_int(1234, Lang::En), "1,234");
        assert_eq!(fmt_int(1234567, Lang::En), "1,234,567");
        assert_eq!(fmt_dec(3.75, 2, Lang::En), "3.75");
        assert_eq!(fmt_pct(0.875, Lang::En), "87.5%");
        assert_eq!(fmt_dec(-2.5, 1, Lang::En), "−2.5");
    }
}
