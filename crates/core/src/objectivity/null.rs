//! The null district: the same pupils with their schools and classes shuffled, to show what the
//! indicators give when nothing but chance separates the schools.
//!
//! Within each procedure, the (school, class) labels of its participants are permuted at random
//! (absent pupils keep theirs); every pupil keeps the whole work — task scores, total, mark,
//! journal mark, variant. Schools and classes keep their sizes. A threshold that marks many
//! schools of the null is too loose; the share a real district gets beyond the null's is the
//! part the statistics attribute to the schools ([`crate::report::objectivity_scale`]).

use crate::model::Dataset;

/// SplitMix64: a small, fixed, portable generator (the same stream on every platform).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in 0..n (n > 0), by rejection.
    fn below(&mut self, n: usize) -> usize {
        let n = n as u64;
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let x = self.next();
            if x < zone {
                return (x % n) as usize;
            }
        }
    }
}

/// A copy of `ds` with each procedure's participants shuffled across schools and classes.
pub fn shuffled(ds: &Dataset, seed: u64) -> Dataset {
    let mut out = ds.clone();
    let mut rng = SplitMix(seed ^ 0x6E75_6C6C);
    for p in &mut out.procedures {
        let r = &mut p.results;
        let rows: Vec<usize> = (0..r.len()).filter(|&i| !r.absent[i]).collect();
        let mut labels: Vec<(u32, Option<String>)> = rows
            .iter()
            .map(|&i| (r.school[i], r.class[i].take()))
            .collect();
        for i in (1..labels.len()).rev() {
            labels.swap(i, rng.below(i + 1));
        }
        for (&i, (school, class)) in rows.iter().zip(labels) {
            r.school[i] = school;
            r.class[i] = class;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objectivity::testutil::{dataset, pupil};

    /// Sizes of schools and the multiset of works stay; who is where changes; the same seed
    /// gives the same district.
    #[test]
    fn keeps_sizes_and_works() {
        let rows: Vec<_> = (0..40u32)
            .map(|i| pupil(i % 4, "А", &[(i % 3) as u8, (i % 2) as u8], None, None))
            .collect();
        let ds = dataset(4, rows);
        let a = shuffled(&ds, 7);
        let (r0, r1) = (&ds.procedures[0].results, &a.procedures[0].results);
        let count =
            |r: &crate::model::PupilResults, s: u32| r.school.iter().filter(|&&x| x == s).count();
        for s in 0..4 {
            assert_eq!(count(r0, s), count(r1, s));
        }
        assert_eq!(r0.scores, r1.scores, "every pupil keeps the work");
        assert_eq!(r0.pupil, r1.pupil);
        assert_ne!(r0.school, r1.school, "pupils moved");
        assert_eq!(shuffled(&ds, 7), a);
        assert_ne!(shuffled(&ds, 8), a);
    }
}
