//! Conversion scales: the user's scale, the catalogue of published scales, or a scale
//! inferred from (primary score, mark) pairs in the file — for each mark k the lowest primary
//! score with a mark of at least k — checked for contradicting rows.

use crate::model::{ProcedureKind, Scale, ScaleSource};

/// A published scale for the procedure (the catalogue, crates/core/data/vpr_scales.tsv), with
/// its maximum primary score and its source.
pub(crate) fn catalogue(
    kind: ProcedureKind,
    year: Option<u16>,
    subject: &str,
    grade: Option<u8>,
) -> Option<(Scale, f64, &'static str)> {
    let p = super::catalogue::find_scale(kind, year?, subject, grade?)?;
    Some((
        Scale {
            mark3: p.thresholds[0],
            mark4: p.thresholds[1],
            mark5: p.thresholds[2],
            source: ScaleSource::Catalogue,
        },
        p.max,
        p.source.as_str(),
    ))
}

/// The scale typed by the user.
pub(crate) fn user(t: [f64; 3]) -> Scale {
    Scale {
        mark3: t[0],
        mark4: t[1],
        mark5: t[2],
        source: ScaleSource::User,
    }
}

/// Infers thresholds from (total, mark) pairs: for each mark k, the observed total that
/// best separates marks below k from marks of at least k (with consistent data, the lowest
/// total with a mark of at least k). A few wrong marks do not move the thresholds; they are
/// then reported by [`contradictions`]. Needs at least five pairs and one pupil with each of
/// the marks 3, 4 and 5 at or above it.
pub(crate) fn infer(pairs: impl Iterator<Item = (f64, u8)>) -> Option<Scale> {
    let mut v: Vec<(f64, u8)> = pairs.filter(|(x, _)| x.is_finite()).collect();
    if v.len() < 5 {
        return None;
    }
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut t = [0.0; 3];
    for k in 3..=5u8 {
        let above_total = v.iter().filter(|p| p.1 >= k).count();
        if above_total == 0 {
            return None;
        }
        // err(j) = #(x >= x_j, m < k) + #(x < x_j, m >= k), over distinct x_j.
        let below_total = v.len() - above_total;
        let (mut lt_before, mut ge_before) = (0usize, 0usize);
        let mut best = (usize::MAX, 0.0);
        let mut i = 0;
        while i < v.len() {
            let x = v[i].0;
            let err = (below_total - lt_before) + ge_before;
            if err < best.0 {
                best = (err, x);
            }
            while i < v.len() && v[i].0 == x {
                if v[i].1 >= k {
                    ge_before += 1;
                } else {
                    lt_before += 1;
                }
                i += 1;
            }
        }
        t[(k - 3) as usize] = best.1;
    }
    let s = Scale {
        mark3: t[0],
        mark4: t[1],
        mark5: t[2],
        source: ScaleSource::Inferred,
    };
    s.is_ordered().then_some(s)
}

/// Rows whose mark differs from the scale's conversion of their total: (index, total, mark, expected).
pub(crate) fn contradictions<'a>(
    scale: &'a Scale,
    pairs: impl Iterator<Item = (usize, f64, u8)> + 'a,
) -> impl Iterator<Item = (usize, f64, u8, u8)> + 'a {
    pairs.filter_map(move |(i, x, m)| {
        let e = scale.mark(x);
        (e != m).then_some((i, x, m, e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_has_published_scales() {
        let (s, max, src) =
            catalogue(ProcedureKind::Vpr, Some(2021), "Математика", Some(4)).unwrap();
        assert_eq!((s.mark3, s.mark4, s.mark5, max), (6.0, 10.0, 15.0, 20.0));
        assert!(!src.is_empty());
        assert!(catalogue(ProcedureKind::Vpr, None, "Русский язык", Some(4)).is_none());
    }

    #[test]
    fn inferred_from_pairs_and_contradictions() {
        let pairs = [
            (3.0, 2),
            (10.0, 3),
            (12.0, 3),
            (16.0, 4),
            (20.0, 4),
            (21.0, 5),
            (24.0, 5),
            (9.0, 2),
        ];
        let s = infer(pairs.iter().copied()).unwrap();
        assert_eq!((s.mark3, s.mark4, s.mark5), (10.0, 16.0, 21.0));
        assert_eq!(s.source, ScaleSource::Inferred);
        // One pupil with 14 points and «5» does not move the threshold; the row is reported.
        let mut p2 = pairs.to_vec();
        p2.push((14.0, 5));
        let s2 = infer(p2.iter().copied()).unwrap();
        assert_eq!(s2.mark5, 21.0);
        let bad: Vec<_> =
            contradictions(&s2, p2.iter().enumerate().map(|(i, (x, m))| (i, *x, *m))).collect();
        assert_eq!(bad, vec![(8, 14.0, 5, 4)]);
        assert!(infer([(1.0, 3)].into_iter()).is_none());
    }
}
